"""The corpus in tests/bad_inputs/ through the command: a clear, located message.

cases.tsv lists each file, the exit code and what stderr must say (the same files go
through the library in tests/library/test_bad_inputs.py). Catalogues go through
``validate``, profiles through ``check --profile`` and staff lists through
``team --strict``; the last two also write to an existing output file, which must be
left exactly as it was. Nothing may print a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import BAD, BAD_CASES, Run

COMMANDS = {
    "catalogue": ["validate", "{file}"],
    "profile": ["check", "--profile", "{file}", "--format", "csv", "--output", "{out}"],
    "staff": ["team", "{file}", "--strict", "--format", "csv", "--output", "{out}"],
}


def test_the_corpus_is_large_and_every_file_is_listed() -> None:
    listed = {case[0] for case in BAD_CASES}
    on_disk = {str(path.relative_to(BAD)) for path in BAD.glob("*/*")}
    assert listed == on_disk
    assert len(BAD_CASES) >= 40


@pytest.mark.parametrize(
    ("name", "code", "expected"), BAD_CASES, ids=[case[0] for case in BAD_CASES]
)
def test_bad_input(run: Run, tmp_path: Path, name: str, code: str, expected: str) -> None:
    file = BAD / name
    out = tmp_path / "report.csv"
    out.write_text("the old report\n", encoding="utf-8")
    args = [part.format(file=file, out=out) for part in COMMANDS[name.split("/")[0]]]
    result = run(*args)
    assert result.exit_code == int(code), result.output
    assert "Traceback" not in result.output
    wanted = f"{file}{expected}" if expected.startswith(":") else expected
    said = result.stderr if result.exit_code else result.output  # OK goes to stdout
    assert wanted in said, said
    for line in result.stderr.splitlines():
        assert line.startswith(("careermap: ", f"{file}: ")), line
    if result.exit_code:
        assert str(file) in result.stderr.splitlines()[0]
        assert out.read_text(encoding="utf-8") == "the old report\n"
        assert [path.name for path in tmp_path.iterdir()] == ["report.csv"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["check", "--quals", ""], 2, "no qualifications given"),
        (["check", "--quals", ",,"], 2, "no qualifications given"),
        (["check", "--quals", "   "], 2, "no qualifications given"),
        (["check", "--quals", " ilm3 , l3 tsm "], 0, ""),
        (["check", "--quals", "ILM3,NOPE,L3TSN"], 2, "unknown qualifications 'NOPE', 'L3TSN'"),
        (["next", "--role", "nobody"], 2, "unknown role 'nobody'"),
        (["next", "--role", ""], 2, "unknown role ''"),
        (["next", "--band", ""], 2, "unknown band ''"),
        (["path", "--to", "chief-executive"], 2, "unknown role 'chief-executive'"),
        (["explain", "nobody"], 2, "unknown role 'nobody'"),
        (["check", "--format", "xlsx"], 2, "xlsx"),
        (["check", "--profile", "/no/such/profile.yaml"], 1, "/no/such/profile.yaml: no such file"),
        (["team", "/no/such/staff.csv"], 1, "/no/such/staff.csv: no such file"),
        (["check", "--catalogue", "/no/such/map.yaml"], 1, "/no/such/map.yaml: no such file"),
    ],
)
def test_bad_arguments(run: Run, args: list[str], code: int, message: str) -> None:
    result = run(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("where", ["a directory", "a missing folder", "a file as folder"])
def test_unwritable_outputs_keep_everything_as_it_was(run: Run, tmp_path: Path, where: str) -> None:
    existing = tmp_path / "existing.csv"
    existing.write_text("keep me\n", encoding="utf-8")
    target = {
        "a directory": tmp_path,
        "a missing folder": tmp_path / "missing" / "out.csv",
        "a file as folder": existing / "out.csv",
    }[where]
    result = run("check", "--quals", "ILM3", "--format", "csv", "--output", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"careermap: error: {target}")
    assert existing.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["existing.csv"]


def test_a_catalogue_over_the_size_bound(run: Run, tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_text("# " + "x" * (11 * 1024 * 1024) + "\n", encoding="utf-8")
    result = run("validate", str(huge))
    assert result.exit_code == 1
    assert f"{huge}: is larger than 10 MiB" in result.stderr
