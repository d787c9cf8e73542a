"""`unless` as a list of blocks, each with its own scope, seen end to end."""

from __future__ import annotations

import textwrap

import pytest

from courtesy_lint import lint_text
from courtesy_lint.engine import LintOptions
from courtesy_lint.rule_loader import load_rules

RULE = """\
id: says-thanks
type: required
kinds: [decline]
severity: warning
message: Say thank you.
description: Thanks the reader.
source:
  - seed: 000_6e39e60d1a0bb7d4
    point: be polite
suggestion:
  en: Thank you!
patterns:
  en:
    phrases: [thank you]
    unless:
      - scope: match
        phrases: [thank you for nothing]
      - scope: sentence
        tokens:
          - [{LOWER: whatever}]
examples:
  en:
    pass: [Thank you.]
    fail: [Thank you for nothing.]
"""


@pytest.fixture
def options(tmp_path):
    (tmp_path / "says-thanks.yaml").write_text(textwrap.dedent(RULE), encoding="utf-8")
    return LintOptions(rules=load_rules([tmp_path]))


def thanked(text: str, options: LintOptions) -> bool:
    result = lint_text(text, "en", "decline", options=options)
    return not [f for f in result.findings if f.rule == "says-thanks"]


def test_each_unless_block_blocks_within_its_own_scope(options):
    assert thanked("Thank you for the offer.", options)
    assert not thanked("Thank you for nothing.", options)  # first block, scope match
    assert not thanked("Thank you, whatever.", options)  # second block, its sentence
    assert thanked("Thank you for the offer. Whatever happens, I wish you well.", options)


def test_blocked_takes_one_scope_per_block():
    from courtesy_lint.matching import blocked
    from courtesy_lint.pipelines import get_pipeline

    doc = get_pipeline("en").nlp("Thank you, whatever. Have a nice day.")
    thanks, whatever, day = doc[0:2], doc[3:4], doc[8:9]
    assert blocked(thanks, [([whatever], "sentence")])
    assert not blocked(thanks, [([whatever], "match")])
    assert blocked(thanks, [([whatever], "match"), ([day], "paragraph")])
    assert blocked(thanks, [whatever], "sentence")  # the single-block call is unchanged
