"""Ratings layer of Columnist (see DESIGN.md)."""
