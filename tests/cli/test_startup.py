"""The command as a program: python -m careermap, no tracebacks, and a light start."""

from __future__ import annotations

import subprocess
import sys


def test_the_module_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "careermap", "check", "-q", "ILM7,L3TSM", "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "service-manager,Service Manager,I,yes,,,,," in result.stdout.splitlines()


def test_a_user_mistake_never_shows_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "careermap", "check", "-q", "NOPE"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("careermap: error: unknown qualification 'NOPE'")
    assert "Traceback" not in result.stderr


def careermap_modules_after(args: list[str], exit_code: int = 0) -> list[str]:
    """The careermap modules a fresh Python has loaded once the command has run."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from careermap.cli import app\n"
        f"assert CliRunner().invoke(app, {args!r}).exit_code == {exit_code}\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('careermap'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip().split(",")


def test_help_loads_neither_pydantic_models_nor_rich_tables() -> None:
    assert careermap_modules_after(["--version-does-not-exist"], exit_code=2) == [
        "careermap", "careermap.cli", "careermap.errors", "careermap.lazy", "careermap.render",
        "careermap.subject",
    ]  # fmt: skip


def test_single_person_commands_never_load_numpy() -> None:
    """numpy is for many people at once (team, evaluate_many): a check, a path or a table
    of one person must start as fast as before it was a dependency."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from careermap.cli import app\n"
        "for args in (['check', '-q', 'ILM3'], ['path', '--to', 'team-leader', '-q', 'GCSE'],\n"
        "             ['map', '-q', 'ILM3'], ['explain', 'team-leader'], ['report', '-q', 'ILM3',\n"
        "             '-f', 'json']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0, args\n"
        "print('numpy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_check_loads_only_what_a_person_needs() -> None:
    """The terminal table of one person's check loads no team, diff or listing code (each
    of them costs start-up; a user waits for it on every check)."""
    loaded = set(careermap_modules_after(["check", "-q", "ILM3"]))
    assert "careermap.eligibility" in loaded
    assert not loaded & {
        "careermap.team", "careermap.staff", "careermap.diff", "careermap.whatif",
        "careermap.listing", "careermap.comparison", "careermap.person", "careermap.bulk",
    }  # fmt: skip
