"""Find the people a caption identifies: names next to a role, a position marker or in such a list.

Precision over recall: a capitalised run becomes a person only with a cue that it is one.

The caption is read as tokens: a position marker `(L)`, a word (a letter, then letters, digits,
`_`, apostrophes and hyphens, then at most one dot), a number (a digit, then word characters and
`.,:-`) or one punctuation mark; white space and `_` between tokens are skipped. A *run* is a
maximal row of capitalised words (particles such as `van` allowed inside). A run of two to four
words that looks like a name is a person when a role word comes just before it (`astronaut
Koichi Wakata`, `Flight Engineer Koichi Wakata`: a title is no part of the name), when a marker
follows it, or when it is listed (`,`, `and`, `&`) with such a person or in a list that is the
subject of its sentence.

This runs once per caption, so the tokens are not walked one by one in Python. Runs only occur
in *stretches*, rows of words opening with a capital (with particles after them); a regex search
skips straight from one stretch to the next and also reports what the code needs from the tokens
right after a stretch (a marker? a lowercase word? only list links before the next stretch?).
What a stretch holds (its runs, their roles, whether they look like names) depends on its text
alone, so it is worked out once and cached. The role word before a stretch is looked up only for
a run that could be a name and has no other cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.captions.places import PLACE_NAMES, PLACE_WORDS


def _words(text: str) -> frozenset[str]:
    """A word list written as prose, so long lists stay a few lines long."""
    return frozenset(text.split())


# Words naming what a person is; the capitalised run after (or ending with) one is a name.
_ROLES = _words(
    """
    astronaut astronauts cosmonaut cosmonauts engineer engineers commander president
    vice-president chief minister chancellor secretary senator governor mayor king queen
    prince princess pope ceo director spokesman spokeswoman spokesperson player players
    coach manager actor actress singer rapper musician artist writer author poet
    photographer officer general captain striker goalkeeper midfielder defender forward
    champion skater skier athlete athletes runner driver rider cyclist boxer leader
    candidate lawmaker politician activist judge lawyer attorney founder chairman chairwoman
    chair head official ambassador envoy diplomat sheikh emir sultan dr mr mrs ms sir dame
    lord lady rev reverend premier dancer designer model chef pilot soldier teammate
    presenter host anchor journalist reporter correspondent editor professor scientist
    researcher doctor nurse bishop archbishop cardinal rabbi imam monarch emperor empress
    crown colonel major lieutenant sergeant admiral marshal gymnast swimmer sprinter jumper
    wrestler snowboarder tennis golfer footballer cricketer biathlete curler goalie husband
    wife son daughter father mother widow painter sculptor filmmaker composer conductor
    novelist comedian businessman businesswoman entrepreneur investor billionaire economist
    banker striker winner runner-up survivor victim
    """
)
# Capitalised words that never end a personal name; a run holding one is not a person.
_NOT_NAME = _words(
    """
    station space international games olympic olympics paralympic winter summer agency
    cosmodrome center centre university ministry party council republic street stadium
    league cup championship championships airport house court club fc tv news hotel museum
    church cathedral palace square park bridge river lake mountain mount island islands bay
    sea ocean ocean desert valley city state states kingdom union united nations federation
    association committee commission department office organisation organization corporation
    company group bank institute school college academy hospital police army navy force
    forces government parliament senate congress assembly festival summit conference week
    day expedition flight soyuz torch relay logo spacecraft rocket module mission program
    programme project tower hall arena theatre theater gallery airlines airways exploration
    aerospace national federal royal world global north south east west northern southern
    eastern western new january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday the a an
    christmas easter ramadan photo pictured file handout reuters
    """
)
_PARTICLES = _words(
    """
    de da dos das du van von der den del della la le bin ibn al el di
    """
)
_LINKS = frozenset({",", "and", "&"})
_PLACES = frozenset(p.lower() for p in PLACE_NAMES)
# A role token lowercased: a word token may end in one dot (`Dr.`).
_ROLE_TOKENS = _ROLES | {role + "." for role in _ROLES}


# --- Finding stretches -----------------------------------------------------------------------


def _particle_pattern(words: list[str], *, first: bool = True) -> str:
    """`words` as a regex that branches letter by letter (one test per letter, not per word);
    the first letter in lowercase (a capital one opens a stretch anyway), the others in any case.
    """
    branches = []
    for letter in sorted({word[0] for word in words if word}):
        rests = [word[1:] for word in words if word[:1] == letter]
        branches.append(
            (letter if first else f"[{letter}{letter.upper()}]")
            + _particle_pattern(rests, first=False)
        )
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{pattern})?" if "" in words else pattern


# Token patterns. `*+`, `++` and `?+` never give back, as a tokenizer reading left to right would
# not; no capturing group sits inside them, as Python 3.11's `re` can then report a wrong span.
_MARKER = r"""(?i:\((?:(?:front|back|top|bottom|far|rear|2nd|3rd|4th|second|third)\s+)?
                  (?:L|R|C|left|right|cent(?:re|er)|top|bottom|front|back)\))"""
_TAIL = r"[a-zA-Z]*+[\w'’\-]*+\.?+"  # after a word's first letter: ASCII letters test fastest
_WORD = rf"[^\W\d_]{_TAIL}"
_SKIP = r"[\s_]"
_TOKEN_RE = re.compile(rf"{_MARKER} | {_WORD} | \d[\w.,:-]*+ | [^\w\s]", re.VERBOSE)
_WORD_RE = re.compile(_WORD)
# Only for a short piece of text: it records the last token (a group inside `*`, not `*+`).
_LAST_TOKEN_RE = re.compile(rf"(?: {_SKIP} | (?P<last>{_TOKEN_RE.pattern}) )*", re.VERBOSE)

# A word a run can start with or go on with: any not opening with a lowercase ASCII letter (the
# Python code tells capitals from the rest, `ISS` or `élan`), and particles (`van`, `de`).
_CAPITAL_WORD = rf"[^\W\d_a-z]{_TAIL}"
_PARTICLE_WORD = rf"{_particle_pattern(sorted(_PARTICLES))}(?![\w'’\-])\.?+"
_MORE_STRETCH = rf"(?: {_SKIP}*+ (?: {_CAPITAL_WORD} | {_PARTICLE_WORD} ) )"
# A token linking two runs in a list: `,`, `&` or a lowercase `and` (`AND` opens a stretch).
_LINK = r"(?: [,&] | a[nN][dD](?![\w'’\-.]) )"
_MARKERS = rf"(?: {_MARKER} {_SKIP}*+ )*+"
# Looked at after a stretch, without reading on: whether the next token is a lowercase word or a
# marker, and whether only markers and up to two links come before the next stretch, which then
# starts at `next`.
_AFTER = rf"""(?= {_SKIP}*+ (?: (?P<lowercase_after>(?=[a-z])) )?
                 (?: (?P<marker_after>{_MARKER}) {_SKIP}*+ {_MARKERS} )?
                 (?: (?P<link>{_LINK}) {_SKIP}*+ {_MARKERS}
                     (?: (?P<link2>{_LINK}) {_SKIP}*+ {_MARKERS} )? )?
                 (?: (?P<next>(?=[^\W\d_a-z])) )? )"""


def _stretch_pattern(start: str, maybe_inside: str, rest: str) -> re.Pattern[str]:
    """A stretch: its first letter, then either a sign that it may lie inside a token (then the
    match ends there) or the rest of the stretch and what follows it. Both patterns made from
    this have the same groups, so a match of either reads the same."""
    return re.compile(
        rf"{start} (?: {maybe_inside} (?P<maybe_inside>) | {rest} {_AFTER} )", re.VERBOSE
    )


# What a stretch can start with: a character that is no lowercase ASCII letter, as few others
# as is simple (the lookbehind after it wants a letter): no Latin-1 symbol, no general punctuation
# (`“`, `”`, `–`), which captions hold often and which would each start a failed match.
_CAPITAL_START = (
    r"[A-Z\xaa\xb2\xb3\xb5\xb9\xba\xbc-\xbe\xc0-\xd6\xd8-\xf6\xf8-\u1fff\u2070-\U0010ffff]"
)
# A stretch anywhere. The search skips straight to capitals (the pattern starts with them) and
# drops those after a letter or digit, inside a word or number. A capital after `(` may lie in a
# marker, and one after `_ ' ’ - . , :` that follow a character a token can hold may lie inside a
# token (`d'Arc`, `2014.The`): `_token_end` tells. The latter end the match at once, so that a
# long token is not read again from each capital in it.
# A one-word stretch is passed over unless a list link follows it: it holds no name (too short),
# and, with no list link before it (that would have been a `next`), it is in no list.
_FIND_STRETCH = _stretch_pattern(
    rf"{_CAPITAL_START} (?<=[^\W\d_]) (?<![^\W_].)",
    r"(?<=[\w'’\-.,:][_'’\-.,:].)",
    rf"""{_TAIL} (?: {_MORE_STRETCH}++
                   | (?= {_SKIP}*+ {_MARKERS} (?: {_LINK} {_SKIP}*+ {_MARKERS} ){{1,2}}+ [^\W\d_a-z] ) )""",
)
# A stretch known to start where it is matched (`maybe_inside` never matches).
_STRETCH_AT = _stretch_pattern(r"[^\W\d_]", "(?!)", rf"{_TAIL} {_MORE_STRETCH}*+")


def _stretch_at(text: str, position: int) -> re.Match[str]:
    match = _STRETCH_AT.match(text, position)
    assert match is not None, "a stretch starts at `position`"
    return match


def _token_end(text: str, boundary: int, position: int) -> int:
    """`position` if a token starts there, else the end of the token holding it. Tokens are read
    from `boundary` (a token boundary) or from the last space before `position`, if later: only
    a marker holds a space, and read from inside one, tokens still end where the marker does."""
    start = max(boundary, text.rfind(" ", boundary, position) + 1)
    for token in _TOKEN_RE.finditer(text, start):
        if token.end() > position:
            return position if token.start() >= position else token.end()
    return position


def _role_before(text: str, boundary: int, position: int) -> bool:
    """Whether the last token before `position`, a stretch start, is a role word; that token
    starts at or after `boundary`, a token boundary."""
    if position <= boundary:
        return False
    if text[position - 1] == " ":
        start = max(boundary, text.rfind(" ", boundary, position - 1) + 1)
        word = text[start : position - 1]
        if word.isalpha():  # the common case: one plain word between spaces
            return word.lower() in _ROLES
    end = position
    while end > boundary and (text[end - 1].isspace() or text[end - 1] == "_"):
        end -= 1
    start = max(boundary, text.rfind(" ", boundary, end) + 1)
    match = _LAST_TOKEN_RE.fullmatch(text, start, position)
    last = match.group("last") if match is not None else None
    return last is not None and last.lower() in _ROLE_TOKENS


# --- Runs and stretches ----------------------------------------------------------------------


@dataclass
class _Run:
    words: list[str]
    start: int  # index (among the stretch's words) of the first word
    end: int  # index after the last word


def _runs(values: list[str]) -> list[_Run]:
    """Maximal runs of capitalised words (particles allowed inside); possessives end a run.

    Stretches are read once each, but names vary, so this runs often: the tests on a word are
    written out rather than made helper calls."""
    runs: list[_Run] = []
    current: _Run | None = None
    for index, value in enumerate(values):
        word = value.rstrip(".")
        # Capitalised (`ISS`, all capitals and two to four letters long, is not), or a particle
        # inside a run; a possessive (`Wakata's`) ends the run.
        if (word[:1].isupper() and not (len(word) > 1 and word.isupper() and len(word) <= 4)) or (
            current is not None and word.lower() in _PARTICLES
        ):
            if current is None:
                current = _Run([], index, index)
                runs.append(current)
            current.words.append(word)
            current.end = index + 1
            if word.endswith(("'s", "’s")):
                current = None
        else:
            current = None
    for run in runs:  # a run cannot end on a particle
        while run.words and run.words[-1].lower() in _PARTICLES:
            run.words.pop()
            run.end -= 1
    return runs


def _strip_roles(run: _Run) -> bool:
    """Drop a leading title (`Flight Engineer`, `President`); True when one was there."""
    last_role = -1
    for index, word in enumerate(run.words):
        if word.lower().rstrip(".") in _ROLES:
            last_role = index
    if last_role < 0:
        return False
    run.words = run.words[last_role + 1 :]
    run.start += last_role + 1
    return True


def _run_name_like(words: list[str]) -> tuple[bool, bool]:
    """Whether the words of a run (less a title) look like a name, and whether they do strictly
    (no word of a place name among them either): two to four words, the first capitalised, none
    possessive nor a word no name holds, and not a place. Every word of a run is capitalised or
    a particle, so only the first needs testing for that."""
    if not 2 <= len(words) <= 4 or not words[0][:1].isupper():
        return False, False
    for word in words:
        if word.endswith(("'s", "’s")):
            return False, False
    lowered = [w.lower() for w in words]
    if not _NOT_NAME.isdisjoint(lowered) or " ".join(lowered) in _PLACES:
        return False, False
    return True, PLACE_WORDS.isdisjoint(lowered)


# Tokens between two runs, markers aside: they list the runs together when there are one or two
# and all are links. `_NOT_LINKED` stands for any other token (or too many), and sums stay above 2.
_NOT_LINKED = 3


def _link_count(values: list[str]) -> int:
    if all(value.lower() in _LINKS for value in values):
        return min(len(values), _NOT_LINKED)
    return _NOT_LINKED


@dataclass(slots=True)
class _Piece:
    """A run as its stretch alone tells it; the tokens around the stretch tell the rest."""

    name: str
    name_like: bool
    name_like_strict: bool  # name-like, and no word of it is part of a place name
    role: bool  # a role word ends before it in the stretch: `Flight Engineer Koichi Wakata`
    opens_stretch: bool  # so a role word before it would be the token before the stretch
    links_before: int  # `_link_count` of the stretch's words between the run before and it
    closes_stretch: bool  # so the token after it is the one after the stretch
    lowercase_after: bool  # (not closes_stretch) the word after it starts in lowercase


@dataclass(slots=True)
class _Stretch:
    pieces: tuple[_Piece, ...]
    links_after: int  # `_link_count` of its words after the last run (all of them, if none)


def _read_stretch(text: str) -> _Stretch:
    values = _WORD_RE.findall(text)
    pieces: list[_Piece] = []
    previous_end = 0
    for run in _runs(values):
        role = _strip_roles(run)
        start, end = run.start, run.end
        name_like, name_like_strict = _run_name_like(run.words)
        pieces.append(
            _Piece(
                name=" ".join(run.words),
                name_like=name_like,
                name_like_strict=name_like_strict,
                role=role or (start > 0 and values[start - 1].lower() in _ROLE_TOKENS),
                opens_stretch=start == 0,
                links_before=_link_count(values[previous_end:start]),
                closes_stretch=end == len(values),
                lowercase_after=end < len(values) and values[end][:1].islower(),
            )
        )
        previous_end = end
    return _Stretch(tuple(pieces), _link_count(values[previous_end:]))


# Stretches recur across captions (names, `The`, month names), so each is read once.
_STRETCHES: dict[str, _Stretch] = {}
_STRETCHES_LIMIT = 20_000


def _stretch(text: str) -> _Stretch:
    stretch = _STRETCHES.get(text)
    if stretch is None:
        stretch = _read_stretch(text)
        if len(_STRETCHES) >= _STRETCHES_LIMIT:
            _STRETCHES.clear()
        _STRETCHES[text] = stretch
    return stretch


# --- Lists of runs ---------------------------------------------------------------------------


def find_people(text: str) -> list[str]:
    """Names of the people the caption identifies, in order of first mention, each once."""
    people: dict[str, None] = {}
    # The current list of runs (linked by `,`, `and`, `&`): its name-like runs, whether one of
    # them is cued, how many runs it has, whether all are strict names, and whether the token
    # after the last name-like one is a lowercase word. Names listed with a cued name are people
    # too; so are the names of a list that is the subject of its sentence (`Koichi Wakata,
    # Mikhail Tyurin and Rick Mastracchio hold ...`: all strict names, then a lowercase word).
    names: list[str] = []
    cued = False
    size = 0
    strict = True
    lowercase = False
    links = _NOT_LINKED  # tokens since the last run, as `_link_count` counts them
    search = _FIND_STRETCH.search
    boundary = 0  # a token boundary: where the search for this stretch began (-1: it was `next`)
    previous_end = 0  # where the stretch before ended
    match = search(text)
    while match is not None:
        maybe_inside, lowercase_after, marker_after, link, link2, listed_next = match.groups()
        start = match.start()
        if boundary >= 0:
            if maybe_inside is not None or (start and text[start - 1] == "("):
                end = _token_end(text, boundary, start)
                if end != start:  # inside a token: search again after it
                    boundary = end
                    match = search(text, end)
                    continue
                if maybe_inside is not None:  # a token starts here: now read the stretch
                    match = _stretch_at(text, start)
                    _, lowercase_after, marker_after, link, link2, listed_next = match.groups()
            links = _NOT_LINKED
        words = match.group()
        stretch = _STRETCHES.get(words) or _stretch(words)
        for piece in stretch.pieces:
            if not 0 < links + piece.links_before <= 2:  # a new list begins
                if names and (cued or (size > 1 and strict and lowercase)):
                    people.update(dict.fromkeys(names))
                names = []
                cued = False
                size = 0
                strict = True
            links = 0
            size += 1
            if not piece.name_like_strict:
                strict = False
            if piece.name_like:
                names.append(piece.name)
                if piece.closes_stretch:
                    lowercase = lowercase_after is not None
                    cued_here = piece.role or marker_after is not None
                else:
                    lowercase = piece.lowercase_after
                    cued_here = piece.role
                if not cued_here and piece.opens_stretch and boundary >= 0:
                    cued_here = _role_before(text, previous_end, start)
                cued = cued or cued_here
        links += stretch.links_after
        previous_end = match.end()
        if listed_next is not None:
            links += (link is not None) + (link2 is not None)
            boundary = -1
            match = _stretch_at(text, match.start("next"))
        else:
            boundary = previous_end
            match = search(text, previous_end)
    if names and (cued or (size > 1 and strict and lowercase)):
        people.update(dict.fromkeys(names))
    return list(people)
