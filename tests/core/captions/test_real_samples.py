"""The two real dumps from the picture desk (shared/samples) parse as a desk editor reads them."""

from __future__ import annotations

from pathlib import Path

from desktop.core.captions import parse_file

SAMPLES = Path(__file__).resolve().parents[3] / ".." / "shared" / "samples"


def _sample(name: str) -> Path:
    path = SAMPLES / name
    # A missing sample must fail the run: these are the acceptance files.
    assert path.is_file(), f"missing real sample {path}"
    return path


def test_wp_dump_gives_its_six_captions() -> None:
    result = parse_file(_sample("wp-caption-dump.txt"))
    records = result.records
    assert [r.attachment_id for r in records] == [
        1216379,
        1216381,
        1216383,
        1216387,
        1216389,
        1216391,
    ]
    for record in records:
        assert record.source == "wp-caption-dump.txt"
        assert record.markup == "wp-shortcode"
        assert (record.align, record.width, record.line) == ("alignleft", 940, 1)
        assert (record.credit, record.agency, record.photographer) == ("REUTERS", "REUTERS", None)
        assert record.image_src is None
        assert record.confidence == 1.0
        assert not record.text.endswith("REUTERS")
        assert record.text == record.text.strip() and "  " not in record.text
    assert records[0].text == (
        "The Soyuz TMA-11M spacecraft decorated with the 2014 Sochi Winter Olympic Games logo "
        "and a blue-and-white snowflake pattern, blasts off from the launch pad at the Baikonur "
        "cosmodrome on 7 November, 2013."
    )
    assert "would be a “spectacular” showcase" in records[1].text
    assert "Russia’s Roscosmos space agency chief Oleg Ostapenko (front R)" in records[4].text
    assert result.warnings == ()


def test_wp_dump_people_are_the_crew_and_nobody_else() -> None:
    records = parse_file(_sample("wp-caption-dump.txt")).records
    crew = ("Koichi Wakata", "Mikhail Tyurin", "Rick Mastracchio")
    assert [r.people for r in records] == [(), (), crew, crew, ("Oleg Ostapenko",), crew]
    tags = {tag for r in records for tag in r.suggested_tags}
    assert ("person", "Koichi Wakata") in tags
    assert ("place", "Baikonur") in tags
    assert ("organisation", "Japan Aerospace Exploration Agency") in tags
    names = {name for kind, name in tags if kind == "person"}
    assert names == {*crew, "Oleg Ostapenko"}


def test_flattened_article_gives_exactly_its_three_captions() -> None:
    result = parse_file(_sample("flattened-article.txt"))
    records = result.records
    assert [r.text for r in records] == [
        "The rocket was successsfully launched from Baikonur in Kazakhstan",
        "Japanese cosmonaut Koichi Wakata was one of three figures inside the rocket as it "
        "departed for the International Space Station",
        "Koichi Wakata, Mikhail Tyurin and Rick Mastracchio proudly hold the Torch ahead of "
        "their departure to the International Space Station",
    ]
    assert records[2].image_alt == (
        "The three figures on board the rocket proudly hold the Torch ahead of their departure "
        "to the International Space Station"
    )
    assert [r.line for r in records] == [3, 21, 39]
    for record in records:
        assert record.markup == "flattened"
        assert 0 < record.confidence < 1
        assert record.reason
        assert record.credit is None
    assert records[1].people == ("Koichi Wakata",)
    assert records[2].people == ("Koichi Wakata", "Mikhail Tyurin", "Rick Mastracchio")
