"""Export layer of Columnist (see DESIGN.md)."""
