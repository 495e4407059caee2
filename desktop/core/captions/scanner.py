"""The streaming markup scanner: finds caption openers in text chunks and hands each to its reader.

Text arrives in chunks that end at safe places; markup left unfinished at a chunk's end is
carried into the next one, up to MAX_SPAN, so memory stays bounded whatever the file's size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from desktop.core.captions.gutenberg import read_block
from desktop.core.captions.html_forms import read_html_caption
from desktop.core.captions.raw import Found, RawCaption
from desktop.core.captions.regions import MAX_SPAN, MAX_TAG, ScanContext
from desktop.core.captions.shortcodes import (
    LINKED_AT_START,
    caption_from_shortcode,
    read_escaped,
    read_shortcode,
)

# Each alternative starts with a bare `[` or `<` (the groups come after it) so that the regex
# engine can skip to those two characters in C; with a group first it tries every position,
# which made this search a third of the scanning time.
#
# `fast` is the usual well-formed shortcode read in the same search: its tag (as _TAG_RE reads
# it) and its content up to its closer, when no `[` comes between, so that no other opener can
# intervene and the closer is the first one. Where it fails, `shortcode` matches at the same
# place (it asks less), so the openers found are the same with or without it.
#
# `linked` is LINKED_IMG_RE's match at the content's start, when it has one. LINKED_AT_START
# reads its tags' attributes `link` and `img` as `[^>]` (faster to skip than `[^<>]`): where
# they hold no `<` and no `[`, it is the match LINKED_IMG_RE (whose `[^<>]` cannot pass a `[`
# in content that has none) makes, atomic so as to keep that regex's first (preferred) match,
# and `fast` matches exactly where it did without it. Where they hold one, `fast` may have
# read past a `[`, so the scanner reads the shortcode the general way, as it does where `fast`
# fails (read_shortcode gives what `fast` does wherever `fast` applies).
_OPENER_RE = re.compile(
    rf"""
      \[(?:
          (?P<escaped>\[)(?=(?:caption|wp_caption)[\s\]])
        | (?P<fast>(?:caption|wp_caption)(?P<attrs>\s[^\[\]]{{0,{MAX_TAG}}})?\]
                   (?P<content>(?P<linked>(?>{LINKED_AT_START}))?[^\[]*)\[/(?:caption|wp_caption)\])
        | (?P<shortcode>)(?=(?:caption|wp_caption)[\s\]])
      )
    | <(?:(?P<block>!--\s*wp:(?:image|gallery)\b)|(?P<html>(?=(?:div|figure|dl)\b)))
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Openers whose first characters may still be arriving at a chunk's end.
_PARTIAL_OPENER_RE = re.compile(
    r"(?:\[\[?[a-z_]{0,10}|<!?-{0,2}\s{0,8}(?:wp:?[a-z]{0,7})?|<[a-z]{0,6})\Z", re.IGNORECASE
)
_READERS: dict[str, Callable[[ScanContext, int], Found | None]] = {
    "escaped": read_escaped,
    "shortcode": read_shortcode,
    "fast": read_shortcode,  # when the fast reading does not apply (a span over MAX_SPAN)
    "block": read_block,
    "html": read_html_caption,
}

WarningCallback = Callable[[int, str, str], None]  # (line, kind, message)


class MarkupScanner:
    """Feed it text chunks in order; it returns the raw captions found, with their lines."""

    def __init__(self, warn: WarningCallback, first_line: int = 1) -> None:
        self._warn = warn
        self._carry = ""
        self._carry_line = first_line
        # When a list: the offset (in the fed text, carried text excluded) of every opener the
        # scanner starts reading at. At such a point nothing is pending, so another scanner
        # that reaches the same opener from another start reads the rest exactly alike.
        self.openers: list[int] | None = None

    @property
    def state(self) -> tuple[str, int]:
        """(text carried into the next feed, its first line): all the scanner remembers."""
        return self._carry, self._carry_line

    def restore(self, state: tuple[str, int]) -> None:
        """Continue from the state another scanner reached (a worker that scanned a chunk)."""
        self._carry, self._carry_line = state

    def feed(self, text: str, *, final: bool = False) -> list[RawCaption]:
        """The raw captions that `text`, after what was carried in, completes."""
        return self._feed(text, final, None)[0]

    def feed_until(self, text: str, sync: Container[int]) -> tuple[list[RawCaption], int | None]:
        """Like feed, but stop at the first opener whose offset in `text` is in `sync`.

        `sync` holds the openers another scanner, started clean at the start of `text`, read
        from (its `openers`): from such a point on, its reading is exactly this one's, so its
        captions can be used. Returns the captions before that point and its offset (the state
        is then left as it was: the caller takes the other scanner's), or, when no such point
        came, all of them and None, as feed does.
        """
        return self._feed(text, False, sync)

    def _feed(
        self, text: str, final: bool, sync: Container[int] | None
    ) -> tuple[list[RawCaption], int | None]:
        buf = self._carry + text if self._carry else text
        carried = len(buf) - len(text)
        openers = self.openers
        ctx = ScanContext(buf, final)
        lines = _LineCounter(buf, self._carry_line)
        captions: list[RawCaption] = []
        pos = 0
        resume_at = len(buf)
        search, line_at = _OPENER_RE.search, lines.at  # once per feed, not per caption
        while True:
            opener = search(buf, pos)
            if opener is None:
                break
            start = opener.start()
            if sync is not None and start - carried in sync:
                return captions, start - carried
            if openers is not None:
                openers.append(start - carried)
            kind = opener.lastgroup or "html"
            try:
                if kind == "fast" and (end := opener.end()) - start <= MAX_SPAN:
                    # What read_shortcode gives for a closed shortcode, without its searches.
                    attrs, content, linked, link, img = opener.group(
                        "attrs", "content", "linked", "link", "img"
                    )
                    if linked is None or not (
                        "<" in img
                        or "[" in img
                        or (link is not None and ("<" in link or "[" in link))
                    ):
                        raw = caption_from_shortcode(
                            attrs or "", content, (len(linked), img) if linked is not None else None
                        )
                        raw.pos = start
                        raw.line = line_at(start)
                        captions.append(raw)
                        pos = end
                        continue
                found = _READERS[kind](ctx, start)
            except Exception as error:  # a reader bug must cost one caption, not the file
                found = Found(
                    start + 1, [], [(start, "internal", f"skipped unreadable markup ({error!r})")]
                )
            if found is None:  # unfinished: carry it over to the next chunk
                resume_at = start
                break
            for offset, warn_kind, message in found.warnings:
                self._warn(line_at(offset), warn_kind, message)
            for raw in found.captions:
                raw.line = line_at(raw.pos)
                captions.append(raw)
            pos = max(found.end, start + 1)
        if resume_at == len(buf) and not final:
            # Keep a possibly cut opener (`[capt`, `<!-- wp:`) for the next chunk.
            partial = _PARTIAL_OPENER_RE.search(buf, max(pos, len(buf) - 24))
            if partial is not None and partial.start() >= pos:
                resume_at = partial.start()
        self._carry = buf[resume_at:] if not final else ""
        if len(self._carry) > 2 * MAX_SPAN:  # readers bound their spans; this is a safety net
            self._carry = ""
        self._carry_line = lines.at(resume_at)
        return captions, None


class _LineCounter:
    """1-based line numbers of offsets, counted incrementally so a scan stays linear."""

    def __init__(self, buf: str, first_line: int) -> None:
        self._buf = buf
        self._pos = 0
        self._line = first_line

    def at(self, pos: int) -> int:
        if pos >= self._pos:
            self._line += self._buf.count("\n", self._pos, pos)
        else:
            self._line -= self._buf.count("\n", pos, self._pos)
        self._pos = pos
        return self._line
