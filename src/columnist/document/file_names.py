"""A file name for a column that has none yet, made from its title.

Save As on an untitled column suggests `improvement-is-hard-won.md` for the title
"Improvement is hard won", as a writer would name it: lower case, words joined by
hyphens, accents folded, punctuation dropped, not too long, never empty.

>>> file_name_for_title("Improvement is hard won")
'improvement-is-hard-won.md'
>>> file_name_for_title("What re-inspection tells us: St Thomas’ and A&E")
'what-re-inspection-tells-us-st-thomas-and-a-e.md'
>>> file_name_for_title("Café  culture — 2019/20")
'cafe-culture-2019-20.md'
>>> file_name_for_title(None), file_name_for_title("  ?! ")
('untitled.md', 'untitled.md')
"""

from __future__ import annotations

import re
import unicodedata

MAX_STEM = 60  # characters before ".md": long titles are cut at a word boundary
_APOSTROPHES = re.compile(r"[\u2019'`]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def file_name_for_title(title: object, fallback: str = "untitled") -> str:
    """`title` as a Markdown file name (`fallback.md` when it has no letters or digits)."""
    text = title if isinstance(title, str) else ""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = _APOSTROPHES.sub("", folded.lower())
    stem = _NOT_WORD.sub("-", folded).strip("-")
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rsplit("-", 1)[0]
    return f"{stem or fallback}.md"
