"""Reading input files with a size bound, and decoding them with located errors.

Kept free of YAML and pydantic so that reading a file costs no imports.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from careermap.errors import DataError, Problem

MAX_FILE_BYTES = 10 * 1024 * 1024

_NOT_REGULAR = "is not a regular file (a FIFO, device or socket); give a file"

# Byte-order marks of UTF-16 and UTF-32 (FF FE 00 00, UTF-32 LE, starts like FF FE).
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def read_limited(path: Path, limit: int, error: type[DataError]) -> bytes:
    """The bytes of ``path``; ``error`` when it is missing, unreadable, not a regular file
    or over ``limit``."""
    source = str(path)
    try:
        # O_NONBLOCK: opening a FIFO that no program writes to would otherwise hang.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise error([Problem(source, None, "no such file")]) from None
    except OSError as exc:
        # A socket cannot be opened at all (ENXIO).
        message = _NOT_REGULAR if exc.errno == errno.ENXIO else f"cannot read: {exc.strerror}"
        raise error([Problem(source, None, message)]) from None
    except ValueError:  # os functions refuse a NUL byte in a path
        raise error([Problem(repr(source), None, "the file name contains a NUL byte")]) from None
    try:
        # fstat the descriptor we read, not the name, so nothing can swap it in between.
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):  # /dev/zero never ends; a FIFO or terminal may block
            message = "is a directory, not a file" if stat.S_ISDIR(mode) else _NOT_REGULAR
            raise error([Problem(source, None, message)])
        with os.fdopen(handle, "rb", closefd=False) as stream:
            raw = stream.read(limit + 1)
    except OSError as exc:
        raise error([Problem(source, None, f"cannot read: {exc.strerror}")]) from None
    finally:
        os.close(handle)
    return _within(raw, limit, source, error)


def read_stdin_limited(limit: int, error: type[DataError], source: str = "<stdin>") -> bytes:
    """The bytes of standard input, bounded like ``read_limited``.

    A closed or missing standard input is ``error``, never a traceback.
    """
    stream = sys.stdin
    try:
        if stream is None:  # started with stdin closed (`<&-`), or under pythonw
            raise ValueError("no standard input")
        buffer = getattr(stream, "buffer", None)
        # A test harness may swap in a text-only stream (no .buffer): read its text.
        raw: bytes | str = (buffer if buffer is not None else stream).read(limit + 1)
    except ValueError:  # "I/O operation on closed file"
        raise error([Problem(source, None, "standard input is closed")]) from None
    except OSError as exc:
        # EBADF: descriptor 0 closed; no errno: a stand-in stream that refuses reading.
        closed = exc.errno in (None, errno.EBADF)
        message = "standard input is closed" if closed else f"cannot read: {exc.strerror}"
        raise error([Problem(source, None, message)]) from None
    if isinstance(raw, str):  # surrogatepass cannot fail; decode_text reports bad ones
        raw = raw.encode("utf-8", "surrogatepass")
    return _within(raw, limit, source, error)


def _within(raw: bytes, limit: int, source: str, error: type[DataError]) -> bytes:
    if len(raw) > limit:
        size = f"{limit // 2**20} MiB" if limit % 2**20 == 0 else f"{limit} bytes"
        raise error([Problem(source, None, f"is larger than {size}")])
    return raw


def decode_text(raw: bytes, source: str, error: type[DataError]) -> str:
    """Decode UTF-8 (a byte-order mark is allowed), naming the line of any bad byte."""
    # Before the NUL check: UTF-16 text is full of NULs but is no binary file.
    if raw.startswith(_WIDE_BOMS):
        raise error([Problem(source, None, "is UTF-16 (or UTF-32); save it as UTF-8")])
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise error([Problem(source, line, "contains a NUL byte; is this a binary file?")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        raise error([Problem(source, line, message)]) from None
