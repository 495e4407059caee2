"""Safe, unique, ASCII file names for exported images, made from the caption or the original name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import PureWindowsPath

MAX_SLUG_LENGTH = 60
CAPTION_WORDS = 6

# Names Windows refuses whatever the extension; a gallery is often copied to a Windows share.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
_NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")
# Map letters NFKD cannot decompose to something a reader still recognises.
_TRANSLITERATE = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
     "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ı": "i"}
)  # fmt: skip


def slugify(text: str, *, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Lower-case ASCII letters, digits and single hyphens; "" when nothing is left.

    Everything else (slashes, dots, `..`, spaces) becomes a hyphen, so the result can never
    climb out of the folder it is joined to.
    """
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    slug = _NOT_SLUG_RE.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        # Cut at a word boundary when there is one reasonably close.
        cut = slug[: max_length + 1].rfind("-")
        slug = slug[:cut] if cut >= max_length // 2 else slug[:max_length]
        slug = slug.strip("-")
    return slug


def _stem(name: str | None) -> str:
    """The file name without folders or extension, whichever separator the source used."""
    if not name:
        return ""
    base = PureWindowsPath(name).name  # splits on both "/" and "\\"
    stem, dot, _ext = base.rpartition(".")
    return stem if dot and stem else base


def base_slug(
    caption: str | None, original_name: str | None, source_path: str | None, photo_id: int
) -> str:
    """The name before de-duplication: first words of the caption, else the original's name."""
    # Words are counted after slugging, so dashes and lone punctuation do not use up the six.
    words = slugify(caption or "", max_length=len(caption or "")).split("-")[:CAPTION_WORDS]
    for candidate in ("-".join(words), _stem(original_name), _stem(source_path)):
        slug = slugify(candidate)
        if slug:
            break
    else:
        slug = f"photo-{photo_id}"
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-photo"
    return slug


def unique_slugs(bases: Iterable[str]) -> list[str]:
    """Give repeated names a -2, -3... suffix, never colliding with a name that already has one."""
    taken: set[str] = set()
    result: list[str] = []
    for base in bases:
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result.append(slug)
    return result
