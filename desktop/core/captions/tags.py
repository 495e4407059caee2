"""Suggest tags for a caption (person, place, organisation, event) where a cheap rule is reliable."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.captions.places import PlaceFinder

_CAP = r"[^\W\d_a-z][\w'’\-]*"
# Words only organisations end with, and words that name an event, tried in this order.
_ORG_ENDINGS = (
    *("Agency", "Committee", "Ministry", "University", "Council", "Association", "Federation"),
    *("Party", "Organisation", "Organization", "Corporation", "Company", "Bank", "Institute"),
    *("Union", "Commission", "Department", "Administration", "Foundation", "Authority"),
    *("Parliament", "Senate", "Congress", r"Inc\.?", r"Ltd\.?", "Group"),
)
_EVENT_ENDINGS = (
    *(r"Olympic\s+Games", r"Paralympic\s+Games", r"Winter\s+Games", r"Summer\s+Games"),
    *("Olympics", "Paralympics", r"World\s+Cup", r"Grand\s+Prix", "Championships?", "Festival"),
    *("Summit", "Marathon", "Expo", "Biennale", r"Fashion\s+Week", r"Torch\s+Relay"),
    *(r"Film\s+Awards", "Awards"),
)
# Organisations: a capitalised run that ends with a word only organisations end with.
_ORG_RE = re.compile(rf"(?<![\w'’-])(?:{_CAP}\s+){{1,5}}(?:{'|'.join(_ORG_ENDINGS)})\b")
# Events: an optional year or capitalised words before a word that names an event.
_EVENT_RE = re.compile(
    rf"(?<![\w'’-])(?:(?:{_CAP}|\d{{4}})\s+){{0,5}}(?:{'|'.join(_EVENT_ENDINGS)})\b"
)


# Finding those matches quickly. The long patterns above backtrack at every capitalised word,
# so they are only run where a match can start: a few words before an ending.


def _ending_branches() -> list[str]:
    """Regex branches, one per capital, for where an ending starts as the patterns above would
    take it (a word of its own). A branch covers no more than the ending's first word, so an
    ending inside a longer one (`Awards` in `Film Awards`) is found too. Event endings capture,
    organisation endings do not, so a match's `lastindex` tells the kind (no word starts an
    ending of both kinds)."""
    rests: dict[str, tuple[list[str], list[str]]] = {}  # by capital: organisations', events'
    for kind, endings in enumerate((_ORG_ENDINGS, _EVENT_ENDINGS)):
        for ending in endings:
            first_word, gap, rest = ending.partition(r"\s+")
            rests.setdefault(ending[0], ([], []))[kind].append(
                rf"{first_word[1:]}(?={gap}{rest}\b)" if gap else rf"{first_word[1:]}\b"
            )
    branches = []
    for capital, (organisation, event) in rests.items():
        options = [*organisation, f"({'|'.join(event)})"] if event else organisation
        branches.append(rf"{capital}(?<![\w'’-].)(?:{'|'.join(options)})")
    return branches


_ENDING_BRANCHES = _ending_branches()
_ENDING_RE = re.compile("|".join(_ENDING_BRANCHES))
# Places and endings in one pass over the text: most captions name no organisation nor event,
# and for them that pass is all it takes to know.
_PLACE_FINDER = PlaceFinder(marks=_ENDING_BRANCHES)
# The run of up to five words the patterns above allow before an ending, matched backwards
# from the ending in the reversed text: a word is a whole run of word characters, `'`, `’` and
# `-` whose first character is a capital (or, for events, a four-digit year).
_WORD_BACK = r"[\w'’\-]++(?<=[^\W\d_a-z])"


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    words_back: re.Pattern[str]
    bare_ending: bool  # an ending alone is a match


_ORGANISATION = _Rule(_ORG_RE, re.compile(rf"(?:\s++{_WORD_BACK}){{1,5}}"), bare_ending=False)
_EVENT = _Rule(
    _EVENT_RE,
    re.compile(rf"(?:\s++(?:{_WORD_BACK}|\d{{4}}(?![\w'’-]))){{1,5}}"),
    bare_ending=True,
)
# A name does not start with an article, nor with a word that merely begins a sentence or joins
# phrases (those make no tag).
_ARTICLES = frozenset(("The", "A", "An", "This", "These", "Those", "In", "At", "On"))
_BAD_STARTS = frozenset(("And", "But", "Or", "Of", "For", "With", "From", "To", "By"))


def _names(text: str, reversed_text: str, endings: list[int], rule: _Rule) -> list[str]:
    """The names `rule.pattern.finditer(text)` finds, without running that long pattern over the
    whole text (it backtracks at every capitalised word).

    Every match ends with an ending (`endings`: where they start, in order) and starts at most
    five words before it. So finditer's next match cannot start before the words that lead to
    the next ending it may use, and searching from there returns that very match."""
    names: list[str] = []
    size = len(text)
    match_end = 0  # finditer's next match starts here or later
    for at in endings:
        if at < match_end:
            continue
        run = rule.words_back.match(reversed_text, size - at)
        if run is not None:
            start = max(size - run.end(), match_end)
        elif rule.bare_ending:
            start = at
        else:  # no word before it: no match ends here (a later one may start here)
            continue
        match = rule.pattern.search(text, start)
        if match is None:
            break
        match_end = match.end()
        words = match.group().split()
        if words[0] in _ARTICLES and len(words) > 1:
            del words[0]
        if len(words) >= 2 and words[0] not in _BAD_STARTS:
            name = " ".join(words)  # runs of white space as one space
            if name not in names:
                names.append(name)
    return names


def suggest_tags(text: str, people: list[str] | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(kind, name) pairs: the people, then places, organisations and events named in the text."""
    places, endings = _PLACE_FINDER.find(text)
    organisations: list[str] = []
    events: list[str] = []
    if endings:
        organisation_endings: list[int] = []
        event_endings: list[int] = []
        for at in endings:
            ending = _ENDING_RE.match(text, at)
            (event_endings if ending and ending.lastindex else organisation_endings).append(at)
        reversed_text = text[::-1]
        if organisation_endings:
            organisations = _names(text, reversed_text, organisation_endings, _ORGANISATION)
        if event_endings:
            events = _names(text, reversed_text, event_endings, _EVENT)
    tags: list[tuple[str, str]] = [("person", p) for p in people]
    if places:
        # `Washington` inside a person's name, `Japan` inside an agency's, is not a place.
        inside = " | ".join([*people, *organisations])
        for place in places:
            if place not in inside:
                tags.append(("place", place))
    if endings:
        tags += [("organisation", n) for n in organisations]
        tags += [("event", n) for n in events]
    return tuple(tags)
