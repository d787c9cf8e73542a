"""The engine end to end on whole drafts: what a job seeker would see."""

from __future__ import annotations

import pytest

from courtesy_lint import Severity, Status, lint_text
from courtesy_lint.engine import LintOptions
from courtesy_lint.findings import Finding

FRENCH_DECLINE = (
    "Bonjour Madame Lefèvre,\n"
    "\n"
    "Franchement, vous m'avez fait perdre mon temps avec ces cinq entretiens.\n"
    "J'ai accepté un autre poste, je décline donc votre offre.\n"
    "\n"
    "Cordialement,\n"
    "Julien\n"
)


def rules_of(result, status=None):
    return {f.rule for f in result.findings if status is None or f.status is status}


def test_french_accusation_is_reported_at_its_line_and_column():
    result = lint_text(FRENCH_DECLINE, "auto", "decline", path="decline.txt")
    assert result.lang == "fr" and result.kind == "decline"
    found = [f for f in result.findings if f.rule == "no-accusations"]
    assert len(found) == 1
    f = found[0]
    line = FRENCH_DECLINE.split("\n")[2]
    assert (f.line, f.column) == (3, line.index("vous m'avez") + 1)
    assert f.match is not None and "perdre mon temps" in f.match
    assert f.status is Status.VIOLATED and f.severity is Severity.ERROR
    assert f.end_line == 3 and f.end_column == f.column + len(f.match)


def test_english_withdrawal_without_thanks_gets_an_english_suggestion():
    draft = (
        "Hi Mark,\n\nI'm withdrawing my application for the analyst role because I have "
        "accepted another offer. I hope we stay in touch.\n\nBest,\nNina\n"
    )
    result = lint_text(draft, "auto", "withdraw")
    missing = [f for f in result.findings if f.rule == "expresses-gratitude"]
    assert len(missing) == 1 and missing[0].status is Status.MISSING
    assert missing[0].suggestion and "Thank you" in missing[0].suggestion
    assert (missing[0].line, missing[0].column) == (3, 1)  # first line of the body


def test_polite_complete_arabic_reply_has_no_error():
    draft = (
        "الأستاذة ريم المحترمة،\n\n"
        "أشكركم جزيل الشكر على إبلاغي بقراركم، وأقدّر الوقت الذي خصصتموه لمقابلتي. "
        "أتفهم قراركم تماماً، وأتمنى لكم التوفيق في إيجاد المرشح المناسب. "
        "وإن أمكن، يسعدني أن أسمع أي ملاحظات تساعدني على التحسن، "
        "وأتمنى أن نبقى على تواصل في حال توفرت فرص مستقبلية.\n\n"
        "مع خالص التحية،\nسارة\n"
    )
    result = lint_text(draft, "auto", "rejection-reply")
    assert result.lang == "ar"
    assert not [f for f in result.findings if f.severity is Severity.ERROR], result.findings


def test_negated_stay_in_touch_counts_as_missing_in_each_language():
    drafts = {
        "en": "Thank you for the offer. I do not wish to stay in touch.",
        "fr": "Merci pour votre offre. Je ne souhaite pas rester en contact.",
        "ar": "شكرا لكم على العرض. لا أرغب في البقاء على تواصل.",
    }
    for lang, text in drafts.items():
        result = lint_text(text, lang, "decline")
        found = [f for f in result.findings if f.rule == "invites-future-contact"]
        assert len(found) == 1, (lang, result.findings)
        assert found[0].status is Status.MISSING
        assert "negated" in found[0].message, lang


def test_positive_stay_in_touch_satisfies_the_rule_in_each_language():
    drafts = {
        "en": "Thank you for the offer. I would love to stay in touch.",
        "fr": "Merci pour votre offre. J'aimerais beaucoup rester en contact.",
        "ar": "شكرا لكم على العرض. أتمنى أن نبقى على تواصل.",
    }
    for lang, text in drafts.items():
        result = lint_text(text, lang, "decline")
        assert "invites-future-contact" not in rules_of(result), (lang, result.findings)


def test_unknown_kind_applies_only_common_rules_and_says_so():
    result = lint_text("Hello Sam, thanks, have a nice weekend.", "en", "auto")
    assert result.kind == "unknown"
    assert "gives-reason" not in rules_of(result)  # not common to all kinds
    assert any("kind" in n for n in result.notices)


KIND_DRAFTS = [
    (
        "en",
        "withdraw",
        "Hi Mark, I'm withdrawing my application since I accepted another offer. Thanks!",
    ),
    ("en", "decline", "Thank you for the offer, but I have decided to turn it down."),
    ("en", "rejection-reply", "Thanks for letting me know. I understand your decision."),
    # an offer of an interview is not a job offer
    (
        "en",
        "withdraw",
        "Thanks for the offer of a second interview, but I'm not going to continue with it.",
    ),
    ("en", "decline", "Thank you for the offer of employment, but I have decided to say no."),
    ("fr", "withdraw", "Bonjour, je souhaite retirer ma candidature. Merci pour l'entretien."),
    ("fr", "decline", "Merci pour votre proposition, mais je dois la décliner."),
    ("fr", "rejection-reply", "Merci de m'avoir informé de votre décision, je comprends."),
    ("ar", "withdraw", "أود إبلاغكم بانسحابي من عملية التوظيف، شكرا لكم."),
    ("ar", "decline", "أشكركم على عرضكم الكريم، لكنني أعتذر عن قبول العرض."),
    ("ar", "rejection-reply", "شكرا على إبلاغي بقراركم، أتفهم ذلك تماما."),
]


@pytest.mark.parametrize(("lang", "kind", "text"), KIND_DRAFTS)
def test_kind_is_detected_from_the_text(lang, kind, text):
    result = lint_text(text)
    assert (result.lang, result.kind) == (lang, kind)
    assert not result.notices


def test_withdrawal_that_mentions_another_offer_is_still_a_withdrawal():
    text = "I have accepted another offer, so please withdraw me from the interview process."
    assert lint_text(text).kind == "withdraw"


def test_front_matter_sets_language_and_kind():
    text = "---\nlang: en\nkind: decline\n---\nMerci. I decline.\n"
    result = lint_text(text)
    assert (result.lang, result.kind) == ("en", "decline")


def test_explicit_arguments_override_front_matter():
    text = "---\nlang: fr\nkind: decline\n---\nThanks. I withdraw.\n"
    result = lint_text(text, "en", "withdraw")
    assert (result.lang, result.kind) == ("en", "withdraw")


def test_findings_are_sorted_and_compare_on_position_and_rule():
    result = lint_text(FRENCH_DECLINE, "fr", "decline")
    assert list(result.findings) == sorted(result.findings)
    a = result.findings[0]
    reworded = Finding(a.path, a.line, a.column, a.rule, a.end_line, a.end_column,
                       a.severity, a.status, "another message")  # fmt: skip
    assert reworded == a


def test_severity_override_is_configuration():
    options = LintOptions(severities={"no-accusations": Severity.WARNING})
    result = lint_text(FRENCH_DECLINE, "fr", "decline", options=options)
    [f] = [f for f in result.findings if f.rule == "no-accusations"]
    assert f.severity is Severity.WARNING


def test_columns_count_characters_not_bytes_in_arabic():
    text = "شكرا لكم.\nلقد أضعتم وقتي في هذه المقابلات."
    result = lint_text(text, "ar", "withdraw")
    [f] = [f for f in result.findings if f.rule == "no-accusations"]
    assert f.line == 2 and f.column == text.split("\n")[1].index("أضعتم") + 1


def test_quoted_accusation_is_not_the_writers():
    text = (
        "Thank you for letting me know. I hope we stay in touch.\n\n"
        "> Frankly your interview was rude and unprofessional.\n"
    )
    result = lint_text(text, "en", "rejection-reply")
    assert "no-accusations" not in rules_of(result)


def test_long_explanation_is_reported_once_with_its_span():
    text = (
        "Dear Ana,\n\nThank you for the offer. I have accepted another position because "
        "the commute would have been two hours each way, my partner works nearby, the team "
        "there uses the stack I know, the salary is similar, and I have friends there. "
        "Also the hours suit my children's school, and the office has a gym. "
        "It was a long decision and I talked to many people about it.\n\n"
        "I hope we stay in touch.\n\nBest,\nLuis\n"
    )
    result = lint_text(text, "en", "decline")
    found = [f for f in result.findings if f.rule == "reason-is-brief"]
    assert len(found) == 1
    assert found[0].line == 3 and found[0].severity is Severity.WARNING
    assert "words" in found[0].message
