"""The one search language of the library: words, "quoted phrases" and field prefixes.

Parsed here, once, into terms; the store turns terms into FTS5 MATCH on SQLite and tsquery on
PostgreSQL, so both back ends answer the same question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SEARCH_FIELDS = ("caption", "credit", "byline", "tag", "headline")
_FIELD_ALIASES = {"tags": "tag", "text": "caption", "by": "byline"}

_TOKEN = re.compile(
    r"""
    (?P<neg>-)?
    (?:(?P<field>[A-Za-z]+):)?
    (?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))
    """,
    re.VERBOSE,
)
# What a search word is made of: letters and digits in any script. Punctuation splits words, as the
# FTS tokenizers do, so "REUTERS/Name" searches as two words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class SearchTerm:
    """One condition: every word of `words` must occur (in order, adjacent, if `phrase`)."""

    words: tuple[str, ...]
    field: str | None = None  # None: any field
    phrase: bool = False
    prefix: bool = False  # the last word may be the start of a longer word (search as you type)
    negated: bool = False


def split_words(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text)]


def parse_query(query: str | None) -> list[SearchTerm]:
    """Parse a user's query; unknown `xyz:` prefixes are read as plain words, never an error."""
    terms: list[SearchTerm] = []
    if not query:
        return terms
    for m in _TOKEN.finditer(query):
        field = (m.group("field") or "").lower() or None
        raw = m.group("phrase") if m.group("phrase") is not None else m.group("word")
        if field is not None:
            field = _FIELD_ALIASES.get(field, field)
            if field not in SEARCH_FIELDS:
                raw = f"{m.group('field')} {raw}"
                field = None
        words = tuple(split_words(raw or ""))
        if not words:
            continue
        phrase = m.group("phrase") is not None
        if phrase or len(words) > 1:
            terms.append(SearchTerm(words, field, phrase=True, negated=bool(m.group("neg"))))
        else:
            terms.append(SearchTerm(words, field, prefix=not phrase, negated=bool(m.group("neg"))))
    # A query of only negations means nothing to search for: drop the minus signs.
    if terms and all(t.negated for t in terms):
        terms = [SearchTerm(t.words, t.field, t.phrase, t.prefix, False) for t in terms]
    return terms


def fold(word: str) -> str:
    """Lower-case and drop accents, so `Zurich` finds `Zürich` on SQLite and PostgreSQL alike."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_text(*parts: str | None) -> str:
    """The words of a document as both search back ends index them: folded, space-separated."""
    return " ".join(fold(w) for part in parts if part for w in _WORD.findall(part))
