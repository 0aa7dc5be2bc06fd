"""The shipped career map holds every role and requirement of the poster, exactly."""

from __future__ import annotations

import pytest

from careermap import (
    Catalogue,
    check_report,
    default_catalogue_path,
    evaluate,
    load_catalogue,
    plan_path,
)
from careermap.eligibility import Availability

ROLES = {
    "trainee-recovery-worker": ("C", [["EXP", "GCSE"]]),
    "recovery-worker": ("D", [["EXP", "L3TSM"]]),
    "trainee-case-manager": ("D", [["DEGREE_OTHER"], ["DEGREE"]]),
    "practitioner": ("E", [["DEGREE"], ["DIPSM", "L3TSM"]]),
    "senior-practitioner": ("F", [["DEGREE", "L3TSM", "ILM3"], ["DIPSM", "L3TSM", "ILM3"]]),
    "team-leader": ("G", [["DEGREE", "L3TSM", "ILM5"], ["DIPSM", "L3TSM", "ILM5"]]),
    "practice-lead": (
        "G",
        [["DEGREE", "PRACTICE", "L3TSM", "ILM3"], ["DIPSM", "PRACTICE", "L3TSM", "ILM3"]],
    ),
    "ops-manager": ("H", [["DEGREE", "L3TSM", "ILM5"]]),
    "practice-development-manager": (
        "H",
        [["DEGREE", "PRACTICE", "L3TSM", "ILM3"], ["DIPSM", "PRACTICE", "L3TSM", "ILM3"]],
    ),
    "service-manager": ("I", [["ILM7", "L3TSM"]]),
    "service-practice-lead": ("I", [["DEGREE", "PRACTICE", "EXP_SIG", "ILM3"]]),
    "senior-operational-manager": ("J", [["ILM7", "L3TSM"]]),
    "senior-practice-quality-lead": ("J", [["MASTERS", "PRACTICE", "EXP_SIG"]]),
}

PROGRESSIONS = {
    "trainee-recovery-worker": ["recovery-worker"],
    "recovery-worker": ["practitioner"],
    "trainee-case-manager": ["practitioner"],
    "practitioner": ["senior-practitioner"],
    "senior-practitioner": ["team-leader", "practice-lead"],
    "team-leader": ["ops-manager"],
    "ops-manager": ["service-manager"],
    "service-manager": ["senior-operational-manager"],
    "senior-operational-manager": [],
    "practice-lead": ["practice-development-manager"],
    "practice-development-manager": ["service-practice-lead"],
    "service-practice-lead": ["senior-practice-quality-lead"],
    "senior-practice-quality-lead": [],
}

CODES = [
    "GCSE", "EXP", "EXP_SIG", "L3TSM", "DIPSM", "DEGREE", "DEGREE_OTHER", "MASTERS",
    "PRACTICE", "ILM3", "ILM5", "ILM7", "CMI3", "CMI5", "CMI7",
]  # fmt: skip

COUNTS_AS = {
    "EXP_SIG": {"EXP"},
    "MASTERS": {"DEGREE"},
    "ILM5": {"ILM3"},
    "ILM7": {"ILM5", "ILM3"},
    "CMI3": {"ILM3"},
    "CMI5": {"ILM5", "ILM3"},
    "CMI7": {"ILM7", "ILM5", "ILM3"},
}


def test_shipped_catalogue_is_found_and_loads(shipped: Catalogue) -> None:
    assert default_catalogue_path().is_file()
    assert shipped.bands == ("C", "D", "E", "F", "G", "H", "I", "J")
    assert shipped.tracks == ("operations", "practice")
    assert [role.id for role in shipped.roles] == list(ROLES)


def test_every_code_of_the_contract_is_there(shipped: Catalogue) -> None:
    assert [q.code for q in shipped.qualifications] == CODES


@pytest.mark.parametrize(("role_id", "expected"), ROLES.items())
def test_role_band_and_entry_routes(shipped: Catalogue, role_id: str, expected: tuple) -> None:
    role = shipped.roles_by_id[role_id]
    band, routes = expected
    assert role.band == band
    assert [list(route) for route in role.requires] == routes


@pytest.mark.parametrize(("role_id", "targets"), PROGRESSIONS.items())
def test_progressions(shipped: Catalogue, role_id: str, targets: list[str]) -> None:
    assert list(shipped.roles_by_id[role_id].progresses_to) == targets


@pytest.mark.parametrize(
    ("role_id", "leads_to"),
    [
        ("trainee-recovery-worker", {"L3TSM"}),
        ("recovery-worker", {"DIPSM"}),
        ("trainee-case-manager", {"DIPSM"}),
        ("practitioner", {"ILM3", "L3TSM"}),
        ("senior-practitioner", {"ILM5", "PRACTICE"}),
        ("ops-manager", {"ILM7"}),
        ("service-practice-lead", {"MASTERS"}),
    ],
)
def test_training_leads_to(shipped: Catalogue, role_id: str, leads_to: set[str]) -> None:
    assert set(shipped.roles_by_id[role_id].training.towards()) == leads_to


def test_senior_case_manager_training_depends_on_the_track() -> None:
    """The poster: "Team Leader = ILM5, Practice Lead = relevant practice-based
    qualification"; the map gives ILM5 towards operations and PRACTICE towards practice."""
    shipped = load_catalogue()
    training = shipped.roles_by_id["senior-practitioner"].training
    assert training.towards(["operations"]) == ("ILM5",)
    assert training.towards(["practice"]) == ("PRACTICE",)
    to_team_leader = plan_path(shipped, "team-leader", {"DIPSM", "L3TSM", "ILM3", "EXP"})
    assert [step.gives for step in to_team_leader.steps] == [("ILM5",)]
    to_practice_lead = plan_path(shipped, "practice-lead", {"DIPSM", "L3TSM", "ILM3", "EXP"})
    assert [step.gives for step in to_practice_lead.steps] == [("PRACTICE",)]


def test_experience_as_the_map_means_it() -> None:
    shipped = load_catalogue()
    # A new starter with GCSEs gains relevant experience by volunteering, not a Master's.
    starter = plan_path(shipped, "trainee-recovery-worker", {"GCSE"})
    assert [(step.kind, step.id, step.months) for step in starter.steps] == [
        ("experience", "EXP", 6)
    ]
    # Being in a role is relevant experience.
    in_post = check_report(shipped, {"DIPSM", "L3TSM"}, current_role="practitioner")
    recovery = next(row for row in in_post.rows if row.role.id == "recovery-worker")
    assert recovery.availability is Availability.NOW
    # A Practice Development Manager builds significant experience in post.
    pdm = plan_path(
        shipped,
        "service-practice-lead",
        {"DEGREE", "PRACTICE", "ILM3", "L3TSM"},
        current_role="practice-development-manager",
    )
    assert [(step.id, step.gives, step.months) for step in pdm.steps] == [
        ("practice-development-manager", ("EXP_SIG",), 24)
    ]


@pytest.mark.parametrize("code", CODES)
def test_counts_as_is_followed_transitively(shipped: Catalogue, code: str) -> None:
    assert evaluate(shipped, {code}).effective == {code} | COUNTS_AS.get(code, set())


def test_entry_roles_are_on_both_tracks_and_the_rest_on_one(shipped: Catalogue) -> None:
    shared = {"trainee-recovery-worker", "recovery-worker", "trainee-case-manager"}
    shared |= {"practitioner", "senior-practitioner"}
    for role in shipped.roles:
        expected = 2 if role.id in shared else 1
        assert len(role.tracks) == expected, role.id


def test_titles_are_free_of_ocr_noise(shipped: Catalogue) -> None:
    text = default_catalogue_path().read_text(encoding="utf-8")
    for noise in ("«", "GAREER", "Band |", "SERVIGE", "ALGOHOL"):
        assert noise not in text
    assert shipped.roles_by_id["practitioner"].title == "Practitioner / Case Manager / Group Worker"


def test_loading_by_path_gives_an_equal_catalogue(shipped: Catalogue) -> None:
    assert load_catalogue(default_catalogue_path()) == shipped


def test_the_committed_schema_matches_the_models() -> None:
    import json

    from typer.testing import CliRunner

    from careermap.cli import app

    committed = default_catalogue_path().with_name("roles.schema.json")
    if not committed.is_file():  # installed package: the schema ships in the repository only
        pytest.skip("no data/roles.schema.json beside the catalogue")
    generated = CliRunner().invoke(app, ["schema"]).stdout
    assert json.loads(committed.read_text(encoding="utf-8")) == json.loads(generated), (
        "run: careermap schema --output data/roles.schema.json"
    )
