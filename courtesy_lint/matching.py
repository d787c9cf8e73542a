"""Compiles a rule's patterns for one pipeline into spaCy matchers, and finds their spans in a doc."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from . import arabic
from .rule_model import PatternSet

# The components a phrase needs to get the same lemmas as running text:
# everything but the parser (lemmas do not depend on it) and our own.
_SKIP_FOR_PHRASES = ("parser", "courtesy_line_breaks", "sentencizer")


class Detector:
    """The matchers of one PatternSet, compiled against one pipeline's vocab."""

    def __init__(self, nlp: Language, lang: str, patterns: PatternSet) -> None:
        self.lang = lang
        phrase_attr = "LEMMA" if lang == "ar" else "LOWER"
        self._phrases = _phrase_matcher(nlp, lang, phrase_attr, patterns.phrases)
        self._lemmas = _phrase_matcher(nlp, lang, "LEMMA", patterns.lemmas)
        self._tokens = None
        if patterns.tokens:
            self._tokens = Matcher(nlp.vocab)
            for i, pattern in enumerate(patterns.tokens):
                self._tokens.add(f"t{i}", [_localise(list(pattern), lang)])
        self._deps = None
        if patterns.dependencies:
            self._deps = DependencyMatcher(nlp.vocab)
            for i, pattern in enumerate(patterns.dependencies):
                self._deps.add(f"d{i}", [_localise(list(pattern), lang)])
        # One detector per `unless` block, in order; `unless` when there is exactly one.
        self.unless_blocks = tuple(Detector(nlp, lang, b) for b in patterns.unless_blocks)
        self.unless = self.unless_blocks[0] if len(self.unless_blocks) == 1 else None

    def find(self, doc: Doc) -> list[Span]:
        """Every span a pattern matches, sorted, before any `unless` is applied."""
        spans: list[Span] = []
        for matcher in (self._phrases, self._lemmas, self._tokens):
            if matcher is not None:
                spans.extend(Span(doc, start, end) for _, start, end in matcher(doc))
        if self._deps is not None and doc.has_annotation("DEP"):
            for _, token_ids in self._deps(doc):
                spans.append(Span(doc, min(token_ids), max(token_ids) + 1))
        return sorted(set(spans), key=lambda s: (s.start, -s.end))


def blocked(span: Span, blockers, scope: str | None = None) -> bool:
    """Whether a blocker falls within its scope of the span.

    `blockers` is a list of spans that all block within `scope` ("match",
    "sentence", "paragraph"); or, with no `scope`, a list of (spans, scope)
    pairs, one per `unless` block, each blocking within its own scope.
    """
    if scope is None:
        return any(blocked(span, spans, own) for spans, own in blockers)
    if scope == "match":
        return any(span.start < b.end and b.start < span.end for b in blockers)
    region = _paragraph(span) if scope == "paragraph" else _sentence(span)
    return any(region[0] < b.end_char and b.start_char < region[1] for b in blockers)


# A sentence this short that points back ("Really appreciate it.") or opens
# with an interjection ("Sure, keep me in mind.") leans on its neighbours for
# its meaning, sarcasm included; "Let's stay in touch." stands on its own.
SHORT_SENTENCE = 5
_LEANING = frozenset(
    [
        "it",
        "that",
        "this",
        "so",
        "sure",
        "yeah",
        "yes",
        "wow",
        "great",
        "right",
        "ok",
        "okay",
        "ça",
        "ca",
        "cela",
        "ceci",
        "ce",
        "super",
        "bien",
        "sûr",
        "ouais",
        "ذلك",
        "هذا",
        "هذه",
        "ذاك",
        "اكيد",
        "طبعا",
        "طيب",
    ]
)


_SENTENCE_FINAL = frozenset(".!?؟…:;\n)\"'”»")


def _leans_on_neighbours(sent: Span) -> bool:
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(words) > SHORT_SENTENCE:
        return False
    return any(t.norm_.lower() in _LEANING or t.lower_ in _LEANING for t in words)


def _sentence(span: Span) -> tuple[int, int]:
    if not span.doc.has_annotation("SENT_START"):
        return _paragraph(span)
    sent = span.sent
    start, end = sent.start_char, sent.end_char
    doc = span.doc
    if _leans_on_neighbours(sent):
        if sent.start > 0:
            start = doc[sent.start - 1].sent.start_char
        if sent.end < len(doc):
            end = doc[sent.end].sent.end_char
    # The parser sometimes cuts a line where no punctuation does ("Bonne chance
    # | pour trouver le mouton à cinq pattes..."): a cut with neither a full
    # stop nor a line break is not a sentence end.
    first, last = doc[sent.start].sent, doc[sent.end - 1].sent
    while first.start > 0 and _runs_on(doc[first.start - 1].sent):
        first = doc[first.start - 1].sent
    while last.end < len(doc) and _runs_on(last):
        last = doc[last.end].sent
    return min(start, first.start_char), max(end, last.end_char)


def _runs_on(sent: Span) -> bool:
    """Whether a parser sentence ends mid-line, with no punctuation to end it."""
    text = sent.doc.text
    tail = text[sent.start_char : sent.end_char].rstrip(" \t")
    after = text[sent.start_char + len(tail) : sent.start_char + len(tail) + 1]
    return bool(tail) and tail[-1] not in _SENTENCE_FINAL and after != "\n"


def _paragraph(span: Span) -> tuple[int, int]:
    text = span.doc.text
    start = text.rfind("\n\n", 0, span.start_char)
    end = text.find("\n\n", span.end_char)
    return (0 if start < 0 else start), (len(text) if end < 0 else end)


def _phrase_matcher(nlp: Language, lang: str, attr: str, phrases: Iterable[str]):
    phrases = list(phrases)
    if not phrases:
        return None
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    if attr == "LOWER":
        docs = [nlp.make_doc(p) for p in phrases]
    else:
        disable = [name for name in nlp.pipe_names if name in _SKIP_FOR_PHRASES]
        docs = list(nlp.pipe(phrases, disable=disable))
    matcher.add("phrase", docs)
    return matcher


def _localise(pattern: list[dict], lang: str) -> list[dict]:
    """Arabic string values are written in any spelling; fold them like the text.

    NORM values are normalised and LEMMA values stemmed, so an author can
    write {"LEMMA": "أشكركم"} and match every spelling the analyser folds to
    the same stem.
    """
    if lang != "ar":
        return pattern
    fold = {"NORM": arabic.normalise, "LEMMA": arabic.stem}
    out = []
    for spec in pattern:
        spec = dict(spec)
        for key, func in fold.items():
            if key in spec:
                spec[key] = _fold_value(spec[key], func)
        if "RIGHT_ATTRS" in spec:
            spec["RIGHT_ATTRS"] = _localise([spec["RIGHT_ATTRS"]], lang)[0]
        out.append(spec)
    return out


def _fold_value(value, func):
    if isinstance(value, str):
        return func(value)
    if isinstance(value, dict):
        return {
            op: (
                [func(v) for v in arg] if op in ("IN", "NOT_IN") and isinstance(arg, list) else arg
            )
            for op, arg in value.items()
        }
    return value
