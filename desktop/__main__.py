"""`python -m desktop` runs the same CLI as the `caption-desk` console script."""

from __future__ import annotations

import sys

from desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
