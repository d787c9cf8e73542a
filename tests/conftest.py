"""Shared fixtures: the shipped rules, loaded once per test session."""

from __future__ import annotations

import pytest

from courtesy_lint.rule_loader import load_rules


@pytest.fixture(scope="session")
def rules():
    return load_rules()
