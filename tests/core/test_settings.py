"""Settings survive a round trip; a broken file falls back to defaults instead of failing."""

from __future__ import annotations

from pathlib import Path

from desktop.core.settings import Settings, load_settings, save_settings


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    save_settings(
        Settings(user_name="Desk 2", house_style="{caption} — {credit}", export_quality=90), path
    )
    loaded = load_settings(path)
    assert (loaded.user_name, loaded.house_style, loaded.export_quality) == (
        "Desk 2",
        "{caption} — {credit}",
        90,
    )


def test_broken_or_wrongly_typed_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("export_quality = 'high'\nhouse_style = [\n", encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text("export_quality = 'high'\nuser_name = 'Ana'\n", encoding="utf-8")
    assert load_settings(path) == Settings(user_name="Ana")
