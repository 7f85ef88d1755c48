"""The one stretch where two texts differ: what the editor replaces to turn one into the
other as a single small edit, and what suggesting mode records a change made another way
as.

    >>> changed_span("The ward.", "The **ward**.")
    (4, 8, 12)
    >>> changed_span("same", "same")
    (4, 4, 4)
"""

from __future__ import annotations


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """(start, end in `old`, end in `new`): `old[:start]` and `old[end_old:]` are shared
    with `new` (the longest common prefix, then the longest common suffix after it)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return start, end_old, end_new
