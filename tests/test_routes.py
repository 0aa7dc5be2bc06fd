"""explain and path: exact answers on hand-made maps, and properties of every plan."""

from __future__ import annotations

import heapq
import json
from itertools import count

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careermap import Catalogue, evaluate, load_catalogue
from careermap.catalogue import catalogue_from_data
from careermap.explanation import explain
from careermap.planner import Plan, plan_path

from .conftest import DATA, Run

PATHS = DATA / "paths.yaml"


@pytest.fixture(scope="module")
def paths() -> Catalogue:
    return load_catalogue(PATHS)


def steps(plan: Plan) -> list[tuple[str, str, tuple[str, ...], int]]:
    return [(step.kind, step.id, step.gives, step.months) for step in plan.steps]


def test_explain_says_how_each_requirement_is_met(shipped: Catalogue) -> None:
    explanation = explain(shipped, "team-leader", {"ILM7", "DIPSM"})
    assert not explanation.eligible
    assert explanation.closest == 1
    assert explanation.missing == ("L3TSM",)
    route = explanation.routes[1]
    assert [(c.code, c.met, c.via) for c in route.checks] == [
        ("DIPSM", True, None),
        ("L3TSM", False, None),
        ("ILM5", True, "ILM7"),
    ]


@pytest.mark.parametrize(
    ("target", "quals", "current", "expected", "route"),
    [
        (
            "manager",
            {"START"},
            None,
            [("role", "junior", ("CERT", "EXP"), 3), ("role", "senior", ("LEAD",), 4)],
            ("CERT", "LEAD", "EXP"),
        ),
        (
            "manager",
            set(),
            None,
            [("course", "LEAD", ("LEAD",), 10), ("course", "ADV", ("ADV",), 12)],
            ("ADV", "LEAD"),
        ),
        (
            "director",
            {"START"},
            None,
            [
                ("role", "junior", ("CERT", "EXP"), 3),
                ("role", "senior", ("LEAD",), 4),
                ("course", "ADV", ("ADV",), 12),
            ],
            ("ADV", "LEAD", "EXP"),
        ),
        (
            "manager",
            set(),
            "senior",
            [("role", "senior", ("LEAD",), 4), ("course", "ADV", ("ADV",), 12)],
            ("ADV", "LEAD"),
        ),
        ("manager", {"ADV", "LEAD"}, None, [], ("ADV", "LEAD")),
    ],
)
def test_exact_plans(
    paths: Catalogue,
    target: str,
    quals: set[str],
    current: str | None,
    expected: list[tuple[str, str, tuple[str, ...], int]],
    route: tuple[str, ...],
) -> None:
    plan = plan_path(paths, target, quals, current_role=current)
    assert steps(plan) == expected
    assert plan.route == route
    assert plan.total_months == sum(step[3] for step in expected)


def test_no_route_names_what_blocks_it(paths: Catalogue) -> None:
    plan = plan_path(paths, "island", {"START"})
    assert not plan.reachable
    assert plan.blocked_by == (("GOLD",), ("GOLD",))


def test_the_issue_examples_on_the_shipped_map(shipped: Catalogue) -> None:
    plan = plan_path(shipped, "team-leader", {"GCSE", "EXP"})
    assert [step.id for step in plan.steps] == [
        "trainee-recovery-worker",
        "recovery-worker",
        "practitioner",
        "senior-practitioner",
    ]
    plan = plan_path(shipped, "senior-practice-quality-lead", {"DEGREE", "L3TSM", "ILM3"})
    assert [step.id for step in plan.steps] == [
        "senior-practitioner",
        "practice-lead",
        "service-practice-lead",
    ]
    assert plan.route == ("MASTERS", "PRACTICE", "EXP_SIG")


def test_path_table_at_80_columns(run: Run) -> None:
    result = run("path", "--to", "team-leader", "--quals", "GCSE,EXP")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Path to Team Leader (team-leader, band G) from GCSE, EXP"
    assert lines[-1] == "Total: 36 months in 4 steps; then DIPSM + L3TSM + ILM5 is met."
    assert max(len(line) for line in lines) <= 80


def test_path_markdown_exactly(run: Run) -> None:
    result = run(
        "path", "--to", "director", "-q", "START", "--catalogue", str(PATHS), "-f", "markdown"
    )
    assert result.stdout == (
        "## Path to Director (director, band D) from START\n\n"
        "| step | kind | id | title | gives | months |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | role | junior | Junior | CERT; EXP | 3 |\n"
        "| 2 | role | senior | Senior | LEAD | 4 |\n"
        "| 3 | course | ADV | Advanced certificate | ADV | 12 |\n"
        "\n"
        "Total: 19 months in 3 steps; then ADV + LEAD + EXP is met.\n"
    )


def test_path_json_when_there_is_no_route(run: Run) -> None:
    result = run("path", "--to", "island", "--catalogue", str(PATHS), "-f", "json")
    assert json.loads(result.stdout) == {
        "catalogue": "Path test map",
        "target": {"id": "island", "title": "Island", "band": "D"},
        "quals": [],
        "reachable": False,
        "steps": [],
        "total_months": None,
        "route": None,
        "blocked_by": [["GOLD"], ["START", "GOLD"]],
    }


def test_path_says_when_the_target_is_already_met(run: Run) -> None:
    result = run("path", "--to", "practitioner", "-q", "degree")
    assert result.stdout.splitlines()[-1] == "Already eligible: DEGREE is met now."


def test_path_from_a_profile_role(run: Run, tmp_path: object) -> None:
    from pathlib import Path

    profile = Path(str(tmp_path)) / "me.yaml"
    profile.write_text("quals: []\nrole: senior\n", encoding="utf-8")
    result = run(
        "path", "--to", "manager", "--profile", str(profile), "--catalogue", str(PATHS), "-f", "csv"
    )
    assert result.stdout.splitlines()[1] == "1,role,senior,Senior,LEAD,4"


def test_explain_tree_and_csv(run: Run) -> None:
    result = run("explain", "team-leader", "-q", "ILM7,DIPSM")
    assert result.exit_code == 0
    assert "Team Leader (team-leader, band G) for DIPSM, ILM7: not yet eligible: needs L3TSM" in (
        result.stdout
    )
    assert "✔ ILM5 via ILM7" in result.stdout
    assert "Route 2: DIPSM + L3TSM + ILM5  <- closest: needs L3TSM" in result.stdout
    result = run("explain", "manager", "-q", "ADV", "--catalogue", str(PATHS), "-f", "csv")
    assert result.stdout == (
        "route,code,name,met,via\n"
        "1,ADV,Advanced certificate,yes,\n"
        "1,LEAD,Leadership,no,\n"
        "2,CERT,Certificate,yes,ADV\n"
        "2,LEAD,Leadership,no,\n"
        "2,EXP,Experience,no,\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("path", "--to", "boss"), "unknown role 'boss'"),
        (("path", "--to", "team-leader", "--from", "nobody"), "unknown role 'nobody'"),
        (("explain", "team-lead"), "did you mean team-leader?"),
    ],
)
def test_route_usage_errors(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


# Properties on random maps: codes Q0..Q5 (a code counts only as lower-numbered codes),
# some with courses; roles give codes after some months.
CODES = [f"Q{index}" for index in range(6)]


@st.composite
def maps(draw: st.DrawFn) -> Catalogue:
    qualifications = []
    for index, code in enumerate(CODES):
        lower = CODES[:index]
        satisfies = draw(st.lists(st.sampled_from(lower), unique=True, max_size=1)) if lower else []
        months = draw(st.none() | st.integers(1, 30))
        qualifications.append(
            {"code": code, "name": f"Qual {index}", "satisfies": tuple(satisfies),
             "course_months": months}
        )  # fmt: skip
    route = st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True).map(tuple)
    roles = []
    for index in range(draw(st.integers(1, 6))):
        gives = tuple(draw(st.lists(st.sampled_from(CODES), unique=True, max_size=2)))
        training = {"leads_to": gives, "months": draw(st.integers(1, 30))} if gives else {}
        roles.append(
            {"id": f"role-{index}", "title": f"Role {index}", "band": "A", "tracks": ("t",),
             "requires": tuple(draw(st.lists(route, min_size=1, max_size=2, unique_by=frozenset))),
             "training": training}
        )  # fmt: skip
    return catalogue_from_data(
        {"name": "random", "bands": ("A",), "tracks": ("t",),
         "qualifications": tuple(qualifications), "roles": tuple(roles)}
    )  # fmt: skip


def eligible(catalogue: Catalogue, held: frozenset[str], role_id: str) -> bool:
    return evaluate(catalogue, held).result_for(role_id).eligible


def brute_force_cost(catalogue: Catalogue, held: frozenset[str], target: str) -> int | None:
    """Plain Dijkstra over every set of codes, with no pruning and no heuristic."""
    start = evaluate(catalogue, held).effective
    moves = [
        (q.course_months, None, (q.code,)) for q in catalogue.qualifications if q.course_months
    ]
    moves += [
        (role.training.months, role.id, catalogue.gains(role))
        for role in catalogue.roles
        if catalogue.gains(role) and role.training.months
    ]
    order = count()
    frontier = [(0, next(order), start)]
    seen: set[frozenset[str]] = set()
    while frontier:
        cost, _, state = heapq.heappop(frontier)
        if state in seen:
            continue
        seen.add(state)
        if eligible(catalogue, state, target):
            return cost
        for months, role_id, gives in moves:
            if role_id is not None and not eligible(catalogue, state, role_id):
                continue
            following = evaluate(catalogue, state | set(gives)).effective
            if following != state:
                heapq.heappush(frontier, (cost + months, next(order), following))
    return None


held_sets = st.frozensets(st.sampled_from(CODES))


@settings(max_examples=200, deadline=None)
@given(maps(), held_sets, st.data())
def test_following_a_plan_ends_eligible(
    catalogue: Catalogue, held: frozenset[str], data: st.DataObject
) -> None:
    target = data.draw(st.sampled_from([role.id for role in catalogue.roles]))
    plan = plan_path(catalogue, target, held)
    if not plan.reachable:
        return
    state = evaluate(catalogue, held).effective
    for step in plan.steps:
        if step.kind == "role":
            assert eligible(catalogue, state, step.id)
        state = evaluate(catalogue, state | set(step.gives)).effective
    assert eligible(catalogue, state, target)
    assert plan.route is not None
    assert set(plan.route) <= state


@settings(max_examples=200, deadline=None)
@given(maps(), held_sets, st.data())
def test_plans_are_optimal_and_never_dearer_than_courses_alone(
    catalogue: Catalogue, held: frozenset[str], data: st.DataObject
) -> None:
    target = data.draw(st.sampled_from([role.id for role in catalogue.roles]))
    plan = plan_path(catalogue, target, held)
    best = brute_force_cost(catalogue, held, target)
    assert plan.reachable == (best is not None)
    if best is not None:
        assert plan.total_months == best
    courses_only = plan_path(catalogue, target, held, use_roles=False)
    if courses_only.reachable:
        assert plan.reachable
        assert plan.total_months <= courses_only.total_months
        assert all(step.kind == "course" for step in courses_only.steps)


@settings(max_examples=100, deadline=None)
@given(maps(), held_sets)
def test_a_plan_for_a_role_already_met_is_empty(catalogue: Catalogue, held: frozenset[str]) -> None:
    for result in evaluate(catalogue, held).eligible:
        plan = plan_path(catalogue, result.role.id, held)
        assert plan.steps == ()
        assert plan.reachable
