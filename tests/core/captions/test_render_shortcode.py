"""render_shortcode writes clean, escaped WordPress shortcodes that parse back to the same caption."""

from __future__ import annotations

from desktop.core.captions import parse_text, render_shortcode


def test_full_shortcode() -> None:
    assert render_shortcode(
        text="Crew waves.",
        credit="REUTERS",
        attachment_id=1216379,
        align="alignleft",
        width=940,
        image_src="https://x/a.jpg",
        image_alt="Crew",
    ) == (
        '[caption id="attachment_1216379" align="alignleft" width="940"]'
        '<img src="https://x/a.jpg" alt="Crew" width="940" /> Crew waves. REUTERS[/caption]'
    )


def test_missing_parts_are_left_out() -> None:
    assert render_shortcode(text="Text") == '[caption align="alignnone"]Text[/caption]'
    assert render_shortcode(text="Text", align=None) == "[caption]Text[/caption]"


def test_values_and_text_are_escaped() -> None:
    rendered = render_shortcode(
        text='Fish & <chips> "x" [/caption]',
        image_src='a"b&c.jpg',
        image_alt="it's",
    )
    assert rendered.count("[/caption]") == 1
    assert 'src="a&quot;b&amp;c.jpg"' in rendered and 'alt="it&#x27;s"' in rendered
    (record,) = parse_text(rendered, "r.txt").records
    assert record.text == 'Fish & <chips> "x" [/caption]'
    assert (record.image_src, record.image_alt) == ('a"b&c.jpg', "it's")
