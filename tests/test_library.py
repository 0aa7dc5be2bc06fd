"""The library stands on its own: no typer or rich unless the CLI or a table needs them."""

from __future__ import annotations

import subprocess
import sys

CORE_ONLY = """
import sys
import careermap
from careermap.render import OutputFormat, render

catalogue = careermap.load_catalogue()
codes = careermap.parse_quals(catalogue, "ILM3, l3 tsm")
assert careermap.evaluate(catalogue, codes).effective == {"ILM3", "L3TSM"}
report = careermap.check_report(catalogue, codes)
for output_format in (OutputFormat.JSON, OutputFormat.CSV, OutputFormat.MARKDOWN):
    render(report, output_format)
loaded = sorted(name for name in sys.modules if name.split(".")[0] in {"typer", "rich", "click"})
print(",".join(loaded))
"""


def test_core_and_exports_never_import_typer_or_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CORE_ONLY], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_the_module_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "careermap", "check", "-q", "ILM7,L3TSM", "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "service-manager,Service Manager,I,yes," in result.stdout.splitlines()


def test_a_user_mistake_never_shows_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "careermap", "check", "-q", "NOPE"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("careermap: error: unknown qualification 'NOPE'")
    assert "Traceback" not in result.stderr


def test_every_public_name_resolves() -> None:
    import careermap

    for name in careermap.__all__:
        assert getattr(careermap, name) is not None, name
    assert set(careermap.__all__) <= set(dir(careermap))


def test_help_loads_neither_pydantic_models_nor_rich_tables() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from careermap.cli import app\n"
        "assert CliRunner().invoke(app, ['--version-does-not-exist']).exit_code == 2\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('careermap'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = result.stdout.strip().split(",")
    assert loaded == [
        "careermap", "careermap.cli", "careermap.errors", "careermap.lazy", "careermap.render",
        "careermap.subject",
    ]  # fmt: skip
