"""File-name slugs (safe, unique, ASCII) and the house-style caption line."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.export import format_caption_line
from desktop.core.export.caption_line import caption_line_parts, clean_credit, clean_text
from desktop.core.export.slugs import MAX_SLUG_LENGTH, base_slug, slugify, unique_slugs

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("caption", "original", "expected"),
    [
        (
            "Crowds gather in Zürich, Ångström — café at dawn",
            None,
            "crowds-gather-in-zurich-angstrom-cafe",
        ),
        ("../../etc/passwd", None, "etc-passwd"),
        (None, "C:\\Users\\me\\..\\DSC 0001.JPG", "dsc-0001"),
        (None, "../../secret/photo.final.jpeg", "photo-final"),
        ("Straße in Łódź, Øresund", None, "strasse-in-lodz-oresund"),
        ("北京 天安门", "IMG_7.jpg", "img-7"),  # nothing ASCII in the caption: the name
        ("...", None, "photo-7"),
        ("CON", None, "con-photo"),
    ],
)
def test_base_slug(caption: str | None, original: str | None, expected: str) -> None:
    assert base_slug(caption, original, None, 7) == expected


def test_unique_slugs_suffixes_without_collisions() -> None:
    assert unique_slugs(["a", "a", "a-2", "a", "b"]) == ["a", "a-2", "a-2-2", "a-3", "b"]


def test_slug_length_bounded_at_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= MAX_SLUG_LENGTH and not slug.endswith("-")
    assert slug.endswith("word")
    assert len(slugify("x" * 500)) == MAX_SLUG_LENGTH


@given(st.text(), st.one_of(st.none(), st.text()))
def test_any_text_gives_a_safe_name(caption: str, original: str | None) -> None:
    slug = base_slug(caption, original, "/x/y.jpg", 1)
    assert SLUG_RE.match(slug)
    assert ".." not in slug and "/" not in slug and "\\" not in slug
    assert len(slug) <= MAX_SLUG_LENGTH + len("-photo")


@pytest.mark.parametrize(
    ("caption", "credit", "style", "expected"),
    [
        ("Caption text", "CREDIT", "{caption} (Photo: {credit})", "Caption text. (Photo: CREDIT)"),
        ("Caption text.", "CREDIT", "{caption} (Photo: {credit})", "Caption text. (Photo: CREDIT)"),
        ("Is it?", "AP", "{caption} (Photo: {credit})", "Is it? (Photo: AP)"),
        ("He said “stop.”", "AP", "{caption} (Photo: {credit})", "He said “stop.” (Photo: AP)"),
        ("Caption text", None, "{caption} (Photo: {credit})", "Caption text."),
        ("  ", "REUTERS", "{caption} (Photo: {credit})", "(Photo: REUTERS)"),
        (None, None, "{caption} (Photo: {credit})", ""),
        ("Text.", "(Photo: REUTERS)", "{caption} (Photo: {credit})", "Text. (Photo: REUTERS)"),
        ("Done.", "X", "{caption}. Photo: {credit}", "Done. Photo: X"),
        ("Done", "X", "{caption}. Photo: {credit}", "Done. Photo: X"),
        ("Done", None, "{caption}. Photo: {credit}", "Done."),
        ("Text", "ME", "{credit}: {caption}", "ME: Text."),
        (None, "ME", "{credit}: {caption}", "ME"),
        ("Braces {0} {credit}", "A {caption}", "{caption} — {credit}", "Braces {0} {credit}. — A {caption}"),
        ("  Many\n\tspaces  <em>and</em> tags &amp; entities ", "  AP\u200b ", "{caption} (Photo: {credit})",
         "Many spaces and tags & entities. (Photo: AP)"),
    ],
)  # fmt: skip
def test_format_caption_line(caption, credit, style, expected) -> None:
    assert format_caption_line(caption, credit, style) == expected


def test_caption_line_parts_mark_the_credit() -> None:
    assert caption_line_parts("Text", "AP", "{caption} (Photo: {credit})") == [
        ("caption", "Text."),
        ("text", " (Photo: "),
        ("credit", "AP"),
        ("text", ")"),
    ]


def test_clean_text_keeps_literal_angle_text_but_drops_formatting() -> None:
    assert clean_text("<script>alert(1)</script>") == "<script>alert(1)</script>"
    assert clean_text('<a href="x">Link</a> [caption id="1"]in[/caption] <br/>') == "Link in"
    assert clean_text("Fans hold a <3 sign") == "Fans hold a <3 sign"
    assert clean_credit("[Photo by Jane Doe]") == "Jane Doe"


def test_inline_tags_leave_no_space_block_tags_do() -> None:
    assert clean_credit("AP Photo/<b>Evan</b> Vucci") == "AP Photo/Evan Vucci"
    assert clean_text("Mastr<em>acchio</em> waves") == "Mastracchio waves"
    assert clean_text("Line one<br>line two<p>three</p>") == "Line one line two three"


@given(st.text(), st.one_of(st.none(), st.text()))
def test_caption_line_is_tidy(caption: str, credit: str | None) -> None:
    line = format_caption_line(caption, credit)
    assert line == line.strip()
    assert "  " not in line and "\n" not in line
    assert "(Photo: )" not in line or ")" in (credit or "")
    assert ".." not in line or ".." in clean_text(caption) or ".." in clean_credit(credit)
