"""The plain, frozen domain records that parsers, metadata readers and the export produce or consume.

They carry no database identity beyond optional ids, so the core can be used (and tested) with no
library at all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

MARKUP_FORMS = ("wp-shortcode", "wp-html", "figure", "gutenberg", "flattened")


@dataclass(frozen=True)
class ParseWarning:
    """A problem met while parsing: never an exception, always a file and a line."""

    source: str
    line: int
    message: str

    def describe(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


@dataclass(frozen=True)
class CaptionRecord:
    """One caption recovered from a dump, as `parse --json` prints it (see shared/spec/cli.md)."""

    source: str
    line: int
    markup: str
    text: str
    credit: str | None = None
    attachment_id: int | None = None
    align: str | None = None
    width: int | None = None
    image_src: str | None = None
    image_alt: str | None = None
    people: tuple[str, ...] = ()
    confidence: float = 1.0
    # Beyond the spec: why a low-confidence record was proposed, the credit split into its parts,
    # tags worth suggesting, and shortcode attributes we did not recognise (kept, not dropped).
    reason: str | None = None
    agency: str | None = None
    photographer: str | None = None
    suggested_tags: tuple[tuple[str, str], ...] = ()  # (kind, name)
    extra_attrs: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The spec's caption record fields, in the spec's order, plus our additions."""
        data = asdict(self)
        data["people"] = list(self.people)
        data["suggested_tags"] = [{"kind": k, "name": n} for k, n in self.suggested_tags]
        data["extra_attrs"] = dict(self.extra_attrs)
        return data


@dataclass(frozen=True)
class ParseResult:
    records: tuple[CaptionRecord, ...]
    warnings: tuple[ParseWarning, ...]
    encoding: str = "utf-8"


@dataclass(frozen=True)
class FieldValue:
    """A metadata value and where it came from (`xmp`, `iptc`, `exif`), so the library can show provenance."""

    value: Any
    origin: str


@dataclass(frozen=True)
class PhotoMetadata:
    """Everything read from one image file, each field already resolved by XMP > IPTC > EXIF.

    `fields` maps a field name (caption, headline, byline, credit, source, copyright, title,
    city, state, country, location, date_created, special_instructions, artist, ...) to its
    winning `FieldValue`; `keywords` and `hierarchical_subjects` are lists.
    """

    width: int
    height: int  # after EXIF orientation
    format: str
    fields: dict[str, FieldValue] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()
    keywords_origin: str | None = None
    taken_at: datetime | None = None
    taken_at_offset: str | None = None  # e.g. "+02:00"
    camera_make: str | None = None
    camera_model: str | None = None
    lens: str | None = None
    orientation: int = 1
    gps_lat: float | None = None
    gps_lon: float | None = None
    warnings: tuple[str, ...] = ()

    def get(self, name: str) -> str | None:
        fv = self.fields.get(name)
        return None if fv is None else fv.value


@dataclass(frozen=True)
class ExportItem:
    """One photo to export: its original and the clean text that goes with it."""

    photo_id: int
    source_path: str
    caption: str | None = None
    credit: str | None = None
    byline: str | None = None
    copyright: str | None = None
    headline: str | None = None
    keywords: tuple[str, ...] = ()
    city: str | None = None
    country: str | None = None
    taken_at: datetime | None = None
    original_name: str | None = None
