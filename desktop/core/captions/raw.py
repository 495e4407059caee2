"""The intermediate caption a markup reader finds, before cleaning, credit split and people."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawCaption:
    """What one piece of markup says, still as markup; `pos` is its offset in the scan buffer."""

    pos: int
    markup: str
    text_html: str
    credit_html: str | None = None
    attachment_id: int | None = None
    align: str | None = None
    width: int | None = None
    image_src: str | None = None
    image_alt: str | None = None
    extra_attrs: tuple[tuple[str, str], ...] = ()
    confidence: float = 1.0
    reason: str | None = None
    line: int = 0
    plain: bool = False  # text_html is already plain text (flattened captions)


@dataclass
class Found:
    """A reader's answer: where scanning resumes, the captions and the warnings (at offsets)."""

    end: int
    captions: list[RawCaption]
    warnings: list[tuple[int, str, str]]  # (offset, kind, message)


def skip(end: int, pos: int | None = None, kind: str = "", message: str = "") -> Found:
    """Nothing here: resume at `end`, optionally with one warning at `pos`."""
    warnings = [(pos, kind, message)] if pos is not None else []
    return Found(end, [], warnings)
