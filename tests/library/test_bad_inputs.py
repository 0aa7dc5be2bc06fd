"""The corpus in tests/bad_inputs/ through the library: a DataError naming file and line.

The same cases.tsv drives the command (tests/cli/test_bad_inputs.py). A catalogue goes
through ``load_catalogue`` (or ``check_catalogue_file`` for its warnings), a profile
through ``load_profile`` on the shipped map, a staff list through ``read_staff`` and
``analyse_team(strict=True)``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careermap import (
    Catalogue,
    DataError,
    analyse_team,
    check_catalogue_file,
    load_catalogue,
    load_profile,
    read_staff,
)

from ..conftest import BAD, BAD_CASES


def test_the_corpus_is_large_and_every_file_is_listed() -> None:
    listed = [case[0] for case in BAD_CASES]
    on_disk = {str(path.relative_to(BAD)) for path in BAD.glob("*/*")}
    assert len(listed) == len(set(listed)), "a file is listed twice"
    assert set(listed) == on_disk
    assert len(BAD_CASES) >= 50
    assert all(len(case) == 3 and case[1] in {"0", "1"} for case in BAD_CASES), BAD_CASES


def load(kind: str, file: Path, shipped: Catalogue) -> object:
    if kind == "catalogue":
        return load_catalogue(file)
    if kind == "profile":
        return load_profile(file, shipped)
    return analyse_team(shipped, read_staff(file), source=str(file), strict=True)


@pytest.mark.parametrize(
    ("name", "code", "expected"), BAD_CASES, ids=[case[0] for case in BAD_CASES]
)
def test_bad_input(shipped: Catalogue, name: str, code: str, expected: str) -> None:
    file = BAD / name
    kind = name.split("/")[0]
    wanted = f"{file}{expected}" if expected.startswith(":") else expected
    if code == "0":  # an accepted catalogue: what it says is a warning or its summary
        assert kind == "catalogue"
        loaded, warnings = check_catalogue_file(file)
        summary = f"OK: {len(loaded.roles)} roles in bands {loaded.bands[0]} to {loaded.bands[-1]}"
        said = [*(str(warning) for warning in warnings), summary]
        assert any(wanted in line for line in said), said
        assert load_catalogue(file) == loaded
        return
    with pytest.raises(DataError) as caught:
        load(kind, file, shipped)
    lines = caught.value.lines()
    assert lines
    assert any(wanted in line for line in lines), lines
    assert str(file) in lines[0]
    assert caught.value.exit_code == int(code)
