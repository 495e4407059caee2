"""The Linux desktop integration files pass their validators and agree with the app and pyproject.toml."""

from __future__ import annotations

import configparser
import json
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop import APP_ID

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "resources" / "linux"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
FLATPAK = REPO / "packaging" / "flatpak"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _tool(name: str, debian_package: str) -> str:
    """The validator's path. Missing is a failure, not a skip: an unvalidated file ships broken."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is not installed: install the Debian package {debian_package} "
            f"(`make system-deps` does, or: apt-get install -y {debian_package})"
        )
    return path


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def test_desktop_file_validates() -> None:
    result = _run(_tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP_FILE))
    # desktop-file-validate exits 0 with hints on stdout; errors and warnings make it non-zero.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower(), result.stdout


def test_metainfo_validates() -> None:
    result = _run(_tool("appstreamcli", "appstream"), "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_launches_the_console_script_with_the_app_icon() -> None:
    entry = _desktop_entry()
    script = next(iter(PYPROJECT["project"]["scripts"]))
    assert entry["Exec"].split()[0] == script
    assert entry["Icon"] == APP_ID  # Qt's setDesktopFileName and the icon theme use the app id


def test_metainfo_agrees_with_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    script = next(iter(PYPROJECT["project"]["scripts"]))
    assert root.findtext("provides/binary") == script
    versions = [r.get("version") for r in root.iter("release")]
    assert PYPROJECT["project"]["version"] in versions, "add a <release> for the new version"


def test_metainfo_screenshot_is_the_one_in_the_repository() -> None:
    url = ET.parse(METAINFO).getroot().findtext("screenshots/screenshot/image") or ""
    assert url.startswith("https://"), url
    relative = re.sub(r"^https://raw\.githubusercontent\.com/[^/]+/[^/]+/[^/]+/", "", url)
    assert (REPO / relative).is_file(), f"{url} names {relative}, which is not in the repository"


def test_icons_named_by_the_desktop_file_exist() -> None:
    icons = REPO / "resources" / "icons"
    pngs = sorted(icons.glob(f"hicolor/*/apps/{APP_ID}.png"))
    sizes = {p.parts[-3] for p in pngs}
    missing = {"48x48", "128x128", "256x256"} - sizes
    assert not missing, f"hicolor PNG icons missing for {sorted(missing)} under {icons}"
    assert (icons / "caption-desk.svg").is_file(), "the scalable icon is missing"


def _normalized(requirement: str) -> str:
    name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", name).lower()


def test_flatpak_wheels_cover_the_dependencies() -> None:
    """python3-deps.json is generated from pyproject.toml; a new dependency needs a re-run."""
    module = json.loads((FLATPAK / "python3-deps.json").read_text(encoding="utf-8"))
    wheels = {_normalized(Path(s["url"]).name.split("-")[0]) for s in module["sources"]}
    wanted = {
        _normalized(d)
        for d in PYPROJECT["project"]["dependencies"]
        if not _normalized(d).startswith(("pyside6", "shiboken6"))  # from the base app
    }
    missing = wanted - wheels
    assert not missing, (
        f"the Flatpak lacks wheels for {sorted(missing)}: run "
        ".venv/bin/python packaging/flatpak/generate_deps.py"
    )
    for source in module["sources"]:
        assert source["url"].startswith("https://files.pythonhosted.org/"), source["url"]
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"]), source


def test_pyinstaller_spec_is_valid_python() -> None:
    spec = REPO / "packaging" / "caption-desk.spec"
    compile(spec.read_text(encoding="utf-8"), str(spec), "exec")
