"""Child-process plumbing shared by the server fixtures.

Why a helper: every server (PostgreSQL, uvicorn, rustac) must get a free loopback port, must be
ready before a test talks to it, and must never outlive the pytest process - not even when pytest
is killed hard (a pytest-timeout in thread mode, SIGKILL from CI). So children are started through
``setpriv --pdeathsig`` (util-linux, always present on Debian): the kernel signals them when
pytest dies, and ``stop_process`` handles the orderly case.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Self

import httpx

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1 (bind to port 0 and let the kernel choose)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log file, for error messages that explain a failed start."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def _as_user_prefix(user: str | None, death_signal: str) -> tuple[list[str], str | None]:
    """Command prefix that ties the child's life to ours (and switches user if asked).

    Returns the prefix and, when setpriv is missing, the user to hand to Popen instead.
    """
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return [], user
    prefix = [setpriv, "--pdeathsig", death_signal]
    if user is not None:
        pw = pwd.getpwnam(user)
        prefix += [f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--init-groups"]
    prefix.append("--")
    return prefix, None


def spawn(
    cmd: Sequence[str | os.PathLike[str]],
    *,
    log: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    user: str | None = None,
    death_signal: str = "TERM",
) -> subprocess.Popen[bytes]:
    """Start a long-running child whose output goes to ``log`` and which dies with pytest.

    The child gets its own session so a Ctrl-C in the terminal reaches pytest only, which then
    tears the servers down in order.
    """
    prefix, popen_user = _as_user_prefix(user, death_signal)
    with open(log, "ab") as out:
        return subprocess.Popen(
            [*prefix, *map(str, cmd)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            user=popen_user,
            group=pwd.getpwnam(popen_user).pw_gid if popen_user else None,
            start_new_session=True,
        )


def run(
    cmd: Sequence[str | os.PathLike[str]],
    *,
    user: str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120.0,
) -> str:
    """Run a short command to completion; raise with its output if it fails."""
    prefix, popen_user = _as_user_prefix(user, "KILL")
    proc = subprocess.run(
        [*prefix, *map(str, cmd)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=dict(env) if env is not None else None,
        cwd=cwd,
        user=popen_user,
        group=pwd.getpwnam(popen_user).pw_gid if popen_user else None,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"command failed ({proc.returncode}): {' '.join(map(str, cmd))}\n"
            f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    return proc.stdout


def stop_process(
    proc: subprocess.Popen[bytes] | None, sig: int = signal.SIGTERM, timeout: float = 10.0
) -> None:
    """Stop a child: polite signal, wait, then SIGKILL. Safe to call twice."""
    if proc is None or proc.poll() is not None:
        return
    try:
        proc.send_signal(sig)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


def wait_until(
    ready: Callable[[], bool],
    *,
    proc: subprocess.Popen[bytes] | None,
    log: Path,
    what: str,
    timeout: float = 60.0,
    interval: float = 0.05,
) -> None:
    """Poll ``ready()`` until it is true; fail early, with the log, if the child died."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode} while starting:\n{tail(log)}")
        if ready():
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not ready after {timeout:.0f} s:\n{tail(log)}")
        time.sleep(interval)


def http_ok(url: str) -> Callable[[], bool]:
    """A readiness probe: does ``url`` answer 200? (No proxies from the environment.)"""

    def probe() -> bool:
        try:
            return httpx.get(url, timeout=2.0, trust_env=False).status_code == 200
        except httpx.HTTPError:
            return False

    return probe


class StartsInWith:
    """``with server:`` starts it and stops it however the block ends; subclasses give
    ``start`` (returning themselves) and ``stop``."""

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
