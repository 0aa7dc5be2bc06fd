"""careermap unlocks and check --plus as a person runs them."""

from __future__ import annotations

from ..conftest import Run


def test_unlocks_and_check_plus_give_the_same_answer(run: Run) -> None:
    held = ("--quals", "DIPSM,L3TSM,ILM3,EXP_SIG", "-f", "csv")
    by_command = run("unlocks", "ILM5", *held)
    by_check = run("check", "--plus", "ILM5", *held)
    assert by_command.exit_code == by_check.exit_code == 0
    assert by_command.stdout == by_check.stdout
    assert by_command.stdout.splitlines()[:3] == [
        "change,id,title,band,before,after",
        "opens,team-leader,Team Leader,G,ILM5,",
        "closer,ops-manager,Ops Manager,H,DEGREE; ILM5,DEGREE",
    ]


def test_unlocks_an_unknown_code_is_a_usage_error(run: Run) -> None:
    result = run("unlocks", "ILM9")
    assert result.exit_code == 2
    assert "unknown qualification 'ILM9'" in result.stderr
