"""The data the engine hands back: severities, findings and per-draft results."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    """How much a finding matters; ordered from least to most serious."""

    SUGGESTION = "suggestion"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.SUGGESTION: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Status(str, enum.Enum):
    """Whether a finding is something wrong in the draft or something left out."""

    VIOLATED = "violated"
    MISSING = "missing"


@dataclass(frozen=True, order=True)
class Finding:
    """One piece of guidance the draft breaks or leaves out.

    Equality and ordering use (path, line, column, rule) only, so tests and
    baselines survive a reworded message. Lines and columns are 1-based and
    counted in characters (code points), never bytes.
    """

    path: str
    line: int
    column: int
    rule: str
    end_line: int = field(compare=False)
    end_column: int = field(compare=False)
    severity: Severity = field(compare=False)
    status: Status = field(compare=False)
    message: str = field(compare=False)
    match: str | None = field(default=None, compare=False)
    suggestion: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        """The finding as in the JSON contract (DESIGN.md section 4)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "status": self.status.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "match": self.match,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Evidence:
    """The sentence that satisfied a required element."""

    rule: str
    line: int
    column: int
    text: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "line": self.line, "column": self.column, "text": self.text}


@dataclass(frozen=True)
class LintResult:
    """Everything the engine found in one draft.

    `lang` and `kind` are the ones used, whether given or detected.
    `notices` are things the user should know that are not findings about the
    draft (a missing language model and the fallback used, an undetectable
    kind); the CLI prints them on stderr.
    """

    path: str
    lang: str
    kind: str
    findings: tuple[Finding, ...]
    evidence: tuple[Evidence, ...] = ()
    notices: tuple[str, ...] = ()

    def worst(self) -> Severity | None:
        """The most serious severity among the findings, if any."""
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)
