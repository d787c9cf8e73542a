"""The on-disk cache in .courtesy-lint-cache/: lint results by content, and loaded rule sets.

Everything is stored as JSON, never pickle: a cache folder is a plain
folder in the user's tree, and reading it must never run code. Each entry is
one file written to a temporary name and renamed into place, so a run killed
mid-write or two runs writing at once leave either the old entry or the new
one, never half of one. An entry that cannot be read is treated as missing
and rewritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .findings import Evidence, Finding, LintResult, Severity, Status
from .rule_model import Example, Limit, PatternSet, Rule, Source

CACHE_DIR_NAME = ".courtesy-lint-cache"
# Bumped whenever what is stored changes shape; part of every key.
FORMAT = 1

_GITIGNORE = "# Created by courtesy-lint; safe to delete.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by courtesy-lint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


class Cache:
    """A cache folder. Failing to write it is never an error: linting goes on."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._prepared = False

    def __repr__(self) -> str:
        return f"Cache({str(self.root)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cache) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    # --- lint results ------------------------------------------------------

    def get_result(self, key: str) -> LintResult | None:
        data = self._read(self._path("results", key))
        if data is None:
            return None
        try:
            return result_from_data(data)
        except (KeyError, TypeError, ValueError):
            return None  # damaged or from another layout: linted again

    def put_result(self, key: str, result: LintResult) -> None:
        self._write(self._path("results", key), result_to_data(result))

    # --- loaded rule sets --------------------------------------------------

    def get_rules(self, key: str) -> tuple[Rule, ...] | None:
        data = self._read(self._path("rules", key))
        if data is None:
            return None
        try:
            rules = _decode(data)
        except (KeyError, TypeError, ValueError):
            return None
        if not isinstance(rules, tuple) or not all(isinstance(r, Rule) for r in rules):
            return None
        return rules

    def put_rules(self, key: str, rules: tuple[Rule, ...]) -> None:
        self._write(self._path("rules", key), _encode(rules))

    # --- kind cues (kinds.yaml), loaded like rule patterns -----------------

    def get_cues(self, key: str) -> dict[str, dict[str, dict[str, PatternSet]]] | None:
        data = self._read(self._path("rules", key))
        if data is None:
            return None
        try:
            cues = _decode(data)
        except (KeyError, TypeError, ValueError):
            return None
        try:
            if all(
                isinstance(p, PatternSet)
                for by_lang in cues.values()
                for by_level in by_lang.values()
                for p in by_level.values()
            ):
                return cues
        except AttributeError:  # not nested mappings
            pass
        return None

    def put_cues(self, key: str, cues: dict[str, dict[str, dict[str, PatternSet]]]) -> None:
        self._write(self._path("rules", key), _encode(cues))

    # --- files -------------------------------------------------------------

    def _path(self, section: str, key: str) -> Path:
        return self.root / section / key[:2] / f"{key}.json"

    def _read(self, path: Path) -> Any | None:
        try:
            with open(path, "rb") as handle:
                return json.loads(handle.read())
        except (OSError, ValueError):
            return None

    def _write(self, path: Path, data: Any) -> None:
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(payload)
                os.replace(temporary, path)  # atomic: readers see old or new, never half
            except BaseException:
                _remove_quietly(temporary)
                raise
        except OSError:
            pass  # a read-only tree or a full disk: the run still lints, just uncached

    def _prepare(self) -> None:
        """Create the folder with its own .gitignore, so it is never committed."""
        if self._prepared:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            target = self.root / name
            if not target.exists():
                with contextlib.suppress(OSError):
                    target.write_text(text, encoding="utf-8")
        self._prepared = True


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


# --- keys ---------------------------------------------------------------------


def digest(*parts: object) -> str:
    """A stable hex key for JSON-able parts."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_code_fingerprint: str | None = None


def code_fingerprint() -> str:
    """The version, the Python and spaCy versions and the package's own files.

    The files are identified by size and modification time, which is enough
    to notice an edit in a source checkout, where the version stays the same.
    """
    global _code_fingerprint
    if _code_fingerprint is None:
        package = Path(__file__).resolve().parent
        stats = []
        for path in sorted(package.iterdir()):
            if path.suffix in (".py", ".yaml", ".json"):
                st = path.stat()
                stats.append((path.name, st.st_size, st.st_mtime_ns))
        _code_fingerprint = digest(
            FORMAT, __version__, sys.version_info[:2], _spacy_version(), stats
        )
    return _code_fingerprint


def _spacy_version() -> str:
    """spaCy's version without importing it (importing it is what the cache avoids)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spacy")
    except PackageNotFoundError:
        return "none"


def files_fingerprint(paths: list[Path]) -> str:
    """A key for a set of files by their content."""
    h = hashlib.sha256()
    for path in paths:
        h.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


# --- results as JSON ------------------------------------------------------------


def result_to_data(result: LintResult) -> dict:
    return {
        "path": result.path,
        "lang": result.lang,
        "kind": result.kind,
        "findings": [f.to_dict() for f in result.findings],
        "evidence": [e.to_dict() for e in result.evidence],
        "notices": list(result.notices),
    }


def result_from_data(data: dict) -> LintResult:
    findings = tuple(
        Finding(
            path=data["path"],
            line=f["line"],
            column=f["column"],
            rule=f["rule"],
            end_line=f["end_line"],
            end_column=f["end_column"],
            severity=Severity(f["severity"]),
            status=Status(f["status"]),
            message=f["message"],
            match=f["match"],
            suggestion=f["suggestion"],
        )
        for f in data["findings"]
    )
    evidence = tuple(
        Evidence(e["rule"], e["line"], e["column"], e["text"]) for e in data["evidence"]
    )
    return LintResult(
        data["path"], data["lang"], data["kind"], findings, evidence, tuple(data["notices"])
    )


# --- rule sets as JSON ----------------------------------------------------------

# Only these classes can come back from the cache: decoding builds plain data
# and these dataclasses, nothing else.
_CLASSES = {cls.__name__: cls for cls in (Rule, PatternSet, Example, Limit, Source)}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and type(value).__name__ in _CLASSES:
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__class__": type(value).__name__, "fields": fields}
    if isinstance(value, Severity):
        return {"__severity__": value.value}
    if isinstance(value, Path):
        return {"__path__": str(value)}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__tuple__" in value:
        return tuple(_decode(v) for v in value["__tuple__"])
    if "__class__" in value:
        cls = _CLASSES[value["__class__"]]
        return cls(**{k: _decode(v) for k, v in value["fields"].items()})
    if "__severity__" in value:
        return Severity(value["__severity__"])
    if "__path__" in value:
        return Path(value["__path__"])
    return {k: _decode(v) for k, v in value.items()}
