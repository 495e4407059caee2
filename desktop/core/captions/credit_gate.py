"""Cheap tests that rule a caption's words out as a credit before the credit grammar is tried.

The grammar (credits.py) fullmatches a handful of long regexes at every place a credit could
start; each attempt costs microseconds, and most places are ordinary words. The tests here are
necessary conditions only: when one says "no", no grammar pattern could have matched, so the
caption splits exactly as before, only sooner. When a test cannot be sure (a user-edited
pattern of another shape, non-ASCII words), it answers "maybe".
"""

from __future__ import annotations

import re

# What `_cue` treats as word separators; an agency's head is its first run of other characters.
_SEPARATORS = "/()[]:,.-–—|"
_HEAD_RE = re.compile(r"[^\s/()\[\]:,.\-–—|]+")
_GROUP_NAME_RE = re.compile(r"\(\?P<\w+>")
_BACKREFERENCE_RE = re.compile(r"\\[1-9]|\(\?P=|\\g<")
# Unlabelled credit bodies the gate understands: they start with an agency, or with a name
# followed by a slash or `for` (`Joe Raedle/Getty Images`, `Jane Doe for Reuters`).
_GATED_STARTS = (
    "(?P<agency>{agency})",
    r"(?P<photographer>{name})\s*/",
    r"(?P<photographer>{name})\s+for\s+",
)
_NAME_TOKENS = 5  # the most tokens {name} takes


def combined(sources: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive regex that fullmatches exactly when one of `sources` does.

    Group names are dropped; None when the sources cannot be merged safely.
    """
    if not sources or any(_BACKREFERENCE_RE.search(source) for source in sources):
        return None  # group numbers and names change in the merge
    try:
        return re.compile(
            "|".join(f"(?:{_GROUP_NAME_RE.sub('(?:', source)})" for source in sources),
            re.IGNORECASE,
        )
    except re.error:
        return None


def agency_heads(agencies: list[str], unlabelled_templates: list[str]) -> frozenset[str] | None:
    """Lower-cased first words of the agencies, or None when the gate cannot be used.

    The gate is exact only for ASCII agency names (regex case folding and `str.lower` agree on
    ASCII) that start with a word, and for body patterns that start as in _GATED_STARTS.
    """
    if not all(template.startswith(_GATED_STARTS) for template in unlabelled_templates):
        return None
    heads = set()
    for agency in agencies:
        head = _HEAD_RE.match(agency)
        if not agency.isascii() or head is None:
            return None
        heads.add(head.group().lower())
    return frozenset(heads)


def may_be_unlabelled_credit(body: str, heads: frozenset[str]) -> bool:
    """False only when `body` (stripped) cannot fullmatch any unlabelled credit pattern.

    Such a body starts with an agency (its first word is an agency's head: what may follow an
    agency in a pattern, white space, `/`, `,` or the end, all end a word), or with a name of at
    most five tokens and then `/` or `for`.
    """
    head = _HEAD_RE.match(body)
    if head is None or not head.group().isascii() or head.group().lower() in heads:
        return True
    chunks = body.split(None, _NAME_TOKENS + 1)[: _NAME_TOKENS + 1]
    if any("/" in chunk for chunk in chunks):
        return True
    return any(chunk.lower() == "for" or not chunk.isascii() for chunk in chunks[1:])


# Templates whose credits end with an agency, a photo word, a suffix (`, File`) or a
# photographer's name; `ending_words` knows no other ending.
_KNOWN_ENDINGS = (
    "{agency})",
    "{agency}){suffix}",
    "{photo}{suffix}",
    "(?P<photographer>{name}){suffix}",
)
_LEAD = "-–—|•"  # what a credit may follow with no space: a dash, a bar, a bullet


def ending_words(phrases: list[str], unlabelled_templates: list[str]) -> frozenset[str] | None:
    """The last words (lower-cased, as `last_word` cuts them) of the agencies, photo words and
    suffixes in `phrases`; None when an unlabelled template may end otherwise, or holds an
    alternation of its own, so that the test cannot be used."""
    for template in unlabelled_templates:
        if not template.endswith(_KNOWN_ENDINGS) or "|" in template:
            return None
    return frozenset(last_word(phrase.lower()) for phrase in phrases)


def last_word(text: str) -> str:
    """The word that ends `text` (white space ends a word, and so do `/`, `,` and `&`, which
    join a credit's parts), without the dash or bar a credit may follow."""
    words = text.rsplit(None, 1)
    word = words[-1] if words else ""
    for mark in "/,&":
        word = word.rpartition(mark)[2]
    return word.lstrip(_LEAD)


def may_end_unlabelled_credit(
    tail: str, endings: frozenset[str], particles: frozenset[str]
) -> bool:
    """False only when no credit without a label can end `tail` (stripped): its last word is
    none of the endings, and no photographer's name could end with it, since it starts with
    neither a capital nor a particle (`van`), nor is it `and`, which the name test reads as a
    separator (`Jane Doe and`); trailing periods are tried on and off, as the grammar does."""
    plain = tail.rstrip(".").rstrip()
    for end in (tail, plain) if plain != tail else (tail,):  # a word is read once
        word = last_word(end)
        if not word or word[0].isupper():
            return True
        word = word.lower()
        if word in endings or word in particles or word == "and":
            return True
    return False
