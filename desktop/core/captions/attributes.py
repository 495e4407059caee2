"""Parse shortcode and HTML tag attributes, however they were quoted (straight, typographic, none)."""

from __future__ import annotations

import re

# Editors and wptexturize turn `"` into curly quotes or a double prime (after digits), and
# scrapes turn those into entities; all of them delimit attribute values in real dumps.
_QUOTE_ENTITIES = re.compile(
    r"&(?:#0*(?:8220|8221|8222|8243|8216|8217|8242|171|187|34|39)|#x0*(?:201[cdeCDE89]|201[89]|2033|2032|[aAbB]{2}|22|27)"
    r"|quot|ldquo|rdquo|bdquo|lsquo|rsquo|prime|Prime|laquo|raquo|apos);"
)
_ENTITY_QUOTED = re.compile(r"=\s*&(?:#|quot|ldquo|rdquo|lsquo|rsquo|prime|Prime|laquo|raquo|apos)")
_DOUBLES = "“”„″«»"
_SINGLES = "‘’′"

# A value in typographic quotes may itself hold typographic quotes (a legacy `caption=` with a
# quoted word), so it ends only at a quote followed by the next attribute or the tag's end.
_NEXT_OR_END = r"(?=\s+[A-Za-z_][\w:.-]*\s*=|\s*/?\s*$)"
_ATTR_RE = re.compile(
    rf"""
    (?P<name>[A-Za-z_][\w:.-]*)
    \s*=\s*
    (?:
        "(?P<dq>[^"]*)"
      | '(?P<sq>[^']*)'
      | [{_DOUBLES}](?P<tq>.*?)[{_DOUBLES}]{_NEXT_OR_END}
      | [{_SINGLES}](?P<tsq>.*?)[{_SINGLES}]{_NEXT_OR_END}
      | (?P<bare>[^\s"'{_DOUBLES}{_SINGLES}>]+)
    )
    """,
    re.VERBOSE | re.DOTALL,
)

_TO_CHAR = {
    "quot": '"',
    "ldquo": "“",
    "rdquo": "”",
    "bdquo": "„",
    "lsquo": "‘",
    "rsquo": "’",
    "prime": "′",
    "Prime": "″",
    "laquo": "«",
    "raquo": "»",
    "apos": "'",
}


def _entity_to_char(match: re.Match[str]) -> str:
    body = match.group(0)[1:-1]
    if body.startswith("#x") or body.startswith("#X"):
        return chr(int(body[2:], 16))
    if body.startswith("#"):
        return chr(int(body[1:]))
    return _TO_CHAR[body]


# The usual attributes: whitespace, a lower-case name, `=` and a value quoted alike throughout
# (straight double, straight single, typographic double quotes) or bare. Where every `=` of a
# text is one of these pairs', _ATTR_RE finds exactly these pairs: each of its matches needs an
# `=` right after its name (spaces aside), and before such a pair's `=` stand a whitespace and
# the name, so its match starts at the name; the value's first character picks the same
# alternative, which ends where this one does (the value holds no closing quote; a typographic
# one checks _NEXT_OR_END as _ATTR_RE does; a bare one stops at an `=` only where one is left
# over). Anything else fails the count and takes the general way.
_NAME = r"\s([a-z_][a-z0-9_:.-]*)="
_SIMPLE_PAIRS = {
    '"': re.compile(_NAME + r'"([^"]*)"'),
    "'": re.compile(_NAME + r"'([^']*)'"),
    "“": re.compile(rf"{_NAME}[{_DOUBLES}]([^{_DOUBLES}]*)[{_DOUBLES}]{_NEXT_OR_END}"),
    "": re.compile(rf"""{_NAME}([^\s"'{_DOUBLES}{_SINGLES}>=]+)"""),
}


def parse_attributes(attr_text: str) -> dict[str, str]:
    """Attribute names (lower-cased) to their raw values, entities still encoded.

    The first occurrence of a name wins, as in browsers. Values are not unescaped here because
    callers decode text and URLs differently.
    """
    if "&" in attr_text and _ENTITY_QUOTED.search(attr_text):
        attr_text = _QUOTE_ENTITIES.sub(_entity_to_char, attr_text)
    if '"' in attr_text:
        quote = '"'
    elif "'" in attr_text:
        quote = "'"
    else:
        quote = "“" if "“" in attr_text else ""
    pairs = _SIMPLE_PAIRS[quote].findall(attr_text)
    if attr_text.count("=") == len(pairs):  # all simple pairs
        simple = dict(pairs)  # names already lower-case
        if len(simple) == len(pairs):  # no name repeated (else the first one must win)
            return simple
    attrs: dict[str, str] = {}
    # findall gives a tuple of strings per attribute, cheaper than a Match object each. Exactly
    # one value alternative matched, so the first non-empty group is the value; when all are
    # empty, the value was written empty (`alt=""`).
    for name, dq, sq, tq, tsq, bare in _ATTR_RE.findall(attr_text):
        name = name.lower()
        if name not in attrs:
            attrs[name] = dq or sq or tq or tsq or bare
    return attrs


def class_names(attrs: dict[str, str]) -> list[str]:
    return attrs.get("class", "").lower().split()


_DIGITS_RE = re.compile(r"\d{1,9}")


def int_or_none(value: str | None) -> int | None:
    """The leading integer of `940`, `940px` or ` 940 `; None when there is none."""
    if value is None:
        return None
    if len(value) <= 9 and value.isascii() and value.isdigit():  # the usual `940`, no regex
        return int(value)
    match = _DIGITS_RE.search(value)
    return int(match.group(0)) if match else None
