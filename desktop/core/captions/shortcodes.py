"""Read WordPress `[caption]` / `[wp_caption]` shortcodes, modern and legacy, escaped and broken."""

from __future__ import annotations

import re

from desktop.core.captions.attributes import int_or_none, parse_attributes
from desktop.core.captions.html_bits import LINKED_IMG_RE, Image, attachment_id_from
from desktop.core.captions.raw import Found, RawCaption, skip
from desktop.core.captions.regions import MAX_TAG, ScanContext, find_region

_TAG_RE = re.compile(
    rf"\[(?P<name>caption|wp_caption)(?P<attrs>\s[^\[\]]{{0,{MAX_TAG}}})?\]", re.IGNORECASE
)
_UNFINISHED_TAG_RE = re.compile(rf"\[(?:caption|wp_caption)[^\[\]]{{0,{MAX_TAG}}}\Z", re.IGNORECASE)
CLOSER_RE = re.compile(r"\[/(?:caption|wp_caption)\]", re.IGNORECASE)
NEXT_OPENER_RE = re.compile(r"\[(?:caption|wp_caption)[\s\]]", re.IGNORECASE)
# The Media Credit plugin wraps the image: [media-credit name="Jane Doe" ...]<img>[/media-credit].
_MEDIA_CREDIT_RE = re.compile(
    r"\[media-credit\b(?P<attrs>[^\[\]]{0,2000})\](?P<body>.{0,8000}?)\[/media-credit\]",
    re.IGNORECASE | re.DOTALL,
)
_KNOWN = frozenset(("id", "align", "width", "caption"))
# LINKED_IMG_RE for the scanner's opener regex (IGNORECASE, VERBOSE), its tags' attributes read
# as `[^>]` in groups `link` and `img`: the same match where these hold no `<`.
LINKED_AT_START = r"(?:<a\b(?P<link>[^>]{0,4000})>\s*)?<img\b(?P<img>[^>]{0,4000})>(?:\s*</a\s*>)?"


def read_shortcode(ctx: ScanContext, start: int) -> Found | None:
    """The `[caption ...]...[/caption]` that starts at `start`; None asks for more text."""
    tag = _TAG_RE.match(ctx.buf, start)
    if tag is None:
        if _UNFINISHED_TAG_RE.match(ctx.buf, start) and ctx.may_grow(start):
            return None
        return skip(start + 1, start, "tag", "a [caption tag without its closing ] was ignored")
    region = find_region(ctx, tag.end(), CLOSER_RE, NEXT_OPENER_RE, opened_at=start)
    if region is None:
        return None
    found = Found(region.end, [], [])
    if not region.closed:
        found.warnings.append(
            (
                start,
                "unclosed",
                f"[{tag.group('name')}] has no [/{tag.group('name')}]; "
                "ended at the end of its line",
            )
        )
    raw = caption_from_shortcode(tag.group("attrs") or "", ctx.buf[region.start : region.stop])
    raw.pos = start
    found.captions.append(raw)
    return found


def read_escaped(ctx: ScanContext, start: int) -> Found | None:
    """`[[caption]]...[/caption]]` is WordPress's way of showing a shortcode as text: no caption.

    Only the doubled opening bracket with a doubled closing one escapes; otherwise the inner
    `[caption` is read as usual, as WordPress does.
    """
    tag = _TAG_RE.match(ctx.buf, start + 1)
    if tag is None:
        if _UNFINISHED_TAG_RE.match(ctx.buf, start + 1) and ctx.may_grow(start):
            return None
        return skip(start + 2)
    region = find_region(ctx, tag.end(), CLOSER_RE, NEXT_OPENER_RE, opened_at=start)
    if region is None:
        return None
    buf = ctx.buf
    if region.closed:
        if buf.startswith("]", region.end):
            return skip(region.end + 1)
    elif buf.startswith("]", tag.end()):
        return skip(tag.end() + 1)
    if region.end >= len(buf) and ctx.may_grow(start):
        return None  # the `]` that escapes may be the next character to arrive
    return read_shortcode(ctx, start + 1)


def caption_from_shortcode(
    attr_text: str, content: str, linked_at_start: tuple[int, str] | None = None
) -> RawCaption:
    """Fields of one shortcode from its attribute text and its content.

    `linked_at_start`, when the caller has it: LINKED_IMG_RE's match at the content's start
    (its length and its `attrs` group), which is then the one that regex finds.
    """
    attrs = parse_attributes(attr_text)
    credit_html = None
    # `[media-credit` needs a `[`, which caption text seldom has: skip the regex without one.
    media_credit = _MEDIA_CREDIT_RE.search(content) if "[" in content else None
    if media_credit is not None:
        credit_attrs = parse_attributes(media_credit.group("attrs"))
        credit_html = credit_attrs.get("name")
        content = (
            content[: media_credit.start()]
            + media_credit.group("body")
            + content[media_credit.end() :]
        )
    image = None
    if linked_at_start is not None and media_credit is None:
        image = Image(parse_attributes(linked_at_start[1]))
        content = " " + content[linked_at_start[0] :]
        linked = None
    else:
        linked = LINKED_IMG_RE.search(content)
    if linked is not None:
        image = Image(parse_attributes(linked.group("attrs")))
        content = content[: linked.start()] + " " + content[linked.end() :]
    # Legacy shortcodes carry the text in `caption="..."`; like WordPress, it wins over content.
    text_html = attrs.get("caption", content)
    attachment_id = attachment_id_from(attrs.get("id"))
    # Usually every attribute is a known one: no list to build item by item.
    extra = [] if attrs.keys() <= _KNOWN else [(k, v) for k, v in attrs.items() if k not in _KNOWN]
    if "id" in attrs and attachment_id is None:
        extra.insert(0, ("id", attrs["id"]))
    if attachment_id is None and image is not None:
        attachment_id = image.attachment_id
    width = int_or_none(attrs.get("width"))
    return RawCaption(
        pos=0,
        markup="wp-shortcode",
        text_html=text_html,
        credit_html=credit_html,
        attachment_id=attachment_id,
        align=attrs.get("align") or None,
        width=width if width is not None else (image.width if image else None),
        image_src=image.src if image else None,
        image_alt=image.alt if image else None,
        extra_attrs=tuple(extra),
    )
