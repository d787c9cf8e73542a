"""Bad rule files are refused at load time with path:line and the key at fault."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from courtesy_lint.findings import Severity
from courtesy_lint.rule_loader import RuleError, load_rule, load_rules

GOOD = """\
id: says-hello
type: required
kinds: [withdraw]
severity: warning
message: Say hello.
description: Greets the reader.
source:
  - seed: 000_6e39e60d1a0bb7d4
    point: be polite
suggestion:
  en: Hello!
patterns:
  en:
    phrases: [hello]
    tokens:
      - [{LOWER: hi}]
examples:
  en:
    pass: [Hello there.]
    fail: [Goodbye.]
"""


def write(tmp_path: Path, text: str, name: str = "says-hello") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str, name: str = "says-hello") -> RuleError:
    with pytest.raises(RuleError) as info:
        load_rule(write(tmp_path, text, name))
    return info.value


def test_a_good_rule_loads(tmp_path):
    rule = load_rule(write(tmp_path, GOOD))
    assert rule.id == "says-hello"
    assert rule.severity is Severity.WARNING
    assert rule.patterns["en"].phrases == ("hello",)
    assert [e.expect_finding for e in rule.examples["en"]] == [False, True]


def test_unknown_key_names_line_and_key(tmp_path):
    err = error_for(
        tmp_path, GOOD.replace("severity: warning", "severity: warning\nseverty: error")
    )
    assert err.line == 5
    assert "unknown key(s) 'severty'" in str(err)
    assert str(err).startswith(f"{tmp_path / 'says-hello.yaml'}:5:")


def test_unknown_key_deep_inside_patterns(tmp_path):
    err = error_for(tmp_path, GOOD.replace("    phrases: [hello]", "    phrase: [hello]"))
    assert err.key == "patterns.en.phrase"
    assert err.line == 14
    assert "'phrase'" in str(err)


def test_bad_enum_value(tmp_path):
    err = error_for(tmp_path, GOOD.replace("severity: warning", "severity: fatal"))
    assert err.key == "severity" and err.line == 4
    assert "'fatal' is not one of" in str(err)


def test_bad_kind(tmp_path):
    err = error_for(tmp_path, GOOD.replace("kinds: [withdraw]", "kinds: [withdraw, resign]"))
    assert err.key == "kinds[1]"


def test_invalid_spacy_token_pattern(tmp_path):
    err = error_for(tmp_path, GOOD.replace("{LOWER: hi}", "{LOWER: hi, OP: maybe}"))
    assert err.key == "patterns.en.tokens[0]"
    assert err.line == 16


def test_yaml_boolean_trap_is_caught_by_the_pattern_validator(tmp_path):
    """`no` is False in YAML 1.1: an unquoted `{LOWER: no}` is not a string."""
    err = error_for(tmp_path, GOOD.replace("{LOWER: hi}", "{LOWER: {IN: [yes, no]}}"))
    assert err.key == "patterns.en.tokens[0]"
    assert 'quote it, e.g. {LOWER: "no"}' in str(err)


def test_id_must_match_file_name(tmp_path):
    err = error_for(tmp_path, GOOD, name="other-name")
    assert err.key == "id" and err.line == 1
    assert "does not match the file name" in str(err)


def test_malformed_yaml(tmp_path):
    err = error_for(tmp_path, GOOD.replace("kinds: [withdraw]", "kinds: [withdraw"))
    assert "invalid YAML" in str(err)
    assert err.line is not None


def test_python_tags_are_refused(tmp_path):
    err = error_for(tmp_path, GOOD + "x: !!python/object/apply:os.system ['echo hi']\n")
    assert "invalid YAML" in str(err)


def test_duplicate_key(tmp_path):
    err = error_for(tmp_path, GOOD.replace("type: required", "type: required\ntype: forbidden"))
    assert err.key == "type" and err.line == 3


def test_required_rule_needs_a_suggestion(tmp_path):
    text = GOOD.replace("suggestion:\n  en: Hello!\n", "")
    assert "suggestion" in str(error_for(tmp_path, text))


def test_limit_and_patterns_do_not_mix(tmp_path):
    text = GOOD.replace("type: required", "type: limit") + "limit: {scope: message, max_words: 5}\n"
    assert "do not go together" in str(error_for(tmp_path, text))


def test_duplicate_ids_across_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", GOOD)
    write(tmp_path / "b", GOOD)
    with pytest.raises(RuleError, match="duplicate rule id 'says-hello'"):
        load_rules([tmp_path / "a", tmp_path / "b"])


def test_unknown_rule_in_unless(tmp_path):
    text = GOOD.replace(
        "    phrases: [hello]", "    phrases: [hello]\n    unless: {rules: [no-such-rule]}"
    )
    write(tmp_path, text)
    with pytest.raises(RuleError, match="unknown rule id 'no-such-rule'"):
        load_rules([tmp_path])


def test_shipped_rules_load_and_cite_the_seeds(rules):
    seeds = {"000_6e39e60d1a0bb7d4", "001_f2bf7ee93d73846e", "004_6f10492f5560a284"}
    assert rules
    for rule in rules:
        assert rule.sources and {s.seed for s in rule.sources} <= seeds, rule.id


TWO_BLOCKS = """\
    unless:
      - scope: match
        phrases: [hello kitty]
      - scope: sentence
        rules: [says-hello]
        tokens:
          - [{LOWER: sarcastic}]
"""


def test_unless_may_be_a_list_of_blocks_each_with_its_scope(tmp_path):
    text = GOOD.replace("      - [{LOWER: hi}]\n", "      - [{LOWER: hi}]\n" + TWO_BLOCKS)
    patterns = load_rule(write(tmp_path, text)).patterns["en"]
    assert [b.scope for b in patterns.unless_blocks] == ["match", "sentence"]
    assert patterns.unless_blocks[0].phrases == ("hello kitty",)
    assert patterns.unless_blocks[1].rules == ("says-hello",)
    assert patterns.unless is None  # several blocks: there is no single one


def test_a_single_unless_mapping_is_still_one_block(tmp_path):
    text = GOOD.replace(
        "    phrases: [hello]",
        "    phrases: [hello]\n    unless: {scope: sentence, phrases: [bye]}",
    )
    patterns = load_rule(write(tmp_path, text)).patterns["en"]
    assert patterns.unless is not None and patterns.unless.scope == "sentence"
    assert patterns.unless_blocks == (patterns.unless,)


def test_bad_key_in_an_unless_block_names_the_block(tmp_path):
    text = GOOD.replace(
        "      - [{LOWER: hi}]\n",
        "      - [{LOWER: hi}]\n" + TWO_BLOCKS.replace("rules: [says-hello]", "rulez: [x]"),
    )
    err = error_for(tmp_path, text)
    assert err.key == "patterns.en.unless[1].rulez" and err.line == 21, str(err)


def test_unknown_rule_in_a_later_unless_block(tmp_path):
    text = GOOD.replace(
        "      - [{LOWER: hi}]\n",
        "      - [{LOWER: hi}]\n" + TWO_BLOCKS.replace("[says-hello]", "[no-such-rule]"),
    )
    write(tmp_path, text)
    with pytest.raises(RuleError, match="unknown rule id 'no-such-rule'"):
        load_rules([tmp_path])
