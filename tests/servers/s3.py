"""A real S3 API for the ``s3://`` download tests: moto's server on 127.0.0.1, a recording proxy
in front.

Why moto: ranges, ``If-Match``, ETags, 404/412 answers and the XML error bodies obstore parses
come from an S3 implementation rather than an imitation. The proxy (``ReverseProxy``) is only
there to record what obstore sent (was it signed? who pays?) and to break a body mid-way for the
resume tests; moto answers every request.
"""

from __future__ import annotations

from typing import Any, Self

import boto3
import httpx
from moto.server import ThreadedMotoServer

from tests.servers._proc import LOOPBACK, StartsInWith
from tests.servers.proxy import ReverseProxy

# moto accepts any key pair; these only make boto3 sign its set-up calls.
SETUP_KEYS = {"aws_access_key_id": "moto-setup", "aws_secret_access_key": "moto-setup"}


class MotoS3(StartsInWith):
    """moto's S3 on a free loopback port; ``endpoint`` is the recording proxy in front of it."""

    def __init__(self) -> None:
        self._moto = ThreadedMotoServer(ip_address=LOOPBACK, port=0, verbose=False)
        self.proxy: ReverseProxy | None = None
        self.client: Any = None

    def start(self) -> Self:
        self._moto.start()
        host, port = self._moto.get_host_and_port()
        self.moto_url = f"http://{host}:{port}"
        self.proxy = ReverseProxy(self.moto_url).start()
        self.client = boto3.client(
            "s3", endpoint_url=self.moto_url, region_name="us-east-1", **SETUP_KEYS
        )
        return self

    def stop(self) -> None:
        if self.proxy is not None:
            self.proxy.stop()
        self._moto.stop()

    @property
    def endpoint(self) -> str:
        """The URL obstore is pointed at (the proxy)."""
        assert self.proxy is not None
        return self.proxy.url

    def reset(self) -> None:
        """Forget every bucket and recorded request (moto's own reset call)."""
        httpx.post(f"{self.moto_url}/moto-api/reset", trust_env=False).raise_for_status()
        assert self.proxy is not None
        self.proxy.requests.clear()
        self.proxy.before.clear()
        self.proxy.after.clear()

    def put(
        self,
        bucket: str,
        key: str,
        data: bytes,
        requester_pays: bool = False,
        public: bool = True,
    ) -> str:
        """Store an object (creating the bucket), world-readable unless ``public=False`` (moto
        refuses unsigned reads of private objects, as S3 does); returns its ETag."""
        names = {b["Name"] for b in self.client.list_buckets().get("Buckets", [])}
        if bucket not in names:
            self.client.create_bucket(Bucket=bucket)
            if requester_pays:
                self.client.put_bucket_request_payment(
                    Bucket=bucket, RequestPaymentConfiguration={"Payer": "Requester"}
                )
        acl = "public-read" if public else "private"
        answer = self.client.put_object(Bucket=bucket, Key=key, Body=data, ACL=acl)
        return str(answer["ETag"])

    def gets(self, bucket: str, key: str) -> list[Any]:
        """The GETs obstore sent for one object, in order, as the proxy recorded them."""
        assert self.proxy is not None
        return self.proxy.requests.filter("GET", f"/{bucket}/{key}")
