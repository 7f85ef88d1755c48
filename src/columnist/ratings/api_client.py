"""A small, careful client for CQC's public API (stdlib urllib, no extra dependency).

The API is rate-limited and sometimes slow, and the inspector is often on a train: the
client retries what is worth retrying (429 with Retry-After or exponential back-off, 5xx,
time-outs, dropped connections), stops at once on what is not (a refused key, a malformed
answer), and turns each failure into one sentence that says what to do. It can be
cancelled at any point, including during a back-off wait.

The subscription key is sent in the `Ocp-Apim-Subscription-Key` header and never appears
in a message, a log or the settings file.

Usage::

    client = CqcApiClient(api_base_url(configured_url), resolve_api_key())  # ratings.api_key
    for page in client.iter_provider_pages():
        ...
"""

from __future__ import annotations

import email.utils
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

DEFAULT_API_URL = "https://api.service.cqc.org.uk/public/v1"
KEY_HEADER = "Ocp-Apim-Subscription-Key"
USER_AGENT = "Columnist (CQC ratings cache)"


class CqcApiError(Exception):
    """Any failure talking to the CQC API; the message is meant for the user."""


class CqcAuthError(CqcApiError):
    """401/403: the key is missing, wrong or not subscribed."""


class CqcNotFound(CqcApiError):
    """404 for one record (a provider deregistered since it was listed)."""


class CqcNetworkError(CqcApiError):
    """No network, refused connection, or no answer in time (after retries)."""


class CqcBadResponse(CqcApiError):
    """The API answered something that is not the JSON it should be."""


class CqcCancelled(CqcApiError):
    """The user cancelled."""


def api_base_url(configured: str | None = None) -> str:
    """The API's base URL: the one the caller was configured with (`--api-url`, the
    `ratings/api_url` setting), else CQC's public URL; no trailing slash.

    The caller reads its own configuration: a service never reads the GUI's settings.

    >>> api_base_url(None)
    'https://api.service.cqc.org.uk/public/v1'
    >>> api_base_url("http://127.0.0.1:8080/public/v1/")
    'http://127.0.0.1:8080/public/v1'
    """
    return ((configured or "").strip() or DEFAULT_API_URL).rstrip("/")


def _quote(value: str) -> str:
    # The API wants timestamps' colons as they are (2026-11-01T00:00:00Z).
    return urllib.parse.quote(str(value), safe=":")


class CqcApiClient:
    """GET JSON from the CQC API with retries, back-off, time-outs and cancel."""

    def __init__(
        self,
        base_url: str,
        key: str,
        *,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        cancel: threading.Event | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._key = key
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.cancel = cancel or threading.Event()
        self._sleep = sleep
        self.requests = 0

    def __repr__(self) -> str:  # never show the key
        return f"CqcApiClient({self.base_url!r})"

    # -------------------------------------------------------------- plumbing

    def url(self, path: str, params: dict[str, Any] | None = None) -> str:
        """Absolute URL for `path` (relative to the base, or already absolute)."""
        if path.startswith(("http://", "https://")):
            url = path
        else:
            base_path = urllib.parse.urlsplit(self.base_url).path.rstrip("/")
            if base_path and path.startswith(base_path + "/"):
                split = urllib.parse.urlsplit(self.base_url)
                url = f"{split.scheme}://{split.netloc}{path}"
            else:
                url = self.base_url + "/" + path.lstrip("/")
        if params:
            query = "&".join(f"{_quote(k)}={_quote(v)}" for k, v in params.items())
            url += ("&" if "?" in url else "?") + query
        return url

    def _wait(self, seconds: float) -> None:
        seconds = max(0.0, min(seconds, self.max_wait))
        if self._sleep is not None:
            self._sleep(seconds)
        elif self.cancel.wait(seconds):
            raise CqcCancelled("cancelled")
        if self.cancel.is_set():
            raise CqcCancelled("cancelled")

    def _unreachable(self, reason: object) -> str | None:
        """A plain sentence when the API cannot be reached at all (so it is said at once,
        not after a minute of retries): the address does not resolve, which almost always
        means no network, or nothing listens there. None for problems worth retrying."""
        host = urllib.parse.urlsplit(self.base_url).hostname or self.base_url
        if isinstance(reason, socket.gaierror):
            return (
                f"cannot reach the CQC API: the address {host} could not be found, so this "
                "computer is probably offline. Nothing was changed; try again when you are "
                "connected to the internet."
            )
        if isinstance(reason, ConnectionRefusedError):
            return (
                f"cannot reach the CQC API: {host} refused the connection (check the API "
                "address in the settings). Nothing was changed."
            )
        return None

    def _retry_after(self, header: str | None, attempt: int) -> float:
        if header:
            header = header.strip()
            if header.isdigit():
                return float(header)
            try:
                when = email.utils.parsedate_to_datetime(header)
                return max(0.0, when.timestamp() - time.time())
            except (TypeError, ValueError):
                pass
        return self.backoff * (2**attempt)

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET `path` and decode JSON, retrying 429/5xx/time-outs; raises CqcApiError."""
        url = self.url(path, params)
        shown = url.split("?")[0]
        last_problem = ""
        for attempt in range(self.retries + 1):
            if self.cancel.is_set():
                raise CqcCancelled("cancelled")
            request = urllib.request.Request(
                url,
                headers={KEY_HEADER: self._key, "Accept": "application/json",
                         "User-Agent": USER_AGENT},
            )
            self.requests += 1
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
            except urllib.error.HTTPError as exc:
                status = exc.code
                retry_after = exc.headers.get("Retry-After") if exc.headers else None
                exc.close()
                if status in (401, 403):
                    raise CqcAuthError(
                        f"the CQC API refused the key (HTTP {status}): check the key in "
                        "CQC_API_KEY or the system keyring (`keyring set columnist "
                        "cqc-api-key`) and that it is subscribed to the public API."
                    ) from None
                if status == 404:
                    raise CqcNotFound(f"not found at the CQC API: {shown}") from None
                if status == 429:
                    last_problem = "the CQC API asked us to slow down (HTTP 429)"
                    if attempt < self.retries:
                        self._wait(self._retry_after(retry_after, attempt))
                        continue
                    raise CqcNetworkError(
                        f"{last_problem} and kept asking after {self.retries} retries; "
                        "try again later (nothing was changed, the next sync resumes)."
                    ) from None
                if 500 <= status < 600:
                    last_problem = f"the CQC API had an error (HTTP {status}) at {shown}"
                    if attempt < self.retries:
                        self._wait(self.backoff * (2**attempt))
                        continue
                    raise CqcNetworkError(
                        f"{last_problem}, still after {self.retries} retries; try again "
                        "later (nothing was changed, the next sync resumes)."
                    ) from None
                raise CqcApiError(
                    f"the CQC API answered HTTP {status} for {shown}; check --api-url."
                ) from None
            except TimeoutError:
                last_problem = f"the CQC API did not answer within {self.timeout:g} s"
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                    last_problem = f"the CQC API did not answer within {self.timeout:g} s"
                else:
                    unreachable = self._unreachable(exc.reason)
                    if unreachable:  # offline or refused: waiting and retrying cannot help
                        raise CqcNetworkError(unreachable) from None
                    last_problem = (
                        f"cannot reach the CQC API at {self.base_url} ({exc.reason}); "
                        "check the network connection"
                    )
            except (ConnectionError, OSError, http.client.HTTPException) as exc:  # dropped
                last_problem = f"the connection to the CQC API broke ({exc.__class__.__name__})"
            else:
                try:
                    return json.loads(body.decode("utf-8-sig"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise CqcBadResponse(
                        f"the CQC API sent something that is not valid JSON for {shown} "
                        f"({exc.__class__.__name__}: {str(exc)[:80]}); nothing was changed. "
                        "If --api-url points elsewhere, check it."
                    ) from None
            if attempt < self.retries:
                self._wait(self.backoff * (2**attempt))
        raise CqcNetworkError(
            f"{last_problem}, still after {self.retries} retries; nothing was changed, "
            "the next sync resumes where this one stopped."
        )

    # ------------------------------------------------------------- endpoints

    def provider_page(self, page: int, per_page: int = 1000) -> dict:
        """One page of `GET /providers` ({total, page, totalPages, providers: [...]})."""
        data = self.get_json("/providers", {"page": page, "perPage": per_page})
        if not isinstance(data, dict) or not isinstance(data.get("providers"), list):
            raise CqcBadResponse("the CQC API's provider list has no `providers` array.")
        return data

    def provider(self, provider_id: str) -> dict:
        return self._record(f"/providers/{urllib.parse.quote(provider_id)}", "providerId")

    def location(self, location_id: str) -> dict:
        return self._record(f"/locations/{urllib.parse.quote(location_id)}", "locationId")

    def _record(self, path: str, id_field: str) -> dict:
        data = self.get_json(path)
        if not isinstance(data, dict) or not data.get(id_field):
            raise CqcBadResponse(f"the CQC API's answer for {path} has no `{id_field}`.")
        return data

    def iter_changed_providers(self, start: str, end: str) -> Iterator[str]:
        """Provider IDs changed between two ISO timestamps (`GET /changes/provider`)."""
        next_path: str | None = "/changes/provider"
        params: dict[str, Any] | None = {
            "startTimestamp": start, "endTimestamp": end, "page": 1, "perPage": 1000,
        }
        seen_pages = 0
        while next_path:
            data = self.get_json(next_path, params)
            if not isinstance(data, dict) or not isinstance(data.get("changes"), list):
                raise CqcBadResponse("the CQC API's change list has no `changes` array.")
            yield from (str(c) for c in data["changes"])
            seen_pages += 1
            next_path = data.get("nextPageUri") or None
            params = None
            total_pages = data.get("totalPages")
            if next_path is None and total_pages and seen_pages < int(total_pages):
                next_path = "/changes/provider"
                params = {
                    "startTimestamp": start, "endTimestamp": end,
                    "page": seen_pages + 1, "perPage": 1000,
                }
