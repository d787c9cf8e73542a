"""Golden end-to-end tests: realistic drafts and the exact output users see.

Regenerate with `python scripts/update_golden.py` and review the diff.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("update_golden", ROOT / "scripts/update_golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


@pytest.mark.parametrize("draft", golden.drafts(), ids=lambda p: p.name)
def test_golden_output(draft, monkeypatch):
    monkeypatch.chdir(ROOT)
    expected = golden.expected_path(draft)
    assert expected.exists(), f"no golden output for {draft.name}: run scripts/update_golden.py"
    assert golden.render(draft) == expected.read_text(encoding="utf-8")


def test_golden_drafts_cover_every_language_and_kind():
    names = [p.stem for p in golden.drafts()]
    for lang in ("en", "fr", "ar"):
        assert any(n.startswith(lang + "-") for n in names), lang
    for kind in golden.KINDS:
        assert any(f"-{kind}" in n for n in names), kind
