"""What every importer shares: reading tables, finding the header, batching rows, counts.

An import is all or nothing: it runs inside one transaction of the cache writer
(`ratings.writer.transaction`). It is idempotent: a file whose sha256 is already in
`imports` is skipped with a message, and every write is the writer's change-only upsert,
so equivalent data produces zero changes. Progress is reported through a callback
and a cancel request (a `threading.Event` or a callable) rolls everything back.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from columnist.ratings.vocabulary import RatingWord
from columnist.ratings.writer import (
    LOCATION_COLS,
    PROVIDER_COLS,
    RATING_UPSERT,
    upsert,
    upsert_sql,
)

ProgressFn = Callable[[int, "int | None", str], None]
CancelToken = threading.Event | Callable[[], bool] | None

BATCH = 5000


class ImportFileError(Exception):
    """The file cannot be imported; the message says what is wrong and what to do."""


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


KIND_LABELS = {
    "cqc-latest-ratings": "CQC Latest ratings",
    "cqc-latest-ratings-providers": "CQC Latest ratings, providers",
    "cqc-latest-ratings-locations": "CQC Latest ratings, locations",
    "cqc-directory": "CQC directory",
    "nhs-ratings-snapshot": "NHS ratings snapshot",
    "nhs-providers": "NHS provider list",
    "ods-etr": "NHS England ODS trust list (etr)",
}


@dataclass
class ImportReport:
    """What an import did, for the CLI, the GUI and the `imports` table."""

    file_name: str
    kind: str = ""
    sha256: str = ""
    edition_date: str | None = None
    import_id: int | None = None
    already_imported: bool = False
    rows_read: int = 0
    providers_added: int = 0
    providers_updated: int = 0
    locations_added: int = 0
    locations_updated: int = 0
    ratings_added: int = 0
    ratings_changed: int = 0
    ratings_flagged: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    flagged_words: Counter[str] = field(default_factory=Counter)
    message: str = ""

    @property
    def changed_anything(self) -> bool:
        return any(
            (
                self.providers_added,
                self.providers_updated,
                self.locations_added,
                self.locations_updated,
                self.ratings_added,
                self.ratings_changed,
            )
        )

    def summary(self) -> str:
        """A few plain lines a user can read."""
        if self.already_imported:
            return self.message
        lines = [
            f"{KIND_LABELS.get(self.kind.split(' (')[0], self.kind)}"
            f"{' (' + self.kind.split(' (', 1)[1] if ' (' in self.kind else ''}, edition "
            f"{self.edition_date or 'undated'}; {self.rows_read:,} rows read.",
            f"Providers: {self.providers_added:,} added, {self.providers_updated:,} updated. "
            f"Locations: {self.locations_added:,} added, {self.locations_updated:,} updated. "
            f"Ratings: {self.ratings_added:,} added, {self.ratings_changed:,} changed.",
        ]
        if self.duplicates:
            lines.append(f"{self.duplicates:,} duplicate rows were counted once.")
        for reason, count in sorted(self.skipped.items()):
            lines.append(f"{count:,} rows skipped: {reason}.")
        if self.flagged_words:
            words = ", ".join(f"“{w}” ×{n}" for w, n in self.flagged_words.most_common())
            lines.append(
                f"{self.ratings_flagged:,} ratings use words CQC does not normally use; kept "
                f"and flagged: {words}."
            )
        if not self.changed_anything:
            lines.append("Nothing changed: the cache already held this data.")
        if self.message:
            lines.append(self.message)
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON (`asdict` alone rebuilds each Counter from its (word, count)
        pairs, giving tuple keys that JSON cannot write)."""
        data = asdict(self)
        data["skipped"] = dict(self.skipped)
        data["flagged_words"] = dict(self.flagged_words)
        return data

    def notes(self) -> str:
        """Counts that have no column of their own in `imports`."""
        parts = [
            f"providers updated {self.providers_updated}",
            f"locations updated {self.locations_updated}",
            f"ratings changed {self.ratings_changed}",
            f"duplicates {self.duplicates}",
        ]
        parts += [f"skipped {n} ({why})" for why, n in sorted(self.skipped.items())]
        if self.flagged_words:
            parts.append(
                "flagged words: " + ", ".join(f"{w} ({n})" for w, n in self.flagged_words.items())
            )
        return "; ".join(parts)


# ---------------------------------------------------------------------------- progress


class Tracker:
    """Counts rows, reports progress now and then, and raises ImportCancelled on request."""

    def __init__(self, progress: ProgressFn | None, cancel: CancelToken, total: int | None):
        self.progress = progress
        self.cancel = cancel
        self.total = total
        self.done = 0
        self._last = 0.0
        # For streams of unknown length: [bytes read, total bytes] → an estimated row total.
        self.position: list[int] | None = None

    def cancelled(self) -> bool:
        if self.cancel is None:
            return False
        if isinstance(self.cancel, threading.Event):
            return self.cancel.is_set()
        return bool(self.cancel())

    def check(self, message: str = "Importing…", force: bool = False) -> None:
        """Raise if cancelled; report progress at most ~10 times a second."""
        if self.cancelled():
            raise ImportCancelled("Import cancelled; the cache is unchanged.")
        if self.progress is None:
            return
        now = time.monotonic()
        if force or now - self._last >= 0.1:
            self._last = now
            self.progress(self.done, self.total or self._estimate(), message)

    def _estimate(self) -> int | None:
        """Rows expected in all, from how far through the file the reader is."""
        if not self.position or not self.position[0] or not self.position[1]:
            return None
        fraction = min(1.0, self.position[0] / self.position[1])
        return max(self.done, int(self.done / fraction)) if fraction else None


# ------------------------------------------------------------------------ reading files


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# Bytes no CSV holds: the C0 controls but tab, line feed, form feed and carriage return;
# and DEL. Random bytes are about 11 % of them; a text file next to none.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0c\r") + b"\x7f"
SNIFF_BYTES = 1 << 16


def looks_binary(path: Path) -> bool:
    r"""True when the file's start is not text: a NUL byte, or over 1 % control bytes.

    Every byte sequence decodes as Windows-1252, so without this a binary file (random
    bytes named `.ods`) reaches the header search, whose message quotes the garbage.
    A hand-edited CSV with a stray control byte stays far under 1 %.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text, junk = Path(tmp, "a.csv"), Path(tmp, "b.ods")
    ...     _ = text.write_bytes("Provider ID,Name\r\nRJ1,Guy’s\r\n".encode("cp1252"))
    ...     _ = junk.write_bytes(bytes(range(1, 256)) * 4)
    ...     looks_binary(text), looks_binary(junk)
    (False, True)
    """
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls * 100 > len(head)


def detect_text_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        head = fh.read(3)
        bom = head == codecs.BOM_UTF8
        fh.seek(0)
        try:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig" if bom else "utf-8"


def iter_csv_rows(path: Path, encoding: str) -> Iterator[list[str]]:
    """Rows of a CSV file, decoded; cp1252's five undefined bytes become U+FFFD."""
    errors = "replace" if encoding == "cp1252" else "strict"
    with path.open(encoding=encoding, errors=errors, newline="") as fh:
        yield from csv.reader(fh)


def cell_text(value: Any) -> str:
    """A cell as trimmed text ('' for empty); whole floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\ufeff", "").strip()


_MONTHS = {
    m.lower(): i
    for i, m in enumerate(
        [
            "January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December",
        ],
        start=1,
    )
}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})


def parse_date(value: Any) -> str | None:
    """Any date CQC/ODS files use → ISO 'YYYY-MM-DD' (None if it is not a date).

    Handles date cells, 'dd/mm/yyyy', 'yyyy-mm-dd[...]', 'yyyymmdd', '1 March 2019' and
    spreadsheet serial numbers.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 20000 < value < 80000:  # spreadsheet serial day
            return (dt.date(1899, 12, 30) + dt.timedelta(days=int(value))).isoformat()
        value = cell_text(value)
    text = str(value).strip()
    try:
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s.*)?", text):
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?", text):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := re.fullmatch(r"(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{4})", text):
            month = _MONTHS.get(m[2].lower())
            if month:
                return dt.date(int(m[3]), month, int(m[1])).isoformat()
    except ValueError:
        return None
    return None


def edition_from_name(name: str) -> str | None:
    """The edition date a CQC file name carries ('2026-09_…', '01_September_2026_…')."""
    stem = Path(name).stem
    if m := re.search(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", stem):
        return parse_date(f"{m[1]}-{m[2]}-{m[3]}")
    if m := re.search(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)", stem):
        return parse_date(m[0])
    if m := re.search(r"(?<!\d)(\d{1,2})[ _-]*([A-Za-z]{3,9})[ _-]*(\d{4})(?!\d)", stem):
        month = _MONTHS.get(m[2].lower())
        if month:
            try:
                return dt.date(int(m[3]), month, int(m[1])).isoformat()
            except ValueError:
                pass
    if m := re.search(r"([A-Za-z]{3,9})[ _-]*(\d{4})(?!\d)", stem):
        month = _MONTHS.get(m[1].lower())
        if month:
            return dt.date(int(m[2]), month, 1).isoformat()
    if (m := re.search(r"(?<!\d)(\d{4})-(\d{2})(?!\d)", stem)) and 1 <= int(m[2]) <= 12:
        return dt.date(int(m[1]), int(m[2]), 1).isoformat()
    if m := re.search(r"(?<![\d-])(20\d{2})(?![\d-])", stem):
        return dt.date(int(m[1]), 1, 1).isoformat()  # a year only: "c. 2019"
    return None


# ---------------------------------------------------------------------- header finding

HEADER_SCAN_ROWS = 20


def fold_header(text: Any) -> str:
    return re.sub(r"\s+", " ", cell_text(text)).lower()


@dataclass(frozen=True)
class Column:
    """A column we read: its key, the header spellings accepted, and whether it is needed."""

    key: str
    names: tuple[str, ...]
    required: bool = True


@dataclass(frozen=True)
class TableFormat:
    """A file layout we know: the kind, a label for messages, and its columns."""

    kind: str
    label: str
    columns: tuple[Column, ...]

    def match(self, row: Sequence[Any]) -> tuple[dict[str, int], list[str]]:
        """Map column keys to indexes in `row`; also list the required names missing."""
        folded = [fold_header(c) for c in row]
        found: dict[str, int] = {}
        missing: list[str] = []
        for col in self.columns:
            for name in col.names:
                if name.lower() in folded:
                    found[col.key] = folded.index(name.lower())
                    break
            else:
                if col.required:
                    missing.append(col.names[0])
        return found, missing

    def required_names(self) -> list[str]:
        return [c.names[0] for c in self.columns if c.required]


@dataclass
class FoundTable:
    """A table whose header was found: its format, column map and the data rows after it."""

    fmt: TableFormat
    columns: dict[str, int]
    rows: Iterator[Sequence[Any]]
    header_row: int  # 0-based index of the header row
    preamble: list[list[str]]


def find_header(
    rows: Iterable[Sequence[Any]], formats: Sequence[TableFormat], where: str
) -> FoundTable:
    """Scan the first rows for a known header; raise ImportFileError saying what was found."""
    iterator = iter(rows)
    buffered: list[Sequence[Any]] = []
    best: tuple[int, TableFormat, list[str]] | None = None
    first_nonempty: list[str] | None = None
    for index, row in enumerate(iterator):
        buffered.append(row)
        texts = [cell_text(c) for c in row]
        if first_nonempty is None and any(texts):
            first_nonempty = [t for t in texts if t]
        for fmt in formats:
            found, missing = fmt.match(row)
            if not missing:
                preamble = [[cell_text(c) for c in r] for r in buffered[:-1]]
                return FoundTable(fmt, found, iterator, index, preamble)
            score = len(found)
            if score >= 3 and (best is None or score > best[0]):
                best = (score, fmt, missing)
        if index + 1 >= HEADER_SCAN_ROWS:
            break
    if not buffered or first_nonempty is None:
        raise ImportFileError(f"{where} is empty: there is nothing to import.")
    if best is not None:
        _, fmt, missing = best
        raise ImportFileError(
            f"{where} looks like {fmt.label}, but these columns are missing: "
            f"{', '.join(missing)}. Download the file again from CQC, or check that it was "
            "not edited; nothing was imported."
        )
    expected = "; ".join(f"{f.label} ({', '.join(f.required_names()[:4])}, …)" for f in formats)
    shown = ", ".join(first_nonempty[:8])
    raise ImportFileError(
        f"{where} is not a CQC or NHS ODS file Columnist knows. Expected, within the first "
        f"{HEADER_SCAN_ROWS} rows, the header of one of: {expected}; or the NHS England ODS "
        "etr trust list (27 columns, no header). "
        f"Found: {shown[:300]}. Nothing was imported."
    )


def value(row: Sequence[Any], columns: dict[str, int], key: str) -> Any:
    index = columns.get(key)
    if index is None or index >= len(row):
        return None
    return row[index]


def text(row: Sequence[Any], columns: dict[str, int], key: str) -> str | None:
    """A cell as trimmed text, or None when empty/absent."""
    return cell_text(value(row, columns, key)) or None


# ------------------------------------------------------------------------ the writer

class Writer:
    """Batches an import's rows into the cache writer's change-only upserts
    (`ratings.writer`), inside the import's transaction, and keeps the report's counts."""

    def __init__(self, db: sqlite_utils.Database, report: ImportReport, tracker: Tracker):
        self.conn = db.conn
        self.report = report
        self.tracker = tracker
        self.import_id: int = 0
        self._providers: dict[str, tuple[Any, ...]] = {}
        self._locations: dict[str, tuple[Any, ...]] = {}
        self._ratings: list[tuple[Any, ...]] = []
        # hash(rating key) → hash(raw word): finds duplicate rows in a 300,000-row file
        # without keeping every key's strings alive.
        self._rating_keys: dict[int, int] = {}
        self.provider_fill: tuple[str, ...] = ()
        self.location_fill: tuple[str, ...] = ()

    # -- queueing

    def provider(self, pid: str, fill: bool = False, **values: Any) -> None:
        """Queue a provider upsert (fill=True: only fill empty cells, e.g. a link stub)."""
        row = tuple(values.get(c) for c in PROVIDER_COLS)
        key = (pid, fill)
        if key in self._providers:
            return
        self._providers[key] = row  # type: ignore[index]
        if len(self._providers) >= BATCH:
            self.flush()

    def location(self, lid: str, **values: Any) -> None:
        if lid in self._locations:
            return
        self._locations[lid] = tuple(values.get(c) for c in LOCATION_COLS)
        if len(self._locations) >= BATCH:
            self.flush()

    def rating(
        self,
        subject_type: str,
        subject_id: str,
        service: str,
        key_question: str,
        word: RatingWord,
        published: str,
        report_type: str | None = None,
        inherited: int | None = None,
        kq_flagged: bool = False,
    ) -> None:
        key = (subject_type, subject_id, service, key_question, published)
        hashed = hash(key)
        seen = self._rating_keys.get(hashed)
        if seen is not None:
            self.report.duplicates += 1
            if seen != hash(word.raw):
                why = "a second, different rating for the same date (first kept)"
                self.report.skipped[why] += 1
            return
        self._rating_keys[hashed] = hash(word.raw)
        flagged = word.flagged or kq_flagged
        if flagged:
            self.report.ratings_flagged += 1
            self.report.flagged_words[word.raw if word.flagged else key_question] += 1
        self._ratings.append(
            (*key[:4], word.rating, word.raw, int(flagged), published, report_type, inherited,
             self.import_id)
        )
        if len(self._ratings) >= BATCH:
            self.flush()

    # -- writing

    def flush(self) -> None:
        if self._providers:
            plain = [(k[0], *v, self.import_id) for k, v in self._providers.items() if not k[1]]
            stubs = [(k[0], *v, self.import_id) for k, v in self._providers.items() if k[1]]
            a, u = upsert(self.conn, upsert_sql("providers", PROVIDER_COLS, self.provider_fill),
                          plain, "providers")
            a2, u2 = upsert(self.conn, upsert_sql("providers", PROVIDER_COLS, PROVIDER_COLS),
                            stubs, "providers")
            self.report.providers_added += a + a2
            self.report.providers_updated += u + u2
            self._providers.clear()
        if self._locations:
            rows = [(k, *v, self.import_id) for k, v in self._locations.items()]
            a, u = upsert(self.conn, upsert_sql("locations", LOCATION_COLS, self.location_fill),
                          rows, "locations")
            self.report.locations_added += a
            self.report.locations_updated += u
            self._locations.clear()
        if self._ratings:
            a, u = upsert(self.conn, RATING_UPSERT, self._ratings, "ratings")
            self.report.ratings_added += a
            self.report.ratings_changed += u
            self._ratings.clear()
        self.tracker.check()
