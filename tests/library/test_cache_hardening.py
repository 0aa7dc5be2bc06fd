"""The cache of checked catalogues trusts nothing it did not write itself, and never fails."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from careermap import cache, load_catalogue
from careermap.models import Catalogue

from ..conftest import SMALL


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


RAW = SMALL.read_bytes()
DIGEST = sha256(RAW)
posix_only = pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and mode bits")


@pytest.fixture(autouse=True)
def _fresh_fingerprint() -> Iterator[None]:
    """Tests below change what the fingerprint looks at, so none may see another's."""
    cache._fingerprint.cache_clear()
    yield
    cache._fingerprint.cache_clear()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def expected(folder: Path) -> Catalogue:
    """The small catalogue, checked afresh, which leaves one genuine entry in ``folder``."""
    return load_catalogue(SMALL)


def only_entry(folder: Path) -> Path:
    (entry,) = folder.glob("*.json")
    return entry


def write_signed(payload: bytes) -> None:
    """An entry for SMALL signed with the folder's own key: authentic, whatever it says."""
    place = cache._place(DIGEST)
    assert place is not None
    entry, header = place
    secret = cache._secret(entry.parent, create=True)
    assert secret is not None
    entry.write_bytes(cache._sign(secret, header, payload) + b"\n" + payload)


# Authentication.


def test_an_entry_edited_by_hand_is_ignored_and_rebuilt(folder: Path, expected: Catalogue) -> None:
    entry = only_entry(folder)
    entry.write_bytes(entry.read_bytes().replace(b'"Helper"', b'"Forged"'))
    assert cache.load(DIGEST) is None
    assert load_catalogue(SMALL) == expected
    assert cache.load(DIGEST) == expected  # checked afresh and stored again


def test_an_entry_for_another_file_is_ignored(folder: Path, expected: Catalogue) -> None:
    other = RAW.replace(b"title: Helper", b"title: Other helper")
    genuine = only_entry(folder)
    cache.store(sha256(other), load_catalogue(SMALL))  # stored, as if ``other`` had checked out
    (entry,) = set(folder.glob("*.json")) - {genuine}
    entry.write_bytes(genuine.read_bytes())  # SMALL's entry, filed under ``other``
    assert cache.load(sha256(other)) is None


def test_an_entry_signed_with_another_folders_key_is_ignored(
    folder: Path, expected: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(elsewhere))
    cache.store(DIGEST, expected)
    assert (elsewhere / "key").read_bytes() != (folder / "key").read_bytes()
    shutil.copy(only_entry(elsewhere), only_entry(folder))  # same name, another key
    monkeypatch.setenv("CAREERMAP_CACHE_DIR", str(folder))
    assert cache.load(DIGEST) is None


# Authentic entries are still checked: shape, then the cross-references.

MUTATIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown band": lambda data: data["roles"][0].update(band="Q"),
    "unknown code": lambda data: data["roles"][0].update(requires=[["NOPE"]]),
    "unknown role": lambda data: data["roles"][0].update(progresses_to=["nobody"]),
    "no routes": lambda data: data["roles"][0].update(requires=[]),
    "an empty route": lambda data: data["roles"][0].update(requires=[[]]),
    "number for text": lambda data: data["roles"][0].update(title=1),
    "number for a name": lambda data: data.update(name=1),
    "number in a list": lambda data: data.update(bands=["A", 2, "C"]),
    "string for a list": lambda data: data["roles"][0].update(tracks="main"),
    "string for routes": lambda data: data["roles"][0].update(requires="BASIC"),
    "string for a level": lambda data: data["qualifications"][0].update(rqf="2"),
    "bool for a level": lambda data: data["qualifications"][0].update(rqf=True),
    "float for months": lambda data: data["roles"][0]["training"].update(months=6.5),
    "list for training": lambda data: data["roles"][0].update(training=[]),
    "missing field": lambda data: data["qualifications"][0].pop("aliases"),
    "extra field": lambda data: data["roles"][0].update(salary=1),
    "no roles": lambda data: data.update(roles=[]),
}


@pytest.mark.parametrize("mutate", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_an_authentic_entry_of_the_wrong_shape_is_ignored_and_rebuilt(
    folder: Path, expected: Catalogue, mutate: Callable[[dict[str, Any]], None]
) -> None:
    data = copy.deepcopy(expected.to_data())
    mutate(data)
    write_signed(json.dumps(data).encode())
    assert cache.load(DIGEST) is None
    assert load_catalogue(SMALL) == expected
    assert cache.load(DIGEST) == expected


@pytest.mark.parametrize(
    "payload",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"name": ' * 100_000,
        b'{"name": "broken"',
        b"\xff\xfe not UTF-8",
        b"[]",
        b"null",
        b"",
    ],
    ids=["deep nesting", "deep and broken", "bad JSON", "bad UTF-8", "a list", "null", "empty"],
)
def test_an_authentic_entry_that_is_not_a_catalogue_is_ignored(
    folder: Path, expected: Catalogue, payload: bytes
) -> None:
    write_signed(payload)
    assert cache.load(DIGEST) is None
    assert load_catalogue(SMALL) == expected


def test_a_forged_deeply_nested_entry_is_ignored(folder: Path, expected: Catalogue) -> None:
    only_entry(folder).write_bytes(b"[" * 100_000)
    assert cache.load(DIGEST) is None


def test_an_entry_over_the_size_limit_is_not_read(
    folder: Path, expected: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_MAX_ENTRY_BYTES", 100)
    assert cache.load(DIGEST) is None
    for entry in folder.glob("*.json"):
        entry.unlink()
    cache.store(DIGEST, expected)  # nor is one written that could never be read
    assert not list(folder.glob("*.json"))


# The key covers everything that shapes the verdict.


@pytest.mark.parametrize("module", cache._CHECKING_CODE)
def test_editing_a_checking_module_means_a_fresh_check(
    folder: Path, expected: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    package = tmp_path / "careermap"
    shutil.copytree(Path(cache.__file__).parent, package)
    monkeypatch.setattr(cache, "__file__", str(package / "cache.py"))
    cache.store(DIGEST, expected)
    assert cache.load(DIGEST) == expected
    with (package / module).open("a", encoding="utf-8") as stream:
        stream.write("\n# edited\n")
    cache._fingerprint.cache_clear()
    assert cache.load(DIGEST) is None


def test_the_fingerprint_covers_textfile_errors_and_lookup() -> None:
    assert {"textfile.py", "errors.py", "lookup.py"} <= set(cache._CHECKING_CODE)


@pytest.mark.parametrize(
    ("module", "distribution"),
    [("pydantic", "pydantic"), ("pydantic_core", "pydantic_core"), ("yaml", "PyYAML")],
)
def test_another_version_of_a_checking_package_means_a_fresh_check(
    folder: Path,
    expected: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: str,
    distribution: str,
) -> None:
    site = tmp_path / "site"
    (site / module).mkdir(parents=True)
    (site / module / "__init__.py").write_text("", encoding="utf-8")
    (site / f"{distribution}-1.0.dist-info").mkdir()
    (site / f"{distribution}_extras-9.0.dist-info").mkdir()  # another project: no matter
    monkeypatch.syspath_prepend(str(site))  # found there first; never imported
    cache._fingerprint.cache_clear()
    cache.store(DIGEST, expected)
    assert cache.load(DIGEST) == expected
    (site / f"{distribution}_extras-9.0.dist-info").rename(
        site / f"{distribution}_extras-9.1.dist-info"
    )
    cache._fingerprint.cache_clear()
    assert cache.load(DIGEST) == expected
    (site / f"{distribution}-1.0.dist-info").rename(site / f"{distribution}-1.1.dist-info")
    cache._fingerprint.cache_clear()
    assert cache.load(DIGEST) is None


def test_a_cached_load_still_imports_neither_pydantic_nor_yaml(folder: Path) -> None:
    script = (
        "import sys\nfrom careermap import load_catalogue\n"
        f"load_catalogue({str(SMALL)!r})\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml'}))"
    )
    env = {**os.environ, "CAREERMAP_CACHE_DIR": str(folder)}

    def run() -> str:
        command = [sys.executable, "-c", script]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout

    assert run().strip() == "['pydantic', 'yaml']"
    assert run().strip() == "[]"


# No home folder.


def test_no_home_and_no_passwd_entry_means_no_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_home(cls: type[Path]) -> Path:
        raise RuntimeError("Could not determine home directory.")

    for name in ("CAREERMAP_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", classmethod(no_home))
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() is None
    catalogue = load_catalogue(SMALL)
    assert cache.load(DIGEST) is None
    cache.store(DIGEST, catalogue)
    assert list(tmp_path.iterdir()) == []


# The secret key.


@posix_only
def test_the_key_is_private_made_once_and_leaves_nothing_behind(
    folder: Path, expected: Catalogue
) -> None:
    key = folder / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == 32
    before = key.read_bytes()
    for entry in folder.glob("*.json"):
        entry.unlink()
    load_catalogue(SMALL)
    assert key.read_bytes() == before
    assert sorted(path.suffix for path in folder.iterdir()) == ["", ".json"]


def test_a_key_made_by_another_process_first_is_kept(
    folder: Path, expected: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = (folder / "key").read_bytes()
    monkeypatch.setattr(os.path, "lexists", lambda path: False)  # lose the race
    cache.store(DIGEST, expected)
    assert (folder / "key").read_bytes() == key
    assert cache.load(DIGEST) == expected
    assert not list(folder.glob("*.tmp"))


@posix_only
def test_a_folder_others_can_write_to_is_not_used(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder.mkdir(mode=0o700)
    folder.chmod(0o770)
    assert load_catalogue(SMALL).name == "Small test map"
    assert list(folder.iterdir()) == []


@posix_only
def test_a_folder_of_another_user_is_not_used(
    folder: Path, expected: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    assert cache.load(DIGEST) is None


def damage(key: Path, how: str) -> None:
    if how == "readable by others":
        key.chmod(0o644)
    elif how == "too short":
        key.write_bytes(b"short")
    elif how == "a folder":
        key.unlink()
        key.mkdir()
    elif how == "a link":  # even to the real key: a link is how a key gets swapped
        real = key.rename(key.with_name("real"))
        key.symlink_to(real)
    else:
        key.unlink()


@posix_only
@pytest.mark.parametrize(
    "how", ["readable by others", "too short", "a folder", "a link", "missing"]
)
def test_a_key_that_cannot_be_trusted_means_no_cache(
    folder: Path, expected: Catalogue, how: str
) -> None:
    damage(folder / "key", how)
    assert cache.load(DIGEST) is None
    assert load_catalogue(SMALL) == expected
