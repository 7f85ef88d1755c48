"""Screenshot scenes for `build_scripts/screenshots.py`: one module per feature, each with
`SCENES = {"name": function(window, stage)}`."""
