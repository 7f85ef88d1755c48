"""May this image be shown, or copied, for a column in this folder? The one answer.

A column names its images by path (`![chart](img/chart.png)`); the preview shows them and
the HTML export copies them beside the file. A path that leaves the column's folder —
`../../etc/hostname`, an absolute path, a `file:` URL elsewhere, a symlink inside the
folder that points out of it — would let a pasted column show (and an export copy) any
file the writer can read, so it is refused, with a sentence saying why. Remote images
(`http:`, `//host`, `data:`…) are refused too: the preview never touches the network and
an export must work offline. The sanitiser, the preview's resource loader and the
export's image copier all ask `image_source`, so they can never disagree.

    >>> folder = Path("/columns/march")
    >>> image_source("img/chart.png", folder).relative
    'img/chart.png'
    >>> image_source("../../etc/hostname", folder).reason
    "../../etc/hostname is outside the column's folder"
    >>> image_source("https://example.org/ward.jpg", folder).remote
    True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

if os.name == "nt":
    from nturl2path import url2pathname
else:  # what urllib.request's url2pathname is on POSIX, without importing http and ssl
    url2pathname = unquote  # (~40 ms of the preview's first render at start-up)


@dataclass(frozen=True)
class ImageSource:
    """The answer for one image reference `src` (as written).

    `path`: the file, symlinks resolved, when it may be shown; `relative`: that file's
    '/'-separated path inside the folder; `reason`: why it may not be shown (a sentence
    part naming `src`); `remote`: it is on the web or inline data, never loaded."""

    src: str
    path: Path | None = None
    relative: str = ""
    reason: str = ""
    remote: bool = False

    @property
    def allowed(self) -> bool:
        return self.path is not None


def is_remote_url(url: str) -> bool:
    """True for a URL with a scheme other than file: (http:, ftp:, data:…) or a
    protocol-relative //host URL: an image there is never loaded."""
    value = url.strip()
    if value.startswith("//"):
        return True
    scheme = urlsplit(value).scheme.lower()
    return bool(scheme) and scheme != "file" and len(scheme) > 1


def _written_path(value: str) -> Path | None:
    """The path `value` names (relative to the column's folder, or absolute), or None
    when it names no local file (a file: URL on another host)."""
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return None
        return Path(url2pathname(parts.path))
    if len(scheme) == 1:  # a Windows drive letter, "C:/…": absolute there, nonsense here
        return Path(value) if os.name == "nt" else None
    return Path(unquote(parts.path))


def image_source(src: str, folder: Path | None) -> ImageSource:
    """May the image `src` be shown or copied for a column whose folder is `folder`
    (None: an unsaved column, which has no folder to show images from)?

    Only a file inside `folder` may, once `..` and symlinks are resolved; whether it
    exists is not asked (the export warns about a missing one)."""
    value = src.strip()
    if not value:
        return ImageSource(src, reason="(no file name)")
    if is_remote_url(value):
        return ImageSource(src, reason=f"{value} is not on this computer", remote=True)
    written = _written_path(value)
    if written is None or (folder is None and written.is_absolute()):
        return ImageSource(src, reason=f"{value} is outside the column's folder")
    if folder is None:
        return ImageSource(
            src, reason=f"{value} (save the column first: images are read from its folder)"
        )
    root = folder.resolve()
    try:
        resolved = (root / written).resolve()
        inside = resolved.relative_to(root)
    except (OSError, RuntimeError, ValueError):  # outside, or a symlink loop
        return ImageSource(src, reason=f"{value} is outside the column's folder")
    if not inside.parts:
        return ImageSource(src, reason=f"{value} is the column's folder, not an image")
    return ImageSource(src, resolved, inside.as_posix())
