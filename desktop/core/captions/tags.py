"""Suggest tags for a caption (person, place, organisation, event) where a cheap rule is reliable."""

from __future__ import annotations

import re

from desktop.core.captions.places import find_places

_CAP = r"[^\W\d_a-z][\w'’\-]*"
# Organisations: a capitalised run that ends with a word only organisations end with.
_ORG_RE = re.compile(
    rf"""(?<![\w'’-])(?:{_CAP}\s+){{1,5}}
    (?:Agency|Committee|Ministry|University|Council|Association|Federation|Party|Organisation
      |Organization|Corporation|Company|Bank|Institute|Union|Commission|Department
      |Administration|Foundation|Authority|Parliament|Senate|Congress|Inc\.?|Ltd\.?|Group)\b""",
    re.VERBOSE,
)
# Events: an optional year or capitalised words before a word that names an event.
_EVENT_RE = re.compile(
    rf"""(?<![\w'’-])(?:(?:{_CAP}|\d{{4}})\s+){{0,5}}
    (?:Olympic\s+Games|Paralympic\s+Games|Winter\s+Games|Summer\s+Games|Olympics|Paralympics
      |World\s+Cup|Grand\s+Prix|Championships?|Festival|Summit|Marathon|Expo|Biennale
      |Fashion\s+Week|Torch\s+Relay|Film\s+Awards|Awards)\b""",
    re.VERBOSE,
)
_ENDINGS = {
    "organisation": re.compile(
        r"\b(?:Agency|Committee|Ministry|University|Council|Association|Federation|Party"
        r"|Organi[sz]ation|Corporation|Company|Bank|Institute|Union|Commission|Department"
        r"|Administration|Foundation|Authority|Parliament|Senate|Congress|Inc|Ltd|Group)\b"
    ),
    "event": re.compile(
        r"\b(?:Games|Olympics|Paralympics|Cup|Prix|Championships?|Festival|Summit|Marathon|Expo"
        r"|Biennale|Week|Relay|Awards)\b"
    ),
}
_LEADING_ARTICLE = re.compile(r"^(?:The|A|An|This|These|Those|In|At|On)\s+")
# Tags must not start with words that merely begin a sentence or join phrases.
_BAD_START = re.compile(r"^(?:And|But|Or|Of|For|With|From|To|By)\s+")


def _tidy(name: str) -> str:
    name = _LEADING_ARTICLE.sub("", name.strip())
    return re.sub(r"\s+", " ", name)


def suggest_tags(text: str, people: list[str] | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(kind, name) pairs: the people, then places, organisations and events named in the text."""
    named: dict[str, list[str]] = {"organisation": [], "event": []}
    for kind, regex in (("organisation", _ORG_RE), ("event", _EVENT_RE)):
        if _ENDINGS[kind].search(text) is None:  # a cheap test spares the long pattern
            continue
        for match in regex.finditer(text):
            name = _tidy(match.group(0))
            if len(name.split()) >= 2 and not _BAD_START.match(name) and name not in named[kind]:
                named[kind].append(name)
    # `Washington` inside a person's name, `Japan` inside an agency's, is not a place.
    inside = " | ".join([*people, *named["organisation"]])
    tags: list[tuple[str, str]] = [("person", p) for p in people]
    tags += [("place", p) for p in find_places(text) if p not in inside]
    tags += [(kind, n) for kind in ("organisation", "event") for n in named[kind]]
    return tuple(tags)
