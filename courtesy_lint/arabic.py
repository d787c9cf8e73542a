"""Arabic normalisation and light stemming, and the spaCy component that applies them to tokens.

Real Arabic emails spell the same word many ways: with or without tashkeel,
with tatweel, with any of أ/إ/آ/ا, with ى or ي, ة or ه, and with clitics
attached (و، ف، ب، ل، ال، and pronoun suffixes). The component sets
`token.norm_` to the orthographically normalised form and `token.lemma_` to
its light stem, so a rule written once ("شكرا على الفرصة") matches
"وشكرًا على الفرصه" and "شكـــراً للفرصة" alike.

pyarabic does the tashkeel, tatweel and alef work; snowballstemmer's Arabic
stemmer strips clitics. Both are maintained, tested implementations of
exactly these steps, which we would otherwise re-derive by hand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pyarabic.araby as araby
from spacy.lang.char_classes import LATIN, LATIN_LOWER
from spacy.language import Language
from spacy.tokens import Doc

# Folds that pyarabic leaves to the caller. ى/ي and ة/ه are spelled either
# way in everyday writing; ؤ and ئ are hamza seats that people often drop;
# Persian keyboards type ی and ک for ي and ك.
_LETTER_FOLDS = str.maketrans(
    {
        "ى": "ي",
        "ی": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ک": "ك",
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u200e": None,  # left-to-right mark
        "\u200f": None,  # right-to-left mark
        "\u061c": None,  # Arabic letter mark
    }
)


@lru_cache(maxsize=1)
def _stemmer():
    # snowballstemmer imports the stemmers of thirty languages: only when an
    # Arabic word is stemmed, not in every run that imports this module.
    import snowballstemmer

    return snowballstemmer.stemmer("arabic")


ANALYSER = "courtesy_arabic_analyser"


def suffixes(defaults) -> list[str]:
    """The Arabic tokenizer's suffix rules: spaCy's, plus two for punctuation it leaves attached.

    spaCy's Arabic rules split a full stop off a word only after two letters
    of ALPHA_UPPER, a class that holds the uncased Arabic letters and Latin
    capitals but not Latin small letters: "IBM." splits, "Google." and
    "LinkedIn." do not, and their sentence never ends. After a diacritic
    ("جداً.", "لوقتكم.") nothing splits at all.
    The pipeline uses `suffixes(nlp.Defaults.suffixes)`.
    """
    return [
        *defaults,
        r"(?<=[\u064B-\u065F\u0670])[.!?؟،؛:…]",
        # after a Latin word; abbreviations with inner dots ("e.g.", "a.m.") and
        # the titles before a name ("Dear Ms. Hind") stay whole
        rf"(?<=[{LATIN}][{LATIN_LOWER}])(?<!\b[MD]r)(?<!\bMs)(?<!\bMrs)(?<!\bMme)\.",
    ]


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The orthographic normal form: no tashkeel or tatweel, one alef, ي for ى, ه for ة."""
    text = araby.strip_tashkeel(araby.strip_tatweel(text))
    # ى must become ي before pyarabic's alef folding, which would make it ا
    # ("على" would read as "علا", "إلى" as "إلا").
    text = text.translate(_LETTER_FOLDS)
    text = araby.normalize_ligature(text)
    text = araby.normalize_alef(text)
    text = araby.normalize_teh(text)
    return text.lower()


# أن + لا ("that ... not"), written أَلّا, also with a conjunction or ب before
# it ("وألا", "بألا"). Only its hamza tells it from إلا ("except"): both
# normalise to الا, as the patterns expect, so the written form decides. A
# bare الا is taken for إلا, the word people far more often write that way.
_AN_LA = re.compile(r"^[وف]?ب?\u0623لا$")


def spelled_an_la(text: str) -> bool:
    """Whether a token is written ألا (أن + لا, a negation), hamza above the alef."""
    return bool(_AN_LA.match(_unmarked(text)))


def _unmarked(text: str) -> str:
    """Tashkeel and tatweel removed, letters (hamzas included) left as written."""
    return araby.strip_tashkeel(araby.strip_tatweel(unicodedata.normalize("NFC", text)))


# The definite article, with the conjunction and preposition that go before
# it (وال، فال، بال، كال، لل، وبال…), and the attached pronouns of a noun.
# Snowball strips them only under length conditions, and never a و or ف
# before ال, so one word got several stems: الملاحظات ملاحظ but ملاحظات
# ملاحظا, والوقت والوق but الوقت وقت, وظيفتي ظيفت but وظيفة ظيف.
_ARTICLE = re.compile(r"^[وف]?(?:[بكل]?ال|لل)")
_PRONOUN = re.compile(r"(?:كما|هما|كم|كن|هم|هن|ها|نا|ي|ك)$")  # a noun's: not ني


def _strip_clitics(word: str) -> str:
    """The word without its article or an attached pronoun, in the singular, before stemming.

    At least three letters are left (four before نا, which also ends an
    adverb: ممتنا، احيانا), so "الذي", "لكم", "مهم" stay whole. A noun with a
    pronoun takes no article, so a ل or ب before it is the preposition
    (لوقتكم، باحترامكم; Snowball keeps them there), and a ت before the
    pronoun is a ta marbuta (وظيفتي: وظيفة). A sound feminine plural goes
    back to its singular (ملاحظات: ملاحظة), which Snowball strips the same way.
    """
    article = _ARTICLE.match(word)
    pronoun = _PRONOUN.search(word)
    had_pronoun = False
    if article and len(word) - article.end() >= 3:
        word = word[article.end() :]
    elif pronoun and len(word) - len(pronoun.group()) >= (4 if pronoun.group() == "نا" else 3):
        word = word[: pronoun.start()]
        had_pronoun = True
        if word[:1] in ("ل", "ب") and len(word) >= 4:
            word = word[1:]
    if word.endswith("ات") and len(word) >= 5:
        return word[:-2] + "ة"
    # not in three letters: وقتي، بيتي
    if had_pronoun and word.endswith("ت") and len(word) >= 4:
        return word[:-1] + "ة"
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The light stem of one word, clitics removed, after normalisation."""
    normal = normalise(word)
    if not any("\u0600" <= ch <= "\u06ff" for ch in normal):
        return normal
    normal = _strip_clitics(normal)
    # A final ه is either a ta marbuta written loosely (فرصه) or the pronoun
    # "his" (كتابه). Given back to the stemmer as ة, both lose it the same
    # way, whereas a bare ه is stripped or kept depending on word length.
    if normal.endswith("ه"):
        normal = normal[:-1] + "ة"
    stemmed = _stemmer().stemWord(normal).replace("ة", "ه")
    # The stemmer can strip a short word to nothing or one letter; the
    # normalised form is then the better key.
    return stemmed if len(stemmed) >= 2 else normal


@Language.component(ANALYSER)
def analyse_arabic(doc: Doc) -> Doc:
    """Give each token its normalised form (NORM) and light stem (LEMMA)."""
    for token in doc:
        token.norm_ = normalise(token.text)
        token.lemma_ = stem(token.text)
    return doc
