"""A local stand-in for CQC's public API, on 127.0.0.1, answering like the real one.

Locations are the real `GET /locations/{id}` answers in data/cqc/api-samples (the JSON
files and the rows of the flattened Devon & Somerset CSV, whose nested fields are Python
repr strings turned back into JSON). Provider records are made in the documented shape
(providerId, locationIds, type, name, currentRatings, historicRatings…) from real trusts.

Failures are scripted per path: `api.script("/providers/RK9", [429, 500])` makes the next
two requests for that path fail and the third succeed; `api.always["/providers/RA9"] =
500` fails it for ever; actions are an HTTP status, "drop" (close the connection with no
answer), "malformed" (invalid JSON) or ("sleep", seconds).
"""

from __future__ import annotations

import ast
import copy
import csv
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

BASE_PATH = "/public/v1"
KEY = "test-key-123"

_NESTED = {
    "relationships", "locationTypes", "regulatedActivities", "gacServiceTypes",
    "inspectionCategories", "specialisms", "inspectionAreas", "lastInspection", "lastReport",
    "currentRatings", "reports", "historicRatings", "providerInspectionAreas",
    "unpublishedReports",
}

# Real provider names (ODS / CQC) for the providers whose locations are in the samples.
PROVIDERS = {
    "RK9": ("University Hospitals Plymouth NHS Trust", "NHS Healthcare Organisation",
            "Plymouth", "PL6 8DH"),
    "RA9": ("Torbay and South Devon NHS Foundation Trust", "NHS Healthcare Organisation",
            "Torquay", "TQ2 7AA"),
    "1-102643516": ("Nuffield Health", "Independent Healthcare Org", "Epsom", "KT18 5AL"),
    "1-116865921": ("Care UK Clinical Services Limited", "Independent Healthcare Org",
                    "Colchester", "CO4 9QB"),
    "1-102642955": ("Barchester Healthcare Homes Limited", "Social Care Org", "London",
                    "SW1E 5LB"),
}


def load_locations(cqc_dir: Path) -> dict[str, dict]:
    """Every sample location answer, by location ID (JSON files win over CSV rows)."""
    samples = cqc_dir / "api-samples"
    found: dict[str, dict] = {}
    with open(samples / "locations_devon_somerset_2021-04_flattened.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["providerId"] not in PROVIDERS:
                continue
            record: dict[str, Any] = {}
            for key, value in row.items():
                if value == "":
                    continue
                record[key] = ast.literal_eval(value) if key in _NESTED else value
            found[record["locationId"]] = record
    for path in sorted(samples.glob("location_*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        found[record["locationId"]] = record
    return found


def make_provider(pid: str, locations: dict[str, dict]) -> dict:
    """A `GET /providers/{id}` answer: trust-level ratings taken from its main site."""
    name, type_, town, postcode = PROVIDERS[pid]
    own = sorted(lid for lid, loc in locations.items() if loc.get("providerId") == pid)
    record: dict[str, Any] = {
        "providerId": pid,
        "locationIds": own,
        "organisationType": "Provider",
        "ownershipType": "NHS Body" if type_.startswith("NHS") else "Organisation",
        "type": type_,
        "name": name,
        "registrationStatus": "Registered",
        "registrationDate": "2010-04-01",
        "postalAddressTownCity": town,
        "postalCode": postcode,
        "region": "South West",
        "inspectionDirectorate": "Hospitals",
    }
    if not pid.startswith("1-"):
        record["odsCode"] = pid
    main = next((locations[lid] for lid in own if "currentRatings" in locations[lid]), None)
    if main is not None:
        current = copy.deepcopy(main["currentRatings"])
        current.pop("serviceRatings", None)
        if pid == "RA9":  # a real provider may lack currentRatings.overall
            current.pop("overall", None)
        record["currentRatings"] = current
        record["historicRatings"] = [
            {k: v for k, v in h.items() if k != "serviceRatings"}
            for h in copy.deepcopy(main.get("historicRatings", []))
        ]
    return record


class FakeCqcApi:
    """The server plus its data and failure script; use as a context manager."""

    def __init__(self, cqc_dir: Path, provider_ids: list[str] | None = None) -> None:
        self.locations = load_locations(cqc_dir)
        ids = provider_ids or list(PROVIDERS)
        self.providers = {pid: make_provider(pid, self.locations) for pid in ids}
        self.changes: list[str] = []
        self.changes_per_page = 2
        self.per_page_cap = 2  # small pages so paging is exercised
        self.always: dict[str, Any] = {}
        self._script: dict[str, list[Any]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.raw_queries: list[str] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{BASE_PATH}"

    def script(self, path: str, actions: list[Any]) -> None:
        with self.lock:
            self._script.setdefault(path, []).extend(actions)

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]

    def __enter__(self) -> FakeCqcApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --------------------------------------------------------------- answers

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, Any]:
        if path == "/providers":
            page = int(query.get("page", "1"))
            per = min(int(query.get("perPage", "1000")), self.per_page_cap)
            ids = sorted(self.providers)
            pages = max(1, -(-len(ids) // per))
            chunk = ids[(page - 1) * per : page * per]
            return 200, {
                "total": len(ids), "page": page, "perPage": per, "totalPages": pages,
                "nextPageUri": f"providers?page={page + 1}&perPage={per}"
                if page < pages else None,
                "providers": [
                    {"providerId": i, "providerName": self.providers[i]["name"]} for i in chunk
                ],
            }
        if path == "/changes/provider":
            page = int(query.get("page", "1"))
            per = self.changes_per_page
            chunk = self.changes[(page - 1) * per : page * per]
            pages = max(1, -(-len(self.changes) // per))
            nxt = None
            if page < pages:
                nxt = (f"{BASE_PATH}/changes/provider?page={page + 1}&perPage={per}"
                       f"&startTimestamp={query['startTimestamp']}"
                       f"&endTimestamp={query['endTimestamp']}")
            return 200, {"total": len(self.changes), "page": page, "totalPages": pages,
                         "changes": chunk, "nextPageUri": nxt}
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "providers":
            found = self.providers.get(parts[1])
            return (200, found) if found else (404, {"message": "Not found"})
        if len(parts) == 3 and parts[0] == "providers" and parts[2] == "locations":
            found = self.providers.get(parts[1])
            if not found:
                return 404, {"message": "Not found"}
            own = sorted(
                i for i, loc in self.locations.items() if loc.get("providerId") == parts[1]
            )
            return 200, {"locations": [{"locationId": i} for i in own]}
        if len(parts) == 2 and parts[0] == "locations":
            found = self.locations.get(parts[1])
            return (200, found) if found else (404, {"message": "Not found"})
        return 404, {"message": "Resource not found"}

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                split = urllib.parse.urlsplit(self.path)
                raw_query = split.query
                query = dict(urllib.parse.parse_qsl(raw_query))
                path = split.path
                with api.lock:
                    api.requests.append((path, query))
                    api.raw_queries.append(raw_query)
                if not path.startswith(BASE_PATH):
                    self._send(404, b'{"message": "Resource not found"}')
                    return
                path = path[len(BASE_PATH):]
                if self.headers.get("Ocp-Apim-Subscription-Key") != KEY:
                    self._send(401, b'{"statusCode": 401, "message": "Access denied due to '
                               b'invalid subscription key."}')
                    return
                with api.lock:
                    queue = api._script.get(path)
                    action = queue.pop(0) if queue else api.always.get(path)
                if isinstance(action, tuple) and action[0] == "sleep":
                    time.sleep(action[1])
                    action = None
                if action == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if action == "malformed":
                    self._send(200, b'{"providerId": "RK9", "name": "Univers')
                    return
                if isinstance(action, int):
                    headers = {"Retry-After": "0"} if action == 429 else {}
                    self._send(action, b'{"message": "scripted failure"}', headers)
                    return
                status, payload = api.answer(path, query)
                self._send(status, json.dumps(payload).encode("utf-8"))

        return Handler
