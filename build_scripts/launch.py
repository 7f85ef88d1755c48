"""PyInstaller's entry script: the bundled `columnist` is exactly the `columnist` command.

A separate file (not `columnist/__main__.py`) so the bundle's top-level script is not a
module of the package, which would then be imported twice under two names.
"""

from columnist.cli import main

raise SystemExit(main())
