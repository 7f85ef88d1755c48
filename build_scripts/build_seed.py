"""Build the bundled rating seed (`resources/ratings/seed.json.gz`) from the real files.

    .venv/bin/python build_scripts/build_seed.py [--source data/cqc/source]

Sources, imported in this order through the same importers users run:
1. nhs_ratings_snapshot_2018-10.csv and nhs_ratings_snapshot_2019-03.csv — CQC ratings of
   NHS providers as they stood in Oct 2018 and Mar 2019 (score → word via CQC's lookup);
   together they give real history. Edition date = first day of the month in the file name
   (the latest publication DATE inside is 31/08/2018 and 28/02/2019 respectively).
2. ods_etr_nhs_trusts_2026-06.csv — current trust names (properly cased), open/closed,
   address, town, postcode, region.
3. nhs_providers_2019.csv — sector (Acute, Mental Health, …); fills names the ODS list lacks;
   an older name that differs from today's is kept as "also known as".
The 17 `1-…` independent providers in the snapshots have no name in any of these files: they
are kept with their CQC ID (name empty) and their page URL.

The output is deterministic (sorted rows, gzip mtime 0), so rebuilding gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import sqlite_utils  # noqa: E402

from columnist.ratings.cache import SEED_TABLES  # noqa: E402
from columnist.ratings.importers import import_file  # noqa: E402
from columnist.ratings.schema import SCHEMA_VERSION, ensure_schema  # noqa: E402
from columnist.ratings.writer import transaction  # noqa: E402

SOURCE = ROOT / "data" / "cqc" / "source"
OUT = ROOT / "resources" / "ratings" / "seed.json.gz"
FILES = (
    "nhs_ratings_snapshot_2018-10.csv",
    "nhs_ratings_snapshot_2019-03.csv",
    "ods_etr_nhs_trusts_2026-06.csv",
    "nhs_providers_2019.csv",
)
ORDER = {"imports": "id", "providers": "id", "locations": "id", "ratings": "id"}


def build(source: Path, out: Path) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite_utils.Database(Path(tmp) / "seed.db")
        ensure_schema(db)
        for name in FILES:
            report = import_file(db, source / name, update_index=False)
            print(report.summary())
        with transaction(db) as conn:
            conn.execute("UPDATE imports SET imported_at = NULL, notes = 'bundled seed; ' || notes")
        tables = {}
        counts = {}
        for table in SEED_TABLES:
            columns = [c.name for c in db[table].columns]
            rows = [list(r) for r in db.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY {ORDER[table]}"
            )]
            tables[table] = {"columns": columns, "rows": rows}
            counts[table] = len(rows)
        db.conn.close()
    payload = {"format": 1, "schema_version": SCHEMA_VERSION, "tables": tables}
    out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0,
                                             filename="") as gz:
        gz.write(raw)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description="Build resources/ratings/seed.json.gz")
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    counts = build(args.source, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB): {counts}")


if __name__ == "__main__":
    main()
