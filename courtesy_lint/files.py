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


class InputError(Exception):
    """A path or input that cannot be linted; str() is one line for the user."""


@dataclass(frozen=True)
class Draft:
    path: str  # as given on the command line, or found under a given folder
    text: str


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


def read(path: str) -> Draft:
    """Read one draft (or stdin) as text: UTF-8, with or without a byte-order mark."""
    try:
        data = sys.stdin.buffer.read() if path == STDIN else Path(path).read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.lower().endswith(".eml"):
        return Draft(path, email_body(path, data))
    return Draft(path, decode(path, data))


def email_body(path: str, data: bytes) -> str:
    """The text/plain part of a MIME message, decoded, headers left out.

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
    body = body.replace("\r\n", "\n")
    raw = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    first_line = next((line for line in body.split("\n") if line.strip()), "")
    at = raw.find(first_line) if first_line else -1
    if at >= 0:
        leading_blank = len(body) - len(body.lstrip("\n"))
        offset_lines = raw.count("\n", 0, at) - leading_blank
        return "\n" * max(offset_lines, 0) + body
    return body


def decode(path: str, data: bytes) -> str:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: looks like a binary file, not a draft")
    for bom, codec in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{path}: not valid UTF-16 text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid UTF-8 text (byte {exc.start}); save the draft as UTF-8"
        ) from None
