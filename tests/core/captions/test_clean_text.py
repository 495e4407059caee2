"""clean_text: what an editor expects to read once markup is gone."""

from __future__ import annotations

import pytest

from desktop.core.captions import clean_text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<a href="x">Sochi</a><em>2014</em>', "Sochi2014"),
        ("Line one<br/>line two<p>three</p><div>four</div>", "Line one line two three four"),
        (
            "Wakata <strong>(L)</strong> and <span class='x'>Tyurin</span> (C)",
            "Wakata (L) and Tyurin (C)",
        ),
        ("Fish &amp;amp; chips &amp;amp;amp; peas", "Fish & chips & peas"),
        ("&amp;lt;b&amp;gt; is text on the page", "<b> is text on the page"),
        ("a “spectacular” ‘show’ — “yes”", "a “spectacular” ‘show’ — “yes”"),
        ("&#8220;curly&#8221; &ldquo;named&rdquo;", "“curly” “named”"),
        ("  spaces\n\tand\u00a0non-breaking\u200b  ", "spaces and non-breaking"),
        ("Russiaâ€™s chief", "Russia’s chief"),
        ("a < b and c > d", "a < b and c > d"),
        ("<!-- wp:paragraph -->Text<!-- /wp:paragraph -->", "Text"),
    ],
)
def test_clean_text(markup: str, expected: str) -> None:
    assert clean_text(markup) == expected
