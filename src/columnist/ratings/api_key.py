"""The CQC API subscription key: where it is read from and where it is kept.

One place for the rule the README promises: the key comes from the `CQC_API_KEY`
environment variable, else the system keyring (service "columnist", user
"cqc-api-key"); when the app is given a key it stores it in the keyring, never in the
settings or a log. A machine without a usable keyring (CI, minimal desktops) is an
ordinary answer, not an error: reading gives None and storing says why it could not,
so the window can use the key for the session only. The window and the CLI both come
here (the API client is handed the key, and never looks for one).
"""

from __future__ import annotations

import os

KEY_ENV = "CQC_API_KEY"
KEYRING_SERVICE = "columnist"
KEYRING_USERNAME = "cqc-api-key"

MISSING_KEY_MESSAGE = (
    "no CQC API key: get one from CQC's developer portal (https://api-portal.service.cqc.org.uk),"
    " then either set the CQC_API_KEY environment variable or store it in the system keyring "
    "with `keyring set columnist cqc-api-key`."
)


def environment_key() -> str | None:
    """The key in `CQC_API_KEY` (surrounding spaces dropped), or None."""
    return os.environ.get(KEY_ENV, "").strip() or None


def keyring_key() -> str | None:
    """The key stored in the system keyring, or None (none stored, or no keyring)."""
    try:
        import keyring

        stored = keyring.get_password(KEYRING_SERVICE, KEYRING_USERNAME)
    except Exception:  # no keyring backend on this machine, or it is locked
        return None
    return stored.strip() if stored else None


def resolve_api_key() -> str | None:
    """`CQC_API_KEY`, else the system keyring; None when neither has a key."""
    return environment_key() or keyring_key()


def store_api_key(key: str) -> str | None:
    """Keep `key` in the system keyring; None when stored, else why it could not be
    (the keyring's error class, e.g. "NoKeyringError": nothing secret in it)."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, KEYRING_USERNAME, key)
    except Exception as exc:  # no backend (CI, minimal desktops), locked, refused
        return exc.__class__.__name__
    return None
