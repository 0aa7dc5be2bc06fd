"""The command line as a person uses it: options, exit codes, clear errors, no tracebacks.

What each result says in each format is in tests/render/.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer

from careermap import Catalogue, load_catalogue
from careermap.cli import app
from careermap.provenance import Provenance

from ..conftest import SMALL, Run
from ..render.test_check_formats import EXPECTED_CSV, EXPECTED_TABLE

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def small(*args: str) -> tuple[str, ...]:
    return (*args, "--catalogue", str(SMALL))


def test_every_command_has_help_and_is_in_the_readme(run: Run) -> None:
    assert COMMANDS == [
        "check", "compare", "diff", "explain", "map", "next", "path", "quals", "report",
        "roles", "schema", "show", "site", "team", "unlocks", "validate",
    ]  # fmt: skip
    for name in COMMANDS:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Usage:" in result.output
        assert f"careermap {name}" in README, name


def test_no_arguments_shows_help(run: Run) -> None:
    result = run()
    assert result.output.startswith("Usage: careermap [OPTIONS] COMMAND [ARGS]...")
    assert "check" in result.output
    assert "next" in result.output


def test_check_wires_quals_and_format(run: Run) -> None:
    result = run(*small("check", "--quals", "basic cert", "--format", "csv"))
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_CSV


def test_check_on_the_shipped_map_at_80_columns(run: Run, shipped: Catalogue) -> None:
    result = run("check", "--quals", "ILM3,L3TSM")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Roles for L3TSM, ILM3"
    assert max(len(line) for line in lines) <= 80
    assert "practice-development-manager" in result.stdout
    assert "│ I    │ Service Manager" in result.stdout
    assert (
        "✔ eligible for 0 of 13 roles; 1 more is one qualification (a year or less) away." in lines
    )
    stamp = Provenance.of(shipped).text()  # the last lines: the map and the day
    assert " ".join(result.stdout.split()).endswith(stamp)
    assert "\x1b[" not in result.stdout


def test_check_csv_on_the_shipped_map(run: Run) -> None:
    result = run("check", "--quals", "ilm7, L3 TSM, dipsm", "--format", "csv")
    rows = result.stdout.splitlines()
    assert rows[0] == "id,title,band,eligible,eligible_from,missing,months,under_way,or_equivalent"
    assert "team-leader,Team Leader,G,yes,,,,," in rows
    assert "ops-manager,Ops Manager,H,no,,DEGREE,48,,DEGREE" in rows
    assert len(rows) == 14


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "--quals", "ILM3,L3TSN"), "unknown qualification 'L3TSN' (did you mean L3TSM?)"),
        (("check", "--quals", "XYZZY"), "unknown qualification 'XYZZY'; `careermap quals`"),
        (("check", "--quals", ",,"), "no qualifications given"),
        (("check", "--quals", " "), "no qualifications given"),
        (("next", "--band", "K"), "unknown band 'K'; the bands are C, D, E, F, G, H, I, J"),
        (("next", "--role", "team-lead"), "unknown role 'team-lead' (did you mean team-leader?)"),
        (("next",), "give --band or --role"),
        (("next", "--band", "E", "--role", "practitioner"), "give --band or --role, not both"),
        (("show", "nobody"), "unknown role 'nobody'"),
        # click's own, once four lines (usage, hint, blank line, error):
        (("check", "--xyzzy"), "No such option: --xyzzy (see 'careermap check --help')"),
        (("check", "--format", "pdf"), "'pdf' is not one of 'table', 'json', 'csv'"),
        (("path",), "Missing option '--to' / '-t'. (see 'careermap path --help')"),
        (("check", "--quals"), "Option '--quals' requires an argument. (see 'careermap --help')"),
        (("frobnicate",), "No such command 'frobnicate'. (see 'careermap --help')"),
    ],
)
def test_usage_errors_exit_2_with_one_line(run: Run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"careermap: error: {result.stderr.split('error: ', 1)[1]}"
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_bad_catalogue_exits_1_naming_file_and_line(run: Run, write: Callable[..., Path]) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("band: B", "band: Q")
    path = write(text, "broken.yaml")
    result = run("check", "--catalogue", str(path))
    assert result.exit_code == 1
    assert (
        result.stderr == f"careermap: error: {path}:31: unknown band 'Q'; the bands are A, B, C\n"
    )


def test_a_missing_catalogue_exits_1(run: Run, tmp_path: Path) -> None:
    result = run("roles", "--catalogue", str(tmp_path / "none.yaml"))
    assert result.exit_code == 1
    assert result.stderr.endswith("none.yaml: no such file\n")


def test_catalogue_from_the_environment(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    env = {"CAREERMAP_CATALOGUE": str(SMALL), "COLUMNS": "80", "NO_COLOR": "1"}
    result = CliRunner().invoke(app, ["check", "-f", "csv", "-q", "BASIC"], env=env)
    assert result.stdout == EXPECTED_CSV


def test_next_from_a_band_lists_requirements(run: Run) -> None:
    result = run("next", "--band", "e")
    assert result.exit_code == 0
    assert "Next steps from band E" in result.stdout
    assert "DEGREE + L3TSM + ILM3" in result.stdout
    assert "or DIPSM + L3TSM + ILM3" in result.stdout


def test_next_from_a_role_with_quals(run: Run) -> None:
    result = run("next", "--role", "senior-practitioner", "-q", "DIPSM,L3TSM,ILM5", "-f", "csv")
    assert result.stdout == (
        "id,title,band,eligible,eligible_from,missing,months,under_way,or_equivalent\n"
        "team-leader,Team Leader,G,yes,,,,,\n"
        "practice-lead,Practice Lead,G,no,,PRACTICE,12,,\n"
    )


def test_next_json_names_where_it_starts(run: Run) -> None:
    document = json.loads(run("next", "--band", "C", "-f", "json").stdout)
    assert document["from"] == {"band": "C"}
    assert document["quals"] is None
    assert [role["id"] for role in document["roles"]] == ["recovery-worker", "trainee-case-manager"]
    assert document["roles"][0]["eligible"] is None


def test_next_from_the_top(run: Run) -> None:
    result = run("next", "--band", "J")
    assert result.exit_code == 0
    assert "Band J is the top band" in result.stdout
    result = run("next", "--role", "senior-operational-manager", "-f", "csv")
    assert (
        result.stdout
        == "id,title,band,eligible,eligible_from,missing,months,under_way,or_equivalent\n"
    )


def test_profile_gives_quals_and_current_role(run: Run, write: Callable[..., Path]) -> None:
    profile = write(
        "name: Sam\nquals: [dipsm, Level 3 Tackling Substance Misuse]\nrole: practitioner\n"
    )
    result = run("next", "--profile", str(profile), "-q", "ILM3", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[1]
        == "senior-practitioner,Senior Case Manager / Practitioner,F,yes,,,,,"
    )
    result = run("check", "--profile", str(profile), "-f", "json")
    assert json.loads(result.stdout)["quals"] == ["L3TSM", "DIPSM"]


def test_profile_quals_as_a_string(run: Run, write: Callable[..., Path]) -> None:
    profile = write("quals: ILM3, L3TSM\n")
    result = run("check", "--profile", str(profile), "-f", "json")
    assert json.loads(result.stdout)["quals"] == ["L3TSM", "ILM3"]


def test_next_with_a_profile_but_no_role(run: Run, write: Callable[..., Path]) -> None:
    result = run("next", "--profile", str(write("quals: [ILM3]\n")))
    assert result.exit_code == 2
    assert "give --band or --role (or a --profile that names a role)" in result.stderr


def test_output_file_is_written_and_replaced(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "gaps.csv"
    target.write_text("old contents\n", encoding="utf-8")
    os.chmod(target, 0o640)
    result = run(*small("check", "-q", "BASIC", "-f", "csv", "-o", str(target)))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == EXPECTED_CSV
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["gaps.csv"]


def test_output_table_to_a_file_has_no_colour(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "gaps.txt"
    run(*small("check", "-q", "BASIC", "-o", str(target)))
    stamp = Provenance.of(load_catalogue(SMALL)).text()
    assert target.read_text(encoding="utf-8") == EXPECTED_TABLE + stamp + "\n"


@pytest.mark.parametrize("where", ["directory", "missing folder"])
def test_unwritable_output_exits_1_and_leaves_nothing(run: Run, tmp_path: Path, where: str) -> None:
    target = tmp_path if where == "directory" else tmp_path / "no" / "such" / "out.csv"
    result = run(*small("check", "-f", "csv", "-o", str(target)))
    assert result.exit_code == 1
    assert result.stderr.startswith("careermap: error: ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder_keeps_the_old_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "gaps.csv"
    target.write_text("old\n", encoding="utf-8")
    tmp_path.chmod(0o500)
    try:
        result = run(*small("check", "-f", "csv", "-o", str(target)))
    finally:
        tmp_path.chmod(0o700)
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "old\n"


def test_failed_write_keeps_the_old_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gaps.csv"
    target.write_text("old\n", encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    result = run(*small("check", "-f", "csv", "-o", str(target)))
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["gaps.csv"]


def test_roles_lists_every_role_with_full_ids(run: Run) -> None:
    result = run("roles")
    assert result.exit_code == 0
    for role_id in ("trainee-recovery-worker", "practice-development-manager", "ops-manager"):
        assert role_id in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_show_spells_out_a_role(run: Run) -> None:
    result = run("show", "Team-Leader")
    assert result.exit_code == 0
    assert "Team Leader (team-leader)" in result.stdout
    assert "DEGREE + L3TSM + ILM5" in result.stdout
    assert "ILM5: ILM Level 5 in Leadership and Management" in result.stdout
    assert "Ops Manager (ops-manager, band H)" in result.stdout
    assert "Reached from        Senior Case Manager / Practitioner (senior-practitioner," in (
        result.stdout
    )


def test_quals_lists_codes_and_what_they_count_as(run: Run) -> None:
    result = run("quals")
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("│ CMI7"))
    assert "ILM3, ILM5, ILM7" in line


def test_validate_the_shipped_catalogue(run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert re.search(
        r"roles\.yaml: OK: 13 roles in bands C to J, 15 qualifications, 2 tracks", result.stdout
    )


def test_validate_lists_every_problem(run: Run, write: Callable[..., Path]) -> None:
    text = (
        SMALL.read_text(encoding="utf-8").replace("band: B", "band: Q").replace("[head]", "[boss]")
    )
    path = write(text, "broken.yaml")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"careermap: error: {path}:31: unknown band 'Q'; the bands are A, B, C",
        f"careermap: error: {path}:36: unknown role id boss",
        f"{path}: 2 problems found",
    ]


def test_schema_validates_the_shape_of_a_catalogue(run: Run, tmp_path: Path) -> None:
    result = run("schema", "--output", str(tmp_path / "schema.json"))
    assert result.exit_code == 0
    schema = json.loads((tmp_path / "schema.json").read_text(encoding="utf-8"))
    assert set(schema["required"]) == {"name", "bands", "tracks", "qualifications", "roles"}
    assert schema["additionalProperties"] is False
    assert json.loads(run("schema").stdout) == schema


def test_output_dash_is_standard_output(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `team -` reads standard input, `--output -` writes standard output (it once
    made a file named '-')."""
    monkeypatch.chdir(tmp_path)
    dashed = run("check", "-q", "ILM3", "-f", "csv", "--output", "-")
    assert dashed.exit_code == 0
    assert dashed.stdout == run("check", "-q", "ILM3", "-f", "csv").stdout
    assert list(tmp_path.iterdir()) == []


def test_show_and_quals_say_what_a_course_needs_first(run: Run) -> None:
    shown = run("show", "senior-practice-quality-lead", "-f", "markdown")
    assert (
        "| MASTERS | Relevant Master's degree (its course needs DEGREE or DEGREE_OTHER first) |"
        in shown.stdout
    )
    listed = run("quals", "-f", "csv").stdout.splitlines()
    assert listed[0].endswith(",course_months,needs_first")
    masters = next(line for line in listed if line.startswith("MASTERS,"))
    assert masters.endswith(",30,DEGREE or DEGREE_OTHER")
    as_json = json.loads(run("show", "senior-practice-quality-lead", "-f", "json").stdout)
    assert as_json["needs_first"] == {"MASTERS": [["DEGREE"], ["DEGREE_OTHER"]]}
