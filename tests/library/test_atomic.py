"""write_atomic and refuse_output_over_input, tried the way a hostile user would."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from careermap.atomic import refuse_output_over_input, write_atomic
from careermap.errors import ExportError, UsageError

ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="needs root (mknod, chown, bypassing modes)")
needs_non_root = pytest.mark.skipif(ROOT, reason="root may write anywhere, as a root shell can")


def _listing(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


@pytest.fixture
def reader(fifo: Path) -> Iterator[int]:
    """A descriptor reading ``fifo``; opened non-blocking so that opening cannot hang."""
    handle = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    yield handle
    os.close(handle)


# Regular files


def test_new_file_gets_the_text_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "héllo\n")
    assert target.read_bytes() == "héllo\n".encode()
    assert _listing(tmp_path) == ["out.txt"]


def test_existing_file_is_replaced_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(str(target), "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@needs_root
def test_existing_file_keeps_its_owner_when_root_replaces_it(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    os.chown(target, 4321, 4321)
    write_atomic(target, "new")
    assert (target.stat().st_uid, target.stat().st_gid) == (4321, 4321)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a directory"):
        write_atomic(tmp_path, "x")


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"the folder .*missing does not exist"):
        write_atomic(tmp_path / "missing" / "out.txt", "x")


def test_a_file_used_as_a_folder_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("keep")
    with pytest.raises(ExportError, match="Not a directory"):
        write_atomic(tmp_path / "file" / "out.txt", "x")
    assert (tmp_path / "file").read_text() == "keep"


# Chunks: written as they come, the file renamed into place only after the last


def chunks_of(text: str, size: int) -> Iterator[str]:
    return (text[start : start + size] for start in range(0, len(text), size))


def test_chunks_are_written_in_order(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    text = "".join(f"{line},héllo\n" for line in range(50_000))  # several blocks
    write_atomic(target, chunks_of(text, 7))
    assert target.read_bytes() == text.encode()
    assert _listing(tmp_path) == ["out.txt"]


def test_no_chunks_make_an_empty_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_atomic(target, iter(()))
    assert target.read_bytes() == b""


class Halfway(Exception):
    pass


def failing_halfway(chunks: int, error: Exception) -> Iterator[str]:
    """``chunks`` chunks of 10 KiB (past a block, so some are on disk), then ``error``."""
    for _ in range(chunks):
        yield "x" * 10_240
    raise error


@pytest.mark.parametrize("error", [Halfway("the staff list changed"), OSError(5, "I/O error")])
def test_chunks_that_fail_halfway_leave_the_old_file_and_no_temporary_file(
    tmp_path: Path, error: Exception
) -> None:
    """The export an error stops never replaces the old one, and the error is the one
    raised while making the chunks, as it was: not a "cannot write" (an OSError of the
    text's making is no failure of the file)."""
    target = tmp_path / "out.txt"
    target.write_text("the old export")
    with pytest.raises(type(error)) as raised:
        write_atomic(target, failing_halfway(20, error))
    assert raised.value is error
    assert target.read_text() == "the old export"
    assert _listing(tmp_path) == ["out.txt"]


def test_chunks_that_fail_halfway_leave_no_new_file(tmp_path: Path) -> None:
    with pytest.raises(Halfway):
        write_atomic(tmp_path / "out.txt", failing_halfway(20, Halfway()))
    assert _listing(tmp_path) == []


def test_chunks_that_cannot_be_written_are_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a directory"):
        write_atomic(tmp_path, chunks_of("x" * 100, 10))


# Long names: the temporary name must not grow with the target's


@pytest.mark.parametrize("length", [249, 255])
def test_longest_legal_names_work(tmp_path: Path, length: int) -> None:
    target = tmp_path / ("n" * length)
    write_atomic(target, "x")
    target.write_text("old")
    write_atomic(target, "y")  # replacing, too
    assert target.read_text() == "y"
    assert _listing(tmp_path) == [target.name]


def test_name_over_the_limit_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="the file name is too long"):
        write_atomic(tmp_path / ("n" * 256), "x")
    assert _listing(tmp_path) == []


# Read-only files and folders


@needs_non_root
def test_read_only_file_is_refused_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("keep")
    target.chmod(0o444)
    with pytest.raises(ExportError, match="is read-only"):
        write_atomic(target, "new")
    assert target.read_text() == "keep"


@needs_root
def test_root_writes_a_read_only_file_as_a_root_shell_would(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o444)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@needs_non_root
def test_unwritable_folder_is_a_clean_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="Permission denied"):
            write_atomic(folder / "out.txt", "x")
    finally:
        folder.chmod(0o755)


# Symlinks: the link stays a link and its final target is replaced


def test_symlink_chain_replaces_the_final_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    final = tmp_path / "real" / "file.txt"
    final.write_text("old")
    middle = tmp_path / "real" / "middle"
    middle.symlink_to("file.txt")  # relative, resolved from its own folder
    link = tmp_path / "link"
    link.symlink_to(middle)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert middle.is_symlink()
    assert final.read_text() == "new"
    assert _listing(tmp_path / "real") == ["file.txt", "middle"]


def test_dangling_symlink_creates_the_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "sub" / "new.txt")
    write_atomic(link, "made")
    assert link.is_symlink()
    assert (tmp_path / "sub" / "new.txt").read_text() == "made"


def test_dangling_symlink_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "missing" / "new.txt")
    with pytest.raises(ExportError, match="does not exist"):
        write_atomic(link, "x")
    assert link.is_symlink()


def test_symlink_loop_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(ExportError, match="symbolic links"):
        write_atomic(tmp_path / "a", "x")
    assert (tmp_path / "a").is_symlink()
    assert _listing(tmp_path) == ["a", "b"]


# FIFOs are written into, never replaced


def test_fifo_without_a_reader_is_refused_without_hanging(fifo: Path) -> None:
    with pytest.raises(ExportError, match="no program is reading from this FIFO"):
        write_atomic(fifo, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_fifo_with_a_reader_gets_the_text(fifo: Path, reader: int) -> None:
    write_atomic(fifo, "through the pipe")
    assert os.read(reader, 1000) == b"through the pipe"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_fifo_takes_more_than_a_pipe_buffer_from_a_slow_reader(fifo: Path, reader: int) -> None:
    text = "0123456789" * 100_000  # far over the 64 KiB a pipe holds: writes must block
    received = bytearray()

    def drain() -> None:
        while chunk := os.read(reader, 65536):
            received.extend(chunk)

    # A writer of our own, so the reader sees no end of file before write_atomic opens.
    holder = os.open(fifo, os.O_WRONLY)
    os.set_blocking(reader, True)
    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    try:
        write_atomic(fifo, text)
    finally:
        os.close(holder)
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert received == text.encode()


def test_fifo_gets_chunks_as_they_come(fifo: Path, reader: int) -> None:
    write_atomic(fifo, iter(["through ", "the ", "pipe"]))
    assert os.read(reader, 1000) == b"through the pipe"


def test_fifo_reader_that_goes_away_is_a_clean_error(fifo: Path) -> None:
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    holder = os.open(fifo, os.O_WRONLY)  # so the reader waits for data, not end of file
    os.set_blocking(reader, True)

    def read_a_little_and_leave() -> None:  # as `head -c 10` would
        os.read(reader, 10)
        os.close(reader)

    thread = threading.Thread(target=read_a_little_and_leave, daemon=True)
    thread.start()
    try:
        with pytest.raises(ExportError, match="Broken pipe"):
            write_atomic(fifo, "x" * 1_000_000)
    finally:
        os.close(holder)
        thread.join(timeout=10)


# Our own stdout, reached as /dev/stdout is: a link to /proc/self/fd/1


def test_stdout_redirected_to_a_file_is_written_through(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_text("kept\n")
    stdout = tmp_path / "stdout"  # not /dev/stdout: a regression, as root, would replace it
    stdout.symlink_to("/proc/self/fd/1")
    script = f"from careermap.atomic import write_atomic; write_atomic({str(stdout)!r}, 'new\\n')"
    with log.open("ab") as appending:  # `>> log`: must append, not replace the file
        subprocess.run([sys.executable, "-c", script], stdout=appending, check=True)
    assert log.read_text() == "kept\nnew\n"
    assert stdout.is_symlink()


# Devices and sockets: never renamed over


def _device(tmp_path: Path, kind: int, major: int, minor: int) -> Path:
    """A private device node, so a regression cannot replace the machine's own /dev."""
    path = tmp_path / f"dev-{major}-{minor}"
    os.mknod(path, kind | 0o666, os.makedev(major, minor))
    return path


@needs_root
def test_null_device_is_written_and_stays_a_device(tmp_path: Path) -> None:
    null = _device(tmp_path, stat.S_IFCHR, 1, 3)
    write_atomic(null, "discarded")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert _listing(tmp_path) == [null.name]


@needs_root
def test_full_device_is_a_clean_error_and_stays_a_device(tmp_path: Path) -> None:
    full = _device(tmp_path, stat.S_IFCHR, 1, 7)
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomic(full, "x")
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomic(full, chunks_of("x" * 100_000, 100))
    assert stat.S_ISCHR(full.stat().st_mode)


@needs_root
def test_block_device_is_refused(tmp_path: Path) -> None:
    block = _device(tmp_path, stat.S_IFBLK, 7, 0)  # never opened, so need not exist
    with pytest.raises(ExportError, match="is a block device"):
        write_atomic(block, "x")
    assert stat.S_ISBLK(block.stat().st_mode)


# Without root, the real /dev nodes are safe to try: a regression could not replace them.
spares_dev = pytest.mark.skipif(
    ROOT, reason="as root a regression would replace the machine's /dev; see the mknod tests"
)


@spares_dev
def test_dev_null_is_written() -> None:
    write_atomic("/dev/null", "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@spares_dev
def test_dev_full_is_a_clean_error() -> None:
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomic("/dev/full", "x")
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomic("/dev/full", chunks_of("x" * 100_000, 100))


def test_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short relative name: socket paths are limited to 108 bytes
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("sock")
        with pytest.raises(ExportError, match="is a socket"):
            write_atomic("sock", "x")
    assert stat.S_ISSOCK((tmp_path / "sock").stat().st_mode)


# refuse_output_over_input


def test_same_spelling_is_refused(tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("x")
    with pytest.raises(UsageError) as info:
        refuse_output_over_input(profile, [None, profile])
    expected = f"--output {profile} is the same file as the input {profile}; choose another name"
    assert str(info.value) == expected


def test_dot_slash_and_relative_spellings_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "me.yaml").write_text("x")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="same file"):
        refuse_output_over_input(Path("./me.yaml"), [tmp_path / "me.yaml"])
    with pytest.raises(UsageError, match="same file"):
        refuse_output_over_input(tmp_path / "." / "me.yaml", [Path("me.yaml")])


def test_symlink_and_hard_link_to_the_input_are_refused(tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("x")
    (tmp_path / "soft").symlink_to(profile)
    os.link(profile, tmp_path / "hard")
    for output in ("soft", "hard"):
        with pytest.raises(UsageError, match="same file"):
            refuse_output_over_input(tmp_path / output, [profile])


def test_dangling_symlink_onto_a_missing_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to("later.yaml")
    with pytest.raises(UsageError, match="same file"):
        refuse_output_over_input(tmp_path / "link", [tmp_path / "later.yaml"])


def test_other_files_pass(tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("x")
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")  # a loop must not raise anything but UsageError
    refuse_output_over_input(tmp_path / "report.html", [profile, None])
    refuse_output_over_input(tmp_path / "a", [profile])
    refuse_output_over_input(tmp_path / "copy.yaml", [])


def test_two_names_for_a_device_are_not_the_same_input() -> None:
    # Only a regular file has contents to lose; reading /dev/null is refused elsewhere.
    refuse_output_over_input(Path("/dev/null"), [Path("/dev/null")])
