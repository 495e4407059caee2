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


def parse_attributes(attr_text: str) -> dict[str, str]:
    """Attribute names (lower-cased) to their raw values, entities still encoded.

    The first occurrence of a name wins, as in browsers. Values are not unescaped here because
    callers decode text and URLs differently.
    """
    if _ENTITY_QUOTED.search(attr_text):
        attr_text = _QUOTE_ENTITIES.sub(_entity_to_char, attr_text)
    attrs: dict[str, str] = {}
    for match in _ATTR_RE.finditer(attr_text):
        name = match.group("name").lower()
        value = next(v for v in match.group("dq", "sq", "tq", "tsq", "bare") if v is not None)
        attrs.setdefault(name, value)
    return attrs


def class_names(attrs: dict[str, str]) -> list[str]:
    return attrs.get("class", "").lower().split()


def int_or_none(value: str | None) -> int | None:
    """The leading integer of `940`, `940px` or ` 940 `; None when there is none."""
    if value is None:
        return None
    match = re.search(r"\d{1,9}", value)
    return int(match.group(0)) if match else None
