"""The one stretch where two texts differ: what the editor replaces to turn one into the
other as a single small edit, and what suggesting mode records a change made another way
as.

    >>> changed_span("The ward.", "The **ward**.")
    (4, 8, 12)
    >>> changed_span("same", "same")
    (4, 4, 4)
"""

from __future__ import annotations

from collections.abc import Callable


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, end in `old`, end in `new`): `old[:start]` and `old[end_old:]` are shared
    with `new` (the longest common prefix, then the longest common suffix after it).

    Found by halving, comparing slices (C's memcmp), not character by character: a
    300,000-character column takes well under a millisecond, so the GUI thread may ask.

    >>> changed_span("abcXdef", "abcYYdef"), changed_span("aaa", "aaaa")
    ((3, 4, 5), (3, 3, 4))
    """
    limit = min(len(old), len(new))
    start = _shared(limit, lambda n: old[:n] == new[:n])
    room = min(len(old), len(new)) - start
    tail = _shared(room, lambda n: old[len(old) - n:] == new[len(new) - n:])
    return start, len(old) - tail, len(new) - tail


def _shared(limit: int, same: Callable[[int], bool]) -> int:
    """The largest n ≤ `limit` with `same(n)` (which holds up to some n, then fails)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low
