"""The streaming ODS reader reads what a spreadsheet program shows in each cell."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from columnist.ratings.importers.ods_stream import OdsFormatError, iter_ods

CONTENT = (
    '<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:table="t" '
    'xmlns:text="x"><office:body><office:spreadsheet>'
    '<table:table table:name="Notes &amp; data">'
    '<table:table-column table:number-columns-repeated="5"/>'
    '<table:table-row><table:table-cell office:value-type="string"><text:p>Guy&apos;s &amp; '
    "St Thomas&apos;</text:p></table:table-cell><table:table-cell "
    'table:number-columns-repeated="2"/><table:table-cell><text:p>x<text:s text:c="3"/>y'
    "</text:p></table:table-cell></table:table-row>"
    '<table:table-row table:number-rows-repeated="2"><table:table-cell '
    'table:number-columns-repeated="2" office:value-type="string"><text:p>Good</text:p>'
    "</table:table-cell></table:table-row>"
    "<table:table-row><table:table-cell><text:p>l1</text:p><text:p>l2</text:p>"
    '</table:table-cell><table:table-cell office:value-type="date" '
    'office:date-value="2019-03-01T00:00:00"><text:p>1 Mar 2019</text:p></table:table-cell>'
    '<table:table-cell><text:p><text:span text:style-name="T1">Re</text:span>quires</text:p>'
    '</table:table-cell><table:table-cell office:value-type="float" office:value="12">'
    "<text:p>12.0</text:p></table:table-cell></table:table-row>"
    '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
    'table:number-columns-repeated="1024"/></table:table-row></table:table>'
    '<table:table table:name="Two"><table:table-row><table:table-cell><text:p>z</text:p>'
    "</table:table-cell></table:table-row></table:table>"
    "</office:spreadsheet></office:body></office:document-content>"
)


def test_repeats_spaces_paragraphs_dates_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "x.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("content.xml", CONTENT)
    sheets = [(name, list(rows)) for name, rows in iter_ods(path)]
    assert sheets == [
        (
            "Notes & data",
            [
                ["Guy's & St Thomas'", "", "", "x   y"],
                ["Good", "Good"],
                ["Good", "Good"],
                ["l1\nl2", "2019-03-01", "Requires", "12"],
                [],  # a million empty rows come back as one
            ],
        ),
        ("Two", [["z"]]),
    ]


def test_a_truncated_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "x.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("content.xml", CONTENT * 50)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(OdsFormatError):
        for _name, rows in iter_ods(path):
            list(rows)
