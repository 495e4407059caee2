"""Clean caption text and the house-style caption line ("Text. (Photo: CREDIT)") the gallery shows."""

from __future__ import annotations

import re
import unicodedata

from desktop.core.captions.cleaning import collapse_space, decode_entities, repair_mojibake

from .options import DEFAULT_HOUSE_STYLE

# Formatting tags a WordPress/CMS caption drags along; anything else in angle brackets is kept as
# text (and escaped on output), so a caption *about* a `<script>` tag still says so.
# Inline tags go without a trace ("AP Photo/<b>Evan</b>" is "AP Photo/Evan"); block tags
# separate words, so they become a space.
_INLINE_TAGS = "a|abbr|b|cite|em|font|i|small|span|strong|sub|sup|u|wbr"
_BLOCK_TAGS = "br|div|figcaption|figure|img|p"
_INLINE_TAG_RE = re.compile(rf"</?(?:{_INLINE_TAGS})\b[^<>]*/?>", re.IGNORECASE)
_BLOCK_TAG_RE = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*/?>", re.IGNORECASE)
_SHORTCODE_RE = re.compile(r"\[/?caption\b[^\]]*\]", re.IGNORECASE)
# Control characters and invisible format characters (zero-width spaces, BOMs, bidi overrides)
# that survive copy-paste from wire systems and break CSV, IPTC and screen readers.
_JUNK_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060\ufeff]")
_SPACE_RE = re.compile(r"\s+")
_CREDIT_PREFIX_RE = re.compile(
    r"^(?:photo(?:graph)?s?|pictures?|credit|foto)\s*(?:by\b|:)\s*", re.IGNORECASE
)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")


def clean_text(value: str | None) -> str:
    """Formatting markup, entities, control characters and runs of white space removed; NFC.

    Unlike `desktop.core.captions.cleaning.clean_text` (made for dump markup, it deletes every
    tag) this keeps unknown angle-bracket text such as "<3" or "<script>" as words: the library's
    captions are already clean, and the page escapes whatever is left.
    """
    if not value:
        return ""
    text = _SHORTCODE_RE.sub(" ", value)
    text = _INLINE_TAG_RE.sub("", _BLOCK_TAG_RE.sub(" ", text))
    text = repair_mojibake(decode_entities(text))
    text = collapse_space(_JUNK_RE.sub("", text))
    return unicodedata.normalize("NFC", text)


def clean_credit(value: str | None) -> str:
    """The credit as written, without wrapping brackets or a leading "Photo:" the style adds back."""
    text = clean_text(value)
    for _ in range(2):  # "(Photo: REUTERS)" needs both steps
        if len(text) >= 2 and text[0] + text[-1] in ("()", "[]"):
            text = text[1:-1].strip()
        text = _CREDIT_PREFIX_RE.sub("", text).strip()
    return text


def _drop_field(style: str, name: str) -> str:
    """Remove a placeholder with the literal words around it, up to a bracket or another field.

    "{caption} (Photo: {credit})" without a credit becomes "{caption} ()", whose empty
    brackets are then removed, so no dangling "(Photo: )" ever reaches a page.
    """
    style = re.sub(r"[^{}()\[\]]*\{" + name + r"\}[^{}()\[\]]*", " ", style)
    return re.sub(r"\(\s*\)|\[\s*\]", " ", style)


_MARK = {"caption": "\x01", "credit": "\x02"}
_END = "\x03"
_PART_RE = re.compile("([\x01\x02])([^\x03]*)\x03")


def caption_line_parts(
    caption: str | None, credit: str | None, style: str = DEFAULT_HOUSE_STYLE
) -> list[tuple[str, str]]:
    """The house-style line as ("caption" | "credit" | "text", string) pieces, in order.

    The page styles the credit apart from the caption while keeping the house wording
    ("(Photo: ...)") that the style supplies around it.
    """
    text = clean_text(caption)
    who = clean_credit(credit)
    # Punctuation alone ("-", ")") is debris from a botched paste, not a caption or a credit.
    text = text if any(ch.isalnum() for ch in text) else ""
    who = who if any(ch.isalnum() for ch in who) else ""
    if not text and not who:
        return []
    template = style or DEFAULT_HOUSE_STYLE
    if not who:
        template = _drop_field(template, "credit")
    if not text:
        template = _drop_field(template, "caption")
    if text and "{caption}" in template:
        head, tail = template.split("{caption}", 1)
        if _SENTENCE_END_RE.search(text):
            # The caption already ends a sentence: drop the style's own stop after it.
            tail = re.sub(r"^[.!?]", "", tail)
        elif not re.match(r"^[.!?:;,]", tail):
            text += "."
        template = head + "{caption}" + tail
    # Placeholders are substituted literally (never str.format), so stray braces cannot fail.
    line = template.replace("{caption}", _MARK["caption"] + "{caption}" + _END)
    line = line.replace("{credit}", _MARK["credit"] + "{credit}" + _END)
    line = line.replace(_MARK["caption"] + "{caption}", _MARK["caption"] + text)
    line = line.replace(_MARK["credit"] + "{credit}", _MARK["credit"] + who)
    line = _SPACE_RE.sub(" ", line).strip()
    # Leftover separators at the edges of a line whose caption or credit was missing.
    line = line.strip(" ,;:—–-|/").strip()
    parts: list[tuple[str, str]] = []
    pos = 0
    for match in _PART_RE.finditer(line):
        if match.start() > pos:
            parts.append(("text", line[pos : match.start()]))
        kind = "caption" if match.group(1) == _MARK["caption"] else "credit"
        parts.append((kind, match.group(2)))
        pos = match.end()
    if pos < len(line):
        parts.append(("text", line[pos:]))
    return parts


def format_caption_line(
    caption: str | None, credit: str | None, style: str = DEFAULT_HOUSE_STYLE
) -> str:
    """Join caption and credit in the house style: "Caption text. (Photo: CREDIT)" by default.

    A missing part takes its surrounding words with it; the caption gets a full stop unless it
    already ends a sentence (and the style's own full stop is then dropped, never doubled).
    """
    return "".join(piece for _kind, piece in caption_line_parts(caption, credit, style))
