"""Write a realistic caption dump of a given size: every markup form, article text and junk.

Deterministic for a seed, written line by line so a 50 MB dump needs no memory to make.
Usage: python tests/benchmarks/gen_dump.py OUT_FILE [--mb 50] [--seed 2014]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable, Iterator
from pathlib import Path

FIRST = [
    "Koichi",
    "Mikhail",
    "Rick",
    "Oleg",
    "Anna",
    "Maria",
    "Jean",
    "Li",
    "Sergei",
    "Aisha",
    "Carlos",
    "Elena",
    "Tom",
    "Yuki",
    "Fatima",
    "Pierre",
    "Olga",
    "James",
    "Ines",
    "Omar",
]
LAST = [
    "Wakata",
    "Tyurin",
    "Mastracchio",
    "Ostapenko",
    "Kotov",
    "Ryazansky",
    "Novak",
    "Garcia",
    "Dubois",
    "Zhang",
    "Ivanova",
    "Smith",
    "Tanaka",
    "Haddad",
    "Rossi",
    "Muller",
    "Costa",
]
ROLES = [
    "astronaut",
    "cosmonaut",
    "President",
    "Flight Engineer",
    "coach",
    "skater",
    "chief",
    "Commander",
    "minister",
    "player",
]
PLACES = [
    "Baikonur",
    "Sochi",
    "Moscow",
    "Kazakhstan",
    "Paris",
    "Beijing",
    "Washington",
    "Tokyo",
    "Brussels",
    "Kiev",
    "Berlin",
    "London",
]
VERBS = [
    "waves",
    "smiles",
    "speaks to reporters",
    "holds the Olympic torch",
    "arrives",
    "poses for a photograph",
    "trains",
    "celebrates",
    "looks on",
    "greets supporters",
]
EVENTS = [
    "the 2014 Sochi Winter Olympic Games",
    "a press conference",
    "the launch",
    "the opening ceremony",
    "a training session",
    "the summit",
    "the final",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
AGENCIES = ["REUTERS", "AFP", "EPA", "Xinhua", "NASA"]
BODY = [
    "The journey has been timed to coincide with the anniversary of the beginning of the relay, which occurred exactly one month ago with a ceremony in Athens",
    "Officials said the schedule had been agreed weeks in advance and that the weather would not be a problem",
    "Since first arriving, the torch has visited vast swathes of the country on a journey that has been heralded as a huge success by the organisers and the sponsors alike.",
]
JUNK = ["Advertisement", "End of Article", ")", "Related stories", "Share this article", ""]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _credit(rng: random.Random) -> str:
    name = _person(rng)
    forms = [
        "REUTERS",
        f"REUTERS/{name}",
        f"(AP Photo/{name})",
        f"AP Photo/{name}, File",
        f"AFP PHOTO / {name.upper()}",
        f"Photo by {name}/AFP via Getty Images",
        f"{name}/Getty Images",
        f"EPA/{name.upper()}",
        f"(Xinhua/{name})",
        f"NASA/{name}",
        f"Photo: {name}",
        "",
    ]
    return rng.choice(forms)


def _text(rng: random.Random) -> str:
    day = rng.randint(1, 28)
    people = f"{rng.choice(ROLES)} {_person(rng)} (L) and {rng.choice(ROLES)} {_person(rng)}"
    return (
        f"{people} {rng.choice(VERBS)} during {rng.choice(EVENTS)} in {rng.choice(PLACES)} on "
        f"{rng.choice(MONTHS)} {day}, {rng.randint(2005, 2024)}. The “{rng.choice(VERBS)}” moment "
        f"came shortly before {rng.choice(EVENTS)} &amp; after months of work."
    )


def _image(rng: random.Random, attachment: int) -> str:
    return (
        f'<a href="https://example.com/?p={attachment}"><img class="size-large wp-image-{attachment}" '
        f'src="https://example.com/wp-content/uploads/2013/11/img{attachment}-940x627.jpg" '
        f'alt="{rng.choice(VERBS)}" width="940" height="627" /></a>'
    )


def _shortcode(rng: random.Random, a: int) -> str:
    q = rng.choice([('"', '"'), ("“", "”"), ("'", "'"), ("", "")])
    attrs = f"id={q[0]}attachment_{a}{q[1]} align={q[0]}alignleft{q[1]} width={q[0]}940{q[1]}"
    return f"[caption {attrs}]{_image(rng, a)} {_text(rng)} {_credit(rng)}[/caption]"


def _legacy(rng: random.Random, a: int) -> str:
    caption = f"{_text(rng)} {_credit(rng)}".replace('"', "&quot;")
    return f'[wp_caption id="attachment_{a}" align="alignright" width="300" caption="{caption}"]{_image(rng, a)}[/wp_caption]'


def _div(rng: random.Random, a: int) -> str:
    return (
        f'<div id="attachment_{a}" style="width: 950px" class="wp-caption alignnone">{_image(rng, a)}'
        f'<p class="wp-caption-text">{_text(rng)} {_credit(rng)}</p></div>'
    )


def _figure(rng: random.Random, a: int) -> str:
    return (
        f'<figure class="wp-caption aligncenter" id="attachment_{a}">{_image(rng, a)}'
        f'<figcaption class="wp-caption-text">{_text(rng)} <span class="credit">{_credit(rng)}</span>'
        "</figcaption></figure>"
    )


def _dl(rng: random.Random, a: int) -> str:
    return (
        f'<dl id="attachment_{a}" class="wp-caption alignleft" style="width: 310px;">'
        f'<dt class="wp-caption-dt">{_image(rng, a)}</dt><dd class="wp-caption-dd">{_text(rng)}</dd></dl>'
    )


def _block(rng: random.Random, a: int) -> str:
    return (
        f'<!-- wp:image {{"id":{a},"sizeSlug":"large","align":"left"}} -->\n'
        f'<figure class="wp-block-image alignleft size-large">{_image(rng, a)}'
        f"<figcaption>{_text(rng)} {_credit(rng)}</figcaption></figure>\n<!-- /wp:image -->"
    )


def _unclosed(rng: random.Random, a: int) -> str:
    return (
        f'[caption id="attachment_{a}" align="alignleft" width="300"]{_image(rng, a)} {_text(rng)}'
    )


def _article(rng: random.Random, a: int) -> str:
    sentences = rng.sample(BODY, k=rng.randint(2, len(BODY)))
    return (
        "<p>" + ". ".join(sentences) + ".</p>" if rng.random() < 0.5 else ". ".join(sentences) + "."
    )


def _junk(rng: random.Random, a: int) -> str:
    return rng.choice(JUNK)


# Weights: mostly article text and modern shortcodes, as in a real scraped dump.
PIECES: list[tuple[Callable[[random.Random, int], str], int]] = [
    (_article, 30),
    (_shortcode, 25),
    (_legacy, 5),
    (_div, 8),
    (_figure, 6),
    (_dl, 3),
    (_block, 8),
    (_unclosed, 1),
    (_junk, 14),
]


def iter_lines(seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    makers = [m for m, _ in PIECES]
    weights = [w for _, w in PIECES]
    attachment = 100_000
    while True:
        attachment += 1
        yield rng.choices(makers, weights)[0](rng, attachment) + "\n"


def write_dump(path: Path, megabytes: float, seed: int = 2014) -> int:
    """Write about `megabytes` MB to `path`; returns the bytes written."""
    target = int(megabytes * 1024 * 1024)
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for line in iter_lines(seed):
            out.write(line)
            written += len(line.encode("utf-8"))
            if written >= target:
                break
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args()
    size = write_dump(args.out, args.mb, args.seed)
    print(f"wrote {size / 1e6:.1f} MB to {args.out}")


if __name__ == "__main__":
    main()
