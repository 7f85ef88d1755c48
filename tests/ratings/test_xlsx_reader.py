"""The streaming XLSX reader reads cells as python-calamine (and Excel) would show them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import python_calamine

from columnist.ratings.importers.common import cell_text
from columnist.ratings.importers.xlsx_stream import XlsxFormatError, iter_xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = (
    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><dimension ref="A1:E4"/>'
    "<sheetData>"
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c>'
    '<c r="E1" t="inlineStr"><is><r><t>Requires </t></r><r><rPr><b/></rPr><t>improvement'
    "</t></r></is></c></row>"
    '<row r="2"><c r="A2" s="1"><v>43525</v></c><c r="B2" s="2"><v>43525.5</v></c>'
    '<c r="C2"><v>12</v></c><c r="D2" t="str"><f>A1&amp;"x"</f><v>Good &amp; x</v></c>'
    '<c r="E2" t="b"><v>1</v></c></row>'
    # attributes in another order (other writers): read through the general path
    '<row r="4"><c s="1" r="B4"/><c t="s" r="C4"><v>2</v></c><c><v>7</v></c></row>'
    "</sheetData></worksheet>"
)
SHARED = (
    f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"><si><t>Provider ID</t></si>'
    '<si><r><t xml:space="preserve">Guy&apos;s </t></r><r><t>&amp; St Thomas&apos;</t></r>'
    "<rPh><t>ignored</t></rPh></si><si><t>Well-led</t></si></sst>"
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><numFmts count="1">'
    '<numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="3">'
    '<xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs></styleSheet>'
)


def _workbook(path: Path, sheet: str = SHEET) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
            'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            '<sheet name="Locations" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/'
            f'sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="{REL}/'
            'styles" Target="/xl/styles.xml"/></Relationships>',
        )
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        zf.writestr("xl/sharedStrings.xml", SHARED)
        zf.writestr("xl/styles.xml", STYLES)
    return path


def test_cells_match_what_calamine_reads(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "w.xlsx")
    ours = [(name, list(rows)) for name, rows in iter_xlsx(path)]
    assert ours == [
        (
            "Locations",
            [
                ["Provider ID", "", "Guy's & St Thomas'", "", "Requires improvement"],
                ["2019-03-01", "43525.5", "12", "Good & x", "1"],
                ["", "", "Well-led", "7"],
            ],
        )
    ]
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Locations")
    theirs = [[cell_text(c) for c in row] for row in sheet.to_python(skip_empty_area=False)]
    # calamine keeps the empty row 3 and types cells; compare what a user would read
    assert theirs[0][:3] == ours[0][1][0][:3]
    assert theirs[1][0] == "2019-03-01" and theirs[1][2] == "12"
    assert theirs[3][2:4] == ["Well-led", "7"]


def test_a_truncated_workbook_is_reported(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "w.xlsx", SHEET.replace("</sheetData>", "") * 200)
    path.write_bytes(path.read_bytes()[:-300])
    with pytest.raises(XlsxFormatError):
        for _name, rows in iter_xlsx(path):
            list(rows)
