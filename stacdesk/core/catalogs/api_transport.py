"""How requests to a STAC API travel: a deadline on every answer, headers the user typed sent to
the API's own host only, and per-connection TLS trust.

Why a transport adapter: requests' read timeout is an idle timeout (it bounds each wait for
bytes), so a server that trickles one byte a second keeps a page "loading" forever. The adapter
reads each answer's body itself and gives up once ``deadline_s`` has passed since the request
went out.

Headers given for a catalog (``stacdesk search URL --header``) are not session defaults: those
would ride on a next link or a redirect to any other host. The adapter sees every request and
redirect hop, so it adds them for the catalog's host and strips them everywhere else.

TLS verification is always on, except for the hosts of a connection the user marked as trusted
("Trust this server's certificate", for a self-signed server on a lab network): only requests to
those hosts skip it, so a next link or redirect to any other host is still verified. pystac-client
passes ``verify=True`` to every send, so the choice has to be made here, per request.

Paging, option probes and queryables run in several worker threads at once through one catalog;
requests does not promise that a ``Session`` is safe to share between threads (its cookie jar and
redirect state are per session). ``SessionPerThread`` lends every thread a session of its own for
each request, all made by the same factory and sharing the headers and parameters pystac-client
sets, the one with the connection used last first.
"""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    DecodeError,
    InsecureRequestWarning,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from stacdesk.core.auth import HostList

# Verification is skipped only for hosts the user trusts, on purpose: no warning per request.
warnings.filterwarnings("ignore", category=InsecureRequestWarning)

ANSWER_DEADLINE_S = 300.0  # a whole answer (headers and body) must arrive within this
READ_BLOCK = 256 * 1024


class AnswerTooSlow(requests.exceptions.ReadTimeout):
    """The body kept coming, but too slowly to ever finish in time (a trickling server)."""


class ApiAdapter(HTTPAdapter):
    """An HTTPAdapter with a deadline per answer, headers for the ``home`` host only, and TLS
    trust for the ``trusted_hosts`` only."""

    def __init__(
        self,
        home: str = "",
        headers: Mapping[str, str] | None = None,
        trusted_hosts: Iterable[str] = (),
        default_timeout: tuple[float, float] | None = None,
        deadline_s: float | None = None,
        **kwargs: Any,
    ) -> None:
        self.default_timeout = default_timeout  # for a caller that passes none (never wait forever)
        self.home = HostList([home] if home else [])
        self.headers = dict(headers or {})
        self.trusted = HostList(trusted_hosts)
        self.deadline_s = deadline_s
        super().__init__(**kwargs)

    def send(  # type: ignore[override]
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        started = time.monotonic()
        if timeout is None:
            timeout = self.default_timeout
        if self.headers:
            at_home = self.home.allows(request.url or "")
            for name, value in self.headers.items():
                if at_home:
                    request.headers[name] = value
                else:
                    request.headers.pop(name, None)
        if verify and self.trusted.exact and self.trusted.allows(request.url or ""):
            verify = False
        response = super().send(request, stream, timeout, verify, cert, proxies)
        if not stream:
            self._read_body(response, started)
        return response

    def _read_body(self, response: requests.Response, started: float) -> None:
        """Read the whole body now, giving up at the deadline.

        ``read1`` returns whatever has arrived (``read`` would wait for a full block, which a
        trickle never fills); urllib3's errors become the ones requests itself raises.
        """
        deadline_s = ANSWER_DEADLINE_S if self.deadline_s is None else self.deadline_s
        chunks: list[bytes] = []
        try:
            while chunk := _read_some(response):
                chunks.append(chunk)
                if time.monotonic() - started > deadline_s:
                    raise AnswerTooSlow(
                        f"Read timed out: the answer did not finish within {deadline_s:.0f} s"
                    )
        except BaseException:
            response.close()
            raise
        response._content = b"".join(chunks)  # what .content returns; nothing left to read
        response._content_consumed = True
        response.raw.release_conn()


def _read_some(response: requests.Response) -> bytes:
    try:
        return response.raw.read1(READ_BLOCK, decode_content=True)
    except ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc) from exc
    except DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from exc
    except ReadTimeoutError as exc:
        raise requests.exceptions.ConnectionError(exc) from exc
    except SSLError as exc:
        raise requests.exceptions.SSLError(exc) from exc


class SessionPerThread:
    """Stands in for one ``requests.Session``; a thread using it has one of its own at a time.

    A thread borrows an idle session at its first use and gives it back once its ``send``
    returns; the session given back last is lent first. Why lent, not kept per thread for good:
    the loop's workers take turns, so the worker that fetches a search's first page was often one
    that had never sent a request, and its new session opened a new connection (on a real
    server, TCP and TLS handshakes: one to three round trips before the first page) although
    opening the catalog had just left one open. Lent this way, a request goes out on the
    connection the last one left, and no session is ever used by two threads at once.
    ``headers`` and ``params`` are one shared mapping each (pystac-client updates them once,
    before paging starts); everything else (``send``, ``prepare_request``, cookies, adapters)
    belongs to the session the calling thread holds, made by ``factory`` when none is idle.
    """

    def __init__(self, factory: Callable[[], requests.Session]) -> None:
        self._factory = factory
        self._local = threading.local()
        self._lock = threading.Lock()
        first = factory()
        self.headers = first.headers
        self.params = first.params
        self._idle: list[requests.Session] = [first]

    def own(self) -> requests.Session:
        """The calling thread's session: the one it holds, else an idle one (or a new one),
        held until its next ``send`` returns."""
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            with self._lock:
                session = self._idle.pop() if self._idle else None
            if session is None:
                session = self._factory()
                session.headers = self.headers
                session.params = self.params
            self._local.session = session
        return session

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        """Send through the thread's session, then give the session back (its connection stays
        open in it for the next request, from whichever thread)."""
        session = self.own()
        try:
            return session.send(request, **kwargs)
        finally:
            self._local.session = None
            with self._lock:
                self._idle.append(session)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.own(), name)
