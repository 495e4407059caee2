"""Turn a raw caption into the CaptionRecord users see: clean text, credit split, people, tags."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.core.captions.cleaning import clean_text, collapse_space, repair_mojibake
from desktop.core.captions.credits import CreditSplit, parse_credit_line, split_credit
from desktop.core.captions.people import find_people
from desktop.core.captions.raw import RawCaption
from desktop.core.captions.tags import suggest_tags
from desktop.core.records import CaptionRecord

RecordProblem = tuple[int, str, str]  # (line, kind, message), for the warning sink


def build_record(raw: RawCaption, source: str) -> CaptionRecord | None:
    """The record for `raw`, or None when it holds neither text nor credit."""
    text = (
        collapse_space(repair_mojibake(raw.text_html)) if raw.plain else clean_text(raw.text_html)
    )
    split: CreditSplit | None = None
    if raw.credit_html:
        split = parse_credit_line(clean_text(raw.credit_html))
        if split.credit is None:
            split = None
    if split is None:
        split = split_credit(text)
    else:
        split = CreditSplit(text, split.credit, split.agency, split.photographer)
    if not split.text and not split.credit:
        return None
    people = find_people(split.text)
    return CaptionRecord(
        source=source,
        line=raw.line,
        markup=raw.markup,
        text=split.text,
        credit=split.credit,
        attachment_id=raw.attachment_id,
        align=raw.align,
        width=raw.width,
        image_src=raw.image_src,
        image_alt=raw.image_alt,
        people=tuple(people),
        confidence=raw.confidence,
        reason=raw.reason,
        agency=split.agency,
        photographer=split.photographer,
        suggested_tags=suggest_tags(split.text, people),
        extra_attrs=tuple((k, clean_text(v)) for k, v in raw.extra_attrs)
        if raw.extra_attrs
        else (),
    )


def build_events(raws: list[RawCaption], source: str) -> Iterator[CaptionRecord | RecordProblem]:
    """The records of `raws` in line order, with a (line, kind, message) problem in place of
    each caption that could not be built; one odd caption never costs the file."""
    raws.sort(key=lambda raw: raw.line)
    for raw in raws:
        try:
            record = build_record(raw, source)
        except Exception as error:
            yield (raw.line, "internal", f"caption skipped: {error!r}")
            continue
        if record is None:
            yield (raw.line, "empty", f"{raw.markup} caption with no text skipped")
        else:
            yield record
