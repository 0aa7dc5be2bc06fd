"""Where output goes: colour only on a terminal, files never coloured, problem lists capped."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from careermap import Catalogue, check_report
from careermap.cli import MAX_PROBLEMS_SHOWN, app

from ..conftest import SMALL


def coloured(*args: str) -> tuple[int, str, str]:
    """Run as if on a colour terminal (FORCE_COLOR), the way CI cannot otherwise be."""
    runner = CliRunner()
    env = {"COLUMNS": "80", "FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-q", "BASIC"),
        ("map", "-q", "BASIC"),
        ("explain", "lead", "-q", "BASIC"),
        ("team", str(SMALL.parent / "team.csv")),
    ],
)
def test_colour_reaches_the_terminal_but_never_a_file(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    args = (*args, "--catalogue", str(SMALL))
    code, stdout, _ = coloured(*args)
    assert code == 0
    assert "\x1b[" in stdout  # the terminal gets colour...
    target = tmp_path / "out.txt"
    code, stdout, _ = coloured(*args, "--output", str(target))
    assert code == 0
    assert stdout == ""
    written = target.read_text(encoding="utf-8")
    assert written.strip()
    assert "\x1b" not in written  # ...the file never does


def test_no_color_wins_over_force_color() -> None:
    result = CliRunner().invoke(
        app,
        ["check", "-q", "BASIC", "--catalogue", str(SMALL)],
        env={"FORCE_COLOR": "1", "NO_COLOR": "1"},
    )
    assert "\x1b" not in result.stdout


def test_errors_beyond_the_cap_are_counted(tmp_path: Path) -> None:
    unknown = MAX_PROBLEMS_SHOWN + 5
    roles = "".join(
        f"  - id: r{n}\n    title: R{n}\n    band: A\n    tracks: [main]\n"
        f"    requires: [[NOPE{n}]]\n"
        for n in range(unknown)
    )
    catalogue = tmp_path / "wide.yaml"
    catalogue.write_text(
        "name: Wide\nbands: [A]\ntracks: [main]\nqualifications:\n"
        "  - {code: BASIC, name: Basic}\nroles:\n" + roles,
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", "--catalogue", str(catalogue)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS_SHOWN + 1
    assert lines[0].startswith(f"careermap: error: {catalogue}:")
    assert "unknown qualification NOPE0" in lines[0]
    assert lines[-1] == "careermap: error: ... and 5 more problems"


def test_skipped_rows_beyond_the_cap_are_counted(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    rows = "".join(f",BASIC{n}\n" for n in range(MAX_PROBLEMS_SHOWN + 3))  # no names
    staff.write_text("name,quals\nOk,BASIC\n" + rows, encoding="utf-8")
    result = CliRunner().invoke(app, ["team", str(staff), "--catalogue", str(SMALL)])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == MAX_PROBLEMS_SHOWN + 1
    assert warnings[-1] == "careermap: warning: ... and 3 more rows skipped"
    assert "1 staff from" in result.stdout


def in_encoding(charset: str, *args: str) -> tuple[int, bytes, str]:
    """Run with a standard output that encodes in ``charset`` (a legacy console)."""
    runner = CliRunner(charset=charset)
    result = runner.invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.mark.parametrize("charset", ["latin-1", "ascii", "cp1252"])
@pytest.mark.parametrize(
    "args",
    [
        ("check", "-q", "ILM3"),
        ("map", "-q", "ILM3"),
        ("explain", "team-leader", "-q", "ILM7"),
        ("path", "--to", "team-leader", "-q", "GCSE,EXP"),
    ],
)
def test_a_stdout_that_cannot_show_the_symbols_gets_plain_ascii(
    charset: str, args: tuple[str, ...]
) -> None:
    """Once a UnicodeEncodeError on the first ✔ or box line: now the same table, drawn
    with + - | and x o ~ in place of the symbols, one character for one."""
    code, raw, stderr = in_encoding(charset, *args)
    assert (code, stderr) == (0, "")
    fallback = raw.decode(charset)
    _, utf8, _ = in_encoding("utf-8", *args)
    original = utf8.decode("utf-8")
    assert [len(line) for line in fallback.splitlines()] == [
        len(line) for line in original.splitlines()
    ]
    assert not set("✔✘◐○─│┃━") & set(fallback)
    assert fallback != original or original.isascii()


@pytest.fixture
def accented(tmp_path: Path) -> Path:
    """The small map with a role title no legacy code page holds whole."""
    text = SMALL.read_text(encoding="utf-8").replace(
        'title: "-Lead, senior"', 'title: "Café ✔ lead\u2019s role"'
    )
    path = tmp_path / "accented.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("charset", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize(
    ("args", "check"),
    [
        (("check", "-q", "BASIC", "-f", "json"), lambda text: json.loads(text)),
        (("check", "-q", "BASIC", "-f", "csv"), lambda text: text),
        (("report", "-q", "BASIC"), lambda text: text),
        (("map", "-q", "BASIC", "-f", "html"), lambda text: text),
    ],
    ids=["json", "csv", "report", "map-html"],
)
def test_files_on_such_a_stdout_are_utf8_whatever_its_encoding(
    accented: Path, charset: str, args: tuple[str, ...], check: Callable[[str], object]
) -> None:
    """`careermap report > report.html` on a cp1252 console once wrote cp1252 bytes into a
    page declaring UTF-8 (and lost its symbols to ?). Every format but the terminal
    table is a file's contents: UTF-8 bytes, exactly as with a UTF-8 terminal."""
    code, raw, _ = in_encoding(charset, *args, "--catalogue", str(accented))
    assert code == 0
    _, utf8, _ = in_encoding("utf-8", *args, "--catalogue", str(accented))
    assert raw == utf8
    assert "Café ✔ lead\u2019s role" in str(check(raw.decode("utf-8")))


def test_wide_characters_the_encoding_lacks_keep_the_table_straight(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("title: Helper", "title: 介護 Helper")
    wide = tmp_path / "wide.yaml"
    wide.write_text(text, encoding="utf-8")
    code, raw, _ = in_encoding("latin-1", "check", "-q", "BASIC", "--catalogue", str(wide))
    assert code == 0
    lines = raw.decode("latin-1").splitlines()
    assert "???? Helper" in raw.decode("latin-1")
    framed = [line for line in lines if line.startswith(("|", "+-"))]
    assert len({len(line) for line in framed}) == 1  # every row as wide as the border


@pytest.mark.parametrize(
    "name", ["map\x1b]0;pwned\x07.yaml", "map\ncareermap: error: forged.yaml", "map\x9b31m.yaml"]
)
def test_messages_show_control_characters_escaped(tmp_path: Path, name: str) -> None:
    """A file name (or any quoted text) in a message cannot drive the terminal or forge a
    line of its own."""
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--catalogue", str(tmp_path / name)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in result.stderr[:-1])
    assert "\\x" in result.stderr or "\\n" in result.stderr


@pytest.mark.parametrize("width", [20, 30, 45, 60, 70, 79, 120])
@pytest.mark.parametrize(
    "args", [("check", "-q", "ILM3"), ("map", "-q", "ILM3"), ("roles",), ("report", "-q", "ILM3")]
)
def test_a_narrow_terminal_never_hides_a_role_or_a_gap(
    shipped: Catalogue, width: int, args: tuple[str, ...]
) -> None:
    """Once COLUMNS=20 dropped the role and gap columns, and 60-75 cropped the gaps: now a
    table too wide becomes a list, and long words fold rather than vanish."""
    result = CliRunner().invoke(
        app, [*args, "-f", "table"], env={"COLUMNS": str(width), "NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= width
    # A folded word reads on across lines once spaces and box lines are taken away.
    squashed = re.sub(r"[\s\u2500-\u257f]", "", result.stdout)
    for row in check_report(shipped, {"ILM3"}).rows:
        assert row.role.id in squashed
        if args[0] in {"check", "report"}:  # the map and the list show no gaps
            assert all(code in squashed for code in row.result.missing if row.result)


@pytest.mark.parametrize("width", [6, 12, 30, 39, 40, 80])
def test_a_narrow_terminal_keeps_every_requirement_of_explain(width: int) -> None:
    """Below 10 columns rich once dropped the tree's requirement lines."""
    result = CliRunner().invoke(
        app,
        ["explain", "team-leader", "-q", "ILM7,DIPSM"],
        env={"COLUMNS": str(width), "NO_COLOR": "1"},
    )
    assert result.exit_code == 0
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= width
    squashed = re.sub(r"[\s\u2500-\u257f]", "", result.stdout)
    for requirement in ("✘DEGREE", "✘L3TSM", "✔ILM5viaILM7", "✔DIPSMheld"):
        assert squashed.count(requirement) >= 1, requirement
