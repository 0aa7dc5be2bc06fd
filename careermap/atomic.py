"""Writing output files so that a failed export never leaves a broken or clobbered file.

A regular file is replaced through a temporary file and a rename, so it is either fully
written or left exactly as it was. Anything else is never renamed over: a terminal,
``/dev/null`` or a FIFO is written straight into, as a shell's ``>`` would, and a block
device or socket is refused.

The text may come as chunks (``careermap.render.stream``), written as they come and never
all held: the temporary file is renamed into place only once the last chunk is written,
so an error while the chunks are made leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from careermap.errors import ExportError, UsageError

BLOCK_BYTES = 1 << 16
"""Chunks are gathered into writes of about this many bytes."""


class _Unmade(Exception):
    """What making a chunk raised, carried past the writers' handling of ``OSError`` (a
    failure of the text is not one of the file) and raised again as it was."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


def write_atomic(path: Path | str, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its chunks, in order) to ``path`` as UTF-8; raises
    ``ExportError``, or whatever making a chunk raised, with the old file left as it was.

    A symlink is followed and its final target replaced (the link stays a link).
    """
    data = iter((text.encode("utf-8"),)) if isinstance(text, str) else _blocks(text)
    try:
        _write(Path(path), data)
    except _Unmade as unmade:
        raise unmade.error from None


def _blocks(chunks: Iterable[str]) -> Iterator[bytes]:
    """``chunks`` as UTF-8, gathered into blocks of about ``BLOCK_BYTES``."""
    gathered: list[bytes] = []
    size = 0
    try:
        for chunk in chunks:
            gathered.append(chunk.encode("utf-8"))
            size += len(gathered[-1])
            if size >= BLOCK_BYTES:
                yield b"".join(gathered)
                gathered.clear()
                size = 0
    except Exception as exc:
        raise _Unmade(exc) from exc
    if gathered:
        yield b"".join(gathered)


def _write(target: Path, data: Iterator[bytes]) -> None:
    try:
        # os.stat follows links, including /proc's magic ones behind /dev/stdout.
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None  # a new file, or a dangling link: create what it names
    except OSError as exc:
        raise _export_error(target, exc) from None
    except ValueError:  # os functions refuse a NUL byte in a path
        raise ExportError(f"{str(target)!r}: the file name contains a NUL byte") from None
    mode = 0 if status is None else status.st_mode
    if stat.S_ISDIR(mode):
        raise ExportError(f"{target}: is a directory; give a file name")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _write_in_place(target, data, fifo=stat.S_ISFIFO(mode))
        return
    if status is not None and not stat.S_ISREG(mode):
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket"
        raise ExportError(f"{target}: is {kind}, not a file; give a file name")
    stream = None if status is None else _own_stream(status)
    if stream is not None:
        # `--output /dev/stdout >> log`: write through our own descriptor, so that `>>`
        # appends and the file the shell opened is not swapped away from under it.
        _write_all(target, stream, data)
        return
    # Rename onto the file the links end at, never onto a link, so the link survives.
    final = Path(os.path.realpath(target))
    if status is not None:
        if not _names(final, status):
            # A /proc link to a deleted or unnamed file: there is no name to rename onto.
            raise ExportError(f"{target}: cannot tell which file this names; give a file name")
        # rename() ignores the file's own mode, so refuse a read-only file as `>` does;
        # os.access lets root through, as a root shell would.
        if not os.access(final, os.W_OK):
            raise ExportError(f"{target}: is read-only; make it writable or choose another name")
    _replace(target, final, data, status)


def refuse_output_over_input(
    output: Path, inputs: Iterable[Path | None], option: str = "--output"
) -> None:
    """Raise ``UsageError`` when ``output`` names the same file as one of ``inputs``;
    ``option`` is how the message names where ``output`` came from.

    Absent inputs (``None``) are skipped. Exporting over an input would lose it.
    """
    for source in inputs:
        if source is not None and _same_file(output, source):
            raise UsageError(
                f"{option} {output} is the same file as the input {source}; choose another name"
            )


def _same_file(first: Path, second: Path) -> bool:
    try:
        status = os.stat(first)
        other = os.stat(second)
    except (OSError, ValueError):
        # One is missing (or unnamable): compare where the names lead. os.path.realpath,
        # unlike Path.resolve, does not raise on a symlink loop.
        return os.path.realpath(first) == os.path.realpath(second)
    # Same inode, whatever the spelling (./, symlinks, hard links). Only a regular file
    # has contents to lose: two names for one terminal or /dev/null are no clash.
    return os.path.samestat(status, other) and stat.S_ISREG(status.st_mode)


def _write_in_place(target: Path, data: Iterator[bytes], *, fifo: bool) -> None:
    """Write into a character device or FIFO, which has no contents to keep safe."""
    try:
        # O_NONBLOCK: opening a FIFO nobody reads fails with ENXIO instead of hanging.
        handle = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        if fifo and exc.errno == errno.ENXIO:
            raise ExportError(f"{target}: no program is reading from this FIFO") from None
        raise _export_error(target, exc) from None
    try:
        os.set_blocking(handle, True)  # now wait for a slow reader instead of EAGAIN
        _write_all(target, handle, data)
    finally:
        os.close(handle)


def _own_stream(status: os.stat_result) -> int | None:
    """Descriptor 1 or 2 when our stdout or stderr already writes to this file."""
    for handle in (1, 2):
        with contextlib.suppress(OSError):  # closed
            if os.path.samestat(status, os.fstat(handle)):
                return handle
    return None


def _write_all(target: Path, handle: int, data: Iterator[bytes]) -> None:
    for block in data:
        try:
            view = memoryview(block)
            while view:  # os.write may write only part to a pipe or terminal
                view = view[os.write(handle, view) :]
        except OSError as exc:  # /dev/full (ENOSPC), a reader that went away (EPIPE)
            raise _export_error(target, exc) from None


def _replace(
    target: Path, final: Path, data: Iterator[bytes], status: os.stat_result | None
) -> None:
    """Write a temporary file beside ``final`` and rename it onto ``final``."""
    folder = final.parent
    try:
        # A short, fixed-length name, so any legal file name still leaves room for it.
        handle, temporary = tempfile.mkstemp(prefix=".careermap-", suffix=".tmp", dir=folder)
    except OSError as exc:
        if not folder.is_dir():
            raise ExportError(f"{target}: the folder {folder} does not exist") from None
        # e.g. /proc or /sys, where no new file can be made
        message = f"cannot create a temporary file in {folder}: {exc.strerror}"
        raise ExportError(f"{target}: {message}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for block in data:
                stream.write(block)
            stream.flush()
            os.fsync(stream.fileno())
        if status is None:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        else:
            # Keep the owner, as `>` would. Best effort: only root may give a file away,
            # and some file systems refuse any chown.
            with contextlib.suppress(OSError):
                os.chown(temporary, status.st_uid, status.st_gid)
            os.chmod(temporary, status.st_mode & 0o7777)  # after chown, which clears setuid
        os.replace(temporary, final)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _export_error(target, exc) from None
        raise


def _names(final: Path, status: os.stat_result) -> bool:
    """Whether ``final`` is the file ``status`` describes."""
    try:
        return os.path.samestat(status, os.stat(final))
    except OSError:
        return False


def _export_error(target: Path, exc: OSError) -> ExportError:
    if exc.errno == errno.ENAMETOOLONG:
        return ExportError(f"{target}: the file name is too long")
    return ExportError(f"{target}: cannot write: {exc.strerror}")
