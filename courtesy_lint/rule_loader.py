"""Reads rule files, refusing bad ones with the file, line and key at fault."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from . import pattern_safety
from .findings import Severity
from .rule_model import Example, Limit, PatternSet, Rule, Source

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from .cache import Cache

# jsonschema and spaCy are imported where rules are validated, not here: a
# run answered from the cache loads neither.

KeyPath = tuple[Any, ...]


class RuleError(ValueError):
    """A rule file that cannot be used. str() is one line: `path:line: key: problem`."""

    def __init__(self, path: Path | str, line: int | None, key: str | None, problem: str):
        self.path, self.line, self.key, self.problem = str(path), line, key, problem
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")


def default_rules_dir() -> Path:
    """The rules that ship with courtesy-lint.

    In an installed wheel they are mapped into the package; in a source
    checkout (editable install, tests) they are the top-level rules/ folder.
    """
    packaged = Path(str(resources.files("courtesy_lint"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


@lru_cache(maxsize=1)
def _schema_validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    text = resources.files("courtesy_lint").joinpath("rule.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


_loaded: dict[tuple, tuple[Rule, ...]] = {}


def load_rules(
    directories: Iterable[Path] | None = None, cache: Cache | None = None
) -> tuple[Rule, ...]:
    """Every rule in the given folders (default: ours), sorted by id.

    Two files with the same id are an error, whichever folders they are in.
    A rule set is loaded once per process for as long as its files are
    unchanged, so its compiled matchers are reused too. With a `cache`, a
    rule set already validated by an earlier run with the same files is
    read back instead of being parsed and validated again.
    """
    dirs = list(directories) if directories is not None else [default_rules_dir()]
    signature = _signature(dirs)
    if signature not in _loaded:
        _loaded[signature] = _load_cached(dirs, cache) if cache else _load_rules(dirs)
    return _loaded[signature]


def _load_cached(dirs: list[Path], cache: Cache) -> tuple[Rule, ...]:
    from .cache import code_fingerprint, digest, files_fingerprint

    files = [f for d in dirs if d.is_dir() for f in sorted(d.glob("*.yaml"))]
    try:
        key = digest("rules", code_fingerprint(), [str(d) for d in dirs], files_fingerprint(files))
    except OSError:
        return _load_rules(dirs)
    rules = cache.get_rules(key)
    if rules is None:
        rules = _load_rules(dirs)
        cache.put_rules(key, rules)
    return rules


def _signature(dirs: list[Path]) -> tuple:
    parts = []
    for directory in dirs:
        files = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
        stats = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
        parts.append((str(directory.resolve()), stats))
    return tuple(parts)


def _load_rules(dirs: list[Path]) -> tuple[Rule, ...]:
    rules: dict[str, Rule] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise RuleError(directory, None, None, "rule folder not found")
        for path in sorted(directory.glob("*.yaml")):
            rule = _load_rule_once(path)
            if rule.id in rules:
                raise RuleError(
                    path,
                    _line_in(path, ("id",)),
                    "id",
                    f"duplicate rule id '{rule.id}', also in {rules[rule.id].path}",
                )
            rules[rule.id] = rule
    for rule in rules.values():
        _check_references(rule, rules)
    return tuple(sorted(rules.values(), key=lambda r: r.id))


_by_file: dict[tuple[str, int, int], Rule] = {}


def _load_rule_once(path: Path) -> Rule:
    """load_rule, once per process for each unchanged file: our 17 rules are not
    parsed and checked again because a team folder comes along."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _by_file:
        _by_file[key] = load_rule(path)
    return _by_file[key]


def _check_references(rule: Rule, rules: dict[str, Rule]) -> None:
    """Rule ids named inside a rule (limit anchors, `unless.rules`) must exist."""
    if rule.limit is not None and rule.limit.anchor and rule.limit.anchor not in rules:
        _fail_reference(rule, ("limit", "anchor"), rule.limit.anchor)
    for i, other in enumerate(rule.limit.stop_at if rule.limit is not None else ()):
        if other not in rules:
            _fail_reference(rule, ("limit", "stop_at", i), other)
    for lang, patterns in rule.patterns.items():
        single = len(patterns.unless_blocks) == 1
        for b, block in enumerate(patterns.unless_blocks):
            for i, other in enumerate(block.rules):
                if other not in rules:
                    # `unless` is one mapping or a list of them; the line is found either way.
                    where = ("patterns", lang, "unless", *(() if single else (b,)), "rules", i)
                    _fail_reference(rule, where, other)


def _fail_reference(rule: Rule, key: KeyPath, other: str) -> None:
    line = _line_in(rule.path, key)
    if line is None and key[3:4] == ("unless",) and isinstance(key[4], str):
        line = _line_in(rule.path, (*key[:4], 0, *key[4:]))
    raise RuleError(rule.path, line, _dotted(key), f"unknown rule id '{other}'")


def _line_in(path: Path, key: KeyPath) -> int | None:
    """The line of a key in a rule file that has loaded already (for errors found later)."""
    try:
        return _line_of(_parse_yaml(path, path.read_text(encoding="utf-8"))[1], key)
    except (OSError, UnicodeDecodeError, RuleError):
        return None


def load_rule(path: Path) -> Rule:
    """One rule file, validated against the schema and spaCy's pattern validator."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(path, None, None, f"cannot read rule file: {exc}") from None
    data, lines = _parse_yaml(path, text)

    def fail(key: KeyPath, problem: str) -> RuleError:
        return RuleError(path, _line_of(lines, key), _dotted(key), problem)

    if not isinstance(data, dict):
        raise RuleError(path, 1, None, "a rule file must be a mapping of keys to values")
    problem = schema_problem(_schema_validator(), data)
    if problem:
        raise fail(*problem)
    if data["id"] != path.stem:
        raise fail(("id",), f"id '{data['id']}' does not match the file name '{path.name}'")

    patterns = {}
    for lang, spec in (data.get("patterns") or {}).items():
        patterns[lang] = _pattern_set(spec, ("patterns", lang), fail)
    limit = None
    if data["type"] == "limit":
        spec = data["limit"]
        if spec["scope"] == "explanation" and not spec.get("anchor"):
            raise fail(("limit", "scope"), "scope 'explanation' needs an 'anchor' rule id")
        if not (spec.get("max_words") or spec.get("max_sentences")):
            raise fail(("limit",), "set max_words, max_sentences or both")
        limit = Limit(
            spec["scope"],
            spec.get("max_words"),
            spec.get("max_sentences"),
            spec.get("anchor"),
            tuple(spec.get("stop_at", ())),
        )

    return Rule(
        id=data["id"],
        type=data["type"],
        kinds=tuple(data["kinds"]),
        severity=Severity(data["severity"]),
        message=data["message"].strip(),
        description=data["description"].strip(),
        sources=tuple(Source(s["seed"], s["point"].strip()) for s in data["source"]),
        path=path,
        placement=data.get("placement", "start"),
        negation=data.get("negation", "flips"),
        suggestion=dict(data.get("suggestion") or {}),
        patterns=patterns,
        limit=limit,
        examples={
            lang: _examples(spec, ("examples", lang), fail)
            for lang, spec in (data.get("examples") or {}).items()
        },
    )


def _pattern_set(spec: dict, key: KeyPath, fail) -> PatternSet:
    from spacy.errors import MatchPatternError
    from spacy.matcher import DependencyMatcher, Matcher
    from spacy.vocab import Vocab

    tokens = tuple(tuple(p) for p in spec.get("tokens", ()))
    deps = tuple(tuple(p) for p in spec.get("dependencies", ()))
    for name in ("phrases", "lemmas"):
        for i, phrase in enumerate(spec.get(name, ())):
            problem = pattern_safety.phrase_problem(phrase)
            if problem:
                raise fail((*key, name, i), problem)
    vocab = Vocab()
    matcher = Matcher(vocab, validate=True)
    for i, pattern in enumerate(tokens):
        if _has_boolean_word(pattern):
            raise fail(
                (*key, "tokens", i),
                "YAML read an unquoted yes/no/on/off/true/false as a boolean; quote it, e.g. "
                '{LOWER: "no"}',
            )
        _check_safety(pattern, (*key, "tokens", i), fail)
        try:
            matcher.add("p", [list(pattern)])
        except (MatchPatternError, ValueError) as exc:
            raise fail((*key, "tokens", i), _one_line(exc)) from None
    for i, pattern in enumerate(deps):
        _check_safety(pattern, (*key, "dependencies", i), fail)
        try:
            DependencyMatcher(vocab, validate=True).add("p", [list(pattern)])
        except (MatchPatternError, ValueError, KeyError) as exc:
            raise fail((*key, "dependencies", i), _one_line(exc)) from None
    unless = spec.get("unless") or ()
    if isinstance(unless, dict):  # one block, or a list of blocks
        blocks = (_pattern_set(unless, (*key, "unless"), fail),)
    else:
        blocks = tuple(_pattern_set(b, (*key, "unless", i), fail) for i, b in enumerate(unless))
    return PatternSet(
        phrases=tuple(spec.get("phrases", ())),
        lemmas=tuple(spec.get("lemmas", ())),
        tokens=tokens,
        dependencies=deps,
        unless_blocks=blocks,
        scope=spec.get("scope", "match"),
        rules=tuple(spec.get("rules", ())),
    )


def _check_safety(pattern, key: KeyPath, fail) -> None:
    """Refuse a pattern that could hang the linter or that matches everything."""
    problem = pattern_safety.token_pattern_problem(list(pattern))
    if problem:
        where, message = problem
        raise fail((*key, *where), message)


_STRING_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "LEMMA", "NORM", "SHAPE", "POS", "TAG", "DEP"})


def _has_boolean_word(pattern) -> bool:
    """A text attribute whose value, or one of whose IN / NOT_IN values, is a bool."""
    for spec in pattern:
        for attr, value in spec.items():
            if attr not in _STRING_ATTRS:
                continue
            values = [value]
            if isinstance(value, dict):
                values = [v for op in ("IN", "NOT_IN") for v in value.get(op, [])]
            if any(isinstance(v, bool) for v in values):
                return True
    return False


def _examples(spec: dict, key: KeyPath, fail) -> tuple[Example, ...]:
    out = []
    for verdict, expect in (("pass", False), ("fail", True)):
        for item in spec[verdict]:
            if isinstance(item, str):
                out.append(Example(item, expect))
            else:
                out.append(
                    Example(
                        item["text"], expect, item.get("kind"), item.get("match"), item.get("note")
                    )
                )
    return tuple(out)


def load_pattern_file(
    path: Path, groups: tuple[str, ...], levels: tuple[str, ...]
) -> dict[str, dict[str, dict[str, PatternSet]]]:
    """A file of pattern sets by group, language and level (e.g. kinds.yaml)."""
    data, lines = _parse_yaml(path, path.read_text(encoding="utf-8"))

    def fail(key: KeyPath, problem: str) -> RuleError:
        return RuleError(path, _line_of(lines, key), _dotted(key), problem)

    out: dict[str, dict[str, dict[str, PatternSet]]] = {}
    for group in groups:
        out[group] = {}
        for lang, by_level in (data.get(group) or {}).items():
            out[group][lang] = {}
            for level, spec in by_level.items():
                if level not in levels:
                    raise fail(
                        (group, lang, level), f"unknown level (allowed: {', '.join(levels)})"
                    )
                out[group][lang][level] = _pattern_set(spec, (group, lang, level), fail)
    return out


# --- YAML with line numbers -------------------------------------------------

# Safe loading only: tags such as !!python/object are refused either way.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(path: Path, text: str) -> tuple[Any, dict[KeyPath, int]]:
    """safe_load the text, and record the line of every key and list item."""
    # One parse gives both the node tree (for line numbers and duplicate keys)
    # and the data; libyaml's C parser, when PyYAML was built with it, is
    # an order of magnitude faster on rule files full of patterns.
    # libyaml recurses on the C stack and crashes the process on a file nested
    # ~100,000 deep; the pure-Python loader stops with a RecursionError instead.
    loader = (yaml.SafeLoader if _nesting_bound(text) > MAX_C_NESTING else _LOADER)(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(path, node)
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise RuleError(path, None, None, "invalid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        if "python/" in problem:
            problem = (
                f"{problem} (only plain YAML is read: tags that build Python objects are refused)"
            )
        raise RuleError(path, line, None, f"invalid YAML: {_one_line(problem)}") from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _record_lines(path, node, (), lines)
    return data, lines


MAX_C_NESTING = 1_000


def _nesting_bound(text: str) -> int:
    """A bound (never below the truth) on how deep the YAML nests: open brackets
    plus, on the worst line, its indentation and its '- ' and ': ' markers."""
    flow = deepest = 0
    for bracket in _BRACKETS.findall(text):
        flow = flow + 1 if bracket in "[{" else max(flow - 1, 0)
        deepest = max(deepest, flow)
    block = max(
        (len(line) - len(line.lstrip()) + line.count("- ") + line.count(": ")
         for line in text.splitlines()),
        default=0,
    )  # fmt: skip
    return deepest + block


_BRACKETS = re.compile(r"[\[\]{}]")

# Anchors and aliases (&name, *name) are fine, and our rules use them; but
# nine nested lists of ten aliases each ("billion laughs") stand for 10**9
# values, and the schema check would walk every one of them.
MAX_EXPANDED_NODES = 200_000


def _check_expansion(path: Path, node: yaml.Node) -> None:
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        if id(n) not in sizes:
            sizes[id(n)] = 1  # a recursive alias counts once, not forever
            if isinstance(n, yaml.MappingNode):
                children = [c for pair in n.value for c in pair]
            elif isinstance(n, yaml.SequenceNode):
                children = n.value
            else:
                children = []
            total = 1 + sum(size(c) for c in children)
            sizes[id(n)] = total
            if total > MAX_EXPANDED_NODES:
                raise RuleError(
                    path,
                    n.start_mark.line + 1,
                    None,
                    f"its aliases (*name) expand to more than {MAX_EXPANDED_NODES:,} values; "
                    "refusing to load it",
                )
        return sizes[id(n)]

    size(node)


def _record_lines(path: Path, node: yaml.Node, key: KeyPath, lines: dict) -> None:
    lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            name = key_node.value
            if name in seen:
                raise RuleError(
                    path, key_node.start_mark.line + 1, _dotted((*key, name)), "duplicate key"
                )
            seen.add(name)
            lines[(*key, name)] = key_node.start_mark.line + 1
            _record_lines(path, value_node, (*key, name), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(path, item, (*key, i), lines)


def _line_of(lines: dict[KeyPath, int], key: KeyPath) -> int | None:
    while key not in lines and key:
        key = key[:-1]
    return lines.get(key)


def _dotted(key: KeyPath) -> str:
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def schema_problem(validator: Draft202012Validator, data: Any) -> tuple[KeyPath, str] | None:
    """The key at fault and a one-line problem for the first schema error, if any."""
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    error = _most_specific(errors)
    key = tuple(error.absolute_path)
    if error.validator == "additionalProperties":
        # Point at the unknown key itself, not at the mapping holding it.
        key = (*key, sorted(set(error.instance) - set(error.schema.get("properties", {})))[0])
    return key, _schema_message(error)


def _most_specific(errors):
    """The schema error deepest in the document: it names the real culprit."""
    best = max(errors, key=lambda e: len(e.absolute_path))
    if best.validator in ("oneOf", "anyOf") and best.context:
        return _most_specific(best.context)
    return best


def _schema_message(error) -> str:
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"unknown key(s) {', '.join(map(repr, extra))} (allowed: {allowed})"
    if error.validator == "enum":
        options = ", ".join(map(str, error.validator_value))
        return f"{error.instance!r} is not one of: {options}"
    if error.validator == "required":
        return _one_line(error.message)
    if error.validator == "not":
        return "'patterns' and 'limit' do not go together: a limit rule counts, the others match"
    return _one_line(error.message)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
