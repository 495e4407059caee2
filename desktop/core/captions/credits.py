"""The credit grammar: split `REUTERS/Name`, `(AP Photo/Name)`, `Photo: Name` from a caption's end.

Agency names and credit patterns are data (resources/credits.toml); this module compiles them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from desktop.core.captions.credit_gate import (
    agency_heads,
    combined,
    ending_words,
    may_be_unlabelled_credit,
    may_end_unlabelled_credit,
)
from desktop.core.resources import resource_path


def _words(text: str) -> frozenset[str]:
    """A word list written as prose, so long lists stay a few lines long."""
    return frozenset(text.split())


# A period only ends a short token (initials, Jr., St.): `Sochi. Joe Raedle` is not one name.
_NAME_TOKEN = r"(?:[^\W\d_]{1,3}\.|[^\W\d_][\w'’\-]*)"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}"
# Lower-case words that belong inside a name (Vincent van Gogh, Ibrahim bin Ali).
_PARTICLES = _words(
    """
    de da das do dos du van von der den del della la le bin ibn al el di y e ten ter af zu
    """
)
# A bare agency after one of these words is part of the sentence (`broadcast live by NASA`).
_FUNCTION_WORDS = _words(
    """
    by of from for at with to and or the a an via in on into near agency told said says per
    like than as about under over between after before during including without against
    through across onto toward towards upon within plus
    """
)
_TAIL_CHARS = 240  # credits are short; only the caption's end is searched, which keeps this fast
_BOUNDARY_RE = re.compile(r"[.!?…][\"”’)\]]*\s+|\s+[-–—|•]+\s*|\s*[|•]\s*")
_SPACE_RE = re.compile(r"\s+")
_TRIM = " \t-–—|•,;:"


@dataclass(frozen=True)
class CreditSplit:
    """A caption's text without its credit, and the credit as written split into its parts."""

    text: str
    credit: str | None = None
    agency: str | None = None
    photographer: str | None = None


@dataclass(frozen=True)
class _Body:
    credit: str
    agency: str | None
    photographer: str | None
    pattern: str


@dataclass(frozen=True)
class CreditGrammar:
    patterns: tuple[tuple[str, re.Pattern[str], bool], ...]  # name, compiled, needs_label
    label_re: re.Pattern[str]
    word_like: frozenset[str]
    # First words of agencies and labels: a caption whose end holds none has no credit, which
    # lets most captions skip the grammar entirely.
    cue_words: frozenset[str]
    # All patterns (and the unlabelled ones) as one alternation: one failed fullmatch rules a
    # candidate out, where trying the patterns one by one costs a regex call each. None when
    # the patterns cannot be combined (e.g. a user-written backreference).
    any_body: re.Pattern[str] | None = None
    unlabelled_body: re.Pattern[str] | None = None
    agency_heads: frozenset[str] | None = None  # for credit_gate; None: no gate
    # Set when no credit form can run across a sentence end (see _sentence_end_safe), so the
    # words before the caption's last sentence end need not be tried: then it matches the
    # words ending in an initial that a label runs into, which are not sentence ends.
    glued_initial: re.Pattern[str] | None = None
    # One word of each agency and label that a credit holding it shows as a word of its own:
    # the least common, so that `the` (of `The Canadian Press`) does not send every sentence
    # through the grammar. None: the cue words.
    anchor_words: frozenset[str] | None = None
    # One-word labels and signs, which the credit may follow with no space (`CopyrightJane`).
    label_words: tuple[str, ...] = ("©", "℗")
    # _last_cue's test as one regex over the lower-cased words (see _cue_finder).
    cue_finder: re.Pattern[str] | None = None
    # The last words of unlabelled credits (credit_gate.ending_words), and a regex that finds
    # where a label may start in lower-cased text after a space, a dash or a bar: a caption
    # that ends with none of those words and holds no label has no credit. None: no such test.
    ending_words: frozenset[str] | None = None
    label_finder: re.Pattern[str] | None = None
    _cached: dict[bool, object] = field(default_factory=dict, compare=False, repr=False)

    def match_body(self, body: str, *, labelled: bool) -> _Body | None:
        """The credit parts when the whole of `body` is a credit form."""
        body = body.strip()
        heads = self.agency_heads
        if not labelled and heads is not None and not may_be_unlabelled_credit(body, heads):
            return None
        quick = self.any_body if labelled else self.unlabelled_body
        if quick is not None and quick.fullmatch(body) is None:
            plain = body.rstrip(".").rstrip() if body.endswith(".") else None
            if plain is None or quick.fullmatch(plain) is None:
                return None
        # What passes the quick test is nearly always a real credit, and one agency's credits
        # repeat (`REUTERS/Shamil Zhumatov`), so the exact reading is cached per body.
        slow = self._cached.get(labelled)
        if slow is None:
            slow = self._cached[labelled] = lru_cache(maxsize=4096)(self._match_body_exactly)
        return slow(body, labelled)  # type: ignore[operator]

    def _match_body_exactly(self, body: str, labelled: bool) -> _Body | None:
        for candidate in (body, body.rstrip(".").rstrip()) if body.endswith(".") else (body,):
            for name, regex, needs_label in self.patterns:
                if needs_label and not labelled:
                    continue
                match = regex.fullmatch(candidate)
                if match is None:
                    continue
                groups = match.groupdict()
                photographer = _tidy(groups.get("photographer"))
                if photographer is not None and not _looks_like_name(photographer):
                    continue
                return _Body(candidate, _tidy(groups.get("agency")), photographer, name)
        return None


_CREDIT_WORDY_RE = re.compile(r"[^\W\d_]{2,}")
_MARKUP_DEBRIS_RE = re.compile(r"[<>{}\[\]]")


def _tidy(value: str | None) -> str | None:
    # str.split() breaks on the characters \s matches: white space runs as one space, trimmed.
    return " ".join(value.split()) if value else None


_NAME_SPLIT_RE = re.compile(r"\s+|\s*(?:,|&|\band\b)\s*")


def _looks_like_name(value: str) -> bool:
    tokens = _NAME_SPLIT_RE.split(value)
    words = [t for t in tokens if t]
    if not words:
        return False
    capitalised = [w for w in words if w[0].isupper()]
    return bool(capitalised) and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)


def _alternation(words: list[str]) -> str:
    """A case-insensitive regex alternation of `words`, longest first where one extends another.

    Written as a trie (`a(?:fp|p(?:a)?)`): at each place the regex engine tries the few letters
    that can follow instead of every word, which makes a failed match on a hundred agency names
    about three times cheaper. A word with a cased non-ASCII letter falls back to the plain
    longest-first list, since case folding may change its length.
    """
    if not all(ch.isascii() or ch.lower() == ch.upper() for word in words for ch in word):
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word.lower():
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    # A word that ends here is tried after the longer words that go on: `p(?:a)?`.
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return f"(?:{'|'.join(branches)})" + ("?" if "" in node else "")


@cache
def load_grammar(path: Path | None = None) -> CreditGrammar:
    """Compile the grammar in `credits.toml` (cached: the file is read once per process)."""
    with open(path or resource_path("credits.toml"), "rb") as handle:
        data = tomllib.load(handle)
    one_agency = rf"(?:{_alternation(data['agencies'])})(?![\w-])"
    places = {
        "agency": rf"{one_agency}(?:\s*/\s*{one_agency})?(?:\s+via\s+{one_agency})?",
        "name": _NAME,
        "photo": rf"(?:{_alternation(data['photo_words'])})\b",
        "suffix": rf"(?:\s*,\s*(?:{_alternation(data['suffixes'])})\b)?",
    }
    patterns = []
    templates = [entry["regex"] for entry in data["pattern"] if not entry.get("needs_label")]
    for entry in data["pattern"]:
        regex = entry["regex"]
        for key, value in places.items():
            regex = regex.replace("{" + key + "}", value)
        patterns.append(
            (entry["name"], re.compile(regex, re.IGNORECASE), bool(entry.get("needs_label")))
        )
    any_body = combined([regex.pattern for _, regex, _ in patterns])
    unlabelled_body = combined([regex.pattern for _, regex, label in patterns if not label])
    colon = _alternation(data["colon_labels"])
    prefix = _alternation(data["prefix_labels"])
    label_re = re.compile(
        rf"(?P<colon>(?:{colon})\s*[:–—-])\s*|(?P<prefix>(?:{prefix}))(?:\s*[:–—-])?\s*",
        re.IGNORECASE,
    )
    word_like = frozenset(w.lower() for w in data.get("word_like", ()))
    cue_words = frozenset(
        _cue(phrase)
        for phrase in [*data["agencies"], *data["colon_labels"], *data["prefix_labels"]]
    )
    labels = [*data["colon_labels"], *data["prefix_labels"]]
    label_words = tuple(
        sorted({label.lower() for label in labels if _CUE_TOKEN_RE.fullmatch(label.lower())})
    )
    anchor_words = frozenset(
        [_anchor(phrase, label=False) for phrase in data["agencies"]]
        + [_anchor(label, label=True) for label in labels]
    )
    return CreditGrammar(
        tuple(patterns),
        label_re,
        word_like,
        cue_words,
        any_body,
        unlabelled_body,
        agency_heads(data["agencies"], templates),
        _sentence_end_safe(data),
        anchor_words,
        label_words,
        _cue_finder(anchor_words, label_words),
        ending_words([*data["agencies"], *data["photo_words"], *data["suffixes"]], templates),
        re.compile(rf"[\s{_LEAD_CLASS}](?:(?:{colon})\s*[:–—-]|{prefix})"),
    )


# A sentence end: `!` or `?`, or a period after a word of four or more characters (not an
# initial or an abbreviation such as `J.`, `Jr.`, `U.S.`), followed by white space. The greedy
# start finds the last mark; _last_sentence_end checks the word before it.
_LAST_MARK_RE = re.compile(r"(?s:.*)[.!?]\s")
_LAST_NON_WORD_RE = re.compile(r"(?s:.*)\W")
_PLACEHOLDER_RE = re.compile(r"\{(?:agency|name|photo|suffix)\}")
# Template syntax that could match `.`, `!` or `?`: a dot, an escaped mark, a class, \S \W \D.
_MAY_MATCH_MARK_RE = re.compile(r"[.\[!]|\\[?SWDpP]")
_SYNTAX_RE = re.compile(r"\(\?P<\w+>|\\.")


def _sentence_end_safe(data: dict) -> re.Pattern[str] | None:
    """Whether a credit body can never hold a sentence end as _last_sentence_end finds it.

    Bodies are made of the words in the data file, names (whose only period ends an initial or
    a short abbreviation) and the template syntax; so this holds when no word there has `.`, `!`
    or `?` and no template has syntax that could match one. A label credit (`Photo: ...`) is
    refused anyway when it holds a sentence end. Credits that do (an agency named `A.F.P.`, a
    hand-written template) turn the shortcut off and every place is tried, as before.
    """
    words = [
        *data["agencies"],
        *data["photo_words"],
        *data["suffixes"],
        *data["colon_labels"],
        *data["prefix_labels"],
    ]
    templates = [_PLACEHOLDER_RE.sub("", entry["regex"]) for entry in data["pattern"]]
    if any(mark in word for word in words for mark in ".!?") or any(
        _MAY_MATCH_MARK_RE.search(template) for template in templates
    ):
        return None
    # A word that a label or a template word runs straight into is not a sentence end:
    # `CopyrightA. Smith` is the label `Copyright` and the initial `A.`.
    glue = {label for label in data["prefix_labels"] if label[-1:].isalnum()}
    for template in templates:
        glue.update(re.findall(r"[^\W\d_]+", _SYNTAX_RE.sub(" ", template)))
    return re.compile(rf"(?:{_alternation(sorted(glue))})[^\W\d_]{{1,3}}", re.IGNORECASE)


_CUE_SPLIT_RE = re.compile(r"[\s/()\[\]:,.\-–—|]+")
# The first word of a lower-cased phrase as _cue splits it: the first run between separators.
_CUE_RUN_RE = re.compile(r"[^\s/()\[\]:,.\-–—|]+")
# Words as _last_cue reads them; a sign that labels a credit is a word of its own (`©Jane`).
_CUE_TOKEN_RE = re.compile(r"[^\s/()\[\]:,.|©℗]+|[©℗]")
_CUE_STRIP = "-–—\"“”'’"
_CREDIT_CHARS = 130  # the longest credit body looked for, from its first word to the end


def _cue(phrase: str) -> str:
    words = [w for w in _CUE_SPLIT_RE.split(phrase.lower()) if w]
    return words[0] if words else phrase.lower()


def _anchor(phrase: str, *, label: bool) -> str:
    """The word of `phrase` that _last_cue looks for: its longest later word that is not a
    function word (`Canadian` in `The Canadian Press`), else its cue.

    A later word stands alone in any credit that holds the phrase, where the first word may
    have a label stuck to it (`©Sipa USA`, `Photo byREUTERS`); the last word of a label is
    left out, since the name may follow it with no space (`Photo byJane Doe`).
    """
    words = [w for w in _CUE_TOKEN_RE.findall(phrase.lower()) if w == w.strip(_CUE_STRIP)]
    later = [w for w in (words[1:-1] if label else words[1:]) if w not in _FUNCTION_WORDS]
    return max(later, key=len) if later else _cue(phrase)


def _last_sentence_end(grammar: CreditGrammar, tail: str, start: int) -> int | None:
    """Offset of the mark of the last sentence end in `tail[start:]` (None when none, or when
    the grammar allows credits across one): see _LAST_MARK_RE. A word that runs into it from
    before `start`, or that is a label glued to an initial (`CopyrightA.`), does not count."""
    glued = grammar.glued_initial
    if glued is None:
        return None
    end = len(tail)
    while (found := _LAST_MARK_RE.match(tail, start, end)) is not None:
        mark = found.end() - 2
        if tail[mark] != ".":
            return mark
        before = _LAST_NON_WORD_RE.match(tail, start, mark)
        word_start = before.end() if before is not None else start
        whole = word_start > start or start == 0 or not _is_word_char(tail[start - 1])
        if whole and mark - word_start >= 4:
            if glued.fullmatch(tail, word_start, mark) is None:
                return mark
            return None  # a label and an initial: no shortcut for this caption
        end = mark + 1
    return None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _cue_at(tail: str, pos: int) -> str:
    """`_cue(tail[pos : pos + 24])` without splitting the whole piece."""
    # Lower-casing maps no character to or from a separator, so the first run of the lower-cased
    # piece is the lower-cased first run of the piece.
    run = _CUE_RUN_RE.search(tail, pos, pos + 24)
    return run.group().lower() if run is not None else tail[pos : pos + 24].lower()


_LEAD_CLASS = r"\-–—|•"  # a credit may follow a dash, a bar or a bullet with no space
_SEPARATORS = r"\s/()\[\]:,.|©℗"  # as _CUE_TOKEN_RE splits words; © and ℗ are words alone
_STRIP_CLASS = "".join("\\" + ch if ch in "-\\]^" else ch for ch in _CUE_STRIP)


def _cue_finder(anchors: frozenset[str], label_words: tuple[str, ...]) -> re.Pattern[str]:
    """A regex that finds, in lower-cased text after a separator, each word _last_cue's loop
    takes: stripped of quotes and dashes, an anchor word, an anchor then `-` and more
    (`epa-efe`), or a word starting with a one-word label; and © or ℗ alone.

    The separator it starts with lets the regex engine skip the letters between words.
    """
    exact = _alternation(sorted(anchors))
    dashed = _alternation(sorted(a for a in anchors if "-" not in a))
    labels = _alternation([w for w in label_words if _CUE_TOKEN_RE.fullmatch(w) and w[0].isalnum()])
    sep, strip = _SEPARATORS, _STRIP_CLASS
    return re.compile(
        rf"[{sep}](?:(?<=[©℗])|[{strip}]*(?:(?:{exact})[{strip}]*(?![^{sep}])"
        rf"|(?:{dashed})-[^{sep}]*|(?:{labels})[^{sep}]*))"
    )


def _last_cue(grammar: CreditGrammar, tail: str, window_start: int, lowered: str | None) -> int:
    """Offset just past the last word of `tail[window_start:]` that may belong to a credit;
    -1 when none. `lowered` is that window lower-cased after a space, when that kept offsets."""
    finder = grammar.cue_finder
    if finder is not None and lowered is not None:
        last = -1
        for match in finder.finditer(lowered):
            last = match.end()
        return last if last < 0 else last - 1 + window_start
    cue_words = grammar.anchor_words or grammar.cue_words
    # Walked from the end: the credit is the caption's last words, so the first hit is near.
    glued = grammar.label_words
    for match in reversed(list(_CUE_TOKEN_RE.finditer(tail, window_start))):
        word = match.group().lower().strip(_CUE_STRIP)
        if word in cue_words or word.split("-")[0] in cue_words or word.startswith(glued):
            return match.end()
    return -1


def _previous_word(text: str, pos: int) -> str:
    words = text[:pos].split()
    return words[-1].strip("\"“”'’(),;:").lower() if words else ""


def _bare_agency_ok(grammar: CreditGrammar, body: _Body, tail: str, pos: int) -> bool:
    """A bare agency (no slash, no label) that is not after a sentence end must look like a
    credit rather than the sentence's last word."""
    if body.agency is None or body.pattern not in ("agency", "agency photo"):
        return True
    if body.agency.lower() in grammar.word_like:
        return False
    return _previous_word(tail, pos) not in _FUNCTION_WORDS


def _name_run_starts_here(tail: str, pos: int) -> bool:
    """A photographer name read mid-sentence must start a run of capitalised words, so that
    `with Rick Mastracchio Joe Raedle/Getty Images` is not split in the middle of a name."""
    previous = _previous_word(tail, pos)
    return not previous or not previous[:1].isupper()


def _match_at(grammar: CreditGrammar, tail: str, pos: int, boundary: bool) -> _Body | None:
    segment = tail[pos:]
    label = grammar.label_re.match(segment)
    # A colon or a sign (©) marks a label wherever it is; `Photo by` only after a sentence end.
    distinctive = label is not None and (
        label.group("colon") is not None or not label.group("prefix")[0].isalpha()
    )
    if label is not None and (boundary or distinctive):
        rest = segment[label.end() :]
        body = grammar.match_body(rest, labelled=True)
        if body is not None:
            return body
        rest = rest.strip().rstrip(".")
        # After a label at a sentence start, a short phrase is the credit even with no agency.
        short = rest and len(rest) <= 80 and len(rest.split()) <= 8
        # ...and if it reads like a name: letters, no markup debris such as "<f".
        wordy = _CREDIT_WORDY_RE.search(rest) is not None and _MARKUP_DEBRIS_RE.search(rest) is None
        if boundary and short and wordy and not re.search(r"[.!?]\s", rest):
            return _Body(rest, None, None, "label")
        return None
    body = grammar.match_body(segment, labelled=False)
    if body is None or boundary:
        return body
    if not _bare_agency_ok(grammar, body, tail, pos):
        return None
    if body.pattern.startswith("photographer") and not _name_run_starts_here(tail, pos):
        return None
    return body


def _split_parenthesised(grammar: CreditGrammar, text: str) -> CreditSplit | None:
    stripped = text.rstrip()
    if stripped.endswith(")."):
        stripped = stripped[:-1]
    if not stripped.endswith(")"):
        return None
    opening = stripped.rfind("(", max(0, len(stripped) - _TAIL_CHARS))
    if opening < 0:
        return None
    inner = stripped[opening + 1 : -1].strip()
    label = grammar.label_re.match(inner)
    body = None
    if label is not None:
        body = grammar.match_body(inner[label.end() :], labelled=True)
        if body is None and inner[label.end() :].strip():
            rest = inner[label.end() :].strip()
            body = _Body(rest, None, None, "label") if len(rest) <= 80 else None
    else:
        body = grammar.match_body(inner, labelled=False)
        bare = body is not None and body.pattern in ("agency", "agency photo")
        if bare and body.agency and body.agency.lower() in grammar.word_like:
            body = None
    if body is None:
        return None
    return CreditSplit(text[:opening].rstrip(_TRIM), body.credit, body.agency, body.photographer)


def split_credit(text: str) -> CreditSplit:
    """Split a trailing credit from clean caption text; the text is returned as is when none."""
    grammar = load_grammar()
    text = text.strip()
    if not text:
        return CreditSplit(text)
    parenthesised = _split_parenthesised(grammar, text)
    if parenthesised is not None:
        return parenthesised
    start = max(0, len(text) - _TAIL_CHARS)
    tail = text[start:]
    first_pos = max(0, len(tail) - _CREDIT_CHARS)
    from_start = start == 0 and first_pos == 0
    # The window lower-cased after a space, for the regexes below; None in the rare case that
    # lower-casing moved offsets.
    lowered: str | None = " " + tail[first_pos:].lower()
    if len(lowered) != len(tail) - first_pos + 1:
        lowered = None
    endings, labels = grammar.ending_words, grammar.label_finder
    if (
        endings is not None
        and labels is not None
        and lowered is not None
        and not may_end_unlabelled_credit(tail, endings, _PARTICLES)
        and labels.search(lowered) is None
    ):
        return CreditSplit(text)  # most captions without a credit end here
    mark = _last_sentence_end(grammar, tail, first_pos)
    if mark is not None:
        # A credit starts after the last sentence end: the words before it need no trying.
        if lowered is not None:
            lowered = " " + lowered[mark + 1 - first_pos :]
        first_pos = mark  # where the boundary match after it starts
        from_start = False
    last_cue = _last_cue(grammar, tail, first_pos, lowered)
    if last_cue < 0:
        return CreditSplit(text)
    tried = -1
    if mark is not None and (after := _BOUNDARY_RE.match(tail, mark, last_cue)) is not None:
        # The usual credit starts right after the last sentence end, the first place below:
        # tried before the others are listed.
        tried = after.end()
        body = _match_at(grammar, tail, tried, True) if tried < last_cue else None
        if body is not None:
            return CreditSplit(
                text[: start + tried].rstrip(_TRIM), body.credit, body.agency, body.photographer
            )
    candidates: dict[int, bool] = {}
    if from_start:
        candidates[0] = True
    for match in _BOUNDARY_RE.finditer(tail, first_pos, last_cue):
        candidates[match.end()] = True
    for match in _SPACE_RE.finditer(tail, first_pos, last_cue):
        pos = match.end()
        # Mid-sentence, a credit starts with a capital (a name, an agency) or a cue word.
        if (pos < len(tail) and (tail[pos].isupper() or tail[pos] in "©(")) or _cue_at(
            tail, pos
        ) in grammar.cue_words:
            candidates.setdefault(pos, False)
    for pos in sorted(candidates):
        if pos >= last_cue or pos == tried:
            continue
        body = _match_at(grammar, tail, pos, candidates[pos])
        if body is not None:
            return CreditSplit(
                text[: start + pos].rstrip(_TRIM), body.credit, body.agency, body.photographer
            )
    return CreditSplit(text)


def parse_credit_line(value: str) -> CreditSplit:
    """An explicit credit (a `credit` span, `[media-credit name=...]`): labels dropped, parts split.

    The returned `text` is empty: everything given is credit.
    """
    grammar = load_grammar()
    value = _SPACE_RE.sub(" ", value).strip().strip("()").strip()
    label = grammar.label_re.match(value)
    rest = value[label.end() :].strip() if label is not None else value
    body = grammar.match_body(rest, labelled=True)
    if body is not None:
        return CreditSplit("", body.credit, body.agency, body.photographer)
    rest = rest.rstrip(".").strip()
    if not rest:
        return CreditSplit("")
    return CreditSplit("", rest, None, rest if _looks_like_name(rest) else None)
