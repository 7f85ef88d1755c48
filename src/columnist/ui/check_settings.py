"""What the user chose for the checks, read from the settings in one place: which checks
run (`checks/<key>`) and each check's options (`checks/<key>/<name>`), as the
`CheckContext` the review services take. The live checks, the Problems panel, the review
panel and the export all ask here, so a check switched off in Preferences or View ▸ Checks
is off everywhere in the window.
"""

from __future__ import annotations

from pathlib import Path

from columnist.review.checks import CHECKS, CheckContext
from columnist.settings import Settings


def enabled_checks(settings: Settings) -> frozenset[str]:
    """The keys of the checks switched on."""
    return frozenset(c.key for c in CHECKS if settings.get(f"checks/{c.key}"))


def check_context(settings: Settings, cache_path: Path | None) -> CheckContext:
    """The context the checks run in: the cache's file and every check's stored options,
    keyed `"<check>/<name>"` (`Check.option` reads them), so two checks may share a name.
    """
    options = {f"{c.key}/{o.name}": settings.get(f"checks/{c.key}/{o.name}")
               for c in CHECKS for o in c.options}
    return CheckContext(cache_path=cache_path, options=options)
