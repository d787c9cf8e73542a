"""Finds the drafts named on the command line and reads them as text."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path

DRAFT_SUFFIXES = (".txt", ".md", ".eml")
STDIN = "-"

# Real emails are a few kilobytes; 50 kB is about 8,000 words. Parsing time
# and memory grow with length (about 4 s and 350 MB at 50 kB, 3.4 GB at
# 1 MB), so a larger file is skipped unless --max-bytes says otherwise.
DEFAULT_MAX_BYTES = 50_000
# spaCy's own limit (nlp.max_length): even with no byte limit, longer text
# is skipped rather than handed to spaCy to fail on.
MAX_CHARS = 1_000_000
# Text with more control characters than this share (and more than 3) is
# binary; tab, line breaks, form feed and escape do not count.
CONTROL_RATIO = 0.01
_CONTROL_CHARS = frozenset(map(chr, [*range(0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F]))

# Characters that show nothing, beside whitespace: a draft of only these is empty.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u200e\u200f\u2060\u061c"))

# The 8-bit encodings a draft in English, French or Arabic comes in when it
# is not UTF-8: Windows and ISO Latin (1 and 9), Windows and ISO Arabic.
# Left to choose among all it knows, charset-normalizer often reads short
# French drafts as Central European cp1250 ("trčs", "ŕ"), so it is only
# asked to choose among these (docs/robustness.md has the measurements).
LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "cp1256", "iso8859_6")


class InputError(Exception):
    """A path or input that cannot be linted; str() is one line for the user."""


class SkippedFile(InputError):
    """Input that is not a draft to lint (binary, empty, too large): warn and go on.

    str() is `path: reason`; `reason` alone is one line for the user.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Draft:
    path: str  # as given on the command line, or found under a given folder
    text: str
    encoding: str = "utf-8"  # the one it was read with (a Python codec name)


def collect(paths: list[str]) -> list[str]:
    """The files to lint: files as given, folders searched for drafts, '-' for stdin.

    Hidden folders (.git, .courtesy-lint-cache) are skipped, and folder
    contents are sorted so output order never depends on the file system.
    """
    out: list[str] = []
    seen: set[str] = set()
    for given in paths:
        if given == STDIN:
            out.append(STDIN)
            continue
        p = Path(given)
        if p.is_dir():
            for found in _walk(p):
                key = os.path.realpath(found)
                if key not in seen:
                    seen.add(key)
                    out.append(found)
        elif p.exists():
            key = os.path.realpath(given)
            if key not in seen:
                seen.add(key)
                out.append(given)
        else:
            raise InputError(f"{given}: no such file or directory")
    return out


def _walk(folder: Path) -> list[str]:
    found = []
    visited: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in visited:  # a symlink loop: already walked
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(DRAFT_SUFFIXES) and not name.startswith("."):
                found.append(os.path.join(root, name))
    return found


def read(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Draft:
    """Read one draft (or stdin) as text, and say which encoding it was in.

    Raises SkippedFile for input that is not a draft to lint (binary, empty,
    too large: the caller warns and goes on with the other files) and
    InputError for input that cannot be read at all. `max_bytes` None or 0
    means no limit. Every line break comes out as LF, whether the file used
    CRLF, LF or a lone CR (Python's own text mode does the same), so line
    numbers are those an editor shows.
    """
    limit = max_bytes or None
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(limit + 1) if limit else sys.stdin.buffer.read()
        else:
            size = os.stat(path).st_size  # before reading: a huge file is never loaded
            if limit and size > limit:
                raise SkippedFile(path, f"the file is {_size(size)}, above {_limit(limit)}")
            with open(path, "rb") as stream:  # a pipe or device reports size 0: cap the read
                data = stream.read(limit + 1) if limit else stream.read()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if limit and len(data) > limit:
        what = "standard input" if path == STDIN else "the file"
        raise SkippedFile(path, f"{what} is larger than {_limit(limit)}")
    if path.lower().endswith(".eml"):
        text, encoding = email_body(path, data)
    else:
        text, encoding = decode(path, data)
    text = normalise_newlines(text)
    _check_text(path, text)
    return Draft(path, text, encoding)


def normalise_newlines(text: str) -> str:
    """Every line break as LF: CRLF (Windows) and a lone CR (classic Mac OS) alike."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _check_text(path: str, text: str) -> None:
    if "\x00" in text:
        raise SkippedFile(path, "binary file (it contains NUL bytes), not a draft")
    if not text.translate(_INVISIBLE).strip():
        raise SkippedFile(path, "empty draft, nothing to lint")
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch in _CONTROL_CHARS)
    if controls > max(3, len(sample) * CONTROL_RATIO):
        raise SkippedFile(path, f"binary file ({controls} control characters), not a draft")
    if len(text) > MAX_CHARS:
        raise SkippedFile(
            path, f"{len(text):,} characters, more than the {MAX_CHARS:,} spaCy parses at once"
        )


def _limit(limit: int) -> str:
    return f"--max-bytes {_size(limit).replace('.0 ', ' ')} (raise it, or 0 for no limit)"


def _size(n: int) -> str:
    """Sizes as people read them: 20.0 MB, 1.5 kB, 512 bytes (decimal units, as ls --si)."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def email_body(path: str, data: bytes) -> tuple[str, str]:
    """The text/plain part of a MIME message, decoded, headers left out, and its charset.

    The standard library parser undoes the transfer encoding (quoted-
    printable, base64) and the charset. The body is preceded by as many
    blank lines as the raw file has before it, so that line numbers match
    the file whenever the body is stored as it reads (7bit or 8bit); an
    encoded body can only be numbered from where it starts.
    """
    message = BytesParser(policy=policy.default).parsebytes(data)
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        raise InputError(f"{path}: the email has no text/plain part to lint")
    try:
        body = part.get_content()
    except (LookupError, UnicodeDecodeError):
        raise InputError(f"{path}: the email's text part has an unknown or wrong charset") from None
    charset = part.get_content_charset() or "us-ascii"
    body = body.replace("\r\n", "\n")
    raw = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    first_line = next((line for line in body.split("\n") if line.strip()), "")
    at = raw.find(first_line) if first_line else -1
    if at >= 0:
        leading_blank = len(body) - len(body.lstrip("\n"))
        offset_lines = raw.count("\n", 0, at) - leading_blank
        return "\n" * max(offset_lines, 0) + body, charset
    return body, charset


# (byte-order mark, name reported, codec, name in messages); UTF-32's marks
# come first because UTF-16's little-endian one is the start of UTF-32's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16", "UTF-16"),
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig", "UTF-8"),
)


def decode(path: str, data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: a byte-order mark's, else UTF-8, else detected.

    Without a byte-order mark, UTF-8 is tried first (it almost never decodes
    text in another encoding by accident); then charset-normalizer chooses
    among the 8-bit encodings of Western and Arabic Windows and ISO.
    """
    for bom, name, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: not valid {label} text (byte {exc.start}), though it starts "
                    f"with a {label} byte-order mark"
                ) from None
    if b"\x00" in data:
        raise SkippedFile(path, "binary file (it contains NUL bytes), not a draft")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare draft that is not UTF-8

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise SkippedFile(
            path, "binary file or unknown encoding (not UTF-8, UTF-16, Windows-1252 or -1256)"
        )
    return str(best), best.encoding
