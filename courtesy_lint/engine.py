"""The linter proper: text, rules and options in, findings out. It never prints or exits."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from . import kinds as kinds_mod
from . import language, layout, structure, suppression
from .findings import Evidence, Finding, LintResult, Severity
from .matching import Detector, blocked
from .negation import is_negated
from .options import LintOptions
from .pipelines import LANGUAGES, get_pipeline
from .positions import LineIndex
from .rule_model import Rule
from .rule_types import CHECKS, DraftView, Match


@dataclass(frozen=True)
class DraftInput:
    """One draft to lint with `lint_many`, and what the caller says about it."""

    text: str
    path: str = "<text>"
    lang: str = "auto"
    kind: str = "auto"
    options: LintOptions | None = None


def lint_text(
    text: str,
    lang: str = "auto",
    kind: str = "auto",
    *,
    path: str = "<text>",
    options: LintOptions | None = None,
) -> LintResult:
    """Lint one draft.

    `lang` is "auto", "en", "fr" or "ar"; `kind` is "auto", "withdraw",
    "decline" or "rejection-reply". Markdown front matter in the text may set
    either when it is "auto". Raises ValueError (FrontMatterError included)
    for a bad language or kind.
    """
    (outcome,) = lint_many([DraftInput(text, path, lang, kind, options)])
    if isinstance(outcome, ValueError):
        raise outcome
    return outcome


def lint_many(drafts: Sequence[DraftInput], batch_size: int = 32) -> list[LintResult | ValueError]:
    """Lint many drafts, parsing each language's drafts together with `nlp.pipe`.

    Returns one outcome per draft, in order: its result, or the ValueError
    that makes it impossible to lint (bad front matter, language or kind),
    so that one bad draft does not stop the others.
    """
    outcomes: list[LintResult | ValueError | None] = [None] * len(drafts)
    by_lang: dict[str, list[tuple[int, _Prepared]]] = {}
    for i, draft in enumerate(drafts):
        try:
            prepared = _prepare(draft)
        except ValueError as exc:
            outcomes[i] = exc
            continue
        by_lang.setdefault(prepared.lang, []).append((i, prepared))
    for lang, items in by_lang.items():
        pipeline = get_pipeline(lang)
        texts = (p.draft.text for _, p in items)
        # Each result is finished as its doc comes out: the docs of a
        # thousand drafts are never all held at once.
        for (i, prepared), doc in zip(
            items, pipeline.nlp.pipe(texts, batch_size=batch_size), strict=False
        ):
            try:
                outcomes[i] = _finish(prepared, doc, pipeline.notice)
            except ValueError as exc:
                outcomes[i] = exc
    return outcomes  # type: ignore[return-value]


@dataclass(frozen=True)
class _Prepared:
    """A draft read and resolved up to the point where it needs spaCy."""

    source: DraftInput
    options: LintOptions
    directives: suppression.Directives
    draft: structure.Structure
    lang: str


def _prepare(source: DraftInput) -> _Prepared:
    options = source.options or LintOptions()
    known = {r.id for r in options.rule_set()}
    directives = suppression.find(source.text, known)
    draft = structure.analyse(source.text, tuple(directives.spans()))
    lang = _resolve_lang(source.lang, draft, options.default_lang)
    return _Prepared(source, options, directives, draft, lang)


def _finish(prepared: _Prepared, doc: Doc, pipeline_notice: str | None) -> LintResult:
    source, options, draft = prepared.source, prepared.options, prepared.draft
    front_matter_kind = draft.meta.get("kind") or (
        options.default_kind if options.default_kind != "auto" else None
    )
    resolved_kind = kinds_mod.resolve(source.kind, front_matter_kind, doc, prepared.lang)
    notices = tuple(n for n in (pipeline_notice, resolved_kind.notice) if n)
    result = check_doc(doc, draft, source.path, prepared.lang, resolved_kind.kind, options, notices)
    if not prepared.directives.items:
        return result
    lines_total = source.text.count("\n") + 1
    kept = suppression.apply(list(result.findings), prepared.directives, source.path, lines_total)
    return replace(result, findings=tuple(sorted(kept)))


def detect_language(text: str, lang: str = "auto", options: LintOptions | None = None) -> str:
    """The language a draft will be linted in, without parsing it (ValueError if invalid)."""
    return _prepare(DraftInput(text, lang=lang, options=options)).lang


def _resolve_lang(lang: str, draft: structure.Structure, default: str = "auto") -> str:
    chosen = lang if lang != "auto" else draft.meta.get("lang", default)
    if chosen == "auto":
        return language.detect(draft.text)
    if chosen not in LANGUAGES:
        raise ValueError(f"unknown language '{chosen}' (expected one of: {', '.join(LANGUAGES)})")
    return chosen


def check_doc(
    doc: Doc,
    draft: structure.Structure,
    path: str,
    lang: str,
    kind: str,
    options: LintOptions,
    notices: tuple[str, ...] = (),
) -> LintResult:
    """Run the rules that apply to `kind` over a parsed draft."""
    rules = options.rule_set()
    view = _View(doc, draft, path, lang, kind, rules, options)
    findings: list[Finding] = []
    evidence: list[Evidence] = []
    for rule in kinds_mod.rules_for(kind, rules):
        if options.report_only is not None and rule.id not in options.report_only:
            continue
        if rule.type != "limit" and rule.id not in view.evaluable:
            continue  # the rule has no patterns in this language
        found, proof = CHECKS[rule.type](rule, view)
        findings.extend(found)
        evidence.extend(proof)
    return LintResult(
        path=path,
        lang=lang,
        kind=kind,
        findings=tuple(sorted(findings)),
        evidence=tuple(sorted(evidence, key=lambda e: (e.line, e.column, e.rule))),
        notices=notices,
    )


_detectors_lock = threading.Lock()
_detectors: dict[tuple[int, str, int], tuple[Rule, Detector]] = {}


def _detector(rule: Rule, lang: str, doc: Doc) -> Detector:
    """Compiled matchers, cached per rule object and language for the process.

    The rule object itself is kept beside its matchers and checked, so an
    edited rule file (a new Rule) never reuses stale matchers.
    """
    key = (id(rule), lang, id(doc.vocab))
    with _detectors_lock:
        cached = _detectors.get(key)
        if cached is None or cached[0] is not rule:
            cached = (rule, Detector(get_pipeline(lang).nlp, lang, rule.patterns[lang]))
            _detectors[key] = cached
        return cached[1]


class _View(DraftView):
    def __init__(self, doc, draft, path, lang, kind, rules, options) -> None:
        self.doc = doc
        self.path = path
        self.lang = lang
        self.text = draft.text
        self.original = draft.original
        self.letter = layout.find_layout(draft.text)
        # Only the rules of this kind: a rule that does not apply must not
        # shape others (cut an explanation short, for one).
        applicable = kinds_mod.rules_for(kind, rules)
        self.required_rules = tuple(r for r in applicable if r.type == "required")
        self._applicable = {r.id: r for r in applicable}
        self._rules_by_id = {r.id: r for r in rules}
        self._options = options
        self._lines = LineIndex(draft.text)
        self._matches: dict[str, list[Match]] = {}
        self.evaluable = {
            r.id for r in rules if r.patterns.get(lang) and not r.patterns[lang].is_empty()
        }

    def matches(self, rule: Rule) -> list[Match]:
        if rule.id not in self._matches:
            found: list[Match] = []
            if rule.id in self.evaluable:
                flips = rule.type == "required" and rule.negation == "flips"
                found = [
                    Match(s, flips and is_negated(s, self.lang)) for s in self._unblocked(rule)
                ]
            self._matches[rule.id] = found
        return self._matches[rule.id]

    def _unblocked(self, rule: Rule, cross_rule: bool = True) -> list[Span]:
        """The rule's spans, minus those its `unless` blocks.

        Another rule named in `unless.rules` blocks with its own spans
        filtered by its own patterns only, never by a third rule: no cycles.
        """
        detector = _detector(rule, self.lang, self.doc)
        spans = detector.find(self.doc)
        blocks = rule.patterns[self.lang].unless_blocks
        if not spans or not blocks:
            return spans
        groups = []
        for block, block_detector in zip(blocks, detector.unless_blocks, strict=True):
            blockers = block_detector.find(self.doc)
            if cross_rule:
                for other_id in block.rules:
                    if other_id in self.evaluable and other_id != rule.id:
                        blockers.extend(self._unblocked(self._rules_by_id[other_id], False))
            groups.append((blockers, block.scope))
        return [s for s in spans if not blocked(s, groups)]

    def applicable_rule(self, rule_id: str) -> Rule | None:
        return self._applicable.get(rule_id)

    def severity(self, rule: Rule) -> Severity:
        return self._options.severities.get(rule.id, rule.severity)

    def limit_value(self, rule: Rule, key: str) -> int | None:
        override = self._options.limits.get(rule.id, {})
        return override.get(key, getattr(rule.limit, key))

    def finding(self, rule, start, end, status, message, match=None, suggestion=None) -> Finding:
        line, column = self._lines.position(start)
        end_line, end_column = self._lines.position(end)
        return Finding(
            path=self.path,
            line=line,
            column=column,
            rule=rule.id,
            end_line=end_line,
            end_column=end_column,
            severity=self.severity(rule),
            status=status,
            message=message,
            match=match,
            suggestion=suggestion,
        )

    def evidence(self, rule: Rule, span: Span) -> Evidence:
        sentence = span.sent if self.doc.has_annotation("SENT_START") else span
        line, column = self._lines.position(sentence.start_char)
        return Evidence(rule.id, line, column, " ".join(sentence.text.split()))


def warm_up(langs: Sequence[str], rule_sets: Sequence[tuple[Rule, ...]]) -> None:
    """Load the pipelines and compile every matcher these drafts could need.

    Done once before worker processes are forked, so that they share it all
    instead of each loading and compiling the same things again.
    """
    for lang in langs:
        nlp = get_pipeline(lang).nlp
        empty = nlp.make_doc("")
        kinds_mod.score(empty, lang)
        for rules in rule_sets:
            for rule in rules:
                patterns = rule.patterns.get(lang)
                if patterns is not None and not patterns.is_empty():
                    _detector(rule, lang, empty)
