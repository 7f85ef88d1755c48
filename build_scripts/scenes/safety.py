"""What the preview does with pasted HTML and with images from outside the column's folder."""

from __future__ import annotations

TEXT = """---
title: What the preview keeps
author: Chief Inspector of Hospitals
date: 2026-11-25
---

## Pasted from a web page

The trust's board papers said <script>track(reader)</script> that waits had fallen.

<math> x = waits / beds

A formula left open above shows as typed, and this paragraph is still here.

## An image from elsewhere

![Ward](../../../../etc/hostname)

Images are shown only from the column's folder, or a folder inside it.
"""


def safety(window, stage) -> None:
    """A removed script's note, an unclosed <math> as text, a refused image's reason."""
    window.editor.replace_text(TEXT)
    stage.wait_until(lambda: "outside the column" in window.preview.toPlainText())
    window.editor.setFocus()


SCENES = {"safety": safety}

