"""Runs rules' own examples: each fail example must raise the rule, each pass example must not.

Used by the test suite for our rules and by `courtesy-lint test-rules` for a
team's own. An example is linted as a whole draft with the full rule set
(rules such as reason-is-brief depend on others), in the example's
language and kind, and only the rule's own findings are looked at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .engine import LintOptions, lint_text
from .rule_model import Example, Rule


@dataclass(frozen=True)
class ExampleOutcome:
    rule: str
    lang: str
    example: Example
    ok: bool
    detail: str

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
                outcomes.append(check_example(rule, lang, example, options))
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
        expected = _squash(example.match)
        if not any(f.match and _overlaps(_squash(f.match), expected) for f in own):
            got = ", ".join(f"“{f.match}”" for f in own)
            detail = f"reported {got}, expected a match on “{example.match}”"
            return ExampleOutcome(rule.id, lang, example, False, detail)
    return ExampleOutcome(rule.id, lang, example, True, "reported, as expected")


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _overlaps(found: str, expected: str) -> bool:
    """A reported span is right when it and the expected offence share a part.

    Exact boundaries are a matter of taste ("wasted my time" vs "you wasted
    my time"); what matters is that the finding points at the offence.
    """
    return found in expected or expected in found
