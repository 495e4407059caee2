"""Read captions rendered as HTML: `div`/`figure`/`dl` with class `wp-caption`, and plain `figure`.

Anything with the `wp-caption` class is what WordPress rendered from a `[caption]` shortcode, so
it is markup `wp-html` whatever its element (div + p, HTML5 figure + figcaption, TinyMCE dl +
dt/dd); a `figure` with an image and a `figcaption` and no such class is markup `figure`.
"""

from __future__ import annotations

import re

from desktop.core.captions.attributes import class_names, parse_attributes
from desktop.core.captions.html_bits import (
    Image,
    align_from,
    attachment_id_from,
    first_image,
    style_width,
    take_credit_element,
    up_to_closer,
)
from desktop.core.captions.raw import Found, RawCaption, skip
from desktop.core.captions.regions import MAX_SPAN, MAX_TAG, ScanContext, find_region

_OPEN_TAG_RE = re.compile(
    rf"<(?P<name>div|figure|dl)\b(?P<attrs>[^<>]{{0,{MAX_TAG}}})>", re.IGNORECASE
)
_UNFINISHED_RE = re.compile(rf"<(?:div|figure|dl)\b[^<>]{{0,{MAX_TAG}}}\Z", re.IGNORECASE)
_CLOSERS = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("div", "figure", "dl")}
_WP_OPENER_RE = re.compile(r"<(?:div|figure|dl)\b[^<>]{0,4000}?\bwp-caption\b", re.IGNORECASE)
_FIGURE_OPENER_RE = re.compile(r"<figure\b", re.IGNORECASE)
_TEXT_RE = {
    "div": re.compile(
        r"<p\b[^<>]{0,2000}?wp-caption-text[^<>]{0,2000}>" + up_to_closer("text", "p"),
        re.IGNORECASE,
    ),
    "figure": re.compile(
        r"<figcaption\b[^<>]{0,4000}>" + up_to_closer("text", "figcaption"), re.IGNORECASE
    ),
    "dl": re.compile(r"<dd\b[^<>]{0,4000}>" + up_to_closer("text", "dd"), re.IGNORECASE),
}
_ANY_TEXT_RE = re.compile(r"<p\b[^<>]{0,4000}>" + up_to_closer("text", "p"), re.IGNORECASE)
_NESTED_DIV_RE = re.compile(r"<div\b", re.IGNORECASE)
_DIV_CLOSER = _CLOSERS["div"]
# Gallery wrappers hold several figures; each inner figure is read on its own.
_CONTAINER_CLASSES = ("wp-block-gallery", "blocks-gallery-grid", "gallery")


# The text of a whole-element reading holds no div, figure or dl tag, opening or closing.
_NO_CAPTION_TAG = r"(?!/?(?:div|figure|dl)\b)"


# The usual rendered caption read whole: its tag, an (optionally linked) image, its text element
# and its closer. Every `<` inside is one of these tags (the text holds no div/figure/dl tag), so
# the general reading's closer, next opener, nested divs, text, image and credit element are
# known from this match; _read_whole says why. Where it fails, the general reading runs.
#
# Its long tags read `[^>]` (a single excluded character is several times faster to skip than
# two); _read_whole then turns down a match with a `<` in one, and where there is none, the
# match is the one `[^<>]` would have given.
_WHOLE_RE = re.compile(
    rf"""<(?P<name>div|figure|dl)\b(?P<attrs>[^>]{{0,{MAX_TAG}}})>\s*
    (?:<dt\b[^<>]{{0,4000}}>\s*)?
    (?:<a\b(?P<link>[^>]{{0,4000}})>\s*)?
    <img\b(?P<img>[^>]{{0,4000}})>
    (?:\s*</a\s*>)?(?:\s*</dt\s*>)?\s*
    (?:
        <p\b(?P<pattrs>[^<>]{{0,2000}}?wp-caption-text[^<>]{{0,2000}})>{up_to_closer("p", "p", _NO_CAPTION_TAG)}
      | <figcaption\b[^<>]{{0,4000}}>{up_to_closer("figcaption", "figcaption", _NO_CAPTION_TAG)}
      | <dd\b[^<>]{{0,4000}}>{up_to_closer("dd", "dd", _NO_CAPTION_TAG)}
    )\s*
    (?P<close></(?P<closer>div|figure|dl)\s*>)""",
    re.IGNORECASE | re.VERBOSE,
)
_WHOLE_TEXT = {"div": "p", "figure": "figcaption", "dl": "dd"}


def _read_whole(buf: str, start: int, whole: re.Match[str]) -> Found | None:
    """What _read_wp_caption finds for a caption _WHOLE_RE read; None when it cannot say.

    Inside the element, the `<`s are: dt, a, img and their closers, the text element and its
    closer, and the text's own tags, none a div, figure or dl. So the first closer of the
    element's name is its closer, no wp-caption opener comes before it and no inner div
    deepens it; the first img is this img and the first text element of its name this one (an
    a or dt is neither). A credit element starts with `<span`, `<cite`, `<small`, `<em`, `<p`
    or `<div`: with no `<` in the text, only the div form's `<p` could be one, and only when
    its attributes say "credit".
    """
    name, closer, attr_text, link, img = whole.group("name", "closer", "attrs", "link", "img")
    name = name.lower()
    text_group = _WHOLE_TEXT.get(name)
    if text_group is None or closer.lower() != name:
        return None
    text_html = whole[text_group]
    if text_html is None or whole.end() - start > MAX_SPAN:
        return None
    if "<" in attr_text or "<" in img or (link is not None and "<" in link):
        return None
    attrs = parse_attributes(attr_text)
    if "wp-caption" not in class_names(attrs):
        return None
    if "<" in text_html:
        text_html, credit_html = take_credit_element(text_html)
        if credit_html is None:
            _, credit_html = take_credit_element(buf[whole.end("attrs") + 1 : whole.start("close")])
    else:
        credit_html = None
        pattrs = whole["pattrs"]
        if pattrs is not None and not (pattrs.isascii() and "credit" not in pattrs.lower()):
            _, credit_html = take_credit_element(buf[whole.end("attrs") + 1 : whole.start("close")])
    image = Image(parse_attributes(img))
    attachment_id = attachment_id_from(attrs.get("id"))
    return Found(
        whole.end(),
        [
            RawCaption(
                pos=start,
                markup="wp-html",
                text_html=text_html,
                credit_html=credit_html,
                attachment_id=attachment_id if attachment_id is not None else image.attachment_id,
                align=align_from(attrs),
                width=image.width or style_width(attrs),
                image_src=image.src,
                image_alt=image.alt,
            )
        ],
        [],
    )


def read_html_caption(ctx: ScanContext, start: int) -> Found | None:
    """The caption element that starts at `start`, or a skip past a tag that holds none."""
    whole = _WHOLE_RE.match(ctx.buf, start)
    if whole is not None:
        found = _read_whole(ctx.buf, start, whole)
        if found is not None:
            return found
    tag = _OPEN_TAG_RE.match(ctx.buf, start)
    if tag is None:
        if _UNFINISHED_RE.match(ctx.buf, start) and ctx.may_grow(start):
            return None
        return skip(start + 1)
    name = tag.group("name").lower()
    attrs = parse_attributes(tag.group("attrs"))
    classes = class_names(attrs)
    if "wp-caption" in classes:
        return _read_wp_caption(ctx, start, tag, name, attrs)
    if name == "figure" and not any(c in _CONTAINER_CLASSES for c in classes):
        return _read_plain_figure(ctx, start, tag, attrs)
    return skip(tag.end())


def _read_wp_caption(
    ctx: ScanContext, start: int, tag: re.Match[str], name: str, attrs: dict[str, str]
) -> Found | None:
    region = find_region(ctx, tag.end(), _CLOSERS[name], _WP_OPENER_RE, opened_at=start)
    if region is None:
        return None
    end, stop = region.end, region.stop
    # A div holding inner divs (an image wrapper) closes at a later `</div>`.
    if name == "div" and region.closed:
        depth = len(_NESTED_DIV_RE.findall(ctx.buf, region.start, region.stop))
        closer = ctx.finder(_DIV_CLOSER)
        while depth > 0 and region.closed:
            following = closer.next(end)
            if following is None or following.start() - start > 64 * 1024:
                break
            stop, end = following.start(), following.end()
            depth -= 1
    inner = ctx.buf[region.start : stop]
    found = Found(end, [], [])
    if not region.closed:
        found.warnings.append(
            (
                start,
                "unclosed",
                f'<{name} class="wp-caption"> is not closed; ended at the end of its line',
            )
        )
    text_match = _TEXT_RE[name].search(inner) or _ANY_TEXT_RE.search(inner)
    image = first_image(inner)
    if text_match is not None:
        text_html = text_match.group("text")
    else:
        text_html = re.sub(r"<img\b[^<>]*>", " ", inner, flags=re.IGNORECASE)
    text_html, credit_html = take_credit_element(text_html)
    if credit_html is None:
        _, credit_html = take_credit_element(inner)
    attachment_id = attachment_id_from(attrs.get("id"))
    found.captions.append(
        RawCaption(
            pos=start,
            markup="wp-html",
            text_html=text_html,
            credit_html=credit_html,
            attachment_id=attachment_id
            if attachment_id is not None
            else (image.attachment_id if image else None),
            align=align_from(attrs),
            width=(image.width if image and image.width else None) or style_width(attrs),
            image_src=image.src if image else None,
            image_alt=image.alt if image else None,
        )
    )
    return found


def _read_plain_figure(
    ctx: ScanContext, start: int, tag: re.Match[str], attrs: dict[str, str]
) -> Found | None:
    region = find_region(ctx, tag.end(), _CLOSERS["figure"], _FIGURE_OPENER_RE, opened_at=start)
    if region is None:
        return None
    if not region.closed:
        return skip(tag.end())  # loose HTML: an unclosed figure is not worth a warning
    inner = ctx.buf[region.start : region.stop]
    caption = _TEXT_RE["figure"].search(inner)
    image = first_image(inner)
    if caption is None or image is None:
        return skip(region.end)
    text_html, credit_html = take_credit_element(caption.group("text"))
    img_align = align_from(image.attrs)
    return Found(
        region.end,
        [
            RawCaption(
                pos=start,
                markup="figure",
                text_html=text_html,
                credit_html=credit_html,
                attachment_id=image.attachment_id,
                align=align_from(attrs) or img_align,
                width=image.width or style_width(attrs),
                image_src=image.src,
                image_alt=image.alt,
            )
        ],
        [],
    )
