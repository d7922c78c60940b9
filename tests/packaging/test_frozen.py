"""The frozen (PyInstaller) build: it starts with no network, searches the bundled sample in its
window, runs the CLI, and survives a read-only install folder with a damaged user config.

The build comes from ``packaging/build.py``, which reuses an earlier build of the same sources
(``build/frozen/<hash>/``), so only the first run after a change pays the ~1 minute of freezing.
Every program runs in a fresh network namespace (``unshare -n``: not even loopback is up) when
the machine allows it, otherwise with proxies that point nowhere.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.frozen, pytest.mark.timeout(1800)]

NOBODY = 65534
RUN_TIMEOUT = 180


def _works(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


OFFLINE_PREFIX = ["unshare", "-n"] if _works(["unshare", "-n", "true"]) else []


@pytest.fixture(scope="session")
def frozen_build() -> dict:
    """The record of packaging/build.py (it freezes the app unless an up-to-date build exists)."""
    pytest.importorskip("PyInstaller", reason="PyInstaller (dev dependency) is not installed")
    done = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "build.py"), "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1700,
    )
    assert done.returncode == 0, f"build failed:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    record = json.loads(done.stdout.strip().splitlines()[-1])
    how = "reused" if record["reused"] else f"built in {record['freeze_seconds']} s"
    print(
        f"\nfrozen build {record['key']} ({how}): {record['size_bytes'] / 1e6:.0f} MB unpacked, "
        f"{record['files']} files; archive {(record['archive_bytes'] or 0) / 1e6:.0f} MB"
    )
    return record


def offline_env(home: Path) -> dict[str, str]:
    """An isolated home, offscreen Qt, and proxies to a closed port in case a request slips out."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.lower().endswith("_proxy") and key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env.update(
        STACDESK_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_RUNTIME_DIR=str(home / "runtime"),
        HTTP_PROXY="http://127.0.0.1:9",
        HTTPS_PROXY="http://127.0.0.1:9",
        ALL_PROXY="http://127.0.0.1:9",
        NO_PROXY="",
    )
    (home / "runtime").mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    return env


def run_offline(
    command: list[str], home: Path, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*OFFLINE_PREFIX, *prefix, *command],  # leave the network first, then drop root
        env=offline_env(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )


def sample_folder(record: dict) -> Path:
    return Path(record["folder"]) / "_internal" / "resources" / "sample-catalog"


def test_version(frozen_build: dict, isolated_home: Path) -> None:
    done = run_offline([frozen_build["executable"], "--version"], isolated_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"stacdesk {frozen_build['version']}"


def test_window_comes_up_and_searches_the_sample_offline(
    frozen_build: dict, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    done = run_offline([frozen_build["executable"], "--self-test"], isolated_home)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    lines = done.stdout.splitlines()
    assert any(line.startswith("ok   window: shown and painted") for line in lines), done.stdout
    search = next(line for line in lines if line.startswith("ok   search:"))
    assert int(search.split()[2]) > 0, search
    # Resources come from the bundle, not from a checkout lying around.
    resources = next(line for line in lines if line.startswith("ok   resources:"))
    assert str(Path(frozen_build["folder"]) / "_internal" / "resources") in resources
    assert any(line.startswith("ok   thumbnail:") for line in lines), done.stdout
    assert any(line.startswith("ok   downloads: PycURL") for line in lines), done.stdout
    assert any(line.startswith("ok   preview:") for line in lines), done.stdout  # GDAL bundled
    assert "self-test passed" in done.stdout


def test_cli_search_on_the_sample(frozen_build: dict, isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    command = [
        frozen_build["executable"],
        "search",
        str(sample_folder(frozen_build)),
        "--max-items",
        "5",
    ]
    done = run_offline(command, isolated_home)
    assert done.returncode == 0, done.stderr
    items = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(items) == 5
    assert all(item["type"] == "Feature" and item["id"] for item in items)
    assert "Traceback" not in done.stderr


def test_measure_startup_prints_time_to_first_paint_and_to_the_complete_window(
    frozen_build: dict, isolated_home: Path
) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    command = [frozen_build["executable"], "--measure-startup", "--sample"]
    done = run_offline(command, isolated_home)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])["stacdesk_startup"]
    assert report["first_paint_epoch"] is not None
    assert report["ready_epoch"] > report["first_paint_epoch"]
    if sys.platform.startswith("linux"):
        assert report["first_paint_s"] > 0


@contextlib.contextmanager
def read_only_install(record: dict) -> Iterator[tuple[Path, tuple[str, ...], Path]]:
    """A copy of the app whose folders nobody may write to, run by a user who owns nothing there.

    As root (CI), permissions don't bind, so the app runs as ``nobody`` through setpriv; files are
    hard-linked into the copy when possible (same file system), so it costs no space.
    Yields (executable, command prefix, a home folder that user may write to).
    """
    root = Path(tempfile.mkdtemp(prefix="stacdesk-ro-"))
    root.chmod(0o755)
    app = root / "stacdesk"

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(record["folder"], app, symlinks=True, copy_function=link_or_copy)
    folders = [app, *(p for p in app.rglob("*") if p.is_dir() and not p.is_symlink())]
    home = root / "home"
    home.mkdir()
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        os.chown(home, NOBODY, NOBODY)
        prefix = ("setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--")
    for folder in folders:
        folder.chmod(0o555)
    try:
        yield app / Path(record["executable"]).name, prefix, home
    finally:
        for folder in folders:
            with contextlib.suppress(OSError):
                folder.chmod(stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH)
        shutil.rmtree(root, ignore_errors=True)


def test_read_only_install_with_a_damaged_config_and_no_download_access(
    frozen_build: dict,
) -> None:
    if not hasattr(os, "geteuid"):
        pytest.skip("the read-only install case is written for POSIX permissions")
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a read-only folder can't be simulated")
    with read_only_install(frozen_build) as (executable, prefix, home):
        config = home / "config"
        config.mkdir()
        (config / "settings.ini").write_bytes(b"\x00\x01not an ini file\xff")
        (config / "connections.json").write_text("{ this is not json", encoding="utf-8")
        if prefix:
            for path in (config, config / "settings.ini", config / "connections.json"):
                os.chown(path, NOBODY, NOBODY)
        # The default download folder exists but the user may not write there.
        downloads = home / "downloads"
        downloads.mkdir(mode=0o555)
        # The install folder really is read-only for the user that runs the app.
        probe = subprocess.run(
            [*prefix, "touch", str(executable.parent / "written-by-the-app")],
            capture_output=True,
        )
        assert probe.returncode != 0
        done = run_offline([str(executable), "--self-test"], home, prefix)
        assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
        assert "settings file was damaged" in done.stderr
        assert "saved connections were damaged" in done.stderr
        assert f"downloads go to {home / 'data' / 'downloads'}" in done.stderr
        assert "status bar: The settings file was damaged" in done.stdout
        backups = sorted(p.name for p in config.iterdir() if "broken" in p.name)
        assert any(name.startswith("settings.ini.broken-") for name in backups), backups
        assert "connections.json.broken" in backups
        kept = next(p for p in config.iterdir() if p.name.startswith("settings.ini.broken-"))
        assert kept.read_bytes() == b"\x00\x01not an ini file\xff"
        assert not (executable.parent / "written-by-the-app").exists()
        assert list(downloads.iterdir()) == []


def test_linux_archive_holds_the_app_and_desktop_entry(frozen_build: dict) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the .tar.gz with a desktop entry is the Linux archive")
    archive = Path(frozen_build["archive"])
    top = archive.name.removesuffix(".tar.gz")
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
    program = members[f"{top}/stacdesk"]
    assert program.isfile() and program.mode & 0o111
    assert members[f"{top}/install-desktop-entry.sh"].mode & 0o111
    assert f"{top}/stacdesk.desktop" in members
    assert f"{top}/_internal/resources/icons/stacdesk-256.png" in members
    assert f"{top}/_internal/resources/sample-catalog/items.ndjson.gz" in members
    # No test data or generator scripts in the product.
    assert not any("/resources/tools/" in name or "/tests/" in name for name in members)
