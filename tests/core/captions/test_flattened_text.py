"""Captions flattened into plain text: glued to body text, to themselves, or to their alt text."""

from __future__ import annotations

from desktop.core.captions import parse_text


def _records(text: str):
    return parse_text(text, "article.txt").records


def test_caption_glued_before_body_text() -> None:
    (record,) = _records(
        "By Jane Doe\n\nFirefighters battle the blaze near the harbour in SydneyJanuary 5 - Crews "
        "fought through the night to contain the fire, officials said.\n"
    )
    assert record.text == "Firefighters battle the blaze near the harbour in Sydney"
    assert (record.markup, record.line, record.reason) == (
        "flattened",
        3,
        "caption glued to body text",
    )
    assert record.confidence < 1


def test_repeated_caption_is_given_once() -> None:
    caption = "Crowds gather in the main square ahead of the parade"
    (record,) = _records(f"Body text.\n\n{caption}{caption}\n")
    assert record.text == caption
    assert "repeated" in record.reason


def test_alt_text_glued_to_its_caption_becomes_the_alt() -> None:
    alt = "Two players celebrate the winning goal at the stadium"
    caption = "Maria Lopez and Ana Ruiz celebrate the winning goal at the stadium"
    (record,) = _records(f"{alt}{caption}\n")
    assert (record.text, record.image_alt) == (caption, alt)


def test_body_text_with_camel_case_words_gives_nothing() -> None:
    text = (
        "He filmed it on his iPhone and posted it on YouTube before lunch.\n\n"
        "Ronald McDonald and the PlayStation team met at the McLaren factory on Tuesday.\n\n"
        "The company sold it on eBay and paid with PayPal, WikiLeaks reported.\n\n"
        "Plain text with no caption at all.\n"
    )
    assert _records(text) == ()


def test_junk_lines_give_nothing() -> None:
    assert _records("Advertisement\nEnd of Article\n\n)\n)\n") == ()


def test_flattened_captions_are_not_looked_for_in_markup() -> None:
    text = (
        "<p>Firefighters battle the blaze in SydneyJanuary 5 - Crews fought the fire all night.</p>\n"
        '[caption id="attachment_1"]A real caption[/caption]\n'
    )
    assert [r.markup for r in _records(text)] == ["wp-shortcode"]
