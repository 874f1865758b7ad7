"""A project without a register extract shows its municipality's published figures: the public
fact base (`samskab facts public`) in settings.PUBLIC_FACTS_DIR."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samskab.facts.public import build_public, public_fact_base
from samskab.projects.models import Area, Municipality, Project

FLY66 = """TILKOMMUNE;FRAKOMMUNE;ALDER;KØN;TID;INDHOLD
760;657;25;1;2023;10
760;657;26;2;2023;5
760;661;70;1;2023;2
657;760;30;1;2023;7
661;760;31;2;2023;3
760;657;25;1;2024;4
760;661;22;2;2024;6
657;661;40;2;2024;2
"""
BEV107 = """OMRÅDE;BEVÆGELSE;TID;INDHOLD
Ringkøbing-Skjern;Tilflyttede;2023;17
Ringkøbing-Skjern;Fraflyttede;2023;10
Ringkøbing-Skjern;Indvandrede;2023;31
Ringkøbing-Skjern;Udvandrede;2023;8
Ringkøbing-Skjern;Tilflyttede;2024;10
Ringkøbing-Skjern;Fraflyttede;2024;0
Ringkøbing-Skjern;Indvandrede;2024;29
Ringkøbing-Skjern;Udvandrede;2024;9
"""
FOLK1A = (
    "OMRÅDE;TID;INDHOLD\n760;2023K1;56912\n760;2024K1;56850\n657;2023K1;90000\n657;2024K1;90100\n"
)
KM1 = "SOGN;TID;INDHOLD\n7284 Ringkøbing;2023K1;9880\n7284 Ringkøbing;2024K1;9901\n7002 Hellevad;2024K1;512\n"


@pytest.fixture
def public(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "statbank"
    folder.mkdir()
    for name, text in (("FLY66", FLY66), ("BEV107", BEV107), ("FOLK1A", FOLK1A), ("KM1", KM1)):
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    build_public(public_fact_base(folder, 2023, 2024), Path(settings.PUBLIC_FACTS_DIR))
    return Path(settings.PUBLIC_FACTS_DIR)


def _page(client: Client, project: Project) -> str:
    response = client.get(reverse("factbase:overview", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_new_project_shows_its_municipalitys_published_figures(
    public: Path, project: Project, participant: User, client_for: Callable[[User | None], Client]
) -> None:
    Area.objects.create(project=project, name="Område 1", parishes=[7284, 9999])
    text = _text(_page(client_for(participant), project))
    assert "Offentlige tal for Ringkøbing-Skjern" in text
    # 2023: 17 in (10 + 5 + 2 from Herning and Holstebro), 10 out, 31 immigrated, 8 emigrated.
    assert "2023 17 10 +7 31 8 56.912" in text
    assert "2024 10 0 +10 29 9 56.850" in text
    # By age: 18-29 came from Herning (10 + 5 + 4) and Holstebro (6); 65+ from Holstebro.
    assert "18-29 25 Herning (19), Holstebro (6) 0 –" in text
    assert "30-44 0 – 10 Herning (7), Holstebro (3)" in text
    assert "65+ 2 Holstebro (2) 0 –" in text
    assert "Indbyggere pr. sogn 1. januar 2024" in text
    assert "Område 1 Ringkøbing 9.901" in text and "Hellevad" not in text
    assert "Kilde: Danmarks Statistik, statistikbanken.dk (BEV107, FLY66, FOLK1A, KM1)." in text
    assert "<svg" in _page(client_for(participant), project)


def test_the_figures_speak_english_too(
    public: Path, project: Project, facilitator: User, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(facilitator)
    client.cookies["django_language"] = "en"
    text = _text(_page(client, project))
    assert "Published figures for Ringkøbing-Skjern" in text
    assert "2023 17 10 +7 31 8 56,912" in text
    assert "Source: Statistics Denmark, statistikbanken.dk" in text


def test_without_the_public_fact_base_or_its_municipality_nothing_is_shown(
    settings: Any, public: Path, project: Project, facilitator: User,
    client_for: Callable[[User | None], Client],
) -> None:  # fmt: skip
    other = Project.objects.create(municipality=Municipality.objects.get(code=101), name="By")
    other.memberships.create(user=facilitator, role="facilitator")
    assert "Offentlige tal" not in _page(client_for(facilitator), other)
    settings.PUBLIC_FACTS_DIR = public.parent / "nowhere"
    page = _page(client_for(facilitator), project)
    assert "Offentlige tal" not in page and "Projektet har ingen data endnu" in page


def test_an_outsider_sees_no_figures(
    public: Path, project: Project, outsider: User, client_for: Callable[[User | None], Client]
) -> None:
    response = client_for(outsider).get(reverse("factbase:overview", args=[project.pk]))
    assert response.status_code in (403, 404)
    assert "Ringkøbing" not in response.content.decode()


def test_a_new_projects_villages_show_their_parishes_residents(
    public: Path, project: Project, facilitator: User, client_for: Callable[[User | None], Client]
) -> None:
    project.villages.filter(name="Hoven").update(parish="7002")
    text = _text(_page(client_for(facilitator), project))
    assert "Område eller landsby Sogn Indbyggere Hoven Hellevad 512" in text
    assert "9.901" not in text  # Ringkøbing is the parish of no area or village
