from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from careermap import Catalogue, load_catalogue
from careermap.cli import app

DATA = Path(__file__).parent / "data"
SMALL = DATA / "small.yaml"

Run = Callable[..., Result]


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
