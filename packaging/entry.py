"""The frozen app's entry point (PyInstaller's script): the same CLI as `caption-desk`.

freeze_support() must run before anything else: worker processes of a frozen app are started
by running this very executable again, and freeze_support() is what turns such a run into a
worker instead of a second copy of the CLI.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

    from desktop.cli.main import main

    sys.exit(main())
