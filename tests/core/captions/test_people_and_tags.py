"""People a caption identifies, and the tags suggested from it: precise before complete."""

from __future__ import annotations

import pytest

from desktop.core.captions.people import find_people
from desktop.core.captions.places import find_places
from desktop.core.captions.tags import suggest_tags


@pytest.mark.parametrize(
    ("text", "people"),
    [
        (
            "Japanese astronaut Koichi Wakata (L), Mikhail Tyurin (C) and Rick Mastracchio wave",
            ["Koichi Wakata", "Mikhail Tyurin", "Rick Mastracchio"],
        ),
        ("Expedition 38 Flight Engineer Koichi Wakata smiles", ["Koichi Wakata"]),
        ("The crew of astronaut Koichi Wakata lands", ["Koichi Wakata"]),
        ("Space agency chief Oleg Ostapenko (front R) greets the crew", ["Oleg Ostapenko"]),
        (
            "President Barack Obama and Chancellor Angela Merkel meet",
            ["Barack Obama", "Angela Merkel"],
        ),
        ("Painter Vincent van Gogh (R) at work", ["Vincent van Gogh"]),
        (
            "Koichi Wakata, Mikhail Tyurin and Rick Mastracchio hold the torch",
            ["Koichi Wakata", "Mikhail Tyurin", "Rick Mastracchio"],
        ),
    ],
)
def test_people_with_a_cue(text: str, people: list[str]) -> None:
    assert find_people(text) == people


@pytest.mark.parametrize(
    "text",
    [
        "The International Space Station (ISS) orbits the Earth",
        "The Soyuz TMA-11M spacecraft blasts off from the Baikonur Cosmodrome",
        "New York, Los Angeles and San Francisco are cities",
        "Real Madrid and Manchester United play on Sunday",
        "Sochi 2014 Winter Olympic Games torch relay in Red Square",
        "Koichi Wakata smiles",  # a name without a cue is left alone
    ],
)
def test_no_invented_people(text: str) -> None:
    assert find_people(text) == []


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # A capital inside a lowercase word or a number starts no name; one after a dot does.
        ("Musician al-Assad Koichi Wakata (L)", ["Koichi Wakata"]),
        ("Crew 2014.Koichi Wakata (L)", []),
        ("Taken in 2014.The crew, Koichi Wakata (L)", ["Koichi Wakata"]),
        ("vice-President.Koichi Wakata waves", ["Koichi Wakata"]),
        ("the astronaut  Koichi Wakata waves", ["Koichi Wakata"]),
        # Marker words are no names, in any case.
        ("(Front R) Koichi Wakata", []),
        (
            "Koichi Wakata (FRONT R), Mikhail Tyurin and Rick Mastracchio",
            ["Koichi Wakata", "Mikhail Tyurin", "Rick Mastracchio"],
        ),
        ("KOICHI WAKATA (L) AND MIKHAIL TYURIN", ["KOICHI WAKATA", "MIKHAIL TYURIN"]),
        # A one-word name in a list keeps it from being taken for a list of people.
        ("Madonna, Koichi Wakata and Mikhail Tyurin hold", []),
        (
            "Koichi Wakata, Mikhail Tyurin and NASA officials wave",
            ["Koichi Wakata", "Mikhail Tyurin"],
        ),
        ("astronaut Zoë Müller (L) and Élodie Ñúñez", ["Zoë Müller", "Élodie Ñúñez"]),
    ],
)
def test_people_at_token_edges(text: str, people: list[str]) -> None:
    assert find_people(text) == people


def test_suggested_tags_name_people_places_organisations_and_events() -> None:
    text = (
        "Flight Engineer Koichi Wakata (L), of the Japan Aerospace Exploration Agency, poses in "
        "Baikonur, Kazakhstan, before the 2014 Sochi Winter Olympic Games"
    )
    tags = suggest_tags(text, find_people(text))
    assert tags == (
        ("person", "Koichi Wakata"),
        ("place", "Baikonur"),
        ("place", "Kazakhstan"),
        ("place", "Sochi"),
        ("organisation", "Japan Aerospace Exploration Agency"),
        ("event", "2014 Sochi Winter Olympic Games"),
    )


def test_a_place_inside_a_persons_name_is_not_a_place() -> None:
    text = "Actor Denzel Washington arrives"
    assert suggest_tags(text, find_people(text)) == (("person", "Denzel Washington"),)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # Longest name first, and a shorter place may start inside a longer one.
        (
            "Papua New Guinea and New Zealand, not New Yorkers",
            ["Papua New Guinea", "Guinea", "New Zealand"],
        ),
        # Whole words only: not run on into a hyphen, a dot and more, or begun inside a word.
        ("From Paris. To Paris-based firms, Paris.fr and Mr.Paris", ["Paris"]),
        (
            "Rio de Janeiro, São Paulo and St Petersburg",
            ["Rio de Janeiro", "São Paulo", "St Petersburg"],
        ),
    ],
)
def test_places_are_whole_gazetteer_names(text: str, places: list[str]) -> None:
    assert find_places(text) == places


def test_organisations_and_events_are_capitalised_runs_before_their_last_word() -> None:
    text = (
        "The International Olympic Committee met the World Bank Group and Japan Aerospace "
        "Exploration Agency staff in Tokyo. Fans at the Cannes Film Festival, The World Cup and "
        "the 2014 Sochi Winter Olympic Games"
    )
    assert suggest_tags(text, []) == (
        ("place", "Tokyo"),  # `Japan` is inside an agency's name
        ("place", "Sochi"),
        ("organisation", "International Olympic Committee"),
        ("organisation", "World Bank Group"),
        ("organisation", "Japan Aerospace Exploration Agency"),
        ("event", "Cannes Film Festival"),
        ("event", "World Cup"),
        ("event", "2014 Sochi Winter Olympic Games"),
    )
