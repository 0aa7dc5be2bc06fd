"""Roles side by side, and the gap and earliest month for a person."""

from __future__ import annotations

from datetime import date

import pytest

from careermap import Catalogue, UsageError, compare, plan_path
from careermap.render import OutputFormat, render

TODAY = date(2026, 12, 6)
HELD = {"DIPSM", "L3TSM", "ILM3", "EXP"}


def test_the_facts_of_each_role(shipped: Catalogue) -> None:
    result = compare(shipped, ["team-leader", "Practice Lead"], today=TODAY)
    leader, lead = result.roles
    assert (leader.role.id, lead.role.id) == ("team-leader", "practice-lead")
    assert [r.id for r in leader.leads_to] == ["ops-manager"]
    assert [r.id for r in lead.reached_from] == ["senior-practitioner"]
    assert leader.missing is None
    assert leader.earliest is None


def test_gap_months_and_earliest_month_agree_with_path(shipped: Catalogue) -> None:
    result = compare(shipped, ["team-leader", "practitioner", "ops-manager"], HELD, today=TODAY)
    leader, practitioner, ops = result.roles
    assert leader.missing == ("ILM5",)
    assert leader.months == plan_path(shipped, "team-leader", HELD).total_months == 12
    assert leader.earliest == date(2027, 12, 1)
    assert (practitioner.missing, practitioner.months, practitioner.earliest) == ((), 0, TODAY)
    assert ops.months == plan_path(shipped, "ops-manager", HELD).total_months


def test_the_table_reads_now_and_a_month(shipped: Catalogue) -> None:
    result = compare(shipped, ["team-leader", "practitioner"], HELD, today=TODAY)
    text = render(result, OutputFormat.CSV)
    assert "earliest,December 2027,now" in text.splitlines()


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        (["team-leader"], "compare two or three different roles; got team-leader"),
        (
            ["team-leader", "Team Leader"],
            "compare two or three different roles; got team-leader, team-leader",
        ),
        (
            ["team-leader", "practitioner", "practice-lead", "ops-manager"],
            "compare two or three different roles; got team-leader, practitioner,"
            " practice-lead, ops-manager",
        ),
    ],
)
def test_two_or_three_different_roles(shipped: Catalogue, roles: list[str], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        compare(shipped, roles)
    assert str(caught.value) == message
