"""Read any bytes as text: BOMs, UTF-16, UTF-8, cp1252 and mixtures, with mojibake repaired.

Encoding is decided on the first chunk; later chunks that are not valid UTF-8 fall back to
cp1252 line by line with a warning, as dumps are often pasted together from several sources.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

import charset_normalizer

from desktop.core.captions.cleaning import may_be_mojibake, repair_mojibake

# Half a megabyte: a chunk is the unit of work a parser worker takes, and smaller ones leave less
# work on one core at the end of a file (20.2 -> 20.9 MB/s on the 50 MB benchmark dump).
CHUNK_SIZE = 1 << 19
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte guesses that in practice are Windows-1252 text from a Western newsroom.
_WESTERN = frozenset(
    [
        "ascii",
        "latin_1",
        "iso8859_1",
        "iso8859_15",
        "cp1252",
        "windows-1252",
        "cp1250",
        "iso8859_2",
        "mac_roman",
        "cp850",
        "cp437",
        "iso8859_9",
        "cp1254",
        "iso8859_3",
        "iso8859_4",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_16",
        "mac_latin2",
        "cp1257",
        "mac_iceland",
        "mac_turkish",
        "cp858",
        "utf_8",
    ]
)
_WIDE = ("utf-16", "utf-32")
_SAFE_CUT_RE = re.compile(r"[>\]\s](?=[^>\]\s]*\Z)")

Warn = Callable[[int, str, str], None]  # (line, kind, message)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    # The five bytes cp1252 leaves undefined are read as latin-1 so nothing is lost.
    return bad.decode("cp1252", errors="replace").replace(
        "\ufffd", bad.decode("latin-1")
    ), error.end


codecs.register_error("caption-desk-cp1252", _cp1252_fallback)


def _utf8_boundary(block: bytes) -> int:
    """The end of the last whole UTF-8 character in `block`."""
    cut = len(block)
    while cut > 0 and block[cut - 1] & 0xC0 == 0x80 and len(block) - cut < 3:
        cut -= 1
    if cut > 0 and block[cut - 1] >= 0xC0:
        cut -= 1
    return cut or len(block)


def detect_encoding(head: bytes) -> tuple[str, int]:
    """(codec, BOM length) for a file that starts with `head`."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    sample = head[:4096]
    if len(sample) >= 4:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > half * 0.4 and even_nuls < half * 0.1:
            return "utf-16-le", 0
        if even_nuls > half * 0.4 and odd_nuls < half * 0.1:
            return "utf-16-be", 0
    text = head.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - head.count("\ufffd".encode())
    if invalid <= 1 and text.endswith("\ufffd"):
        invalid = 0  # the chunk merely cuts a character in two
    # Mostly valid UTF-8 with a few bad bytes is a pasted-together dump: read it as UTF-8
    # and let the bad lines fall back to cp1252.
    if invalid == 0 or sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd") >= invalid:
        return "utf-8", 0
    best = charset_normalizer.from_bytes(head[: 256 * 1024]).best()
    if best is None or best.encoding.lower() in _WESTERN:
        return "cp1252", 0
    return best.encoding, 0


class ChunkDecoder:
    """Decodes a binary stream into text chunks that end at a line break (or, for very long
    lines, after a `>`, `]` or space), with `\\r\\n` and `\\r` turned into `\\n`."""

    def __init__(self, stream: BinaryIO, warn: Warn, chunk_size: int = CHUNK_SIZE) -> None:
        self._stream = stream
        self._warn = warn
        self._chunk_size = chunk_size
        self.encoding = "utf-8"
        self._mojibake_reported = False
        self._fallback_reported = False

    def __iter__(self) -> Iterator[str]:
        head = self._stream.read(self._chunk_size)
        self.encoding, bom = detect_encoding(head)
        if self.encoding.startswith(_WIDE) or self.encoding not in ("utf-8", "utf-8-sig", "cp1252"):
            texts = self._decode_incrementally(head[bom:])
        else:
            texts = self._decode_by_lines(head[bom:])
        yield from split_text_chunks(texts, self._repair)

    def _decode_incrementally(self, head: bytes) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        data = head
        while data:
            yield decoder.decode(data)
            data = self._stream.read(self._chunk_size)
        yield decoder.decode(b"", final=True)

    def _decode_by_lines(self, head: bytes) -> Iterator[str]:
        codec = "cp1252" if self.encoding == "cp1252" else "utf-8"
        carry = b""
        data = head
        line = 1
        while True:
            eof = not data
            block = carry + data
            cut = len(block) if eof else block.rfind(b"\n") + 1
            if cut == 0 and len(block) > 4 * self._chunk_size:
                # One enormous line: cut after an ASCII `>`, `]` or space, never inside a
                # multi-byte character.
                cut = max(block.rfind(b">"), block.rfind(b"]"), block.rfind(b" ")) + 1
                cut = cut or _utf8_boundary(block)
            piece, carry = block[:cut], block[cut:]
            if piece:
                yield self._decode_piece(piece, codec, line)
                line += piece.count(b"\n")
            if eof:
                return
            data = self._stream.read(self._chunk_size)

    def _decode_piece(self, piece: bytes, codec: str, line: int) -> str:
        if codec == "cp1252":
            return piece.decode("cp1252", errors="caption-desk-cp1252")
        try:
            return piece.decode("utf-8")
        except UnicodeDecodeError as error:
            if not self._fallback_reported:
                self._fallback_reported = True
                bad_line = line + piece.count(b"\n", 0, error.start)
                self._warn(bad_line, "encoding", "not valid UTF-8 here; read as cp1252")
            return piece.decode("utf-8", errors="caption-desk-cp1252")

    def _repair(self, text: str, line: int) -> str:
        if not may_be_mojibake(text):
            return text
        lines = text.splitlines(keepends=True)
        for index, original in enumerate(lines):
            if may_be_mojibake(original):
                lines[index] = repair_mojibake(original)
                if lines[index] != original and not self._mojibake_reported:
                    self._mojibake_reported = True
                    self._warn(
                        line + index,
                        "mojibake",
                        "text was double-encoded (mojibake such as â€™); repaired",
                    )
        return "".join(lines)


def split_text_chunks(
    texts: Iterator[str] | list[str],
    repair: Callable[[str, int], str] | None = None,
    max_line: int = 4 * CHUNK_SIZE,
) -> Iterator[str]:
    """Re-cut text pieces so each chunk ends at a line break; newlines normalised to `\\n`.

    A line longer than `max_line` is cut after its last `>`, `]` or space, where no opener
    can be split, so that one enormous line cannot hold the whole file in memory.
    """
    carry = ""
    line = 1
    for piece in texts:
        if not piece:
            continue
        text = carry + piece
        if text.endswith("\r"):  # its `\n` may be the first character of the next piece
            text, carry = text[:-1], "\r"
        else:
            carry = ""
        if line == 1 and text.startswith("\ufeff"):
            text = text[1:]
        if "\r" in text:  # one fast scan; most dumps have none
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        cut = text.rfind("\n") + 1
        if cut == 0 and len(text) > max_line:
            safe = _SAFE_CUT_RE.search(text, len(text) - 4096)
            cut = safe.end() if safe else len(text)
        chunk, rest = text[:cut], text[cut:]
        carry = rest + carry
        if chunk:
            if repair is not None:
                chunk = repair(chunk, line)
            line += chunk.count("\n")
            yield chunk
    if carry:
        tail = carry.replace("\r\n", "\n").replace("\r", "\n")
        yield repair(tail, line) if repair is not None else tail
