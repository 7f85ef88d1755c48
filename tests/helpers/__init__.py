"""Helpers the tests share (one place each): real key events, the window's questions
answered from a script, windows on a column, CQC-shaped files, real-data caches and a fake
CQC API. Importable as `helpers.…` (pytest puts `tests/` on the path: `pythonpath` in
pyproject.toml)."""
