"""Renders the conflict dialog offscreen, as a picture desk sees it after a colleague saved the
same photo's caption and credit first.

    .venv/bin/python tests/ui/conflict_dialog_screenshot.py [OUT.png]
    # default: resources/screenshots/conflict-dialog.png
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "resources" / "screenshots" / "conflict-dialog.png"

THEIRS = (
    "Expedition 38 crew members Koichi Wakata of Japan, Mikhail Tyurin of Russia and Rick "
    "Mastracchio of the U.S. wave before the launch of the Soyuz TMA-11M spacecraft at the "
    "Baikonur cosmodrome, November 7, 2013."
)
MINE = (
    "The Soyuz TMA-11M spacecraft carrying the Olympic torch blasts off from the launch pad "
    "at Baikonur, Kazakhstan, November 7, 2013."
)


def main(argv: list[str]) -> int:
    from desktop.ui.app import make_application
    from desktop.ui.conflict_dialog import ConflictDialog, FieldConflict

    out = Path(argv[1]) if len(argv) > 1 else OUT
    app = make_application()
    rows = [
        FieldConflict("caption", "Caption", THEIRS, MINE, they_changed=True),
        FieldConflict("credit", "Credit", "REUTERS", "REUTERS/Shamil Zhumatov", False),
    ]
    dialog = ConflictDialog("“soyuz-launch.jpg” (#4)", "mvucci at 14:32", rows)
    dialog.show()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = dialog.grab().save(str(out), "PNG")
    dialog.close()
    print(f"wrote {out}" if ok else f"cannot write {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
