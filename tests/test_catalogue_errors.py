"""Bad catalogues are rejected with the file, the line and the reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from careermap import CatalogueError, load_catalogue, parse_catalogue

VALID = """\
name: Test map
bands: [A, B]
tracks: [main]
qualifications:
  - code: ONE
    name: First certificate
    aliases: [cert one]
  - code: TWO
    name: Second certificate
    satisfies: [ONE]
roles:
  - id: starter
    title: Starter
    band: A
    tracks: [main]
    requires:
      - [ONE]
    training:
      leads_to: [TWO]
      months: 6
    progresses_to: [senior]
  - id: senior
    title: Senior
    band: B
    tracks: [main]
    requires:
      - [TWO]
"""


def edited(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def test_the_base_catalogue_is_valid() -> None:
    assert [role.id for role in parse_catalogue(VALID).roles] == ["starter", "senior"]


BAD = {
    "yaml syntax": (edited("bands: [A, B]", "bands: [A, B"), "t.yaml:3: YAML syntax error"),
    "tab indent": (
        edited("  - code: TWO", "\t- code: TWO"),
        "t.yaml:8: YAML syntax error: while scanning for the next token, found character that"
        " cannot start any token (a tab: YAML indents with spaces only)",
    ),
    "unknown key": (
        edited("    title: Starter", "    title: Starter\n    progressions: []"),
        "t.yaml:14: unknown key 'progressions' (did you mean progresses_to?)",
    ),
    "missing key": (edited("    title: Senior\n", ""), "t.yaml:22: missing key 'roles[1].title'"),
    "bad band": (
        edited("    band: B", "    band: Z"),
        "t.yaml:24: unknown band 'Z'; the bands are A, B",
    ),
    "band read as a number": (
        edited("bands: [A, B]", "bands: [A, 1.10]"),
        "t.yaml:2: bands[1]: YAML read this as the number 1.1; put it in quotes",
    ),
    "code read as false": (
        edited("  - code: ONE", "  - code: NO"),
        "t.yaml:5: qualifications[0].code: YAML read this as false",
    ),
    "unknown code in requires": (
        edited("      - [TWO]", "      - [TOW]"),
        "t.yaml:27: unknown qualification TOW (did you mean TWO?)",
    ),
    "unknown code in satisfies": (
        edited("satisfies: [ONE]", "satisfies: [ONF]"),
        "t.yaml:10: unknown qualification ONF (did you mean ONE?)",
    ),
    "unknown code in training": (
        edited("leads_to: [TWO]", "leads_to: [THREE]"),
        "t.yaml:19: unknown qualification THREE",
    ),
    "gives without months": (
        edited("      months: 6\n", ""),
        "t.yaml:18: starter gives TWO but not how long that takes; add training: months:",
    ),
    "unknown code in experience": (
        edited(
            "    progresses_to: [senior]", "    experience: [EXPERT]\n    progresses_to: [senior]"
        ),
        "t.yaml:21: unknown qualification EXPERT",
    ),
    "negative months": (
        edited("      months: 6", "      months: -6"),
        "t.yaml:20: roles[0].training.months: input should be greater than or equal to 1",
    ),
    "unknown role in progression": (
        edited("progresses_to: [senior]", "progresses_to: [seniour]"),
        "t.yaml:21: unknown role id seniour (did you mean senior?)",
    ),
    "duplicate role id": (
        edited("  - id: senior", "  - id: starter"),
        "t.yaml:22: duplicate role id 'starter' (also entry 1)",
    ),
    "duplicate code": (
        edited("  - code: TWO", "  - code: ONE"),
        "t.yaml:8: duplicate code 'ONE' (also entry 1)",
    ),
    "alias names another qualification": (
        edited("    name: Second certificate", "    name: Second certificate\n    aliases: [ONE]"),
        "t.yaml:10: 'ONE' already names ONE",
    ),
    "counts-as cycle": (
        edited("    aliases: [cert one]", "    aliases: [cert one]\n    satisfies: [TWO]"),
        't.yaml:8: "counts as" goes round in a circle: ONE -> TWO -> ONE',
    ),
    "self counts-as": (
        edited("satisfies: [ONE]", "satisfies: [TWO]"),
        't.yaml:10: "counts as" goes round in a circle: TWO -> TWO',
    ),
    "empty route": (
        edited("      - [TWO]", "      - []"),
        "t.yaml:27: roles[1].requires[0]: must not be empty",
    ),
    "no routes": (
        edited("    requires:\n      - [TWO]", "    requires: []"),
        "t.yaml:26: roles[1].requires: must not be empty",
    ),
    "repeated route": (
        edited("      - [TWO]", "      - [TWO]\n      - [TWO]"),
        "t.yaml:28: this route repeats route 1 of senior",
    ),
    "code twice in a route": (
        edited("      - [TWO]", "      - [TWO, TWO]"),
        "t.yaml:27: TWO is listed twice in this route",
    ),
    "lower-case code": (
        edited("  - code: TWO", "  - code: two"),
        "t.yaml:8: qualifications[1].code: 'two' is not valid; a qualification code is",
    ),
    "bad role id": (
        edited("  - id: senior", "  - id: Senior Role"),
        "t.yaml:22: roles[1].id: 'Senior Role' is not valid; a role id is lower-case words",
    ),
    "duplicate mapping key": (
        edited("    title: Senior", "    title: Senior\n    title: Boss"),
        "t.yaml:24: duplicate key 'title' (first given at line 23)",
    ),
    "alias": (
        edited("      - [ONE]", "      - &first [ONE]").replace("      - [TWO]", "      - *first"),
        "t.yaml:27: YAML aliases (*name) are not allowed",
    ),
    "python tag": (
        edited("name: Test map", "name: !!python/object/apply:os.system [echo hi]"),
        "t.yaml:1: unsupported YAML tag tag:yaml.org,2002:python/object/apply:os.system",
    ),
    "list instead of mapping": ("- a\n- b\n", "t.yaml:1: expected a mapping of keys"),
    "empty file": ("", "t.yaml:1: the file is empty"),
    "comments only": ("# nothing here\n", "t.yaml:1: the file is empty"),
    "roles not a list": (
        edited("roles:\n", "roles: starter\nold_roles:\n"),
        "t.yaml:11: roles: expected a list",
    ),
    "self progression": (
        edited("progresses_to: [senior]", "progresses_to: [starter]"),
        "t.yaml:21: starter cannot progress to itself",
    ),
    "two documents": (
        VALID + "---\nname: again\n",
        "t.yaml:28: a second YAML document (---); a file holds one",
    ),
}


@pytest.mark.parametrize(("text", "expected"), BAD.values(), ids=BAD.keys())
def test_bad_catalogue_is_rejected_with_its_line(text: str, expected: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "t.yaml")
    assert any(str(problem).startswith(expected) for problem in caught.value.problems), str(
        caught.value
    )


def test_every_problem_is_reported_at_once() -> None:
    text = edited("    band: B", "    band: Z").replace("      - [TWO]", "      - [TOW]")
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "t.yaml")
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"name: x\x00\n", "f.yaml:1: contains a NUL byte"),
        (b"name: caf\xe9\n", "f.yaml:1: is not valid UTF-8 (byte 0xe9)"),
    ],
)
def test_undecodable_files_are_rejected(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert expected in str(caught.value)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert load_catalogue(path).name == "Test map"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="no such file"):
        load_catalogue(tmp_path / "absent.yaml")
    with pytest.raises(CatalogueError, match="is a directory"):
        load_catalogue(tmp_path)


def test_an_oversized_file_is_refused_before_parsing(
    write: Callable[[str, str], Path],
) -> None:
    path = write("# " + "x" * (10 * 1024 * 1024) + "\n", "big.yaml")
    with pytest.raises(CatalogueError, match="is larger than 10 MiB"):
        load_catalogue(path)
