"""Import CQC and NHS files into the rating cache: one entry point, kind found by content.

    report = import_file(db, Path("Latest_ratings.ods"), progress=cb, cancel=event)
    print(report.summary())

Known kinds: CQC Latest ratings (ODS/XLSX/CSV; Providers and Locations), CQC_directory.csv,
the NHS England ODS `etr` trust list, the NHS ratings snapshots and the 2019 NHS provider
list. The header row is looked for in the first 20 rows of each sheet. Every import is one
transaction: on any error or a cancel, nothing is written. Importing the same file again is
detected by its sha256 and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from columnist.ratings.importers import directory, latest_ratings, ods_etr, snapshots
from columnist.ratings.importers.common import (
    CancelToken,
    FoundTable,
    ImportCancelled,
    ImportFileError,
    ImportReport,
    ProgressFn,
    TableFormat,
    Tracker,
    Writer,
    cell_text,
    detect_text_encoding,
    edition_from_name,
    find_header,
    iter_csv_rows,
    looks_binary,
    sha256_of,
)
from columnist.ratings.importers.ods_stream import OdsFormatError, iter_ods
from columnist.ratings.importers.xlsx_stream import XlsxFormatError, iter_xlsx
from columnist.ratings.schema import ensure_schema
from columnist.ratings.writer import one_import_at_a_time, transaction

__all__ = [
    "ImportCancelled",
    "ImportFileError",
    "ImportReport",
    "import_file",
    "rebuild_search_index",
]

TEXT_FORMATS: tuple[TableFormat, ...] = (
    latest_ratings.LOCATIONS,
    latest_ratings.PROVIDERS,
    directory.DIRECTORY,
    snapshots.SNAPSHOT,
    snapshots.NHS_PROVIDERS,
)
SHEET_FORMATS = (latest_ratings.LOCATIONS, latest_ratings.PROVIDERS)

WAITING_FOR_IMPORT = "Waiting for another import to finish…"

SOURCE_OF_KIND = {
    "cqc-latest-ratings-providers": "cqc-latest-ratings",
    "cqc-latest-ratings-locations": "cqc-latest-ratings",
    "cqc-directory": "cqc-directory",
    "nhs-ratings-snapshot": "nhs-ratings-snapshot",
    "nhs-providers": "nhs-providers",
    "ods-etr": "ods-etr",
}


def rebuild_search_index(db: sqlite_utils.Database) -> None:
    """Refresh the type-ahead index after names changed (ratings.search owns the index)."""
    from columnist.ratings.search import rebuild_index

    rebuild_index(db)


def import_file(
    db: sqlite_utils.Database,
    path: str | os.PathLike[str],
    progress: ProgressFn | None = None,
    cancel: CancelToken = None,
    *,
    update_index: bool = True,
) -> ImportReport:
    """Import one file (kind detected from its content) in a single transaction.

    While another import of the same cache runs (in this process or another) this one
    waits for it, reporting "Waiting for another import to finish…", and only then looks
    whether its file is already imported: it may be the very file the other one brought.
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ImportFileError(f"{path} does not exist or is not a file.")
    if path.stat().st_size == 0:
        raise ImportFileError(f"{name} is empty (0 bytes): there is nothing to import.")
    tracker = Tracker(progress, cancel, None)
    with one_import_at_a_time(db, lambda: tracker.check(WAITING_FOR_IMPORT, force=True)):
        report = _import(db, path, tracker)
        if update_index and report.changed_anything:
            try:
                rebuild_search_index(db)
            except Exception as exc:  # the import itself is committed and stays
                report.message = (
                    f"The data was imported, but the search index could not be refreshed "
                    f"({exc}); search may miss the new names until the next import or restart."
                )
    return report


def _import(db: sqlite_utils.Database, path: Path, tracker: Tracker) -> ImportReport:
    """The import proper, under the import lock: skip a file already imported, else run."""
    name = path.name
    if "imports" not in db.table_names():
        ensure_schema(db)  # only when needed: it writes, and a failed import must not
    digest = sha256_of(path)
    report = ImportReport(file_name=name, sha256=digest)
    prior = db.execute(
        "SELECT imported_at, source FROM imports WHERE sha256 = ? ORDER BY id LIMIT 1", [digest]
    ).fetchone()
    if prior:
        report.already_imported = True
        report.kind = prior[1] or ""
        when = (prior[0] or "")[:16].replace("T", " ") or "an earlier date"
        report.message = f"already imported on {when} UTC; nothing changed."
        return report
    with path.open("rb") as fh:
        magic = fh.read(8)
    tracker.check("Opening the file…", force=True)
    if magic.startswith(b"PK\x03\x04") or magic.startswith(b"\xd0\xcf\x11\xe0"):
        body = _workbook_body(path, magic)
    else:
        if looks_binary(path):
            raise ImportFileError(
                f"{name} is not a spreadsheet or CSV file: its content is binary, neither "
                "text nor an ODS, XLSX or XLS workbook (it may be damaged, or another kind "
                "of file renamed). Expected CQC's Latest ratings (.ods/.xlsx/.csv), "
                "CQC_directory.csv, or the NHS ODS etr list; nothing was imported."
            )
        body = _text_body(path)
    _run(db, report, tracker, body)
    return report


Body = Callable[[Writer], tuple[str, str | None]]  # → (kind, edition date)


def _text_body(path: Path) -> Body:
    encoding = detect_text_encoding(path)

    def body(writer: Writer) -> tuple[str, str | None]:
        rows = iter_csv_rows(path, encoding)
        first: list[Sequence[Any]] = []
        for row in rows:
            first.append(row)
            if any(cell_text(c) for c in row):
                break
        if first and ods_etr.looks_like_etr(first[-1]):
            writer.report.kind = ods_etr.KIND
            return ods_etr.KIND, ods_etr.import_etr(writer, _chain(first, rows), path.name)
        table = find_header(_chain(first, rows), TEXT_FORMATS, path.name)
        kind = table.fmt.kind
        writer.report.kind = kind
        if table.fmt is snapshots.SNAPSHOT:
            return kind, snapshots.import_snapshot(writer, table, path.name)
        if table.fmt is snapshots.NHS_PROVIDERS:
            return kind, snapshots.import_nhs_providers(writer, table, path.name)
        if table.fmt is directory.DIRECTORY:
            return kind, directory.import_directory(writer, table, path.name)
        latest = latest_ratings.import_sheet(writer, table)
        return kind, edition_from_name(path.name) or latest

    return body


def _chain(first: list[Sequence[Any]], rest: Iterator[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    yield from first
    yield from rest


def _sheets(
    path: Path, magic: bytes, tracker: Tracker
) -> Iterator[tuple[str, Iterator[Sequence[Any]]]]:
    """(sheet name, rows): ODS and XLSX through our streaming readers, XLS via calamine."""
    is_ods = False
    if magic.startswith(b"PK"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise ImportFileError(
                f"{path.name} is damaged or truncated (it cannot be opened as an ODS/XLSX "
                f"zip: {exc}). Download it again; nothing was imported."
            ) from exc
        is_ods = "content.xml" in names
        if not is_ods and "xl/workbook.xml" not in names:
            raise ImportFileError(
                f"{path.name} is a zip file but not an ODS or XLSX spreadsheet. Expected CQC's "
                "Latest ratings file; nothing was imported."
            )
    if magic.startswith(b"PK"):
        tracker.position = [0, 0]
        try:
            if is_ods:
                yield from iter_ods(path, tracker.position)
            else:
                yield from iter_xlsx(path, tracker.position)
        except (OdsFormatError, XlsxFormatError) as exc:
            raise ImportFileError(
                f"{path.name} cannot be read: {exc}. Download it again; nothing was imported."
            ) from exc
        return
    # Legacy binary .xls: python-calamine (it loads one sheet at a time into memory).
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        for sheet_name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(sheet_name)
            yield sheet_name, sheet.iter_rows()
    except python_calamine.CalamineError as exc:
        raise ImportFileError(
            f"{path.name} cannot be read: it is damaged or truncated ({exc}). Download it "
            "again; nothing was imported."
        ) from exc
    except Exception as exc:  # calamine raises plain errors for broken zips / XML
        if type(exc).__module__.startswith("python_calamine"):
            raise ImportFileError(
                f"{path.name} cannot be read: it is damaged or truncated ({exc}). Download "
                "it again; nothing was imported."
            ) from exc
        raise


def _workbook_body(path: Path, magic: bytes) -> Body:
    def body(writer: Writer) -> tuple[str, str | None]:
        latest: str | None = None
        found: list[str] = []
        errors: list[ImportFileError] = []
        for sheet_name, rows in _sheets(path, magic, writer.tracker):
            where = f"{path.name}, sheet “{sheet_name}”"
            try:
                table: FoundTable = find_header(rows, SHEET_FORMATS, where)
            except ImportFileError as exc:
                errors.append(exc)
                continue
            found.append(sheet_name)
            writer.tracker.check(f"Reading sheet {sheet_name}…", force=True)
            sheet_latest = latest_ratings.import_sheet(writer, table)
            if sheet_latest and (latest is None or sheet_latest > latest):
                latest = sheet_latest
        if not found:
            if errors:
                missing = [e for e in errors if "missing" in str(e)]
                raise (missing or errors)[0]
            raise ImportFileError(f"{path.name} has no sheets: there is nothing to import.")
        writer.report.kind = "cqc-latest-ratings (" + ", ".join(found) + ")"
        return "cqc-latest-ratings", edition_from_name(path.name) or latest

    return body


def _run(db: sqlite_utils.Database, report: ImportReport, tracker: Tracker, body: Body) -> None:
    """Run `body` in one transaction and record the import; roll back on any exception."""
    # A bigger page cache keeps the ratings index in memory while hundreds of thousands of
    # rows go in (the default 2 MB makes SQLite write and re-read index pages).
    db.conn.execute("PRAGMA cache_size = -65536")
    with transaction(db) as conn:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        cur = conn.execute(
            "INSERT INTO imports (source, file_name, sha256, imported_at) VALUES (?, ?, ?, ?)",
            ["pending", report.file_name, report.sha256, now],
        )
        writer = Writer(db, report, tracker)
        writer.import_id = int(cur.lastrowid or 0)
        report.import_id = writer.import_id
        kind, edition = body(writer)
        writer.flush()
        report.edition_date = edition
        if report.rows_read == 0:
            raise ImportFileError(
                f"{report.file_name} has a header but no data rows: there is nothing to import."
            )
        conn.execute(
            "UPDATE imports SET source = ?, edition_date = ?, rows_read = ?, providers_added = ?,"
            " locations_added = ?, ratings_added = ?, ratings_flagged = ?, notes = ? "
            "WHERE id = ?",
            [
                SOURCE_OF_KIND.get(kind, kind), edition, report.rows_read,
                report.providers_added, report.locations_added, report.ratings_added,
                report.ratings_flagged, report.notes(), writer.import_id,
            ],
        )
        tracker.check("Saving…", force=True)
    if tracker.progress is not None:
        tracker.progress(tracker.done, tracker.done, "Import finished")
