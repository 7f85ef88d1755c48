"""Images stay inside the column's folder: the preview shows nothing from outside it.

`![x](../../../../etc/hostname)` used to show any readable file in the preview (and the
export copied it). Every way of leaving the folder is refused the same way: `..`, an
absolute path, a `file:` URL, a symlink that points out; the preview shows why instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from columnist.render.pipeline import Renderer


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A column's folder with an image inside, and a private file beside the folder."""
    column = tmp_path / "column"
    (column / "img").mkdir(parents=True)
    (column / "img" / "chart.png").write_bytes(b"\x89PNG chart")
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    return column, secret


def preview(text: str, folder: Path | None) -> str:
    return Renderer(base_dir=folder).render(text).html


def test_an_image_inside_the_folder_is_shown(folders) -> None:
    column, _secret = folders
    html = preview("![Chart](img/chart.png) ![Again](./img/../img/chart.png)\n", column)
    uri = (column / "img" / "chart.png").resolve().as_uri()
    assert html.count(f'src="{uri}"') == 2
    assert "image-placeholder" not in html


@pytest.mark.parametrize(
    "src",
    ["../secret.txt", "img/../../secret.txt", "..%2Fsecret.txt", "{secret}", "file://{secret}",
     "../../../../../../../../etc/hostname", "/etc/hostname"],
)
def test_an_image_outside_the_folder_is_a_placeholder_saying_why(folders, src: str) -> None:
    column, secret = folders
    src = src.format(secret=secret)
    html = preview(f"Intro.\n\n![x]({src})\n", column)
    assert "secret.txt\"" not in html and "hostname\"" not in html and "src=" not in html
    assert (
        f'<span class="image-placeholder">[Image not shown: {src} is outside the column\'s '
        "folder]</span>" in html
    )


def test_a_symlink_inside_the_folder_that_points_out_is_refused(folders) -> None:
    column, secret = folders
    os.symlink(secret, column / "img" / "innocent.png")
    html = preview("![x](img/innocent.png)\n", column)
    assert "src=" not in html
    assert "img/innocent.png is outside the column" in html


def test_raw_html_and_reference_images_obey_the_same_rule(folders) -> None:
    column, _secret = folders
    html = preview('<img src="../secret.txt" alt="raw">\n\n![ref][pic]\n\n[pic]: ../secret.txt\n',
                   column)
    assert "src=" not in html
    assert html.count("[Image not shown: ../secret.txt is outside the column") == 2


def test_an_absolute_path_or_file_url_inside_the_folder_is_shown(folders) -> None:
    column, _secret = folders
    inside = column / "img" / "chart.png"
    html = preview(f"![a]({inside}) ![b]({inside.as_uri()})\n", column)
    assert html.count(f'src="{inside.resolve().as_uri()}"') == 2


def test_an_unsaved_column_shows_no_local_images_and_says_why() -> None:
    html = preview("![Chart](img/chart.png)\n", None)
    assert "src=" not in html
    assert "[Image not shown: img/chart.png (save the column first" in html


def test_remote_images_still_show_their_alt_text_only(folders) -> None:
    column, _secret = folders
    html = preview("![Ward photo](https://example.org/ward.jpg)\n", column)
    assert "example.org" not in html
    assert "[Image not shown: Ward photo]" in html


def test_the_one_answer(folders) -> None:
    from columnist.render.image_sources import image_source

    column, secret = folders
    inside = image_source("img/chart.png", column)
    assert inside.allowed and inside.path == (column / "img" / "chart.png").resolve()
    assert inside.relative == "img/chart.png"
    outside = image_source("../secret.txt", column)
    assert not outside.allowed and outside.reason == "../secret.txt is outside the column's folder"
    assert not image_source(secret.as_uri(), column).allowed
    remote = image_source("https://example.org/a.png", column)
    assert not remote.allowed and remote.remote
    assert not image_source("data:image/png;base64,AAAA", column).allowed
    assert not image_source("", column).allowed
