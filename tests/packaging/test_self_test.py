"""`caption-desk --self-test` passes in this checkout, and reports a failing step with exit status 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import self_test

STEP_NAMES = [name for name, _ in self_test.STEPS]


def private_env(home: Path) -> dict[str, str]:
    """The environment of a user who has never run the app, on a machine without a display."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAPTION_DESK_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def test_self_test_passes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        capture_output=True,
        text=True,
        env=private_env(home),
        cwd=tmp_path,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "", "the self-test writes to stderr only"
    for name in STEP_NAMES:
        assert f"ok: {name}: " in result.stderr, result.stderr
    assert "ok: self-test passed" in result.stderr
    # Nothing lands in the user's folders: the library, cache and gallery are temporary.
    assert list(home.rglob("*")) == [], list(home.rglob("*"))


def test_a_failing_step_is_named_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(run: object) -> str:
        raise self_test.SelfTestFailure("expected 1 photo added, got 0")

    never_reached: list[str] = []
    steps = [
        ("resources", self_test.step_resources),
        ("import-images", broken),
        ("export", lambda run: never_reached.append("export") or "exported"),
    ]
    monkeypatch.setattr(self_test, "STEPS", steps)
    assert self_test.run_self_test() == 1
    err = capsys.readouterr().err
    assert "ok: resources: " in err
    assert "FAILED: import-images: expected 1 photo added, got 0" in err
    assert never_reached == [], "steps after a failure must not run"


def test_an_unexpected_error_is_reported_with_its_type(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crashes(run: object) -> str:
        raise ModuleNotFoundError("No module named 'psycopg_binary'")

    monkeypatch.setattr(self_test, "STEPS", [("library", crashes)])
    assert self_test.run_self_test() == 1
    assert "FAILED: library: ModuleNotFoundError(" in capsys.readouterr().err
