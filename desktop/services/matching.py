"""Matching dump captions and photos, both ways, with the one matcher in desktop.core.matching.

A dump import offers each new caption to the photos already in the library; an image import
offers each new photo to the captions still waiting. Exact keys (attachment id, file name) are
looked up in dictionaries; text similarity is scored only against a short list that rapidfuzz
picks, so matching stays fast in a large library.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from desktop.core.matching import Match, MatchCandidate, match_caption, normalize_image_name

SHORTLIST = 5


@dataclass
class PhotoIndex:
    """The photos a caption may belong to, indexed by each key the matcher uses."""

    by_attachment: dict[int, list[MatchCandidate]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_name: dict[str, list[MatchCandidate]] = field(default_factory=lambda: defaultdict(list))
    texts: list[str] = field(default_factory=list)
    text_owners: list[MatchCandidate] = field(default_factory=list)

    @classmethod
    def build(cls, rows: Sequence[tuple[int, str | None, int | None, str | None]]) -> PhotoIndex:
        index = cls()
        for pid, name, att, text in rows:
            cand = MatchCandidate(
                photo_id=pid, file_name=name, attachment_id=att, embedded_caption=text
            )
            index.add(cand)
        return index

    def add(self, cand: MatchCandidate) -> None:
        if cand.attachment_id is not None:
            self.by_attachment[cand.attachment_id].append(cand)
        if cand.file_name:
            self.by_name[normalize_image_name(cand.file_name)].append(cand)
        if cand.embedded_caption:
            self.texts.append(cand.embedded_caption)
            self.text_owners.append(cand)

    def candidates(
        self, text: str, attachment_id: int | None, image_src: str | None
    ) -> list[MatchCandidate]:
        found: dict[int, MatchCandidate] = {}
        if attachment_id is not None:
            for c in self.by_attachment.get(attachment_id, ()):
                found[c.photo_id] = c
        if image_src:
            for c in self.by_name.get(normalize_image_name(image_src), ()):
                found[c.photo_id] = c
        if text and self.texts:
            for _, _, i in process.extract(
                text, self.texts, scorer=fuzz.token_set_ratio, limit=SHORTLIST, score_cutoff=60
            ):
                found[self.text_owners[i].photo_id] = self.text_owners[i]
        return list(found.values())

    def best(self, text: str, attachment_id: int | None, image_src: str | None) -> Match | None:
        cands = self.candidates(text, attachment_id, image_src)
        if not cands:
            return None
        return match_caption(
            text=text, attachment_id=attachment_id, image_src=image_src, candidates=cands
        )
