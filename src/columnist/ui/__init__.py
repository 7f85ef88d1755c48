"""Ui layer of Columnist (see DESIGN.md)."""
