"""Words and sentences are counted as DESIGN.md says, in all three languages."""

from __future__ import annotations

from courtesy_lint.layout import count_words, find_layout, sentences


def test_words_need_a_letter_or_digit():
    assert count_words("Hello — world ... 42 !!") == 3


def test_arabic_words_are_counted():
    assert count_words("شكرًا جزيلًا على الفرصة، وأتمنى لكم التوفيق.") == 7


def test_sentence_ends_include_arabic_question_mark_and_ellipsis():
    text = "هل يمكنكم مساعدتي؟ شكرا لكم… مع التحية."
    assert len(sentences(text)) == 3


def test_abbreviations_do_not_end_sentences():
    assert len(sentences("I met Mr. Smith and Dr. Jones today. It went well.")) == 2
    assert len(sentences("J'ai vu M. Dupont hier. Merci.")) == 2


def test_blank_line_ends_a_sentence():
    assert len(sentences("First paragraph without stop\n\nSecond one")) == 2


def test_decimal_points_do_not_end_sentences():
    assert len(sentences("The offer was 3.5 times the budget. Fine.")) == 2


def test_greeting_and_sign_off_are_found():
    text = "Dear Ms. Chen,\n\nThank you. I accept another offer.\n\nBest regards,\nTom Baker\n"
    letter = find_layout(text)
    assert text[letter.greeting[0] : letter.greeting[1]] == "Dear Ms. Chen,"
    assert text[letter.sign_off[0] :].startswith("Best regards,")
    body = text[letter.body_start : letter.body_end]
    assert len(sentences(text, letter.body_start, letter.body_end)) == 2
    assert "Dear" not in body and "Tom" not in body


def test_arabic_greeting_and_sign_off():
    text = "السيد خالد المحترم،\n\nأشكركم على إبلاغي. أتمنى لكم التوفيق.\n\nمع خالص التحية،\nيوسف\n"
    letter = find_layout(text)
    assert letter.greeting is not None and letter.sign_off is not None
    assert len(sentences(text, letter.body_start, letter.body_end)) == 2


def test_french_closing_formula_is_a_sign_off():
    text = (
        "Madame,\n\nJe décline votre offre.\n\n"
        "Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.\nLéa\n"
    )
    letter = find_layout(text)
    assert len(sentences(text, letter.body_start, letter.body_end)) == 1
