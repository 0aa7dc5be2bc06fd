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


def test_every_public_name_resolves() -> None:
    import careermap

    for name in careermap.__all__:
        assert getattr(careermap, name) is not None, name
    assert set(careermap.__all__) <= set(dir(careermap))


def test_no_exported_name_is_shadowed_by_a_module() -> None:
    # A submodule named like a function (careermap.compare) would replace it on import.
    import importlib
    import types

    for module in ("careermap.comparison", "careermap.whatif", "careermap.diff"):
        importlib.import_module(module)
    import careermap

    shadowed = [
        name for name in careermap.__all__ if isinstance(getattr(careermap, name), types.ModuleType)
    ]
    assert shadowed == []
