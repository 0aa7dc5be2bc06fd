from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from careermap import Catalogue, load_catalogue
from careermap.cli import app

DATA = Path(__file__).parent / "data"
SMALL = DATA / "small.yaml"

# The corpus of bad inputs, driven through the library and the CLI alike: each cases*.tsv
# holds a file, the exit code the command gives and what the message says after the file name.
BAD = Path(__file__).parent / "bad_inputs"
BAD_CASES = [
    tuple(line.split("\t"))
    for table in sorted(BAD.glob("cases*.tsv"))
    for line in table.read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]

Run = Callable[..., Result]

# Hypothesis: "dev" (the default) is quick; "ci" is thorough, and is chosen when CI is set.
# HYPOTHESIS_PROFILE names either one explicitly.
settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the cache of checked catalogues out of the user's home during tests."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAREERMAP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.delenv("CAREERMAP_NO_CACHE", raising=False)
        yield


@pytest.fixture(scope="session")
def shipped() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="session")
def small() -> Catalogue:
    return load_catalogue(SMALL)


@pytest.fixture
def run() -> Run:
    """Invoke the CLI as a user would, at 80 columns and without colour."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(
            app, list(args), input=input, env={"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}
        )

    return invoke


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    def write_file(text: str, name: str = "file.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


def xlsx_copy(csv_path: Path, target: Path) -> Path:
    """``csv_path`` saved as a one-sheet .xlsx at ``target`` (skips without openpyxl)."""
    import csv

    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is the optional xlsx extra")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in csv_path.read_text(encoding="utf-8").splitlines():
        sheet.append(next(csv.reader([line])))
    workbook.save(target)
    return target
