"""Writing output files so that a failed export never leaves a broken or clobbered file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from careermap.errors import ExportError


def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 through a temporary file and a rename.

    The file is either fully written or, on any failure, left exactly as it was.
    Raises ``ExportError``.
    """
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"{target}: is a directory; give a file name")
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except FileNotFoundError:
        raise ExportError(f"{target}: the folder {target.parent} does not exist") from None
    except OSError as exc:
        raise ExportError(f"{target}: cannot write there: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{target}: cannot write: {exc.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; give a new one the usual umask-based ones."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
