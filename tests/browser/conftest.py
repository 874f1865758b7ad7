"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

The live server runs in a thread of this process, so the tests can create people and projects
with the ORM and read the mail the server sends (locmem backend). Playwright's sync API keeps an
event loop in the main thread, which makes Django refuse ORM calls there unless
DJANGO_ALLOW_ASYNC_UNSAFE is set; it is set while the browser is up.

Chromium comes from Debian's package (scripts/install-system-deps.sh), axe-core from npm
(`make test` installs it into .test-node/). Without them the tests are skipped on a developer's
machine and fail under CI.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.db import connections

from samskab.projects.models import Membership, Municipality, Project, Role, Village

PASSWORD = "a-long-test-password"
REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SAMSKAB_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = Path(
    os.environ.get("SAMSKAB_AXE_JS", REPO / ".test-node/node_modules/axe-core/axe.min.js")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
# Serious enough to stop a release; moderate and minor findings are printed only.
BLOCKING_IMPACTS = ("serious", "critical")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _require(path: Path, what: str, how: str) -> None:
    """Skip on a developer's machine, fail in CI, when a tool the tests need is missing."""
    if path.exists():
        return
    message = f"{what} not found at {path}; {how}"
    if _in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, started once for the session."""
    _require(CHROMIUM, "Chromium", "install Debian's chromium (scripts/install-system-deps.sh)")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    before = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            _carry_over_test_databases(before)
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
                # The connections opened while Playwright ran; the test databases cannot be
                # dropped at the end while they are open.
                connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _carry_over_test_databases(before: dict[str, Any]) -> None:
    """Give the connections seen while Playwright runs what the earlier ones knew.

    With an event loop running in the thread, Django keeps a separate set of connection objects
    (asgiref's Local). When the test databases were created before the browser started (other
    tests ran first), the snapshot of the migrated data that serialized_rollback restores lives on
    the earlier objects only."""
    for alias, earlier in before.items():
        contents = getattr(earlier, "_test_serialized_contents", None)
        now = connections[alias]
        if contents is not None and now is not earlier:
            now._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Start every test with an empty cache (see the web tests' fixture of that name): ids
    start again after a test, and the fact base caches its figures by the project's id."""
    cache.clear()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Callable[[], Any]]:
    """Return a function opening a page in a fresh browser (own cookies) on the live server.

    A Danish browser, as the users' are. Script errors on any page, and anything the content
    security policy refuses, fail the test."""
    contexts: list[Any] = []
    errors: list[str] = []

    def make() -> Any:
        context = browser.new_context(
            base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 800}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        page.on("console", lambda message: _note_policy_violation(page, message, errors))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, "script errors in the browser:\n" + "\n".join(errors)


def _note_policy_violation(page: Any, message: Any, errors: list[str]) -> None:
    """Count what the content security policy refused (an inline style or script) as an error."""
    if message.type == "error" and "Content Security Policy" in message.text:
        errors.append(f"{page.url}: {message.text}")


@pytest.fixture
def page(new_page: Callable[[], Any]) -> Any:
    """A page in a fresh browser on the live server."""
    return new_page()


@pytest.fixture
def log_in() -> Callable[[Any, User], None]:
    """Return a function that signs a person in through the login form."""

    def sign_in(page: Any, user: User) -> None:
        page.goto("/accounts/login/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("main").get_by_role("button", name="Log ind").click()
        page.wait_for_url(re.compile(r"/projects/$"))

    return sign_in


def _user(username: str, *, staff: bool = False) -> User:
    return User.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD,
        first_name=username.title(), is_staff=staff,
    )  # fmt: skip


@pytest.fixture
def project(live_server: Any) -> Project:
    municipality = Municipality.objects.get(code=760)
    project = Project.objects.create(municipality=municipality, name="Bosætning i Vest")
    Village.objects.create(project=project, name="Hoven", association="Hoven Borgerforening")
    return project


@pytest.fixture
def facilitator(project: Project) -> User:
    user = _user("facilitator", staff=True)
    Membership.objects.create(project=project, user=user, role=Role.FACILITATOR)
    return user


@pytest.fixture
def outsider(live_server: Any) -> User:
    """A signed-in person who is a member of another project only."""
    user = _user("outsider", staff=True)
    other = Project.objects.create(municipality=Municipality.objects.get(code=657), name="Andet")
    Membership.objects.create(project=other, user=user, role=Role.FACILITATOR)
    return user


@pytest.fixture
def outbox() -> list[mail.EmailMessage]:
    """The mail the live server has sent during the test (locmem backend)."""
    mail.outbox = []
    return mail.outbox


def _describe(violation: dict[str, Any], max_nodes: int | None = None) -> str:
    lines = [
        f"  [{violation['impact']}] {violation['id']}: {violation['help']}",
        f"    {violation['helpUrl']}",
    ]
    nodes = violation["nodes"]
    for node in nodes[:max_nodes]:
        target = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"])
        summary = (node.get("failureSummary") or "").replace("\n", "\n        ")
        lines.append(f"    - {target}\n        {node['html'][:200]}\n        {summary}")
    if max_nodes is not None and len(nodes) > max_nodes:
        lines.append(f"    … and {len(nodes) - max_nodes} more")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_js() -> Path:
    _require(
        AXE_JS,
        "axe-core",
        "install it for the tests: npm install --no-save --prefix .test-node axe-core@4",
    )
    return AXE_JS


# Every id an attribute points at must exist: a field's aria-describedby pointing nowhere leaves
# a screen reader without the hint or the error (axe only asks for a manual review of that).
_BROKEN_REFERENCES_JS = """() => {
  const broken = [];
  for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls", "for"]) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) broken.push(`${el.outerHTML.slice(0, 120)}: ${attr}="${id}"`);
      }
    }
  }
  return broken;
}"""


# The page's width against the window's, and the elements reaching furthest to the right.
_WIDTH_JS = """() => {
  const screen = window.innerWidth;
  const right = (el) => Math.round(el.getBoundingClientRect().right);
  const wide = [...document.querySelectorAll("body *")].filter((el) => right(el) > screen)
    .sort((a, b) => right(b) - right(a)).slice(0, 5)
    .map((el) => `${el.outerHTML.slice(0, 100)} (${right(el)} px)`);
  return {page: document.documentElement.scrollWidth, screen, wide};
}"""


def _wider_than_the_screen(page: Any, where: str) -> list[str]:
    """A page wider than the window makes a phone's reader scroll sideways for every line."""
    width = page.evaluate(_WIDTH_JS)
    if width["page"] <= width["screen"]:
        return []
    return [
        f"{where} is {width['page']} px wide on a {width['screen']} px screen:\n  "
        + "\n  ".join(width["wide"])
    ]


@pytest.fixture
def axe_problems(axe_js: Path) -> Callable[[Any, str], list[str]]:
    """Return a function that runs axe-core on the page and returns what must be fixed: serious
    or critical violations, attributes pointing at missing ids, and a page wider than the window. Other findings, and serious
    ones axe could not decide ("needs review"), are printed."""

    def problems(page: Any, label: str) -> list[str]:
        page.wait_for_load_state("load")
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through the browser's debugging protocol, which the page's content
            # security policy does not govern (a <script> tag added to the page would be refused).
            page.evaluate(f"() => {{ {axe_js.read_text()}\n }}")
        results = page.evaluate("async () => await window.axe.run(document)")
        version = results["testEngine"]["version"]
        where = f"{label} ({page.url})"
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
        others = [v for v in results["violations"] if v["impact"] not in BLOCKING_IMPACTS]
        review = [v for v in results["incomplete"] if v["impact"] in BLOCKING_IMPACTS]
        if others:
            print(f"axe-core {version}, {where}, not blocking:")
            print("\n".join(_describe(v, max_nodes=5) for v in others))
        if review:
            print(f"axe-core {version}, {where}, needs review:")
            print("\n".join(_describe(v, max_nodes=5) for v in review))
        found = []
        if blocking:
            found.append(
                f"axe-core {version} found {len(blocking)} serious or critical violation(s) on "
                f"{where}:\n" + "\n".join(_describe(v) for v in blocking)
            )
        broken = page.evaluate(_BROKEN_REFERENCES_JS)
        if broken:
            found.append(f"references to missing ids on {where}:\n  " + "\n  ".join(broken))
        found += _wider_than_the_screen(page, where)
        return found

    return problems


@pytest.fixture
def check_axe(axe_problems: Callable[[Any, str], list[str]]) -> Callable[[Any, str], None]:
    """Return a function that fails the test when axe_problems finds anything on the page."""

    def check(page: Any, label: str) -> None:
        found = axe_problems(page, label)
        if found:
            pytest.fail("\n".join(found), pytrace=False)

    return check


@pytest.fixture
def demo_facts(project: Project, facilitator: User, settings: Any, tmp_path: Path) -> None:
    """Import the demo municipality's data as the project's fact base (in the test's folder)."""
    from samskab.factbase.actions import start_import_demo

    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.FACTS_CACHE_DIR = tmp_path / "facts-cache"
    start_import_demo(project, user=facilitator)  # the test queue runs it at once
