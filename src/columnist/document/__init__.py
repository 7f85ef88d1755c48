"""Document layer of Columnist (see DESIGN.md)."""
