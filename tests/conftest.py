"""Shared fixtures: the shipped rules, loaded once per test session."""

from __future__ import annotations

import pytest

from courtesy_lint.rule_loader import load_rules


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_repo(tmp_path_factory):
    """CLI runs in tests keep their result cache in a temporary folder, not the checkout."""
    mp = pytest.MonkeyPatch()
    mp.setenv("COURTESY_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()
