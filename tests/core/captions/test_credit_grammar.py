"""The credit grammar: what is split from a caption's end, what is not, and into which parts."""

from __future__ import annotations

import pytest

from desktop.core.captions import CreditSplit, split_credit


@pytest.mark.parametrize(
    ("caption", "text", "credit", "agency", "photographer"),
    [
        (
            "Blast off on 7 November, 2013. REUTERS",
            "Blast off on 7 November, 2013.",
            "REUTERS",
            "REUTERS",
            None,
        ),
        (
            "Crew waves. REUTERS/Shamil Zhumatov",
            "Crew waves.",
            "REUTERS/Shamil Zhumatov",
            "REUTERS",
            "Shamil Zhumatov",
        ),
        (
            "Obama speaks. (AP Photo/Evan Vucci)",
            "Obama speaks.",
            "AP Photo/Evan Vucci",
            "AP",
            "Evan Vucci",
        ),
        (
            "Obama speaks. AP Photo/Evan Vucci, File",
            "Obama speaks.",
            "AP Photo/Evan Vucci, File",
            "AP",
            "Evan Vucci",
        ),
        (
            "Skater jumps. AFP PHOTO / KIRILL KUDRYAVTSEV",
            "Skater jumps.",
            "AFP PHOTO / KIRILL KUDRYAVTSEV",
            "AFP",
            "KIRILL KUDRYAVTSEV",
        ),
        (
            "Skater jumps. Photo by Kirill Kudryavtsev/AFP via Getty Images",
            "Skater jumps.",
            "Kirill Kudryavtsev/AFP via Getty Images",
            "AFP via Getty Images",
            "Kirill Kudryavtsev",
        ),
        (
            "Fans in Sochi. Joe Raedle/Getty Images",
            "Fans in Sochi.",
            "Joe Raedle/Getty Images",
            "Getty Images",
            "Joe Raedle",
        ),
        (
            "Protest in Kiev. EPA/SERGEI ILNITSKY",
            "Protest in Kiev.",
            "EPA/SERGEI ILNITSKY",
            "EPA",
            "SERGEI ILNITSKY",
        ),
        (
            "Beijing, Nov. 7, 2013. (Xinhua/Li Xin)",
            "Beijing, Nov. 7, 2013.",
            "Xinhua/Li Xin",
            "Xinhua",
            "Li Xin",
        ),
        ("Spacewalk. NASA/Bill Ingalls", "Spacewalk.", "NASA/Bill Ingalls", "NASA", "Bill Ingalls"),
        ("Skater. Photo: Jane Doe", "Skater.", "Jane Doe", None, "Jane Doe"),
        ("Skater - Credit: Getty Images", "Skater", "Getty Images", "Getty Images", None),
        (
            "Skater. Photograph: Sergei Karpukhin/Reuters",
            "Skater.",
            "Sergei Karpukhin/Reuters",
            "Reuters",
            "Sergei Karpukhin",
        ),
        ("Earth from orbit. Image credit: NASA", "Earth from orbit.", "NASA", "NASA", None),
        ("Skater © Jane Doe", "Skater", "Jane Doe", None, "Jane Doe"),
        ("Crew waves at Baikonur REUTERS", "Crew waves at Baikonur", "REUTERS", "REUTERS", None),
        ("Getty Images", "", "Getty Images", "Getty Images", None),
        # A sign or a one-word label with no space after it still labels the credit.
        ("Skater ©Jane Doe", "Skater", "Jane Doe", None, "Jane Doe"),
        ("Skater. ©Agencia Brasil", "Skater.", "Agencia Brasil", "Agencia Brasil", None),
        ("Skater. CopyrightJane Doe", "Skater.", "Jane Doe", None, "Jane Doe"),
        # A credit found by a later word of its agency, in a caption full of `the`.
        (
            "The crew waves at the end of the day. The Canadian Press",
            "The crew waves at the end of the day.",
            "The Canadian Press",
            "The Canadian Press",
            None,
        ),
        # Initials and abbreviations are not sentence ends: the name runs across them.
        (
            "Crew waves in the U.S. Photo: J. R. Smith",
            "Crew waves in the U.S.",
            "J. R. Smith",
            None,
            "J. R. Smith",
        ),
    ],
)
def test_credit_forms(caption, text, credit, agency, photographer) -> None:
    assert split_credit(caption) == CreditSplit(text, credit, agency, photographer)


@pytest.mark.parametrize(
    "caption",
    [
        "The four hour spacewalk will be broadcast live by NASA.",
        "The launch is set for 8 p.m. EST",
        "Astronauts trained in the U.S.",
        "Crew of the International Space Station (ISS)",
        "Fans chanted the slogan “Hot. Cool. Yours.”",
        "Koichi Wakata (L), Mikhail Tyurin (C) and Rick Mastracchio (R)",
        "Officials from the U.S. space agency NASA",
        "A photo by John Smith of the launch site",
        "Mourners gather outside the Kremlin",
        "The day ended. John Smith",
    ],
)
def test_not_credits(caption: str) -> None:
    assert split_credit(caption) == CreditSplit(caption)


def test_agencies_come_from_the_data_file() -> None:
    from desktop.core.resources import resource_path

    assert '"Xinhua"' in resource_path("credits.toml").read_text("utf-8")


def test_markup_debris_after_a_label_is_not_a_credit() -> None:
    from desktop.core.captions import parse_text

    (record,) = parse_text("[caption]Photo by <f[/caption]", "x").records
    assert record.credit is None
    (record,) = parse_text("[caption]Crew waves. Photo by Bill Ingalls[/caption]", "x").records
    assert (record.text, record.credit) == ("Crew waves.", "Bill Ingalls")
