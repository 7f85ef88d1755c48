"""A real-data rating cache for the checker's tests: the bundled seed (CQC ratings as
published up to March 2019, NHS England's trust list), built once per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlite_utils

from columnist.ratings.cache import open_cache


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite_utils.Database]:
    handle = open_cache(tmp_path_factory.mktemp("ratings") / "ratings.db")
    yield handle.db
    handle.close()
