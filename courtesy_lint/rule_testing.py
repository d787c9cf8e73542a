"""Runs rules' own examples: each fail example must raise the rule, each pass example must not.

Used by the test suite for our rules and by `courtesy-lint test-rules` for a
team's own. An example is linted as a whole draft with the full rule set
(rules such as reason-is-brief depend on others), in the example's
language and kind, and only the rule's own findings are looked at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .engine import LintOptions, lint_text
from .positions import LineIndex
from .rule_model import Example, Rule


@dataclass(frozen=True)
class ExampleOutcome:
    rule: str
    lang: str
    example: Example
    ok: bool
    detail: str
    path: str = ""

    def describe(self) -> str:
        verdict = "fail" if self.example.expect_finding else "pass"
        text = " ".join(self.example.text.split())
        short = text if len(text) <= 90 else text[:87] + "..."
        return f"{self.rule} [{self.lang}] {verdict} example: {self.detail}: {short}"


def run_examples(
    rules: tuple[Rule, ...], only: Iterable[str] | None = None
) -> list[ExampleOutcome]:
    """Every example of every rule (or of the ids in `only`), with its outcome."""
    wanted = set(only) if only is not None else None
    options = LintOptions(rules=rules)
    outcomes = []
    for rule in rules:
        if wanted is not None and rule.id not in wanted:
            continue
        for lang, examples in rule.examples.items():
            for example in examples:
                outcome = check_example(rule, lang, example, options)
                outcomes.append(replace(outcome, path=str(rule.path)))
    return outcomes


def check_example(rule: Rule, lang: str, example: Example, options: LintOptions) -> ExampleOutcome:
    kind = example.kind or rule.kinds[0]
    result = lint_text(example.text, lang, kind, options=options)
    own = [f for f in result.findings if f.rule == rule.id]
    if not example.expect_finding:
        if own:
            detail = f"reported at {own[0].line}:{own[0].column} (“{own[0].match or ''}”)"
            return ExampleOutcome(rule.id, lang, example, False, detail)
        return ExampleOutcome(rule.id, lang, example, True, "not reported, as expected")
    if not own:
        return ExampleOutcome(rule.id, lang, example, False, "not reported")
    if example.match is not None:
        where = _locate(example.text, example.match)
        if where is None:
            detail = f"the expected match “{example.match}” is not in the example's text"
            return ExampleOutcome(rule.id, lang, example, False, detail)
        if not any(_overlaps(_offsets(example.text, f), where) for f in own):
            got = ", ".join(f"“{f.match}”" for f in own)
            detail = f"reported {got}, expected a match on “{example.match}”"
            return ExampleOutcome(rule.id, lang, example, False, detail)
    return ExampleOutcome(rule.id, lang, example, True, "reported, as expected")


def _locate(text: str, match: str) -> tuple[int, int] | None:
    start = text.find(match)
    return None if start < 0 else (start, start + len(match))


def _offsets(text: str, finding) -> tuple[int, int]:
    index = LineIndex(text)
    start = index.line_start(finding.line) + finding.column - 1
    end = index.line_start(finding.end_line) + finding.end_column - 1
    return start, end


def _overlaps(found: tuple[int, int], expected: tuple[int, int]) -> bool:
    """A finding is right when its span and the expected offence share text.

    Exact boundaries are a matter of taste ("wasted my time" or "you wasted
    my time"); what matters is that the finding points at the offence.
    """
    return found[0] < expected[1] and expected[0] < found[1]
