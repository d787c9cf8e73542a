"""Every rule's examples are its specification: each must hold, in every language."""

from __future__ import annotations

import pytest

from courtesy_lint.engine import LintOptions
from courtesy_lint.rule_loader import load_rules
from courtesy_lint.rule_testing import check_example

LANGS = ("en", "fr", "ar")
HEADLINE = {"expresses-gratitude", "gives-reason", "no-accusations", "invites-future-contact"}
CATALOG = {
    "expresses-gratitude", "states-decision", "acknowledges-decision", "gives-reason",
    "reason-is-brief", "invites-future-contact", "asks-for-feedback", "appreciates-time",
    "wishes-well", "no-accusations", "no-negativity", "no-financial-reason", "no-wavering",
    "no-oversharing", "no-shouting", "concise", "offers-referral",
}  # fmt: skip

RULES = load_rules()


def _cases():
    for rule in RULES:
        for lang in LANGS:
            for i, example in enumerate(rule.examples.get(lang, ())):
                verdict = "fail" if example.expect_finding else "pass"
                yield pytest.param(rule, lang, example, id=f"{rule.id}-{lang}-{verdict}-{i}")


@pytest.mark.parametrize(("rule", "lang", "example"), list(_cases()))
def test_example(rule, lang, example):
    outcome = check_example(rule, lang, example, LintOptions(rules=RULES))
    assert outcome.ok, outcome.describe()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
@pytest.mark.parametrize("lang", LANGS)
def test_rule_has_examples_in_every_language(rule, lang):
    """A rule without pass and fail examples in a language is untested there."""
    examples = rule.examples.get(lang, ())
    needed = 12 if rule.id in HEADLINE else 10
    passes = sum(not e.expect_finding for e in examples)
    fails = sum(e.expect_finding for e in examples)
    assert passes >= needed and fails >= needed, (
        f"{rule.id} has {passes} pass and {fails} fail examples in {lang}, needs {needed} of each"
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_patterns_in_every_language(rule):
    if rule.type == "limit":
        return
    assert set(rule.languages) == set(LANGS), f"{rule.id} lacks patterns for some language"


def test_every_shipped_rule_is_in_the_catalog():
    """Rule ids are a contract: nothing outside the catalog ships."""
    assert {r.id for r in RULES} <= CATALOG


def test_example_kinds_are_kinds_of_the_rule():
    for rule in RULES:
        for lang, examples in rule.examples.items():
            for e in examples:
                assert e.kind is None or e.kind in rule.kinds, (rule.id, lang, e.text[:40])
