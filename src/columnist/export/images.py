"""Local images in an export: kept reachable from the exported file, copied when needed.

Only images inside the column's folder are ever referenced or copied
(`render.image_sources.image_source`, the same answer the sanitiser and the preview use):
a column cannot carry an arbitrary file it can reach through `../` or a symlink into the
export's folder. Shared by every format that writes a file referring to images
(standalone HTML; the Medium export's folder of images to upload next).

`embed_images` writes each such image into the page instead, as a data: URL, so the
export is one file to send; only image types a browser shows in `<img>` are embedded.
"""

from __future__ import annotations

import base64
import html
import re
import shutil
from pathlib import Path
from urllib.parse import quote

from columnist.export.base import ExportError, ExportResult
from columnist.render.image_sources import image_source
from columnist.render.sanitise import image_placeholder

_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)("[^>]*>)')

# What an <img> may show from a data: URL (an SVG in <img> runs no script), by suffix.
IMAGE_TYPES: dict[str, str] = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml",
}


def _inside_folder(src: str, source_dir: Path, result: ExportResult) -> Path | str:
    """The file an image inside the column's folder names, or (outside it: the sanitiser
    has already replaced those) the placeholder that stands instead, with a warning."""
    verdict = image_source(src, source_dir)
    if verdict.path is None:
        result.warnings.append(f"image {verdict.reason}: not exported")
        return image_placeholder(f"Image not shown: {verdict.reason}")
    return verdict.path


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
        source = _inside_folder(src, source_dir, result)
        if isinstance(source, str):
            return source
        if not source.is_file():
            result.warnings.append(f"image not found: {src} (looked for {source})")
            return match.group(0)
        if same_folder:
            return match.group(0)
        if source in copied:
            new_src = copied[source]
        else:
            relative = source.relative_to(source_dir.resolve()).as_posix()
            target = out_dir / relative
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
            except OSError as exc:
                raise ExportError(
                    f"Could not copy the image {src} to {target}: {exc.strerror or exc}. "
                    "Choose another folder (-o), or free space."
                ) from exc
            result.images_copied.append(target)
            new_src = quote(relative)
            copied[source] = new_src
        return match.group(1) + html.escape(new_src) + match.group(3)

    return _IMG_SRC.sub(replace, body)


def embed_images(body: str, source_dir: Path, result: ExportResult) -> str:
    """`body` (sanitised HTML, image paths relative to the column's folder) with each
    image inside the folder written in as a data: URL. A missing or unreadable image, or
    a file that is not an image type, is a warning and stays out (a placeholder says so).
    """
    if "<img" not in body:
        return body
    encoded: dict[Path, str] = {}

    def replace(match: re.Match[str]) -> str:
        src = html.unescape(match.group(2))
        source = _inside_folder(src, source_dir, result)
        if isinstance(source, str):
            return source
        kind = IMAGE_TYPES.get(source.suffix.lower())
        if kind is None:
            result.warnings.append(f"image {src} is not a picture a browser shows "
                                   f"({', '.join(IMAGE_TYPES)}): not exported")
            return image_placeholder(f"Image not shown: {src}")
        if source not in encoded:
            try:
                data = source.read_bytes()
            except OSError as exc:
                result.warnings.append(f"image not found: {src} (looked for {source}: "
                                       f"{exc.strerror or exc})")
                return image_placeholder(f"Image not shown: {src} is missing")
            encoded[source] = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
        return match.group(1) + encoded[source] + match.group(3)

    return _IMG_SRC.sub(replace, body)
