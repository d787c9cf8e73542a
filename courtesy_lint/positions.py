"""Turns character offsets into 1-based line and column numbers."""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Offsets of line starts in one text, for offset -> (line, column) look-ups.

    Columns count characters (code points), so an Arabic word at the start
    of a line is column 1, whatever its UTF-8 length.
    """

    def __init__(self, text: str) -> None:
        self._starts = [0]
        self._starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]
