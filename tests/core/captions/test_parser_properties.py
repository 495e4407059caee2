"""Hypothesis properties: the parser never raises, and a rendered caption parses back the same."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.captions import parse_bytes, parse_text, render_shortcode

_FRAGMENTS = st.sampled_from(
    [
        "[caption",
        "[caption]",
        "[/caption]",
        "[[caption]]",
        "[wp_caption id=“attachment_1”]",
        ' id="attachment_12" ',
        "align=alignleft",
        "width=“940″",
        "]",
        "[",
        '<div class="wp-caption">',
        "</div>",
        "<figure>",
        "</figure>",
        "<figcaption>",
        "</figcaption>",
        "<img src='a.jpg'>",
        '<!-- wp:image {"id":3} -->',
        "<!-- /wp:image -->",
        '<!-- wp:gallery {"ids":[1,',
        '<p class="wp-caption-text">',
        "</p>",
        "REUTERS/Jane Doe",
        "(AP Photo/X Y)",
        "Photo:",
        "StationJapanese",
        "\n",
        "\r\n",
        "\n\n",
        " ",
        "&amp;amp;",
        "&#8220;",
        "â€™",
        "\ufeff",
        "Koichi Wakata (L)",
        "[media-credit name='x']",
        "[/media-credit]",
    ]
)
_MARKUPISH = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), _MARKUPISH))
def test_parse_text_never_raises(text: str) -> None:
    result = parse_text(text, "x.txt")
    assert not any("skipped" in w.message and "Error" in w.message for w in result.warnings)
    for record in result.records:
        assert record.line >= 1


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400),
        _MARKUPISH.map(lambda t: t.encode("utf-16")),
        _MARKUPISH.map(lambda t: t.encode("cp1252", errors="replace")),
    )
)
def test_parse_bytes_never_raises(data: bytes) -> None:
    result = parse_bytes(data, "x.bin")
    assert isinstance(result.encoding, str)


_WORDS = st.sampled_from(
    [
        "crew",
        "members",
        "wave",
        "before",
        "the",
        "launch",
        "at",
        "Baikonur",
        "cosmodrome",
        "in",
        "snow",
        "with",
        "torch",
        "“spectacular”",
        "show",
        "&",
        "<b",
        "fish",
        "chips",
        "100%",
        "café",
        "Sochi’s",
        "park",
        "[sic]",
        "'quoted'",
        '"double"',
    ]
)
_TEXTS = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(_WORDS, min_size=1, max_size=12),
    st.sampled_from([".", " today.", " now", " in snow", " crew"]),
)
_CREDITS = st.sampled_from(
    [
        None,
        "REUTERS",
        "REUTERS/Shamil Zhumatov",
        "AP Photo/Evan Vucci",
        "Getty Images",
        "Joe Raedle/Getty Images",
        "EPA/SERGEI ILNITSKY",
        "Xinhua/Li Xin",
        "NASA/Bill Ingalls",
        "AFP PHOTO / KIRILL KUDRYAVTSEV",
        "AP Photo/Evan Vucci, File",
    ]
)
# Image sources are URLs and file names. Arbitrary Latin-1 pairs such as "Â¡" are left out on
# purpose: they are exactly what mojibake looks like, and the parser rightly repairs them.
_NAMES = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./%éüåçñ"),
    min_size=1,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(
    text=_TEXTS,
    credit=_CREDITS,
    attachment_id=st.one_of(st.none(), st.integers(1, 10**9)),
    align=st.sampled_from([None, "alignleft", "alignright", "aligncenter", "alignnone"]),
    width=st.one_of(st.none(), st.integers(1, 5000)),
    image=st.one_of(
        st.none(),
        st.tuples(_NAMES, st.one_of(st.none(), st.sampled_from(["Crew", 'a "b" & c', "it’s"]))),
    ),
)
def test_rendered_shortcode_parses_back_to_the_same_record(
    text, credit, attachment_id, align, width, image
) -> None:
    image_src, image_alt = image if image else (None, None)
    rendered = render_shortcode(
        text=text,
        credit=credit,
        attachment_id=attachment_id,
        align=align,
        width=width,
        image_src=image_src,
        image_alt=image_alt,
    )
    (record,) = parse_text(rendered, "r.txt").records
    assert (record.text, record.credit, record.attachment_id, record.align, record.width) == (
        text,
        credit,
        attachment_id,
        align,
        width,
    )
    assert (record.image_src, record.image_alt) == (image_src, image_alt)
