"""Arabic negation as a writer would notice it: a refusal leaves an element missing."""

from __future__ import annotations

import pytest

from courtesy_lint import lint_text
from courtesy_lint.negation import is_negated
from courtesy_lint.pipelines import get_pipeline

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


# ما negates the verb after it, or is "what" (relative, interrogative).
MA_NEGATES = [
    "ما قدرت أقبل العرض بسبب الراتب.",
    "ما عندي رغبة أكمل في العملية.",
    "ما بقدر أكمل بالعملية.",
    "ما حصلت على أي رد منكم.",
    "ما وصلني أي رد.",
    "ما رح أقدر أنضم للفريق.",
    "ما كنت متوقع هالرد.",
    "وما عدت مهتم بالوظيفة.",
    "ما حبيت الطريقة اللي انعاملت فيها.",
    "ما صار نصيب.",
    "ما اقتنعت بالعرض.",
    "ما توقعتها منكم.",
]
MA_IS_WHAT = [
    "شكرا على ما تقدمونه من فرص.",
    "ما تقدمونه من دعم يعني لي الكثير.",
    "ما هو سبب الرفض؟",
    "أقدر ما قمتم به من جهد.",
    "ما ذكرتموه في المقابلة صحيح.",
    "كل ما أتمناه لكم التوفيق.",
    "ما رأيكم في ملفي؟",
    "هذا ما أردت قوله لكم.",
    "ما زلت مهتما بالعمل معكم.",
    "أكثر ما أعجبني هو الفريق.",
    "ما كنت أبحث عنه موجود عندكم.",
    "ما يناسبني هو العمل عن بعد.",
    # idioms: "I don't mind", "no problem"
    "ما عندي مانع نبقى على تواصل.",
    "لا مانع عندي من البقاء على تواصل.",
]


def _two_words_after_ma(sentence: str):
    doc = get_pipeline("ar").nlp(sentence)
    ma = next(t for t in doc if t.norm_ in ("ما", "وما", "لا"))
    return doc[ma.i + 2 : ma.i + 3]


@pytest.mark.parametrize("sentence", MA_NEGATES)
def test_ma_before_a_verb_negates(sentence):
    assert is_negated(_two_words_after_ma(sentence), "ar")


@pytest.mark.parametrize("sentence", MA_IS_WHAT)
def test_ma_as_what_does_not_negate(sentence):
    assert not is_negated(_two_words_after_ma(sentence), "ar")


def test_ma_negation_leaves_an_element_missing():
    finding = contact_finding("ما حبيت نبقى على تواصل بعد اللي صار.")
    assert finding is not None and "negated" in finding.message
    result = lint_text(THANKS + "ما قدرت أتمنى لكم التوفيق بصراحة.", "ar", "decline")
    assert [f for f in result.findings if f.rule == "wishes-well" and "negated" in f.message]


def test_ma_as_what_or_still_leaves_the_element_in_place():
    assert contact_finding("ما زلت أتمنى أن نبقى على تواصل.") is None
    assert contact_finding("ما عندي مانع نبقى على تواصل.") is None
    assert contact_finding("لا مانع لدي من البقاء على تواصل معكم.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "لا أرغب في البقاء على تواصل.",
        # a negated verb of wanting reaches its whole complement
        "لا أرغب في أن يتم التواصل معي مستقبلاً بخصوص أي وظائف.",
        "ليس لدي أي رغبة في أن نبقى على تواصل.",
        "ما عندي نية أتواصل معكم مستقبلا.",
        "لا أظن أن طرقنا ستلتقي مرة أخرى.",
    ],
)
def test_refusal_of_contact_is_reported_as_negated(sentence):
    finding = contact_finding(sentence)
    assert finding is not None and "negated" in finding.message, finding


@pytest.mark.parametrize(
    "sentence",
    [
        # the negation belongs to another clause than the wish
        "أعتذر عن عدم حضور المقابلة وأتمنى أن نبقى على تواصل.",
        "لا أريد أن أطيل عليكم وأتمنى أن نبقى على تواصل.",
        "ما بعرف كيف بدي اشكركم بس أتمنى نبقى على تواصل.",
        # "ولا بد": inevitably
        "القطاع صغير ولا بد أن تلتقي طرقنا مجدداً.",
    ],
)
def test_a_wish_in_its_own_clause_still_counts(sentence):
    assert contact_finding(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "شكرا على ردكم. ما نحبش نبقى على تواصل معاكم.",
        "شكرا على ردكم. مانيش حاب نبقى على تواصل.",
        "شكرا على ردكم. ماعنديش رغبة نبقى على تواصل معاكم.",
        "شكرا على ردكم. ما بغيتش نبقى على تواصل.",
    ],
)
def test_maghrebi_ma_sh_negates(sentence):
    finding = contact_finding(sentence, kind="rejection-reply")
    assert finding is not None and "negated" in finding.message


@pytest.mark.parametrize(
    ("lang", "text", "negated"),
    [
        (
            "en",
            "There's no need to keep my details on file or contact me about future roles.",
            True,
        ),
        ("en", "I do not want to stay in touch or hear about future roles.", True),
        ("en", "I can't accept the offer, but I'd love to stay in touch.", False),
        (
            "fr",
            "Je ne souhaite pas garder le contact ou être recontacté pour d'autres postes.",
            True,
        ),
    ],
)
def test_a_negation_reaches_both_sides_of_or_but_not_of_but(lang, text, negated):
    prefix = {"en": "Thank you for the offer. I have accepted another role. ",
              "fr": "Merci pour l'offre. J'ai accepté un autre poste. "}[lang]  # fmt: skip
    result = lint_text(prefix + text, lang, "decline")
    found = [f for f in result.findings if f.rule == "invites-future-contact"]
    assert bool(found) is negated


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "fr",
            "Je suis au regret de devoir la décliner : après réflexion, un déménagement "
            "à Lyon n'est pas envisageable pour nous.",
        ),
        ("fr", "Je préfère décliner votre offre ; le trajet ne serait pas tenable."),
        ("en", "I have decided to decline the offer: relocating is not possible for us."),
    ],
)
def test_a_negation_after_a_colon_does_not_deny_the_decision_before_it(lang, text):
    prefix = {"en": "Thank you for the offer. ", "fr": "Merci pour votre offre. "}[lang]
    result = lint_text(prefix + text, lang, "decline")
    assert "states-decision" not in {f.rule for f in result.findings}


@pytest.mark.parametrize(
    ("text", "rule", "negated"),
    [
        # hyperbole: the negation says "more than words can", so it is a yes
        (
            "I can't tell you how much I valued the hours your team gave me.",
            "appreciates-time",
            False,
        ),
        ("Words cannot express how grateful I am for the chance.", "expresses-gratitude", False),
        (
            "I will never be able to thank you enough for the interviews.",
            "expresses-gratitude",
            False,
        ),
        ("I won't ever be able to repay you enough for your time.", "appreciates-time", False),
        # a plain negation still denies
        ("I can't say I'm grateful for how this went.", "expresses-gratitude", True),
        ("I can't tell you that I appreciated the time it took.", "appreciates-time", True),
    ],
)
def test_english_hyperbole_is_not_a_negation(text, rule, negated):
    result = lint_text(text + " I have accepted another role, so I am declining.", "en", "decline")
    assert (rule in {f.rule for f in result.findings}) is negated
