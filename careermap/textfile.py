"""Reading input files with a size bound, and decoding them with located errors.

Kept free of YAML and pydantic so that reading a file costs no imports.
"""

from __future__ import annotations

from pathlib import Path

from careermap.errors import DataError, Problem

MAX_FILE_BYTES = 10 * 1024 * 1024


def read_limited(path: Path, limit: int, error: type[DataError]) -> bytes:
    """The bytes of ``path``; ``error`` when it is missing, unreadable or over ``limit``."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise error([Problem(source, None, "no such file")]) from None
    except IsADirectoryError:
        raise error([Problem(source, None, "is a directory, not a file")]) from None
    except OSError as exc:
        raise error([Problem(source, None, f"cannot read: {exc.strerror}")]) from None
    if len(raw) > limit:
        raise error([Problem(source, None, f"is larger than {limit // (1024 * 1024)} MiB")])
    return raw


def decode_text(raw: bytes, source: str, error: type[DataError]) -> str:
    """Decode UTF-8 (a byte-order mark is allowed), naming the line of any bad byte."""
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise error([Problem(source, line, "contains a NUL byte; is this a binary file?")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        raise error([Problem(source, line, message)]) from None
