"""Long runs of one repeated word: the work stays in proportion to the draft.

A pattern with an open-ended OP ("+", "*") on a token that can repeat lists
every sub-run of a run: n²/2 matches, and a shouted page took minutes. No
timing here; the number of raw matches is what grows, so that is counted.
"""

from __future__ import annotations

import pytest

from courtesy_lint import lint_text
from courtesy_lint.matching import Detector
from courtesy_lint.pipelines import get_pipeline
from courtesy_lint.rule_loader import default_rules_dir, load_rules

RUN = 300
# Words a writer (or a stuck key) repeats, in each language's patterns' way.
REPEATED = {
    "en": ["VERY", "!", "very", "really", "so", "not"],
    "fr": ["TRÈS", "!", "très", "vraiment", "pas", "du"],
    "ar": ["جدا", "!", "VERY", "لا", "شكرا", "و"],
}


def _detectors(lang):
    nlp = get_pipeline(lang).nlp
    for rule in load_rules([default_rules_dir()]):
        if lang in rule.patterns:
            detector = Detector(nlp, lang, rule.patterns[lang])
            yield rule.id, detector
            for block in detector.unless_blocks:
                yield f"{rule.id} (unless)", block


@pytest.mark.parametrize("lang", sorted(REPEATED))
def test_no_bundled_pattern_lists_every_sub_run_of_a_repeated_word(lang):
    nlp = get_pipeline(lang).nlp
    detectors = list(_detectors(lang))
    for word in REPEATED[lang]:
        doc = nlp(" ".join([word] * RUN))
        for rule_id, detector in detectors:
            found = len(detector.find(doc))
            assert found <= 4 * RUN, f"{rule_id}: {found} matches in a run of {RUN} x {word!r}"


def test_a_shouted_paragraph_is_one_finding_over_the_whole_run():
    text = "Hello,\n\n" + "VERY " * 2000 + "\n\nThanks"
    result = lint_text(text, "en", "decline")
    shouting = [f for f in result.findings if f.rule == "no-shouting"]
    assert len(shouting) == 1
    assert (shouting[0].line, shouting[0].column) == (3, 1)
    assert shouting[0].end_line == 3 and shouting[0].end_column >= 5 * 2000 - 1
