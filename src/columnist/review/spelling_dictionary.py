"""The British English dictionary behind the spelling check: Hunspell, loaded once.

The dictionary is LibreOffice's en_GB (from Debian's hunspell-en-gb, LGPL; see
`resources/dictionaries/README.md`), shipped with Columnist so a spelling check works
offline with no system dictionary. It is read by `chunspell` (Hunspell's C++ library,
`import hunspell`), or, where no chunspell wheel exists (Intel macOS, Windows on ARM), by
`spylls`, Hunspell ported to pure Python: same files, same verdicts, slower.

Loading takes 0.1 s (chunspell, in small parts so that typing goes on meanwhile) to 1 s
(spylls), so each backend is loaded once per process and shared (`speller()`). The checks
run on a background thread while the editor may ask for suggestions on the GUI thread, and
the Hunspell object is not safe to share between threads, so every call into it holds the
speller's lock. Verdicts are remembered per word: a column uses the same few thousand words
revision after revision.

    >>> s = speller()
    >>> s.spell("organisation"), s.spell("recieve")
    (True, False)
    >>> s.quick_suggestions("recieve")[0]
    'receive'

Hunspell's own suggestions take 0.2–0.5 s a word, far too slow for a check that must
finish a 5,000-word column in a fraction of that; `quick_suggestions` asks the dictionary
about every word one edit away (a swapped, missing, extra or wrong letter), which finds
the right word for the usual slips in about a millisecond. The context menu, asked about
one word, adds Hunspell's own (`suggest`).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from columnist.resources import resource_path

LANGUAGE = "en_GB"
BACKENDS = ("chunspell", "spylls")
MAX_SUGGESTIONS = 5
# The word list is loaded in this many parts (about 5 ms each; see `_chunspell`).
LOAD_PARTS = 24
_MEMO_LIMIT = 200_000  # words remembered per speller before the memo starts again
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VOWELS = frozenset("aeiouy")


class SpellingUnavailable(RuntimeError):
    """Neither chunspell nor spylls can be imported (a broken install)."""


def dictionary_dir() -> Path:
    """The folder with `en_GB.aff` and `en_GB.dic` (in a checkout, a wheel or the bundle)."""
    return resource_path("dictionaries")


def dictionary_parts(dic: bytes, parts: int) -> list[bytes]:
    """The word list `dic` (a Hunspell .dic: a count line, then one entry a line) as
    `parts` smaller .dic files, each with its own count line, split at line ends.

    >>> dictionary_parts("3\\nab\\ncd/S\\nef\\n".encode(), 2)
    [b'2\\nab\\ncd/S\\n', b'1\\nef\\n']
    """
    body = dic[dic.index(b"\n") + 1 :]
    out: list[bytes] = []
    start = 0
    for n in range(1, parts + 1):
        cut = len(body) if n == parts else body.find(b"\n", len(body) * n // parts) + 1
        if cut <= start:
            continue
        chunk = body[start:cut]
        out.append(b"%d\n" % chunk.count(b"\n") + chunk)
        start = cut
    return out


def _chunspell(folder: Path) -> tuple[Callable[[str], bool], Callable[[str], Iterable[str]]]:
    """Hunspell on the dictionary in `folder`, loaded a part at a time.

    Hunspell reads a dictionary without letting go of the interpreter: the whole en_GB
    word list in one call is 0.1 s in which no other thread runs, so typing would stall
    while the first check loads it. Loaded as `LOAD_PARTS` word lists (the first with
    the affix file, the rest by `add_dic`, which shares it), each call is a few
    milliseconds and the GUI thread runs between them; the verdicts and suggestions are
    the same (tests/review/test_spelling_dictionary.py compares every word).
    """
    import shutil
    import tempfile

    import hunspell

    parts = dictionary_parts((folder / f"{LANGUAGE}.dic").read_bytes(), LOAD_PARTS)
    with tempfile.TemporaryDirectory(prefix="columnist-dictionary-") as tmp:
        here = Path(tmp)
        shutil.copyfile(folder / f"{LANGUAGE}.aff", here / f"{LANGUAGE}.aff")
        names = [f"{LANGUAGE}.dic"] + [f"part-{n}.dic" for n in range(1, len(parts))]
        for name, part in zip(names, parts, strict=True):
            (here / name).write_bytes(part)
        checker = hunspell.Hunspell(LANGUAGE, hunspell_data_dir=tmp)
        for name in names[1:]:
            checker.add_dic(str(here / name))
    return checker.spell, checker.suggest


def _spylls(folder: Path) -> tuple[Callable[[str], bool], Callable[[str], Iterable[str]]]:
    from spylls.hunspell import Dictionary

    dictionary = Dictionary.from_files(str(folder / LANGUAGE))
    return dictionary.lookup, dictionary.suggest


_LOADERS = {"chunspell": _chunspell, "spylls": _spylls}


class Speller:
    """One loaded dictionary: `spell`, `suggest` and `quick_suggestions`, thread-safe."""

    def __init__(self, backend: str, folder: Path | None = None) -> None:
        self.backend = backend
        self._spell, self._suggest = _LOADERS[backend](folder or dictionary_dir())
        self._lock = threading.Lock()
        self._verdicts: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}
        self._quick: dict[str, tuple[str, ...]] = {}

    def spell(self, word: str) -> bool:
        """True when the dictionary has `word` (remembered)."""
        verdict = self._verdicts.get(word)
        if verdict is None:
            with self._lock:
                verdict = bool(self._spell(word))
            if len(self._verdicts) >= _MEMO_LIMIT:
                self._verdicts.clear()
            self._verdicts[word] = verdict
        return verdict

    def suggest(self, word: str) -> tuple[str, ...]:
        """Hunspell's own suggestions for `word`, best first, at most `MAX_SUGGESTIONS`
        (slow the first time: 0.2–0.5 s; remembered)."""
        found = self._suggestions.get(word)
        if found is None:
            with self._lock:
                found = tuple(itertools.islice(self._suggest(word), MAX_SUGGESTIONS))
            self._suggestions[word] = found
        return found

    def known_suggestions(self, word: str) -> tuple[str, ...]:
        """Hunspell's suggestions if they were asked for already, else ()."""
        return self._suggestions.get(word, ())

    def quick_suggestions(self, word: str) -> tuple[str, ...]:
        """Dictionary words one edit from `word`, likeliest slip first: a swapped pair or a
        doubled/undoubled letter, then a vowel for a vowel, then any other edit.

        >>> speller().quick_suggestions("accomodation")[0]
        'accommodation'
        """
        found = self._quick.get(word)
        if found is None:
            if len(self._quick) >= _MEMO_LIMIT:
                self._quick.clear()
            found = self._quick[word] = self._edits(word)
        return found

    def _edits(self, word: str) -> tuple[str, ...]:
        scored: dict[str, int] = {}
        lower = word.lower()
        for candidate, score in _one_edit(lower):
            if candidate != lower and score < scored.get(candidate, 9):
                scored[candidate] = score
        ranked = sorted(scored, key=lambda c: (scored[c], c))
        out: list[str] = []
        with self._lock:
            for candidate in ranked:
                cased = _cased_like(candidate, word)
                if self._spell(cased) and cased not in out:
                    out.append(cased)
                    if len(out) == MAX_SUGGESTIONS:
                        break
        return tuple(out)


def _one_edit(word: str) -> Iterable[tuple[str, int]]:
    """(candidate, score) for each word one edit from `word`; 0 is the likeliest slip."""
    n = len(word)
    for i in range(n - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :], 0  # swapped pair
    for i in range(n):
        doubled = (i > 0 and word[i - 1] == word[i]) or (i + 1 < n and word[i + 1] == word[i])
        yield word[:i] + word[i + 1 :], 0 if doubled else 2  # a letter too many
        yield word[:i] + word[i] + word[i:], 0  # a letter doubled
        for letter in _LETTERS:
            if letter != word[i]:
                vowels = word[i] in _VOWELS and letter in _VOWELS
                yield word[:i] + letter + word[i + 1 :], 1 if vowels else 2
    for i in range(n + 1):
        for letter in _LETTERS:
            yield word[:i] + letter + word[i:], 2  # a letter missing


def _cased_like(candidate: str, original: str) -> str:
    if original[:1].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate


_spellers: dict[str, Speller] = {}
_load_lock = threading.Lock()


def available_backends() -> list[str]:
    """The backends that can be imported here, preferred first."""
    import importlib.util

    modules = {"chunspell": "hunspell", "spylls": "spylls"}
    return [name for name in BACKENDS if importlib.util.find_spec(modules[name]) is not None]


def speller(backend: str | None = None) -> Speller:
    """The process's speller for `backend` ("chunspell", "spylls"; None: the first that
    can be imported), loaded on first use."""
    with _load_lock:
        if backend is None:
            choices = available_backends()
            if not choices:
                raise SpellingUnavailable(
                    "No spelling library: install Columnist again (it needs chunspell, or "
                    "spylls where chunspell has no wheel).")
            backend = choices[0]
        found = _spellers.get(backend)
        if found is None:
            found = _spellers[backend] = Speller(backend)
        return found
