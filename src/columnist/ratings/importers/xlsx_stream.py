"""Stream the rows of an XLSX workbook with little memory.

python-calamine loads a whole sheet before the first row comes out (measured: ~1.2 GB RSS
for a full-size 324,000-row Latest ratings sheet), so, as for ODS, this reader decompresses
each worksheet in chunks and picks cells out with regular expressions. Shared strings are
held once in a list; dates are recognised from the cell style (built-in or custom date
formats) and returned as 'YYYY-MM-DD'. Cells come back as text, placed by their column
reference so gaps stay gaps.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

CHUNK = 4 << 20
_ROW_END = "</row>"
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
# A cell: reference letters, other attributes, then value / inline string / nothing.
_CELL = re.compile(
    r'<c(?=[\s>/])([^>]*?)(?:/>|>(?:<f[^>]*?(?:/>|>[^<]*</f>))?(?:<v>([^<]*)</v>)?'
    r"(?:<is>(.*?)</is>)?(?:<extLst>.*?</extLst>)?</c>)",
    re.S,
)
# The same cell as Excel writes it (attributes r, s, t in that order), in one step; used when
# every cell of the row matches it.
_FAST_CELL = re.compile(
    r'<c r="([A-Z]+)\d+"(?: s="(\d+)")?(?: t="(\w+)")?(?:/>|>(?:<f[^>]*?(?:/>|>[^<]*</f>))?'
    r"(?:<v>([^<]*)</v>)?(?:<is>(.*?)</is>)?</c>)",
    re.S,
)
_REF = re.compile(r'\sr="([A-Z]+)\d*"')
_TYPE = re.compile(r'\st="(\w+)"')
_STYLE = re.compile(r'\ss="(\d+)"')
_T = re.compile(r"<t(?:\s[^>]*)?>([^<]*)</t>")
_PHONETIC = re.compile(r"<rPh\b.*?</rPh>", re.S)
_DATE_FORMAT_IDS = set(range(14, 23)) | {45, 46, 47}
_EPOCH = dt.date(1899, 12, 30)


class XlsxFormatError(Exception):
    """The XLSX file is damaged, truncated or not a workbook."""


def _column(letters: str, cache: dict[str, int] = {}) -> int:  # noqa: B006 - a memo
    index = cache.get(letters)
    if index is None:
        index = 0
        for ch in letters:
            index = index * 26 + ord(ch) - 64
        index = cache[letters] = index - 1
    return index


def column_letters(index: int) -> str:
    """The letters of the 0-based column `index` in a cell reference ("A", …, "Z", "AA"),
    the inverse of what the reader does with them (tests and benchmarks write workbooks).

    >>> [column_letters(i) for i in (0, 25, 26, 701, 702)]
    ['A', 'Z', 'AA', 'ZZ', 'AAA']
    >>> all(_column(column_letters(i)) == i for i in range(2000))
    True
    """
    name = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def _text(fragment: str) -> str:
    if "<rPh" in fragment:
        fragment = _PHONETIC.sub("", fragment)
    text = "".join(_T.findall(fragment))
    return html.unescape(text) if "&" in text else text


def _shared_strings(zf: zipfile.ZipFile, name: str | None) -> list[str]:
    if not name or name not in zf.namelist():
        return []
    out: list[str] = []
    with zf.open(name) as stream:
        buffer = ""
        while chunk := stream.read(CHUNK):
            buffer += chunk.decode("utf-8")
            pieces = buffer.split("</si>")
            buffer = pieces.pop()
            out.extend(_text(p[p.find("<si") :]) for p in pieces)
    return out


def _date_styles(zf: zipfile.ZipFile, name: str | None) -> set[int]:
    if not name or name not in zf.namelist():
        return set()
    root = ET.fromstring(zf.read(name))
    custom: set[int] = set()
    for fmt in root.iterfind("m:numFmts/m:numFmt", _NS):
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", fmt.get("formatCode", "")).lower()
        if re.search(r"[dy]", code) or ("m" in code and "h" not in code and "s" not in code):
            custom.add(int(fmt.get("numFmtId", "0")))
    styles: set[int] = set()
    for i, xf in enumerate(root.iterfind("m:cellXfs/m:xf", _NS)):
        fmt_id = int(xf.get("numFmtId", "0"))
        if fmt_id in _DATE_FORMAT_IDS or fmt_id in custom:
            styles.add(i)
    return styles


def _sheet_parts(zf: zipfile.ZipFile) -> tuple[list[tuple[str, str]], str | None, str | None]:
    """[(sheet name, part name)], shared strings part, styles part."""
    try:
        workbook = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError as exc:
        raise XlsxFormatError(f"it has no {exc.args[0]}: not an XLSX workbook") from exc
    targets: dict[str, tuple[str, str]] = {}
    for rel in rels.iterfind("rel:Relationship", _NS):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        targets[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], part)
    sheets = []
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        rid = sheet.get(f"{{{_NS['r']}}}id", "")
        if rid in targets:
            sheets.append((sheet.get("name", ""), targets[rid][1]))
    shared = next((p for t, p in targets.values() if t == "sharedStrings"), None)
    styles = next((p for t, p in targets.values() if t == "styles"), None)
    return sheets, shared, styles


def iter_xlsx(
    path: Path, position: list[int] | None = None
) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """Yield (sheet name, row iterator) per worksheet; consume each before the next."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise XlsxFormatError(f"it is not a readable XLSX/zip file ({exc})") from exc
    with zf:
        try:
            sheets, shared_part, styles_part = _sheet_parts(zf)
            shared = _shared_strings(zf, shared_part)
            dates = _date_styles(zf, styles_part)
        except (ET.ParseError, zipfile.BadZipFile, EOFError, zlib.error, UnicodeDecodeError,
                OSError) as exc:
            raise XlsxFormatError(f"it is truncated or damaged ({exc})") from exc
        for name, part in sheets:
            if part not in zf.namelist():
                continue
            yield name, _rows(zf, part, shared, dates, position)


def _rows(
    zf: zipfile.ZipFile, part: str, shared: list[str], dates: set[int],
    position: list[int] | None,
) -> Iterator[list[str]]:
    try:
        info = zf.getinfo(part)
        if position is not None:
            position[:] = [0, info.file_size]
        with zf.open(info) as stream:
            buffer = ""
            while chunk := stream.read(CHUNK):
                if position is not None:
                    position[0] += len(chunk)
                buffer += chunk.decode("utf-8")
                pieces = buffer.split(_ROW_END)
                buffer = pieces.pop()
                for piece in pieces:
                    start = piece.find("<row")
                    if start >= 0:
                        yield _row(piece[start:], shared, dates)
    except (zipfile.BadZipFile, EOFError, zlib.error, UnicodeDecodeError, OSError) as exc:
        raise XlsxFormatError(f"it is truncated or damaged ({exc})") from exc


def _row(piece: str, shared: list[str], dates: set[int]) -> list[str]:
    found = _FAST_CELL.findall(piece)
    if len(found) == piece.count("<c ") and "<c>" not in piece:
        return _fast_row(found, shared, dates)
    return _slow_row(piece, shared, dates)


def _fast_row(
    found: list[tuple[str, str, str, str, str]], shared: list[str], dates: set[int]
) -> list[str]:
    cells: list[str] = []
    for letters, style, kind, value, inline in found:
        index = _column(letters)
        if index > len(cells):
            cells.extend([""] * (index - len(cells)))
        if kind == "s" and value:
            try:
                cells.append(shared[int(value)])
            except (ValueError, IndexError):
                cells.append("")
        elif inline:
            cells.append(_text(inline))
        elif not value:
            cells.append("")
        elif not kind or kind == "n":
            cells.append(_number(value, style, dates))
        else:
            cells.append(html.unescape(value) if "&" in value else value)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _number(value: str, style: str, dates: set[int]) -> str:
    if style and int(style) in dates:
        try:
            return (_EPOCH + dt.timedelta(days=int(float(value)))).isoformat()
        except (ValueError, OverflowError):
            return value
    return value[:-2] if value.endswith(".0") else value


def _slow_row(piece: str, shared: list[str], dates: set[int]) -> list[str]:
    cells: list[str] = []
    for attrs, value, inline in _CELL.findall(piece):
        ref = _REF.search(attrs)
        if ref is not None:
            index = _column(ref[1])
            if index > len(cells):
                cells.extend([""] * (index - len(cells)))
        if inline:
            text = _text(inline)
        elif not value:
            text = ""
        else:
            kind = _TYPE.search(attrs) if "t=" in attrs else None
            t = kind[1] if kind else "n"
            if t == "s":
                try:
                    text = shared[int(value)]
                except (ValueError, IndexError):
                    text = ""
            elif t == "n":
                style = _STYLE.search(attrs)
                text = _number(value, style[1] if style else "", dates)
            else:
                text = html.unescape(value) if "&" in value else value
        cells.append(text)
    while cells and not cells[-1]:
        cells.pop()
    return cells
