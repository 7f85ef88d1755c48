"""The CQC API key: environment first, then the keyring; stored only in the keyring.

The real system keyring is never touched: each test installs an in-memory backend or
keyring's own "fail" backend (a machine with no keyring) with `keyring.set_keyring`.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from columnist.cli import main
from columnist.ratings.api_key import (
    KEYRING_SERVICE,
    KEYRING_USERNAME,
    keyring_key,
    resolve_api_key,
    store_api_key,
)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in this process only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("CQC_API_KEY", raising=False)
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


@pytest.fixture
def memory() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


def test_a_stored_key_is_in_the_keyring_under_columnist(memory: MemoryKeyring) -> None:
    assert resolve_api_key() is None
    assert store_api_key("secret-key") is None  # stored: nothing to explain
    assert memory.passwords == {(KEYRING_SERVICE, KEYRING_USERNAME): "secret-key"}
    assert (KEYRING_SERVICE, KEYRING_USERNAME) == ("columnist", "cqc-api-key")
    assert keyring_key() == resolve_api_key() == "secret-key"


def test_the_environment_wins_over_the_keyring(memory: MemoryKeyring,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    memory.set_password(KEYRING_SERVICE, KEYRING_USERNAME, " from-keyring ")
    assert resolve_api_key() == "from-keyring"
    monkeypatch.setenv("CQC_API_KEY", "from-env")
    assert resolve_api_key() == "from-env"


def test_without_a_keyring_reading_finds_nothing_and_storing_says_why() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert keyring_key() is None and resolve_api_key() is None
    assert store_api_key("secret-key") == "NoKeyringError"


def test_the_cli_uses_the_keyrings_key_and_says_how_to_give_one(
        memory: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ratings", "sync", "--api-url", "ftp://nowhere"]) == 2
    err = capsys.readouterr().err
    assert "CQC_API_KEY" in err and "keyring set columnist cqc-api-key" in err
    store_api_key("secret-key")
    # With the key found, the command goes on to check the URL it was given.
    assert main(["ratings", "sync", "--api-url", "ftp://nowhere"]) == 2
    err = capsys.readouterr().err
    assert "is not an http(s) URL" in err and "secret-key" not in err
