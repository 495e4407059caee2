"""Render a clean WordPress `[caption]` shortcode from caption fields, for export and round trips."""

from __future__ import annotations

import html

# Square brackets in text or attributes would end the shortcode early; WordPress itself stores
# them as these numeric entities, which our parser (and WordPress) decode back.
_BRACKETS = str.maketrans({"[": "&#91;", "]": "&#93;"})


def _escape_attr(value: str) -> str:
    return html.escape(value, quote=True).translate(_BRACKETS)


def _escape_text(value: str) -> str:
    return html.escape(value, quote=False).translate(_BRACKETS)


def render_shortcode(
    *,
    text: str,
    credit: str | None = None,
    attachment_id: int | None = None,
    align: str | None = "alignnone",
    width: int | None = None,
    image_src: str | None = None,
    image_alt: str | None = None,
) -> str:
    """One `[caption ...]<img ... /> text credit[/caption]` with straight quotes.

    Attribute values and text are HTML-escaped; the id, width and image parts are left out when
    they are None. The credit follows the text after one space, as wire captions carry it.
    """
    attrs: list[str] = []
    if attachment_id is not None:
        attrs.append(f'id="attachment_{int(attachment_id)}"')
    if align is not None:
        attrs.append(f'align="{_escape_attr(align)}"')
    if width is not None:
        attrs.append(f'width="{int(width)}"')
    opener = "[caption " + " ".join(attrs) + "]" if attrs else "[caption]"

    image = ""
    if image_src is not None:
        img_attrs = [f'src="{_escape_attr(image_src)}"', f'alt="{_escape_attr(image_alt or "")}"']
        if width is not None:
            img_attrs.append(f'width="{int(width)}"')
        image = "<img " + " ".join(img_attrs) + " /> "

    body = _escape_text(text.strip())
    if credit:
        body = f"{body} {_escape_text(credit.strip())}" if body else _escape_text(credit.strip())
    return f"{opener}{image}{body}[/caption]"
