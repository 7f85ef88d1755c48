"""Review layer of Columnist (see DESIGN.md)."""
