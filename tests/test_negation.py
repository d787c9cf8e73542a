"""Arabic negation as a writer would notice it: a refusal leaves an element missing."""

from __future__ import annotations

import pytest

from courtesy_lint import lint_text

THANKS = "شكرا لكم على الفرصة. "


def contact_finding(text: str, kind: str = "decline"):
    result = lint_text(THANKS + text, "ar", kind)
    found = [f for f in result.findings if f.rule == "invites-future-contact"]
    return found[0] if found else None


@pytest.mark.parametrize(
    "sentence",
    [
        "قررت ألا أبقى على تواصل معكم.",
        "أفضّل ألّا نبقى على تواصل بعد اليوم.",
        "وأرجو بألا نبقى على تواصل.",
    ],
)
def test_an_la_negates_like_la(sentence):
    # ألا (أن + لا) normalises like إلا ("except"), but negates
    finding = contact_finding(sentence)
    assert finding is not None and "negated" in finding.message, finding


def test_la_illa_restriction_still_counts():
    # لا ... إلا: "I can only hope we stay in touch"
    assert contact_finding("لا يسعني إلا أن أتمنى أن نبقى على تواصل.") is None
