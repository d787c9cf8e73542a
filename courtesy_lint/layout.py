"""Finds a letter's greeting line, body and sign-off, and counts words and sentences the way limits do.

How limits count (DESIGN.md section 3): a word is a whitespace-separated
token with a letter or digit in it; a sentence ends with . ! ? ؟ or …
followed by a space or the end of the text; the greeting line and the
sign-off block are not sentences, and masked text (quotes, signatures) is
already blank here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\S+")
_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# A blank line ends a sentence too: paragraphs written without a full stop
# are still separate sentences to a reader.
_SENTENCE_END = re.compile(r"[.!?؟…]+[\"'”»)\]]*(?=\s|$)|\n[ \t]*\n")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "mme",
        "mlle",
        "m",
        "st",
        "prof",
        "etc",
        "e.g",
        "i.e",
        "p.s",
        "ps",
        "vs",
        "n°",
        "no",
        "cf",
        "env",
        "approx",
    ]
)

_GREETING = re.compile(
    r"^\s*(dear|hi|hello|hey|good (morning|afternoon|evening)|greetings|to whom|"
    r"bonjour|bonsoir|salut|cher|chère|chere|madame|monsieur|mesdames|messieurs|"
    r"السيد|السيدة|الأستاذ|الاستاذ|الأستاذة|الاستاذة|الدكتور|الدكتورة|عزيزي|عزيزتي|"
    r"مرحبا|مرحباً|أهلا|اهلا|السلام عليكم|تحية طيبة|تحيه طيبه|حضرة|حضره|سعادة|سعاده|"
    r"المهندس|المهندسة|فريق)\b",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*(best|best regards|kind regards|warm regards|warmest regards|regards|sincerely|"
    r"yours sincerely|yours faithfully|yours truly|respectfully|cheers|many thanks|thanks|"
    r"thank you|thanks again|all the best|with gratitude|take care|"
    r"cordialement|bien cordialement|bien à vous|bien a vous|sincères salutations|"
    r"sinceres salutations|salutations|merci|merci encore|amicalement|belle journée|"
    r"bonne journée|respectueusement|"
    r"(je vous prie|veuillez) (d'|d’)agréer.*|"
    r"مع خالص التحية|مع خالص الشكر|مع التحية|مع الشكر|مع التقدير|مع خالص التقدير|"
    r"مع فائق الاحترام|مع الاحترام|تحياتي|وتقبلوا|تقبلوا|وتفضلوا|تفضلوا|"
    r"وشكرا|شكرا|شكراً|وشكراً|والسلام|والسلام عليكم|ودمتم|دمتم|مع أطيب التحيات|مع اطيب التحيات)"
    r"[\s,.!،:]*$",
    re.IGNORECASE,
)
# Lines after a sign-off: a name, a phone number, a title. Few and short.
_MAX_NAME_LINES = 5
_MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class Layout:
    """Character offsets of the parts of a letter in one (masked) text."""

    body_start: int
    body_end: int
    greeting: tuple[int, int] | None = None
    sign_off: tuple[int, int] | None = None


def find_layout(text: str) -> Layout:
    """Where the greeting line, the body and the sign-off block are."""
    lines = _nonblank_lines(text)
    if not lines:
        return Layout(0, len(text))
    greeting = None
    first = lines[0]
    first_words = len(first[2].split())
    if (_GREETING.match(first[2]) and first_words <= 10) or (
        first[2].rstrip().endswith((",", "،", ":")) and first_words <= 6
    ):
        greeting = (first[0], first[1])
    sign_off = _find_sign_off(lines, greeting)
    body_start = greeting[1] if greeting else 0
    body_end = sign_off[0] if sign_off else len(text)
    return Layout(body_start, body_end, greeting, sign_off)


def _find_sign_off(lines, greeting) -> tuple[int, int] | None:
    first_body = 1 if greeting else 0
    for back in range(1, _MAX_NAME_LINES + 2):
        index = len(lines) - back
        if index < first_body:
            return None
        start, _, content = lines[index]
        tail = lines[index + 1 :]
        if _SIGN_OFF.match(content) and all(len(c.split()) <= _MAX_NAME_WORDS for *_, c in tail):
            return (start, lines[-1][1])
    return None


def _nonblank_lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def count_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if _HAS_LETTER_OR_DIGIT.search(w))


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in text[start:end] with a word in it."""
    end = len(text) if end is None else end
    out = []
    sentence_start = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group(0).startswith(".") and _is_abbreviation(text, m.start()):
            continue
        _append_sentence(text, sentence_start, m.end(), out)
        sentence_start = m.end()
    _append_sentence(text, sentence_start, end, out)
    return out


def lines_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of each line of text[start:end] with a word in it."""
    out: list[tuple[int, int]] = []
    line_start = start
    while (newline := text.find("\n", line_start, end)) != -1:
        _append_sentence(text, line_start, newline, out)
        line_start = newline + 1
    _append_sentence(text, line_start, end, out)
    return out


def _append_sentence(text: str, start: int, end: int, out: list) -> None:
    if count_words(text[start:end]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((start, end))


def _is_abbreviation(text: str, dot: int) -> bool:
    word_start = dot
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lower().strip("(\"'«“")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
