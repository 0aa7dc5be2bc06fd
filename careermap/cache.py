"""A cache of catalogues that passed every check, so commands start fast.

Checking a catalogue needs YAML and pydantic, which together cost more start-up time
than the rest of a command. A checked catalogue is stored as JSON, keyed by the SHA-256
of the file's bytes and a fingerprint of the code that checks it, so any edit to either
means a fresh check. Only files that passed are stored; a damaged or unreadable cache
entry is ignored. ``CAREERMAP_CACHE_DIR`` moves the cache (default: the user's cache
folder) and ``CAREERMAP_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from careermap.models import Catalogue

FORMAT = 1
_CHECKING_CODE = ("models.py", "schema.py", "catalogue.py", "validation.py", "yamlfile.py")


def cache_dir() -> Path | None:
    if os.environ.get("CAREERMAP_NO_CACHE"):
        return None
    configured = os.environ.get("CAREERMAP_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "careermap"


def _entry(raw: bytes) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    digest = hashlib.sha256(raw)
    here = Path(__file__).parent
    for name in _CHECKING_CODE:  # a changed checker must never reuse an old verdict
        try:
            status = (here / name).stat()
        except OSError:
            return None
        digest.update(f"{name}:{status.st_size}:{status.st_mtime_ns};".encode())
    digest.update(f"format:{FORMAT}".encode())
    return directory / f"{digest.hexdigest()}.json"


def load(raw: bytes) -> Catalogue | None:
    """The checked catalogue for a file with these bytes, if it is in the cache."""
    entry = _entry(raw)
    if entry is None:
        return None
    try:
        return Catalogue.from_data(json.loads(entry.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(raw: bytes, catalogue: Catalogue) -> None:
    """Remember that a file with these bytes checked out as ``catalogue``; best effort."""
    entry = _entry(raw)
    if entry is None:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(catalogue.to_data(), stream, ensure_ascii=False)
        os.replace(temporary, entry)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
