"""The cache of checked catalogues: fast start, and never a stale or wrong verdict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careermap import CatalogueError, load_catalogue

from ..conftest import SMALL

CHECK_AND_LIST_MODULES = """
import sys
import typer
from careermap.cli import app
typer.main.get_command(app).main(
    ["check", "--quals", "ILM3,L3TSM", "--format", "json"], standalone_mode=False
)
heavy = sorted({name.split(".")[0] for name in sys.modules} & {"pydantic", "yaml", "rich"})
print("loaded:", ",".join(heavy), file=sys.stderr)
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(folder))
    return folder


def run_check(cache: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", CHECK_AND_LIST_MODULES],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CAREERMAP_CACHE_DIR": str(cache)},
    )
    return result.stderr.strip().splitlines()[-1]


def test_a_checked_catalogue_starts_without_pydantic_yaml_or_rich(cache: Path) -> None:
    assert run_check(cache) == "loaded: pydantic,yaml"  # the first run checks the file
    assert len(list(cache.glob("*.json"))) == 1
    assert run_check(cache) == "loaded:"  # later runs trust the cached verdict


def test_the_cached_catalogue_equals_a_fresh_check(cache: Path) -> None:
    fresh = load_catalogue(SMALL)
    assert list(cache.glob("*.json"))
    assert load_catalogue(SMALL) == fresh


def test_an_edited_file_is_checked_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    text = SMALL.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    load_catalogue(path)
    path.write_text(text.replace("band: B", "band: Q"), encoding="utf-8")
    with pytest.raises(CatalogueError, match="unknown band 'Q'"):
        load_catalogue(path)


def test_a_damaged_entry_is_ignored(cache: Path) -> None:
    expected = load_catalogue(SMALL)
    for entry in cache.glob("*.json"):
        entry.write_text('{"name": "broken"', encoding="utf-8")
    assert load_catalogue(SMALL) == expected


def test_a_forged_entry_of_the_wrong_shape_is_ignored(cache: Path) -> None:
    expected = load_catalogue(SMALL)
    for entry in cache.glob("*.json"):
        entry.write_text('{"name": 1, "roles": [{"id": []}]}', encoding="utf-8")
    assert load_catalogue(SMALL) == expected


def test_the_cache_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERMAP_NO_CACHE", "1")
    load_catalogue(SMALL)
    assert not cache.exists()


def test_an_unwritable_cache_folder_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(blocker / "cache"))
    assert load_catalogue(SMALL).name == "Small test map"


def test_a_cached_catalogue_keeps_its_version_prerequisites_and_full_time_courses(
    cache: Path, tmp_path: Path
) -> None:
    path = tmp_path / "map.yaml"
    text = SMALL.read_text(encoding="utf-8").replace(
        "name: Small test map\n", "name: Small test map\nversion: '3.1'\n"
    )
    text = text.replace(
        "  - code: LEAD5\n    name: Leadership level 5\n",
        "  - code: LEAD5\n    name: Leadership level 5\n    requires:\n      - [LEAD3]\n"
        "    alongside_work: false\n",
    )
    path.write_text(text, encoding="utf-8")
    fresh = load_catalogue(path)
    assert list(cache.glob("*.json"))
    cached = load_catalogue(path)
    assert cached == fresh
    assert cached.version == "3.1"
    assert cached.qualifications_by_code["LEAD5"].requires == (("LEAD3",),)
    assert not cached.qualifications_by_code["LEAD5"].alongside_work
    assert cached.qualifications_by_code["LEAD3"].alongside_work  # the default
