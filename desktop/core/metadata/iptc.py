"""IPTC IIM reading: the newsroom fields of record 2, decoded with the charset record 1:90 declares."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.metadata.text import decode_text

# (record, dataset) -> canonical field name. Repeated datasets other than keywords are joined.
IIM_FIELDS: dict[tuple[int, int], str] = {
    (2, 5): "title",  # Object Name
    (2, 40): "special_instructions",
    (2, 80): "byline",
    (2, 90): "city",
    (2, 92): "location",  # Sub-location
    (2, 95): "state",
    (2, 100): "country_code",
    (2, 101): "country",
    (2, 105): "headline",
    (2, 110): "credit",
    (2, 115): "source",
    (2, 116): "copyright",
    (2, 120): "caption",
}
_KEYWORDS = (2, 25)
_DATE, _TIME = (2, 55), (2, 60)
_CHARSET = (1, 90)
_UTF8_MARKERS = (b"\x1b%G", b"\x1b%/G", b"\x1b%/I")

IimData = dict[tuple[int, int], "bytes | list[bytes]"]


@dataclass
class IptcBlock:
    text: dict[str, str] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    charset: str = "undeclared"
    warnings: list[str] = field(default_factory=list)


def parse_iim(data: bytes) -> IimData:
    """Parse raw IIM datasets (0x1C, record, dataset, length) into a dict, keeping repeats.

    Used where we hold the bytes ourselves; Pillow's IptcImagePlugin.getiptcinfo gives the same
    shape for JPEG and TIFF.
    """
    out: dict[tuple[int, int], bytes | list[bytes]] = {}
    pos = 0
    while pos + 5 <= len(data):
        if data[pos] != 0x1C:
            if any(data[pos:]):
                raise ValueError(f"IPTC: stray byte at {pos}")
            break  # zero padding at the end of the block
        record, dataset = data[pos + 1], data[pos + 2]
        length = int.from_bytes(data[pos + 3 : pos + 5], "big")
        pos += 5
        if length & 0x8000:  # extended dataset: the length is in the next N bytes
            n = length & 0x7FFF
            length = int.from_bytes(data[pos : pos + n], "big")
            pos += n
        if pos + length > len(data):
            raise ValueError(f"IPTC: dataset {record}:{dataset} runs past the block")
        value = data[pos : pos + length]
        pos += length
        key = (record, dataset)
        if key in out:
            prev = out[key]
            out[key] = [*prev, value] if isinstance(prev, list) else [prev, value]
        else:
            out[key] = value
    return out


def _as_list(value: bytes | list[bytes]) -> list[bytes]:
    return value if isinstance(value, list) else [value]


def _date_created(date: bytes, time: bytes | None) -> str | None:
    """2:55 CCYYMMDD and 2:60 HHMMSS±HHMM, as ISO 8601 (the form XMP uses)."""
    d = date.decode("ascii", errors="replace").strip()
    if len(d) != 8 or not d.isdigit():
        return None
    iso = f"{d[:4]}-{d[4:6]}-{d[6:]}"
    t = (time or b"").decode("ascii", errors="replace").strip()
    if len(t) >= 6 and t[:6].isdigit():
        iso += f"T{t[:2]}:{t[2:4]}:{t[4:6]}"
        if len(t) == 11 and t[6] in "+-" and t[7:].isdigit():
            iso += f"{t[6:9]}:{t[9:]}"
    return iso


def _all_utf8(iim: IimData) -> bool:
    for key in (*IIM_FIELDS, _KEYWORDS):
        for value in _as_list(iim[key]) if key in iim else ():
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


def read_iptc(iim: IimData) -> IptcBlock:
    """Turn IIM datasets into canonical fields, decoding text with the declared charset."""
    block = IptcBlock()
    declared = iim.get(_CHARSET)
    utf8: bool | None = None
    if declared is not None:
        marker = _as_list(declared)[0]
        if marker in _UTF8_MARKERS:
            utf8, block.charset = True, "utf-8"
        else:
            # Other ISO 2022 escapes (rare in the wild): decode as undeclared, but say so.
            block.charset = repr(marker)
            block.warnings.append(f"IPTC: unsupported charset declaration {marker!r}")
    if utf8 and not _all_utf8(iim):
        # Decoded as declared (invalid bytes become U+FFFD), but never silently: letters are lost.
        block.warnings.append("IPTC: declares UTF-8 but holds text that is not UTF-8")

    for key, name in IIM_FIELDS.items():
        if key not in iim:
            continue
        parts = [decode_text(v, utf8=utf8) for v in _as_list(iim[key])]
        text = "; ".join(p for p in parts if p)
        if text:
            block.text[name] = text
    if _KEYWORDS in iim:
        block.keywords = [
            k for k in (decode_text(v, utf8=utf8) for v in _as_list(iim[_KEYWORDS])) if k
        ]
    if _DATE in iim:
        time = iim.get(_TIME)
        iso = _date_created(_as_list(iim[_DATE])[0], None if time is None else _as_list(time)[0])
        if iso:
            block.text["date_created"] = iso
    return block
