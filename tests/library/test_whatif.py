"""What a qualification would open: held against the engine's own answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from careermap import Catalogue, evaluate, load_catalogue, unlocks

SHIPPED = load_catalogue()
CODES = [q.code for q in SHIPPED.qualifications]


def test_ilm5_opens_team_leader_for_a_senior_case_manager(shipped: Catalogue) -> None:
    result = unlocks(shipped, {"ILM5"}, {"DIPSM", "L3TSM", "ILM3", "EXP_SIG"})
    assert [(s.role.id, s.before, s.after) for s in result.opens] == [
        ("team-leader", ("ILM5",), ())
    ]
    assert [(s.role.id, s.before, s.after) for s in result.closer] == [
        ("ops-manager", ("DEGREE", "ILM5"), ("DEGREE",))
    ]


def test_without_quals_it_lists_the_roles_it_counts_towards(shipped: Catalogue) -> None:
    result = unlocks(shipped, {"CMI7"})  # counts as ILM7, ILM5 and ILM3
    assert result.held is None
    assert (result.opens, result.closer) == ((), ())
    ids = [role.id for role in result.counts_towards]
    assert "senior-practitioner" in ids  # through ILM3
    assert "senior-operational-manager" in ids  # through ILM7


@given(
    held=st.frozensets(st.sampled_from(CODES)),
    added=st.frozensets(st.sampled_from(CODES), min_size=1, max_size=2),
)
def test_opens_and_closer_are_the_engines_before_and_after(
    held: frozenset[str], added: frozenset[str]
) -> None:
    result = unlocks(SHIPPED, added, held)
    before, after = evaluate(SHIPPED, held), evaluate(SHIPPED, held | added)
    opened = {
        role.id
        for role in SHIPPED.roles
        if after.result_for(role.id).eligible and not before.result_for(role.id).eligible
    }
    assert {s.role.id for s in result.opens} == opened
    towards = {role.id for role in result.counts_towards}
    assert opened <= towards  # nothing opens that the codes do not count towards
    for shift in result.closer:
        assert 0 < len(shift.after) < len(shift.before)
