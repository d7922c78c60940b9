"""Build the frozen (PyInstaller one-folder) stacdesk and the archive users unpack offline.

    uv run python packaging/build.py            # build, or reuse an up-to-date build
    uv run python packaging/build.py --force    # always rebuild
    uv run python packaging/build.py --appdir   # also lay out an AppDir (Linux; see README)

Output goes to ``build/frozen/<key>/``, where ``key`` is a hash of everything that ends up in the
build (the stacdesk sources, the bundled resources, the packaging files, uv.lock). A build whose
key matches the tree is reused — the frozen test and CI skip the PyInstaller run then — and all
but the two newest older builds are deleted. ``build.json`` beside it records the commit, how long
the build took and its unpacked size; ``--json`` prints that record as the last line.

Per platform: Linux gets ``stacdesk-<version>-linux-<arch>.tar.gz`` (with the .desktop entry, the
icons and install-desktop-entry.sh), Windows and macOS a .zip of the folder / the .app bundle.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import icons  # noqa: E402  (packaging/icons.py)

BUILD_ROOT = REPO / "build" / "frozen"
SPEC = HERE / "stacdesk.spec"
PACKAGING_FILES = (
    "stacdesk.spec",
    "launcher.py",
    "prune.py",
    "build.py",
    "icons.py",
    "stacdesk.desktop",
    "install-desktop-entry.sh",
)
BUNDLED_RESOURCES = ("basemap", "gazetteer", "icons", "sample-catalog", "translations")
LINUX_EXTRAS = ("stacdesk.desktop", "install-desktop-entry.sh")
KEEP_OLD_BUILDS = 2  # besides the new one: test runs started on an older tree may still use them


def version() -> str:
    namespace: dict[str, str] = {}
    exec((REPO / "stacdesk" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def _inputs() -> Iterator[Path]:
    yield from sorted((REPO / "stacdesk").rglob("*.py"))
    for name in BUNDLED_RESOURCES:
        yield from sorted(p for p in (REPO / "resources" / name).rglob("*") if p.is_file())
    for name in PACKAGING_FILES:
        yield HERE / name
    yield REPO / "uv.lock"
    yield REPO / "pyproject.toml"


def build_key() -> str:
    """A hash of every file that goes into the build, plus the Python and platform."""
    digest = hashlib.sha256(f"{sys.version}|{platform_tag()}".encode())
    for path in _inputs():
        if path.is_file():
            digest.update(path.relative_to(REPO).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def git_commit() -> tuple[str | None, bool]:
    """HEAD and whether the tree has uncommitted changes (for the record only)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None, False
    return head, bool(status)


@contextlib.contextmanager
def build_lock() -> Iterator[None]:
    """One build at a time in this checkout (two test runs may start one together)."""
    BUILD_ROOT.mkdir(parents=True, exist_ok=True)
    with open(BUILD_ROOT / ".lock", "w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: builds there are run by hand, one at a time
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def app_folder(out: Path) -> Path:
    """The folder users get: ``stacdesk/`` (Linux, Windows) or ``stacdesk.app`` (macOS)."""
    return out / ("stacdesk.app" if sys.platform == "darwin" else "stacdesk")


def executable(out: Path, console: bool = True) -> Path:
    """The program to run; on Windows the console twin when ``console`` (CLI, self-test)."""
    if sys.platform == "win32":
        return out / "stacdesk" / ("stacdesk-cli.exe" if console else "stacdesk.exe")
    if sys.platform == "darwin":
        return out / "stacdesk.app" / "Contents" / "MacOS" / "stacdesk"
    return out / "stacdesk" / "stacdesk"


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files, symlinks not followed (what the unpacked build takes)."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def strip_debug_info(folder: Path) -> int:
    """Remove DWARF debug info (not symbols) from the ELF files that carry it; bytes saved.

    The python-build-standalone interpreter uv installs ships libpython and its extension
    modules with debug info (~25 MB). Linux only; skipped when binutils is missing.
    """
    if not sys.platform.startswith("linux") or not (
        shutil.which("strip") and shutil.which("readelf")
    ):
        return 0
    saved = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file() or ".so" not in path.name:
            continue
        sections = subprocess.run(
            ["readelf", "-S", "-W", str(path)], capture_output=True, text=True
        ).stdout
        if ".debug_info" not in sections:
            continue
        before = path.stat().st_size
        done = subprocess.run(["strip", "--strip-debug", str(path)], capture_output=True)
        if done.returncode == 0:
            saved += before - path.stat().st_size
    return saved


def run_pyinstaller(dist: Path, icon_dir: Path) -> None:
    env = dict(os.environ, STACDESK_ICON_DIR=str(icon_dir))
    env.pop("QT_QPA_PLATFORM", None)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(REPO / "build" / "pyinstaller-work"),
    ]
    subprocess.run(command, cwd=REPO, env=env, check=True)


def add_linux_extras(folder: Path) -> None:
    for name in LINUX_EXTRAS:
        shutil.copy2(HERE / name, folder / name)


def make_archive(out: Path, name: str) -> Path:
    """A .tar.gz on Linux (keeps the executable bit and symlinks), a .zip elsewhere."""
    folder = app_folder(out)
    if sys.platform.startswith("linux"):
        target = out / f"{name}.tar.gz"
        with tarfile.open(target, "w:gz", compresslevel=6) as tar:
            tar.add(folder, arcname=name)
        return target
    return Path(shutil.make_archive(str(out / name), "zip", out, folder.name))


def _link(src: str, dst: str) -> None:
    """Hard-link instead of copying (same file system): the AppDir then costs no space."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def make_appdir(out: Path) -> Path:
    """An AppDir (AppRun + .desktop + icon + the app under usr/lib/stacdesk).

    ``appimagetool stacdesk.AppDir`` turns it into an AppImage; that tool and the AppImage
    runtime are not in any package registry this project can use, so it is not run here.
    """
    appdir = out / "stacdesk.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    shutil.copytree(
        app_folder(out), appdir / "usr" / "lib" / "stacdesk", symlinks=True, copy_function=_link
    )
    shutil.copy2(HERE / "stacdesk.desktop", appdir / "stacdesk.desktop")
    shutil.copy2(icons.png_path(256), appdir / "stacdesk.png")
    (appdir / ".DirIcon").symlink_to("stacdesk.png")
    apprun = appdir / "AppRun"
    apprun.write_text(
        '#!/bin/sh\nhere="$(dirname "$(readlink -f "$0")")"\n'
        'exec "$here/usr/lib/stacdesk/stacdesk" "$@"\n',
        encoding="utf-8",
    )
    apprun.chmod(0o755)
    return appdir


def _remove_old_builds(keep: int) -> None:
    """Delete all but the ``keep`` newest earlier builds (a test run may still use one)."""
    builds = sorted(
        (p for p in BUILD_ROOT.iterdir() if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in builds[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def _add_packages(record: dict, out: Path, archive: bool, appdir: bool) -> None:
    """Make the archive and/or the AppDir of a frozen folder and note them in ``record``."""
    if archive:
        started = time.monotonic()
        target = make_archive(out, f"stacdesk-{record['version']}-{record['platform']}")
        record["archive"] = str(target)
        record["archive_bytes"] = target.stat().st_size
        record["archive_seconds"] = round(time.monotonic() - started, 1)
    if appdir and sys.platform.startswith("linux"):
        record["appdir"] = str(make_appdir(out))


def refresh_sample_index() -> None:
    """The sample's column index (resources/tools/make_sample_index.py) made from the items as
    they are now: the frozen app opens the sample from it instead of decoding every item."""
    subprocess.run(
        [sys.executable, str(REPO / "resources" / "tools" / "make_sample_index.py")],
        check=True,
        capture_output=True,
    )


def build(force: bool, archive: bool, appdir: bool) -> dict:
    refresh_sample_index()
    key = build_key()
    out = BUILD_ROOT / key
    record_path = out / "build.json"
    with build_lock():
        if not force and record_path.is_file():
            record = json.loads(record_path.read_text(encoding="utf-8"))
            _add_packages(record, out, archive and not record.get("archive"), appdir)
            record_path.write_text(json.dumps(record, indent=2), encoding="utf-8")
            record["reused"] = True
            return record
        _remove_old_builds(keep=KEEP_OLD_BUILDS)
        shutil.rmtree(out, ignore_errors=True)
        started = time.monotonic()
        icon_dir = out / "icons"
        icons.write_ico(icon_dir / "stacdesk.ico")
        icons.write_icns(icon_dir / "stacdesk.icns")
        run_pyinstaller(out, icon_dir)
        saved = strip_debug_info(app_folder(out))
        if sys.platform.startswith("linux"):
            add_linux_extras(app_folder(out))
        freeze_seconds = time.monotonic() - started
        size, files = folder_size(app_folder(out))
        commit, dirty = git_commit()
        record = {
            "key": key,
            "commit": commit,
            "dirty": dirty,
            "version": version(),
            "platform": platform_tag(),
            "python": sys.version.split()[0],
            "folder": str(app_folder(out)),
            "executable": str(executable(out)),
            "freeze_seconds": round(freeze_seconds, 1),
            "size_bytes": size,
            "files": files,
            "debug_info_stripped_bytes": saved,
            "archive": None,
            "archive_bytes": None,
            "appdir": None,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        _add_packages(record, out, archive, appdir)
        record_path.write_text(json.dumps(record, indent=2), encoding="utf-8")
        record["reused"] = False
        return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    parser.add_argument(
        "--no-archive", action="store_true", help="skip the .tar.gz/.zip (quicker local builds)"
    )
    parser.add_argument("--appdir", action="store_true", help="also lay out an AppDir (Linux)")
    parser.add_argument("--json", action="store_true", help="print the build record as JSON")
    args = parser.parse_args(argv)
    record = build(args.force, not args.no_archive, args.appdir)
    if args.json:
        print(json.dumps(record))
    else:
        state = (
            "up to date, reused" if record["reused"] else f"built in {record['freeze_seconds']} s"
        )
        print(f"stacdesk {record['version']} ({state})")
        print(f"  app:     {record['folder']}  ({record['size_bytes'] / 1e6:.0f} MB unpacked)")
        if record.get("archive"):
            print(f"  archive: {record['archive']}  ({record['archive_bytes'] / 1e6:.0f} MB)")
        if record.get("appdir"):
            print(f"  AppDir:  {record['appdir']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
