"""Docs generated from the rule files must be current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rule_reference_is_current(rules):
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_rule_docs.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == gen.render(rules), "docs/rules.md is stale: run scripts/gen_rule_docs.py"


def test_every_rule_is_documented(rules):
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in rules:
        assert f"## {rule.id}\n" in text
