"""Fuzzing the readers: whatever the input, only careermap's own errors come out.

Marked slow; ``pytest -m "not slow"`` skips them for a quick run. How many examples each
gets comes from the hypothesis profile (tests/conftest.py): few by default, many in CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from careermap import CatalogueError, load_catalogue, parse_catalogue
from careermap.errors import StaffListError
from careermap.staff import _csv_rows

from ..conftest import SMALL
from ..strategies import CSV_PIECES, YAML_PIECES, documents, texts

pytestmark = pytest.mark.slow

SMALL_TEXT = SMALL.read_text(encoding="utf-8")


def only_our_error(text: str) -> None:
    caught = None
    try:
        parse_catalogue(text, "fuzz.yaml")
    except CatalogueError as error:
        caught = error
    if caught is not None:
        assert caught.problems
        assert all(str(problem).startswith("fuzz.yaml") for problem in caught.problems)


@given(texts(YAML_PIECES, 120))
def test_arbitrary_text(text: str) -> None:
    only_our_error(text)


@given(documents)
def test_arbitrary_yaml_documents(data: object) -> None:
    only_our_error(yaml.safe_dump(data))


@given(st.data())
def test_a_valid_catalogue_damaged_at_random(data: st.DataObject) -> None:
    lines = SMALL_TEXT.splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "duplicate", "splice", "indent"]))
        if action == "drop":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = data.draw(st.sampled_from(["  ", "\t", " "])) + lines[index]
        else:
            column = data.draw(st.integers(0, len(lines[index])))
            piece = data.draw(st.sampled_from(YAML_PIECES) | st.text(max_size=3))
            lines[index] = lines[index][:column] + piece + lines[index][column:]
        if not lines:
            break
    only_our_error("\n".join(lines) + "\n")


@given(st.binary(max_size=300))
def test_arbitrary_bytes_in_a_file(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = Path(tmp_path_factory.mktemp("fuzz")) / "map.yaml"
    path.write_bytes(raw)
    caught = None
    try:
        load_catalogue(path)
    except CatalogueError as error:
        caught = error
    assert caught is None or str(path) in str(caught)


@given(texts(CSV_PIECES, 120))
def test_arbitrary_staff_lists(text: str) -> None:
    rows, caught = [], None
    try:
        rows = list(_csv_rows(text, "staff.csv"))
    except StaffListError as error:
        caught = error
    assert caught is None or caught.problems
    assert all(row.line >= 2 for row in rows)
