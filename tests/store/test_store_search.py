"""Full-text search, the same query language and answers on SQLite FTS5 and PostgreSQL."""

from __future__ import annotations

import pytest

from desktop.services import browse, editing


@pytest.fixture
def photos(library, make_photo):
    ids = {
        "soyuz": make_photo(
            library,
            caption="The Soyuz TMA-11M spacecraft blasts off from the Baikonur cosmodrome.",
            credit="REUTERS/Shamil Zhumatov",
            byline="Shamil Zhumatov",
        ),
        "crew": make_photo(
            library,
            caption="Koichi Wakata (L), Mikhail Tyurin (C) and Rick Mastracchio wave.",
            credit="REUTERS",
            keywords=["space", "Olympic torch"],
        ),
        "nasa": make_photo(
            library,
            caption="The launch was broadcast live by NASA TV from Zürich.",
            credit="AP Photo/Evan Vucci",
            byline="Evan Vucci",
        ),
        "empty": make_photo(library),
    }
    return ids


def q(library, query):
    return set(browse.photo_ids(library, query))


def test_words_are_all_required(library, photos) -> None:
    assert q(library, "soyuz baikonur") == {photos["soyuz"]}
    assert q(library, "soyuz nasa") == set()


def test_prefix_matches_while_typing(library, photos) -> None:
    assert q(library, "mastrac") == {photos["crew"]}


def test_quoted_phrase(library, photos) -> None:
    assert q(library, '"broadcast live"') == {photos["nasa"]}
    assert q(library, '"live broadcast"') == set()


def test_credit_prefix(library, photos) -> None:
    assert q(library, "credit:reuters") == {photos["soyuz"], photos["crew"]}
    assert q(library, 'credit:"AP Photo"') == {photos["nasa"]}
    # NASA is in a caption, never in a credit.
    assert q(library, "credit:nasa") == set()


def test_byline_and_tag_prefixes(library, photos) -> None:
    assert q(library, "byline:vucci") == {photos["nasa"]}
    assert q(library, "tag:space") == {photos["crew"]}
    assert q(library, 'tag:"olympic torch"') == {photos["crew"]}


def test_accents_fold(library, photos) -> None:
    assert q(library, "zurich") == {photos["nasa"]}
    assert q(library, "ZÜRICH") == {photos["nasa"]}


def test_negation(library, photos) -> None:
    assert q(library, "credit:reuters -wakata") == {photos["soyuz"]}


def test_syntax_characters_are_just_text(library, photos) -> None:
    for hostile in [
        '"',
        "credit:",
        "NEAR(a b) OR *",
        "a AND OR NOT",
        "'; DROP TABLE photos; --",
        "&|!:*",
    ]:
        browse.photo_ids(library, hostile)  # must not raise


def test_index_follows_edits_and_tags(library, photos) -> None:
    editing.edit_photo(
        library,
        photos["empty"],
        {"caption": "Cosmonaut Oleg Kotov", "credit": "NASA/Bill Ingalls"},
        add_tags=[("event", "Sochi 2014")],
    )
    assert q(library, "kotov") == {photos["empty"]}
    assert q(library, "credit:ingalls") == {photos["empty"]}
    assert q(library, 'tag:"sochi 2014"') == {photos["empty"]}
    editing.edit_photo(library, photos["empty"], {"caption": "Someone else"})
    assert q(library, "kotov") == set()


def test_no_query_lists_everything(library, photos) -> None:
    assert q(library, None) == set(photos.values())
    assert q(library, "   ") == set(photos.values())
