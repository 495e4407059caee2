"""The gallery's text files: captions.json, captions.csv (Excel-friendly) and wordpress.txt shortcodes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from .entry import GalleryEntry

CSV_FIELDS = (
    "file", "caption", "credit", "byline", "tags", "width", "height",
    "photo_id", "thumb", "thumb_width", "thumb_height", "headline", "copyright", "caption_line",
)  # fmt: skip
TAG_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by Excel and LibreOffice ("CSV
# injection"); a leading apostrophe makes it plain text there, and is what OWASP recommends.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def captions_json(entries: Sequence[GalleryEntry]) -> str:
    """A JSON list in gallery order, UTF-8 text as is (no \\u escapes), one key per field."""
    return json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def captions_csv(entries: Sequence[GalleryEntry]) -> str:
    """The same rows as captions.json; write it as "utf-8-sig" so Excel detects UTF-8."""
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        row = entry.to_json()
        row["tags"] = TAG_SEPARATOR.join(entry.tags)
        writer.writerow({k: _cell(row[k]) for k in CSV_FIELDS})
    return buf.getvalue()


def wordpress_shortcodes(entries: Sequence[GalleryEntry]) -> str:
    """One clean [caption] shortcode per image, ready to paste into WordPress's text editor."""
    # Imported here: the caption renderer lives beside the parsers, which the page code never needs.
    from desktop.core.captions.render import render_shortcode

    blocks = []
    for entry in entries:
        block = render_shortcode(
            text=entry.caption,
            credit=entry.credit or None,
            attachment_id=entry.photo_id,
            align="alignnone",
            width=entry.width,
            image_src=entry.file,
            image_alt=entry.alt,
        )
        # render_shortcode has no height parameter; WordPress wants both to reserve the space.
        # The alt is attribute-escaped, so this exact sequence can only be the <img> tag's end.
        img_end = f' width="{entry.width}" /> '
        block = block.replace(img_end, f' width="{entry.width}" height="{entry.height}" /> ', 1)
        blocks.append(block)
    return "\n\n".join(blocks) + "\n" if blocks else ""
