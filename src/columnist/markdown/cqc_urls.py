"""CQC page URLs: the one place that knows how a provider's or a site's public page is named.

A trust is referenced in a column by a link to its CQC page, and every cache row carries
the page URL; building and reading those URLs happens here only, so a change on CQC's side
is one edit.

>>> page_url("provider", "RA7")
'https://www.cqc.org.uk/provider/RA7'
>>> parse_cqc_url("http://cqc.org.uk/provider/rk9/")
('provider', 'RK9')
>>> parse_cqc_url("https://www.cqc.org.uk/location/1-125856395#ratings")
('location', '1-125856395')
>>> parse_cqc_url("https://www.cqc.org.uk/about-us") is None
True
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["provider", "location"]

BASE = "https://www.cqc.org.uk"

# The id of a provider (NHS trust ODS code such as RA7, or 1-123456789) or a location
# (ODS site code such as RK950, or 1-123456789).
_ID = r"(?:1-\d{5,12}|[A-Za-z0-9]{3,9})"
CQC_URL_RE = re.compile(
    rf"^https?://(?:www\.)?cqc\.org\.uk/(?P<kind>provider|location)/(?P<id>{_ID})/?"
    r"(?:[?#][^\s]*)?$",
    re.IGNORECASE,
)


def page_url(kind: Kind | str, ident: str) -> str:
    """The public CQC page of a provider (`kind="provider"`) or location."""
    return f"{BASE}/{kind}/{ident}"


def provider_url(ident: str) -> str:
    """The public CQC page of a provider (an NHS trust's id is its ODS code)."""
    return page_url("provider", ident)


def location_url(ident: str) -> str:
    """The public CQC page of a location (an NHS hospital's id is its ODS site code)."""
    return page_url("location", ident)


def parse_cqc_url(url: str) -> tuple[str, str] | None:
    """('provider', 'RA7') for a CQC provider/location page URL, else None.

    Codes are upper-cased (CQC's ids are case-insensitive in its URLs); `1-…` ids are kept.
    """
    match = CQC_URL_RE.match(url.strip().strip("<>"))
    if not match:
        return None
    ident = match.group("id")
    return match.group("kind").lower(), ident if ident.startswith("1-") else ident.upper()
