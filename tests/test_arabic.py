"""One normalised Arabic pattern matches the spellings people really use."""

from __future__ import annotations

import textwrap

import pytest

from courtesy_lint import lint_text
from courtesy_lint.arabic import normalise, stem
from courtesy_lint.engine import LintOptions
from courtesy_lint.pipelines import get_pipeline
from courtesy_lint.rule_loader import load_rules


@pytest.mark.parametrize(
    "variants",
    [
        ["شكرا", "شكراً", "شكرًا", "شكـــرا", "وشكرا", "وشكراً"],
        ["الفرصة", "الفرصه", "للفرصة", "فرصة"],
        ["أخرى", "اخرى", "أخري", "آخرى"],
        ["أتمنى", "اتمنى", "اتمني"],
        ["التواصل", "تواصل", "للتواصل", "بالتواصل"],
    ],
)
def test_spelling_variants_share_a_stem(variants):
    assert len({stem(v) for v in variants}) == 1, {v: stem(v) for v in variants}


def test_normalise_folds_letters_and_strips_marks():
    assert normalise("إِنْسِحَابِي") == normalise("انسحابي") == "انسحابي"
    assert normalise("مسؤولية") == "مسووليه"
    assert normalise("ی") == "ي"  # Persian keyboard ya
    assert normalise("على") == normalise("علي") == "علي"  # not "علا"
    assert normalise("إلى") != normalise("إلا")
    assert normalise("\u200fشكرا") == "شكرا"  # a right-to-left mark is invisible


def test_latin_words_in_arabic_text_are_left_alone():
    assert stem("Google") == "google"


def test_full_stop_after_a_latin_word_is_split_off():
    nlp = get_pipeline("ar").nlp
    assert [t.text for t in nlp("شكرا لشركة Google.")] == ["شكرا", "لشركة", "Google", "."]
    assert [t.text for t in nlp("عبر LinkedIn.")] == ["عبر", "LinkedIn", "."]
    # the sentence ends there, so the next one starts on its own
    doc = nlp("قبلت عرضا من Aramco. أشكركم على الفرصة")
    assert [s.text for s in doc.sents] == ["قبلت عرضا من Aramco.", "أشكركم على الفرصة"]


def test_latin_abbreviations_and_titles_keep_their_full_stop():
    nlp = get_pipeline("ar").nlp
    assert [t.text for t in nlp("Dear Ms. Hind")] == ["Dear", "Ms.", "Hind"]
    assert [t.text for t in nlp("e.g. هذا")] == ["e.g.", "هذا"]
    assert [t.text for t in nlp("د. أحمد")] == ["د.", "أحمد"]


# One word with and without its article, its conjunction, a preposition or an
# attached pronoun, singular and plural: Snowball alone gave each group two
# to four stems (والوقت والوق، لوقتكم لوق، وظيفتي ظيفت، ملاحظات ملاحظا).
@pytest.mark.parametrize(
    "variants",
    [
        ["وقت", "الوقت", "والوقت", "وقتكم", "لوقتكم", "وقتي"],
        ["ملاحظة", "ملاحظات", "الملاحظات", "ملاحظاتكم"],
        ["وظيفة", "الوظيفة", "وظيفتي", "للوظيفة", "بالوظيفة"],
        ["فريق", "الفريق", "والفريق", "فريقكم", "لفريقكم", "للفريق"],
        ["مقابلة", "المقابلة", "مقابلتي", "المقابلات", "لمقابلتي", "والمقابلات"],
        ["احترام", "الاحترام", "والاحترام", "احترامي", "باحترامكم"],
        ["عملية", "العملية", "عمليتي", "عمليات"],
    ],
)
def test_a_word_keeps_its_stem_with_article_pronoun_or_plural(variants):
    assert len({stem(v) for v in variants}) == 1, {v: stem(v) for v in variants}


def test_short_words_keep_their_letters():
    # at least three letters stay: the كم of لكم and the هم of مهم are no pronouns,
    # and the ت of وقتي, بيتي is no ta marbuta
    assert stem("لكم") == "لكم"
    assert stem("مهم") == "مهم"
    assert stem("وقتي") == stem("وقت") == "وقت"
    assert stem("بيتي") == "بيت"


def test_a_phrase_written_once_matches_every_form_of_its_words(tmp_path):
    rule = textwrap.dedent(
        """\
        id: no-team-talk
        type: forbidden
        kinds: [decline]
        severity: warning
        message: Leave the team out of it.
        description: A team-specific rule written with one Arabic phrase.
        source:
          - seed: 000_6e39e60d1a0bb7d4
            point: be polite
        patterns:
          ar:
            phrases: [الفريق]
        examples:
          ar:
            pass: [شكرا لكم]
            fail: [شكرا للفريق]
        """
    )
    (tmp_path / "no-team-talk.yaml").write_text(rule, encoding="utf-8")
    options = LintOptions(rules=load_rules([tmp_path]))
    for text in ["شكرا للفريق", "شكرا لفريقكم", "أحيي فريقكم والفريق التقني"]:
        result = lint_text(text, "ar", "decline", options=options)
        assert [f for f in result.findings if f.rule == "no-team-talk"], text
