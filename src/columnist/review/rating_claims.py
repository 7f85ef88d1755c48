"""The rating-claim check: what a column says about each trust's CQC rating, against the cache.

For every sentence that names a trust — by a link to its CQC page, by a name written
without a link (`review.trust_names`), or by "It" / "The trust" / "They" right after a
sentence that named one — the words that belong to that trust (`claims`) are compared with
the cache: its current overall or key-question rating (the one lookup,
`ratings.lookup.current_ratings`), the rating before it, and the change between the two
(`ratings.changes.classify`). Each mismatch is a `Finding` at the words that make the claim,
in one sentence a comms officer understands, with a quick fix where one exists:

    error    claim.wrong-rating    "is rated Outstanding" where the cache has Good
    error    claim.wrong-previous  "moved from Inadequate" where it was Requires improvement
    error    claim.wrong-change    "improved" / "declined" / "kept" where the cache says otherwise
    error    claim.wrong-negation  "no longer rated Inadequate" where it still is
    error    claim.wrong-date      "Good since 2016" where it has been Good since 2018
    error    claim.wrong-link      a link whose text names another trust
    warning  claim.unknown-trust   a link to a CQC ID the cache does not have
    warning  claim.closed-trust    a trust NHS England lists as closed (first mention)
    warning  claim.not-rated       a rating claimed for a trust the cache has no rating for
    warning  claim.old-rating      a claimed rating older than the chosen age (once a trust)
    warning  claim.old-data        the cache itself is old for this column (once a column)
    info     claim.unlinked        a trust named without a link (quick fix: link it)
    info     claim.ambiguous-name  words that could name more than one trust
    info     claim.unverifiable    what the data cannot check: special measures, one
                                   service's rating, a change before the cache's history

Several trusts in one sentence each get their own words: the words after a name, up to
the next name (the first name also gets the words before it). "X and Y are both rated
Good": a name followed only by "and" or a comma shares the claim of the plural that comes
after it.

How old is too old: a rating counts as old when it was published more than
`max_age_years` (default 3) before the newest ratings in the cache, or before the column's
date (front matter `date`, else today) when that is earlier. So old bundled data does not
turn every sentence into a warning: the cache's own age is one `claim.old-data` warning
per column, and each trust's warning means its rating was already old when the cache's
data were published. A trust is warned about once per column, not once per sentence.

Usage::

    findings = check_rating_claims(column_text_or_model, db)     # a connection you hold
    findings = check_rating_claims_at(model, cache_path)          # in a worker thread
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from columnist.markdown.column import ColumnModel, parse_column
from columnist.markdown.cqc_urls import page_url
from columnist.markdown.lines import LineIndex
from columnist.markdown.trust_links import TrustLink
from columnist.ratings import provenance
from columnist.ratings.changes import DECLINED as CHANGE_DECLINED
from columnist.ratings.changes import IMPROVED as CHANGE_IMPROVED
from columnist.ratings.changes import KEPT as CHANGE_KEPT
from columnist.ratings.changes import classify
from columnist.ratings.connection import CacheDb
from columnist.ratings.lookup import CurrentRating, current_ratings
from columnist.ratings.schema import OVERALL_SERVICE
from columnist.review import claims as c
from columnist.review.checks import DEFAULT_MAX_AGE_YEARS
from columnist.review.findings import Finding, Fix, Severity, sort_findings
from columnist.review.sentences import Sentence, split_sentences
from columnist.review.trust_names import NameMatch, TrustNames

# "It …", "The trust …", "They …" opening the sentence, or after a short opening phrase
# ("As a result, it is now rated Good").
_PRONOUN = re.compile(
    r"^\s*[\"“‘']?(?:[A-Z][\w ’']{0,30},\s+)?"
    r"(?:(?P<one>[Ii]t|[Ii]ts|[Ii]t's|[Ii]t’s|[Tt]he trust|The Trust|[Tt]his trust|This Trust)"
    r"|(?P<many>[Tt]hey|[Tt]heir|[Bb]oth|[Bb]oth trusts|[Tt]he two trusts|[Tt]hese trusts|Each))"
    r"\b"
)
_CONJUNCTION = re.compile(r"^[\s,;&]*(?:(?:and|or|as well as|both|the|together with)[\s,&]*)*$",
                          re.I)
_PLURAL = re.compile(r"^[\s,—–-]*(?:are|were|have|had|both|all|each|now|remain|kept|keep|"
                     r"maintained|maintain|retained|retain|improved|improve|"
                     r"declined|moved|went)\b", re.I)
_CHANGE_WORDS = {CHANGE_IMPROVED: c.IMPROVED, CHANGE_DECLINED: c.DECLINED, CHANGE_KEPT: c.KEPT}


@dataclass
class _Mention:
    """A trust named in a sentence: by a link, by its name, or by a pronoun."""

    kind: str  # provider | location
    ids: tuple[str, ...]  # one, or the candidates of an ambiguous name
    start: int
    end: int
    link: TrustLink | None = None
    name: NameMatch | None = None
    pronoun: bool = False
    checkable: bool = True  # False: the claims cannot be tied to one known subject

    @property
    def id(self) -> str:
        return self.ids[0]


@dataclass
class _Subject:
    """What the cache has for one provider or location."""

    current: CurrentRating | None
    history: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # kq -> (date, word)
    closed: str | None = None

    def rated(self, key_question: str) -> tuple[str, str] | None:
        """(date, word) of the current rating for a key question (Overall: the lookup's)."""
        if key_question == OVERALL_SERVICE:
            cur = self.current
            if cur is None or cur.rating is None or cur.published is None:
                return None
            return cur.published, cur.rating
        rows = self.history.get(key_question)
        return rows[-1] if rows else None

    def previous(self, key_question: str) -> tuple[str, str] | None:
        """(date, word) of the rating before the current one, if the cache has it."""
        now = self.rated(key_question)
        if now is None:
            return None
        older = [row for row in self.history.get(key_question, ()) if row[0] < now[0]]
        return older[-1] if older else None


def _month(iso: str) -> str:
    return provenance.month_label(iso)


def _reference_date(column: ColumnModel, today: dt.date | None) -> tuple[dt.date, bool]:
    """The date the column is written for (its front matter's `date`, else `today`), and
    whether it came from the front matter."""
    value = column.front_matter.values.get("date")
    if isinstance(value, dt.datetime):
        return value.date(), True
    if isinstance(value, dt.date):
        return value, True
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]), True
        except ValueError:
            pass
    return today or dt.date.today(), False


def _as_written(word: str, written: str) -> str:
    """The cache's rating word in the case the writer used ("requires improvement")."""
    if written.islower():
        return word.lower()
    if written.isupper() and len(written) > 1:
        return word.upper()
    return word


class _Check:
    def __init__(self, column: ColumnModel, db: CacheDb, max_age_years: float,
                 today: dt.date | None) -> None:
        self.column = column
        self.text = column.text
        self.db = db
        self.index = LineIndex(self.text)
        self.names = TrustNames.from_cache(db)
        self.max_age_years = max_age_years
        self.reference, self.dated_column = _reference_date(column, today)
        as_of = provenance.as_of(db)
        self.as_of = dt.date.fromisoformat(as_of) if as_of else None
        self.findings: list[Finding] = []
        self.subjects: dict[tuple[str, str], _Subject] = {}
        self.warned_old: set[tuple[str, str]] = set()
        self.warned_closed: set[tuple[str, str]] = set()
        self.first_claim: tuple[int, int] | None = None
        self.fixable: set[int] = set()  # ids of the claims that may be corrected in place
        self._has_locations: bool | None = None

    # ----------------------------------------------------------------- plumbing

    def add(self, start: int, end: int, severity: Severity, code: str, message: str,
            fixes: Iterable[Fix] = ()) -> None:
        self.findings.append(Finding.at(self.index, start, end, severity, code, message,
                                        tuple(fixes)))

    def fix(self, start: int, end: int, text: str, label: str) -> Fix:
        return Fix.replace(self.index, start, end, text, label)

    def name(self, mention: _Mention) -> str:
        subject = self.subjects.get((mention.kind, mention.id))
        if subject is not None and subject.current is not None and subject.current.name:
            return subject.current.name
        if mention.link is not None and mention.link.label.strip():
            return mention.link.label.strip()
        return self.names.name_of(mention.id) or mention.id

    def has_locations(self) -> bool:
        if self._has_locations is None:
            self._has_locations = self.db.conn.execute(
                "SELECT 1 FROM locations LIMIT 1").fetchone() is not None
        return self._has_locations

    # ----------------------------------------------------------------- the run

    def run(self) -> list[Finding]:
        sentences = split_sentences(self.column)
        mentions = self._mentions(sentences)
        self._load(m for found in mentions for m in found)
        self._check_links(mentions)
        self._check_unlinked(mentions)
        previous: list[_Mention] = []  # the trusts of the sentence before
        for sentence, found in zip(sentences, mentions, strict=True):
            if not found and previous and not sentence.heading:
                found = self._pronoun(sentence, previous)
            if found:
                self._check_sentence(sentence, found)
            previous = found
        self._old_data()
        return sort_findings(self.findings)

    def _mentions(self, sentences: list[Sentence]) -> list[list[_Mention]]:
        """The trusts each sentence names, by link or by name, in order."""
        links = sorted(self.column.trust_links, key=lambda link: link.start)
        starts = [s.start for s in sentences]
        by_sentence: list[list[_Mention]] = [[] for _ in sentences]
        for link in links:
            at = bisect.bisect_right(starts, link.start + 1) - 1
            if at < 0 or sentences[at].end <= link.start:
                continue
            label_start = link.start + 1
            by_sentence[at].append(_Mention(link.kind, (link.id,), label_start,
                                            label_start + len(link.label), link=link))
        for number, sentence in enumerate(sentences):
            taken = [(m.link.start, m.link.end) for m in by_sentence[number] if m.link]
            for match in self.names.find(sentence.text):
                start, end = sentence.start + match.start, sentence.start + match.end
                if any(s < end and start < e for s, e in taken):
                    continue
                moved = NameMatch(start, end, match.ids, match.form)
                by_sentence[number].append(_Mention("provider", match.ids, start, end,
                                                    name=moved, checkable=not match.ambiguous))
            by_sentence[number].sort(key=lambda m: m.start)
        return by_sentence

    def _load(self, mentions: Iterable[_Mention]) -> None:
        """The cache's current rating, history and closing date of everyone named."""
        wanted: dict[str, set[str]] = {"provider": set(), "location": set()}
        for mention in mentions:
            wanted[mention.kind].update(mention.ids)
        for kind, ids in wanted.items():
            if not ids:
                continue
            current = current_ratings(self.db, kind, ids)
            for ident in ids:
                self.subjects[(kind, ident)] = _Subject(current.get(ident))
            known = [i for i in ids if current.get(i) is not None]
            for start in range(0, len(known), 500):
                chunk = known[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.db.conn.execute(
                    "SELECT subject_id, key_question, published, rating FROM ratings "
                    f"WHERE subject_type = ? AND service = ? AND subject_id IN ({marks}) "
                    "ORDER BY published", (kind, OVERALL_SERVICE, *chunk))
                for ident, question, published, rating in rows:
                    history = self.subjects[(kind, ident)].history
                    history.setdefault(question, []).append((published, rating))
                if kind == "provider":
                    for ident, closed in self.db.conn.execute(
                            f"SELECT id, closed FROM providers WHERE id IN ({marks})", chunk):
                        self.subjects[(kind, ident)].closed = closed

    def _pronoun(self, sentence: Sentence, previous: list[_Mention]) -> list[_Mention]:
        """"It is now rated Good" right after a sentence that named a trust."""
        match = _PRONOUN.match(sentence.text)
        if match is None:
            return []
        chosen = previous[-1:] if match.group("one") else previous
        start = sentence.start + match.start(1 if match.group("one") else 2)
        end = sentence.start + match.end()
        return [_Mention(m.kind, m.ids, start, end, link=m.link, name=m.name, pronoun=True,
                         checkable=m.checkable) for m in chosen]

    # ----------------------------------------------------------------- links and names

    def _check_links(self, mentions: list[list[_Mention]]) -> None:
        warned_sites: set[str] = set()
        for mention in (m for found in mentions for m in found if m.link is not None):
            link = mention.link
            assert link is not None
            subject = self.subjects.get((link.kind, link.id))
            named = self.names.find(link.label)
            if subject is None or subject.current is None:
                mention.checkable = False
                if link.kind == "location" and not self.has_locations():
                    if link.id not in warned_sites:
                        warned_sites.add(link.id)
                        self.add(link.start, link.end, Severity.INFO, "claim.unverifiable",
                                 f"The cache has no hospital sites yet, so the rating of "
                                 f"{link.label.strip() or link.id} cannot be checked; import "
                                 "a CQC Latest ratings file to add them.")
                    continue
                other = [m for m in named if not m.ambiguous]
                if other:
                    self._wrong_link(mention, other[0].ids[0], None)
                    continue
                what = "provider" if link.kind == "provider" else "hospital site"
                self.add(link.start, link.end, Severity.WARNING, "claim.unknown-trust",
                         f"The cache has no {what} with CQC ID {link.id}, so this link cannot "
                         "be checked; check the link.")
                continue
            own = link.id if link.kind == "provider" else subject.current.provider_id
            if named and not any(own in m.ids for m in named):
                clear = [m for m in named if not m.ambiguous]
                if clear:
                    mention.checkable = False
                    self._wrong_link(mention, clear[0].ids[0], subject.current.name)

    def _wrong_link(self, mention: _Mention, named_id: str, linked_name: str | None) -> None:
        link = mention.link
        assert link is not None
        named = self.names.name_of(named_id) or named_id
        fixes = [self.fix(link.start, link.end, f"[{link.label}]({page_url('provider', named_id)})",
                          f"Point the link at {named}")]
        if linked_name:
            fixes.append(self.fix(link.start, link.end, f"[{linked_name}]({link.url})",
                                  f"Change the text to “{linked_name}”"))
            goes = f"{linked_name} ({link.id})"
        else:
            goes = f"CQC ID {link.id}, which the cache does not have"
        self.add(link.start, link.end, Severity.ERROR, "claim.wrong-link",
                 f"The link text names {named}, but the link goes to {goes}.", fixes)

    def _check_unlinked(self, mentions: list[list[_Mention]]) -> None:
        """The first mention of a trust not linked before it gets "link it"; a name that
        could be several trusts says so."""
        linked_at: dict[str, int] = {}
        for mention in (m for found in mentions for m in found if m.link is not None):
            linked_at.setdefault(mention.link.id, mention.start)  # type: ignore[union-attr]
        told: set[str] = set()
        for mention in (m for found in mentions for m in found if m.name is not None):
            written = self.text[mention.start : mention.end]
            if mention.name is not None and mention.name.ambiguous:
                key = "|".join(mention.ids)
                if key in told:
                    continue
                told.add(key)
                choices = [self.names.name_of(i) or i for i in mention.ids]
                self.add(mention.start, mention.end, Severity.INFO, "claim.ambiguous-name",
                         f"“{written}” could be {' or '.join(choices)}; link the one you mean.",
                         [self.fix(mention.start, mention.end,
                                   f"[{written}]({page_url('provider', i)})", f"Link to {name}")
                          for i, name in zip(mention.ids, choices, strict=True)])
                continue
            ident = mention.id
            if ident in told or linked_at.get(ident, len(self.text)) < mention.start:
                continue
            if self._in_other_link(mention):
                continue  # "[Royal Marsden annual report](https://…)": linked, not to CQC
            told.add(ident)
            name = self.name(mention)
            self.add(mention.start, mention.end, Severity.INFO, "claim.unlinked",
                     f"{name} is named without a link; link it to its CQC page so readers "
                     "and the preview get its rating.",
                     [self.fix(mention.start, mention.end,
                               f"[{written}]({page_url('provider', ident)})",
                               f"Link to the CQC page of {name}")])

    def _in_other_link(self, mention: _Mention) -> bool:
        """Whether a name is inside the text of a link to another page (not CQC's)."""
        line_start = self.text.rfind("\n", 0, mention.start) + 1
        line_end = self.text.find("\n", mention.end)
        before = self.text[line_start : mention.start]
        after = self.text[mention.end : line_end if line_end != -1 else len(self.text)]
        opened = before.rfind("[")
        return opened != -1 and "]" not in before[opened:] and bool(
            re.match(r"[^\[\]]*\]\(", after))

    # ----------------------------------------------------------------- claims

    def _check_sentence(self, sentence: Sentence, mentions: list[_Mention]) -> None:
        text = sentence.text
        base = sentence.start
        spans = [(m.start - base, m.end - base) for m in mentions]
        lead = len(text) - len(text.lstrip(c.OPENERS))  # "Good news: …" is no claim
        parts: list[list[c.Claim]] = []
        segments: list[str] = []
        for i in range(len(mentions)):
            seg_end = spans[i + 1][0] if i + 1 < len(mentions) else len(text)
            ranges = [(spans[i][1], seg_end)]
            if i == 0:
                ranges.insert(0, (0, spans[0][0]))
            chars = [" "] * len(text)
            for a, b in ranges:
                if b > a:
                    chars[a:b] = text[a:b]
            segment = "".join(chars)
            segments.append(text[spans[i][1] : seg_end])
            parts.append(c.extract_claims(segment, lead))
        for i, found in enumerate(parts):  # "X and Y are both rated Good"
            if found or not _CONJUNCTION.match(segments[i]):
                continue
            for j in range(i + 1, len(parts)):
                if parts[j]:
                    if _PLURAL.match(segments[j]):
                        parts[i] = parts[j]
                    break
                if not _CONJUNCTION.match(segments[j]):
                    break
        # A claim several trusts share can be corrected in place only if the right word is
        # the same for all of them.
        sharing: dict[int, set[str | None]] = {}
        for mention, found in zip(mentions, parts, strict=True):
            subject = self.subjects.get((mention.kind, mention.id))
            for claim in found:
                rated = subject.rated(claim.key_question) if subject is not None else None
                sharing.setdefault(id(claim), set()).add(rated[1] if rated else None)
        self.fixable = {key for key, words in sharing.items() if len(words) == 1}
        for mention, found in zip(mentions, parts, strict=True):
            self._closed(mention)
            if found and mention.checkable:
                self._check_claims(mention, found, base)

    def _closed(self, mention: _Mention) -> None:
        key = (mention.kind, mention.id)
        subject = self.subjects.get(key)
        if not mention.checkable or subject is None or subject.current is None:
            return
        if subject.current.is_open or key in self.warned_closed:
            return
        self.warned_closed.add(key)
        when = f" in {_month(subject.closed)}" if subject.closed else ""
        self.add(mention.start, mention.end, Severity.WARNING, "claim.closed-trust",
                 f"{self.name(mention)} closed{when} (NHS England's list of trusts), so its "
                 "ratings describe a trust that no longer exists as such.")

    def _check_claims(self, mention: _Mention, found: list[c.Claim], base: int) -> None:
        subject = self.subjects[(mention.kind, mention.id)]
        name = self.name(mention)
        unverifiable_told = False
        change_told = False
        about_current = False

        def unverifiable(claim: c.Claim, message: str) -> None:
            nonlocal unverifiable_told
            if not unverifiable_told:
                unverifiable_told = True
                self.add(base + claim.start, base + claim.end, Severity.INFO,
                         "claim.unverifiable", message)

        for claim in found:
            start, end = base + claim.start, base + claim.end
            question = claim.key_question
            for_kq = "" if question == OVERALL_SERVICE else f" for {question.lower()}"
            now = subject.rated(question)
            before = subject.previous(question)
            if self.first_claim is None and claim.kind != c.UNCHECKABLE:
                self.first_claim = (start, end)
            if claim.kind == c.UNCHECKABLE:
                if claim.rating is not None:
                    unverifiable(claim, f"Columnist checks a trust's overall and key-question "
                                 f"ratings, not the rating of {claim.note}; check it against "
                                 "the inspection report.")
                else:
                    unverifiable(claim, f"CQC's ratings data does not say anything about "
                                 f"{claim.note}, so this cannot be checked here; check it "
                                 "against the inspection report.")
                continue
            if claim.kind in (c.CURRENT, c.NOT, c.NO_LONGER, c.SINCE, c.CHANGE, c.REINSPECTED) \
                    and question == OVERALL_SERVICE:
                about_current = True
            if now is None:
                if claim.rating is not None and claim.kind in (c.CURRENT, c.SINCE):
                    self.add(start, end, Severity.WARNING, "claim.not-rated",
                             f"The cache has no rating{for_kq} for {name}, so "
                             f"“{claim.written}” cannot be checked.")
                continue
            since = _month(now[0])
            if claim.kind in (c.CURRENT, c.SINCE):
                if claim.rating != now[1]:
                    self.add(start, end, Severity.ERROR, "claim.wrong-rating",
                             f"The cache has {name} as {now[1]}{for_kq} since {since}, "
                             f"not {claim.rating}.",
                             [self.fix(start, end, _as_written(now[1], claim.written),
                                       f"Change to “{now[1]}”")]
                             if id(claim) in self.fixable else [])
                elif claim.kind == c.SINCE:
                    self._since(claim, subject, name, start, end, for_kq)
            elif claim.kind in (c.NOT, c.NO_LONGER):
                if claim.rating == now[1]:
                    self.add(start, end, Severity.ERROR, "claim.wrong-negation",
                             f"The cache has {name} as {now[1]}{for_kq} since {since}: it is "
                             f"still {now[1]}.")
                elif claim.kind == c.NO_LONGER and before is not None \
                        and before[1] != claim.rating:
                    self.add(start, end, Severity.WARNING, "claim.wrong-previous",
                             f"The cache has {name} as {before[1]}{for_kq} before its current "
                             f"rating ({now[1]}, {since}), not {claim.rating}.")
            elif claim.kind == c.PREVIOUS:
                if before is None:
                    unverifiable(claim, f"The cache has no rating{for_kq} for {name} before "
                                 f"its current one ({now[1]}, {since}), so “{claim.written}” "
                                 "before it cannot be checked.")
                elif before[1] != claim.rating:
                    self.add(start, end, Severity.ERROR, "claim.wrong-previous",
                             f"The cache has {name} as {before[1]}{for_kq} before its current "
                             f"rating ({now[1]}, {since}), not {claim.rating}.",
                             [self.fix(start, end, _as_written(before[1], claim.written),
                                       f"Change to “{before[1]}”")])
            elif claim.kind == c.DATED:
                self._dated(claim, subject, name, start, end, for_kq)
            elif claim.kind == c.CHANGE and not change_told:
                if before is None:
                    what = {c.IMPROVED: "improved", c.DECLINED: "declined",
                            c.KEPT: "kept its rating"}[claim.direction or c.KEPT]
                    unverifiable(claim, f"The cache has no rating for {name} before its "
                                 f"current one ({now[1]}, {since}), so whether it {what} "
                                 "cannot be checked.")
                    continue
                kind = _CHANGE_WORDS.get(classify(now[1], before[1]))
                if kind is None:
                    continue
                wrong = kind == claim.direction if claim.negated else kind != claim.direction
                if wrong:
                    change_told = True
                    self.add(start, end, Severity.ERROR, "claim.wrong-change",
                             _change_message(name, kind, claim, now, before, for_kq))
            elif claim.kind == c.REINSPECTED and before is None \
                    and len(subject.history.get(OVERALL_SERVICE, ())) < 2:
                unverifiable(claim, f"The cache has only one rating for {name} ({now[1]}, "
                             f"{since}), so a re-inspection cannot be checked.")
        if about_current:
            self._age(mention, subject, name, found, base)

    def _since(self, claim: c.Claim, subject: _Subject, name: str, start: int, end: int,
               for_kq: str) -> None:
        """"Good since 2016": the run of that rating up to now must start then."""
        rows = subject.history.get(claim.key_question) or []
        run_start = rows[-1][0] if rows else None
        earlier: tuple[str, str] | None = None
        for published, rating in reversed(rows):
            if rating != claim.rating:
                earlier = (published, rating)
                break
            run_start = published
        if run_start is None or claim.year is None:
            return
        claimed = (claim.year, claim.month or 0)
        began = (int(run_start[:4]), int(run_start[5:7]) if claim.month else 0)
        if claimed == began:
            return
        if claimed < began and earlier is None:
            self.add(start, end, Severity.INFO, "claim.unverifiable",
                     f"The cache's history of {name} starts with {claim.rating}{for_kq} in "
                     f"{_month(run_start)}, so “since {claim.year}” cannot be checked.")
            return
        was = f"; before that it was {earlier[1]} ({_month(earlier[0])})" if earlier else ""
        self.add(start, end, Severity.ERROR, "claim.wrong-date",
                 f"The cache has {name} as {claim.rating}{for_kq} since {_month(run_start)}"
                 f"{was}.")

    def _dated(self, claim: c.Claim, subject: _Subject, name: str, start: int, end: int,
               for_kq: str) -> None:
        """"Rated Inadequate in 2016": a rating of that word published then."""
        rows = [row for row in subject.history.get(claim.key_question, ())
                if int(row[0][:4]) == claim.year
                and (claim.month is None or int(row[0][5:7]) == claim.month)]
        when = f"{_MONTHS_TITLE[claim.month - 1]} {claim.year}" if claim.month else str(claim.year)
        if not rows:
            self.add(start, end, Severity.INFO, "claim.unverifiable",
                     f"The cache has no rating{for_kq} for {name} published in {when}, so this "
                     "cannot be checked.")
            return
        if any(rating == claim.rating for _, rating in rows):
            return
        published, rating = rows[-1]
        self.add(start, end, Severity.ERROR, "claim.wrong-rating",
                 f"The cache has {name} rated {rating}{for_kq} in {_month(published)}, not "
                 f"{claim.rating}.",
                 [self.fix(start, end, _as_written(rating, claim.written),
                           f"Change to “{rating}”")])

    def _age(self, mention: _Mention, subject: _Subject, name: str, found: list[c.Claim],
             base: int) -> None:
        key = (mention.kind, mention.id)
        now = subject.rated(OVERALL_SERVICE)
        if now is None or key in self.warned_old:
            return
        basis = self.reference
        against = "this column's date" if self.dated_column else "today"
        if self.as_of is not None and self.as_of < basis:
            basis = self.as_of
            against = f"the newest ratings in the cache ({_month(self.as_of.isoformat())})"
        published = dt.date.fromisoformat(now[0])
        years = (basis - published).days / 365.25
        if years <= self.max_age_years:
            return
        self.warned_old.add(key)
        claim = next(x for x in found if x.kind != c.UNCHECKABLE)
        self.add(base + claim.start, base + claim.end, Severity.WARNING, "claim.old-rating",
                 f"{name}'s {now[1]} rating dates from {_month(now[0])}, over {int(years)} "
                 f"years before {against}; it may have been inspected again since, so check "
                 "its CQC page before publishing.")

    def _old_data(self) -> None:
        """One warning per column when the cache is older than the column."""
        if self.first_claim is None:
            return
        if provenance.age_warning(self.db, today=self.reference) is None or self.as_of is None:
            return
        months = (self.reference.year - self.as_of.year) * 12 + self.reference.month \
            - self.as_of.month
        span = f"over {months // 12} years" if months >= 24 else f"{months} months"
        against = "this column's date" if self.dated_column else "today"
        self.add(*self.first_claim, Severity.WARNING, "claim.old-data",
                 f"The ratings in the cache are as published up to "
                 f"{_month(self.as_of.isoformat())}, {span} before {against}, so any rating "
                 "here may have changed: refresh the ratings before publishing.")


_MONTHS_TITLE = [m.capitalize() for m in c.MONTHS]


def _change_message(name: str, kind: str, claim: c.Claim, now: tuple[str, str],
                    before: tuple[str, str], for_kq: str) -> str:
    when = _month(now[0])
    if kind == c.KEPT:
        return (f"The cache has {name} as {now[1]}{for_kq} since {when}, the same rating as before "
                f"({before[1]}, {_month(before[0])}): it kept its rating, it did not "
                f"{'improve' if claim.direction == c.IMPROVED else 'decline'}.")
    moved = "up" if kind == c.IMPROVED else "down"
    if claim.negated:
        said = {c.IMPROVED: "improve", c.DECLINED: "decline", c.KEPT: "keep its rating"}[kind]
        return (f"The cache has {name} moving {moved} from {before[1]} to {now[1]}{for_kq} in "
                f"{when}: it did {said}.")
    said = {c.IMPROVED: "improve", c.DECLINED: "decline", c.KEPT: "keep its rating"}[
        claim.direction or c.KEPT]
    return (f"The cache has {name} moving {moved} from {before[1]} to {now[1]}{for_kq} in "
            f"{when}: it {kind}, it did not {said}.")


def check_rating_claims(
    column: ColumnModel | str,
    db: CacheDb,
    *,
    max_age_years: float = DEFAULT_MAX_AGE_YEARS,
    today: dt.date | None = None,
) -> list[Finding]:
    """Every finding about rating claims in `column` (its text or its model), in reading
    order. `today` stands in for the column's date when its front matter has none."""
    model = parse_column(column) if isinstance(column, str) else column
    return _Check(model, db, max_age_years, today).run()


def check_rating_claims_at(
    column: ColumnModel | str,
    cache_path: str | os.PathLike[str],
    *,
    max_age_years: float = DEFAULT_MAX_AGE_YEARS,
    today: dt.date | None = None,
) -> list[Finding]:
    """`check_rating_claims` on a connection of its own to the cache at `cache_path`: the
    form for a background lane (an SQLite connection belongs to the thread that opened it).
    Reads only; the trust names are built once per cache generation and shared."""
    from columnist.ratings.connection import connect_reader

    db = connect_reader(Path(cache_path))
    try:
        return check_rating_claims(column, db, max_age_years=max_age_years, today=today)
    finally:
        db.conn.close()
