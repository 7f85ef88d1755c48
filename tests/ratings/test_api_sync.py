"""CQC API refresh against a local server that answers like the real API (127.0.0.1 only)."""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
import threading
from pathlib import Path

import pytest
import sqlite_utils

from columnist.ratings.api_client import (
    CqcApiClient,
    CqcAuthError,
    CqcBadResponse,
    CqcNetworkError,
)
from columnist.ratings.api_key import resolve_api_key
from columnist.ratings.api_sync import SyncCancelled, last_sync, rating_rows, sync
from columnist.ratings.search import search
from helpers.fake_cqc_api import KEY, FakeCqcApi
from helpers.real_cache import build_real_cache

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def cache(tmp_path: Path, cqc_dir: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(tmp_path / "ratings.db")
    build_real_cache(db, cqc_dir)
    return db


@pytest.fixture
def api(cqc_dir: Path):
    with FakeCqcApi(cqc_dir) as server:
        yield server


def client_for(api: FakeCqcApi, key: str = KEY, **kw) -> tuple[CqcApiClient, list[float]]:
    waits: list[float] = []
    kw.setdefault("timeout", 5.0)
    client = CqcApiClient(api.url, key, backoff=1.0, sleep=waits.append, **kw)
    return client, waits


def checksum(db: sqlite_utils.Database) -> str:
    """Every table's every row: proves a failed sync left the cache exactly as it was."""
    digest = hashlib.sha256()
    for line in db.conn.iterdump():
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()


def rating(db, subject_type, subject_id, question="Overall", service="Overall"):
    return db.execute(
        "SELECT rating, published, inherited FROM ratings WHERE subject_type = ? AND "
        "subject_id = ? AND service = ? AND key_question = ? ORDER BY published DESC LIMIT 1",
        (subject_type, subject_id, service, question),
    ).fetchone()


def test_full_sync_keeps_trusts_and_independent_hospitals_with_their_ratings(cache, api):
    client, _ = client_for(api)
    report = sync(cache, client, now=NOW)

    assert report.mode == "full"
    kept = {r[0] for r in cache.execute("SELECT id FROM providers WHERE source_id = ?",
                                        (report.import_id,))}
    assert kept == {"RK9", "RA9", "1-102643516", "1-116865921"}  # not the care-home group
    assert cache["locations"].get("RK950")["name"] == "Derriford Hospital"
    assert cache["locations"].get("1-115574477")["name"] == "Nuffield Health Exeter Hospital"
    assert "1-125856395" not in {
        r[0] for r in cache.execute("SELECT id FROM locations WHERE source_id = ?",
                                    (report.import_id,))
    }
    # Current ratings, key questions matched by name whatever the order.
    assert rating(cache, "location", "RK950") == ("Requires improvement", "2019-12-18", 0)
    assert rating(cache, "location", "RK950", "Caring")[0] == "Outstanding"
    assert rating(cache, "location", "RK950", "Safe")[0] == "Requires improvement"
    # Service ratings are named by their inspection area.
    assert rating(cache, "location", "RK950", "Overall", "Maternity") == ("Good", "2019-12-18", 0)
    assert rating(cache, "location", "RK950", "Overall", "Urgent and emergency services")[:2] == (
        "Requires improvement", "2019-05-31")
    # History kept: the 2018 report is there beside the 2019 one.
    dates = [r[0] for r in cache.execute(
        "SELECT published FROM ratings WHERE subject_type='location' AND subject_id='RK950' "
        "AND service='Overall' AND key_question='Overall' ORDER BY published")]
    assert "2018-08-15" in dates and "2019-12-18" in dates
    # An inherited rating (organisationId) is marked.
    assert rating(cache, "location", "1-9786536853")[2] == 1
    # RA9's provider record has no currentRatings.overall: still imported, history only.
    assert cache["providers"].get("RA9")["name"] == "Torbay and South Devon NHS Foundation Trust"
    imp = cache["imports"].get(report.import_id)
    assert imp["source"] == "cqc-api" and imp["edition_date"] == "2026-11-25"
    assert imp["ratings_added"] == report.ratings_added > 0
    assert last_sync(cache) == "2026-11-25T09:00:00Z"
    assert search(cache, "Nuffield Exeter")[0].id == "1-115574477"
    assert not (Path(str(cache.conn.execute("PRAGMA database_list").fetchone()[2]) + ".sync")
                .exists())


def test_sync_all_keeps_every_provider(cache, api):
    client, _ = client_for(api)
    report = sync(cache, client, scope="all", now=NOW)
    assert cache["providers"].get("1-102642955")["type"] == "Social Care Org"
    assert rating(cache, "location", "1-125856395") == ("Outstanding", "2019-10-31", 0)
    assert report.providers_skipped == 0


def test_sync_twice_changes_nothing_the_second_time(cache, api):
    client, _ = client_for(api)
    sync(cache, client, full=True, now=NOW)
    count = cache["ratings"].count
    second = sync(cache, client, full=True, now=NOW + dt.timedelta(days=1))
    assert second.ratings_added == 0 and cache["ratings"].count == count


def test_incremental_sync_uses_changes_since_last_sync(cache, api):
    client, _ = client_for(api)
    sync(cache, client, now=NOW)
    derriford = api.locations["RK950"]
    derriford["currentRatings"]["overall"]["rating"] = "Good"
    derriford["currentRatings"]["overall"]["reportDate"] = "2026-11-20"
    api.changes = ["RK9", "1-102642955", "1-999999999"]  # a care group, and one since removed
    api.requests.clear()

    later = NOW + dt.timedelta(days=3)
    report = sync(cache, client, now=later)

    assert report.mode == "changes" and report.start == "2026-11-25T09:00:00Z"
    change_queries = [q for q in api.raw_queries if "startTimestamp" in q]
    assert "startTimestamp=2026-11-25T09:00:00Z" in change_queries[0]  # colons unencoded
    fetched = api.paths()
    assert "/public/v1/providers/RA9" not in fetched  # unchanged providers are not refetched
    assert rating(cache, "location", "RK950") == ("Good", "2026-11-20", 0)
    assert rating(cache, "location", "RK950", "Safe")[1] == "2019-12-18"  # history kept
    assert "1-102642955" not in {r[0] for r in cache.execute(
        "SELECT id FROM providers WHERE source_id = ?", (report.import_id,))}
    assert last_sync(cache) == "2026-11-28T09:00:00Z"


def test_429_is_retried_after_the_wait_the_api_asks_for(cache, api):
    api.script("/providers/RK9", [429, 429])
    client, waits = client_for(api)
    sync(cache, client, now=NOW)
    assert waits == [0.0, 0.0]  # Retry-After: 0, not the 1 s / 2 s back-off
    assert rating(cache, "location", "RK950")[0] == "Requires improvement"


def test_500_then_success_is_retried_with_backoff(cache, api):
    api.script("/locations/RA901", [500, 503])
    client, waits = client_for(api)
    sync(cache, client, now=NOW)
    assert waits == [1.0, 2.0]
    assert cache["locations"].get("RA901")["name"] == "Torbay Hospital"


def test_refused_key_says_so_and_changes_nothing(cache, api):
    before = checksum(cache)
    client, _ = client_for(api, key="wrong-key-456")
    with pytest.raises(CqcAuthError) as err:
        sync(cache, client, now=NOW)
    assert "refused the key" in str(err.value)
    assert "wrong-key-456" not in str(err.value) and "wrong-key-456" not in repr(client)
    assert checksum(cache) == before


def test_failure_part_way_applies_nothing_and_the_next_sync_resumes(cache, api):
    before = checksum(cache)
    api.always["/locations/RA901"] = 500
    client, _ = client_for(api, retries=2)
    with pytest.raises(CqcNetworkError) as err:
        sync(cache, client, now=NOW)
    assert "HTTP 500" in str(err.value)
    assert checksum(cache) == before

    del api.always["/locations/RA901"]
    report = sync(cache, client, now=NOW)
    assert report.resumed
    assert api.paths().count("/public/v1/providers/1-102643516") == 1  # not fetched again
    assert api.paths().count("/public/v1/locations/RK950") == 1
    assert cache["locations"].get("RA901")["name"] == "Torbay Hospital"


def test_dropped_connection_applies_nothing(cache, api):
    before = checksum(cache)
    api.always["/providers/RA9"] = "drop"
    client, _ = client_for(api, retries=1)
    with pytest.raises(CqcNetworkError):
        sync(cache, client, now=NOW)
    assert checksum(cache) == before


def test_malformed_json_is_a_clear_error_and_applies_nothing(cache, api):
    before = checksum(cache)
    api.script("/providers/RK9", ["malformed"])
    client, _ = client_for(api)
    with pytest.raises(CqcBadResponse) as err:
        sync(cache, client, now=NOW)
    assert "not valid JSON" in str(err.value)
    assert checksum(cache) == before


def test_timeout_is_retried_then_reported(cache, api):
    before = checksum(cache)
    api.always["/providers/RK9"] = ("sleep", 1.0)
    client, _ = client_for(api, timeout=0.2, retries=1)
    with pytest.raises(CqcNetworkError) as err:
        sync(cache, client, now=NOW)
    assert "did not answer within 0.2 s" in str(err.value)
    assert checksum(cache) == before


def test_no_network_is_a_clear_error(cache, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = CqcApiClient(f"http://127.0.0.1:{port}/public/v1", KEY, retries=1,
                          sleep=lambda s: None)
    before = checksum(cache)
    with pytest.raises(CqcNetworkError) as err:
        sync(cache, client, now=NOW)
    assert "cannot reach the CQC API" in str(err.value)
    assert checksum(cache) == before


def test_refused_connection_is_said_at_once_without_retrying(cache):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket closes
    waits: list[float] = []
    client = CqcApiClient(f"http://127.0.0.1:{port}/public/v1", KEY, sleep=waits.append)
    with pytest.raises(CqcNetworkError) as err:
        sync(cache, client, now=NOW)
    assert "127.0.0.1 refused the connection" in str(err.value)
    assert waits == []  # no minute of back-off before the writer hears it


def test_no_network_says_probably_offline_at_once_in_a_sentence(cache, monkeypatch):
    """No DNS (the laptop is offline): one plain sentence, no errno, no retries."""
    import urllib.error
    import urllib.request

    def offline(*_args, **_kwargs):
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    waits: list[float] = []
    client = CqcApiClient("https://api.service.cqc.org.uk/public/v1", KEY, sleep=waits.append)
    before = checksum(cache)
    with pytest.raises(CqcNetworkError) as err:
        sync(cache, client, now=NOW)
    message = str(err.value)
    assert "api.service.cqc.org.uk could not be found" in message
    assert "probably offline" in message and "Nothing was changed" in message
    assert "Errno" not in message and "-2" not in message
    assert waits == []
    assert checksum(cache) == before


def test_cancel_then_resume(cache, api):
    before = checksum(cache)
    cancel = threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        if message.startswith("fetched"):
            cancel.set()  # the user presses Cancel after the first provider

    client, _ = client_for(api)
    with pytest.raises(SyncCancelled) as err:
        sync(cache, client, cancel=cancel, progress=progress, now=NOW)
    assert "continues from there" in str(err.value)
    assert checksum(cache) == before

    client, _ = client_for(api)
    report = sync(cache, client, now=NOW)
    assert report.resumed
    for pid in ("1-102643516", "1-116865921", "RA9", "RK9"):
        assert api.paths().count(f"/public/v1/providers/{pid}") == 1
    assert rating(cache, "location", "RK950")[0] == "Requires improvement"


def test_key_from_environment(monkeypatch):
    monkeypatch.setenv("CQC_API_KEY", " abc ")
    assert resolve_api_key() == "abc"


def test_rating_rows_match_key_questions_by_name(cqc_dir):
    import json

    record = json.loads((cqc_dir / "api-samples" / "location_1-125856395.json").read_text())
    rows = rating_rows("location", record, None)
    current = {r["key_question"]: r["rating"] for r in rows
               if r["published"] == "2019-10-31" and r["service"] == "Overall"}
    assert current == {"Overall": "Outstanding", "Safe": "Good", "Well-led": "Outstanding",
                       "Caring": "Outstanding", "Responsive": "Outstanding",
                       "Effective": "Outstanding"}
    assert {r["published"] for r in rows} == {"2019-10-31", "2017-02-08", "2015-01-23"}


def test_provider_without_location_ids_uses_its_locations_endpoint(cache, api):
    del api.providers["RK9"]["locationIds"]
    client, _ = client_for(api)
    sync(cache, client, now=NOW)
    assert "/public/v1/providers/RK9/locations" in api.paths()
    assert cache["locations"].get("RK950")["provider_id"] == "RK9"
    assert rating(cache, "location", "RK950")[0] == "Requires improvement"
