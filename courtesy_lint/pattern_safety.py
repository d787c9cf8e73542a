"""Refuses patterns that would hang the linter or match everything, when a rule file loads.

A rule folder may come from anyone on a team, and a token's text is only as
short as the draft makes it: one regular expression that backtracks
catastrophically ((a+)+ on "aaaa...!") stalls every run. So each REGEX is
parsed with Python's own regular-expression parser and refused when the
tree shows the shapes that backtrack exponentially:

- a repeat inside a repeat that can share characters with what follows it:
  (a+)+, (a*)*, (\\w+\\s?)+, (.*a)+;
- a repeated group with an optional or variable part that overlaps the
  rest of the group or the next iteration: (a|aa)+, (aa?)+, ([a-z]+-?)+.

(\\w+\\s)+ or (a|ab)+ can match a text in one way only, and are accepted.
Possessive repeats and atomic groups never give back what they took, and
are accepted too. The test looks at characters from Latin, French and
Arabic text; it does not catch polynomial cases such as \\w*\\w*\\w*x,
which are slow only on very long tokens.

Patterns that match the empty string are refused too: a REGEX that matches
"" matches every token, and a token pattern whose tokens are all optional
can match nothing at all.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

if sys.version_info >= (3, 11):
    import re._constants as _c
    import re._parser as _parser
else:  # pragma: no cover - exercised on Python 3.10 only
    import sre_constants as _c
    import sre_parse as _parser

KeyPath = tuple[Any, ...]

# A quantifier counts as repeating "many" times when unbounded (*, +, {n,})
# or bounded above this: (\w+\s?){1,50} is as bad as (\w+\s?)+.
MANY = 10

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT)
_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", None)  # 3.11+
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)  # 3.11+

# Characters a first-character test is made on: enough of Latin, French and
# Arabic (and digits, punctuation, spaces) to tell classes apart.
_PROBE = "".join(
    chr(c) for c in (*range(0x20, 0x7F), *range(0xC0, 0x180), *range(0x600, 0x6FF), 0x0A, 0xA0)
)

# spaCy's counted operators: {n}, {n,m}, {n,} and {,m}.
_COUNTED_OP = re.compile(r"\{(\d*)(,?)(\d*)\}")


def regex_problem(regex: object) -> str | None:
    """Why a token REGEX is refused, or None when it is fine."""
    if not isinstance(regex, str):
        return f"REGEX must be a string, got {_show(regex)}"
    return _regex_problem(regex)


@lru_cache(maxsize=4096)
def _regex_problem(regex: str) -> str | None:
    try:
        compiled = re.compile(regex)
        tree = _parser.parse(regex)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"REGEX {_show(regex)} does not compile: {exc}"
    culprit = _backtracking(tree, ignorecase=bool(compiled.flags & re.IGNORECASE))
    if culprit:
        return (
            f"REGEX {_show(regex)} can backtrack catastrophically ({culprit}) and hang on a long "
            "token; rewrite it without a repeat inside a repeat"
        )
    if _matches_empty_anywhere(tree):
        return f"REGEX {_show(regex)} matches the empty string, so it matches every token"
    return None


def _show(regex: str) -> str:
    """The regex as written in the file, on one line (repr would double every backslash)."""
    shown = regex.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f"'{shown}'" if len(shown) <= 80 else f"'{shown[:60]}...' ({len(regex):,} characters)"


def token_pattern_problem(pattern: list) -> tuple[KeyPath, str] | None:
    """The first problem in one Matcher or DependencyMatcher pattern, with its key inside it."""
    for key, regex in _regexes(pattern, ()):
        problem = regex_problem(regex)
        if problem:
            return key, problem
    specs = [spec for spec in pattern if isinstance(spec, dict)]
    if not specs or len(specs) != len(pattern) or any("RIGHT_ID" in s for s in specs):
        return None  # the schema and spaCy's validator have their say; dependencies always match
    optional = [_optional(spec) for spec in specs]
    if all(optional):
        return (), (
            "every token of this pattern is optional (OP '?', '*' or '{0,n}'), so it matches "
            "the empty string; make at least one token required"
        )
    if all(opt or _wildcard(spec) for opt, spec in zip(optional, specs, strict=True)):
        return (), (
            "this pattern has no constraint on any token ({} or optional tokens only), so it "
            "matches every token"
        )
    return None


def phrase_problem(phrase: object) -> str | None:
    """Why a phrase or lemma phrase is refused, or None."""
    if isinstance(phrase, str) and not phrase.strip():
        return "a blank phrase (spaces only) matches no words; remove it"
    return None


def _regexes(node: Any, key: KeyPath) -> Iterator[tuple[KeyPath, object]]:
    """Every REGEX value in a pattern, wherever it sits (TEXT, LOWER, NORM, RIGHT_ATTRS, _...)."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "REGEX":
                yield (*key, name), value
            else:
                yield from _regexes(value, (*key, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _regexes(item, (*key, i))


def _optional(spec: dict) -> bool:
    """Whether the token may be absent: OP '?', '*', '{,m}' or '{0,...}'."""
    op = spec.get("OP")
    if op in ("?", "*"):
        return True
    counted = _COUNTED_OP.fullmatch(op) if isinstance(op, str) else None
    return counted is not None and int(counted.group(1) or 0) == 0


def _wildcard(spec: dict) -> bool:
    return not any(k != "OP" for k in spec)


# --- the regular-expression tree ---------------------------------------------
#
# A repeat backtracks exponentially when its body can match the same text in
# more than one way across iterations: "aaaa" is a+ once, or twice, or four
# times in (a+)+. That happens when a part of the body that can take more or
# fewer characters (a+, \s?, a branch such as (|a)) can take a character that
# what follows it could take instead, the next iteration included.

_INF = float("inf")


def _backtracking(tree, ignorecase: bool) -> str | None:
    """A description of the first exponential-backtracking shape in a parsed regex."""
    for op, av in tree:
        if op in _REPEATS and (av[1] == _c.MAXREPEAT or av[1] > MANY):
            body = av[2]
            again = _first_chars(body, ignorecase)  # what the next iteration starts with
            found = _ambiguous(list(body), again, ignorecase)
            if found:
                return found
        for sub in _children(op, av):
            found = _backtracking(sub, ignorecase)
            if found:
                return found
    return None


def _ambiguous(items: list, after: frozenset[str], ignorecase: bool) -> str | None:
    """A part of `items` that may take or leave characters that what follows could take.

    `after` is what may follow the items (the next iteration included).
    """
    for i, (op, av) in enumerate(items):
        rest = items[i + 1 :]
        follow = _first_chars(rest, ignorecase)
        if all(_nullable(*item) for item in rest):
            follow |= after
        found = None
        if op in _REPEATS and av[0] != av[1]:
            # Each time round, the repeat may go on or stop and let what follows take over.
            if _first_chars(av[2], ignorecase) & follow:
                many = av[1] == _c.MAXREPEAT or av[1] > MANY
                return (
                    "a repeat inside a repeat, as in (a+)+ or (\\w+\\s?)+"
                    if many
                    else "a repeated group with an optional part, as in (aa?)+"
                )
            found = _ambiguous(list(av[2]), follow | _first_chars(av[2], ignorecase), ignorecase)
        elif op == _c.BRANCH:
            branches = [list(b) for b in av[1]]
            firsts = [_first_chars(b, ignorecase) for b in branches]
            empty = any(all(_nullable(*item) for item in b) for b in branches)
            if (empty and any(f & follow for f in firsts)) or any(
                a & b for i, a in enumerate(firsts) for b in firsts[i + 1 :]
            ):
                return "a repeated alternation whose branches overlap, as in (a|aa)+"
            found = next((f for b in branches if (f := _ambiguous(b, follow, ignorecase))), None)
        elif op == _c.SUBPATTERN:
            found = _ambiguous(list(av[-1]), follow, ignorecase)
        if found:
            return found
    return None


def _matches_empty_anywhere(items) -> bool:
    """Whether the regex can match "" with no anchor or lookaround on the way: then it
    matches at the start of any text, so spaCy's re.search matches every token.

    '^$' or '(?!no$)' also match "", but only where their assertion holds: they
    are filters, not wildcards, and are accepted.
    """
    for op, av in items:
        if op in _REPEATS or op == _POSSESSIVE:
            if av[0] > 0 and not _matches_empty_anywhere(av[2]):
                return False
        elif op == _c.SUBPATTERN:
            if not _matches_empty_anywhere(av[-1]):
                return False
        elif op == _ATOMIC:
            if not _matches_empty_anywhere(av):
                return False
        elif op == _c.BRANCH:
            if not any(_matches_empty_anywhere(b) for b in av[1]):
                return False
        else:
            return False  # a character, an anchor, a lookaround, a back-reference
    return True


def _children(op, av) -> list:
    if op == _c.BRANCH:
        return list(av[1])
    if op == _c.SUBPATTERN:
        return [av[-1]]
    if op in _REPEATS or op == _POSSESSIVE:
        return [av[2]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op == _ATOMIC:
        return [av]
    if op == _c.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _width(op, av) -> tuple[float, float]:
    """The fewest and most characters one item can match."""
    if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
        return 1, 1
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return 0, 0
    if op in _REPEATS or op == _POSSESSIVE:
        low, high = _seq_width(av[2])
        top = _INF if av[1] == _c.MAXREPEAT else av[1] * high
        return av[0] * low, top
    if op == _c.SUBPATTERN:
        return _seq_width(av[-1])
    if op == _ATOMIC:
        return _seq_width(av)
    if op == _c.BRANCH:
        widths = [_seq_width(b) for b in av[1]]
        return min(w[0] for w in widths), max(w[1] for w in widths)
    return 0, _INF  # back-references and the like: anything


def _seq_width(items) -> tuple[float, float]:
    widths = [_width(*item) for item in items]
    return sum(w[0] for w in widths), sum(w[1] for w in widths)


def _first_chars(sub, ignorecase: bool) -> frozenset[str]:
    """The probe characters a sequence of items can start with."""
    out: set[str] = set()
    for op, av in sub:
        out |= _starts(op, av, ignorecase)
        if not _nullable(op, av):
            break
    if ignorecase:
        out |= {c.swapcase() for c in out}
    return frozenset(out)


def _starts(op, av, ignorecase: bool) -> set[str]:
    if op == _c.LITERAL:
        return {chr(av)}
    if op == _c.NOT_LITERAL:
        return {c for c in _PROBE if ord(c) != av}
    if op == _c.ANY:
        return set(_PROBE) - {"\n"}
    if op == _c.IN:
        return set(_in_class(av))
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set()
    if op == _c.BRANCH:
        return set().union(*(_first_chars(b, ignorecase) for b in av[1]))
    if op in _REPEATS or op == _POSSESSIVE:
        return set(_first_chars(av[2], ignorecase)) if av[1] else set()
    if op == _c.SUBPATTERN:
        return set(_first_chars(av[-1], ignorecase))
    if op == _ATOMIC:
        return set(_first_chars(av, ignorecase))
    return set(_PROBE)  # a back-reference or anything unusual: it may start with anything


def _nullable(op, av) -> bool:
    """Whether one item can match without consuming a character."""
    return _width(op, av)[0] == 0


_PROBE_SET = frozenset(_PROBE)
_CATEGORIES = {
    _c.CATEGORY_DIGIT: frozenset(c for c in _PROBE if c.isdecimal()),
    _c.CATEGORY_SPACE: frozenset(c for c in _PROBE if c.isspace()),
    _c.CATEGORY_WORD: frozenset(c for c in _PROBE if c.isalnum() or c == "_"),
}
_CATEGORIES.update(
    {
        _c.CATEGORY_NOT_DIGIT: _PROBE_SET - _CATEGORIES[_c.CATEGORY_DIGIT],
        _c.CATEGORY_NOT_SPACE: _PROBE_SET - _CATEGORIES[_c.CATEGORY_SPACE],
        _c.CATEGORY_NOT_WORD: _PROBE_SET - _CATEGORIES[_c.CATEGORY_WORD],
    }
)


def _in_class(items) -> frozenset[str]:
    """The probe characters a character class ([...], \\w, \\d...) matches."""
    negate = False
    hit: set[str] = set()
    for op, av in items:
        if op == _c.NEGATE:
            negate = True
        elif op == _c.LITERAL:
            hit.add(chr(av))
        elif op == _c.RANGE:
            hit.update(c for c in _PROBE if av[0] <= ord(c) <= av[1])
        elif op == _c.CATEGORY:
            hit |= _CATEGORIES.get(av, _PROBE_SET)
        else:
            hit |= _PROBE_SET  # unknown: assume it may match anything
    return frozenset(_PROBE_SET - hit if negate else hit)
