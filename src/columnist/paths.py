"""Where Columnist keeps the user's data: journal, history, settings and rating cache.

One directory holds everything so that `--data-dir DIR` (or `COLUMNIST_DATA_DIR`) can move
it all at once: tests and the smoke test use a fresh one, and a user can keep a portable
copy. The default is platformdirs' per-user data directory, never the install folder
(which may be read-only).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "COLUMNIST_DATA_DIR"
_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Use `path` for all user data from now on (None: back to env var / default)."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def data_dir(create: bool = True) -> Path:
    """The data directory: `--data-dir`, else `$COLUMNIST_DATA_DIR`, else the platform default."""
    if _override is not None:
        base = _override
    elif os.environ.get(ENV_VAR):
        base = Path(os.environ[ENV_VAR]).expanduser().resolve()
    else:
        from platformdirs import user_data_dir

        base = Path(user_data_dir("Columnist", appauthor=False))
    if create:
        base.mkdir(parents=True, exist_ok=True)
    return base


def _sub(name: str) -> Path:
    path = data_dir() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def journal_dir() -> Path:
    """Unsaved text written by the recovery journal."""
    return _sub("journal")


def history_dir() -> Path:
    """Previous versions kept on each save."""
    return _sub("history")


def settings_file() -> Path:
    """The INI file behind QSettings (kept in the data dir so `--data-dir` isolates it)."""
    return data_dir() / "settings.ini"


def ratings_db_path() -> Path:
    """The local SQLite cache of CQC ratings."""
    return data_dir() / "ratings.db"


def personal_dictionary_file() -> Path:
    """The writer's own spelling words ("Add to dictionary"), one a line, UTF-8."""
    return data_dir(create=False) / "personal-dictionary.txt"
