"""The layers point one way (ui, cli -> services -> store -> core); Qt only in ui, SQLAlchemy only
in store. import-linter checks the imports; this test fails the suite when it does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken" in result.stdout


def test_core_imports_without_qt_or_sqlalchemy() -> None:
    code = (
        "import sys, pkgutil, importlib, desktop.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'desktop.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.startswith(('PySide6', 'sqlalchemy'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
