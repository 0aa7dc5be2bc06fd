"""Loading a name's module on first use: the one mechanism that keeps start-up fast.

The package's ``__getattr__`` and the renderer registry both name things as
``"module:attribute"`` and load them here only when asked, so a command imports just
what it uses (a JSON export never imports rich, a cached catalogue never imports YAML).
"""

from __future__ import annotations

import importlib
from typing import Any


def attribute(spec: str) -> Any:
    """The object ``spec`` names, as ``"package.module:name"``, importing its module."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)
