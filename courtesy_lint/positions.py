"""Turns character offsets into 1-based line and column numbers."""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE_BREAK = re.compile(r"\r\n?|\n")


class LineIndex:
    """Offsets of line starts in one text, for offset -> (line, column) look-ups.

    Columns count characters (code points), so an Arabic word at the start
    of a line is column 1, whatever its UTF-8 length. Lines end where an
    editor ends them: at LF, CRLF or a lone CR.
    """

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]
