"""Finds the writer's own words in a draft: front matter, quoted replies, signatures and code are masked out.

Masking replaces every character of a left-out region with a space (line
breaks stay), so the analysed text has the same length and the same line
breaks as the file: an offset in it is an offset in the file, and line and
column numbers need no mapping back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

# Front matter may only set these; other keys (title, tags...) belong to the
# site generator and are ignored.
FRONT_MATTER_KEYS = ("lang", "kind")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")

# Everything below one of these lines is a quoted earlier message.
_ORIGINAL_MESSAGE = re.compile(
    r"^\s*-{2,}\s*("
    r"original message|forwarded message|message d'origine|message d’origine|"
    r"message original|message transféré|الرسالة الأصلية|الرسالة الاصلية|رسالة معاد توجيهها"
    r")\s*-{2,}\s*$",
    re.IGNORECASE,
)
# "On Mon, 3 Jun 2024 at 10:02, Anna <a@x.com> wrote:" (Gmail, Apple Mail),
# "Le lun. 3 juin 2024 à 10:02, Anna <a@x.com> a écrit :",
# "في الإثنين، ٣ يونيو ٢٠٢٤ في ١٠:٠٢ ص، كتب Anna <a@x.com>:".
# Clients wrap the line, so the header may run over two lines.
# Arabic clients put the name after the verb: "... كتب Anna <a@x.com>:".
_WROTE_HEADER = re.compile(
    r"^\s*(on\b.{0,300}\bwrote|le\b.{0,300}\ba\s+écrit|في\b.{0,300}كتبت?\b.{0,200}?)\s*:\s*$",
    re.IGNORECASE | re.DOTALL,
)
# Outlook's block of headers: "From: ..." followed shortly by "Sent:"/"Date:".
_FROM_HEADER = re.compile(r"^\s*\*?(from|de|من)\s*\*?\s*:", re.IGNORECASE)
_SENT_HEADER = re.compile(
    r"^\s*\*?(sent|date|envoyé|envoye|تاريخ|التاريخ|أرسل|ارسل|مرسل)\s*\*?\s*:", re.IGNORECASE
)
# The conventional signature separator is "-- " (dash dash space); many
# clients strip the trailing space, so a bare "--" line counts too.
_SIGNATURE = re.compile(r"^-- ?$")
_LONE_CR = re.compile(r"\r(?!\n)")


@dataclass(frozen=True)
class Structure:
    """A draft split into what is analysed and what is not.

    `text` is the analysed text: same length and line breaks as the
    original, with masked regions blanked. `meta` holds front-matter settings.
    `masked` lists the (start, end) character ranges left out, with why.
    """

    original: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    masked: tuple[tuple[int, int, str], ...] = ()


class FrontMatterError(ValueError):
    """The draft's front matter is not valid YAML or sets a bad value."""


def analyse(original: str, also_mask: tuple[tuple[int, int], ...] = ()) -> Structure:
    """Mask everything that is not the writer's own words.

    `also_mask` adds ranges the caller knows are not prose (the lines of
    suppression directives).
    """
    # A lone CR ends a line as LF does (as in an editor); the CR of a CRLF
    # becomes a space. Either way offsets do not move.
    unified = _LONE_CR.sub("\n", original)
    chars = list(unified.replace("\r", " "))
    masked: list[tuple[int, int, str]] = []

    def mask(start: int, end: int, why: str) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
        masked.append((start, end, why))

    meta: dict[str, str] = {}
    body_start = 0
    fm = _FRONT_MATTER.match(unified.replace("\r", ""))
    if fm and "\r" not in unified[: fm.end()]:
        meta = _parse_front_matter(fm.group(1) or "")
        mask(0, fm.end(), "front matter")
        body_start = fm.end()

    for start, end in also_mask:
        mask(start, end, "directive")
    lines = _lines_with_offsets(unified, body_start)
    _mask_code_fences(lines, mask)
    _mask_quotes_and_signature(original, lines, mask)
    return Structure(original=original, text="".join(chars), meta=meta, masked=tuple(masked))


def _parse_front_matter(block: str) -> dict[str, str]:
    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except RecursionError:
        raise FrontMatterError("front matter is nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values")
    meta = {}
    for key in FRONT_MATTER_KEYS:
        if key in data:
            value = data[key]
            if not isinstance(value, str):
                raise FrontMatterError(f"front matter '{key}' must be a string, got {value!r}")
            meta[key] = value.strip()
    return meta


def _lines_with_offsets(text: str, start: int) -> list[tuple[int, int, str]]:
    """(start, end, content) of each line from `start`, end excluding the newline."""
    out = []
    pos = start
    for line in text[start:].split("\n"):
        out.append((pos, pos + len(line), line.rstrip("\r")))
        pos += len(line) + 1
    return out


def _mask_code_fences(lines, mask) -> None:
    opening = None
    for start, end, content in lines:
        m = _FENCE.match(content)
        if opening is None and m:
            opening = (start, m.group(1))
        elif opening is not None and m and m.group(1) == opening[1]:
            mask(opening[0], end, "code block")
            opening = None
    if opening is not None:  # an unclosed fence runs to the end, as in CommonMark
        mask(opening[0], lines[-1][1], "code block")


def _mask_quotes_and_signature(original: str, lines, mask) -> None:
    end_of_text = len(original)
    for i, (start, end, content) in enumerate(lines):
        stripped = content.strip()
        if _SIGNATURE.match(content):
            mask(start, end_of_text, "signature")
            return
        if _ORIGINAL_MESSAGE.match(stripped):
            mask(start, end_of_text, "quoted message")
            return
        two_lines = stripped + (" " + lines[i + 1][2].strip() if i + 1 < len(lines) else "")
        header = _WROTE_HEADER.match(stripped) or _WROTE_HEADER.match(two_lines)
        # A real header carries a date, so a digit; this keeps a sentence such
        # as "On reflection, here is what I wrote:" in the analysed text.
        if stripped and header and re.search(r"\d", header.group(0)):
            mask(start, end_of_text, "quoted message")
            return
        if _FROM_HEADER.match(stripped) and any(
            _SENT_HEADER.match(nxt[2]) for nxt in lines[i + 1 : i + 4]
        ):
            mask(start, end_of_text, "quoted message")
            return
        if content.lstrip().startswith(">"):
            mask(start, end, "quoted line")
