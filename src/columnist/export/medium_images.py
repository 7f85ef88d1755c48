"""The images of a Medium-ready copy: Medium drops pasted images, so each one becomes a
marked placeholder line in the body and its file is copied into `COLUMN-images/` for the
writer to upload, with `images.txt` listing each one's alt text and caption.

Only images inside the column's folder are read (`render.image_sources.image_source`,
the answer the sanitiser, the preview and the HTML export use).

>>> MediumImage("ward.png", "A ward at night", "", None).placeholder()
'[Image to upload: ward.png]'
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from columnist.export.base import ExportError, ExportResult, write_output
from columnist.export.html_tree import Element, rewrite
from columnist.render.image_sources import image_source


@dataclass(frozen=True)
class MediumImage:
    """An image to upload by hand: its file name in the images folder, alt text,
    caption (its Markdown title), and the file itself (None when it cannot be read)."""

    name: str
    alt: str
    caption: str
    source: Path | None

    def placeholder(self) -> str:
        """The line the body holds where the image goes."""
        return f"[Image to upload: {self.name}]"

    def describe(self) -> str:
        """The image's entry in the list beside the images."""
        lines = [self.name, f"  Alt text: {self.alt or '(none: add one before publishing)'}"]
        lines.append(f"  Caption: {self.caption or '(none)'}")
        return "\n".join(lines)


def _unique_name(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{stem}-{number}{dot}{suffix}" if dot else f"{name}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def replace_images(body: Element, source_dir: Path | None) -> list[MediumImage]:
    """Replace each image in `body` by its placeholder (bold) and its alt text and
    caption; the images, in order (an image shown twice is there twice, one name)."""
    found: list[MediumImage] = []
    taken: set[str] = set()
    by_source: dict[str, MediumImage] = {}

    def change(element: Element) -> list[Element | str] | None:
        if element.tag != "img":
            return None
        src = element.attrs.get("src", "")
        image = by_source.get(src)
        if image is None:
            verdict = image_source(src, source_dir) if source_dir is not None else None
            path = verdict.path if verdict is not None else None
            name = Path(verdict.relative).name if path is not None and verdict else Path(src).name
            image = MediumImage(_unique_name(name or "image", taken), element.attrs.get("alt", ""),
                                element.attrs.get("title", ""), path)
            by_source[src] = image
        found.append(image)
        words = f" Alt text: {image.alt or 'none'}."
        if image.caption:
            words += f" Caption: {image.caption}."
        return [Element("strong", {}, [image.placeholder()]), words]

    rewrite(body, change)
    return found


def write_images(images: list[MediumImage], folder: Path, result: ExportResult) -> None:
    """Copy each image to upload into `folder`, with `images.txt` listing alt texts and
    captions in the order they appear."""
    seen: set[str] = set()
    entries: list[str] = []
    for image in images:
        if image.name in seen:
            continue
        seen.add(image.name)
        entries.append(image.describe())
        if image.source is None or not image.source.is_file():
            result.warnings.append(f"image {image.name} could not be read: not in {folder}")
            continue
        target = folder / image.name
        try:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(image.source, target)
        except OSError as exc:
            raise ExportError(
                f"Could not copy the image {image.name} to {target}: "
                f"{exc.strerror or exc}. Choose another folder or free space."
            ) from exc
        result.images_copied.append(target)
    listing = "Images to upload to Medium, in the order they appear:\n\n" + "\n\n".join(entries)
    write_output(folder / "images.txt", (listing + "\n").encode("utf-8"), result)
