"""Finds, validates and applies configuration: .courtesy-lint.yaml or [tool.courtesy-lint] in pyproject.toml."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .files import DEFAULT_MAX_BYTES
from .findings import Severity
from .options import LintOptions
from .rule_loader import (
    RuleError,
    _dotted,
    _line_of,
    _parse_yaml,
    default_rules_dir,
    load_rules,
    schema_problem,
)
from .rule_model import Rule

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from .cache import Cache

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_NAMES = (".courtesy-lint.yaml", ".courtesy-lint.yml")
PYPROJECT = "pyproject.toml"
TOOL_KEY = "courtesy-lint"


class ConfigError(ValueError):
    """A configuration that cannot be used; str() is `path[:line]: key: problem`."""


@dataclass(frozen=True)
class Settings:
    """What applies to one draft once the configuration is resolved for its path."""

    lang: str = "auto"
    kind: str = "auto"
    options: LintOptions = field(default_factory=LintOptions)
    source: str | None = None  # the configuration file, if any
    selected: tuple[str, ...] = ()
    max_bytes: int | None = None  # None: not set, the command line's default applies


@dataclass(frozen=True)
class Config:
    path: Path | None
    data: dict[str, Any]
    rules: tuple[Rule, ...]

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def settings_for(self, draft_path: str | None) -> Settings:
        """The settings for one draft: the top level, then each override whose glob matches."""
        merged = {k: v for k, v in self.data.items() if k not in ("overrides", "rule-dirs")}
        merged.setdefault("severity", {})
        overrides = self.data.get("overrides", [])
        # Resolving the path costs system calls, for every draft: only when it can matter.
        relative = _relative(draft_path, self.root) if draft_path and overrides else None
        for override in overrides:
            if relative is not None and any(_glob(g, relative) for g in override["files"]):
                for key, value in override.items():
                    if key == "severity":
                        merged["severity"] = {**merged["severity"], **value}
                    elif key != "files":
                        merged[key] = value
        selected = [r for r in self.rules if _selected(r.id, merged)]
        options = LintOptions(
            rules=tuple(selected),
            severities={k: Severity(v) for k, v in merged["severity"].items()},
            limits=merged.get("limits", {}),
            default_lang=merged.get("lang", "auto"),
            default_kind=merged.get("kind", "auto"),
        )
        # Rules that others depend on (the anchor of reason-is-brief) stay
        # loaded even when not selected: they are evaluated, not reported.
        return Settings(
            lang=merged.get("lang", "auto"),
            kind=merged.get("kind", "auto"),
            options=_with_dependencies(options, self.rules),
            source=str(self.path) if self.path else None,
            selected=tuple(r.id for r in selected),
            max_bytes=merged.get("max-bytes"),
        )

    def effective(self, draft_path: str | None) -> dict[str, Any]:
        """The resolved settings for a path, as plain data (for `courtesy-lint config`)."""
        s = self.settings_for(draft_path)
        return {
            "config": s.source,
            "lang": s.lang,
            "kind": s.kind,
            "rules": list(s.selected),
            "severity": {
                r.id: s.options.severities.get(r.id, r.severity).value
                for r in self.rules
                if r.id in s.selected
            },
            "limits": {
                r.id: {
                    "max_words": s.options.limits.get(r.id, {}).get("max_words", r.limit.max_words),
                    "max_sentences": s.options.limits.get(r.id, {}).get(
                        "max_sentences", r.limit.max_sentences
                    ),
                }
                for r in self.rules
                if r.limit is not None and r.id in s.selected
            },
            "rule_dirs": [str(d) for d in self.rule_dirs()],
            "max_bytes": s.max_bytes if s.max_bytes is not None else DEFAULT_MAX_BYTES,
        }

    def rule_dirs(self) -> list[Path]:
        return [default_rules_dir(), *(self.root / d for d in self.data.get("rule-dirs", []))]


def _with_dependencies(options: LintOptions, all_rules: tuple[Rule, ...]) -> LintOptions:
    selected = {r.id for r in options.rules or ()}
    by_id = {r.id: r for r in all_rules}
    needed = {r.limit.anchor for r in options.rules or () if r.limit and r.limit.anchor}
    extra = tuple(by_id[i] for i in sorted(needed - selected) if i in by_id)
    if not extra:
        return options
    return replace(options, rules=(*options.rules, *extra), report_only=frozenset(selected))


def _selected(rule_id: str, settings: dict[str, Any]) -> bool:
    select = settings.get("select")
    if select is not None and rule_id not in select:
        return False
    return rule_id not in settings.get("ignore", [])


def _relative(draft_path: str, root: Path) -> str | None:
    try:
        return Path(draft_path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _glob(pattern: str, relative: str) -> bool:
    """Git-style globs: `*` within a folder name, `**` across folders."""
    regex = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            regex += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            regex += ".*"
            i += 2
        elif pattern[i] == "*":
            regex += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            regex += "[^/]"
            i += 1
        else:
            regex += re.escape(pattern[i])
            i += 1
    return re.fullmatch(regex, PurePosixPath(relative).as_posix()) is not None


# --- finding and loading ----------------------------------------------------


def discover(start: Path) -> Path | None:
    """The nearest configuration file at or above `start` (a folder)."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(path: Path) -> bool:
    # Every draft of a run looks up the same pyproject.toml files: parse each
    # once for as long as it is unchanged (it was a tenth of a run's time).
    try:
        stat = path.stat()
    except OSError:
        return False
    return _parsed_tool_section(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _parsed_tool_section(path: Path, mtime_ns: int, size: int) -> bool:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        return TOOL_KEY in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        # Broken TOML that holds our section is ours to report, not to skip.
        return f"[tool.{TOOL_KEY}" in text


@lru_cache(maxsize=64)
def load(path: Path | None, cache: Cache | None = None) -> Config:
    """A validated configuration (None: the defaults, with no file).

    `cache` lets the rule set come from the cache of an earlier run.
    """
    if path is None:
        return Config(None, {}, load_rules(cache=cache))
    data, lines = _read(path)
    problem = schema_problem(_validator(), data)
    if problem:
        key, message = problem
        raise ConfigError(_where(path, lines, key) + message)
    root = path.parent
    dirs = [default_rules_dir()]
    for i, folder in enumerate(data.get("rule-dirs", [])):
        if not (root / folder).is_dir():
            raise ConfigError(_where(path, lines, ("rule-dirs", i)) + f"no folder '{folder}'")
        dirs.append(root / folder)
    rules = load_rules(dirs, cache)
    _check_rule_ids(path, lines, data, {r.id for r in rules})
    return Config(path, data, rules)


def _read(path: Path) -> tuple[dict[str, Any], dict]:
    if path.name == PYPROJECT:
        try:
            doc = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            # tomllib gives the place only in its message: "... (at line 2, column 9)"
            at = re.search(r"\(at line (\d+), column \d+\)$", str(exc))
            message = str(exc)[: at.start()].strip() if at else str(exc)
            where = f"{path}:{at.group(1)}" if at else str(path)
            raise ConfigError(f"{where}: invalid TOML: {message}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {exc}") from None
        data = doc.get("tool", {}).get(TOOL_KEY, {})
        return data, {}
    try:
        data, lines = _parse_yaml(path, path.read_text("utf-8"))
    except RuleError as exc:
        raise ConfigError(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if data is None:
        return {}, lines
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the configuration must be a mapping of keys to values")
    return data, lines


def _check_rule_ids(path: Path, lines: dict, data: dict, known: set[str]) -> None:
    def check(ids, key):
        for i, rule_id in enumerate(ids):
            if rule_id not in known:
                raise ConfigError(_where(path, lines, (*key, i)) + f"unknown rule id '{rule_id}'")

    def check_keys(mapping, key):
        for rule_id in mapping:
            if rule_id not in known:
                raise ConfigError(
                    _where(path, lines, (*key, rule_id)) + f"unknown rule id '{rule_id}'"
                )

    for name in ("select", "ignore"):
        check(data.get(name, []), (name,))
    check_keys(data.get("severity", {}), ("severity",))
    check_keys(data.get("limits", {}), ("limits",))
    for i, override in enumerate(data.get("overrides", [])):
        for name in ("select", "ignore"):
            check(override.get(name, []), ("overrides", i, name))
        check_keys(override.get("severity", {}), ("overrides", i, "severity"))


def _where(path: Path, lines: dict, key: tuple) -> str:
    line = _line_of(lines, key) if lines else None
    place = f"{path}:{line}" if line else str(path)
    if path.name == PYPROJECT:
        return f"{place}: tool.{TOOL_KEY}.{_dotted(key)}: " if key else f"{place}: "
    return f"{place}: {_dotted(key)}: " if key else f"{place}: "


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    text = resources.files("courtesy_lint").joinpath("config.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))
