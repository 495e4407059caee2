"""Find the people a caption identifies: names next to a role, a position marker or in such a list.

Precision over recall: a capitalised run becomes a person only with a cue that it is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.captions.places import PLACE_NAMES, PLACE_WORDS


def _words(text: str) -> frozenset[str]:
    """A word list written as prose, so long lists stay a few lines long."""
    return frozenset(text.split())


_TOKEN_RE = re.compile(
    r"""
      (?P<marker>\((?:(?:front|back|top|bottom|far|rear|2nd|3rd|4th|second|third)\s+)?
                 (?:L|R|C|left|right|cent(?:re|er)|top|bottom|front|back)\))
    | (?P<word>[^\W\d_][\w'’\-]*\.?)
    | (?P<number>\d[\w.,:-]*)
    | (?P<punct>[^\w\s])
    """,
    re.VERBOSE | re.IGNORECASE,
)
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


@dataclass
class _Run:
    words: list[str]
    start: int  # token index of the first word
    end: int  # token index after the last word
    cued: bool = False


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper() and len(word) <= 4)


def _tokens(text: str) -> list[tuple[str, str]]:
    # findall hands back one tuple per token with only its own group non-empty (no alternative
    # matches the empty string), which is cheaper than a Match object per token.
    tokens: list[tuple[str, str]] = []
    append = tokens.append
    for marker, word, number, punct in _TOKEN_RE.findall(text):
        if word:
            append(("word", word))
        elif marker:
            append(("marker", marker))
        elif number:
            append(("number", number))
        else:
            append(("punct", punct))
    return tokens


# Per word token: (without trailing dots, capitalised, a particle, a possessive). Captions reuse
# a small vocabulary, so a bounded table replaces several string calls per token.
_WordFacts = tuple[str, bool, bool, bool]
_WORD_FACTS: dict[str, _WordFacts] = {}
_WORD_FACTS_LIMIT = 50_000


def _word_facts(value: str) -> _WordFacts:
    facts = _WORD_FACTS.get(value)
    if facts is None:
        word = value.rstrip(".")
        facts = (
            word,
            _is_capitalised(word),
            word.lower() in _PARTICLES,
            word.endswith(("'s", "’s")),
        )
        if len(_WORD_FACTS) >= _WORD_FACTS_LIMIT:
            _WORD_FACTS.clear()
        _WORD_FACTS[value] = facts
    return facts


def _runs(tokens: list[tuple[str, str]]) -> list[_Run]:
    """Maximal runs of capitalised words (particles allowed inside); possessives end a run."""
    runs: list[_Run] = []
    current: _Run | None = None
    for index, (kind, value) in enumerate(tokens):
        if kind != "word":
            current = None
            continue
        word, capitalised, particle, possessive = _word_facts(value)
        if capitalised or (current is not None and particle):
            if current is None:
                current = _Run([], index, index)
                runs.append(current)
            current.words.append(word)
            current.end = index + 1
            if possessive:
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


def _name_like(run: _Run, *, strict: bool) -> bool:
    words = run.words
    if not 2 <= len(words) <= 4:
        return False
    if any(w.endswith(("'s", "’s")) for w in words):
        return False
    lowered = [w.lower() for w in words]
    if any(w in _NOT_NAME for w in lowered) or " ".join(words).lower() in _PLACES:
        return False
    if strict and any(w in PLACE_WORDS for w in lowered):
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _linked(tokens: list[tuple[str, str]], left: _Run, right: _Run) -> bool:
    """True when only a marker, a comma or `and` stand between two runs (`A (L), B and C`)."""
    between = [v.lower() for k, v in tokens[left.end : right.start] if k != "marker"]
    return 0 < len(between) <= 2 and all(v in _LINKS for v in between)


def find_people(text: str) -> list[str]:
    """Names of the people the caption identifies, in order of first mention, each once."""
    tokens = _tokens(text)
    runs = _runs(tokens)
    for run in runs:
        role_inside = _strip_roles(run)
        before = tokens[run.start - 1] if run.start > 0 else ("", "")
        role_before = before[0] == "word" and before[1].lower().rstrip(".") in _ROLES
        after = tokens[run.end] if run.end < len(tokens) else ("", "")
        run.cued = _name_like(run, strict=False) and (
            role_inside or role_before or after[0] == "marker"
        )
    # Names listed with a cued name are people too; so are the names of a list that is the
    # subject of its sentence (`Koichi Wakata, Mikhail Tyurin and Rick Mastracchio hold ...`).
    groups: list[list[_Run]] = []
    for run in runs:
        if groups and _linked(tokens, groups[-1][-1], run):
            groups[-1].append(run)
        else:
            groups.append([run])
    for group in groups:
        if len(group) < 2:
            continue
        if any(r.cued for r in group):
            for run in group:
                run.cued = run.cued or _name_like(run, strict=False)
        elif all(_name_like(r, strict=True) for r in group):
            after = tokens[group[-1].end] if group[-1].end < len(tokens) else ("", "")
            if after[0] == "word" and after[1][:1].islower():
                for run in group:
                    run.cued = True
    seen: dict[str, None] = {}
    for run in runs:
        if run.cued:
            seen.setdefault(" ".join(run.words), None)
    return list(seen)
