"""The checker's judging set: real sentences about real trusts, built from the bundled data.

Each case is a sentence as a column would write it, the finding codes the checker must give
it (no more, no fewer), and the kind of sentence it is. The ratings are the bundled real
ones (CQC, published up to March 2019); the sentences are checked as if written then
(`TODAY`), so the data's own age does not add a warning to each.
`tests/review/test_claim_sentences.py` runs them; `benchmarks/checker_quality.py` prints the
catch and false-alarm rates.

The rule for a "wrong claim": a code in `CATCHES` expected for a sentence. A false alarm:
an error or warning the checker gives that the case does not expect.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

TODAY = dt.date(2019, 3, 31)

CATCHES = frozenset({
    "claim.wrong-rating", "claim.wrong-previous", "claim.wrong-change", "claim.wrong-negation",
    "claim.wrong-date", "claim.wrong-link",
})


def link(label: str, code: str) -> str:
    """A trust reference as the picker writes it."""
    return f"[{label}](https://www.cqc.org.uk/provider/{code})"


RBD = link("Dorset County Hospital NHS Foundation Trust", "RBD")
DCH = link("Dorset County Hospital", "RBD")
MARSDEN = link("The Royal Marsden", "RPY")
CHRISTIE = link("The Christie", "RBV")
SURREY = link("Surrey and Sussex Healthcare NHS Trust", "RTP")
SHREWSBURY = link("The Shrewsbury and Telford Hospital NHS Trust", "RXW")
NORFOLK = link("Norfolk and Suffolk NHS Foundation Trust", "RMY")
GUYS = link("Guy's and St Thomas'", "RJ1")
UH_BRISTOL = link("UH Bristol", "RA7")
CAMBRIDGE = link("Cambridge University Hospitals", "RGT")
NW_AMBULANCE = link("North West Ambulance Service NHS Trust", "RX7")
SECAMB = link("South East Coast Ambulance Service", "RYD")
ANGLIA = link("North West Anglia NHS Foundation Trust", "RGN")
WIGHT = link("Isle of Wight NHS Trust", "R1F")


class Case(NamedTuple):
    text: str
    codes: tuple[str, ...]
    group: str


CASES: tuple[Case, ...] = (
    # Right claims.
    Case(f"{RBD} is now rated Good.", (), "right"),
    Case(f"{MARSDEN} moved from Good to Outstanding.", (), "right"),
    Case(f"{SURREY} improved from Good to Outstanding on re-inspection.", (), "right"),
    Case(f"{CHRISTIE} kept its Outstanding rating when we returned.", (), "right"),
    Case(f"{NW_AMBULANCE} was rated Good in November 2018.", (), "right"),
    Case(f"{SECAMB} moved from Inadequate to Requires improvement.", (), "right"),
    Case(f"{link('University Hospitals Bristol', 'RA7')} (Outstanding) led the way.", (),
         "right"),
    Case(f"{NORFOLK} remains rated Inadequate.", (), "right"),
    Case(f"{CAMBRIDGE} kept its Good rating.", (), "right"),
    Case(f"{link('Birmingham Community Healthcare', 'RYW')} declined from Good to Requires "
         "improvement.", (), "right"),
    Case(f"{SHREWSBURY} is now rated Inadequate, down from Requires improvement.", (), "right"),
    Case(f"{link('UCLH', 'RRV')} retained its Good rating.", (), "right"),
    Case(f"{link('Lincolnshire Community Health Services', 'RY5')} is now Outstanding.", (),
         "right"),
    Case(f"{DCH} is Good for caring and Requires improvement for safe.", (), "right"),
    Case(f"{DCH} has been rated Good since November 2018.", (), "right"),
    Case(f"{DCH} was rated Requires improvement in 2016 and is rated Good since November 2018.",
         (), "right"),
    # Wrong ratings.
    Case(f"{RBD} is now rated Outstanding.", ("claim.wrong-rating",), "wrong rating"),
    Case(f"{GUYS} is rated Outstanding.", ("claim.wrong-rating",), "wrong rating"),
    Case(f"{link('University Hospitals Bristol NHS Foundation Trust', 'RA7')} is rated Good.",
         ("claim.wrong-rating",), "wrong rating"),
    Case(f"{link('The Queen Elizabeth Hospital, King’s Lynn', 'RCX')} is rated Requires "
         "improvement.", ("claim.wrong-rating",), "wrong rating"),
    Case(f"{WIGHT} (Good) has a new chief executive.", ("claim.wrong-rating",), "wrong rating"),
    Case(f"{link('Worcestershire Acute Hospitals NHS Trust', 'RWP')} is rated requires "
         "improvement.", ("claim.wrong-rating",), "wrong rating"),
    Case(f"{DCH} is Outstanding for caring.", ("claim.wrong-rating",), "wrong rating"),
    Case(f"{DCH} was rated Inadequate in 2016.", ("claim.wrong-rating",), "wrong rating"),
    Case(f"{DCH} has been Good since 2016.", ("claim.wrong-date",), "wrong rating"),
    # False improvements.
    Case(f"{CAMBRIDGE} improved to Good on re-inspection.", ("claim.wrong-change",),
         "false improvement"),
    Case(f"{ANGLIA} improved its rating on re-inspection.", ("claim.wrong-change",),
         "false improvement"),
    Case(f"{NORFOLK} has improved its rating since we last visited.", ("claim.wrong-change",),
         "false improvement"),
    Case(f"{SHREWSBURY} has improved its rating.", ("claim.wrong-change",), "false improvement"),
    Case(f"{DCH} improved from Inadequate to Good.", ("claim.wrong-previous",),
         "false improvement"),
    Case(f"{SURREY} moved from Requires improvement to Outstanding.", ("claim.wrong-previous",),
         "false improvement"),
    # False "kept Outstanding" (and other false "kept").
    Case(f"{MARSDEN} kept its Outstanding rating.", ("claim.wrong-change",), "false kept"),
    Case(f"{link('Lincolnshire Community Health Services NHS Trust', 'RY5')} retained its "
         "Outstanding rating on re-inspection.", ("claim.wrong-change",), "false kept"),
    Case(f"{SURREY} maintained its Outstanding rating.", ("claim.wrong-change",), "false kept"),
    Case(f"{CHRISTIE} kept its Good rating.", ("claim.wrong-rating",), "false kept"),
    Case(f"{DCH} kept its Good rating.", ("claim.wrong-change",), "false kept"),
    # Negations.
    Case(f"{DCH} is no longer rated Requires improvement.", (), "negation"),
    Case(f"{DCH} is no longer rated Good.", ("claim.wrong-negation",), "negation"),
    Case(f"{SHREWSBURY} was not rated Good.", (), "negation"),
    Case(f"{NORFOLK} is no longer rated Inadequate.", ("claim.wrong-negation",), "negation"),
    Case(f"{CHRISTIE} is not rated Outstanding.", ("claim.wrong-negation",), "negation"),
    Case(f"{SECAMB} is no longer Inadequate.", (), "negation"),
    Case(f"{ANGLIA} did not improve on re-inspection.", (), "negation"),
    Case(f"{DCH} did not improve on re-inspection.", ("claim.wrong-change",), "negation"),
    Case(f"{NW_AMBULANCE} is no longer rated Inadequate.", ("claim.wrong-previous",),
         "negation"),
    # Pronouns.
    Case(f"We visited {DCH} in the autumn. It is now rated Good.", (), "pronoun"),
    Case(f"We visited {DCH} in the autumn. It is now rated Outstanding.",
         ("claim.wrong-rating",), "pronoun"),
    Case(f"I spoke to staff at {MARSDEN}. The trust moved from Good to Outstanding.", (),
         "pronoun"),
    Case(f"{CHRISTIE} and {MARSDEN} were inspected again. They are both rated Outstanding.", (),
         "pronoun"),
    Case(f"{MARSDEN} was inspected in September. It kept its Outstanding rating.",
         ("claim.wrong-change",), "pronoun"),
    Case(f"“{CHRISTIE} is Outstanding,” she said. It kept that rating when we returned.", (),
         "pronoun"),
    # Two trusts in one sentence.
    Case(f"{link('Guy’s', 'RJ1')} is rated Good and {UH_BRISTOL} is rated Good.",
         ("claim.wrong-rating",), "two trusts"),
    Case(f"{CHRISTIE} kept Outstanding, while {MARSDEN} improved from Good to Outstanding.", (),
         "two trusts"),
    Case(f"{CHRISTIE} improved to Outstanding, while {MARSDEN} kept its rating.",
         ("claim.wrong-change", "claim.wrong-change"), "two trusts"),
    Case(f"{DCH} (Good) and {WIGHT} (Requires improvement) both had busy winters.",
         ("claim.wrong-rating",), "two trusts"),
    Case(f"{GUYS} and {UH_BRISTOL} are both rated Outstanding.", ("claim.wrong-rating",),
         "two trusts"),
    Case(f"Unlike {SHREWSBURY}, which declined to Inadequate, {DCH} improved to Good.", (),
         "two trusts"),
    # Names written without a link, right and wrong.
    Case("Dorset County Hospital NHS Foundation Trust is now rated Good.", ("claim.unlinked",),
         "unlinked"),
    Case("The Royal Marsden is now rated Outstanding.", ("claim.unlinked",), "unlinked"),
    Case("GSTT is rated Good.", ("claim.unlinked",), "unlinked"),
    Case("Plymouth Hospitals NHS Trust is rated Requires improvement.", ("claim.unlinked",),
         "unlinked"),
    Case("Dorset County Hospital is rated Outstanding.",
         ("claim.unlinked", "claim.wrong-rating"), "unlinked"),
    Case("UH Bristol kept its Good rating.",
         ("claim.unlinked", "claim.wrong-rating", "claim.unverifiable"), "unlinked"),
    Case("Surrey and Sussex Healthcare NHS Trust declined to Good.",
         ("claim.unlinked", "claim.wrong-change", "claim.wrong-rating"), "unlinked"),
    # A link whose text names another trust.
    Case(f"{link('Guy’s and St Thomas’', 'RBD')} is rated Good.", ("claim.wrong-link",),
         "wrong link"),
    Case(f"{link('The Christie', 'RPY')} kept its Outstanding rating.", ("claim.wrong-link",),
         "wrong link"),
    Case(f"The {link('latest report', 'RBD')} rates it Good.", (), "right"),
    # No claim at all.
    Case("A rating is a snapshot, not a verdict for all time.", (), "no claim"),
    Case("Moving from Inadequate is not the same achievement as moving to Outstanding.", (),
         "no claim"),
    Case("Good leadership shows on the wards.", (), "no claim"),
    Case(f"Staff at {DCH} told us they felt able to speak up.", (), "no claim"),
    Case("Patients across West London and the North East deserve good care.", (), "no claim"),
    Case("Dr. Patel, e.g. at St Thomas’, said the wards were calm.", (), "no claim"),
    Case(f"At St Thomas’ Hospital, part of {link('Guy’s and St Thomas’', 'RJ1')}, staff "
         "said the trust is rated Good.", (), "right"),
    # What the data cannot check.
    Case(f"{link('Royal Cornwall Hospitals NHS Trust', 'REF')} left special measures and is "
         "rated Requires improvement.", ("claim.unverifiable",), "unverifiable"),
    Case(f"The maternity service at {DCH} is rated Inadequate.", ("claim.unverifiable",),
         "unverifiable"),
    Case(f"{GUYS} kept its Good rating.", ("claim.unverifiable",), "unverifiable"),
    # Old, closed and unknown.
    Case(f"{link('Oxford University Hospitals', 'RTH')} is rated Good.", ("claim.old-rating",),
         "old rating"),
    Case(f"{link('Brighton and Sussex University Hospitals NHS Trust', 'RXH')} improved from "
         "Inadequate to Good.", ("claim.closed-trust",), "closed trust"),
    Case(f"{link('Northern Trust', 'RZZ9')} is rated Good.", ("claim.unknown-trust",),
         "unknown trust"),
)


# Written after the checker, and run against it once as written: the README reports how
# it did on them before any change made for them (see "Checking rating claims").
HELD_OUT: tuple[Case, ...] = (
    Case(f"{link('Coventry and Warwickshire Partnership NHS Trust', 'RYG')} improved from "
         "Requires improvement to Good.", (), "right"),
    Case(f"{link('Gloucestershire Hospitals', 'RTE')} is now rated Good after years at "
         "Requires improvement.", (), "right"),
    Case(f"{link('Royal Cornwall Hospitals NHS Trust', 'REF')} has moved out of Inadequate and "
         "is now rated Requires improvement.", (), "right"),
    Case(f"{link('West London NHS Trust', 'RKL')} declined to Requires improvement.",
         ("claim.wrong-change", "claim.wrong-rating"), "false decline"),
    Case(f"{link('Black Country Partnership NHS Foundation Trust', 'TAJ')} fell from Good to "
         "Requires improvement this year.", (), "right"),
    Case(f"{link('The Queen Elizabeth Hospital, King’s Lynn', 'RCX')} has been placed in "
         "special measures after being rated Inadequate.", ("claim.unverifiable",),
         "unverifiable"),
    Case(f"{link('UCLH', 'RRV')} is rated Outstanding.", ("claim.wrong-rating",),
         "wrong rating"),
    Case(f"{link('University Hospitals Birmingham', 'RRK')} kept its Good rating on "
         "re-inspection.", (), "right"),
    Case(f"{link('Frimley Health', 'RDU')} remains Outstanding.",
         ("claim.old-rating", "claim.unverifiable"), "old rating"),
    Case(f"{link('East London NHS Foundation Trust', 'RWK')} is rated Outstanding, and "
         f"{WIGHT} is rated Inadequate.", (), "two trusts"),
    Case(f"{link('East London NHS Foundation Trust', 'RWK')} and "
         f"{link('West Suffolk', 'RGR')} are both rated Good.",
         ("claim.wrong-rating", "claim.wrong-rating"), "two trusts"),
    Case(f"{link('Worcestershire Acute Hospitals NHS Trust', 'RWP')} is no longer rated "
         "Inadequate.", ("claim.wrong-negation",), "negation"),
    Case(f"{link('University Hospitals Plymouth', 'RK9')} is not yet rated Good.", (),
         "negation"),
    Case("Manchester University NHS Foundation Trust is rated Good.",
         ("claim.unlinked", "claim.not-rated"), "unlinked"),
    Case(f"I was pleased to see {SECAMB} move up to Requires improvement.", (), "right"),
    Case(f"{SURREY} became the latest trust to be rated Outstanding.", (), "right"),
    Case(f"Congratulations to {NW_AMBULANCE}, now rated Good.", (), "right"),
    Case(f"{NW_AMBULANCE} was rated Good, up from Inadequate.", ("claim.wrong-previous",),
         "false improvement"),
    Case(f"Last year {MARSDEN} was rated Good; this year it is Outstanding.", (), "right"),
    Case(f"{CHRISTIE} has been rated Outstanding since 2016.", (), "right"),
    Case(f"{DCH} was rated Requires improvement for well-led in 2016.", (), "right"),
    Case("Staff at Guy’s told us about their new wards.", ("claim.unlinked",), "no claim"),
    Case(f"{WIGHT}, rated Inadequate in June 2018, has a new board.", (), "right"),
    Case(f"Both {CAMBRIDGE} and {link('UCLH', 'RRV')} kept their Good ratings.", (),
         "two trusts"),
    Case(f"{CAMBRIDGE} and {MARSDEN} both kept their ratings.", ("claim.wrong-change",),
         "false kept"),
    Case("The trust was rated Good.", (), "no claim"),
    Case(f"{NORFOLK} is rated Inadequate for the second time.", (), "right"),
    Case(f"{NORFOLK} was rated Requires improvement at its latest inspection.",
         ("claim.wrong-rating",), "wrong rating"),
    Case(f"{SHREWSBURY}’s rating fell to Inadequate.", (), "right"),
)
