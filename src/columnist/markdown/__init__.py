"""Reading a column's Markdown source, without HTML (see DESIGN.md).

One grammar per syntax, each in its own module, and the column model built from them:

- `column`: `ColumnModel` and `parse_column` / `ColumnParser` (per-block cache).
- `front_matter`: where the `---` block is and where the body starts (YAML: `document`).
- `blocks`: the body cut into independently renderable blocks.
- `headings`, `links`, `trust_links`: headings, links/images/definitions, CQC references.
- `critic`: CriticMarkup review marks (whole text, or one line at a time).
- `fences`, `lists`: fenced code, list items and quote lines.
- `lines`: offsets <-> (line, column).
"""
