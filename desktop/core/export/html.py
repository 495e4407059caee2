"""The gallery page: a Jinja2 environment over the default theme (or one that overrides it) and the render."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined
from jinja2 import TemplateError as JinjaTemplateError
from markupsafe import Markup

from desktop.core.resources import resource_path

from .entry import GalleryEntry
from .options import ExportError, ExportOptions

PAGE_TEMPLATE = "index.html.j2"
STYLE_TEMPLATE = "gallery.css"
SCRIPT_TEMPLATE = "lightbox.js"


def default_theme_dir() -> Path:
    return resource_path("themes", "default")


def make_environment(theme_dir: Path | None = None) -> Environment:
    """Theme templates first, the default theme behind them (implicit inheritance), and the
    default also under "!default/" so a theme can extend the template it replaces (as sigal does).
    """
    default = FileSystemLoader(str(default_theme_dir()))
    loaders: list = []
    if theme_dir is not None:
        loaders.append(FileSystemLoader(str(theme_dir)))
    loaders += [default, PrefixLoader({"!default": default})]
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,  # every caption, credit and tag is user text: escape by default
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,  # a typo in a theme fails the export instead of a blank page
        keep_trailing_newline=True,
    )


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_index(entries: Sequence[GalleryEntry], options: ExportOptions) -> str:
    """index.html with its CSS and script inline, so the folder works from file:// with no network.

    The page's Content-Security-Policy allows exactly the inline script we wrote (by hash) and no
    network at all, so even a caption that slipped past escaping could not run or phone home.
    """
    env = make_environment(options.theme_dir)
    try:
        context = {"title": options.title, "lang": options.lang, "entries": entries}
        css = env.get_template(STYLE_TEMPLATE).render(context)
        script = env.get_template(SCRIPT_TEMPLATE).render(context)
        lightbox = [
            {
                "src": e.file,
                "caption": e.caption,
                "credit": e.credit,
                "line": e.caption_line,
                "parts": [list(part) for part in e.parts],
                "alt": e.alt,
                "width": e.width,
                "height": e.height,
            }
            for e in entries
        ]
        return env.get_template(PAGE_TEMPLATE).render(
            context,
            css=Markup(css),  # theme files are trusted code, not user text
            script=Markup(script),
            script_hash=_csp_hash(script),
            style_hash=_csp_hash(css),
            lightbox=lightbox,
        )
    except JinjaTemplateError as exc:
        where = options.theme_dir or default_theme_dir()
        raise ExportError(f"Gallery theme {where} cannot be used: {exc}") from exc
