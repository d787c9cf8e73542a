"""One normalised Arabic pattern matches the spellings people really use."""

from __future__ import annotations

import pytest

from courtesy_lint.arabic import normalise, stem


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
