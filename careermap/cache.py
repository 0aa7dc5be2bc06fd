"""A cache of catalogues that passed every check, so commands start fast.

Checking a catalogue needs YAML and pydantic, which together cost more start-up time
than the rest of a command. A checked catalogue is stored as JSON, keyed by the SHA-256
of the file's bytes and a fingerprint of what decides the verdict (the checking modules'
sizes and times, and the installed pydantic, pydantic-core and PyYAML versions), so any
change to either means a fresh check. Only files that passed are stored.

An entry is trusted only if it is authentic and well-formed. Its first line is an
HMAC-SHA256, keyed by a random secret made once per cache folder (a file only its owner
can read), of the cache format, the file's SHA-256, the entry's key and the JSON that
follows; an entry whose MAC does not match, or whose JSON is not exactly the shape of a
catalogue that passes the cross-reference checks, is ignored, so the file is checked
afresh and the entry rebuilt. A folder that others can write to, or a secret that cannot
be read, means no cache. ``CAREERMAP_CACHE_DIR`` moves the cache (default: the user's
cache folder) and ``CAREERMAP_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import stat
from collections.abc import Callable
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any

from careermap.models import Catalogue
from careermap.references import reference_problems
from careermap.textfile import MAX_FILE_BYTES

FORMAT = 3
_CHECKING_CODE = (
    *("models.py", "schema.py", "catalogue.py", "validation.py", "yamlfile.py"),
    *("references.py", "textfile.py", "errors.py", "lookup.py"),
)
# The parsers and validators the verdict depends on: (import name, distribution name).
_CHECKING_PACKAGES = (
    ("pydantic", "pydantic"),
    ("pydantic_core", "pydantic_core"),
    ("yaml", "pyyaml"),
)
_MAX_ENTRY_BYTES = 4 * MAX_FILE_BYTES  # JSON of the largest file we accept, with room
_SECRET_NAME = "key"
_SECRET_BYTES = 32
_POSIX = hasattr(os, "getuid")  # elsewhere, owners and mode bits do not mean the same


def cache_dir() -> Path | None:
    if os.environ.get("CAREERMAP_NO_CACHE"):
        return None
    configured = os.environ.get("CAREERMAP_CACHE_DIR")
    if configured:
        return Path(configured)
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no HOME and no passwd entry: go without a cache
        return None
    return Path(base) / "careermap"


def load(file_digest: str) -> Catalogue | None:
    """The checked catalogue for a file whose bytes have this SHA-256 (hex), if it is in
    the cache."""
    place = _place(file_digest)
    if place is None:
        return None
    entry, header = place
    try:
        secret = _secret(entry.parent, create=False)  # first: it also vets the folder
        if secret is None:
            return None
        with entry.open("rb", buffering=0) as stream:
            size = os.fstat(stream.fileno()).st_size
            # Bounded by the size, not the cap: asking for 40 MiB costs 20 us even for 7 KiB.
            blob = stream.read(size + 1) if size <= _MAX_ENTRY_BYTES else None
        if not blob:
            return None
        mac, _, payload = blob.partition(b"\n")
        if not hmac.compare_digest(mac, _sign(secret, header, payload)):
            return None
        return _checked(json.loads(payload))
    # Whatever is wrong with an entry, the answer is the same: check the file afresh.
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None


def store(file_digest: str, catalogue: Catalogue) -> None:
    """Remember that a file whose bytes have this SHA-256 checked out as ``catalogue``;
    best effort."""
    place = _place(file_digest)
    if place is None:
        return
    entry, header = place
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        secret = _secret(entry.parent, create=True)
        payload = json.dumps(catalogue.to_data()).encode()  # ASCII: lone surrogates survive
        if secret is None or len(payload) > _MAX_ENTRY_BYTES:
            return
        handle, temporary = _mkstemp(entry.parent)
    except (OSError, ValueError, TypeError, RecursionError):
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(_sign(secret, header, payload) + b"\n" + payload)
        os.replace(temporary, entry)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def _place(file_digest: str) -> tuple[Path, bytes] | None:
    """The entry for a file with this SHA-256, and what its MAC covers besides the JSON."""
    directory = cache_dir()
    fingerprint = _fingerprint()
    if directory is None or fingerprint is None:
        return None
    name = hashlib.sha256(f"{file_digest}\n{fingerprint}".encode()).hexdigest()
    return directory / f"{name}.json", f"careermap {FORMAT}\n{file_digest}\n{name}\n".encode()


def _sign(secret: bytes, header: bytes, payload: bytes) -> bytes:
    return hmac.digest(secret, header + payload, "sha256").hex().encode()


@functools.cache  # once a process: the code and packages it runs do not change under it
def _fingerprint() -> str | None:
    """What shapes a verdict besides the file itself; None when we cannot tell."""
    here = Path(__file__).parent
    parts = [f"format:{FORMAT}"]
    listings: dict[Path, list[str]] = {}
    try:
        for name in _CHECKING_CODE:  # a changed checker must never reuse an old verdict
            status = (here / name).stat()
            parts.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
        for module, distribution in _CHECKING_PACKAGES:
            # Found, not imported: importing them is the cost the cache exists to save.
            # (PathFinder, not importlib.util.find_spec: importing that costs 0.3 ms more.)
            spec = PathFinder.find_spec(module)
            if spec is None or spec.origin is None:
                return None  # not a plain install, so we cannot tell its version
            origin = Path(spec.origin)
            folder = origin.parent.parent
            if folder not in listings:
                listings[folder] = sorted(os.listdir(folder))
            versions = [
                entry
                for entry in listings[folder]
                # name-version.dist-info, the name with "_" for "-"
                if entry.endswith(".dist-info") and entry.partition("-")[0].lower() == distribution
            ]
            status = origin.stat()  # also catches a reinstall that kept the version
            parts.append(f"{origin}:{status.st_size}:{status.st_mtime_ns}:{versions}")
    except (OSError, ImportError, ValueError):
        return None
    return "\n".join(parts)


def _secret(directory: Path, *, create: bool) -> bytes | None:
    """The folder's MAC key, if the folder and key are this user's alone."""
    status = os.stat(directory)
    if not stat.S_ISDIR(status.st_mode) or not _private(status, 0o022):
        return None  # others could swap our key or plant entries that make us hang
    path = directory / _SECRET_NAME
    if create and not os.path.lexists(path):
        _create_secret(path)
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or not _private(status, 0o077):
            return None
        secret = stream.read(_SECRET_BYTES + 1)
    return secret if len(secret) == _SECRET_BYTES else None


def _private(status: os.stat_result, others: int) -> bool:
    """Owned by us, with none of the ``others`` permission bits set."""
    return not _POSIX or (status.st_uid == os.getuid() and not status.st_mode & others)


def _create_secret(path: Path) -> None:
    # Written in full to a private temporary file, then linked into place: a reader sees
    # the whole key or none, and a key another process made first is never replaced.
    handle, temporary = _mkstemp(path.parent)  # mode 0600
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(_SECRET_BYTES))
            stream.flush()
            os.fsync(stream.fileno())  # a crash must not leave a short key behind for good
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)


# The shape of an entry's JSON. Exact types (JSON gives no subclasses, and a bool is not
# a level), and element types gathered by ``set(map(type, ...))``, which is C-speed: this
# runs on every cached load.
Check = Callable[[Any], bool]
_STR = frozenset({str})


def _text(value: Any) -> bool:
    return type(value) is str


def _maybe_text(value: Any) -> bool:
    return value is None or type(value) is str


def _bool(value: Any) -> bool:
    return type(value) is bool


def _by_track(value: Any) -> bool:
    return type(value) is dict and all(
        _text(track) and _texts(codes) for track, codes in value.items()
    )


def _maybe_int(value: Any) -> bool:
    return value is None or type(value) is int


def _texts(value: Any) -> bool:
    return type(value) is list and set(map(type, value)) <= _STR


def _some_texts(value: Any) -> bool:
    return type(value) is list and set(map(type, value)) == _STR


def _routes(value: Any) -> bool:
    return type(value) is list and bool(value) and all(map(_some_texts, value))


def _some_routes(value: Any) -> bool:
    """Routes, or none (a qualification's course may need nothing first)."""
    return value == [] or _routes(value)


def _record(fields: dict[str, Check]) -> Check:
    def check(value: Any) -> bool:
        if type(value) is not dict or value.keys() != fields.keys():
            return False
        for key, test in fields.items():  # noqa: SIM110 (faster than all() on a generator)
            if not test(value[key]):
                return False
        return True

    return check


def _records(fields: dict[str, Check]) -> Check:
    one = _record(fields)
    return lambda value: type(value) is list and bool(value) and all(map(one, value))


# Exactly what ``Catalogue.to_data`` writes, and the non-empty lists the schema demands.
_CATALOGUE = _record(
    {
        "name": _text,
        "version": _maybe_text,
        "effective_from": _maybe_text,
        "bands": _some_texts,
        "tracks": _some_texts,
        "qualifications": _records(
            {
                "code": _text,
                "name": _text,
                "rqf": _maybe_int,
                "scqf": _maybe_int,
                "aliases": _texts,
                "satisfies": _texts,
                "course_months": _maybe_int,
                "requires": _some_routes,
                "cost": _maybe_int,
                "gained_through": _maybe_text,
                "from_any_role": _bool,
                "alongside_work": _bool,
            }
        ),
        "roles": _records(
            {
                "id": _text,
                "title": _text,
                "band": _text,
                "tracks": _some_texts,
                "requires": _routes,
                "training": _record(
                    {
                        "items": _texts,
                        "leads_to": _texts,
                        "months": _maybe_int,
                        "by_track": _by_track,
                    }
                ),
                "experience": _texts,
                "experience_months": _maybe_int,
                "progresses_to": _texts,
                "or_equivalent": _texts,
            }
        ),
    }
)


def _checked(data: Any) -> Catalogue | None:
    """The catalogue in an authentic entry, if it still has the shape and passes the checks."""

    if not _CATALOGUE(data):
        return None
    catalogue = Catalogue.from_data(data)
    return None if reference_problems(catalogue) else catalogue


def _mkstemp(folder: Path) -> tuple[int, str]:
    # tempfile imports random, which costs a loading command (it never stores) ~1 ms.
    import tempfile

    return tempfile.mkstemp(dir=folder, suffix=".tmp")
