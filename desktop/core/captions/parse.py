"""The parser's entry points: bytes, text, a file, or a file streamed record by record."""

from __future__ import annotations

import io
import itertools
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.core.captions.assemble import build_events
from desktop.core.captions.decoding import CHUNK_SIZE, ChunkDecoder, split_text_chunks
from desktop.core.captions.flattened import FlattenedReader
from desktop.core.captions.parallel import PARALLEL_MIN_BYTES, parallel_records, worker_count
from desktop.core.captions.raw import RawCaption
from desktop.core.captions.scanner import MarkupScanner
from desktop.core.records import CaptionRecord, ParseResult, ParseWarning

# Any of these in the first chunk makes a file "markup": flattened captions are then not
# looked for, since glued words in markup are tags and attributes, not lost captions.
_MARKUP_SIGN_RE = re.compile(
    r"\[/?(?:caption|wp_caption)\b|<(?:/?[a-z][a-z0-9]*\b[^<>]*>|!--)", re.IGNORECASE
)
_TEXT_PIECE = 1 << 20


class WarningSink:
    """Collects warnings for one source, keeping at most `limit` of each kind so that a file
    of a million broken openers cannot fill memory; the rest are counted in one summary."""

    def __init__(self, source: str, out: list[ParseWarning], limit: int = 50) -> None:
        self.source = source
        self.out = out
        self._limit = limit
        self._counts: Counter[str] = Counter()
        self._first_dropped: dict[str, int] = {}

    def warn(self, line: int, kind: str, message: str) -> None:
        self._counts[kind] += 1
        if self._counts[kind] <= self._limit:
            self.out.append(ParseWarning(self.source, line, message))
        else:
            self._first_dropped.setdefault(kind, line)

    def close(self) -> None:
        for kind, line in self._first_dropped.items():
            dropped = self._counts[kind] - self._limit
            self.out.append(
                ParseWarning(self.source, line, f"{dropped} more warnings like the above ({kind})")
            )
        self._first_dropped.clear()


def _records(chunks: Iterable[str], sink: WarningSink, workers: int = 0) -> Iterator[CaptionRecord]:
    scanner = MarkupScanner(sink.warn)
    flattened: FlattenedReader | None = None
    line = 1
    first = True
    chunks = iter(chunks)
    for chunk in chunks:
        if first:
            first = False
            if _MARKUP_SIGN_RE.search(chunk) is None:
                flattened = FlattenedReader()
            elif workers > 1:
                # Flattened text is read paragraph by paragraph across chunks: in-process only.
                rest = itertools.chain([chunk], chunks)
                yield from parallel_records(rest, sink.source, sink.warn, workers)
                return
        raws = scanner.feed(chunk)
        if flattened is not None:
            raws += flattened.feed(chunk, line)
        line += chunk.count("\n")
        yield from _build_all(raws, sink)
    raws = scanner.feed("", final=True)
    if flattened is not None:
        raws += flattened.finish()
    yield from _build_all(raws, sink)


def _build_all(raws: list[RawCaption], sink: WarningSink) -> Iterator[CaptionRecord]:
    for event in build_events(raws, sink.source):
        if isinstance(event, CaptionRecord):
            yield event
        else:
            sink.warn(*event)


def _safe_records(
    chunks: Iterable[str], sink: WarningSink, workers: int = 0
) -> Iterator[CaptionRecord]:
    try:
        yield from _records(chunks, sink, workers)
    except (OSError, MemoryError):
        raise
    except Exception as error:  # last resort: what was read stays read
        sink.warn(0, "internal", f"parsing stopped early: {error!r}")
    finally:
        sink.close()


def iter_parse_file(
    path: str | os.PathLike[str],
    *,
    warnings: list[ParseWarning] | None = None,
    chunk_size: int = CHUNK_SIZE,
    workers: int | None = None,
) -> Iterator[CaptionRecord]:
    """Stream the caption records of a file, reading it in chunks (memory does not grow with
    its size). Problems are appended to `warnings`, if given, as they are met.

    `workers` processes build the records of a markup file (None: as many as there are CPUs,
    up to four, for files of PARALLEL_MIN_BYTES or more; 0 or 1: in this process). The
    records and warnings are the same either way.
    """
    source = Path(path).name
    sink = WarningSink(source, warnings if warnings is not None else [])
    if workers is None:
        large = os.path.getsize(path) >= PARALLEL_MIN_BYTES
        workers = worker_count() if large else 0
    # Unbuffered: the decoder reads half a megabyte at a time, so a buffer would only add a copy.
    with open(path, "rb", buffering=0) as stream:
        yield from _safe_records(ChunkDecoder(stream, sink.warn, chunk_size), sink, workers)


def parse_bytes(data: bytes, source: str) -> ParseResult:
    """Parse a whole dump held in memory, whatever its encoding."""
    found: list[ParseWarning] = []
    sink = WarningSink(source, found)
    decoder = ChunkDecoder(io.BytesIO(data), sink.warn)
    records = tuple(_safe_records(decoder, sink))
    return ParseResult(records, tuple(found), decoder.encoding)


def parse_text(text: str, source: str) -> ParseResult:
    """Parse text already decoded; mojibake in it is still repaired."""
    found: list[ParseWarning] = []
    sink = WarningSink(source, found)
    pieces = (text[i : i + _TEXT_PIECE] for i in range(0, len(text), _TEXT_PIECE))
    decoder = _TextRepair(sink)
    records = tuple(_safe_records(split_text_chunks(pieces, decoder.repair), sink))
    return ParseResult(records, tuple(found), "utf-8")


def parse_file(path: str | os.PathLike[str]) -> ParseResult:
    """Parse a dump file; records and warnings name the file, not its full path."""
    with open(path, "rb") as stream:
        data = stream.read()
    return parse_bytes(data, Path(path).name)


class _TextRepair:
    def __init__(self, sink: WarningSink) -> None:
        self._decoder = ChunkDecoder(io.BytesIO(b""), sink.warn)

    def repair(self, text: str, line: int) -> str:
        return self._decoder._repair(text, line)
