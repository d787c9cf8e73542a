"""Compiles a rule's patterns for one pipeline into spaCy matchers, and finds their spans in a doc."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from . import arabic
from .rule_model import PatternSet
from .shared_charsets import shared_charsets

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
            self._tokens = _TokenPatterns(
                nlp.vocab, lang, [_localise(list(p), lang) for p in patterns.tokens]
            )
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
        index = _DocIndex.of(doc)
        found = index.found.get(self)
        if found is None:
            found = self._find(doc, index)
            index.found[self] = found
        # A fresh list each time: callers add their own spans to it.
        return list(found)

    def _find(self, doc: Doc, index: _DocIndex) -> list[Span]:
        spans: list[Span] = []
        for matcher in (self._phrases, self._lemmas):
            if matcher is not None:
                spans.extend(Span(doc, start, end) for _, start, end in matcher(doc))
        if self._tokens is not None:
            spans.extend(Span(doc, start, end) for start, end in self._tokens(doc, index))
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


# --- token patterns, run only where they can match ------------------------------
#
# spaCy's Matcher costs time for every pattern at every token of a doc, and a
# rule set has hundreds of patterns per language: that was most of a run's
# time, far more than parsing. Yet a pattern can only match a doc that has,
# for each of its required tokens, a word meeting that token's LOWER, ORTH,
# NORM or LEMMA test, and only around such a word. So each pattern has its own
# matcher, run on the few tokens around the rarest of its required words, and
# not at all when one is missing. A match found that way is one the whole doc
# gives (a token pattern sees nothing outside the tokens it matches), and every
# match of the doc contains a required word, so nothing is lost either.

_STRING_ATTRS = {"LOWER": "lower_", "ORTH": "orth_", "TEXT": "orth_", "NORM": "norm_"}
_STRING_ATTRS["LEMMA"] = "lemma_"
# Lexical flags, tested the same way through the Token property of the same name.
_FLAGS = frozenset(
    [
        "IS_ALPHA",
        "IS_ASCII",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "IS_SPACE",
        "IS_STOP",
        "LIKE_NUM",
        "LIKE_URL",
        "LIKE_EMAIL",
    ]
)
# A token attribute the Matcher refuses to test on a doc that lacks it.
_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")
# Tokens added on each side of a window, beyond what a match can reach.
_MARGIN = 2
# Windows this close are matched as one: a Matcher call costs more than a few tokens.
_JOIN = 24


def _word_tests(spec: dict) -> list[tuple]:
    """The tests a token must pass to match the spec, those we can index: (attribute,
    values or None, regex or None)."""
    tests: list[tuple] = []
    for key, value in spec.items():
        if key in _FLAGS and isinstance(value, bool):
            tests.append((key.lower(), frozenset([value]), None))
        attr = _STRING_ATTRS.get(key)
        if attr is None:
            continue
        if isinstance(value, str):
            tests.append((attr, frozenset([value]), None))
        elif isinstance(value, dict):
            for op, arg in value.items():
                op = str(op).upper()
                if op == "IN" and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                    tests.append((attr, frozenset(arg), None))
                elif op == "REGEX" and isinstance(arg, str):
                    tests.append((attr, None, arg))
    return tests


def _plan(pattern: list[dict]):
    """What a pattern needs: the tests of its required tokens; the most tokens its
    bounded specs match; for each unbounded one, its tests (a run of tokens that pass
    them bounds it in a doc), or None when one has none: no bound at all."""
    required: list[tuple] = []
    fixed = 0
    repeated: list[list[tuple]] | None = []
    for spec in pattern:
        spec = {str(k).upper(): v for k, v in spec.items()}
        least, most = _repeats(spec.get("OP"))
        tests = _word_tests(spec)
        if least >= 1:
            required.extend(tests)
        if most is not None:
            fixed += most
        elif repeated is not None:
            repeated = [*repeated, tests] if tests else None
    return required, fixed, repeated


def _repeats(op) -> tuple[int, int | None]:
    """How many tokens a spec with this OP matches, at least and at most (None: any)."""
    if op is None or op == "1":
        return 1, 1
    if op in ("!", "?"):  # "!" matches a token that fails the spec: no word to look for
        return 0, 1
    if op == "*":
        return 0, None
    if op == "+":
        return 1, None
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
        bounds = op[1:-1] if "," in op else f"{op[1:-1]},{op[1:-1]}"
        low, high = bounds.split(",")
        if (low == "" or low.isdecimal()) and (high == "" or high.isdecimal()):
            return int(low or 0), (int(high) if high else None)
    return 0, None  # unknown to us: assume nothing (spaCy refuses it anyway)


class _Tests:
    """Every word test of the loaded patterns, numbered once for the process.

    Which REGEX tests a word passes is kept per word: the same words come
    back draft after draft, and testing each token against hundreds of
    regexes is what made spaCy's own REGEX predicates slow.
    """

    _MAX_WORDS = 200_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.tests: list[tuple] = []
        self._ids: dict[tuple, int] = {}
        # per (language, attribute): the (test id, compiled regex) of its REGEX tests
        self.regexes: dict[tuple[str, str], list[tuple[int, re.Pattern]]] = {}
        self._passed: dict[tuple[str, str, str], tuple[int, frozenset[int]]] = {}
        self._active: set[int] = set()  # the REGEX tests compiled so far

    def add(self, lang: str, test: tuple) -> int:
        with self._lock:
            key = (lang, *test)
            if key not in self._ids:
                self._ids[key] = len(self.tests)
                self.tests.append(test)
            return self._ids[key]

    def activate(self, lang: str, test_ids: Iterable[int]) -> None:
        """Compile REGEX tests the first time a draft needs them.

        Compiling is deferred because many regex tests are never reached:
        a pattern whose plain-word tests fail is skipped before its regexes,
        and compiling the few hundred Arabic ones up front was a tenth of a
        second of every cold run. `passed` takes regexes added later into
        account, word by word.
        """
        with self._lock:
            new = [t for t in dict.fromkeys(test_ids) if t not in self._active]
            if not new:
                return
            # Arabic regexes repeat the same letter classes (alef forms, ta
            # marbuta...): each distinct class is optimised once, a third sooner.
            with shared_charsets():
                for test_id in new:
                    self._active.add(test_id)
                    attr, _, regex = self.tests[test_id]
                    compiled = re.compile(regex)
                    self.regexes.setdefault((lang, attr), []).append((test_id, compiled))

    def is_regex(self, test_id: int) -> bool:
        return self.tests[test_id][1] is None

    def passed(self, lang: str, attr: str, word: str) -> frozenset[int]:
        """The ids of the REGEX tests on this attribute that the word passes."""
        regexes = self.regexes.get((lang, attr), ())
        known = self._passed.get((lang, attr, word))
        if known is not None and known[0] == len(regexes):
            return known[1]
        checked, ids = known if known is not None else (0, frozenset())
        total = len(regexes)
        new = [i for i, regex in regexes[checked:total] if regex.search(word)]
        if new:
            ids = ids.union(new)
        if len(self._passed) > self._MAX_WORDS:
            self._passed.clear()
        self._passed[(lang, attr, word)] = (total, ids)
        return ids


_tests = _Tests()


class _DocIndex:
    """Where each word of a doc is, which tokens pass each test, and what each
    detector found: for one doc at a time per thread, the doc being checked."""

    _local = threading.local()

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.length = len(doc)
        self.found: dict[Detector, list[Span]] = {}
        self._words: dict[str, dict[str, list[int]]] = {}
        self._word_sets: dict[str, frozenset[str]] = {}
        self._where: dict[int, list[int]] = {}
        self._runs: dict[int, int] = {}
        # per (language, attribute): how many regexes were known, and where each one hit
        self._regex_hits: dict[tuple[str, str], tuple[int, dict[int, list[int]]]] = {}

    @classmethod
    def of(cls, doc: Doc) -> _DocIndex:
        index = getattr(cls._local, "index", None)
        if index is None or index.doc is not doc or index.length != len(doc):
            index = cls._local.index = cls(doc)
        return index

    def words(self, attr: str) -> dict[str, list[int]]:
        words = self._words.get(attr)
        if words is None:
            words = {}
            for i, token in enumerate(self.doc):
                words.setdefault(getattr(token, attr), []).append(i)
            self._words[attr] = words
            self._word_sets[attr] = frozenset(words)
        return words

    def where(self, test_id: int, lang: str) -> list[int]:
        """The positions of the tokens that pass the test, in order."""
        hit = self._where.get(test_id)
        if hit is None:
            attr, values, _ = _tests.tests[test_id]
            words = self.words(attr)
            if values is None:
                _tests.activate(lang, (test_id,))
                hit = sorted(self._regexes(lang, attr).get(test_id, ()))
            else:
                common = values & self._word_sets[attr]
                if not common:
                    hit = []
                elif len(common) == 1:
                    (word,) = common
                    hit = words[word]
                else:
                    hit = sorted(i for v in common for i in words[v])
            self._where[test_id] = hit
        return hit

    def longest_run(self, test_id: int, lang: str) -> int:
        """The most tokens in a row that pass the test."""
        run = self._runs.get(test_id)
        if run is None:
            run = length = 0
            previous = -2
            for i in self.where(test_id, lang):
                length = length + 1 if i == previous + 1 else 1
                run = max(run, length)
                previous = i
            self._runs[test_id] = run
        return run

    def _regexes(self, lang: str, attr: str) -> dict[int, list[int]]:
        total = len(_tests.regexes.get((lang, attr), ()))
        known = self._regex_hits.get((lang, attr))
        if known is not None and known[0] == total:
            return known[1]
        hits: dict[int, list[int]] = {}
        for word, at in self.words(attr).items():
            for test_id in _tests.passed(lang, attr, word):
                hits.setdefault(test_id, []).extend(at)
        self._regex_hits[(lang, attr)] = (total, hits)
        return hits


class _TokenPatterns:
    """Token patterns, each matched only around the words it cannot match without."""

    def __init__(self, vocab, lang: str, patterns: list[list[dict]]) -> None:
        self._vocab = vocab
        self._lang = lang
        self._patterns = patterns
        self._matchers: list[Matcher | None] = [None] * len(patterns)
        self._whole: Matcher | None = None
        self._plans = []
        for pattern in patterns:
            required, fixed, repeated = _plan(pattern)
            # Set tests first: they are the cheap ones.
            required.sort(key=lambda t: t[2] is not None)
            self._plans.append(
                (
                    tuple(_tests.add(lang, t) for t in required),
                    fixed,
                    None
                    if repeated is None
                    else tuple(tuple(_tests.add(lang, t) for t in ts) for ts in repeated),
                )
            )
        self._annotations = tuple(
            name
            for name in _ANNOTATIONS
            if any(str(k).upper() == name for pattern in patterns for spec in pattern for k in spec)
        )

    def __call__(self, doc: Doc, index: _DocIndex) -> list[tuple[int, int]]:
        if any(not doc.has_annotation(name) for name in self._annotations):
            # The Matcher refuses such a doc with its own error: keep it.
            if self._whole is None:
                self._whole = Matcher(self._vocab)
                for i, pattern in enumerate(self._patterns):
                    self._whole.add(f"t{i}", [pattern])
            return [(start, end) for _, start, end in self._whole(doc)]
        out: list[tuple[int, int]] = []
        where, lang = index.where, self._lang
        # The regex tests this draft can reach, compiled together: one at a
        # time, each would make the doc's words be looked up again.
        reachable = []
        for tests, _, _ in self._plans:
            for test_id in tests:  # plain-word tests come first
                if _tests.is_regex(test_id):
                    reachable.append(test_id)
                elif not where(test_id, lang):
                    break
        _tests.activate(lang, reachable)
        for i, (tests, fixed, repeated) in enumerate(self._plans):
            anchors = None
            for test_id in tests:
                hit = where(test_id, lang)
                if not hit:
                    break
                if anchors is None or len(hit) < len(anchors):
                    anchors = hit
            else:
                longest = None
                if repeated is not None:
                    longest = fixed + sum(
                        min(index.longest_run(t, lang) for t in ts) for ts in repeated
                    )
                out.extend(self._run(i, doc, anchors, longest))
        return out

    def _run(self, i: int, doc: Doc, anchors: list[int] | None, longest: int | None):
        matcher = self._matchers[i]
        if matcher is None:
            matcher = self._matchers[i] = Matcher(self._vocab)
            matcher.add("t", [self._patterns[i]])
        if anchors is None or longest is None:
            return [(start, end) for _, start, end in matcher(doc)]
        # A match holds an anchor, so it starts at most longest - 1 tokens before
        # one; the window lets every such start run to its full length.
        length = len(doc)
        starts: set[int] = set()
        windows: list[list[int]] = []
        for at in anchors:
            first = max(0, at - longest + 1)
            starts.update(range(first, at + 1))
            low, high = max(0, first - _MARGIN), min(length, at + longest + _MARGIN)
            if windows and low <= windows[-1][1] + _JOIN:
                windows[-1][1] = max(windows[-1][1], high)
            else:
                windows.append([low, high])
        out = []
        for low, high in windows:
            for _, start, end in matcher(doc[low:high]):
                if low + start in starts:
                    out.append((low + start, low + end))
        return out


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
