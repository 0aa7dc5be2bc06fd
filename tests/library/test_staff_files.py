"""Staff lists as people and programs really write them, and as an attacker would.

.xlsx files that are damaged, crafted to be expensive or hostile, or hold formulas; CSV
and .xlsx cells with control characters. Each damaged file is built here from a good
workbook by editing its zip parts; the cases a plain file can express are in the corpus
(tests/bad_inputs/staff/, listed in cases-staff.tsv).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermap import Catalogue, StaffListError, StaffRow, analyse_team, read_staff
from careermap.staff import _lines

from ..conftest import Run

SHEET = "xl/worksheets/sheet1.xml"
NOT_SAVED = (
    "a formula with no saved value; open the file in a spreadsheet program and save it again"
)
# Every control character but the newline that ends each line of output.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")

Cells = Sequence[object]


@pytest.fixture
def workbook(tmp_path: Path) -> Callable[..., Path]:
    """A one-sheet .xlsx of ``rows`` written by openpyxl (skips without it)."""
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is the optional xlsx extra")

    def write(rows: Sequence[Cells], name: str = "staff.xlsx") -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(list(row))
        path = tmp_path / name
        book.save(path)
        return path

    return write


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def edit(
    path: Path,
    changes: dict[str, bytes | None],
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """Rewrite the zip at ``path`` with some parts replaced (None removes one)."""
    kept = parts(path)
    for name, data in changes.items():
        if data is None:
            del kept[name]
        else:
            kept[name] = data
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in kept.items():
            archive.writestr(name, data)
    return path


def edit_sheet(path: Path, old: bytes, new: bytes) -> Path:
    sheet = parts(path)[SHEET]
    assert old in sheet
    return edit(path, {SHEET: sheet.replace(old, new)})


def unreadable(path: Path) -> str:
    with pytest.raises(StaffListError) as caught:
        read_staff(path)
    [line] = caught.value.lines()
    return line


STAFF: list[Cells] = [["name", "quals"], ["Ann", "ILM3"], ["Bob", "L3TSM"]]


# 1. The <dimension> a sheet declares


def test_rows_past_the_declared_dimension_are_read(workbook: Callable[..., Path]) -> None:
    path = workbook([["name", "quals"], *([f"P{n}", "ILM3"] for n in range(2, 11))])
    sheet = parts(path)[SHEET]
    assert b'<dimension ref="A1:B10"' in sheet
    edit(path, {SHEET: sheet.replace(b'<dimension ref="A1:B10"', b'<dimension ref="A1:B2"')})
    assert [row.line for row in read_staff(path)] == list(range(2, 11))


# 2. Damaged and hostile files: one located error, never a traceback


def _sheet_with(old: bytes, new: bytes) -> Callable[[dict[str, bytes]], dict[str, bytes | None]]:
    def change(part: dict[str, bytes]) -> dict[str, bytes | None]:
        assert old in part[SHEET]
        return {SHEET: part[SHEET].replace(old, new)}

    return change


def _with_dtd(
    name: str, dtd: bytes, encoding: str = "utf-8"
) -> Callable[..., dict[str, bytes | None]]:
    """Part ``name`` with ``dtd`` put before its root element."""

    def change(part: dict[str, bytes]) -> dict[str, bytes | None]:
        text = part[name].decode("utf-8")
        body = text[text.index("?>") + 2 :] if text.startswith("<?xml") else text
        root = re.match(r"\s*<([\w:]+)", body)
        assert root
        crafted = dtd.decode().replace("ROOT", root.group(1)) + body.replace("</", "&e;</", 1)
        declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
        return {name: (declaration + crafted).encode(encoding)}

    return change


LAUGHS = (
    b'<!DOCTYPE ROOT [<!ENTITY x0 "ha">'
    + b"".join(b'<!ENTITY x%d "%s">' % (n + 1, b"&x%d;" % n * 10) for n in range(9))
    + b'<!ENTITY e "&x9;">]>'
)
XXE = b'<!DOCTYPE ROOT [<!ENTITY e SYSTEM "SECRET">]>'

DAMAGED: dict[str, Callable[[dict[str, bytes]], dict[str, bytes | None]]] = {
    "truncated XML": lambda part: {SHEET: part[SHEET][: len(part[SHEET]) // 2]},
    "bad shared-string index": _sheet_with(
        b'<c r="A2" t="inlineStr"><is><t>Ann</t></is></c>', b'<c r="A2" t="s"><v>99</v></c>'
    ),
    "missing sheet": lambda part: {SHEET: None},
    "bad number": _sheet_with(
        b'<c r="B2" t="inlineStr"><is><t>ILM3</t></is></c>', b'<c r="B2"><v>1.2.3</v></c>'
    ),
    "bad cell reference": _sheet_with(b'r="A2"', b'r="2A"'),
    "bad row number": _sheet_with(b'<row r="2"', b'<row r="two"'),
    "billion laughs": _with_dtd(SHEET, LAUGHS),
    "external entity in the sheet": _with_dtd(SHEET, XXE),
    "external entity in the workbook": _with_dtd("xl/workbook.xml", XXE),
    "external entity in the content types": _with_dtd("[Content_Types].xml", XXE),
    "external entity in the styles": _with_dtd("xl/styles.xml", XXE),
    "external entity in UTF-16": _with_dtd(SHEET, XXE, encoding="utf-16"),
}


@pytest.mark.parametrize("damage", list(DAMAGED))
def test_a_damaged_xlsx_is_one_located_error(
    workbook: Callable[..., Path], run: Run, tmp_path: Path, damage: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET\n", encoding="utf-8")
    path = workbook(STAFF)
    changes = DAMAGED[damage](parts(path))
    edit(path, {
        name: None if data is None else data.replace(b"SECRET", secret.as_uri().encode())
        for name, data in changes.items()
    })  # fmt: skip
    expected = f"{path}: cannot read as a spreadsheet: "
    assert unreadable(path).startswith(expected)
    result = run("team", str(path))
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"careermap: error: {expected}")
    assert "Traceback" not in result.output
    assert "TOPSECRET" not in result.output  # no external entity was ever resolved
    if "entit" in damage or "laughs" in damage:
        assert "declares a DTD (<!DOCTYPE), which no spreadsheet has" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name,quals\nAnn,ILM3\n", "it is not a zip archive"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
            "it is an old .xls file or a workbook saved",
        ),
    ],
    ids=["CSV named .xlsx", "old .xls or a password"],
)
def test_what_is_no_xlsx_at_all_is_named(tmp_path: Path, content: bytes, expected: str) -> None:
    pytest.importorskip("openpyxl", reason="openpyxl is the optional xlsx extra")
    path = tmp_path / "staff.xlsx"
    path.write_bytes(content)
    assert unreadable(path).startswith(f"{path}: cannot read as a spreadsheet: {expected}")


def test_a_cut_short_xlsx_and_unusual_compression(workbook: Callable[..., Path]) -> None:
    path = workbook(STAFF)
    path.write_bytes(path.read_bytes()[:-100])
    assert "cannot read as a spreadsheet: it is not a zip archive" in unreadable(path)
    path = edit(workbook(STAFF), {}, compression=zipfile.ZIP_LZMA)
    assert "uses compression method 14" in unreadable(path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b'<row r="2"', b'<row r="1.5&#10;"'),  # openpyxl quotes the row number as it is
        (
            b'<c r="B2" t="inlineStr"><is><t>ILM3</t></is></c>',
            b'<c r="B2"><v>1.%s</v></c>' % (b"9." * 5000),
        ),
    ],
    ids=["a newline", "a long value"],
)
def test_messages_from_a_damaged_file_are_one_short_line(
    workbook: Callable[..., Path], old: bytes, new: bytes
) -> None:
    path = edit_sheet(workbook(STAFF), old, new)
    line = unreadable(path)
    assert line.startswith(f"{path}: cannot read as a spreadsheet: ValueError: ")
    assert not CONTROL.search(line)
    assert len(line) < len(str(path)) + 300


# 3. Bounds: unpacked size (declared and read), parts, rows and cells


def _declare_size(path: Path, name: str, size: int) -> None:
    """Make the zip at ``path`` declare ``size`` unpacked bytes for part ``name``, in its
    local header and in the central directory alike."""
    raw = bytearray(path.read_bytes())
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        for found in re.finditer(re.escape(signature), raw):
            start = found.start() + name_at
            if raw[start : start + len(name)] == name.encode():
                struct.pack_into("<I", raw, found.start() + size_at, size)
    path.write_bytes(bytes(raw))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(workbook: Callable[..., Path]) -> None:
    path = workbook(STAFF)
    padding = b"<!--" + b" " * (65 * 2**20) + b"-->"
    edit_sheet(path, b"</worksheet>", padding + b"</worksheet>")
    assert path.stat().st_size < 2**20
    assert unreadable(path) == (
        f"{path}: unpacks to more than 64 MiB, the most careermap reads from a spreadsheet"
    )
    # Declared sizes that lie are no way round the bound: no more is read than declared.
    _declare_size(path, SHEET, 1000)
    with zipfile.ZipFile(path) as archive:
        assert sum(info.file_size for info in archive.infolist()) < 2**20
    assert unreadable(path).startswith(f"{path}: cannot read as a spreadsheet: ")


def test_a_zip_of_many_parts_is_refused(workbook: Callable[..., Path]) -> None:
    path = workbook(STAFF)
    edit(path, {f"junk/{n}.xml": b"<a/>" for n in range(1000)})
    assert unreadable(path) == f"{path}: holds more than 1,000 parts; a spreadsheet has far fewer"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (b"<x/>" * 4_000_000, "holds more than 4,000,000 XML elements, the most careermap reads"),
        (
            b'<row r="2">' + b"<c/>" * 100_001 + b"</row>",
            f"cannot read as a spreadsheet: {SHEET} has a row of more than 100,000 cells",
        ),
    ],
    ids=["elements openpyxl keeps", "a row openpyxl builds at once"],
)
def test_what_would_cost_openpyxl_time_and_memory_is_refused(
    workbook: Callable[..., Path], rows: bytes, expected: str
) -> None:
    path = edit_sheet(workbook(STAFF), b"</sheetData>", rows + b"</sheetData>")
    assert unreadable(path).startswith(f"{path}: {expected}")


def test_xml_that_is_not_utf_8_is_refused(workbook: Callable[..., Path]) -> None:
    # Counting tags needs one byte a '<'; Excel writes UTF-8 only.
    path = workbook(STAFF)
    sheet = parts(path)[SHEET].decode("utf-8")
    edit(path, {SHEET: sheet.replace("UTF-8", "UTF-16").encode("utf-16")})
    assert unreadable(path) == (
        f"{path}: cannot read as a spreadsheet: {SHEET} is not UTF-8 XML,"
        " as a spreadsheet's parts are"
    )


@pytest.mark.parametrize("row", [b"1048577", b"1e12"])
def test_rows_past_the_last_a_spreadsheet_has(workbook: Callable[..., Path], row: bytes) -> None:
    path = workbook(STAFF)
    far = b'<row r="%s"><c t="inlineStr"><is><t>Zed</t></is></c></row>' % row
    edit_sheet(path, b"</sheetData>", far + b"</sheetData>")
    assert unreadable(path) == (
        f"{path}:1048577: the sheet goes past row 1,048,576, the most a spreadsheet has"
    )


def test_a_far_off_column_cannot_make_a_sheet_expensive(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is the optional xlsx extra")
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    for row in range(1, 1302):  # openpyxl pads every row read to 16,384 cells
        sheet.cell(row, 1, "name" if row == 1 else f"P{row}")
        sheet.cell(row, 16384, "quals" if row == 1 else "ILM3")
    path = tmp_path / "staff.xlsx"
    book.save(path)
    assert unreadable(path) == (
        f"{path}:1221: the sheet has more than 20,000,000 cells up to the columns read,"
        " the most careermap reads"
    )


# 4. Formulas with no saved value


def test_a_formula_with_no_saved_value_is_reported_not_dropped(
    workbook: Callable[..., Path], shipped: Catalogue, run: Run
) -> None:
    path = workbook(
        [["name", "quals"], ["Ann", "ILM3"], ["Bob", "=B2"], ["=A9", "=B9"], ["Cat", '=""']]
    )
    # Cat's formula gives "" as Excel saves it: a value, not a missing one.
    edit_sheet(path, b'<c r="B5"><f>""</f><v /></c>', b'<c r="B5" t="str"><f>""</f><v></v></c>')
    report = analyse_team(shipped, read_staff(path), source=str(path))
    assert [(p.line, p.message) for p in report.problems] == [
        (3, f"Bob: the quals cell holds {NOT_SAVED}"),
        (4, f"the name and quals cells hold {NOT_SAVED}"),
    ]
    assert report.staff == 2
    result = run("team", str(path), "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"careermap: warning: skipped {path}:3: Bob: the quals cell holds {NOT_SAVED}"
    )
    assert run("team", str(path), "--strict").exit_code == 1


# 5-8. CSV: lines, headers, separators (more cases in the corpus)


def test_lines_are_the_lines_a_person_sees(write: Callable[[str, str], Path]) -> None:
    path = write('\n,,\nname,quals\n"Ann\nSmith",ILM3\n\nBob,L3TSM\n', "staff.csv")
    assert read_staff(path) == [
        StaffRow(4, "Ann\\nSmith", "ILM3", ""),
        StaffRow(7, "Bob", "L3TSM", ""),
    ]


def test_a_file_excel_saved_with_semicolons_is_read(write: Callable[[str, str], Path]) -> None:
    path = write('Name;Quals;Role\nAnn;"ILM3;L3TSM";practitioner\nBob;DIPSM,ILM3;\n', "staff.csv")
    assert read_staff(path) == [
        StaffRow(2, "Ann", "ILM3;L3TSM", "practitioner"),
        StaffRow(3, "Bob", "DIPSM,ILM3", ""),
    ]


def test_xlsx_headers_after_blank_rows_and_given_twice(workbook: Callable[..., Path]) -> None:
    path = workbook([[], [None, "  "], ["name", "quals"], ["Ann", "ILM3"]])
    assert read_staff(path) == [StaffRow(4, "Ann", "ILM3", "")]
    path = workbook([[], ["name", "quals", "role", "QUALS"], ["Ann", "ILM3", "", "L3TSM"]])
    assert unreadable(path) == (
        f"{path}:2: the header row has a 'quals' column twice (columns B and D); keep one"
    )


def test_a_huge_header_is_summarised(write: Callable[[str, str], Path]) -> None:
    path = write(",".join(f"column{n}" for n in range(100_000)) + "\n", "staff.csv")
    message = unreadable(path)
    assert message.startswith(
        f"{path}:1: the header row needs a name (or id) and a quals (or qualifications) column"
    )
    assert len(message) < len(str(path)) + 400


# 9. Control characters


def test_staff_rows_never_hold_control_characters() -> None:
    row = StaffRow(2, "Ann\x1b[31m\x00", "ILM3\x85", "lead\u202e\x7f")
    assert (row.name, row.quals, row.role) == ("Ann\\x1b[31m\\x00", "ILM3\\x85", "lead\\u202e\\x7f")


NASTY = (
    "name,quals\n"
    "Ann\x1b[31m,ILM3\n"
    "Bel\x07,ILM3\n"
    '"Cr\rcareermap: error: forged",ILM3\n'
    '"Mal\ncareermap: error: forged",ILM3\n'
    "Del\x7f\x9b2J,ILM3\n"
    "Tab\tbed,ILM3\n"
    "Eve\x1b]0;title\x07,NOPE\x1b\n"
)


@pytest.mark.parametrize("output_format", ["table", "csv", "json", "markdown"])
def test_control_characters_never_reach_the_terminal(
    run: Run, write: Callable[[str, str], Path], output_format: str
) -> None:
    path = write(NASTY, "staff.csv")
    result = run("team", str(path), "--per-person", "--format", output_format)
    assert result.exit_code == 0, result.output
    for stream in (result.stdout, result.stderr):
        assert not CONTROL.search(stream), repr(stream)
        assert not any(line.startswith("careermap: error") for line in stream.splitlines())
    [warning] = result.stderr.splitlines()  # Eve's unknown item is left out, and listed
    assert warning.startswith("careermap: warning: 1 spelling in the staff list")
    # JSON and Markdown double a backslash; Markdown escapes a bracket (no links)
    shown = result.stdout.replace("\\\\", "\\").replace("\\[", "[").replace("\\]", "]")
    assert "Ann\\x1b[31m" in shown
    assert "Eve\\x1b]0;title\\x07" in shown
    assert "NOPE\\x1b" in shown


def test_xlsx_cells_cannot_hold_control_characters(workbook: Callable[..., Path]) -> None:
    path = workbook(STAFF)
    # Character references: the way XML carries a newline or a C1 control into a cell.
    edit_sheet(path, b"<t>Ann</t>", b"<t>Mal&#10;careermap: error: forged&#x9b;2J&#13;</t>")
    [first, _] = read_staff(path)
    assert first.name == "Mal\\ncareermap: error: forged\\x9b2J"


@given(st.text(st.sampled_from('ab,"\r\n\x0b\x0c\x1c\x85\u2028'), max_size=40))
def test_a_csv_is_split_into_lines_as_a_text_stream_would(text: str) -> None:
    """The CSV reader takes lines from the text itself, not from a copy in an io.StringIO
    (four bytes a character): the same lines, \\r and \\r\\n as line ends, nothing else."""
    assert list(_lines(text)) == list(io.StringIO(text, newline=""))
