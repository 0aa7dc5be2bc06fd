"""read_limited, read_stdin_limited and decode_text, tried the way a hostile user would."""

from __future__ import annotations

import io
import os
import signal
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest

from careermap.errors import DataError, ProfileError
from careermap.textfile import (
    MAX_FILE_BYTES,
    decode_text,
    read_limited,
    read_stdin_limited,
)

MIB = 1024 * 1024
NOT_REGULAR = "is not a regular file"


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Fail, instead of hanging the suite, when a blocking open or read never returns."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _message(info: pytest.ExceptionInfo[DataError]) -> str:
    (problem,) = info.value.problems
    return problem.message


# read_limited


def test_regular_file_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * MIB)
    assert read_limited(path, MIB, DataError) == b"x" * MIB


def test_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * (MIB + 1))
    with pytest.raises(ProfileError) as info:
        read_limited(path, MIB, ProfileError)
    assert _message(info) == "is larger than 1 MiB"
    assert MAX_FILE_BYTES == 10 * MIB


def test_symlink_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_bytes(b"ok")
    (tmp_path / "link").symlink_to("f.yaml")
    assert read_limited(tmp_path / "link", MIB, DataError) == b"ok"


def test_missing_file_and_directory_keep_their_messages(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        read_limited(tmp_path / "missing.yaml", MIB, DataError)
    assert _message(info) == "no such file"
    with pytest.raises(DataError) as info:
        read_limited(tmp_path, MIB, DataError)
    assert _message(info) == "is a directory, not a file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"secret")
    path.chmod(0)
    with pytest.raises(DataError) as info:
        read_limited(path, MIB, DataError)
    assert _message(info) == "cannot read: Permission denied"


def test_fifo_without_a_writer_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with _deadline(5), pytest.raises(DataError) as info:
        read_limited(fifo, MIB, DataError)
    assert NOT_REGULAR in _message(info)


def test_fifo_with_a_writer_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    keep_open = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets a writer open it
    writer = os.open(fifo, os.O_WRONLY)
    try:
        os.write(writer, b"a: 1\n")  # data, but the writer never closes
        with _deadline(5), pytest.raises(DataError) as info:
            read_limited(fifo, MIB, DataError)
        assert NOT_REGULAR in _message(info)
    finally:
        os.close(writer)
        os.close(keep_open)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_devices_are_refused(device: str) -> None:
    with _deadline(5), pytest.raises(DataError) as info:
        read_limited(Path(device), 100, DataError)
    assert NOT_REGULAR in _message(info)


def test_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # socket paths are limited to 108 bytes
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("sock")
        with pytest.raises(DataError) as info:
            read_limited(Path("sock"), MIB, DataError)
    assert NOT_REGULAR in _message(info)


def test_name_over_the_limit_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        read_limited(tmp_path / ("n" * 256), MIB, DataError)
    assert _message(info) == "cannot read: File name too long"


# read_stdin_limited


def _stdin(monkeypatch: pytest.MonkeyPatch, stream: object) -> None:
    monkeypatch.setattr("sys.stdin", stream)


def test_stdin_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, io.TextIOWrapper(io.BytesIO(b"name,role\n\xff")))
    assert read_stdin_limited(MIB, DataError) == b"name,role\n\xff"  # bytes, undecoded


def test_text_only_stdin_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, io.StringIO("héllo"))
    assert read_stdin_limited(MIB, DataError) == "héllo".encode()


def test_stdin_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, io.TextIOWrapper(io.BytesIO(b"x" * 101)))
    with pytest.raises(ProfileError) as info:
        read_stdin_limited(100, ProfileError, "-")
    assert info.value.problems[0].source == "-"
    assert _message(info) == "is larger than 100 bytes"


def test_missing_stdin_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, None)
    with pytest.raises(ProfileError) as info:
        read_stdin_limited(MIB, ProfileError)
    assert str(info.value) == "<stdin>: standard input is closed"


def test_closed_stdin_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"x"))
    stream.close()
    _stdin(monkeypatch, stream)
    with pytest.raises(DataError) as info:
        read_stdin_limited(MIB, DataError)
    assert _message(info) == "standard input is closed"


def test_stdin_with_a_closed_descriptor_is_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    read_end, write_end = os.pipe()
    os.close(write_end)
    stream = open(read_end)  # noqa: SIM115 - closed behind its back below
    os.close(read_end)  # what `<&-` leaves: a stream whose descriptor is gone (EBADF)
    _stdin(monkeypatch, stream)
    try:
        with pytest.raises(DataError) as info:
            read_stdin_limited(MIB, DataError)
        assert _message(info) == "standard input is closed"
    finally:
        with pytest.raises(OSError):  # noqa: PT011 - the descriptor is already gone
            stream.close()


# decode_text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_are_named(encoding: str) -> None:
    raw = "\ufeffroles:\n  - id: dev\n".encode(encoding)
    if encoding == "utf-16":
        raw = raw[2:]  # Python's "utf-16" adds its own mark; keep one
    if encoding == "utf-32":
        raw = raw[4:]
    with pytest.raises(DataError) as info:
        decode_text(raw, "cat.yaml", DataError)
    assert str(info.value) == "cat.yaml: is UTF-16 (or UTF-32); save it as UTF-8"


def test_utf8_with_a_mark_is_decoded() -> None:
    assert decode_text(b"\xef\xbb\xbfa: 1\n", "f", DataError) == "a: 1\n"


def test_nul_byte_without_a_mark_is_still_binary() -> None:
    with pytest.raises(DataError) as info:
        decode_text(b"a: 1\nb\x00", "f", DataError)
    assert str(info.value) == "f:2: contains a NUL byte; is this a binary file?"


def test_bad_utf8_names_its_line_and_byte() -> None:
    with pytest.raises(DataError) as info:
        decode_text(b"a: 1\n\nb: \xe9\n", "f", DataError)
    assert str(info.value) == "f:3: is not valid UTF-8 (byte 0xe9); save it as UTF-8"
