"""explain and plan_path: exact answers on hand-made maps, and properties of every plan."""

from __future__ import annotations

import heapq
from itertools import count

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermap import Catalogue, evaluate, load_catalogue
from careermap.explanation import explain
from careermap.planner import Plan, plan_path

from ..conftest import DATA
from ..strategies import frozen_held_sets, maps

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


@given(maps(), frozen_held_sets, st.data())
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


@given(maps(), frozen_held_sets, st.data())
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


@given(maps(), frozen_held_sets)
def test_a_plan_for_a_role_already_met_is_empty(catalogue: Catalogue, held: frozenset[str]) -> None:
    for result in evaluate(catalogue, held).eligible:
        plan = plan_path(catalogue, result.role.id, held)
        assert plan.steps == ()
        assert plan.reachable
