"""Read Gutenberg `<!-- wp:image {...} -->` and `<!-- wp:gallery {...} -->` blocks (markup `gutenberg`)."""

from __future__ import annotations

import json
import re
from typing import Any

from desktop.core.captions.attributes import int_or_none, parse_attributes
from desktop.core.captions.html_bits import Image, first_image, take_credit_element, up_to_closer
from desktop.core.captions.raw import Found, RawCaption, skip
from desktop.core.captions.regions import MAX_SPAN, ScanContext, find_region

# Gutenberg escapes `<`, `>` and `--` inside block attributes, so the JSON holds no `>`.
_COMMENT_RE = re.compile(
    r"<!--\s*wp:(?P<kind>image|gallery)\b(?P<json>[^<>]{0,8000}?)\s*(?P<self>/)?-->",
    re.IGNORECASE,
)
_UNFINISHED_RE = re.compile(r"<!--\s*wp:(?:image|gallery)\b[^<>]{0,8000}\Z", re.IGNORECASE)
_CLOSERS = {
    "image": re.compile(r"<!--\s*/wp:image\s*-->", re.IGNORECASE),
    "gallery": re.compile(r"<!--\s*/wp:gallery\s*-->", re.IGNORECASE),
}
_OPENERS = {
    "image": re.compile(r"<!--\s*wp:image\b", re.IGNORECASE),
    "gallery": re.compile(r"<!--\s*wp:gallery\b", re.IGNORECASE),
}
_FIGCAPTION_RE = re.compile(
    r"<figcaption\b(?P<attrs>[^<>]{0,4000})>" + up_to_closer("text", "figcaption"),
    re.IGNORECASE,
)
_ITEM_RE = re.compile(r"<figure\b[^<>]{0,4000}>" + up_to_closer("inner", "figure"), re.IGNORECASE)
_ID_RE = re.compile(r'"id"\s*:\s*(\d{1,12})')


def _block_attrs(text: str) -> tuple[dict[str, Any], bool]:
    """The block's JSON attributes, and whether they could be read."""
    text = text.strip()
    if not text:
        return {}, True
    try:
        value = json.loads(text)
    except ValueError:
        match = _ID_RE.search(text)
        return ({"id": int(match.group(1))} if match else {}), False
    return (value if isinstance(value, dict) else {}), isinstance(value, dict)


def _align(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return value if value.startswith("align") else f"align{value}"


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int_or_none(value) if isinstance(value, str) else None


def _caption(
    inner: str, pos: int, block: dict[str, Any], fallback_id: int | None
) -> RawCaption | None:
    caption = _FIGCAPTION_RE.search(inner)
    if caption is None:
        return None  # an image with no caption is normal in a post, not a problem
    return _caption_of(pos, caption.group("text"), first_image(inner), block, fallback_id)


def _caption_of(
    pos: int, text: str, image: Image | None, block: dict[str, Any], fallback_id: int | None
) -> RawCaption:
    text_html, credit_html = take_credit_element(text)
    attachment_id = _int(block.get("id"))
    if attachment_id is None:
        attachment_id = image.attachment_id if image and image.attachment_id else fallback_id
    width = _int(block.get("width"))
    url = block.get("url")
    return RawCaption(
        pos=pos,
        markup="gutenberg",
        text_html=text_html,
        credit_html=credit_html,
        attachment_id=attachment_id,
        align=_align(block.get("align")),
        width=width if width is not None else (image.width if image else None),
        image_src=image.src if image else (url if isinstance(url, str) else None),
        image_alt=image.alt if image else None,
    )


# The usual image block read whole: _COMMENT_RE's reading of its comment (whatever follows, its
# json and self groups come out alike: the text after `-->` does not depend on them), a figure
# holding an (optionally linked) image and a figcaption, and the block's closer. Every `<`
# inside is one of these tags (the text holds no `<!`: refused), so the general reading's closer (the
# first), next opener (none before it), figcaption (the first) and image (the first) are these.
# Its long tags read `[^>]`, faster to skip than `[^<>]`: a match with a `<` in one is turned
# down, and without one it is the match `[^<>]` would have given.
_WHOLE_RE = re.compile(
    rf"""<!--\s*wp:(?P<kind>image)\b(?P<json>[^<>]{{0,8000}}?)\s*(?P<self>/)?-->\s*
    <figure\b(?P<figure>[^>]{{0,4000}})>\s*
    (?:<a\b(?P<link>[^>]{{0,4000}})>\s*)?<img\b(?P<img>[^>]{{0,4000}})>(?:\s*</a\s*>)?\s*
    <figcaption\b[^<>]{{0,4000}}>{up_to_closer("text", "figcaption", refuse="(?!!)")}\s*</figure\s*>\s*
    <!--\s*/wp:image\s*-->""",
    re.IGNORECASE | re.VERBOSE,
)


def _read_whole(buf: str, start: int) -> Found | None:
    """What read_block finds for an image block _WHOLE_RE reads; None when it cannot say."""
    whole = _WHOLE_RE.match(buf, start)
    if whole is None:
        return None
    kind, json_text, self_closed, figure, link, img, text = whole.group(
        "kind", "json", "self", "figure", "link", "img", "text"
    )
    if (
        self_closed is not None
        or kind.lower() != "image"
        or whole.end() - start > MAX_SPAN
        or "<" in figure
        or "<" in img
        or (link is not None and "<" in link)
    ):
        return None
    block, readable = _block_attrs(json_text)
    warnings = [] if readable else [(start, "json", "wp:image block attributes are not valid JSON")]
    image = Image(parse_attributes(img))
    return Found(whole.end(), [_caption_of(start, text, image, block, None)], warnings)


def read_block(ctx: ScanContext, start: int) -> Found | None:
    """The `wp:image` or `wp:gallery` block that starts at `start`; None asks for more text."""
    found = _read_whole(ctx.buf, start)
    if found is not None:
        return found
    comment = _COMMENT_RE.match(ctx.buf, start)
    if comment is None:
        if _UNFINISHED_RE.match(ctx.buf, start) and ctx.may_grow(start):
            return None
        return skip(
            start + 4, start, "block", "a Gutenberg block comment that does not end was ignored"
        )
    kind = comment.group("kind").lower()
    block, readable = _block_attrs(comment.group("json"))
    warnings = (
        [] if readable else [(start, "json", f"wp:{kind} block attributes are not valid JSON")]
    )
    if comment.group("self"):
        return Found(comment.end(), [], warnings)
    region = find_region(ctx, comment.end(), _CLOSERS[kind], _OPENERS[kind], opened_at=start)
    if region is None:
        return None
    if kind == "gallery":
        return _read_gallery(ctx, start, comment.end(), region.stop, region.end, block, warnings)
    found = Found(region.end, [], warnings)
    if not region.closed:
        found.warnings.append((start, "unclosed", "wp:image block has no <!-- /wp:image -->"))
    raw = _caption(ctx.buf[region.start : region.stop], start, block, None)
    if raw is not None:
        found.captions.append(raw)
    return found


def _read_gallery(
    ctx: ScanContext,
    start: int,
    content_start: int,
    stop: int,
    end: int,
    block: dict[str, Any],
    warnings: list[tuple[int, str, str]],
) -> Found:
    inner = ctx.buf[content_start:stop]
    if _OPENERS["image"].search(inner):
        # Since WordPress 5.9 a gallery holds wp:image blocks, read one by one by the scanner.
        return Found(content_start, [], warnings)
    # Older galleries list figures; the block's `ids` give ids the images may not carry.
    ids = block.get("ids") if isinstance(block.get("ids"), list) else []
    found = Found(end, [], warnings)
    for index, item in enumerate(_ITEM_RE.finditer(inner)):
        fallback = _int(ids[index]) if index < len(ids) else None
        raw = _caption(item.group("inner"), content_start + item.start(), {}, fallback)
        if raw is not None:
            found.captions.append(raw)
    if not found.captions:
        return skip(content_start)
    return found
