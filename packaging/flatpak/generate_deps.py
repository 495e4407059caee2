"""Writes python3-deps.json, the Flatpak module with Caption Desk's Python dependencies as pinned wheels.

flatpak-builder builds without network, so every wheel is listed with its URL and sha256. pip's
own resolver finds them (`pip install --dry-run --report`, no extra tool), once per architecture
the manifest builds for, against the runtime's Python. PySide6 is left out: the
io.qt.PySide.BaseApp base app provides it, built against the runtime's Qt.

Run after changing dependencies in pyproject.toml:
    .venv/bin/python packaging/flatpak/generate_deps.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUTPUT = HERE / "python3-deps.json"
BUILD_OUTPUT = HERE / "python3-build-deps.json"

RUNTIME_PYTHON = "3.12"  # org.kde.Platform 6.8 (freedesktop 24.08) ships Python 3.12
ARCHES = {
    "x86_64": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"],
    "aarch64": ["manylinux_2_28_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"],
}
PROVIDED_BY_BASE_APP = ("pyside6", "shiboken6")
# Published as a source archive only (pure Python, built with setuptools at install time); its
# compiled part comes in the pyvips-binary wheel, which is resolved with the other wheels.
SDIST_ONLY = {"pyvips[binary]": ["pyvips-binary", "cffi>=1.0"]}


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def requirements() -> list[str]:
    """The wheels to resolve: the dependencies, with an sdist-only one replaced by its wheels."""
    deps = _pyproject()["project"]["dependencies"]
    wheels: list[str] = []
    for dep in deps:
        if dep.lower().startswith(PROVIDED_BY_BASE_APP):
            continue
        sdist = next((name for name in SDIST_ONLY if dep.startswith(name)), None)
        wheels += SDIST_ONLY[sdist] if sdist else [dep]
    return wheels


def sdists() -> list[dict[str, str]]:
    """The source archives of the SDIST_ONLY dependencies (built in the sandbox, no network)."""
    deps = [d for d in _pyproject()["project"]["dependencies"] if d.startswith(tuple(SDIST_ONLY))]
    return _pip_report(
        ["--no-deps", "--no-binary=:all:"], [d.replace("[binary]", "") for d in deps]
    )


def build_requirements() -> list[str]:
    """hatchling and its own needs (the SDK has pip but no build backend for our pyproject),
    and setuptools for the sdist-only dependencies."""
    return [*_pyproject()["build-system"]["requires"], "setuptools>=61"]


def resolve(platforms: list[str], reqs: list[str]) -> list[dict[str, str]]:
    """The wheels pip would install for these platform tags: name, url, sha256."""
    options = ["--only-binary=:all:", "--implementation", "cp", "--python-version", RUNTIME_PYTHON]
    for tag in [*platforms, "any"]:
        options += ["--platform", tag]
    return _pip_report(options, reqs)


def _pip_report(options: list[str], reqs: list[str]) -> list[dict[str, str]]:
    """What `pip install --dry-run` with these options would fetch: name, url, sha256."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [
            sys.executable, "-m", "pip", "install", "--isolated", "--quiet", "--dry-run",
            "--ignore-installed", "--target", str(Path(tmp) / "unused"), "--report", str(report),
            *options,
        ]  # fmt: skip
        # --isolated ignores pip.conf; PIP_FIND_LINKS would still add local wheel folders,
        # whose file:// URLs are no use to flatpak-builder.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
        subprocess.run([*cmd, *reqs], check=True, env=env)
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    return [
        {
            "name": item["metadata"]["name"],
            "url": item["download_info"]["url"],
            "sha256": item["download_info"]["archive_info"]["hashes"]["sha256"],
        }
        for item in installs
    ]


def module(
    name: str, reqs: list[str], *, build_only: bool = False, with_sdists: bool = False
) -> dict[str, object]:
    by_url: dict[str, dict[str, object]] = {}
    names: list[str] = []
    extra = sdists() if with_sdists else []
    for arch, platforms in ARCHES.items():
        for wheel in [*resolve(platforms, reqs), *extra]:
            if wheel["name"] not in names:
                names.append(wheel["name"])
            source = by_url.setdefault(
                wheel["url"],
                {"type": "file", "url": wheel["url"], "sha256": wheel["sha256"], "arches": []},
            )
            source["arches"].append(arch)  # type: ignore[union-attr]
    sources: list[dict[str, object]] = []
    for source in by_url.values():
        arches = source.pop("arches")
        if arches != list(ARCHES):  # a compiled wheel: only where it runs
            source["only-arches"] = arches
        sources.append(source)
    result: dict[str, object] = {
        "name": name,
        "buildsystem": "simple",
        "build-commands": [
            'pip3 install --verbose --exists-action=i --no-index --find-links="file://${PWD}" '
            "--prefix=${FLATPAK_DEST} --no-build-isolation " + " ".join(f'"{n}"' for n in names)
        ],
        "sources": sources,
    }
    if build_only:
        result["cleanup"] = ["*"]  # removed from the finished app: needed only to build it
    return result


def main() -> None:
    for path, data in (
        (OUTPUT, module("python3-caption-desk-deps", requirements(), with_sdists=True)),
        (
            BUILD_OUTPUT,
            module("python3-caption-desk-build-deps", build_requirements(), build_only=True),
        ),
    ):
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(data['sources'])} wheels)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
