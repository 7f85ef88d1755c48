"""`python -m columnist` is the same as the `columnist` command."""

from columnist.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
