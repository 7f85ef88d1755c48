"""Document layer of Columnist (see DESIGN.md): the column file and never losing a word.

- `text_file`: byte-exact load/save (encoding, BOM, line endings), atomic writes, clear
  errors for bad input (`OpenError`, `NotUtf8Error`, `BinaryFileError`, `SaveError`).
- `front_matter`: safe YAML front matter; `set_fields` rewrites only changed keys' lines.
- `word_count`: words a reader reads, and Medium-style reading time.
- `journal`: unsaved text on disk (one atomic JSON file per buffer) for crash recovery.
- `history`: the bytes each save replaced, and readable diffs between versions.
- `text_search`: find and replace over the exact text (literal, whole word, regex).
- `controller`: `DocumentController`, the QtCore service the window wires to.
- `atomic`: write-temp-fsync-rename used by all of the above.
"""
