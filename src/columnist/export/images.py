"""Local images in an export: kept reachable from the exported file, copied when needed.

Shared by every format that writes a file referring to images (standalone HTML; the
Medium export's folder of images to upload next).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from columnist.export.base import ExportError, ExportResult

_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')


def localise_images(
    body: str, source_dir: Path, out_dir: Path, stem: str, result: ExportResult
) -> str:
    """`body` (HTML) with each local image reachable from `out_dir`.

    An image beside the column keeps its relative path (copied into the same place under
    `out_dir` when that is another folder); one outside the column's folder goes to
    `<stem>_images/`. A missing image is a warning; one that cannot be copied an ExportError.
    """
    if "<img" not in body:
        return body
    same_folder = source_dir.resolve() == out_dir.resolve()
    copied: dict[Path, str] = {}

    def replace(match: re.Match[str]) -> str:
        src = html.unescape(match.group(2))
        relative = unquote(urlsplit(src).path)
        source = (source_dir / relative).resolve()
        if not source.is_file():
            result.warnings.append(f"image not found: {src} (looked for {source})")
            return match.group(0)
        if same_folder:
            return match.group(0)
        if source in copied:
            new_src = copied[source]
        else:
            try:
                inside = source.relative_to(source_dir.resolve())
            except ValueError:
                inside = Path(f"{stem}_images") / source.name
            target = out_dir / inside
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
            except OSError as exc:
                raise ExportError(
                    f"Could not copy the image {src} to {target}: {exc.strerror or exc}. "
                    "Choose another folder (-o), or free space."
                ) from exc
            result.images_copied.append(target)
            new_src = quote(inside.as_posix())
            copied[source] = new_src
        return match.group(1) + html.escape(new_src) + match.group(3)

    return _IMG_SRC.sub(replace, body)
