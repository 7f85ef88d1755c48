"""Real-data caches for the search, changes, API and CLI tests.

Built from the real files in data/cqc/source (ODS trust list, the two NHS rating
snapshots) with the project's schema, so the tests rank and compare real trusts.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import sqlite_utils

from columnist.ratings.importers.ods_etr import proper_case
from columnist.ratings.schema import ensure_schema
from columnist.ratings.vocabulary import rating_from_score


def _iso(ddmmyyyy: str) -> str:
    return dt.datetime.strptime(ddmmyyyy, "%d/%m/%Y").date().isoformat()


def build_real_cache(db: sqlite_utils.Database, cqc_dir: Path, snapshots: int = 2) -> None:
    """Trusts from the ODS etr list, rating history from the first `snapshots` snapshots."""
    ensure_schema(db)
    source = cqc_dir / "source"
    with db.conn:
        imp = db["imports"].insert(
            {"source": "ods-etr", "file_name": "etr.csv", "edition_date": "2026-06-01",
             "imported_at": "2026-11-01T00:00:00Z"}
        ).last_pk
        rows = []
        with open(source / "ods_etr_nhs_trusts_2026-06.csv", encoding="utf-8") as fh:
            for rec in csv.reader(fh):
                closed = rec[11].strip()
                rows.append(
                    {"id": rec[0], "name": proper_case(rec[1]), "ods_code": rec[0],
                     "type": "NHS Healthcare Organisation", "street": rec[4].title(),
                     "town": rec[7].title(), "postcode": rec[9],
                     "status": "closed" if closed else "open", "is_nhs_trust": 1,
                     "url": f"https://www.cqc.org.uk/provider/{rec[0]}", "source_id": imp}
                )
        former = {}
        with open(source / "nhs_providers_2019.csv", encoding="utf-8-sig") as fh:
            for rec in csv.DictReader(fh):
                former[rec["ORG_CODE"].strip()] = rec["ORG_NAME"].strip()
        for row in rows:
            old_name = former.get(row["id"])
            if old_name and old_name.lower() != row["name"].lower():
                row["also_known_as"] = old_name
        db["providers"].insert_all(rows, pk="id", replace=True)
        names = ["nhs_ratings_snapshot_2018-10.csv", "nhs_ratings_snapshot_2019-03.csv"]
        for edition, name in zip(("2018-10-31", "2019-03-31"), names[:snapshots], strict=False):
            imp = db["imports"].insert(
                {"source": "nhs-ratings-snapshot", "file_name": name, "edition_date": edition,
                 "imported_at": "2026-11-01T00:00:00Z"}
            ).last_pk
            ratings = []
            with open(source / name, encoding="utf-8-sig") as fh:
                for rec in csv.DictReader(fh):
                    word = rating_from_score(rec["RATING_SCORE"])
                    ratings.append(
                        ("provider", rec["ORG_CODE"], rec["POPULATION"], rec["QUESTION"],
                         word.rating, word.raw, int(word.flagged), _iso(rec["DATE"]), imp)
                    )
            db.conn.executemany(
                "INSERT OR IGNORE INTO ratings (subject_type, subject_id, service, key_question,"
                " rating, rating_raw, flagged, published, source_id) VALUES (?,?,?,?,?,?,?,?,?)",
                ratings,
            )
        known = {r[0] for r in db.conn.execute("SELECT id FROM providers")}
        missing = {
            r[0] for r in db.conn.execute("SELECT DISTINCT subject_id FROM ratings")
        } - known
        db["providers"].insert_all(
            [{"id": m, "name": f"Provider {m}", "type": "Independent Healthcare Org",
              "status": "open", "is_nhs_trust": 0} for m in sorted(missing)],
            pk="id",
        )
        db["locations"].insert_all(
            [
                {"id": "RK950", "provider_id": "RK9", "name": "Derriford Hospital",
                 "ods_code": "RK950", "type": "NHS Healthcare Organisation",
                 "town": "Plymouth", "postcode": "PL6 8DH", "status": "open"},
                {"id": "RA901", "provider_id": "RA9", "name": "Torbay Hospital",
                 "ods_code": "RA901", "type": "NHS Healthcare Organisation",
                 "town": "Torquay", "postcode": "TQ2 7AA", "status": "open"},
                {"id": "1-125856395", "provider_id": "1-102642955", "name": "Lucerne House",
                 "ods_code": "VLLWV", "type": "Social Care Org", "care_home": 1,
                 "town": "Exeter", "postcode": "EX2 8TU", "status": "open"},
            ],
            pk="id",
        )
