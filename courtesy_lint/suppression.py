"""Inline suppression comments: find them, mask them, and filter findings with them.

A directive sits on a line of its own, bare or as an HTML comment so that it
stays invisible in rendered Markdown:

    courtesy-lint: disable-next-line no-accusations
    <!-- courtesy-lint: disable no-shouting, concise -->
    ...
    <!-- courtesy-lint: enable no-shouting -->
    <!-- courtesy-lint: disable-file -->

Without rule ids a directive covers every rule. A directive that suppresses
nothing is reported, like ruff's unused-noqa, so stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .findings import Finding, Severity, Status

UNUSED = "unused-suppression"

_DIRECTIVE = re.compile(
    r"^[ \t]*(?:<!--[ \t]*|#[ \t]*|//[ \t]*)?courtesy-lint:[ \t]*"
    r"(?P<action>disable-next-line|disable-file|disable|enable)"
    r"(?P<rules>[ \t]+[a-z0-9, \t-]+?)?[ \t]*(?:-->)?[ \t]*$",
    re.MULTILINE,
)


class DirectiveError(ValueError):
    """A directive names a rule that does not exist."""


@dataclass
class Directive:
    action: str
    rules: frozenset[str]  # empty: every rule
    line: int
    start: int
    end: int
    used: bool = False

    def covers(self, rule: str) -> bool:
        return not self.rules or rule in self.rules


@dataclass
class Directives:
    items: list[Directive] = field(default_factory=list)

    def spans(self) -> list[tuple[int, int]]:
        """Character ranges of the directive lines, to be left out of analysis."""
        return [(d.start, d.end) for d in self.items]


def find(text: str, known_rules: set[str] | None = None) -> Directives:
    """Every directive in the text, in order, with the 1-based line it is on."""
    out = Directives()
    for m in _DIRECTIVE.finditer(text):
        names = frozenset(r for r in re.split(r"[\s,]+", m.group("rules") or "") if r)
        if known_rules is not None:
            unknown = sorted(names - known_rules)
            if unknown:
                line = text.count("\n", 0, m.start()) + 1
                raise DirectiveError(
                    f"line {line}: courtesy-lint directive names unknown rule(s): "
                    f"{', '.join(unknown)}"
                )
        line = text.count("\n", 0, m.start()) + 1
        out.items.append(Directive(m.group("action"), names, line, m.start(), m.end()))
    return out


def apply(
    findings: list[Finding], directives: Directives, path: str, lines_total: int
) -> list[Finding]:
    """Drop suppressed findings and report directives that suppressed nothing."""
    kept = []
    for finding in findings:
        directive = _suppressor(finding, directives, lines_total)
        if directive is None:
            kept.append(finding)
        else:
            directive.used = True
    for d in directives.items:
        if not d.used and d.action != "enable":
            what = ", ".join(sorted(d.rules)) or "all rules"
            kept.append(
                Finding(
                    path=path,
                    line=d.line,
                    column=1,
                    rule=UNUSED,
                    end_line=d.line,
                    end_column=1,
                    severity=Severity.WARNING,
                    status=Status.VIOLATED,
                    message=f"This '{d.action}' directive ({what}) suppresses nothing; remove it.",
                )
            )
    return kept


def _suppressor(finding: Finding, directives: Directives, lines_total: int) -> Directive | None:
    """The directive that silences this finding, if any."""
    active: dict[str, Directive] = {}  # rule id or "*" -> the disable in force
    for d in directives.items:
        if d.action == "disable-file" and d.covers(finding.rule):
            return d
        if (
            d.action == "disable-next-line"
            and d.covers(finding.rule)
            and _next_content_line(d, directives, lines_total) == finding.line
        ):
            return d
        if d.line >= finding.line:
            continue
        if d.action == "disable":
            for rule in d.rules or {"*"}:
                active[rule] = d
        elif d.action == "enable":
            for rule in d.rules or set(active):
                active.pop(rule, None)
    return active.get(finding.rule) or active.get("*")


def _next_content_line(d: Directive, directives: Directives, lines_total: int) -> int:
    """The line after a disable-next-line directive, skipping further directives."""
    taken = {x.line for x in directives.items}
    line = d.line + 1
    while line in taken and line <= lines_total:
        line += 1
    return line
