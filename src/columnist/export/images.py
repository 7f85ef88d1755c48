"""Local images in an export: kept reachable from the exported file, copied when needed.

Only images inside the column's folder are ever referenced or copied
(`render.image_sources.image_source`, the same answer the sanitiser and the preview use):
a column cannot carry an arbitrary file it can reach through `../` or a symlink into the
export's folder. Shared by every format that writes a file referring to images
(standalone HTML; the Medium export's folder of images to upload next).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import quote

from columnist.export.base import ExportError, ExportResult
from columnist.render.image_sources import image_source
from columnist.render.sanitise import image_placeholder

_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)("[^>]*>)')


def localise_images(body: str, source_dir: Path, out_dir: Path, result: ExportResult) -> str:
    """`body` (sanitised HTML, image paths relative to the column's folder) with each
    image reachable from `out_dir`: copied to the same place under `out_dir` when that is
    another folder. A missing image is a warning; one that cannot be copied an
    ExportError; one outside the column's folder (the sanitiser has already replaced
    those) is left out, with a warning.
    """
    if "<img" not in body:
        return body
    same_folder = source_dir.resolve() == out_dir.resolve()
    copied: dict[Path, str] = {}

    def replace(match: re.Match[str]) -> str:
        src = html.unescape(match.group(2))
        verdict = image_source(src, source_dir)
        if verdict.path is None:
            result.warnings.append(f"image {verdict.reason}: not exported")
            return image_placeholder(f"Image not shown: {verdict.reason}")
        source = verdict.path
        if not source.is_file():
            result.warnings.append(f"image not found: {src} (looked for {source})")
            return match.group(0)
        if same_folder:
            return match.group(0)
        if source in copied:
            new_src = copied[source]
        else:
            target = out_dir / verdict.relative
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
            except OSError as exc:
                raise ExportError(
                    f"Could not copy the image {src} to {target}: {exc.strerror or exc}. "
                    "Choose another folder (-o), or free space."
                ) from exc
            result.images_copied.append(target)
            new_src = quote(verdict.relative)
            copied[source] = new_src
        return match.group(1) + html.escape(new_src) + match.group(3)

    return _IMG_SRC.sub(replace, body)
