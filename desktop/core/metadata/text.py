"""Byte-to-text decoding shared by the EXIF and IPTC readers: UTF-8 first, cp1252 as the fallback."""

from __future__ import annotations


def decode_text(raw: bytes | str, *, utf8: bool | None = None) -> str:
    """Decode a metadata string.

    `utf8=True` means the block declared UTF-8 (IPTC 1:90 = ESC % G): replace what does not decode.
    Otherwise try strict UTF-8 (most modern writers use it without declaring it) and fall back to
    cp1252, the charset of the older Windows tools that wrote undeclared IPTC.
    """
    if isinstance(raw, str):
        text = raw
    elif utf8:
        text = raw.decode("utf-8", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    # Writers pad with NULs and spaces; neither is ever meant as content.
    return text.replace("\x00", "").strip()
