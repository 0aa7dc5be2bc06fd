"""explain and plan_path: exact answers on hand-made maps, and properties of every plan."""

from __future__ import annotations

import heapq
from itertools import count

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermap import (
    Catalogue,
    UsageError,
    catalogue_from_data,
    evaluate,
    find_role,
    load_catalogue,
    person_report,
)
from careermap.explanation import explain
from careermap.planner import DEFAULT_BUDGET, Plan, RoutePlanner, plan_path

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
    moves: list[tuple[int, object, tuple[str, ...]]] = [
        (q.course_months, q.requires, (q.code,))
        for q in catalogue.qualifications
        if q.course_months
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
        for months, needs, gives in moves:
            if isinstance(needs, str) and not eligible(catalogue, state, needs):
                continue  # a role not open
            if isinstance(needs, tuple) and needs and not any(set(r) <= state for r in needs):
                continue  # a course whose prerequisites are not met
            following = evaluate(catalogue, state | set(gives)).effective
            if following != state:
                heapq.heappush(frontier, (cost + months, next(order), following))
    return None


@pytest.mark.parametrize("budget", [DEFAULT_BUDGET, 0], ids=["searched", "greedy"])
@given(maps(), frozen_held_sets, st.data())
def test_following_a_plan_ends_eligible(
    budget: int, catalogue: Catalogue, held: frozenset[str], data: st.DataObject
) -> None:
    """Also when the search is cut short and the plan finished greedily (budget 0): no
    role before its entry requirements, no course before its prerequisites, no step that
    gives nothing new."""
    target = data.draw(st.sampled_from([role.id for role in catalogue.roles]))
    plan = plan_path(catalogue, target, held, budget=budget)
    if not plan.reachable:
        return
    state = evaluate(catalogue, held).effective
    for step in plan.steps:
        if step.kind == "role":
            assert eligible(catalogue, state, step.id)
        else:  # no course before its prerequisites
            needs = catalogue.qualifications_by_code[step.id].requires
            assert not needs or any(set(route) <= state for route in needs)
        assert step.gives
        assert not set(step.gives) <= state
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
        assert plan.proven_cheapest
        greedy = plan_path(catalogue, target, held, budget=0)
        assert greedy.total_months >= best
        assert greedy.total_months == best or not greedy.proven_cheapest
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


def test_a_plan_to_the_role_held_is_refused(paths: Catalogue) -> None:
    with pytest.raises(UsageError, match="senior is the role the person works in already"):
        plan_path(paths, "senior", set(), current_role="senior")


def wide_route(codes: int, *, alternatives: bool) -> Catalogue:
    """One role needing ``codes`` codes, each from a course of its own and, with
    ``alternatives``, also from a dearer course that counts as it."""
    quals: list[dict[str, object]] = [
        {"code": f"C{i:03d}", "name": f"Course {i}", "course_months": 1 + i % 5}
        for i in range(codes)
    ]
    if alternatives:
        quals += [
            {"code": f"D{i:03d}", "name": f"Dearer {i}", "course_months": 2 + i % 5,
             "satisfies": [f"C{i:03d}"]}
            for i in range(codes)
        ]  # fmt: skip
    role = {
        "id": "top",
        "title": "Top",
        "band": "A",
        "tracks": ["main"],
        "requires": [[f"C{i:03d}" for i in range(codes)]],
    }
    data = {"name": "wide", "bands": ["A"], "tracks": ["main"], "qualifications": quals}
    return catalogue_from_data({**data, "roles": [role]})


@pytest.mark.parametrize("alternatives", [False, True])
def test_a_wide_route_is_planned_exactly_without_trying_every_order(alternatives: bool) -> None:
    """Once exponential: 22 codes took 18 s. With one course a code, every course is
    forced and no search is left; with a dearer alternative for each, the search's bound
    is exact and it walks straight down: 40 states, 80 moves from each, an estimate of at
    most 40 codes for each, a budget that a wider search would run out of."""
    plan = plan_path(wide_route(40, alternatives=alternatives), "top", set(), budget=40 * 80 * 40)
    assert plan.proven_cheapest
    assert [step.id for step in plan.steps] == sorted(
        (f"C{i:03d}" for i in range(40)), key=lambda code: (1 + int(code[1:]) % 5, code)
    )
    assert plan.total_months == sum(1 + i % 5 for i in range(40))


def test_a_search_past_its_budget_still_gives_a_sound_plan_and_says_so(
    shipped: Catalogue,
) -> None:
    searched = plan_path(shipped, "senior-practice-quality-lead", {"GCSE", "EXP"})
    cut_short = plan_path(shipped, "senior-practice-quality-lead", {"GCSE", "EXP"}, budget=0)
    assert searched.proven_cheapest
    assert not cut_short.proven_cheapest
    assert cut_short.reachable
    assert cut_short.total_months >= searched.total_months


def test_a_report_plans_the_roles_ahead_next_step_first(paths: Catalogue) -> None:
    """Once the report planned months of work toward the role the person already has,
    and routes down the ladder: a senior (band B) is shown nothing for junior (band A)."""
    report = person_report(paths, set(), current_role=find_role(paths, "senior"))
    assert [plan.target.id for plan in report.plans] == ["manager", "director", "island"]
    assert report.next_steps == ("manager",)
    alone = {plan.target.id: plan for plan in report.plans}
    assert alone["manager"] == plan_path(paths, "manager", set(), current_role="senior")


def test_a_greedy_finish_put_in_order_keeps_no_idle_step() -> None:
    catalogue = load_catalogue(DATA / "greedy-reorder.yaml")
    searched = plan_path(catalogue, "role-10", [], current_role="role-0")
    greedy = plan_path(catalogue, "role-10", [], current_role="role-0", budget=0)
    assert all(step.gives for step in greedy.steps)
    assert greedy.total_months == searched.total_months == 11


def test_a_planner_outlives_the_shared_move_cache() -> None:
    """A planner kept while 20 other catalogues were planned once failed with KeyError:
    the cached course list it compared moves with by identity had been rebuilt."""
    data = {
        "name": "x", "bands": ["A"], "tracks": ["t1", "t2"],
        "qualifications": [{"code": "X", "name": "x", "course_months": 3},
                           {"code": "Y", "name": "y", "course_months": 4}],
        "roles": [
            {"id": "one", "title": "One", "band": "A", "tracks": ["t1"], "requires": [["Y"]]},
            {"id": "two", "title": "Two", "band": "A", "tracks": ["t2"], "requires": [["X"]]},
        ],
    }  # fmt: skip
    planner = RoutePlanner(catalogue_from_data(data), [])
    assert [step.id for step in planner.plan("one").steps] == ["Y"]
    for _ in range(20):
        plan_path(catalogue_from_data(data), "one", [])
    assert [step.id for step in planner.plan("two").steps] == ["X"]


def test_no_masters_course_before_a_degree_on_the_shipped_map(shipped: Catalogue) -> None:
    """The issue's example: from GCSE and experience, path once began with a 30-month
    Master's course; a Master's needs a degree (or another degree) first."""
    plan = plan_path(shipped, "senior-practice-quality-lead", {"GCSE", "EXP"})
    taken: set[str] = set()
    for step in plan.steps:
        if step.id == "MASTERS":
            assert taken & {"DEGREE", "DEGREE_OTHER"}
        taken |= set(step.gives)
    assert plan.steps[0].id != "MASTERS"
    assert shipped.qualifications_by_code["MASTERS"].requires == (("DEGREE",), ("DEGREE_OTHER",))
