"""Which fetcher moves an href's bytes: http(s) (signed when the catalog needs it), s3, or a
file of a local catalog; every other scheme, and local files without a trusted catalog folder,
are refused. One place, so the engine only decides when to try, retry or give up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from stacdesk.core.downloads.fetching import SourceError, TransferThread, TransientError
from stacdesk.core.downloads.http_rules import Credentials, RenewCredentials, no_renewal
from stacdesk.core.downloads.jobs import DownloadJob
from stacdesk.core.downloads.local_fetch import REFUSED, LocalFetcher, is_local_href
from stacdesk.core.downloads.s3_fetch import S3Fetcher
from stacdesk.core.downloads.source_choice import SourceChoice

if TYPE_CHECKING:
    from stacdesk.core.downloads.curl_fetch import CurlFetcher


class Timeouts(Protocol):
    """The engine's settings, read when a fetcher is first made."""

    idle_timeout: float
    connect_timeout: float
    per_host: int


class Sources:
    """The fetchers, made on first use (an engine that only copies local files opens no
    client); ``close`` releases the HTTP connections. ``choice`` orders a file's hrefs when
    several catalogs serve it."""

    def __init__(
        self,
        settings: Timeouts,
        credentials: Credentials,
        sign_href: Callable[[str, str], str] | None,
        renew: RenewCredentials = no_renewal,
        choice: SourceChoice | None = None,
    ) -> None:
        self.settings = settings
        self.choice = choice or SourceChoice()
        self.credentials = credentials
        self.renew = renew  # after a 401: may new credentials help?
        self.sign_href = sign_href  # (href, collection) -> href to fetch (Planetary Computer)
        self._http: CurlFetcher | None = None
        self._s3: S3Fetcher | None = None
        self._local = LocalFetcher()

    async def fetch(self, href: str, job: DownloadJob, transfer: TransferThread) -> None:
        """One attempt at ``href`` into the job's .part file (FetchError when it fails)."""
        scheme = urlsplit(href).scheme.lower()
        if scheme in ("http", "https"):
            if self.sign_href is not None:
                try:
                    href = await asyncio.to_thread(self.sign_href, href, job.collection)
                except Exception as exc:  # signing service down or refusing
                    raise TransientError(f"Could not sign the href: {exc}") from exc
            http = self._http_fetcher()
            http.limit_per_host(self.settings.per_host)  # the Settings dialog may change it
            await transfer.run_async(lambda thread: http.fetch_async(href, thread))
        elif scheme == "s3":
            if self._s3 is None:
                self._s3 = S3Fetcher(self.settings.idle_timeout, self.settings.connect_timeout)
            s3, options = self._s3, job.s3
            await transfer.run(lambda thread: s3.fetch(href, options, thread))
        elif is_local_href(href):
            if not job.local_root:  # never read local files because a (remote) catalog said so
                raise SourceError(f"{REFUSED} ({href})")
            local, root = self._local, job.local_root
            await transfer.run(lambda thread: local.fetch(href, root, thread))
        else:
            raise SourceError(f"Unsupported href scheme {scheme}:// ({href})")

    def _http_fetcher(self) -> CurlFetcher:
        if self._http is None:
            # libcurl and certifi load with the first http(s) download, not with the window
            from stacdesk.core.downloads.curl_fetch import CurlFetcher

            settings = self.settings
            self._http = CurlFetcher(
                settings.idle_timeout, settings.connect_timeout, self.credentials, renew=self.renew
            )
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None
