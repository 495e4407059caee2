"""A small gazetteer of countries and large cities, for place tags and for telling places from people."""

from __future__ import annotations

import re
from functools import cache

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


@cache
def _places_by_first_word() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for name in sorted(set(PLACE_NAMES), key=len, reverse=True):
        table.setdefault(name.split()[0], []).append(name)
    return {word: tuple(names) for word, names in table.items()}


_CAPITALISED_RE = re.compile(r"(?<![\w-])[^\W\d_a-z][\w.]*")


def find_places(text: str) -> list[str]:
    """Places named in the text, in order of first mention, each once."""
    table = _places_by_first_word()
    seen: dict[str, None] = {}
    for match in _CAPITALISED_RE.finditer(text):
        names = table.get(match.group(0).rstrip("."))
        if names is None:
            continue
        start = match.start()
        for name in names:  # longest first: `New York` before `New`
            end = start + len(name)
            if text.startswith(name, start) and not (
                end < len(text) and (text[end].isalnum() or text[end] in "-_")
            ):
                seen.setdefault(name, None)
                break
    return list(seen)
