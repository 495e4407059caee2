"""Turn caption markup into clean text: tags stripped, entities decoded, white space collapsed."""

from __future__ import annotations

import html
import re

# Block-level tags separate words, so they become a space; inline tags (a, em, span...) join
# the text around them as it reads on the page.
_BLOCK_TAGS = (
    "br|p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|tbody|thead|h[1-6]|hr|blockquote|figure"
    "|figcaption|section|article|header|footer|aside|nav|img|iframe|video|audio|source|pre"
)
_TAG_RE = re.compile(
    r"""
    <!--.*?-->                                  # comments (Gutenberg block delimiters included)
    | <(?P<close>/?)(?P<name>[A-Za-z][\w:-]*)   # an opening or closing tag name
      (?:[^<>"']|"[^"]{0,2000}"|'[^']{0,2000}'){0,4000}?      # attributes, quoted values may hold '>'
      /?>
    """,
    re.VERBOSE | re.DOTALL,
)
_BLOCK_RE = re.compile(rf"(?:{_BLOCK_TAGS})", re.IGNORECASE)
# Zero-width characters and soft hyphens are invisible in print and break word matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def _has_invisible(text: str) -> bool:
    """Whether the text holds one of them. str.translate with a dict walks the text in
    Python-object steps, so the usual caption, which holds none, skips it after this test.
    `in` finds one character with a C memchr-like scan (and knows at once that a wide character
    is not in a narrow string): 5x faster than searching for the class with a regex."""
    return (
        "\u200b" in text
        or "\u200c" in text
        or "\u200d" in text
        or "\u2060" in text
        or "\ufeff" in text
        or "\u00ad" in text
    )


# A cheap test for double-encoded text (UTF-8 read as cp1252/latin-1) before asking ftfy.
MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00c5\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def _replace_tag(match: re.Match[str]) -> str:
    name = match.group("name")
    if name is None:  # a comment
        return " "
    return " " if _BLOCK_RE.fullmatch(name) else ""


def strip_tags(markup: str) -> str:
    """Remove tags: block tags leave a space so words do not run together, inline ones nothing."""
    if "<" not in markup:
        return markup
    return _TAG_RE.sub(_replace_tag, markup)


# Where html.unescape may change the text: each reference it decodes is an `&` followed by `#` or
# a character of a name, so one of `\t \n \f space < & ;` (or the end) after every `&` means none.
_ENTITY_START_RE = re.compile(r"&[^\t\n\f <&;]")


def decode_entities(text: str, *, rounds: int = 5) -> str:
    """Decode HTML entities until the text stops changing: scrapes double-encode (`&amp;amp;`)."""
    if "&" not in text:
        return text
    for _ in range(rounds):
        if _ENTITY_START_RE.search(text) is None:
            # No `&amp;`, and html.unescape would change nothing: the usual case once `&amp;`
            # has been decoded (`Smith & Jones`), and a cheaper test than trying it.
            break
        ampersands = text.count("&")
        if ampersands == text.count("&amp;"):
            # Only `&amp;`, the usual case in scrapes: what html.unescape would do, 10x faster.
            decoded = text.replace("&amp;", "&")
        else:
            decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def may_be_mojibake(text: str) -> bool:
    """True when the text holds a pair of characters that UTF-8 read as cp1252 leaves behind."""
    if text.isascii():
        return False
    # The characters MOJIBAKE_HINT starts with first, one `in` (a C memchr-like scan) each: ~25x
    # faster than the regex on text without them, which is nearly all text (a 1 MB chunk costs
    # 0.3 ms instead of 7 ms); and no any() over a generator, as this runs for every caption.
    return (
        "\u00c2" in text
        or "\u00c3" in text
        or "\u00c4" in text
        or "\u00c5" in text
        or "\u00e2" in text
    ) and MOJIBAKE_HINT.search(text) is not None


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1252 damage (`â€™` -> `’`) only where it is likely, since ftfy is slow."""
    if not may_be_mojibake(text):
        return text
    # Imported on first need: ftfy (with the text-width tables it loads) costs ~35 ms to import,
    # in every parser worker and CLI run, and nearly no text needs it.
    import ftfy

    return ftfy.fix_encoding(text)


def collapse_space(text: str) -> str:
    """Runs of white space (any Unicode space, no-break spaces included) as one space, trimmed."""
    if not text.isascii() and _has_invisible(text):
        text = text.translate(_INVISIBLE)
    # str.split() breaks on exactly the characters str.isspace() accepts, which are the ones
    # the regex class [\s\u00a0\u2000-\u200a...] matches, at a fifth of the regex's cost.
    return " ".join(text.split())


def clean_text(markup: str) -> str:
    """The clean caption text of a piece of markup.

    Tags are stripped once, then entities decoded until stable: `&lt;b&gt;` is text a reader
    saw on the page, not a tag. Typographic quotes are left as they are.
    """
    # Each step returns at once when it has nothing to do, which is most of them for most
    # captions: no `<`, no `&`, ASCII text (str.isascii() is O(1)).
    return collapse_space(repair_mojibake(decode_entities(strip_tags(markup))))


def clean_attribute(value: str) -> str:
    """An attribute's text (alt, title): decoded once, since a URL's `&amp;` is a real `&`."""
    return collapse_space(repair_mojibake(html.unescape(value)))


def clean_url(value: str) -> str:
    """A src or href: decoded once and trimmed, otherwise exactly as written."""
    return repair_mojibake(html.unescape(value)).strip()


# Lines that scraped pages leave between articles; never captions, never body text.
_JUNK_LINES = frozenset(
    {
        "advertisement",
        "end of article",
        "story continues below advertisement",
        "continue reading",
        "continue reading below",
        "related stories",
        "share this article",
        "share",
        "read more",
        "loading",
        "loading...",
        "skip to main content",
        "sponsored",
    }
)
_PUNCTUATION_ONLY = re.compile(r"[\W_]*")


def is_junk_line(line: str) -> bool:
    """True for lines such as `Advertisement`, `End of Article` or a lone `)`."""
    stripped = line.strip()
    return stripped.lower() in _JUNK_LINES or _PUNCTUATION_ONLY.fullmatch(stripped) is not None
