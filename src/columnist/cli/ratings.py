"""`columnist ratings …`: the rating cache from the command line, over the GUI's services.

    columnist ratings info                       counts, sources, how current, attribution
    columnist ratings search QUERY [--limit N]   type-ahead search, as in the trust picker
    columnist ratings show ID                    current rating per key question, history
    columnist ratings changes --since DATE|last-import [--until DATE] [--trusts-only]
                              [--region R] [--kind K] [--markdown [--style list|sentence]]
    columnist ratings import FILE…               CQC Latest ratings, CQC directory, ODS etr
    columnist ratings sync [--api-url URL] [--full] [--all]

Every command honours the global `--data-dir` and has `--json`. Progress goes to stderr so
stdout stays clean for pipes; Ctrl+C cancels an import or a sync cleanly (nothing half
written; a sync resumes next time).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

NAME = "ratings"


def register(subparsers: Any, parent: argparse.ArgumentParser) -> None:
    """Add `ratings` and its subcommands to the `columnist` parser."""
    p = subparsers.add_parser(
        NAME, parents=[parent], help="the local CQC rating cache: info, search, show, "
        "changes, import, sync",
        description="Look up, refresh and summarise the local cache of CQC ratings.",
    )
    p.set_defaults(func=run, ratings_command=None)
    sub = p.add_subparsers(dest="ratings_command", metavar="SUBCOMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        q = sub.add_parser(name, parents=[parent], help=help_text, description=help_text)
        q.add_argument("--json", action="store_true", help="machine-readable output")
        return q

    add("info", "what the cache holds, where it came from and how current it is")
    q = add("search", "find trusts, hospitals and other providers by name, town or code")
    q.add_argument("query", nargs="+", metavar="QUERY")
    q.add_argument("--limit", type=int, default=10, metavar="N", help="at most N results")
    q = add("show", "current rating per key question, with dates, and the rating history")
    q.add_argument("id", metavar="ID", help="CQC provider/location ID or ODS code (RA7)")
    q = add("changes", "ratings published between two dates: improved, declined, kept, first")
    q.add_argument("--since", required=True, metavar="DATE",
                   help="YYYY-MM-DD or YYYY-MM (exclusive), or 'last-import'")
    q.add_argument("--until", metavar="DATE", help="YYYY-MM-DD or YYYY-MM (inclusive)")
    q.add_argument("--locations", action="store_true",
                   help="changes for locations (hospitals, homes) instead of providers")
    q.add_argument("--trusts-only", "--nhs-only", action="store_true", dest="nhs_only",
                   help="only NHS trusts (leave out independent and other providers)")
    q.add_argument("--region", metavar="REGION",
                   help="only providers the cache places in REGION (NHS England's regions "
                   "from the ODS trust list: London, Midlands, …)")
    q.add_argument("--kind", action="append", default=[], metavar="KIND",
                   help="only these kinds (repeat or comma-separate): improved, "
                   "kept-outstanding, declined, first, kept-other, changed, kept")
    q.add_argument("--markdown", action="store_true",
                   help="print Markdown for the column: linked names with their change")
    q.add_argument("--style", choices=("list", "sentence"),
                   help="with --markdown: a list (the default) or a sentence in the "
                   "column's style")
    q = add("import", "import CQC / NHS files into the cache (each file all or nothing)")
    q.add_argument("files", nargs="+", metavar="FILE")
    q = add("sync", "refresh from CQC's API (key: CQC_API_KEY or the system keyring)")
    q.add_argument("--api-url", metavar="URL", help="API base URL (default: the setting "
                   "ratings/api_url, else CQC's public API)")
    q.add_argument("--full", action="store_true",
                   help="list every provider again instead of asking what changed")
    q.add_argument("--all", action="store_true", dest="all_providers",
                   help="keep every provider, not only NHS trusts and independent hospitals")
    q.add_argument("--timeout", type=float, default=30.0, help=argparse.SUPPRESS)
    q.add_argument("--retries", type=int, default=4, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Dispatch `columnist ratings SUBCOMMAND`."""
    command = getattr(args, "ratings_command", None)
    if not command:
        print("columnist ratings: name a subcommand: info, search, show, changes, import, "
              "sync (see `columnist ratings --help`)", file=sys.stderr)
        return 2
    handler = {
        "info": _info,
        "search": _search,
        "show": _show,
        "changes": _changes,
        "import": _import,
        "sync": _sync,
    }[command]
    import sqlite3

    from columnist.ratings.cache import CacheBusyError

    try:
        return handler(args)
    except CacheBusyError as exc:
        _err(f"{exc}. Nothing was changed.")
        return 1
    except sqlite3.OperationalError as exc:
        # e.g. "database is locked" while the app imports into the same cache: a sentence
        # that says what to do, not a traceback (imports are transactions: nothing changed).
        _err(f"the rating cache could not be used ({exc}); if Columnist is importing or "
             "refreshing ratings, try again when it has finished. Nothing was changed.")
        return 1


# ------------------------------------------------------------------ plumbing


def _err(message: str) -> None:
    print(f"columnist ratings: {message}", file=sys.stderr)


def _emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def _open():
    """Open (creating from the bundled seed if needed) the cache; tell the user any notice."""
    from columnist.ratings.cache import open_cache

    handle = open_cache()
    if handle.notice:
        _err(handle.notice)
    return handle.db, handle.path


def _progress_printer(quiet: bool = False):
    """A progress callback writing one updating line to stderr (only on a terminal)."""
    tty = sys.stderr.isatty()
    state = {"last": ""}

    def progress(done: int, total: int | None, message: str) -> None:
        if quiet:
            return
        pct = f"{100 * done // total:3d}% " if total else ""
        line = f"{pct}{message}"[:100]
        if tty:
            sys.stderr.write("\r" + line.ljust(len(state["last"])))
            sys.stderr.flush()
        elif message != state["last"] and (total is None or done in (0, total)):
            sys.stderr.write(line + "\n")
        state["last"] = line

    def finish() -> None:
        if tty and state["last"]:
            sys.stderr.write("\r" + " " * len(state["last"]) + "\r")
            sys.stderr.flush()

    progress.finish = finish  # type: ignore[attr-defined]
    return progress


def _in_worker(work, cancel) -> Any:
    """Run `work()` in a thread; Ctrl+C sets `cancel` and waits for it to stop cleanly."""
    import threading

    box: dict[str, Any] = {}
    # Wait on an Event, not Thread.join: a Ctrl+C that interrupts join() can leave the
    # thread looking finished while it still runs.
    done = threading.Event()

    def target() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:
            box["error"] = exc
        finally:
            done.set()

    thread = threading.Thread(target=target, name="columnist-ratings", daemon=True)
    thread.start()
    interrupted = False
    while not done.is_set():
        try:
            done.wait(0.1)
        except KeyboardInterrupt:
            if interrupted:
                raise
            interrupted = True
            cancel.set()
            _err("cancelling… (press Ctrl+C again to quit at once)")
    if "error" in box:
        raise box["error"]
    return box.get("result")


def _setting(name: str, default: Any) -> Any:
    """A declared setting, or `default` when settings cannot be read."""
    try:
        from columnist.settings import Settings

        return Settings().get(name)
    except Exception:
        return default


def _fmt_int(n: int | None) -> str:
    return f"{n or 0:,}"


def currency_line(db: Any) -> str:
    """'CQC ratings as published up to March 2019 (over 7 years old)': how current they are."""
    from columnist.ratings import provenance

    label = provenance.as_of_label(db)
    phrase = provenance.age_phrase(provenance.age_warning(db))
    if phrase and phrase.startswith("over "):
        return f"{label} ({phrase})"
    return label


# ------------------------------------------------------------------ commands


def _info(args: argparse.Namespace) -> int:
    from columnist.ratings.info import cache_info

    db, path = _open()
    info = cache_info(db)
    if args.json:
        _emit_json({"path": str(path), **info.as_dict()})
        return 0
    print(f"Rating cache: {path}")
    print(info.as_of_label)
    print(
        f"Providers: {_fmt_int(info.providers)} ({_fmt_int(info.nhs_trusts)} NHS trusts, "
        f"{_fmt_int(info.open_nhs_trusts)} open) · Locations: {_fmt_int(info.locations)} · "
        f"Ratings: {_fmt_int(info.ratings)}"
        + (f" ({_fmt_int(info.flagged_ratings)} flagged)" if info.flagged_ratings else "")
    )
    print("Sources:")
    if not info.sources:
        print("  (none yet)")
    for s in info.sources:
        print(
            f"  {s.source:<22} edition {s.edition_date or '?':<10}  imported "
            f"{(s.imported_at or '?')[:10]}  {s.file_name or ''}"
        )
    print(f"Last API sync: {info.last_api_sync or 'never'}")
    if info.age_warning:
        print(f"Warning: {info.age_warning}")
    print(info.attribution)
    return 0


def _search(args: argparse.Namespace) -> int:
    from columnist.ratings.search import index_exists, rebuild_index, search

    if args.limit < 1:
        _err("--limit must be at least 1")
        return 2
    db, _ = _open()
    if not index_exists(db) and db["providers"].count:
        rebuild_index(db)
    query = " ".join(args.query)
    hits = search(db, query, args.limit)
    if args.json:
        from columnist.ratings import provenance

        as_of = provenance.as_of(db)
        _emit_json([{**h.as_dict(), "as_of": as_of} for h in hits])
        return 0
    if not hits:
        _err(f"nothing matches {query!r}; try fewer letters, a town or an ODS code")
        return 1
    width = max(len(h.id) for h in hits)
    for h in hits:
        rating = h.rating or "not rated"
        date = f" ({h.rating_date})" if h.rating_date else ""
        closed = " [closed]" if (h.status or "open") != "open" else ""
        print(f"{h.id:<{width}}  {h.name}{closed}")
        print(f"{'':<{width}}  {h.category} · {h.town or '—'} · {rating}{date}")
    from columnist.ratings.provenance import ATTRIBUTION

    print()
    print(currency_line(db))
    print(ATTRIBUTION)
    return 0


def _show(args: argparse.Namespace) -> int:
    from columnist.ratings import provenance
    from columnist.ratings.info import subject_detail

    db, _ = _open()
    detail = subject_detail(db, args.id)
    if detail is None:
        _err(f"no provider or location with ID {args.id!r} in the cache; "
             f"try `columnist ratings search {args.id}`")
        return 1
    if args.json:
        _emit_json({**detail.as_dict(), "as_of": provenance.as_of(db),
                    "attribution": provenance.ATTRIBUTION})
        return 0
    print(f"{detail.name}  ({detail.kind} {detail.id})")
    kind = "NHS trust" if detail.is_nhs_trust else (detail.type or detail.kind)
    place = ", ".join(x for x in (detail.town, detail.postcode) if x)
    print(f"{kind} · {place or 'no address'} · {detail.status or 'open'}")
    if detail.also_known_as:
        print(f"Also known as: {detail.also_known_as}")
    if detail.provider_name or detail.provider_id:
        print(f"Provider: {detail.provider_name or ''} ({detail.provider_id})")
    if detail.location_count:
        print(f"Locations in the cache: {detail.location_count}")
    print(detail.url)
    print()
    if not detail.current:
        print("No rating in the cache.")
    else:
        print("Current ratings:")
        for c in detail.current:
            flag = "  (word not recognised)" if c["flagged"] else ""
            inherited = "  (inherited)" if c["inherited"] else ""
            print(f"  {c['key_question']:<11} {c['rating']:<22} {c['published']}{flag}"
                  f"{inherited}")
    if detail.services:
        print("Services (overall):")
        for s in detail.services:
            print(f"  {s['service'][:48]:<48} {s['rating']:<22} {s['published']}")
    dates: dict[str, list[dict]] = {}
    for h in detail.history:
        dates.setdefault(h["published"], []).append(h)
    if len(dates) > 1 or detail.current:
        print("History:")
        for published, items in dates.items():
            parts = ", ".join(f"{h['key_question']} {h['rating']}" for h in items)
            print(f"  {published}  {parts}")
    print()
    print(currency_line(db))
    print(provenance.ATTRIBUTION)
    return 0


def _parse_day(text: str, end: bool) -> str:
    """'2019-03-05' → itself; '2019-03' → last day of Feb (since) / of March (until)."""
    import datetime as dt

    text = text.strip()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        month = dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise ValueError(f"{text!r} is not a date: use YYYY-MM-DD or YYYY-MM") from None
    if not end:
        return (month - dt.timedelta(days=1)).isoformat()
    nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return (nxt - dt.timedelta(days=1)).isoformat()


def _changes(args: argparse.Namespace) -> int:
    from columnist.ratings import changes_text, provenance
    from columnist.ratings.changes import (
        KINDS,
        known_regions,
        latest_published,
        rating_changes,
        since_last_import,
    )

    subject = "location" if args.locations else "provider"
    markdown = args.markdown or args.style is not None
    if markdown and args.json:
        _err("choose one of --json and --markdown")
        return 2
    try:
        groups = changes_text.parse_kinds(args.kind) if args.kind else None
    except ValueError as exc:
        _err(f"--kind: {exc}")
        return 2
    db, _ = _open()
    imp = None
    if args.since.strip().lower() in ("last-import", "last_import", "last"):
        if args.until:
            _err("--until cannot be used with --since last-import")
            return 2
        imp, changes = since_last_import(db, subject)
        if imp is None:
            _err("no import has been made yet: nothing to compare")
            return 1
        since, until = None, None
    else:
        try:
            since = _parse_day(args.since, end=False)
            until = _parse_day(args.until, end=True) if args.until else None
        except ValueError as exc:
            _err(str(exc))
            return 2
        if until and until <= since:
            _err(f"--until ({until}) must be after --since ({since})")
            return 2
        changes = rating_changes(db, since, until, subject)
    region = None
    if args.region is not None:
        regions = known_regions(db, subject)
        region = next((r for r in regions if r.casefold() == args.region.strip().casefold()),
                      None)
        if region is None:
            known = ", ".join(regions) if regions else "none (import NHS England's trust list)"
            _err(f"--region: the cache places no {subject} in a region called "
                 f"{args.region!r}; the regions it records are: {known}")
            return 2
    changes = changes_text.select(
        changes, trusts_only=subject == "provider" and args.nhs_only, region=region,
        groups=groups)
    if markdown:
        if args.style == "sentence":
            end = until or latest_published(db, subject)
            period = changes_text.period_phrase(since, end if since else None)
            text = changes_text.markdown_sentence(changes, period)
        else:
            text = changes_text.markdown_list(changes)
        if text:
            print(text)
        else:
            _err("no rating changes match; nothing to write")
        # stdout is the Markdown alone (to paste or append); how current, on stderr.
        print(f"{provenance.as_of_label(db)}. {provenance.ATTRIBUTION}", file=sys.stderr)
        return 0
    if args.json:
        _emit_json({
            "since": since, "until": until, "subject_type": subject,
            "import": imp, "as_of": provenance.as_of(db),
            "region": region, "kinds": list(groups) if groups else None,
            "counts": {k: sum(1 for c in changes if c.kind == k) for k in KINDS},
            "changes": [{**c.as_dict(), "group": changes_text.group_of(c)} for c in changes],
        })
        return 0
    if imp is not None:
        print(f"Rating changes brought by the last import ({imp['source']}, "
              f"{imp['file_name']}, edition {imp['edition_date']}):")
    else:
        print(f"Ratings published after {since}" + (f" up to {until}" if until else "") + ":")
    if not changes:
        print("  none")
    groups: dict[str, list] = {}
    for c in changes:
        groups.setdefault(c.kind or "key questions only", []).append(c)
    for kind in [*KINDS, "key questions only"]:
        items = groups.get(kind)
        if not items:
            continue
        print(f"\n{kind.capitalize()} ({len(items)})")
        for c in items:
            head = c.overall.summary if c.overall else "key questions re-rated"
            when = c.overall.published if c.overall else c.published
            was = f"; was {c.overall.previous_published}" if (
                c.overall and c.overall.previous_published) else ""
            print(f"  {c.subject_id:<6} {c.name or '(name not in cache)'}: {head} "
                  f"({when}{was})")
            # Key questions that moved (a kept one is implied by the overall line).
            details = [f"{q.key_question} {q.summary}" for k, q in c.questions.items()
                       if k != "Overall" and q.kind != "kept"]
            if details:
                print("         " + "; ".join(details))
    print()
    print(provenance.as_of_label(db))
    return 0


def _import(args: argparse.Namespace) -> int:
    import threading
    from pathlib import Path

    from columnist.ratings.importers import ImportCancelled, ImportFileError, import_file

    db, path = _open()
    db.conn.close()  # the import runs in a worker thread with its own connection
    cancel = threading.Event()
    progress = _progress_printer(quiet=args.json)
    results: list[dict] = []
    status = 0
    for name in args.files:
        file = Path(name)
        if not file.is_file():
            _err(f"{name}: no such file")
            results.append({"file": name, "error": "no such file"})
            status = 1
            continue

        def work(file: Path = file):
            from columnist.ratings.cache import connect

            worker_db = connect(path)
            try:
                return import_file(worker_db, file, progress=progress, cancel=cancel)
            finally:
                worker_db.conn.close()

        try:
            report = _in_worker(work, cancel)
        except ImportFileError as exc:
            progress.finish()
            _err(f"{name}: {exc}")
            results.append({"file": name, "error": str(exc)})
            status = 1
            continue
        except ImportCancelled:
            progress.finish()
            _err(f"{name}: import cancelled; the cache is unchanged")
            return 130
        progress.finish()
        results.append({"file": name, **report.as_dict()})
        if not args.json:
            print(f"{name}: {report.summary()}")
    if args.json:
        _emit_json(results)
    return status


def _sync(args: argparse.Namespace) -> int:
    import threading

    from columnist.ratings.api_client import CqcApiClient, CqcApiError, api_base_url
    from columnist.ratings.api_key import MISSING_KEY_MESSAGE, resolve_api_key
    from columnist.ratings.api_sync import SyncCancelled, sync

    key = resolve_api_key()
    if not key:
        _err(MISSING_KEY_MESSAGE)
        return 2
    url = api_base_url(args.api_url or str(_setting("ratings/api_url", "") or ""))
    if not url.startswith(("http://", "https://")):
        _err(f"--api-url {url!r} is not an http(s) URL")
        return 2
    scope = "all" if args.all_providers else _setting("ratings/sync_scope", "trusts")
    db, path = _open()
    db.conn.close()
    cancel = threading.Event()
    progress = _progress_printer(quiet=args.json)

    def work():
        from columnist.ratings.cache import connect

        worker_db = connect(path)
        client = CqcApiClient(url, key, timeout=args.timeout, retries=args.retries,
                              cancel=cancel)
        try:
            return sync(worker_db, client, full=args.full, scope=scope,
                        progress=progress, cancel=cancel)
        finally:
            worker_db.conn.close()

    try:
        report = _in_worker(work, cancel)
    except SyncCancelled as exc:
        progress.finish()
        _err(str(exc))
        return 130
    except CqcApiError as exc:
        progress.finish()
        _err(f"sync failed: {exc}")
        return 1
    progress.finish()
    if args.json:
        _emit_json(report.as_dict())
        return 0
    resumed = " (resumed)" if report.resumed else ""
    since = f" since {report.start}" if report.start else ""
    print(f"CQC API {report.mode} sync{since}{resumed}: {report.providers_fetched} providers "
          f"and {report.locations_fetched} locations fetched; {report.providers_added} "
          f"providers, {report.locations_added} locations and {report.ratings_added} ratings "
          f"added" + (f" ({report.ratings_flagged} flagged)" if report.ratings_flagged else "")
          + ".")
    return 0
