"""Study under way and gaps by effort: what check, next and explain tell a person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermap import (
    Catalogue,
    Holdings,
    ProfileError,
    StudyItem,
    UnknownQualificationError,
    UsageError,
    check_report,
    explain,
    load_profile,
    next_report,
    parse_holdings,
    plan_path,
)
from careermap.effort import PLAN_BUDGET
from careermap.eligibility import Availability
from careermap.holdings import add_months, month_due, months_between

DEC_2026 = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-06", date(2027, 6, 1)),
        (" 2027-06 ", date(2027, 6, 1)),
        ("2027-06-30", None),
        ("٢٠٢٧-٠٦", None),
        ("2027-6", None),
        ("2027-13", None),
        ("2027-00", None),
        ("June 2027", None),
        ("0000-01", None),
        ("", None),
        ("2027-06-3", None),
    ],
)
def test_a_due_month_is_year_dash_month(text: str, expected: date | None) -> None:
    assert month_due(text) == expected


def test_months_are_counted_by_the_calendar() -> None:
    assert months_between(date(2026, 12, 31), date(2027, 6, 1)) == 6
    assert add_months(date(2026, 12, 15), 7) == date(2027, 7, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)


def test_study_due_by_the_day_counts_as_held() -> None:
    due = StudyItem(date(2027, 6, 1), "ILM5")
    later = StudyItem(date(2028, 1, 1), "ILM7")
    holdings = Holdings.on(DEC_2026, {"L3TSM"}, [later, due])
    assert holdings.held == {"L3TSM"}
    assert holdings.studying == (due, later)
    assert holdings.months_until(due) == 6
    on_the_month = Holdings.on(date(2027, 6, 1), {"L3TSM"}, [due, later])
    assert on_the_month.held == {"L3TSM", "ILM5"}
    assert on_the_month.studying == (later,)


def test_study_of_a_code_already_held_or_twice_counts_once() -> None:
    first, second = StudyItem(date(2027, 6, 1), "ILM5"), StudyItem(date(2028, 6, 1), "ILM5")
    assert Holdings.on(DEC_2026, {"ILM5"}, [first]).studying == ()
    assert Holdings.on(DEC_2026, set(), [second, first]).studying == (first,)


def test_quals_options_carry_study_under_way(shipped: Catalogue) -> None:
    codes, study = parse_holdings(shipped, ["ILM3, l3 tsm", "ILM Level 5@2027-06"])
    assert codes == {"ILM3", "L3TSM"}
    assert study == (StudyItem(date(2027, 6, 1), "ILM5"),)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("ILM5@June", UsageError, "'ILM5@June' is not study under way; write it as CODE@YYYY-MM"),
        ("ILM5@", UsageError, "write it as CODE@YYYY-MM, such as ILM5@2027-06"),
        ("NOPE@2027-06", UnknownQualificationError, "unknown qualification 'NOPE'"),
        ("@2027-06", UnknownQualificationError, "unknown qualification ''"),
        (" , ", UsageError, "no qualifications given"),
    ],
)
def test_bad_study_is_refused_with_its_reason(
    shipped: Catalogue, value: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=None) as caught:
        parse_holdings(shipped, [value])
    assert message in str(caught.value)


def test_check_gives_three_states_and_the_date(shipped: Catalogue) -> None:
    study = [StudyItem(date(2027, 6, 1), "ILM5")]
    report = check_report(shipped, {"DIPSM", "L3TSM", "EXP"}, studying=study, as_of=DEC_2026)
    rows = {row.role.id: row for row in report.rows}
    assert rows["practitioner"].availability is Availability.NOW
    team_leader = rows["team-leader"]
    assert team_leader.availability is Availability.FROM_DATE
    assert team_leader.eligible_from == date(2027, 6, 1)
    assert team_leader.gap == ()
    assert team_leader.relies_on == tuple(study)
    assert team_leader.result is not None
    assert team_leader.result.missing == ("ILM5",)
    ops = rows["ops-manager"]
    assert ops.availability is Availability.NOT_YET
    assert ops.gap == ("DEGREE",)
    assert ops.relies_on == tuple(study)
    assert report.summary is not None
    assert report.summary.eligible_later >= 1
    a_year_on = check_report(
        shipped, {"DIPSM", "L3TSM", "EXP"}, studying=study, as_of=date(2027, 6, 1)
    )
    assert {row.role.id: row for row in a_year_on.rows}["team-leader"].availability is (
        Availability.NOW
    )


def test_a_recovery_workers_next_step_is_the_diploma_in_post(shipped: Catalogue) -> None:
    """Counting codes called the four-year degree and the diploma alike "one away"; the
    plan takes the diploma in post, and so does every report now."""
    held = {"L3TSM", "EXP"}
    report = next_report(shipped, role_id="recovery-worker", quals=held)
    (row,) = report.rows
    assert row.gap == ("DIPSM",)
    assert row.months == 12
    assert row.result is not None
    assert row.result.closest == 1
    why = explain(shipped, "practitioner", held, current_role="recovery-worker")
    assert why.closest == 1
    assert why.missing == ("DIPSM",)
    plan = plan_path(shipped, "practitioner", held, current_role="recovery-worker")
    assert plan.route == ("DIPSM", "L3TSM")
    assert plan.total_months == row.months


def test_explain_marks_study_under_way(shipped: Catalogue) -> None:
    study = [StudyItem(date(2027, 6, 1), "ILM7")]
    why = explain(shipped, "team-leader", {"DIPSM", "L3TSM"}, studying=study, as_of=DEC_2026)
    assert why.row.eligible_from == date(2027, 6, 1)
    ilm5 = next(check for check in why.routes[1].checks if check.code == "ILM5")
    assert ilm5.under_way == study[0]
    assert ilm5.via == "ILM7"
    assert not ilm5.met


SHIPPED_CODES = (
    *("GCSE", "EXP", "EXP_SIG", "L3TSM", "DIPSM", "DEGREE", "DEGREE_OTHER", "MASTERS"),
    *("PRACTICE", "ILM3", "ILM5", "ILM7", "CMI3", "CMI5", "CMI7"),
)
CODES = st.frozensets(st.sampled_from(SHIPPED_CODES))


@given(held=CODES)
def test_check_agrees_with_path_on_the_route_and_its_months(held: frozenset[str]) -> None:
    """Property: every role check shows as not open is shown on the route its cheapest
    plan ends on, with that plan's months, and the gap is that route's missing codes."""
    from careermap import load_catalogue

    shipped = load_catalogue()
    for row in check_report(shipped, held).rows:
        assert row.result is not None
        if row.result.eligible:
            continue
        plan = plan_path(shipped, row.role.id, held, budget=PLAN_BUDGET)
        if plan.route is None:
            assert row.months is None
            continue
        assert row.months == plan.total_months
        shown = row.result.closest
        alone = plan_path(shipped, row.role.id, held, budget=PLAN_BUDGET, only_route=shown)
        assert alone.total_months == plan.total_months, "the shown route is a quickest one"
        assert row.gap == row.result.routes[shown].missing
        for index, route in enumerate(row.result.routes):  # and the tie-break prefers it
            quicker_or_tied = plan_path(
                shipped, row.role.id, held, budget=PLAN_BUDGET, only_route=index
            )
            if quicker_or_tied.route is not None and index != shown:
                assert quicker_or_tied.total_months >= plan.total_months
                if quicker_or_tied.total_months == plan.total_months:
                    assert (len(route.missing), index) > (len(row.gap), shown)


def test_a_profile_records_study_under_way(
    shipped: Catalogue, write: Callable[[str, str], Path]
) -> None:
    path = write(
        "quals: [DIPSM, L3TSM]\n"
        "studying:\n  - {code: ILM5, due: 2027-06}\n  - ILM Level 7@2028-01\n",
        "me.yaml",
    )
    profile = load_profile(path, shipped)
    assert profile.studying == (
        StudyItem(date(2027, 6, 1), "ILM5"),
        StudyItem(date(2028, 1, 1), "ILM7"),
    )


@pytest.mark.parametrize(
    ("studying", "line", "message"),
    [
        ("  - {code: ILM5, due: June}\n", 3, "due: 'June' is not a month; write it as YYYY-MM"),
        ("  - {code: NOPE, due: 2027-06}\n", 3, "unknown qualification 'NOPE'"),
        ("  - ILM5\n", 3, "'ILM5' is not study under way; write it as CODE@YYYY-MM"),
        ("  - {code: ILM5}\n", 3, "due"),
        ("  - {code: ILM5, due: 2027-06, grade: A}\n", 3, "grade"),
    ],
)
def test_bad_study_in_a_profile_names_its_line(
    shipped: Catalogue,
    write: Callable[[str, str], Path],
    studying: str,
    line: int,
    message: str,
) -> None:
    path = write("quals: [DIPSM]\nstudying:\n" + studying, "me.yaml")
    with pytest.raises(ProfileError) as caught:
        load_profile(path, shipped)
    text = "\n".join(caught.value.lines())
    assert f"me.yaml:{line}:" in text
    assert message in text


def test_working_towards_a_role_beats_waiting_for_slow_study(shipped: Catalogue) -> None:
    """A practitioner studying ILM3 due in 2029 gains it in post in 6 months: the role
    shows that gap, not "from 2029-01"; study the route does not use is not cited."""
    study = [StudyItem(date(2027, 1, 1), "DEGREE"), StudyItem(date(2029, 1, 1), "ILM3")]
    report = check_report(
        shipped, {"DIPSM", "L3TSM"}, studying=study, as_of=DEC_2026, current_role="practitioner"
    )
    rows = {row.role.id: row for row in report.rows}
    senior = rows["senior-practitioner"]
    assert senior.availability is Availability.NOT_YET
    assert (senior.gap, senior.months, senior.relies_on) == (("ILM3",), 6, ())
    assert rows["trainee-case-manager"].eligible_from == date(2027, 1, 1)
    why = explain(
        shipped,
        "practitioner",
        {"DIPSM"},
        studying=[StudyItem(date(2027, 3, 1), "L3TSM"), StudyItem(date(2030, 6, 1), "DEGREE")],
        as_of=DEC_2026,
    )
    assert why.closest == 1  # DIPSM + L3TSM opens in 2027, the degree in 2030
    assert why.row.eligible_from == date(2027, 3, 1)
    assert [item.code for item in why.row.relies_on] == ["L3TSM"]


def test_compare_far_in_the_future_has_no_month_past_9999(shipped: Catalogue) -> None:
    from careermap import compare

    far = compare(
        shipped, ["team-leader", "ops-manager"], {"DIPSM", "L3TSM", "ILM3"}, today=date(9999, 12, 1)
    )
    assert [entry.earliest for entry in far.roles] == [None, None]
    assert all(entry.months for entry in far.roles)


def test_explain_checks_what_the_verdict_counts(shipped: Catalogue) -> None:
    """Being in a role is experience for the verdict and for each requirement alike: no
    "met" route over a "✘ EXP"."""
    why = explain(shipped, "recovery-worker", {"DIPSM", "L3TSM"}, current_role="practitioner")
    assert why.eligible
    assert all(check.met for check in why.routes[0].checks)
