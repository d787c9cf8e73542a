"""Decides which language a draft is written in: en, fr or ar."""

from __future__ import annotations

import re
import threading

LANGUAGES = ("en", "fr", "ar")

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ']+")

# Function words frequent in one language and rare in the other: a tie-
# breaker for drafts too short for langdetect's n-gram statistics.
_FUNCTION_WORDS = {
    "en": frozenset(
        [
            "the",
            "and",
            "you",
            "your",
            "for",
            "to",
            "of",
            "my",
            "i",
            "is",
            "it",
            "this",
            "that",
            "with",
            "have",
            "be",
            "will",
            "would",
            "thank",
            "thanks",
            "am",
            "are",
            "was",
            "not",
            "we",
            "our",
            "in",
            "on",
            "at",
            "as",
            "but",
            "so",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "vous",
            "votre",
            "vos",
            "pour",
            "de",
            "des",
            "du",
            "je",
            "mon",
            "ma",
            "mes",
            "est",
            "ce",
            "cette",
            "avec",
            "avoir",
            "être",
            "merci",
            "suis",
            "pas",
            "nous",
            "notre",
            "dans",
            "sur",
            "au",
            "aux",
            "mais",
            "que",
            "qui",
            "une",
            "un",
        ]
    ),
}

_lock = threading.Lock()


def detect(text: str) -> str:
    """The draft's language, deterministically.

    Arabic script is unambiguous, so it is checked first: a draft whose
    letters are mostly Arabic is Arabic, whatever Latin company names it
    mentions. Between English and French, langdetect (seeded) decides long
    drafts; function-word counts decide short ones and break langdetect's
    near-ties, where its statistics are unreliable.
    """
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if arabic and arabic >= 0.3 * (arabic + latin):
        return "ar"
    words = [w.lower().strip("'") for w in _WORD.findall(text)]
    votes = {lang: sum(w in vocab for w in words) for lang, vocab in _FUNCTION_WORDS.items()}
    if len(words) >= 12:
        guess = _langdetect(text)
        if guess is not None:
            return guess
    if votes["fr"] > votes["en"]:
        return "fr"
    return "en"


_factory = None


def _langdetect(text: str) -> str | None:
    """langdetect's choice between en and fr, or None when it is not confident.

    Only the English and French profiles are loaded: Arabic is settled by
    script before this, and loading all 55 profiles would cost a quarter of
    a second per process for languages never answered.
    """
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:  # a detector factory is shared state
        try:
            detector = _detector_factory().create()
            detector.append(text)
            ranked = detector.get_probabilities()
        except LangDetectException:
            return None
    probs = {r.lang: r.prob for r in ranked if r.lang in ("en", "fr")}
    if not probs:
        return None
    best = max(probs, key=probs.get)
    return best if probs[best] >= 0.6 else None


def _detector_factory():
    global _factory
    if _factory is None:
        from importlib import resources

        from langdetect.detector_factory import DetectorFactory

        profiles = resources.files("langdetect") / "profiles"
        factory = DetectorFactory()
        factory.load_json_profile([(profiles / lang).read_text("utf-8") for lang in ("en", "fr")])
        factory.set_seed(0)  # langdetect samples at random: a fixed seed keeps runs identical
        _factory = factory
    return _factory
