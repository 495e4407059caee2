"""`[caption]` and `[wp_caption]` shortcodes: quoting, attribute order, legacy form, tolerance."""

from __future__ import annotations

import pytest

from desktop.core.captions import parse_text


def _one(text: str):
    result = parse_text(text, "dump.txt")
    assert len(result.records) == 1, result.records
    return result.records[0]


@pytest.mark.parametrize(
    "attrs",
    [
        'id="attachment_7" align="alignright" width="320"',
        "id='attachment_7' align='alignright' width='320'",
        "id=attachment_7 align=alignright width=320",
        "width=“320” align=“alignright” id=“attachment_7”",
        "id=”attachment_7″ align=”alignright″ width=”320″",
        "id=‘attachment_7’ align=‘alignright’ width=′320′",
        "id=«attachment_7» align=«alignright» width=«320»",
        "ID=&#8220;attachment_7&#8221; ALIGN=&#8220;alignright&#8221; WIDTH=&#8221;320&#8243;",
        "id=&quot;attachment_7&quot; align=&quot;alignright&quot; width=&quot;320&quot;",
    ],
)
def test_any_quoting_order_and_case(attrs: str) -> None:
    record = _one(f"[caption {attrs}]<img src='a.jpg' alt='x' /> Crew waves.[/caption]")
    assert (record.attachment_id, record.align, record.width) == (7, "alignright", 320)
    assert record.text == "Crew waves."


def test_wp_caption_and_upper_case_names() -> None:
    record = _one('[WP_CAPTION ID="attachment_3" Width="200"]Text here[/WP_CAPTION]')
    assert (record.attachment_id, record.width, record.text) == (3, 200, "Text here")


def test_unknown_attributes_are_kept_aside() -> None:
    record = _one('[caption id="attachment_1" class="big" data-x=\'y\']Text[/caption]')
    assert record.extra_attrs == (("class", "big"), ("data-x", "y"))


def test_linked_image_gives_src_alt_and_the_text_after_it() -> None:
    record = _one(
        '[caption id="attachment_9" width="300"]<a href="/full.jpg"><img src="/a-300x200.jpg" '
        'alt="Alt &amp; more" width="300" /></a> The <em>text</em> itself[/caption]'
    )
    assert record.image_src == "/a-300x200.jpg"
    assert record.image_alt == "Alt & more"
    assert record.text == "The text itself"


def test_legacy_caption_attribute_wins_over_content() -> None:
    record = _one(
        '[caption id="attachment_4" caption="He called it “spectacular” today"]'
        '<img src="b.jpg" alt="" />[/caption]'
    )
    assert record.text == "He called it “spectacular” today"
    assert record.image_src == "b.jpg"
    assert record.image_alt is None


def test_legacy_caption_in_typographic_quotes_holding_typographic_quotes() -> None:
    record = _one("[caption id=“attachment_4” caption=“Russia’s “best” crew” width=“10”][/caption]")
    assert (record.text, record.width) == ("Russia’s “best” crew", 10)


def test_no_attributes_at_all() -> None:
    assert _one("[caption]Just text. REUTERS[/caption]").credit == "REUTERS"


def test_escaped_shortcodes_give_nothing() -> None:
    text = (
        '[[caption id="attachment_1"]]Shown as code[/caption]]\n'
        "[[caption]]\n"
        '[[caption id="attachment_2"]Not escaped: WordPress reads this one[/caption]\n'
    )
    records = parse_text(text, "d.txt").records
    assert [(r.attachment_id, r.line) for r in records] == [(2, 3)]


def test_unclosed_caption_ends_at_its_line_and_warns() -> None:
    text = (
        'intro\n[caption id="attachment_1"]First, never closed\n'
        "Body paragraph one.\nBody paragraph two.\n"
        '[caption id="attachment_2"]Second[/caption]\n'
    )
    result = parse_text(text, "d.txt")
    assert [(r.attachment_id, r.text, r.line) for r in result.records] == [
        (1, "First, never closed", 2),
        (2, "Second", 5),
    ]
    assert [(w.source, w.line) for w in result.warnings] == [("d.txt", 2)]


def test_unclosed_caption_ends_at_the_next_caption_on_its_line() -> None:
    text = '[caption id="attachment_1"]One [caption id="attachment_2"]Two[/caption]'
    records = parse_text(text, "d.txt").records
    assert [(r.attachment_id, r.text) for r in records] == [(1, "One"), (2, "Two")]


def test_stray_closers_and_junk_lines_are_ignored() -> None:
    text = "[/caption]\nAdvertisement\nEnd of Article\n)\n)\n[/wp_caption]\n"
    result = parse_text(text, "d.txt")
    assert result.records == ()


def test_caption_spanning_lines_keeps_the_line_where_it_starts() -> None:
    text = 'a\nb\n[caption id="attachment_5"\n align="alignleft"]<img src="x.jpg" />\nText\non two lines[/caption]'
    record = _one(text)
    assert (record.line, record.align, record.text) == (3, "alignleft", "Text on two lines")


def test_media_credit_wrapper_gives_the_credit() -> None:
    record = _one(
        '[caption id="attachment_6"][media-credit name="Jane Roe/REUTERS" align="alignleft"]'
        '<img src="m.jpg" alt="" />[/media-credit] Flood waters rise[/caption]'
    )
    assert (record.text, record.credit) == ("Flood waters rise", "Jane Roe/REUTERS")
    assert (record.photographer, record.agency) == ("Jane Roe", "REUTERS")
    assert record.image_src == "m.jpg"


def test_double_encoded_entities_are_decoded_until_stable() -> None:
    record = _one("[caption]Fish &amp;amp; chips &amp;#8220;quoted&amp;#8221;[/caption]")
    assert record.text == "Fish & chips “quoted”"
