"""The harness of the URL access tests: every URL pattern of the URL conf, the persona project
with one of every object a URL can name, and a request as a persona that leaves nothing behind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from http.cookies import SimpleCookie

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from samskab.accounts.models import Invitation
from samskab.evaluation.models import EvaluationRound, Response
from samskab.ideas.models import Idea
from samskab.initiatives.models import Milestone
from samskab.projects.models import Membership, Project, ProjectLogo, Role
from samskab.welcome.models import Event, Kind, VillagePage
from samskab.welcome.models import Invitation as EventInvitation
from samskab.workshops.models import AttentionPoint, Theme

from .initiatives_fixtures import TODAY, make_initiative
from .welcome_fixtures import sign_up
from .workshops_fixtures import activate

# The columns of every table: the six roles (the facilitator has a staff account, as municipal
# staff do), a signed-in outsider (a facilitator of another project, also staff), and an
# anonymous visitor.
PERSONAS = ("facilitator", "contact", "village_representative", "participant", "expert",
            "observer", "outsider", "anonymous")  # fmt: skip
METHODS = ("GET", "POST")
# A redirect to a sign-in page reads "in"; any other redirect "302"; else the status code.
SIGN_IN = ("/accounts/login/", "/admin/login/")


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name"; the route for a pattern without a name
    route: str  # the whole pattern, includes joined


def every_route() -> Iterator[Route]:
    """Yield every URL pattern of the URL conf, includes walked."""
    yield from _walk(get_resolver().url_patterns, "", "")


def _walk(patterns: list[URLPattern | URLResolver], prefix: str, ns: str) -> Iterator[Route]:
    for pattern in patterns:
        # Joined as Django joins them, so that a resolved path's `route` is this one.
        route = prefix + str(pattern.pattern).removeprefix("^" if prefix else "")
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (ns, pattern.namespace or "") if n)
            yield from _walk(pattern.url_patterns, route, inner)
        else:
            key = f"{ns}:{pattern.name}" if ns and pattern.name else pattern.name or route
            yield Route(key=key, route=route)


def fill(route: Route, values: dict[str, str]) -> str:
    """Return the path of the route with every parameter filled in from `values`, checked to
    resolve to that very route."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m[1]], route.route)  # regex
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], path)  # path converters
    path = "/" + path.replace("^", "").replace("$", "")
    match = resolve(path)
    assert match.route == route.route, (path, route)
    return path


@dataclass(frozen=True)
class World:
    project: Project
    people: dict[str, User | None]
    values: dict[str, str]  # every URL parameter's value, by name

    def path(self, route: Route) -> str:
        """Return the route's path; an admin page of a model names an existing object."""
        model = re.match(r"admin/(\w+)/(\w+)/<path:object_id>/", route.route)
        if model is None:
            return fill(route, self.values)
        found = ContentType.objects.get(app_label=model[1], model=model[2]).model_class()
        return fill(route, {**self.values, "object_id": str(found.objects.first().pk)})


@pytest.fixture(name="persona_project")
def persona_project_fixture(
    project, facilitator, contact, village_representative, participant, expert, observer, outsider
) -> World:
    """The project with a member in every role (the representative for Hoven), W4 active,
    an idea, an initiative owned by the participant and Hoven with the contact person as
    its contact, a milestone, an open invitation, and an open evaluation round asked of every
    member but the observer; Hoven's public page, a newcomer whose host is the
    representative, and an event with a former resident invited."""
    hoven = project.villages.get()
    Membership.objects.filter(user=village_representative).update(village=hoven)
    activate(project, 4)
    idea = Idea.objects.create(project=project, title="Byggegrunde", theme=Theme.HOUSING_SUPPLY)
    initiative = make_initiative(project, participant, contact, owner_village=hoven)
    milestone = Milestone.objects.create(initiative=initiative, title="Lokalplan", due=TODAY)
    invitation = Invitation.objects.create(
        project=project, email="ny@example.org", role=Role.PARTICIPANT
    )
    evaluation = EvaluationRound.objects.create(
        project=project, stage=EvaluationRound.Stage.AFTER_W4, opened=TODAY.replace(year=2000),
        closes=TODAY.replace(year=2999),
    )  # fmt: skip
    for person in (facilitator, contact, village_representative, participant, expert):
        Response.objects.create(round=evaluation, member=person)
    ProjectLogo.objects.create(project=project, png=b"\x89PNG")
    page = VillagePage.objects.create(village=hoven, slug="hoven")
    newcomer = sign_up(page, "Ida", host=village_representative)
    event = Event.objects.create(project=project, title="Håndbold", city=project.municipality,
                                 place="Hallen", starts=timezone.now())  # fmt: skip
    invited = EventInvitation.objects.create(
        event=event, person=sign_up(page, "Mads", kind=Kind.FORMER_RESIDENT, city_code=760)
    )
    Group.objects.create(name="Planafdelingen")  # so that every admin model has an object
    AccessAttempt.objects.create(username="gæt", get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(username="facilitator")
    AccessFailureLog.objects.create(username="gæt")
    values = {
        "project_id": project.pk, "number": 3, "idea_id": idea.pk, "user_id": participant.pk,
        "point_id": AttentionPoint.objects.filter(workshop__project=project).first().pk,
        "village_id": hoven.pk, "initiative_id": initiative.pk, "milestone_id": milestone.pk,
        "membership_id": Membership.objects.get(user=participant).pk, "slug": "net-migration",
        "token": invitation.token, "uidb64": "MQ", "id": participant.pk, "app_label": "projects",
        "content_type_id": ContentType.objects.get_for_model(Project).pk,
        "object_id": project.pk, "url": "nowhere/", "round_id": evaluation.pk,
        "answer_token": Response.objects.get(member=participant).token,
        "village_slug": "hoven", "person_id": newcomer.pk, "person_token": newcomer.token,
        "event_id": event.pk, "invitation_token": invited.token,
    }  # fmt: skip
    people = {
        "facilitator": facilitator, "contact": contact,
        "village_representative": village_representative, "participant": participant,
        "expert": expert, "observer": observer, "outsider": outsider, "anonymous": None,
    }  # fmt: skip
    return World(project, people, {k: str(v) for k, v in values.items()})


@pytest.fixture(name="world")
def world_fixture(persona_project: World, facts, segmented) -> World:
    """The persona project with its fact base imported, its segments fitted and a job queued."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(args_kwargs={"args": ["2025-01-01"], "kwargs": {}},
                                task_path="samskab.initiatives.tasks.send_followup",
                                backend_name="default")  # fmt: skip
    values = {"survey_id": str(segmented.survey_id), "fit_id": str(segmented.pk),
              "dataset_id": str(facts.pk)}  # fmt: skip
    return replace(persona_project, values={**persona_project.values, **values})


class Visitor:
    """A persona's browser whose every request is undone: the database in a rolled-back
    savepoint, the cookies (session, language, messages) put back as they were."""

    def __init__(self, user: User | None) -> None:
        self.client = Client(raise_request_exception=False)
        if user is not None:
            self.client.force_login(user)
        self.cookies = {key: morsel.value for key, morsel in self.client.cookies.items()}

    def outcome(self, method: str, path: str) -> str:
        """Return the outcome of an empty GET or POST of the path."""
        self.client.cookies = SimpleCookie(self.cookies)
        with transaction.atomic():
            response = getattr(self.client, method.lower())(path)
            transaction.set_rollback(True)
        if response.status_code == 302 and response["Location"].startswith(SIGN_IN):
            return "in"
        return str(response.status_code)


def read_table(text: str, columns: int) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Return {row key: outcomes} from a literal table: a row a line, its last `columns` words
    the outcomes and the words before them its key; a line starting with # is a heading."""
    rows: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in text.strip().splitlines():
        words = line.split()
        if words and not words[0].startswith("#"):
            key, outcomes = tuple(words[:-columns]), tuple(words[-columns:])
            assert key not in rows and len(key) >= 1, f"a row twice or without a key: {line}"
            rows[key] = outcomes
    return rows


def differences(actual: dict, expected: dict) -> list[str]:
    """Return one line per row where the outcomes differ from the table, or it has no row."""
    return [
        f"{' '.join(key)}: got {' '.join(actual.get(key, ['(none)']))}, "
        f"the table says {' '.join(expected.get(key, ['(no row: decide who may use it)']))}"
        for key in sorted(actual.keys() | expected.keys())
        if actual.get(key) != expected.get(key)
    ]
