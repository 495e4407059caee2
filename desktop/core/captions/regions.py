"""Find where a piece of markup ends inside a scan buffer, in linear time even on hostile input."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# No caption is longer than this; a closing tag farther away belongs to something else, and
# the bound is what keeps the streaming reader's carried-over text (and memory) small.
MAX_SPAN = 64 * 1024
MAX_TAG = 4000


class ForwardFinder:
    """The first match of a regex at or after a position, remembering its last answer.

    Scanning visits positions in increasing order, so a remembered match that is still ahead
    (or a remembered "none left") answers the next question without searching again; this keeps
    thousands of unclosed `[caption` openers on one line linear instead of quadratic.
    """

    def __init__(self, regex: re.Pattern[str], buf: str) -> None:
        self._regex = regex
        self._buf = buf
        self._searched_from = -1
        self._match: re.Match[str] | None = None

    def next(self, pos: int) -> re.Match[str] | None:
        cached = self._searched_from >= 0 and self._searched_from <= pos
        if cached and (self._match is None or self._match.start() >= pos):
            return self._match
        self._match = self._regex.search(self._buf, pos)
        self._searched_from = pos
        return self._match


@dataclass
class ScanContext:
    """One scan buffer and whether more text will follow it."""

    buf: str
    final: bool
    _finders: dict[str, ForwardFinder] = field(default_factory=dict)

    def finder(self, regex: re.Pattern[str]) -> ForwardFinder:
        found = self._finders.get(regex.pattern)
        if found is None:
            found = self._finders[regex.pattern] = ForwardFinder(regex, self.buf)
        return found

    def may_grow(self, start: int, span: int = MAX_SPAN) -> bool:
        """True when more text could still complete the markup that starts at `start`."""
        return not self.final and len(self.buf) - start < span


@dataclass(frozen=True)
class Region:
    start: int  # content start
    stop: int  # content end
    end: int  # where scanning resumes
    closed: bool


def find_region(
    ctx: ScanContext,
    content_start: int,
    closer: re.Pattern[str],
    next_opener: re.Pattern[str],
    *,
    opened_at: int,
) -> Region | None:
    """The content up to `closer`, if it comes before the next opener of the same kind.

    An unclosed element ends at its line's end or the next opener, whichever comes first, so it
    cannot swallow the rest of the file. None means: feed more text and ask again.
    """
    buf = ctx.buf
    limit = opened_at + MAX_SPAN
    close = ctx.finder(closer).next(content_start)
    if close is not None and close.start() <= limit:
        # The usual case: only an opener before the closer matters, so look no farther. An
        # opener that starts before the closer also ends before it (openers hold no `<`/`[`
        # after their first character, and the closers start with one), so the bound does not
        # change what is found; the scan stays linear as the readers resume past this closer.
        following = next_opener.search(buf, content_start, close.start())
        if following is None:
            return Region(content_start, close.start(), close.end(), True)
    else:
        following = ctx.finder(next_opener).next(content_start)
    closes_first = close is not None and (following is None or close.start() < following.start())
    if close is not None and closes_first and close.start() <= limit:
        return Region(content_start, close.start(), close.end(), True)
    if following is not None and following.start() <= limit:
        stop = following.start()
    elif ctx.may_grow(opened_at):
        return None
    else:
        stop = min(len(buf), limit)
    line_end = buf.find("\n", content_start, stop)
    stop = stop if line_end < 0 else line_end
    return Region(content_start, stop, stop, False)
