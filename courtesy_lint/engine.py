"""The linter proper: text, rules and options in, findings out. It never prints or exits."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from . import kinds as kinds_mod
from . import language, layout, structure, suppression
from .findings import Evidence, Finding, LintResult, Severity
from .matching import Detector, blocked
from .negation import is_negated
from .pipelines import LANGUAGES, get_pipeline
from .positions import LineIndex
from .rule_loader import load_rules
from .rule_model import Rule
from .rule_types import CHECKS, DraftView, Match


@dataclass(frozen=True)
class LintOptions:
    """What a run may change: the rule set, severities and limit thresholds.

    `rules=None` means the rules that ship with courtesy-lint.
    """

    rules: tuple[Rule, ...] | None = None
    severities: Mapping[str, Severity] = field(default_factory=dict)
    limits: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    # Rule ids to report; the other rules are still evaluated when a
    # reported one depends on them (reason-is-brief on gives-reason).
    report_only: frozenset[str] | None = None
    # From configuration: used when neither the caller nor front matter says.
    default_lang: str = "auto"
    default_kind: str = "auto"

    def rule_set(self) -> tuple[Rule, ...]:
        # load_rules caches the shipped rule set for as long as its files are unchanged
        return self.rules if self.rules is not None else load_rules()


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
    options = options or LintOptions()
    rules = options.rule_set()
    known = {r.id for r in rules}
    directives = suppression.find(text, known)
    draft = structure.analyse(text, tuple(directives.spans()))
    lang = _resolve_lang(lang, draft, options.default_lang)
    pipeline = get_pipeline(lang)
    doc = pipeline.nlp(draft.text)
    front_matter_kind = draft.meta.get("kind") or (
        options.default_kind if options.default_kind != "auto" else None
    )
    resolved_kind = kinds_mod.resolve(kind, front_matter_kind, doc, lang)
    notices = [n for n in (pipeline.notice, resolved_kind.notice) if n]
    result = check_doc(doc, draft, path, lang, resolved_kind.kind, options, tuple(notices))
    if not directives.items:
        return result
    lines_total = text.count("\n") + 1
    kept = suppression.apply(list(result.findings), directives, path, lines_total)
    return replace(result, findings=tuple(sorted(kept)))


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
        unless = rule.patterns[self.lang].unless
        if not spans or unless is None:
            return spans
        blockers = detector.unless.find(self.doc) if detector.unless else []
        if cross_rule:
            for other_id in unless.rules:
                if other_id in self.evaluable and other_id != rule.id:
                    blockers.extend(self._unblocked(self._rules_by_id[other_id], False))
        return [s for s in spans if not blocked(s, blockers, unless.scope)]

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
