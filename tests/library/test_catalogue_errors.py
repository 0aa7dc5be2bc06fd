"""Bad catalogues from Python: every problem at once, missing files, the size bound.

Each single bad catalogue is a file in the corpus, tests/bad_inputs/ (test_bad_inputs.py).
"""

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


def test_every_problem_is_reported_at_once() -> None:
    text = edited("    band: B", "    band: Z").replace("      - [TWO]", "      - [TOW]")
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, "t.yaml")
    assert len(caught.value.problems) == 2


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
