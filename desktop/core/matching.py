"""Match caption records to photos (and back): by attachment id, by image file name, by text.

Pure and shared: dump import matches captions to photos already in the library, and image
import matches new photos to captions already imported, with the same rules both ways.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz, utils

# WordPress derivatives of one upload: `-300x225` sizes, `-scaled` big-image copies and
# `-e1578912345678` edit suffixes. A `-1` duplicate suffix is a different upload: kept.
_WP_VARIANT_RE = re.compile(r"(?:-e\d{10,13}|-scaled|-\d{1,5}x\d{1,5})+$", re.IGNORECASE)


@dataclass(frozen=True)
class MatchCandidate:
    photo_id: int
    file_name: str | None
    attachment_id: int | None
    embedded_caption: str | None


@dataclass(frozen=True)
class Match:
    photo_id: int
    score: float
    method: str  # "attachment_id" | "file_name" | "text"


def normalize_image_name(src_or_path: str) -> str:
    """`https://x/wp-content/uploads/2013/11/Soyuz%20launch-300x225.jpg?w=1` -> `soyuz launch`."""
    value = src_or_path.strip()
    if "://" in value or value.startswith("//"):
        value = urlsplit(value).path
    else:
        # A local path may hold `#`; only a `?query` is dropped, as a relative src may carry one.
        value = value.split("?", 1)[0]
    name = PurePosixPath(unquote(value).replace("\\", "/")).name
    stem, dot, extension = name.rpartition(".")
    if dot and stem and 1 <= len(extension) <= 5 and extension.isalnum():
        name = stem
    return _WP_VARIANT_RE.sub("", name).lower()


def _text_score(text: str, caption: str) -> float:
    return fuzz.token_set_ratio(text, caption, processor=utils.default_process)


def rank_candidates(
    *,
    text: str,
    attachment_id: int | None,
    image_src: str | None,
    candidates: Sequence[MatchCandidate],
    limit: int = 5,
) -> list[Match]:
    """The best-scoring candidates, best first, each with how it matched (for a suggestions list).

    An attachment id or file name match scores 100; otherwise the text similarity (0-100) of
    the caption to the photo's embedded caption.
    """
    wanted_name = normalize_image_name(image_src) if image_src else ""
    scored: list[Match] = []
    for candidate in candidates:
        if attachment_id is not None and candidate.attachment_id == attachment_id:
            scored.append(Match(candidate.photo_id, 100.0, "attachment_id"))
        elif (
            wanted_name
            and candidate.file_name
            and (normalize_image_name(candidate.file_name) == wanted_name)
        ):
            scored.append(Match(candidate.photo_id, 100.0, "file_name"))
        elif text.strip() and candidate.embedded_caption and candidate.embedded_caption.strip():
            score = _text_score(text, candidate.embedded_caption)
            if score > 0:
                scored.append(Match(candidate.photo_id, float(score), "text"))
    order = {"attachment_id": 0, "file_name": 1, "text": 2}
    scored.sort(key=lambda m: (-m.score, order[m.method], m.photo_id))
    return scored[:limit]


def match_caption(
    *,
    text: str,
    attachment_id: int | None,
    image_src: str | None,
    candidates: Sequence[MatchCandidate],
    threshold: float = 85.0,
    margin: float = 5.0,
) -> Match | None:
    """The one photo a caption belongs to, or None when there is none or it is ambiguous.

    Attachment id first, then file name (ambiguous when several photos share it), then text
    similarity, which must reach `threshold` and beat the runner-up by `margin`.
    """
    if attachment_id is not None:
        by_id = [c for c in candidates if c.attachment_id == attachment_id]
        if len(by_id) == 1:
            return Match(by_id[0].photo_id, 100.0, "attachment_id")
        if len(by_id) > 1:
            return None
    if image_src:
        wanted = normalize_image_name(image_src)
        by_name = [
            c for c in candidates if c.file_name and normalize_image_name(c.file_name) == wanted
        ]
        if len(by_name) == 1:
            return Match(by_name[0].photo_id, 100.0, "file_name")
        if len(by_name) > 1:
            return None
    if not text.strip():
        return None
    scores = sorted(
        (
            (_text_score(text, c.embedded_caption), c.photo_id)
            for c in candidates
            if c.embedded_caption and c.embedded_caption.strip()
        ),
        reverse=True,
    )
    if not scores or scores[0][0] < threshold:
        return None
    if len(scores) > 1 and scores[0][0] - scores[1][0] < margin:
        return None
    return Match(scores[0][1], float(scores[0][0]), "text")
