"""Render layer of Columnist (see DESIGN.md)."""
