"""Inline directives silence findings, in plain text and Markdown alike."""

from __future__ import annotations

import pytest

from courtesy_lint import lint_text
from courtesy_lint.suppression import DirectiveError

BODY = (
    "Thank you for the offer. I have accepted another position closer to home, so I decline.\n"
    "{directive}"
    "Frankly your recruiter was rude.\n"
    "I hope we stay in touch.\n"
)


def rules(text, kind="decline"):
    return [f.rule for f in lint_text(text, "en", kind).findings]


def test_without_directive_the_finding_is_there():
    assert "no-accusations" in rules(BODY.format(directive=""))


@pytest.mark.parametrize(
    "directive",
    [
        "courtesy-lint: disable-next-line no-accusations\n",
        "<!-- courtesy-lint: disable-next-line no-accusations -->\n",
        "<!-- courtesy-lint: disable-next-line -->\n",
        "# courtesy-lint: disable-next-line no-shouting, no-accusations\n",
    ],
)
def test_disable_next_line(directive):
    found = rules(BODY.format(directive=directive))
    assert "no-accusations" not in found
    assert "unused-suppression" not in found


def test_directive_line_is_not_analysed_as_prose():
    # "courtesy-lint: disable-next-line" must not count toward words or match patterns
    text = BODY.format(directive="<!-- courtesy-lint: disable-next-line no-accusations -->\n")
    assert "no-shouting" not in rules(text)


def test_disable_enable_range():
    text = (
        "Thank you. I accepted another offer, so I decline. I hope we stay in touch.\n"
        "<!-- courtesy-lint: disable no-accusations -->\n"
        "Your recruiter was rude.\n"
        "<!-- courtesy-lint: enable no-accusations -->\n"
        "The process was chaotic.\n"
    )
    found = lint_text(text, "en", "decline").findings
    accusations = [f.line for f in found if f.rule == "no-accusations"]
    assert accusations == [5]


def test_disable_file():
    text = "<!-- courtesy-lint: disable-file no-accusations -->\n" + BODY.format(directive="")
    assert "no-accusations" not in rules(text)


def test_unused_suppression_is_reported_at_its_line():
    text = BODY.format(directive="courtesy-lint: disable-next-line no-shouting\n")
    found = lint_text(text, "en", "decline").findings
    unused = [f for f in found if f.rule == "unused-suppression"]
    assert len(unused) == 1 and unused[0].line == 2
    assert "no-accusations" in [f.rule for f in found]


def test_unknown_rule_in_a_directive_is_an_error():
    with pytest.raises(DirectiveError, match="unknown rule"):
        lint_text("courtesy-lint: disable-next-line no-such-rule\nHello.\n", "en", "decline")
