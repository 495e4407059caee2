"""Matching captions to photos: by attachment id, by file name, by text; ambiguity gives None."""

from __future__ import annotations

import pytest

from desktop.core.matching import (
    Match,
    MatchCandidate,
    match_caption,
    normalize_image_name,
    rank_candidates,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "https://ex.com/wp-content/uploads/2013/11/Soyuz%20Launch-300x225.jpg?resize=300",
            "soyuz launch",
        ),
        ("/srv/photos/IMG_0042-scaled.JPEG", "img_0042"),
        ("photo-e1578912345678.png", "photo"),
        ("photo-1024x768-scaled.jpg", "photo"),
        ("photo-1.jpg", "photo-1"),
        (r"C:\Desk\Café #1.tif", "café #1"),
        ("//cdn.example.com/a/b/launch.webp#frag", "launch"),
        ("no-extension", "no-extension"),
    ],
)
def test_normalize_image_name(value: str, expected: str) -> None:
    assert normalize_image_name(value) == expected


PHOTOS = [
    MatchCandidate(1, "launch.jpg", 1216379, "The Soyuz spacecraft blasts off from Baikonur"),
    MatchCandidate(2, "crew.jpg", None, "Crew members wave after donning space suits"),
    MatchCandidate(
        3, "torch.jpg", None, "Crew members hold the Olympic torch at a press conference"
    ),
    MatchCandidate(4, "dup.jpg", None, None),
    MatchCandidate(5, "dup-300x200.jpg", None, None),
]


def test_attachment_id_comes_first() -> None:
    assert match_caption(
        text="unrelated", attachment_id=1216379, image_src="crew.jpg", candidates=PHOTOS
    ) == Match(1, 100.0, "attachment_id")


def test_file_name_matches_a_sized_variant() -> None:
    assert match_caption(
        text="", attachment_id=42, image_src="https://x/uploads/crew-768x512.jpg", candidates=PHOTOS
    ) == Match(2, 100.0, "file_name")


def test_shared_file_name_is_ambiguous() -> None:
    assert (
        match_caption(text="", attachment_id=None, image_src="dup.jpg", candidates=PHOTOS) is None
    )


def test_text_similarity_above_threshold() -> None:
    match = match_caption(
        text="Crew members wave after donning their space suits. REUTERS",
        attachment_id=None,
        image_src=None,
        candidates=PHOTOS,
    )
    assert match is not None and (match.photo_id, match.method) == (2, "text")
    assert match.score >= 85


def test_text_below_threshold_or_too_close_to_the_runner_up_gives_none() -> None:
    assert (
        match_caption(text="A cat on a mat", attachment_id=None, image_src=None, candidates=PHOTOS)
        is None
    )
    twins = [
        MatchCandidate(7, None, None, "Crew members wave"),
        MatchCandidate(8, None, None, "Crew members wave"),
    ]
    assert (
        match_caption(
            text="Crew members wave", attachment_id=None, image_src=None, candidates=twins
        )
        is None
    )


def test_rank_candidates_lists_the_best_first() -> None:
    ranked = rank_candidates(
        text="Crew members hold the Olympic torch",
        attachment_id=None,
        image_src=None,
        candidates=PHOTOS,
    )
    assert [m.photo_id for m in ranked[:2]] == [3, 2]
    assert all(m.method == "text" for m in ranked)
    assert ranked[0].score > ranked[1].score


def test_matching_works_both_ways() -> None:
    # Image import asks the same question with the roles swapped: one photo, many captions.
    captions = [
        MatchCandidate(10, "crew-300x200.jpg", None, None),
        MatchCandidate(11, "other.jpg", None, None),
    ]
    assert match_caption(
        text="", attachment_id=None, image_src="/new/crew.jpg", candidates=captions
    ) == Match(10, 100.0, "file_name")
