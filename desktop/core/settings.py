"""User settings shared by the CLI and the GUI: a TOML file in the platform's config folder.

Qt's QSettings is kept for window geometry only; everything a user would want the CLI to honour
too (the house style of caption lines, export defaults, the editor's name) lives here.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs
import tomli_w


@dataclass
class Settings:
    user_name: str = ""
    house_style: str = "{caption} (Photo: {credit})"
    export_size: int = 1600
    export_thumb_size: int = 400
    export_quality: int = 85
    export_keep_gps: bool = False
    gallery_lang: str = "en"


def settings_path() -> Path:
    override = os.environ.get("CAPTION_DESK_CONFIG")
    if override:
        return Path(override)
    return platformdirs.user_config_path("caption-desk", appauthor=False) / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; a missing or unreadable file gives the defaults (never an error)."""
    path = path or settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return Settings()
    known = {f.name: f.type for f in fields(Settings)}
    values = {}
    for key, value in data.items():
        default = getattr(Settings, key, None)
        if key in known and isinstance(value, type(default)):
            values[key] = value
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(asdict(settings)), encoding="utf-8")
    os.replace(tmp, path)
