"""One thread that drives every HTTP transfer at once through libcurl's multi interface.

Why one thread: with a thread per transfer, every return into Python (a read to write, a
header) first waits to take the GIL back from the other transfers' threads, the recorder and
the event loop; with many small files that wait, not the network, set the pace (benchmarks
P6-small). Here, as in ``curl --parallel``, one thread waits on all sockets with the GIL
released and runs the callbacks of whichever transfers have data, one after another. The multi
handle keeps the connections, so a host's next file reuses one (and per-host connection limits
are libcurl's too).

Work comes in through ``add`` and ``cancel`` (any thread); a socket pair wakes the thread from
its wait. A request's ``finished(code, message)`` is called on this thread once libcurl is done
with it (code 0: complete), or with ``STOPPED`` when it was cancelled.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import select
import socket
import threading
from collections.abc import Callable
from typing import Protocol

import pycurl

from stacdesk.core.downloads.mailbox import held_reports

log = logging.getLogger(__name__)

STOPPED = -1  # the code a cancelled request finishes with
_ADD, _CANCEL, _RESUME = range(3)
IDLE_HANDLES = 32  # easy handles kept for the next transfers (the connections are the multi's)
_LONGEST_WAIT = 1.0  # seconds; libcurl's own timers are usually sooner


class Request(Protocol):
    """One HTTP exchange, as the thread sees it (every method runs on the thread)."""

    def configure(self, curl: pycurl.Curl) -> None:
        """Set every option on ``curl`` (a reused handle keeps only what it was given last)."""

    def finished(self, code: int, message: str) -> None:
        """libcurl is done (0, or an error code, or ``STOPPED``); must not raise."""

    def round_ended(self) -> None:
        """The round ``after_round`` was asked in is over (once per asking); must not raise."""


class CurlLoop:
    """The thread and its multi handle; made on first use, ended by ``close``."""

    def __init__(self, name: str = "stacdesk-curl") -> None:
        self._name = name
        self._lock = threading.Lock()
        self._inbox: list[tuple[int, Request]] = []  # (_ADD/_CANCEL/_RESUME, request), in order
        self._thread: threading.Thread | None = None
        self._closed = False
        self._wake_in, self._wake_out = socket.socketpair()
        self._wake_in.setblocking(False)
        self._wake_out.setblocking(False)
        self._multi = pycurl.CurlMulti()
        self._running: dict[Request, pycurl.Curl] = {}
        self._by_handle: dict[pycurl.Curl, Request] = {}
        self._idle: list[pycurl.Curl] = []
        self._after_round: list[Request] = []  # told once this round's perform calls are done
        self._host_limit = self._applied_limit = 0

    def limit_per_host(self, connections: int) -> None:
        """At most this many connections to one host (0: no limit); from the next request."""
        self._host_limit = max(0, connections)

    # -- any thread
    def add(self, request: Request) -> None:
        self._send(_ADD, request)

    def cancel(self, request: Request) -> None:
        """Abort ``request`` (its connection is closed); harmless once it has finished."""
        self._send(_CANCEL, request)

    def resume(self, request: Request) -> None:
        """Go on with a request whose write callback paused it (``pycurl.WRITEFUNC_PAUSE``);
        harmless when it is not paused or has finished."""
        self._send(_RESUME, request)

    def close(self) -> None:
        """Abort what runs and end the thread (requests finish with ``STOPPED``)."""
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is None:
            self._release()
            return
        self._wake()
        if thread is not threading.current_thread():
            thread.join(10)

    def _send(self, kind: int, request: Request) -> None:
        with self._lock:
            if self._closed:
                closed = True
            else:
                closed = False
                empty = not self._inbox
                self._inbox.append((kind, request))
                if self._thread is None:
                    self._thread = threading.Thread(target=self._serve, name=self._name)
                    self._thread.daemon = True
                    self._thread.start()
        if closed:
            if kind == _ADD:
                request.finished(STOPPED, "closed")
            return
        if empty:  # otherwise a wake-up is already on its way
            self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # full: the thread wakes anyway
            self._wake_out.send(b"\0")

    # -- the thread
    def after_round(self, request: Request) -> None:
        """Call ``request.round_ended()`` once libcurl's current round of reads is over, before
        the thread waits for the sockets again (from a callback, on the thread)."""
        self._after_round.append(request)

    def _serve(self) -> None:
        multi = self._multi
        try:
            while True:
                with self._lock:
                    inbox, self._inbox = self._inbox, []
                    closed = self._closed
                if closed:
                    break
                with held_reports():  # one wake-up of the loop per round
                    for kind, request in inbox:
                        if kind == _ADD:
                            self._start(request)
                        elif kind == _CANCEL:
                            self._end(request, STOPPED, "stopped")
                        else:
                            self._resume(request)
                    while True:
                        code, _ = multi.perform()
                        if code != pycurl.E_CALL_MULTI_PERFORM:
                            break
                    if self._after_round:
                        told, self._after_round = self._after_round, []
                        for request in told:
                            request.round_ended()
                    self._reap()
                self._wait()
        except Exception:  # a bug: the transfers end with it rather than hang
            log.exception("download loop")
        finally:
            self._release()

    def _start(self, request: Request) -> None:
        curl = self._idle.pop() if self._idle else pycurl.Curl()
        try:
            request.configure(curl)
            if self._host_limit != self._applied_limit:
                self._multi.setopt(pycurl.M_MAX_HOST_CONNECTIONS, self._host_limit)
                self._applied_limit = self._host_limit
            self._multi.add_handle(curl)
        except Exception as exc:  # a bad option (a URL libcurl refuses …): this request only
            self._recycle(curl)
            request.finished(pycurl.E_URL_MALFORMAT, f"{type(exc).__name__}: {exc}")
            return
        self._running[request] = curl
        self._by_handle[curl] = request

    def _resume(self, request: Request) -> None:
        curl = self._running.get(request)
        if curl is not None:
            with contextlib.suppress(pycurl.error):  # a failure shows in info_read
                curl.pause(pycurl.PAUSE_CONT)  # the held data is written now

    def _reap(self) -> None:
        while True:
            queued, ok, failed = self._multi.info_read()
            for curl in ok:
                self._end(self._by_handle[curl], 0, "")
            for curl, code, message in failed:
                self._end(self._by_handle[curl], code, message)
            if not queued:
                return

    def _end(self, request: Request, code: int, message: str) -> None:
        curl = self._running.pop(request, None)
        if curl is None:  # finished already (a late cancel)
            return
        del self._by_handle[curl]
        self._multi.remove_handle(curl)  # an unfinished transfer's connection is closed
        self._recycle(curl)
        request.finished(code, message)

    def _recycle(self, curl: pycurl.Curl) -> None:
        if len(self._idle) < IDLE_HANDLES:
            self._idle.append(curl)
        else:
            curl.close()

    def _wait(self) -> None:
        """Until a socket is ready, libcurl's next timer, or a wake-up."""
        timeout_ms = self._multi.timeout()
        if timeout_ms == 0:
            return
        if timeout_ms < 0:
            timeout = _LONGEST_WAIT if self._running else None
        else:
            timeout = min(timeout_ms / 1000, _LONGEST_WAIT)
        reads, writes, errors = self._multi.fdset()
        wake = self._wake_in.fileno()
        _wait_for([wake, *reads], writes, errors, timeout)
        with contextlib.suppress(OSError):
            while self._wake_in.recv(4096):
                pass

    def _release(self) -> None:
        """Every running request finishes as stopped; handles and the multi are closed."""
        with self._lock:
            self._closed = True
        for request in list(self._running):
            self._end(request, STOPPED, "closed")
        with self._lock:
            left, self._inbox = self._inbox, []
            self._thread = None
        for kind, request in left:
            if kind == _ADD:
                request.finished(STOPPED, "closed")
        for curl in self._idle:
            curl.close()
        self._idle.clear()
        self._multi.close()
        self._wake_in.close()
        self._wake_out.close()


def _wait_for(
    reads: list[int], writes: list[int], errors: list[int], timeout: float | None
) -> None:
    """select(2)'s contract with poll(2) where there is one (no limit on descriptor numbers)."""
    if not hasattr(select, "poll"):  # Windows: sockets only, which these are
        select.select(reads, writes, errors, timeout)
        return
    poller = select.poll()
    masks: dict[int, int] = {}
    for fds, mask in ((reads, select.POLLIN), (writes, select.POLLOUT), (errors, select.POLLPRI)):
        for fd in fds:
            masks[fd] = masks.get(fd, 0) | mask
    for fd, mask in masks.items():
        poller.register(fd, mask)
    poller.poll(None if timeout is None else max(1, round(timeout * 1000)))


class FileThreads:
    """A few daemon threads for the file system work the transfer thread must not wait for
    (a .part file's folder and inode). The caller tracks completion itself.

    Why a socket pair and not a queue: a handoff wakes a sleeping thread, and a queue's wake-up
    (``sem_post``) runs with the GIL held: on a busy 2-core machine the woken thread often takes
    the core from the transfer thread there, which then keeps every other thread out of Python
    until it runs again (12% of all GIL time in P6-small, on the thread that moves every
    transfer's bytes). A socket's ``send`` lets the GIL go around the same wake-up. One byte is
    sent per piece of work, so a thread that reads one always finds work or a byte left for
    whoever took its piece: no wake-up is lost.
    """

    def __init__(self, count: int, name: str = "stacdesk-files") -> None:
        self._count = count
        self._name = name
        self._work: collections.deque[Callable[[], None] | None] = collections.deque()
        self._wait_in, self._wait_out = socket.socketpair()
        self._threads: list[threading.Thread] = []
        self._running = 0
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, work: Callable[[], None]) -> None:
        """Run ``work`` (it must not raise) in one of the threads."""
        if self._closed:
            raise RuntimeError("file threads closed")
        if len(self._threads) < self._count:
            with self._lock:
                if self._closed:
                    raise RuntimeError("file threads closed")
                if len(self._threads) < self._count:
                    name = f"{self._name}-{len(self._threads)}"
                    thread = threading.Thread(target=self._serve, name=name, daemon=True)
                    self._threads.append(thread)
                    self._running += 1
                    thread.start()
        self._work.append(work)
        try:
            self._wait_out.send(b"\0")
        except OSError as exc:  # closed meanwhile
            raise RuntimeError("file threads closed") from exc

    def close(self) -> None:
        """The threads end once the work already given is done."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            count = len(self._threads)
            if not count:
                self._close_sockets()
                return
            self._work.extend([None] * count)
        self._wait_out.send(b"\0" * count)

    def _serve(self) -> None:
        try:
            while True:
                self._wait_in.recv(1)
                while True:
                    try:
                        work = self._work.popleft()
                    except IndexError:  # another thread took it: its byte is ours to have read
                        break
                    if work is None:
                        return
                    try:
                        work()
                    except Exception:  # a bug: the other files go on
                        log.exception("file thread")
        finally:
            with self._lock:
                self._running -= 1
                last = self._closed and not self._running
            if last:
                self._close_sockets()

    def _close_sockets(self) -> None:
        self._wait_in.close()
        self._wait_out.close()
