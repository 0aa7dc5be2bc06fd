"""Results to render, built once from the small test map, one of each kind."""

from __future__ import annotations

import pytest

from careermap import (
    Catalogue,
    analyse_team,
    career_map,
    catalogue_diff,
    check_report,
    compare,
    explain,
    next_report,
    person_report,
    plan_path,
    qualification_list,
    read_staff,
    role_detail,
    role_list,
    team_reports,
    unlocks,
)
from careermap.render import Subject
from careermap.subject import Kind

from ..conftest import DATA


@pytest.fixture(scope="session")
def subjects(small: Catalogue) -> dict[Kind, Subject]:
    """One result of every kind, for a person holding BASIC on the small map."""
    held = frozenset({"BASIC"})
    return {
        Kind.ROLE_REPORT: check_report(small, held),
        Kind.EXPLANATION: explain(small, "lead", held),
        Kind.PLAN: plan_path(small, "lead", held),
        Kind.TEAM: analyse_team(small, read_staff(DATA / "team.csv")),
        Kind.CAREER_MAP: career_map(small, held),
        Kind.PERSON_REPORT: person_report(small, held),
        Kind.ROLE_LIST: role_list(small),
        Kind.QUALIFICATION_LIST: qualification_list(small),
        Kind.ROLE_DETAIL: role_detail(small, "lead"),
        Kind.TEAM_REPORTS: team_reports(small, read_staff(DATA / "team.csv")),
        Kind.DIFF: catalogue_diff(small, small, read_staff(DATA / "team.csv")),
        Kind.UNLOCKS: unlocks(small, {"LEAD5"}, {"BASIC"}),
        Kind.COMPARISON: compare(small, ["helper", "lead"], {"BASIC"}),
    }


@pytest.fixture(scope="session")
def unassessed(small: Catalogue) -> dict[Kind, Subject]:
    """The kinds that can also be drawn without anyone's qualifications."""
    return {
        Kind.ROLE_REPORT: next_report(small, band="A"),
        Kind.CAREER_MAP: career_map(small),
    }
