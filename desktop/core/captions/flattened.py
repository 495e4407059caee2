"""Recover captions that a copy-paste flattened into plain text, glued to the body or to themselves.

The tell is a seam: a lower-case letter followed by a capital inside one word
(`KazakhstanNovember`), which real words (`iPhone`, `McDonald`, `YouTube`) explain away.
Only plain-text files are searched, and every proposal has a confidence below 1 and a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from desktop.core.captions.cleaning import collapse_space, is_junk_line
from desktop.core.captions.raw import RawCaption


def _words(text: str) -> frozenset[str]:
    """A word list written as prose, so long lists stay a few lines long."""
    return frozenset(text.split())


# Words written with an inner capital; lower-cased. Brand names are the usual false seam.
_CAMEL_WORDS = _words(
    """
    iphone ipad ipod imac ios itunes icloud ebay youtube playstation powerpoint javascript
    typescript wordpress linkedin paypal fedex wikileaks whatsapp blackberry spacex easyjet
    tiktok gopro dreamworks harpercollins pricewaterhousecoopers exxonmobil arcelormittal
    glaxosmithkline astrazeneca biontech softbank mastercard mclaren lebron deandre dicaprio
    macdonald mcdonald mcdonalds mcconnell mccain mccartney mcgregor mcilroy macbook airbnb
    doordash instagram snapchat xbox nasdaq postgresql mysql github gitlab openai chatgpt
    hubspot salesforce netflix bitcoin ethereum smartphone dealbook airpods facetime
    imessage powerball eurovision proshares blackrock jetblue westjet ryanair worldcom
    vodafone southwest deepmind firefox photoshop autocad sharepoint onedrive dropbox skype
    thinkpad bluetooth wifi phd macarthur mcmahon fitzgerald oneplus huawei
    """
)
_SEAM_RE = re.compile(r"[^\W\d_]*[a-z][A-Z][^\W\d_]*")
# Name prefixes that take a capital after them (McDonald, MacArthur, DeSantis, LeBron, O'Neill).
_PREFIXES = frozenset({"mc", "mac", "de", "di", "da", "la", "le", "du", "van", "von", "st"})
_SENTENCE_BREAK_RE = re.compile(r"[.!?…][\"”’)]*\s+[\"“‘(]?[A-Z]")
_TERMINAL = '.!?…:;"”’)'
_MAX_CAPTION = 400
_MAX_PARAGRAPH = 64 * 1024


def _seams(paragraph: str) -> list[int]:
    """Offsets of the capitals that start glued-on text."""
    seams: list[int] = []
    for match in _SEAM_RE.finditer(paragraph):
        word = match.group(0)
        if word.lower() in _CAMEL_WORDS:
            continue
        piece_start = 0  # where the capitalised piece before a seam begins
        for index in range(1, len(word)):
            if not (word[index - 1].islower() and word[index].isupper()):
                if word[index].isupper():
                    piece_start = index
                continue
            left_piece = word[piece_start:index]
            piece_start = index
            if len(left_piece) < 3 or left_piece.lower() in _PREFIXES:
                continue
            if len(word) - index < 2 or not word[index + 1].isalpha():
                continue
            seams.append(match.start() + index)
    return seams


def _is_caption_like(part: str) -> bool:
    """One phrase, of caption length, that does not end like a sentence of body text."""
    words = part.split()
    return (
        len(words) >= 4
        and len(part) <= _MAX_CAPTION
        and not part.endswith(tuple(_TERMINAL))
        and _SENTENCE_BREAK_RE.search(part) is None
    )


def _common_tail(left: str, right: str) -> int:
    size = 0
    for a, b in zip(reversed(left), reversed(right), strict=False):
        if a != b:
            break
        size += 1
    return size


def read_paragraph(paragraph: str, offset_line: int) -> list[RawCaption]:
    """Captions glued into one paragraph (its text may hold line breaks)."""
    seams = _seams(paragraph)
    if not seams:
        return []
    bounds = [0, *seams, len(paragraph)]
    parts = [
        (bounds[i], paragraph[bounds[i] : bounds[i + 1]].strip()) for i in range(len(bounds) - 1)
    ]

    def line_of(pos: int) -> int:
        return offset_line + paragraph.count("\n", 0, pos)

    if len(parts) == 2:
        (left_pos, left), (_, right) = parts
        if left == right and _is_caption_like(left):
            return [_raw(left, line_of(left_pos), 0.8, "caption repeated twice, glued to itself")]
        if _is_caption_like(left) and _is_caption_like(right):
            similar = fuzz.token_set_ratio(left, right) >= 60 or _common_tail(left, right) >= 30
            if similar:
                # An image's alt text printed just before its caption: the second is the caption.
                raw = _raw(right, line_of(left_pos), 0.7, "alt text glued to its caption")
                raw.image_alt = left
                return [raw]
    found: list[RawCaption] = []
    for index, (pos, part) in enumerate(parts):
        if not _is_caption_like(part):
            continue
        neighbours = [p for i, (_, p) in enumerate(parts) if abs(i - index) == 1]
        # The glued neighbour must be real body text, not a stub left by a brand-name seam.
        if all(len(n.split()) >= 4 for n in neighbours) and not any(
            _is_caption_like(n) for n in neighbours
        ):
            found.append(_raw(part, line_of(pos), 0.6, "caption glued to body text"))
    return found


def _raw(text: str, line: int, confidence: float, reason: str) -> RawCaption:
    return RawCaption(
        pos=0,
        markup="flattened",
        text_html=collapse_space(text),
        confidence=confidence,
        reason=reason,
        line=line,
        plain=True,
    )


class FlattenedReader:
    """Groups plain-text lines into paragraphs (blank lines separate them) and reads each."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._size = 0
        self._first_line = 0

    def feed(self, text: str, first_line: int) -> Iterator[RawCaption]:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # chunks end with a line break
        for number, line in enumerate(lines, start=first_line):
            if not line.strip() or is_junk_line(line):
                yield from self._flush()
                continue
            if not self._lines:
                self._first_line = number
            self._lines.append(line)
            self._size += len(line)
            if self._size > _MAX_PARAGRAPH:
                yield from self._flush()

    def finish(self) -> Iterator[RawCaption]:
        yield from self._flush()

    def _flush(self) -> Iterator[RawCaption]:
        if self._lines:
            paragraph = "\n".join(self._lines)
            self._lines, self._size = [], 0
            yield from read_paragraph(paragraph, self._first_line)
