"""The wheel carries everything the app reads at run time, and passes its self-test in a fresh venv."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import venv
import zipfile
from pathlib import Path

import pytest

from desktop import APP_ID

REPO = Path(__file__).resolve().parents[2]

# Files a wheel must ship that are not Python modules (and so easy to lose from a build config).
REQUIRED_IN_WHEEL = [
    "desktop/_resources/credits.toml",
    "desktop/_resources/themes/default/index.html.j2",
    "desktop/_resources/samples/self-test.jpg",
    "desktop/_resources/samples/self-test-dump.txt",
    f"desktop/_resources/linux/{APP_ID}.desktop",
    f"desktop/_resources/linux/{APP_ID}.metainfo.xml",
    "desktop/store/migrations/env.py",
    "desktop/store/migrations/script.py.mako",
    "desktop/store/migrations/versions/0001_initial_schema.py",
]


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # pip wheel, not `python -m build`: no extra tool, and --no-deps builds just ours.
    result = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("caption_desk-*.whl")
    return built


@pytest.mark.slow
def test_wheel_ships_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in REQUIRED_IN_WHEEL if n not in names]
    assert not missing, f"not in {wheel.name}: {missing}"
    assert not [n for n in names if n.startswith("tests/")], "tests leaked into the wheel"


@pytest.mark.slow
def test_fresh_venv_self_test(wheel: Path, tmp_path: Path) -> None:
    """Install the wheel with its dependencies into an empty venv (PyPI or the configured index;
    pip's cache makes re-runs quick), then run the installed console script's self-test."""
    env_dir = tmp_path / "fresh"
    started = time.monotonic()
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    result = _run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    installed = time.monotonic() - started

    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAPTION_DESK_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("PYTHONPATH", None)  # the installed copy, not this checkout
    script = bindir / "caption-desk"
    # cwd away from the checkout, so `desktop` cannot be imported from the source tree.
    version = _run([str(script), "--version"], env=env, cwd=tmp_path, timeout=60)
    assert version.returncode == 0, version.stderr
    result = _run([str(script), "--self-test"], env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "(installed package)" in result.stderr, result.stderr
    assert str(env_dir) in result.stderr, "the resources must come from the installed wheel"
    assert "ok: self-test passed" in result.stderr
    print(f"fresh venv: install {installed:.0f} s, total {time.monotonic() - started:.0f} s")
