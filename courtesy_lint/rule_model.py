"""What a rule is once loaded: plain, immutable data read from one YAML file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .findings import Severity

KINDS = ("withdraw", "decline", "rejection-reply")
RULE_TYPES = ("required", "forbidden", "limit")


@dataclass(frozen=True)
class PatternSet:
    """The patterns of one rule in one language, in spaCy's own pattern language.

    `phrases`: PhraseMatcher phrases, matched on lowercase text in English and
    French and on normalised stems in Arabic. `lemmas`: phrases matched on
    lemmas (stems in Arabic). `tokens`: Matcher token patterns.
    `dependencies`: DependencyMatcher patterns. `unless_blocks`: a match is
    dropped when the patterns of a block, or a match of one of the `rules`
    listed in it, fall in that block's `scope` ("match": overlapping it,
    "sentence", "paragraph"). Thanks in the same sentence as an accusation is
    sarcasm, not thanks. A rule file writes one block as a mapping, or several
    as a list. `unless` is the block when there is exactly one, else None.
    """

    phrases: tuple[str, ...] = ()
    lemmas: tuple[str, ...] = ()
    tokens: tuple[tuple[dict, ...], ...] = ()
    dependencies: tuple[tuple[dict, ...], ...] = ()
    unless_blocks: tuple[PatternSet, ...] = ()
    scope: str = "match"  # only for an `unless` block
    rules: tuple[str, ...] = ()  # only for an `unless` block

    @property
    def unless(self) -> PatternSet | None:
        """The only `unless` block, or None when there are none or several."""
        return self.unless_blocks[0] if len(self.unless_blocks) == 1 else None

    def is_empty(self) -> bool:
        return not (self.phrases or self.lemmas or self.tokens or self.dependencies)


@dataclass(frozen=True)
class Example:
    """One example sentence or letter: the rule's specification and its test."""

    text: str
    expect_finding: bool
    kind: str | None = None
    match: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Limit:
    """A bound on words and sentences, over the whole message or an explanation."""

    scope: str  # "message" or "explanation"
    max_words: int | None = None
    max_sentences: int | None = None
    anchor: str | None = None  # for "explanation": the rule whose matches start it
    # for "explanation": rules whose matches end it, besides other required rules
    stop_at: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    seed: str
    point: str


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    kinds: tuple[str, ...]
    severity: Severity
    message: str
    description: str
    sources: tuple[Source, ...]
    path: Path
    placement: str = "start"
    # "flips": a negated match does not count ("I do not wish to stay in
    # touch"). "ignored": it does, for elements that are often negative
    # themselves ("the timing isn't right" is a reason).
    negation: str = "flips"
    suggestion: dict[str, str] = field(default_factory=dict)
    patterns: dict[str, PatternSet] = field(default_factory=dict)
    limit: Limit | None = None
    examples: dict[str, tuple[Example, ...]] = field(default_factory=dict)

    def applies_to(self, kind: str) -> bool:
        return kind in self.kinds

    @property
    def languages(self) -> tuple[str, ...]:
        if self.type == "limit":
            return tuple(self.examples) or ("en", "fr", "ar")
        return tuple(lang for lang, p in self.patterns.items() if not p.is_empty())

    def __hash__(self) -> int:  # rules are keys of compiled-matcher caches
        return hash((self.id, str(self.path)))
