"""A small gazetteer of countries and large cities, for place tags and for telling places from people."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Kept short on purpose: a place tag is only suggested when it is certainly a place.
_COUNTRIES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|
Canada|Chile|China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Denmark|
Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Ethiopia|Fiji|Finland|
France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|Haiti|Honduras|Hungary|
Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|
Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Liberia|Libya|Liechtenstein|
Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|
Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nepal|
Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|
Pakistan|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|
Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|
Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|
Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tunisia|Turkey|Turkmenistan|
Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|Venezuela|
Vietnam|Yemen|Zambia|Zimbabwe|England|Scotland|Wales|Northern Ireland|Britain|Great Britain|
Europe|Africa|Asia|Antarctica|Arctic|North America|South America|Crimea|Siberia|Gaza|West Bank
"""
_CITIES = """
Amsterdam|Athens|Baghdad|Baikonur|Bangkok|Barcelona|Beijing|Beirut|Berlin|Bogota|Brussels|
Bucharest|Budapest|Buenos Aires|Cairo|Cape Town|Caracas|Chicago|Copenhagen|Damascus|Delhi|
Doha|Dubai|Dublin|Edinburgh|Geneva|Hanoi|Havana|Helsinki|Hong Kong|Houston|Istanbul|Jakarta|
Jerusalem|Johannesburg|Kabul|Karachi|Kathmandu|Kiev|Kyiv|Lagos|Lima|Lisbon|London|Los Angeles|
Madrid|Manchester|Manila|Melbourne|Mexico City|Miami|Milan|Minsk|Montreal|Moscow|Mumbai|
Munich|Nairobi|New Delhi|New York|Oslo|Ottawa|Paris|Prague|Pyongyang|Rio de Janeiro|Riyadh|
Rome|San Francisco|Santiago|Sao Paulo|São Paulo|Seoul|Shanghai|Singapore|Sochi|Stockholm|
Sydney|Taipei|Tehran|Tel Aviv|Tokyo|Toronto|Tripoli|Vancouver|Vienna|Warsaw|Washington|
Wellington|Zurich|St Petersburg|St. Petersburg|Saint Petersburg|Vladivostok|Kazan|Novosibirsk
"""


def _names(block: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in block.replace("\n", "").split("|") if n.strip())


PLACE_NAMES: tuple[str, ...] = _names(_COUNTRIES) + _names(_CITIES)
PLACE_WORDS: frozenset[str] = frozenset(w.lower() for n in PLACE_NAMES for w in n.split())


# A name must end where a word does. A one-word name is a whole capitalised word, which may end in
# dots (`Paris.`) but not run on after them (`Paris.fr`); a longer name must just not run on into
# a letter, digit, `_` or `-`.
_ONE_WORD_END = r"(?![\w-]|\.+\w)"
_NAME_END = r"(?![\w-])"


def _place_alternatives() -> dict[str, str]:
    """The gazetteer as regex alternatives by capital, each without its capital.

    A regex pass skips from capital to capital and tries the alternatives for it there, so they
    are grouped by second letter too; names of several words come first, longest first (`New
    York` before `New`). That a name starts a word is checked outside the regex (it seldom does
    not), which keeps the regex quick to compile."""
    by_capital: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
    for name in sorted(set(PLACE_NAMES), key=len, reverse=True):
        first_word = name.split()[0]
        # A name is recognised by its first word, which is read without trailing dots; so a name
        # whose first word ends in a dot (`St. Petersburg`) has never been found. Kept that way.
        if first_word.endswith("."):
            continue
        longer, one_word = by_capital.setdefault(name[0], {}).setdefault(name[1], ([], []))
        (longer if " " in name else one_word).append(re.escape(name[2:]))
    alternatives = {}
    for capital, by_second in by_capital.items():
        groups = []
        for second, (longer, one_word) in by_second.items():
            options = [f"(?:{'|'.join(longer)}){_NAME_END}"] if longer else []
            if one_word:
                options.append(f"(?:{'|'.join(one_word)}){_ONE_WORD_END}")
            groups.append(f"{re.escape(second)}(?:{'|'.join(options)})")
        alternatives[capital] = f"(?:{'|'.join(groups)})"
    return alternatives


_PLACE_ALTERNATIVES = _place_alternatives()
_PLACE_RE = re.compile("|".join(f"{c}{rest}" for c, rest in _PLACE_ALTERNATIVES.items()))
_CAPITALISED_RE = re.compile(r"(?<![\w-])[^\W\d_a-z][\w.]*")


def _inside_a_word(text: str, start: int) -> bool:
    """Whether `start` lies inside a word: after a letter, digit, `_` or `-` (`xParis`), or after
    a dot inside a capitalised word begun before it (`Mr.Paris`)."""
    before = text[start - 1 : start]
    if before != ".":
        return before != "" and (before.isalnum() or before in "_-")
    run = start
    while run > 0 and (text[run - 1] == "." or text[run - 1].isalnum() or text[run - 1] == "_"):
        run -= 1
    return _CAPITALISED_RE.search(text, run, start) is not None


class PlaceFinder:
    """Finds the gazetteer's places in a text, in one regex pass.

    `marks` are regex alternatives for other words, each starting with a literal capital letter:
    the same pass looks for them, and tells where they start. A caller that needs both saves a
    pass over the text (skipping from capital to capital is most of a pass's cost)."""

    def __init__(self, marks: Iterable[str] = ()) -> None:
        marks = tuple(marks)
        if not marks:
            self._pattern = _PLACE_RE
            return
        mark_rests: dict[str, list[str]] = {}
        for mark in marks:
            if not mark[0].isupper():
                raise ValueError(f"a mark must start with a capital letter: {mark!r}")
            mark_rests.setdefault(mark[0], []).append(mark[1:])
        branches = []
        for capital in {**mark_rests, **_PLACE_ALTERNATIVES}:  # each capital once
            # Marks are tried first and capture, so a match tells by `lastindex` what it is.
            options = [f"({'|'.join(mark_rests[capital])})"] if capital in mark_rests else []
            if capital in _PLACE_ALTERNATIVES:
                options.append(_PLACE_ALTERNATIVES[capital])
            branches.append(f"{re.escape(capital)}(?:{'|'.join(options)})")
        self._pattern = re.compile("|".join(branches))

    def find(self, text: str) -> tuple[list[str], list[int]]:
        """The places named in the text, in order of first mention, each once; and where marks
        start, in order.

        A place is a gazetteer name starting at a capitalised word; a shorter place may start at
        a later word of a longer one (`Papua New Guinea` names `Guinea` as well)."""
        seen: dict[str, None] = {}
        marks: list[int] = []
        search = self._pattern.search
        position = 0
        while (match := search(text, position)) is not None:
            start = match.start()
            if match.lastindex is not None:  # a mark (rare); a place may start here as well
                marks.append(start)
                match = _PLACE_RE.match(text, start)
                if match is None:
                    position = start + 1
                    continue
            # Not the start of a place if inside a word; after a space (the usual case) it is not.
            if start and text[start - 1] != " " and _inside_a_word(text, start):
                position = start + 1
                continue
            name = match.group()
            seen[name] = None  # a name seen before keeps its place in the order
            # After a name of several words, look again from its second word.
            position = start + 1 if " " in name else match.end()
        return list(seen), marks


_PLACE_FINDER = PlaceFinder()


def find_places(text: str) -> list[str]:
    """Places named in the text, in order of first mention, each once (see PlaceFinder.find)."""
    return _PLACE_FINDER.find(text)[0]
