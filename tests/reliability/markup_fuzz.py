"""Hostile caption-markup inputs for the parser fuzz test and benchmark: fragments of every form the
parser knows, glued at random, in several encodings, plus the checks a parse must pass."""

from __future__ import annotations

import json
import random

from hypothesis import strategies as st

from desktop.core.captions import parse_bytes
from desktop.core.records import ParseResult

FRAGMENTS = (
    "[caption",
    "[caption ",
    "[caption]",
    "[/caption]",
    "[/caption",
    '[caption id="attachment_12" align="alignleft" width="300"]',
    '[caption id="attachment_',
    "[wp_caption]",
    "[[caption]]",
    "]",
    "[",
    '"',
    "'",
    "“",
    "”",
    "‘",
    "’",
    "„",
    "«",
    "»",
    "<figure>",
    "</figure>",
    '<figure class="wp-block-image size-large">',
    "<figcaption>",
    "</figcaption>",
    '<figcaption class="wp-element-caption">',
    '<div id="attachment_7" class="wp-caption alignnone" style="width: 310px">',
    "</div>",
    '<p class="wp-caption-text">',
    "</p>",
    "<p>",
    '<img src="https://x.example/wp-content/uploads/2024/01/a-300x200.jpg" alt="A">',
    "<img src=",
    "<img",
    '<a href="https://x.example/a.jpg">',
    "<a>",
    "</a>",
    "<br/>",
    "<br",
    "<!-- wp:image {",
    '<!-- wp:image {"id":42,"sizeSlug":"large"} -->',
    "<!-- /wp:image -->",
    "<!--",
    "-->",
    '{"id":',
    "}",
    "&amp;",
    "&nbsp;",
    "&#8220;",
    "&#x201D;",
    "&#99999999;",
    "&#x110000;",
    "&bogus;",
    "&",
    "REUTERS/Shamil Zhumatov",
    "AP Photo/Evan Vucci",
    "(Photo: Getty Images)",
    "Photo by ",
    " (L-R) ",
    "Koichi Wakata",
    "President Joe Biden",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\x00",
    "\ufeff",
    "\u200b",
    "Ã©",
    "â€œ",
    "Zürich",
    "東京",
    "\U0001f4f8",
    "a" * 40,
    "Caption text about the launch.",
)

ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1", "utf-8-sig")
MARKUPS = {"wp-shortcode", "wp-html", "figure", "gutenberg", "flattened"}


def random_document(rng: random.Random, max_pieces: int = 60) -> bytes:
    """A seeded random document: fragments glued together, sometimes with random bytes, in a
    random encoding (what cannot be encoded is replaced)."""
    pieces = [rng.choice(FRAGMENTS) for _ in range(rng.randrange(max_pieces))]
    roll = rng.random()
    if roll < 0.1:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
    text = "".join(pieces)
    data = text.encode(rng.choice(ENCODINGS), errors="replace")
    if roll < 0.3 and data:
        # Flip, cut or splice bytes: a broken download, a truncated export.
        data = bytearray(data)
        for _ in range(rng.randrange(1, 6)):
            at = rng.randrange(len(data))
            data[at] = rng.randrange(256)
        data = bytes(data[: rng.randrange(len(data) + 1)])
    return data


def documents() -> st.SearchStrategy[bytes]:
    """The hypothesis form: fragment soups in any encoding, or raw bytes."""
    soup = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)
    encoded = st.tuples(soup, st.sampled_from(ENCODINGS)).map(
        lambda te: te[0].encode(te[1], errors="replace")
    )
    return encoded | st.binary(max_size=400)


def check_parse(data: bytes) -> ParseResult:
    """Parse and check what every result must satisfy; raises AssertionError on a problem."""
    result = parse_bytes(data, "fuzz.txt")
    internal = [
        w.message
        for w in result.warnings
        if w.message.startswith(("parsing stopped early", "caption skipped"))
    ]
    assert not internal, internal  # an exception the parser swallowed is still a crash
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for record in result.records:
        assert record.markup in MARKUPS, record
        # A caption may be a credit alone (text ""), never nothing at all.
        assert isinstance(record.text, str) and (record.text or record.credit), record
        assert record.text == record.text.strip(), record
        assert record.credit is None or record.credit == record.credit.strip(), record
        assert 1 <= record.line <= lines, record
        assert 0.0 <= record.confidence <= 1.0, record
        json.dumps(record.to_json())  # what `parse --json` prints
    return result
