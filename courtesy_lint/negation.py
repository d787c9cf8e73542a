"""Decides whether a matched phrase is negated in its sentence, in English, French and Arabic.

"I do not wish to stay in touch" contains "stay in touch", but denies it. A
required element found only like that is missing. Two signals are used:

* the parse (English, French): a negation word attached to the match's head
  or to a verb that governs it ("do not wish" governs "to stay in touch"),
  stopping at clause boundaries so that "I'm not sure yet, but let's stay in
  touch" is not negated;
* a short window before the match, inside its sentence (all languages, and
  the only signal in Arabic, which has no parser here): "لا أرغب في البقاء
  على تواصل".

A negation word that is part of the match itself is never counted: patterns
such as "don't hesitate to reach out" or "je ne vous remercierai jamais
assez" include it on purpose.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .arabic import spelled_an_la

# Negation words, compared with token.norm_ (spaCy maps "n't" to "not"; the
# Arabic analyser sets the normalised form).
CUES = {
    "en": frozenset(
        [
            "not",
            "never",
            "no",
            "nor",
            "neither",
            "nobody",
            "nothing",
            "none",
            "without",
            "hardly",
            "barely",
            "cannot",
        ]
    ),
    # "plus" and "point" negate only with "ne"; alone they mean "more", "point".
    "fr": frozenset(
        ["pas", "jamais", "aucun", "aucune", "rien", "nullement", "guère", "guere", "ni", "sans"]
    ),
    "ar": frozenset(
        # لا لن لم ليس... and the colloquial مش / مو / مب; عدم and غير negate nouns
        # and adjectives ("عدم الرغبة", "غير مهتم").
        [
            "لا",
            "لن",
            "لم",
            "ليس",
            "لست",
            "ليست",
            "لسنا",
            "ليسوا",
            "مش",
            "مو",
            "مب",
            "عدم",
            "غير",
            "بدون",
        ]
    ),
}
_FR_WITH_NE = frozenset({"plus", "point", "personne", "nul", "nulle"})

# Verbs that make a negation positive: "don't hesitate to contact me",
# "je ne manquerai pas de vous tenir informé", "لا تتردد في التواصل".
# A negation attached to one of them does not reach what they govern.
NEGATION_ABSORBERS = {
    "en": frozenset({"hesitate", "fail", "forget"}),
    "fr": frozenset({"hésiter", "hesiter", "manquer", "oublier"}),
    "ar": frozenset(
        {"تردد", "تتردد", "تترددي", "تترددوا", "يتردد", "اتردد", "نتردد", "انسي", "ننسي"}
    ),
}

# Walking up the parse stops above these relations: they start a new clause
# whose negation says nothing about the match.
_CLAUSE_BOUNDARIES = frozenset(
    # Relative and adnominal clauses are not boundaries: "I don't know anyone I
    # could recommend", "there is no need to send feedback" are negated.
    {"conj", "parataxis", "advcl", "appos", "ROOT", "root"}
)

# Tokens before the match searched for a negation word. Arabic has no parse
# to follow, and its negated verbs take a complement further away ("لا أرى
# من المناسب الانسحاب"), so its window is one token longer.
WINDOW = {"en": 3, "fr": 3, "ar": 4}
# A negation does not reach across punctuation, or across a word that opens
# a new clause: "I won't accept because the timing is wrong".
_WINDOW_STOPS = frozenset(',;:.!?؟،؛…—-()"«»“”') | {
    "but", "however", "because", "since", "although",
    "mais", "car", "parce", "puisque", "cependant",
    "لكن", "ولكن", "لان", "لانه", "لانني", "بسبب", "اذا", "وان", "حيث",
}  # fmt: skip
_ARABIC_CONJUNCTIONS = ("و", "ف")


def is_negated(span: Span, lang: str) -> bool:
    """Whether the span is denied by a negation word outside it."""
    inside = {t.i for t in span}
    if lang != "ar" and span.doc.has_annotation("DEP"):
        verdict = _negated_by_parse(span, lang, inside)
        if verdict is not None:  # negated, or a negation absorbed on the way up
            return verdict
    if _negated_in_window(span, lang):
        return True
    return lang == "ar" and _negated_governor(span)


# Negation words inside idioms that negate nothing: "sans doute" (probably),
# "si jamais" (if ever), "pas de souci", "no worries", "لا شك" (no doubt).
_IDIOM_NEXT = {
    "en": {"no": {"problem", "problems", "worries", "worry", "doubt", "hard", "matter"}},
    "fr": {
        "sans": {"doute", "faute", "hésiter", "hésitation", "hesiter"},
        "pas": {"de", "d'", "d’"},  # "pas de souci", "pas de problème": see below
    },
    "ar": {"لا": {"شك", "بد", "سيما", "بأس", "باس"}},
}
# "ما عندي مانع" (I don't mind), "ما في مشكلة": the negated noun is a yes
_AR_NO_OBJECTION = frozenset({"مانع", "مشكله", "مشكل", "اشكال", "مشاكل"})
_FR_PAS_DE = {"souci", "soucis", "problème", "problèmes", "probleme", "problemes", "doute", "quoi"}


def _idiom(token: Token, lang: str, norm: str) -> bool:
    doc = token.doc
    nxt = doc[token.i + 1].norm_.lower() if token.i + 1 < len(doc) else ""
    if lang == "fr" and norm == "jamais" and token.i > 0 and doc[token.i - 1].lower_ == "si":
        return True
    if lang == "fr" and norm == "pas" and nxt in ("de", "d'", "d’"):
        after = doc[token.i + 2].lower_ if token.i + 2 < len(doc) else ""
        return after in _FR_PAS_DE
    if lang == "ar" and norm in ("ما", "لا"):
        following = [t.norm_.lower() for t in doc[token.i + 1 : token.i + 3]]
        if any(w in _AR_NO_OBJECTION for w in following):
            return True
    return nxt in _IDIOM_NEXT.get(lang, {}).get(norm, ())


# ما negates a verb ("ما قدرت", "ما بدي", "ما عندي نية") but is also "what"
# ("ما تقدمونه من دعم", "أقدر ما قمتم به", "ما هو السبب؟"). It counts as a
# negation only before a verb-like word that is not taken back by a
# resumptive pronoun, and not after a word that introduces a relative ما.
_MA = frozenset({"ما", "وما", "فما"})
# Perfect verbs with a subject ending (قدرت، اقتنعت، قصرتم، حصلتوا، كلفوا),
# maybe an object after it (توقعتها، شفتكم), or with an object ending on a
# stem that is not an imperfect's (وصلني، عطونا; not يناسبني, "what suits me").
_MA_PERFECT = re.compile(
    r"^(?!ال).{2,}(?<!ا)(ت|تم|تو|توا|تي|تن|وا)(ها|هم|كم|ك|ني|نا)?$|^[^يتنا].{1,}(ني|نا)$"
)
# Dialect verbs with an aspect or future prefix: بقدر، بعرف، بيفرق، حقدر، عم
_MA_DIALECT = re.compile(r"^(ب|بي|بت|بن|ح|ه)[^ا].{2,}$")
_MA_NOT_DIALECT = frozenset(
    {"بعد", "بين", "بدون", "بسبب", "بكل", "بخصوص", "بشان", "بنفس", "بحيث", "هذا", "هذه", "هو", "هي"}
    | {"هناك", "هنا", "هم", "هما", "انا", "انت", "انتم", "انتي", "احنا"}
)
# Words that behave as verbs after ما: pseudo-verbs (عندي، بدي، فيني),
# future and progressive particles (رح، راح، عم), bare perfects that
# emails negate (ما صار نصيب، ما كان محترم، ما عاد يفرق).
_MA_VERB_WORDS = frozenset(
    {"عندي", "عندنا", "عندك", "عندكم", "لدي", "لدينا", "بدي", "بدنا", "بدك", "بدكم", "بدو"}
    | {"فيني", "فينا", "بيدي", "رح", "راح", "ح", "عم", "حدا", "حد"}
    | {"كان", "صار", "عاد", "زبط", "ظبط", "ضبط", "نفع", "اجا", "جا", "مشي", "مشيت"}
)
# The Maghrebi and Egyptian circumfix ما…ش in one word (مانيش "I am not",
# ماكانش، ماعنديش، مانحبش): at least two letters between ما and ش.
_MA_SH_WORD = re.compile(r"^[وف]?ما..+ش$")
# ما زال / ما دام are "still" and "as long as": nothing is negated.
_MA_NOT_NEGATING = re.compile(r"^(زال|زل|دام|دم)")
# After these, ما is "what": كل ما، على ما، هذا ما، أكثر ما، بقدر ما
_MA_RELATIVE_AFTER = frozenset(
    {"كل", "علي", "عن", "من", "في", "الي", "مع", "حول", "حسب", "مثل", "بعد", "قبل", "بقدر", "قدر"}
    | {"هذا", "هذه", "ذلك", "تلك", "هو", "هي", "اكثر", "افضل", "اجمل", "اهم", "اول", "اخر", "نفس"}
    | {"اعرف", "نعرف", "يعرف", "ادري", "فهمت", "عرفت", "اقدر", "نقدر"}
)
# A resumptive pronoun on a preposition just after the verb: "ما قمتم به"
_RESUMPTIVE = frozenset({"به", "فيه", "منه", "عليه", "له", "اليه", "عنه", "لاجله"})


# Verbs and nouns of wanting, intending or thinking (أرغب، أريد، ابغى، بدي،
# أنوي، نية، أظن، أتوقع) and of hoping (أتمنى، آمل، أرجو). A negated one reaches
# its whole complement, as a governing verb does in the parse ("لا أرغب في أن
# يتم التواصل معي مستقبلاً", "لا أظن أن طرقنا ستلتقي مرة أخرى"); Arabic has no
# parse here, so the nearest one before the match, in its clause, decides.
# Also "no need" (لا داعي للتواصل معي … بخصوص أي شواغر، لا حاجة) and knowing
# someone (لا أعرف أحداً يمكن أن أرشحه لكم), which deny the clause that follows.
_AR_WANTS = re.compile(
    r"^[وف]?(ب|ح|رح)?(ا|ن|ي|ت)(رغب|ريد|بغي|بغا|بي|حب|نوي|ود|ظن|عتقد|توقع|تصور|فكر|عرف)(ون|وا|و|ي)?$"
    r"|^[وف]?(بدي|بدنا|بدو|عايز|عاوز|عايزه|حابب|حابه|راغب|راغبه|ناوي|ناويه|نيه|رغبه|النيه|الرغبه)$"
    r"|^[وف]?(ال)?(داعي|داع|حاجه|لزوم)$"
)
_AR_HOPES = re.compile(r"^[وف]?(ا|ن)(تمني|مل|رجو)$|^[وف]?(يسعدني|يسعدنا|يشرفني|يشرفنا)$")
_AR_REACH = 12
_AR_CLAUSE_STOPS = frozenset({"بس", "بل", "وبس"})


def _ma_negates(token: Token) -> bool:
    """Whether this ما is a negation: the next word looks like a verb, not like a relative's."""
    doc = token.doc
    if token.i + 1 >= len(doc):
        return False
    nxt = doc[token.i + 1].norm_.lower()
    if token.i > 0 and doc[token.i - 1].norm_.lower() in _MA_RELATIVE_AFTER:
        return False
    if len(nxt) >= 3 and nxt.endswith("ش"):  # Maghrebi/Egyptian ما…ش: ما نحبش، ما عنديش
        return True
    if _MA_NOT_NEGATING.match(nxt) or nxt.startswith("ال"):
        return False
    if nxt in _MA_VERB_WORDS:
        return True
    # ما في / ما فيه: "there is no" (ما في داعي، ما في نية), unless "what is in the…"
    if nxt in ("في", "فيه", "فيش"):
        following = doc[token.i + 2].norm_ if token.i + 2 < len(doc) else ""
        return not following.startswith("ال")
    if nxt.endswith("ه"):  # ما تقدمونه، ما ذكرتموه: the pronoun takes ما back
        return False
    after = {t.norm_.lower() for t in doc[token.i + 2 : token.i + 5]}
    if after & _RESUMPTIVE:  # ما قمتم به، ما كنت أبحث عنه
        return False
    if nxt in _MA_NOT_DIALECT:
        return False
    # ما أرغب، ما ابغى، ما أظن: a verb of wanting or thinking, in any tense
    return bool(_MA_PERFECT.match(nxt) or _MA_DIALECT.match(nxt) or _AR_WANTS.match(nxt))


def _is_cue(token: Token, lang: str) -> bool:
    norm = token.norm_.lower()
    if norm in CUES[lang]:
        return not _idiom(token, lang, norm)
    if lang == "ar" and norm in _MA:
        return _ma_negates(token) and not _idiom(token, lang, "ما")
    # "ولن", "فلا": the conjunction is written attached to the negation word
    if lang == "ar" and norm[:1] in _ARABIC_CONJUNCTIONS and norm[1:] in CUES[lang]:
        return not _idiom(token, lang, norm[1:])  # "ولا بد أن تلتقي طرقنا" is a yes
    # ما…ش written as one word: مانيش، ماكانش، ماعنديش، مانقدرش
    if lang == "ar" and _MA_SH_WORD.match(norm):
        return True
    # "قررت ألا أبقى على تواصل": أن + لا, told from إلا by its hamza
    if lang == "ar" and spelled_an_la(token.text):
        return True
    if lang == "fr" and norm in _FR_WITH_NE:
        sent = token.sent if token.doc.has_annotation("SENT_START") else token.doc
        return any(t.norm_.lower() in ("ne", "n'", "n’") for t in sent if t.i < token.i)
    return False


def _absorbs(token: Token, lang: str) -> bool:
    absorbers = NEGATION_ABSORBERS[lang]
    if token.lemma_.lower() in absorbers or token.norm_.lower() in absorbers:
        return True
    return lang == "en" and _hyperbole(token)


# Hyperbole says "more than words can", so its negation is a yes: "I can't
# tell you how much I appreciated...", "words cannot express how grateful I
# am", "I won't ever be able to thank you enough".
_SAYING = frozenset(
    {"tell", "say", "express", "describe", "overstate", "stress", "emphasise", "emphasize"}
    | {"explain", "convey", "put"}
)
_BEYOND_ENOUGH = _SAYING | {"thank", "repay", "appreciate"}


def _hyperbole(token: Token) -> bool:
    """A verb of saying followed by "how ..." or a verb of thanking with "enough"."""
    lemma = token.lemma_.lower()
    if lemma in _SAYING:
        after = token.doc[token.i + 1 : token.i + 4]
        if any(t.lower_ == "how" for t in after):
            return True
    return lemma in _BEYOND_ENOUGH and any(
        c.lower_ == "enough" and c.dep_ == "advmod" for c in token.children
    )


def _negated_by_parse(span: Span, lang: str, inside: set[int]) -> bool | None:
    """True if a governing verb is negated, False if an absorber ("n'hésitez
    pas") takes the negation, None if the parse shows no negation at all."""
    token = span.root
    while True:
        if _absorbs(token, lang) and token.i not in inside:
            return False
        if lang == "en" and _hyperbole(token):  # also inside: "thank you enough"
            return False
        for child in token.children:
            if child.i not in inside and _is_cue(child, lang):
                return True
        if token.dep_ == "conj" and _shares_negation(token):
            token = token.head
            continue
        if token.dep_ in _CLAUSE_BOUNDARIES or token.head is token:
            return None
        # A complement clause before its verb is a comma splice the parser
        # read as a complement: "I've decided to stay, the timing isn't right".
        if token.dep_ == "ccomp" and token.head.i > token.i:
            return None
        if _across_a_colon(span, token.head):
            return None
        token = token.head


# "X : Y" or "X; Y" joins two clauses; the parser sometimes hangs X under Y
# ("Je suis au regret de la décliner : un déménagement n'est pas
# envisageable"), and Y's negation must not deny X.
_CLAUSE_JOINERS = frozenset({":", ";"})


def _across_a_colon(span: Span, head: Token) -> bool:
    if head.i < span.end:
        return False
    return any(t.text in _CLAUSE_JOINERS for t in span.doc[span.end : head.i])


# "not A or B" denies both: "no need to keep my details or contact me",
# "je ne souhaite ni rester en contact ni…". "and" and "but" do not carry a
# negation over ("I can't accept, but I'd love to stay in touch").
_DISJUNCTIONS = frozenset({"or", "nor", "ou", "ni"})


def _shares_negation(conjunct: Token) -> bool:
    """A conjunct joined by or/nor that has no subject of its own."""
    if any(c.dep_.startswith("nsubj") for c in conjunct.children):
        return False
    head = conjunct.head
    between = [c for c in (*head.children, *conjunct.children) if c.dep_ == "cc"]
    return any(c.lower_ in _DISJUNCTIONS and head.i < c.i <= conjunct.i for c in between)


def _negated_in_window(span: Span, lang: str) -> bool:
    doc = span.doc
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    i = span.start - 1
    seen = 0
    absorbed = False
    while i >= sent_start and seen < WINDOW[lang]:
        token = doc[i]
        i -= 1
        if token.is_space:
            if "\n\n" in token.text:
                return False
            continue
        if token.text in _WINDOW_STOPS or token.norm_ in _WINDOW_STOPS:
            return False
        seen += 1
        # "لا يسعني إلا أن أرفض" (I can only decline): لا ... إلا restricts, it
        # does not negate. ألا (أن + لا) shares its normal form but negates.
        if _absorbs(token, lang) or (_restricts(token) if lang == "ar" else False):
            absorbed = True
        if _is_cue(token, lang):
            return not (absorbed or _absorber_beside(token, lang))
    return False


def _restricts(token: Token) -> bool:
    """إلا, written so or as a bare الا, not ألا."""
    return token.norm_ == "الا" and not spelled_an_la(token.text)


def _negated_governor(span: Span) -> bool:
    """Whether the nearest verb of wanting, thinking or hoping before the span is negated.

    "لا أرغب في أن يتم التواصل معي": أرغب governs التواصل and لا negates أرغب.
    The search stays in the clause: it stops where the window stops, at
    "بس" (but), an emoji, an absorbing verb, and after _AR_REACH words. A
    governing verb with و or ف attached opens a clause of its own
    ("…عدم حضور المقابلة وأرجو إلغاء ترشيحي"): nothing before it negates it.
    """
    doc = span.doc
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    i = span.start - 1
    seen = 0
    while i >= sent_start and seen < _AR_REACH:
        token = doc[i]
        i -= 1
        if token.is_space:
            if "\n\n" in token.text:
                return False
            continue
        if (
            token.text in _WINDOW_STOPS
            or token.norm_ in _WINDOW_STOPS
            or token.norm_ in _AR_CLAUSE_STOPS
            or not any(ch.isalnum() for ch in token.text)
            or _absorbs(token, "ar")
        ):
            return False
        seen += 1
        norm = token.norm_.lower()
        if _AR_WANTS.match(norm) or _AR_HOPES.match(norm):
            if norm[:1] in _ARABIC_CONJUNCTIONS and (
                _AR_WANTS.match(norm[1:]) or _AR_HOPES.match(norm[1:])
            ):
                return False
            return _negated_in_window(doc[token.i : token.i + 1], "ar")
    return False


def _absorber_beside(cue: Token, lang: str) -> bool:
    """An absorbing verb right around the negation word: "n'hésitez pas à"."""
    around = cue.doc[max(cue.i - 2, 0) : cue.i + 3]
    return any(_absorbs(t, lang) for t in around if t.i != cue.i)
