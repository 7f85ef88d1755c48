"""Build a full-size synthetic rating cache for the search and rating-change benchmarks.

~33,000 providers and ~90,000 locations, like CQC's register, with names made from the
real files' vocabulary: every real NHS trust (ODS etr list, properly cased), their hospital
sites, and the care homes, dental practices, GP surgeries and independent clinics that
make up most of the register ("<Surname> House", "<Town> Dental Practice", "<Town> Medical
Centre"…), with towns, streets and postcode districts from the real trust list and the real
API sample. Each subject gets one to three inspections (Overall and the five key
questions) between 2014 and 2026, so the cache has real-sized history.

    .venv/bin/python benchmarks/make_full_cache.py [--out benchmarks/out/full_cache.db]

Deterministic (seeded): the same file every time.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import sqlite_utils  # noqa: E402

from columnist.ratings.changes import ensure_changes_index  # noqa: E402
from columnist.ratings.importers.ods_etr import proper_case  # noqa: E402
from columnist.ratings.schema import KEY_QUESTIONS, RATING_WORDS, ensure_schema  # noqa: E402
from columnist.ratings.search import rebuild_index  # noqa: E402
from columnist.ratings.writer import insert_sql, transaction  # noqa: E402

CQC = ROOT / "data" / "cqc"
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "full_cache.db"
PROVIDERS = 33_000
LOCATIONS = 90_000


# A few common English surnames and house words to mix with the real files' words.
SURNAMES = [
    "Abbott",
    "Ashby",
    "Barrington",
    "Beech",
    "Birch",
    "Bramley",
    "Bradshaw",
    "Burton",
    "Carlton",
    "Cavendish",
    "Chester",
    "Clifton",
    "Coleridge",
    "Cromwell",
    "Dalton",
    "Denby",
    "Elm",
    "Fairfield",
    "Fenwick",
    "Foxley",
    "Gladstone",
    "Grange",
    "Grosvenor",
    "Hadley",
    "Hamilton",
    "Harcourt",
    "Hawthorn",
    "Heath",
    "Holly",
    "Kingsley",
    "Lancaster",
    "Laurel",
    "Linden",
    "Maple",
    "Marlborough",
    "Milton",
    "Moorland",
    "Newland",
    "Norbury",
    "Oak",
    "Orchard",
    "Pembroke",
    "Primrose",
    "Redwood",
    "Rosewood",
    "Ruskin",
    "Sandringham",
    "Seymour",
    "Stratford",
    "Thornbury",
    "Tudor",
    "Vernon",
    "Victoria",
    "Wellington",
    "Westbury",
    "Willow",
    "Windsor",
    "Woodlands",
    "Wordsworth",
]
HOME_WORDS = ("House", "Lodge", "Court", "Manor", "Hall", "Grange", "View", "Gardens", "Place")
RATING_WEIGHTS = (0.07, 0.72, 0.18, 0.03)  # Outstanding, Good, RI, Inadequate (roughly CQC's)


def real_vocabulary() -> tuple[list[tuple], list[str], list[str], list[str]]:
    """(trusts, towns, street words, postcode districts) from the real files."""
    trusts, towns, streets, districts = [], set(), set(), set()
    with open(CQC / "source" / "ods_etr_nhs_trusts_2026-06.csv", encoding="utf-8") as fh:
        for rec in csv.reader(fh):
            trusts.append(
                (
                    rec[0],
                    proper_case(rec[1]),
                    proper_case(rec[7] or "London"),
                    rec[9],
                    "closed" if rec[11].strip() else "open",
                )
            )
            if rec[7]:
                towns.add(proper_case(rec[7]))
            for part in rec[4:7]:
                for word in part.split():
                    if (
                        word.isalpha()
                        and len(word) > 3
                        and word not in ("ROAD", "STREET", "HOUSE", "FLOOR", "LANE")
                    ):
                        streets.add(word.capitalize())
            if rec[9]:
                districts.add(rec[9].split()[0])
    with open(
        CQC / "api-samples" / "locations_devon_somerset_2021-04_flattened.csv", encoding="utf-8"
    ) as fh:
        for rec in csv.DictReader(fh):
            if rec["postalAddressTownCity"]:
                towns.add(rec["postalAddressTownCity"].strip())
            if rec["postalCode"]:
                districts.add(rec["postalCode"].split()[0])
    return trusts, sorted(towns), sorted(streets), sorted(districts)


def build(out: Path, providers: int = PROVIDERS, locations: int = LOCATIONS) -> Path:
    """Write the synthetic cache to `out` (replacing it) and return the path."""
    rng = random.Random(2026)
    trusts, towns, streets, districts = real_vocabulary()
    surnames = sorted(set(SURNAMES) | set(streets))
    out.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    db = sqlite_utils.Database(out)
    db.conn.execute("PRAGMA journal_mode = WAL")
    ensure_schema(db)

    def postcode() -> str:
        return (
            f"{rng.choice(districts)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        )

    def cqc_id() -> str:
        return f"1-{rng.randint(100_000_000, 19_999_999_999)}"

    prov_rows: list[tuple] = []
    loc_rows: list[tuple] = []
    used: set[str] = set()
    for code, name, town, pc, status in trusts:
        prov_rows.append((code, name, code, "NHS Healthcare Organisation", town, pc, status, 1))
        for site in range(rng.randint(4, 16)):
            kind = rng.choice(
                (
                    "General Hospital",
                    "Hospital",
                    "Community Hospital",
                    "Health Centre",
                    "Royal Infirmary",
                    "Mental Health Unit",
                )
            )
            place = rng.choice((town, rng.choice(surnames), rng.choice(towns)))
            loc_rows.append(
                (
                    f"{code}{site:02d}",
                    code,
                    f"{place} {kind}",
                    f"{code}{site:02d}",
                    "NHS Healthcare Organisation",
                    0,
                    place if place in towns else town,
                    postcode(),
                    status,
                )
            )
    patterns = (
        (
            "Social Care Org",
            0.62,
            lambda s, t: rng.choice(
                (
                    f"{s} Care Ltd",
                    f"{s} Healthcare Limited",
                    f"{t} Homecare Services",
                    f"{s} Care Homes Limited",
                    f"{s} & {rng.choice(surnames)} Care Ltd",
                )
            ),
        ),
        (
            "Primary Dental Care",
            0.17,
            lambda s, t: rng.choice((f"{t} Dental Practice", f"{s} Dental Care Ltd", f"Dr {s}")),
        ),
        (
            "Primary Medical Services",
            0.15,
            lambda s, t: rng.choice(
                (
                    f"{t} Medical Centre",
                    f"{s} Surgery",
                    f"Dr {s} and Partners",
                    f"{t} Health Partnership",
                )
            ),
        ),
        (
            "Independent Healthcare Org",
            0.05,
            lambda s, t: rng.choice(
                (
                    f"{t} Private Hospital",
                    f"{s} Clinic Ltd",
                    f"{t} Eye Clinic",
                    f"{s} Health Limited",
                )
            ),
        ),
        ("Independent Ambulance", 0.01, lambda s, t: f"{t} Ambulance Service Ltd"),
    )
    kinds = [p[0] for p in patterns]
    weights = [p[1] for p in patterns]
    makers = {p[0]: p[2] for p in patterns}
    while len(prov_rows) < providers:
        type_ = rng.choices(kinds, weights)[0]
        town = rng.choice(towns)
        name = makers[type_](rng.choice(surnames), town)
        pid = cqc_id()
        if pid in used:
            continue
        used.add(pid)
        status = "closed" if rng.random() < 0.08 else "open"
        prov_rows.append((pid, name, None, type_, town, postcode(), status, 0))
    non_trust = [p for p in prov_rows if not p[7]]
    loc_makers = {
        "Social Care Org": lambda s, t: rng.choice(
            (
                f"{s} {rng.choice(HOME_WORDS)}",
                f"{t} Care Home",
                f"{s} Court Nursing Home",
                f"{s} {rng.choice(HOME_WORDS)} Residential Home",
                f"{t} Supported Living",
            )
        ),
        "Primary Dental Care": lambda s, t: rng.choice(
            (f"{t} Dental Practice", f"{s} Dental Surgery")
        ),
        "Primary Medical Services": lambda s, t: rng.choice(
            (f"{t} Medical Centre", f"{s} Surgery", f"{s} Health Centre")
        ),
        "Independent Healthcare Org": lambda s, t: rng.choice(
            (f"{t} Private Hospital", f"{s} Hospital", f"{t} Clinic", f"{s} Diagnostic Centre")
        ),
        "Independent Ambulance": lambda s, t: f"{t} Ambulance Station",
    }
    while len(loc_rows) < locations:
        prov = rng.choice(non_trust)
        town = prov[4] if rng.random() < 0.6 else rng.choice(towns)
        name = loc_makers[prov[3]](rng.choice(surnames), town)
        lid = cqc_id()
        if lid in used:
            continue
        used.add(lid)
        status = "closed" if prov[6] == "closed" or rng.random() < 0.05 else "open"
        loc_rows.append(
            (
                lid,
                prov[0],
                name,
                None,
                prov[3],
                int(prov[3] == "Social Care Org"),
                town,
                postcode(),
                status,
            )
        )

    rating_sql = insert_sql("ratings", RATING_COLS, keep_existing=True)
    with transaction(db) as conn:
        imp = conn.execute(
            "INSERT INTO imports (source, file_name, edition_date, imported_at) VALUES "
            "('cqc-latest-ratings', 'synthetic full-size cache', '2026-10-01', ?)",
            (dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),),
        ).lastrowid
        conn.executemany(
            "INSERT INTO providers (id, name, ods_code, type, town, postcode, status, "
            "is_nhs_trust, url, source_id) VALUES (?,?,?,?,?,?,?,?, "
            "'https://www.cqc.org.uk/provider/' || ?1, ?9)",
            [(*row, imp) for row in prov_rows],
        )
        conn.executemany(
            "INSERT INTO locations (id, provider_id, name, ods_code, type, care_home, town, "
            "postcode, status, url, source_id) VALUES (?,?,?,?,?,?,?,?,?, "
            "'https://www.cqc.org.uk/location/' || ?1, ?10)",
            [(*row, imp) for row in loc_rows],
        )
        start = dt.date(2014, 1, 1).toordinal()
        end = dt.date(2026, 9, 30).toordinal()
        batch: list[tuple] = []
        subjects = [("provider", p[0]) for p in prov_rows] + [("location", r[0]) for r in loc_rows]
        for subject_type, sid in subjects:
            if rng.random() < 0.1:
                continue  # never rated (new registrations)
            dates = sorted(rng.sample(range(start, end), rng.choice((1, 2, 2, 3))))
            overall = rng.choices(RATING_WORDS, RATING_WEIGHTS)[0]
            for ordinal in dates:
                published = dt.date.fromordinal(ordinal).isoformat()
                if rng.random() < 0.45:
                    overall = rng.choices(RATING_WORDS, RATING_WEIGHTS)[0]
                for question in KEY_QUESTIONS:
                    word = (
                        overall
                        if question == "Overall" or rng.random() < 0.7
                        else rng.choices(RATING_WORDS, RATING_WEIGHTS)[0]
                    )
                    batch.append(
                        (subject_type, sid, "Overall", question, word, word, 0, published, imp)
                    )
            if len(batch) > 50_000:
                conn.executemany(rating_sql, batch)
                batch.clear()
        conn.executemany(rating_sql, batch)
    rebuild_index(db)
    ensure_changes_index(db)
    db.conn.execute("ANALYZE")
    db.conn.commit()
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return out


RATING_COLS = (
    "subject_type", "subject_id", "service", "key_question", "rating", "rating_raw", "flagged",
    "published", "source_id",
)


def ensure_full_cache(out: Path = DEFAULT_OUT) -> Path:
    """The full-size cache, built once (delete the file to rebuild)."""
    if not out.exists():
        started = time.perf_counter()
        print(f"building the full-size cache at {out} …", file=sys.stderr)
        build(out)
        print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = build(args.out)
    db = sqlite_utils.Database(path)
    counts = {t: db[t].count for t in ("providers", "locations", "ratings")}
    print(
        f"{path}: {counts['providers']:,} providers, {counts['locations']:,} locations, "
        f"{counts['ratings']:,} ratings, {path.stat().st_size / 2**20:.0f} MB, "
        f"built in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
