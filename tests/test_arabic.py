"""One normalised Arabic pattern matches the spellings people really use."""

from __future__ import annotations

import pytest

from courtesy_lint.arabic import normalise, stem
from courtesy_lint.pipelines import get_pipeline


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
