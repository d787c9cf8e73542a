"""What a run may change about linting, as plain data: no spaCy needed to build it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .findings import Severity
from .rule_loader import load_rules
from .rule_model import Rule


@dataclass(frozen=True)
class LintOptions:
    """What a run may change: the rule set, severities and limit thresholds.

    `rules=None` means the rules that ship with courtesy-lint.
    """

    rules: tuple[Rule, ...] | None = None
    severities: Mapping[str, Severity] = field(default_factory=dict)
    limits: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    # Rule ids to report; the other rules are still evaluated when a
    # reported one depends on them (reason-is-brief on gives-reason).
    report_only: frozenset[str] | None = None
    # From configuration: used when neither the caller nor front matter says.
    default_lang: str = "auto"
    default_kind: str = "auto"

    def rule_set(self) -> tuple[Rule, ...]:
        # load_rules caches the shipped rule set for as long as its files are unchanged
        return self.rules if self.rules is not None else load_rules()
