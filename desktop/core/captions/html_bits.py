"""Small readers shared by the markup forms: the image, the credit element, ids and alignment."""

from __future__ import annotations

import re

from desktop.core.captions.attributes import class_names, int_or_none, parse_attributes
from desktop.core.captions.cleaning import clean_attribute, clean_url


def up_to_closer(group: str, name: str, refuse: str = "") -> str:
    """A regex piece: the text before the first `</name>` (named `group`), then that closer.

    It matches what `(?P<group>.*?)</name\\s*>` (DOTALL) does: the text runs to the first
    closer, which it cannot pass; but it takes runs of non-`<` characters whole instead of
    one character at a time, which is several times faster. `refuse`, a lookahead, names the
    tags the text may not hold (the whole-element readers use it).
    """
    return rf"(?P<{group}>[^<]*+(?:<(?!/{name}\s*>){refuse}[^<]*+)*+)</{name}\s*>"


IMG_RE = re.compile(r"<img\b(?P<attrs>[^<>]{0,4000})>", re.IGNORECASE)
# The WordPress shortcode's own reading of its content: an optionally linked image, then text.
LINKED_IMG_RE = re.compile(
    r"(?:<a\b[^<>]{0,4000}>\s*)?<img\b(?P<attrs>[^<>]{0,4000})>(?:\s*</a\s*>)?", re.IGNORECASE
)
# An element whose class says it holds the credit (`<span class="credit">`, `<cite
# class="photo-credit">`, the Media Credit plugin's `<span class="media-credit">`).
CREDIT_ELEMENT_RE = re.compile(
    r"""<(?P<tag>span|cite|small|em|p|div)\b(?P<attrs>[^<>]{0,2000}?class\s*=\s*["'][^"'<>]*credit[^"'<>]*["'][^<>]{0,2000})>
        (?P<body>.{0,4000}?)</(?P=tag)\s*>""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_ATTACHMENT_RE = re.compile(r"attachment[_-]?(\d{1,12})", re.IGNORECASE)
_WP_IMAGE_RE = re.compile(r"\bwp-image-(\d{1,12})\b", re.IGNORECASE)
_WP_IMAGE_LOWER_RE = re.compile(r"w(?<!\ww)p-image-(\d{1,12})\b")  # (?<!\ww): \b before the w
_STYLE_WIDTH_RE = re.compile(r"(?:^|;)\s*(?:max-)?width\s*:\s*(\d{1,6})\s*px", re.IGNORECASE)


class Image:
    """The `<img>` of a caption: src, alt, width and any attachment id its class carries."""

    def __init__(self, attrs: dict[str, str]) -> None:
        self.attrs = attrs
        src = attrs.get("src") or attrs.get("data-src") or attrs.get("data-lazy-src")
        # The cleaners return at once for the usual ASCII value with no `&`.
        self.src = clean_url(src) or None if src else None
        self.alt = clean_attribute(attrs["alt"]) or None if attrs.get("alt") else None
        self.width = int_or_none(attrs.get("width"))
        self.attachment_id = _image_attachment_id(attrs)


def _image_attachment_id(attrs: dict[str, str]) -> int | None:
    classes = attrs.get("class", "")
    # For ASCII, IGNORECASE is plain case folding, so the case-sensitive regex on the lower-cased
    # text finds the same digits; starting with a literal, it skips ahead in C.
    match = (
        _WP_IMAGE_LOWER_RE.search(classes.lower())
        if classes.isascii()
        else _WP_IMAGE_RE.search(classes)
    )
    if match:
        return int(match.group(1))
    for name in ("data-id", "data-attachment-id"):
        value = int_or_none(attrs.get(name))
        if value is not None:
            return value
    return None


def first_image(markup: str) -> Image | None:
    match = IMG_RE.search(markup)
    return Image(parse_attributes(match.group("attrs"))) if match else None


def attachment_id_from(value: str | None) -> int | None:
    """`attachment_123` (or a bare number) to 123."""
    if not value:
        return None
    if value.startswith("attachment_"):  # the usual `attachment_123`, without the regex
        digits = value[11:]
        if 0 < len(digits) <= 12 and digits.isascii() and digits.isdigit():
            return int(digits)
    match = _ATTACHMENT_RE.search(value)
    if match:
        return int(match.group(1))
    return int(value.strip()) if value.strip().isdigit() else None


def align_from(attrs: dict[str, str]) -> str | None:
    for name in class_names(attrs):
        if name.startswith("align"):
            return name
    return None


def style_width(attrs: dict[str, str]) -> int | None:
    match = _STYLE_WIDTH_RE.search(attrs.get("style", ""))
    return int(match.group(1)) if match else None


def take_credit_element(markup: str) -> tuple[str, str | None]:
    """The markup without its credit element, and that element's content (None if none)."""
    if "<" not in markup:  # the element starts with one
        return markup, None
    match = CREDIT_ELEMENT_RE.search(markup)
    if match is None:
        return markup, None
    return markup[: match.start()] + " " + markup[match.end() :], match.group("body")
