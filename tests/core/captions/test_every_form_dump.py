"""The every-form dump, in five encodings, gives the same records: one per markup form."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.captions import iter_parse_file, parse_bytes, parse_file
from desktop.core.records import ParseWarning

DUMPS = Path(__file__).resolve().parents[2] / "data" / "dumps"
ENCODINGS = {
    "every-form.txt": "utf-8",
    "every-form.utf8-bom.txt": "utf-8-sig",
    "every-form.utf16.txt": "utf-16-le",
    "every-form.cp1252.txt": "cp1252",
    "every-form.mojibake.txt": "utf-8",
}

# (line, markup, text, credit, attachment_id, align, width, image_src, image_alt)
EXPECTED = [
    (
        2,
        "wp-shortcode",
        "The Soyuz rocket blasts off from Baikonur.",
        "REUTERS/Shamil Zhumatov",
        101,
        "alignleft",
        300,
        "https://example.com/wp-content/uploads/2013/11/launch-300x200.jpg",
        "Soyuz launch",
    ),
    (
        3,
        "wp-shortcode",
        "Legacy caption with a “quoted” word in the café.",
        "AP Photo/Evan Vucci",
        102,
        "aligncenter",
        400,
        "legacy.jpg",
        None,
    ),
    (
        4,
        "wp-shortcode",
        "Crowds cheer in Sochi’s Olympic Park.",
        "AFP PHOTO / KIRILL KUDRYAVTSEV",
        103,
        "alignright",
        500,
        "typo.jpg",
        "Typo",
    ),
    (
        5,
        "wp-shortcode",
        "Entity-quoted caption & more.",
        "Joe Raedle/Getty Images",
        104,
        "alignnone",
        600,
        None,
        None,
    ),
    (
        7,
        "wp-html",
        "Skaters train in Sochi.",
        "EPA/SERGEI ILNITSKY",
        105,
        "alignleft",
        300,
        "div.jpg",
        "Div alt",
    ),
    (
        8,
        "wp-html",
        "An HTML5 caption.",
        "Xinhua/Li Xin",
        106,
        "aligncenter",
        640,
        "html5.jpg",
        None,
    ),
    (
        9,
        "wp-html",
        "A TinyMCE caption.",
        "NASA/Bill Ingalls",
        107,
        "alignright",
        200,
        "dl.jpg",
        None,
    ),
    (
        10,
        "gutenberg",
        "A block caption.",
        "Jane Doe",
        108,
        "alignleft",
        None,
        "block.jpg",
        "Block alt",
    ),
    (14, "gutenberg", "First gallery image", None, 109, None, None, "g1.jpg", None),
    (14, "gutenberg", "Second gallery image.", "Getty Images", 110, None, None, "g2.jpg", None),
    (16, "figure", "A plain figure caption", "John Smith", None, None, None, "plain.jpg", "Plain"),
    (
        17,
        "wp-shortcode",
        "A media-credit caption",
        "Jane Roe",
        111,
        "alignleft",
        300,
        "mc.jpg",
        None,
    ),
    (
        18,
        "wp-shortcode",
        "An unclosed caption that ends here",
        None,
        112,
        "alignleft",
        300,
        "unclosed.jpg",
        None,
    ),
    (20, "wp-shortcode", "The caption after it.", "REUTERS", 113, "alignright", 200, None, None),
]


def _fields(record) -> tuple:
    return (
        record.line,
        record.markup,
        record.text,
        record.credit,
        record.attachment_id,
        record.align,
        record.width,
        record.image_src,
        record.image_alt,
    )


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_every_encoding_gives_the_same_records(name: str) -> None:
    result = parse_file(DUMPS / name)
    assert [_fields(r) for r in result.records] == EXPECTED
    assert result.encoding == ENCODINGS[name]
    assert all(r.source == name for r in result.records)


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_the_unclosed_caption_is_reported_with_its_line(name: str) -> None:
    warnings = parse_file(DUMPS / name).warnings
    unclosed = [w for w in warnings if "no [/caption]" in w.message]
    assert [(w.source, w.line) for w in unclosed] == [(name, 18)]


def test_mojibake_is_repaired_and_reported() -> None:
    result = parse_file(DUMPS / "every-form.mojibake.txt")
    assert "â€" not in " ".join(r.text for r in result.records)
    assert any("mojibake" in w.message for w in result.warnings)


def test_escaped_shortcode_and_junk_give_nothing() -> None:
    records = parse_file(DUMPS / "every-form.txt").records
    assert 999 not in [r.attachment_id for r in records]
    assert not any("Escaped" in r.text or "Advertisement" in r.text for r in records)


def test_credit_parts_and_unknown_attributes() -> None:
    by_id = {r.attachment_id: r for r in parse_file(DUMPS / "every-form.txt").records}
    assert (by_id[101].agency, by_id[101].photographer) == ("REUTERS", "Shamil Zhumatov")
    assert (by_id[102].agency, by_id[102].photographer) == ("AP", "Evan Vucci")
    assert (by_id[104].agency, by_id[104].photographer) == ("Getty Images", "Joe Raedle")
    assert by_id[103].extra_attrs == (("class", "custom-class"),)
    assert by_id[111].photographer == "Jane Roe"


@pytest.mark.parametrize("chunk_size", [7, 64, 1000])
def test_streaming_in_small_chunks_gives_the_same_records(chunk_size: int) -> None:
    for name in ENCODINGS:
        warnings: list[ParseWarning] = []
        streamed = list(iter_parse_file(DUMPS / name, warnings=warnings, chunk_size=chunk_size))
        assert streamed == list(parse_file(DUMPS / name).records), name
        assert [w.line for w in warnings if "no [/caption]" in w.message] == [18]


def test_a_dump_mixing_utf8_and_cp1252_lines_keeps_both() -> None:
    data = (
        '[caption id="attachment_1"]Caf\u00e9 in Paris. REUTERS[/caption]\n'.encode()
        + '[caption id="attachment_2"]Caf\u00e9 in Nice. REUTERS[/caption]\n'.encode("cp1252")
    )
    result = parse_bytes(data, "mixed.txt")
    assert [r.text for r in result.records] == ["Café in Paris.", "Café in Nice."]
    assert [(w.line, "cp1252" in w.message) for w in result.warnings] == [(2, True)]
