"""explain and plan_path: exact answers on hand-made maps, and properties of every plan."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import replace
from itertools import count, product

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
from careermap.planner import DEFAULT_BUDGET, Plan, RoutePlanner, Step, plan_path

from ..conftest import DATA
from ..strategies import CODES, frozen_held_sets, maps

PATHS = DATA / "paths.yaml"


@pytest.fixture(scope="module")
def paths() -> Catalogue:
    return load_catalogue(PATHS)


def steps(plan: Plan) -> list[tuple[str, str, tuple[str, ...], int, int]]:
    return [(step.kind, step.id, step.gives, step.months, step.start_month) for step in plan.steps]


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
    ("target", "quals", "current", "expected", "route", "months"),
    [
        (
            "manager",
            {"START"},
            None,
            [("role", "junior", ("CERT", "EXP"), 3, 0), ("role", "senior", ("LEAD",), 4, 3)],
            ("CERT", "LEAD", "EXP"),
            (7, 7),
        ),
        (  # one course at a time: the study lane takes them one after the other
            "manager",
            set(),
            None,
            [("course", "LEAD", ("LEAD",), 10, 0), ("course", "ADV", ("ADV",), 12, 10)],
            ("ADV", "LEAD"),
            (22, 22),
        ),
        (  # the course runs alongside the roles
            "director",
            {"START"},
            None,
            [
                ("role", "junior", ("CERT", "EXP"), 3, 0),
                ("course", "ADV", ("ADV",), 12, 0),
                ("role", "senior", ("LEAD",), 4, 3),
            ],
            ("ADV", "LEAD", "EXP"),
            (12, 19),
        ),
        (
            "manager",
            set(),
            "senior",
            [("role", "senior", ("LEAD",), 4, 0), ("course", "ADV", ("ADV",), 12, 0)],
            ("ADV", "LEAD"),
            (12, 16),
        ),
        ("manager", {"ADV", "LEAD"}, None, [], ("ADV", "LEAD"), (0, 0)),
    ],
)
def test_exact_plans(
    paths: Catalogue,
    target: str,
    quals: set[str],
    current: str | None,
    expected: list[tuple[str, str, tuple[str, ...], int, int]],
    route: tuple[str, ...],
    months: tuple[int, int],
) -> None:
    plan = plan_path(paths, target, quals, current_role=current)
    assert steps(plan) == expected
    assert plan.route == route
    assert (plan.total_months, plan.sequential_months) == months
    assert all(step.end_month == step.start_month + step.months for step in plan.steps)


def test_no_route_names_what_blocks_it(paths: Catalogue) -> None:
    plan = plan_path(paths, "island", {"START"})
    assert not plan.reachable
    assert plan.blocked_by == (("GOLD",), ("GOLD",))


def alongside(plan: Plan) -> list[tuple[str, str]]:
    """(course, role) pairs of the plan whose months overlap: study alongside work."""
    return [
        (course.id, role.id)
        for course in plan.steps
        if course.kind == "course"
        for role in plan.steps
        if role.kind == "role"
        and course.start_month < role.end_month
        and role.start_month < course.end_month
    ]


def test_the_issue_examples_on_the_shipped_map(shipped: Catalogue) -> None:
    """From GCSEs and experience to Team Leader took 36 months role after role; with an
    ILM course studied alongside work it takes fewer than the steps one after another."""
    plan = plan_path(shipped, "team-leader", {"GCSE", "EXP"})
    assert plan.proven_cheapest
    assert any(course.startswith("ILM") for course, _ in alongside(plan))
    assert plan.total_months < plan.sequential_months
    assert plan.total_months < 36
    plan = plan_path(shipped, "senior-practice-quality-lead", {"DEGREE", "L3TSM", "ILM3"})
    assert plan.route == ("MASTERS", "PRACTICE", "EXP_SIG")
    assert ("MASTERS", "senior-practitioner") in alongside(plan)


def test_a_course_alongside_work_runs_beside_the_current_role(shipped: Catalogue) -> None:
    """A recovery worker gains the DipSM in post and takes an ILM course alongside."""
    plan = plan_path(shipped, "team-leader", {"L3TSM", "EXP"}, current_role="recovery-worker")
    assert plan.steps[0].id == "recovery-worker"
    assert any(
        course.startswith("ILM") and role == "recovery-worker" for course, role in alongside(plan)
    )
    assert plan.total_months < plan.sequential_months


def test_a_course_that_stops_work_runs_beside_nothing(paths: Catalogue) -> None:
    """With ADV full-time, director takes the roles and then the course, one after the
    other: 19 months, where alongside work it took 12."""
    full_time = replace(
        paths,
        qualifications=tuple(
            replace(q, alongside_work=q.code != "ADV") for q in paths.qualifications
        ),
    )
    plan = plan_path(full_time, "director", {"START"})
    assert steps(plan) == [
        ("role", "junior", ("CERT", "EXP"), 3, 0),
        ("role", "senior", ("LEAD",), 4, 3),
        ("course", "ADV", ("ADV",), 12, 7),
    ]
    assert plan.total_months == plan.sequential_months == 19


def test_study_under_way_arrives_when_due_at_no_effort(paths: Catalogue) -> None:
    """ADV under way, due in 5 months: the plan relies on it and shows it from month 0;
    it holds the study lane, so LEAD's course could only start once it is due, and the
    roles are quicker anyway."""
    plan = plan_path(paths, "director", {"START"}, studying={"ADV": 5})
    assert [(s.id, s.under_way, s.start_month, s.end_month) for s in plan.steps] == [
        ("junior", False, 0, 3),
        ("ADV", True, 0, 5),
        ("senior", False, 3, 7),
    ]
    assert plan.total_months == 7
    # Due already: simply held, and no step.
    due = plan_path(paths, "director", {"START"}, studying={"ADV": 0})
    assert "ADV" in due.start
    assert [step.id for step in due.steps] == ["junior", "senior"]
    assert RoutePlanner(paths, {"START"}, studying={"ADV": -3}).plan("director") == due
    # Study the plan does without is not shown: LEAD by Senior comes before it is due.
    assert [step.id for step in plan_path(paths, "manager", {"START"}, studying={"LEAD": 9})
            .steps] == ["junior", "senior"]  # fmt: skip


def test_study_under_way_holds_the_study_lane(paths: Catalogue) -> None:
    """CERT under way for 20 months: ADV's course has to wait for it, and says why."""
    plan = plan_path(paths, "manager", set(), studying={"CERT": 20})
    assert [(s.id, s.under_way, s.start_month, s.end_month) for s in plan.steps] == [
        ("CERT", True, 0, 20),
        ("LEAD", False, 20, 30),
        ("ADV", False, 30, 42),
    ]
    assert (plan.total_months, plan.sequential_months) == (42, 42)


def eligible(catalogue: Catalogue, held: frozenset[str], role_id: str) -> bool:
    return evaluate(catalogue, held).result_for(role_id).eligible


def effective(catalogue: Catalogue, codes: Iterable[str]) -> frozenset[str]:
    return evaluate(catalogue, codes).effective


def brute_force_months(
    catalogue: Catalogue,
    held: frozenset[str],
    target: str,
    current: str | None = None,
    studying: dict[str, int] | None = None,
) -> int | None:
    """The fewest elapsed months over every schedule: plain Dijkstra over (codes held,
    what runs with its months left), where at each month something ends each free lane
    may start any open step that gives something new (a role the work lane, a course
    alongside work the study lane, any other course both), or none. No pruning and no
    heuristic; eligibility by the engine, as a person reads the map."""
    studying = studying or {}
    start = effective(catalogue, held | {code for code, due in studying.items() if due <= 0})
    # (lanes, months, what it gives, what it needs: a role id, or a course's routes)
    steps: list[tuple[int, int, tuple[str, ...], object]] = [
        (2 if q.alongside_work else 3, q.course_months, (q.code,), q.requires)
        for q in catalogue.qualifications
        if q.course_months
    ]
    steps += [
        (1, role.training.months, catalogue.gains(role), role.id)
        for role in catalogue.roles
        if catalogue.gains(role) and role.training.months
    ]

    def is_open(needs: object, state: frozenset[str]) -> bool:
        if isinstance(needs, str):
            return needs == current or eligible(catalogue, state, needs)
        assert isinstance(needs, tuple)
        return not needs or any(set(route) <= state for route in needs)

    under_way = tuple(
        sorted(
            (due, 2, (code,))
            for code, due in studying.items()
            if due > 0 and not effective(catalogue, {code}) <= start
        )
    )
    order = count()
    frontier = [(0, next(order), start, under_way)]
    seen: set[tuple[frozenset[str], tuple[tuple[int, int, tuple[str, ...]], ...]]] = set()
    while frontier:
        month, _, state, running = heapq.heappop(frontier)
        if (state, running) in seen:
            continue
        seen.add((state, running))
        if eligible(catalogue, state, target):
            return month
        busy = 0
        for _, lanes, _ in running:
            busy |= lanes
        startable = [
            (months, lanes, gives)
            for lanes, months, gives, needs in steps
            if not lanes & busy
            and not effective(catalogue, gives) <= state
            and is_open(needs, state)
        ]
        work = [None, *(s for s in startable if s[1] == 1)]
        study = [None, *(s for s in startable if s[1] == 2)]
        choices = [tuple(s for s in pair if s) for pair in product(work, study)]
        choices += [(s,) for s in startable if s[1] == 3]
        for chosen in choices:
            now = list(running) + list(chosen)
            if not now:
                continue
            step = min(left for left, _, _ in now)
            ended = [code for left, _, gives in now if left == step for code in gives]
            rest = tuple(sorted((left - step, on, got) for left, on, got in now if left != step))
            after = effective(catalogue, state | set(ended))
            heapq.heappush(frontier, (month + step, next(order), after, rest))
    return None


Situation = tuple[Catalogue, frozenset[str], str, str | None, dict[str, int]]


@st.composite
def situations(draw: st.DrawFn) -> Situation:
    """A random map, what a person holds, a target, maybe a current role, and maybe
    study under way (due in -2 to 20 months)."""
    catalogue = draw(maps())
    held = draw(frozen_held_sets)
    target = draw(st.sampled_from([role.id for role in catalogue.roles]))
    others = [role.id for role in catalogue.roles if role.id != target]
    current = draw(st.none() | st.sampled_from(others)) if others else None
    studying = draw(st.dictionaries(st.sampled_from(CODES), st.integers(-2, 20), max_size=2))
    return catalogue, held, target, current, studying


@pytest.mark.parametrize("budget", [DEFAULT_BUDGET, 0], ids=["searched", "greedy"])
@given(situations())
def test_every_plan_is_a_sound_timeline(budget: int, situation: Situation) -> None:
    """Also when the search is cut short and the plan finished greedily (budget 0): no
    step starts before what it needs is held from steps ended by then (a role's entry
    route, a course's prerequisites); at most one role and one course run at a time, and
    a course that stops work runs beside nothing; every step gives something new; the
    target is met when the last ends, and that is never later than the steps one after
    another."""
    catalogue, held, target, current, studying = situation
    plan = plan_path(catalogue, target, held, current_role=current, budget=budget,
                     studying=studying)  # fmt: skip
    if not plan.reachable:
        return
    due = {code for code, months in studying.items() if months <= 0}
    assert set(plan.start) == held | due  # study due already is simply held
    start = effective(catalogue, held | due)

    def held_at(month: int) -> frozenset[str]:
        ended = [code for step in plan.steps if step.end_month <= month for code in step.gives]
        under_way = [code for code, due in studying.items() if 0 < due <= month]
        return effective(catalogue, start | set(ended) | set(under_way))

    def full_time(step: Step) -> bool:
        course = step.kind == "course" and not step.under_way
        return course and not catalogue.qualifications_by_code[step.id].alongside_work

    for step in plan.steps:
        assert step.gives
        assert step.end_month == step.start_month + step.months
        before = held_at(step.start_month)
        if step.under_way:
            assert (step.start_month, step.months) == (0, studying[step.id])
        elif step.kind == "role":
            assert step.id == current or eligible(catalogue, before, step.id)
        else:
            needs = catalogue.qualifications_by_code[step.id].requires
            assert not needs or any(set(route) <= before for route in needs)
        assert not set(step.gives) <= before  # something new when it ends
        for other in plan.steps:
            if other is step or not (
                other.start_month < step.end_month and step.start_month < other.end_month
            ):
                continue
            # One role at a time, and one course (two under way may overlap: they were
            # both begun before the plan); a full-time course runs beside nothing.
            assert other.kind != step.kind or (step.under_way and other.under_way)
            assert not full_time(step)
    assert eligible(catalogue, held_at(plan.total_months), target)
    assert plan.route is not None
    assert set(plan.route) <= held_at(plan.total_months)
    assert plan.total_months <= plan.sequential_months


@given(situations())
def test_plans_are_the_quickest_of_every_schedule(situation: Situation) -> None:
    """The brute force over every schedule agrees on the fewest elapsed months; a greedy
    finish is never quicker and says so when it is slower; courses alone are never
    quicker than the plan."""
    catalogue, held, target, current, studying = situation
    plan = plan_path(catalogue, target, held, current_role=current, studying=studying)
    best = brute_force_months(catalogue, held, target, current, studying)
    assert plan.reachable == (best is not None)
    if best is None:
        return
    assert plan.total_months == best
    assert plan.proven_cheapest
    greedy = plan_path(catalogue, target, held, current_role=current, studying=studying,
                       budget=0)  # fmt: skip
    assert greedy.total_months >= best
    assert greedy.total_months == best or not greedy.proven_cheapest
    courses_only = plan_path(catalogue, target, held, use_roles=False, studying=studying)
    if courses_only.reachable:
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
