"""Raw HTML and Markdown a column may hold that once swallowed the rest of it.

Each entry: what the writer typed, and words of it that must still be visible in the
preview (as typed, or as a removal note). The tests put a plain paragraph (`AFTER`) after
each and check it reaches the preview and the export.
"""

from __future__ import annotations

AFTER = "A plain paragraph after it."

HOSTILE: dict[str, tuple[str, str]] = {
    "math left open on one line": ("<math> x = 1 is the sum", "x = 1 is the sum"),
    "math left open inside a paragraph": ("Some words <math> then more words", "then more"),
    "div never closed": ("<div>\nAn open division", "An open division"),
    "script never closed": ("<script>\nsteal()", "steal()"),
    "style never closed": ("<style>\np { color: red }", "color: red"),
    "comment never closed": ("<!-- a note never closed", "a note never closed"),
    "iframe never closed": ('<iframe src="https://evil.example/">', "<iframe"),
    "textarea never closed": ("<textarea>\nTyped in a box", "Typed in a box"),
    "template never closed": ("<template>\nTemplate words", "Template words"),
    "svg never closed": ("<svg>\n<text>Drawn words", "Drawn words"),
    "select never closed": ("<select>\n<option>Choice words", "Choice words"),
    "noscript never closed": ("<noscript>\nQuiet words", "Quiet words"),
    "object never closed": ("<object>\nObject words", "Object words"),
    "xmp never closed": ("<xmp>\nExample words", "Example words"),
    "plaintext (never closes)": ("<plaintext>\nPlain words", "Plain words"),
    "title never closed": ("<title>\nTitle words", "Title words"),
    "nested, none closed": ("<div>\n<section>\n<math>\n<script>\nDeep words", "Deep words"),
    "closed div holding an open script": ("<div>\n<script>\nInner words\n</div>", "Inner words"),
    "fenced code never closed": ("```\ncode never closed", "code never closed"),
    "tag never finished": ('<div class="never finished', "never finished"),
    "comment open inside a closed div": ("<div>\n<!-- open\nKept words\n</div>", "Kept words"),
    "script opened twice, never closed": ("<div>\n<script>one\n<script>Twice words\n</div>",
                                          "Twice words"),
    "SVG element name in HTML, open": ("A <text>Named words", "Named words"),
    "quote left open in a tag": ('<div title="open\n\nQuoted words\n\n">\n</div>', "Quoted words"),
    "processing instruction": ("<?php echo 'Printed words'; ?>", "Printed words"),
}
