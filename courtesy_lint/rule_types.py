"""The three rule types, implemented once each: required, forbidden, limit.

A rule file names its type; the engine looks the check up in CHECKS. Each
check is a pure function of the rule and the parsed draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from . import layout
from .findings import Evidence, Finding, Severity, Status
from .rule_model import Rule


@dataclass(frozen=True)
class Match:
    span: Span
    negated: bool


class DraftView:
    """What a check may look at: the parsed draft and the matches of any rule.

    Implemented by the engine; checks never parse or load anything.
    """

    path: str
    lang: str
    text: str
    letter: layout.Layout
    required_rules: tuple[Rule, ...]

    def matches(self, rule: Rule) -> list[Match]: ...
    def applicable_rule(self, rule_id: str) -> Rule | None:
        """The rule with this id, if it applies to the draft's kind."""

    def severity(self, rule: Rule) -> Severity: ...
    def limit_value(self, rule: Rule, key: str) -> int | None: ...
    def finding(
        self,
        rule: Rule,
        start: int,
        end: int,
        status: Status,
        message: str,
        match: str | None = None,
        suggestion: str | None = None,
    ) -> Finding: ...
    def evidence(self, rule: Rule, span: Span) -> Evidence: ...


CheckResult = tuple[list[Finding], list[Evidence]]


def check_required(rule: Rule, view: DraftView) -> CheckResult:
    """Reported when the element is missing, or present only negated."""
    matches = view.matches(rule)
    for m in matches:
        if not m.negated:
            return [], [view.evidence(rule, m.span)]
    suggestion = rule.suggestion.get(view.lang)
    if matches:
        span = matches[0].span
        sentence = span.sent if span.doc.has_annotation("SENT_START") else span
        quoted = " ".join(sentence.text.split())
        if len(quoted) > 80:
            quoted = quoted[:77] + "..."
        message = f"{rule.message} (it is only there in negated form: “{quoted}”)"
        return [
            view.finding(
                rule,
                span.start_char,
                span.end_char,
                Status.MISSING,
                message,
                match=span.text,
                suggestion=suggestion,
            )
        ], []
    where = _placement(rule, view)
    return [
        view.finding(rule, where, where, Status.MISSING, rule.message, suggestion=suggestion)
    ], []


def _placement(rule: Rule, view: DraftView) -> int:
    """Where a missing element would best go: the start of the body or its end."""
    letter = view.letter
    text = view.text
    if rule.placement == "end":
        if letter.sign_off:
            return letter.sign_off[0]
        end = letter.body_end
        while end > letter.body_start and text[end - 1].isspace():
            end -= 1
        return text.rfind("\n", 0, end) + 1
    start = letter.body_start
    while start < len(text) and text[start].isspace():
        start += 1
    return start if start < len(text) else 0


def check_forbidden(rule: Rule, view: DraftView) -> CheckResult:
    """One finding per offending span; overlapping matches merge into one span.

    Two patterns often catch two parts of one offence ("m'avez fait perdre"
    and "perdre mon temps"); the finding covers all of it.
    """
    spans = _merge_overlapping([m.span for m in view.matches(rule)])
    findings = [
        view.finding(rule, s.start_char, s.end_char, Status.VIOLATED, rule.message, match=s.text)
        for s in spans
    ]
    return findings, []


def _merge_overlapping(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = last.doc[last.start : max(last.end, span.end)]
        else:
            merged.append(span)
    return merged


def check_limit(rule: Rule, view: DraftView) -> CheckResult:
    """A count of words or sentences over its bound, in the message or in the explanation."""
    assert rule.limit is not None
    if rule.limit.scope == "message":
        regions = [(view.letter.body_start, view.letter.body_end)]
        what = "the message"
    else:
        regions = _explanation(rule, view)
        what = "the explanation"
    max_words = view.limit_value(rule, "max_words")
    max_sentences = view.limit_value(rule, "max_sentences")
    findings = []
    for start, end in regions:
        sentences = layout.sentences(view.text, start, end)
        if not sentences:
            continue
        words = layout.count_words(view.text[start:end])
        over = []
        if max_words is not None and words > max_words:
            over.append(f"{words} words, over {max_words}")
        if max_sentences is not None and len(sentences) > max_sentences:
            over.append(f"{len(sentences)} sentences, over {max_sentences}")
        if over:
            first, last = sentences[0][0], sentences[-1][1]
            message = f"{rule.message} ({what} has {'; '.join(over)})"
            findings.append(view.finding(rule, first, last, Status.VIOLATED, message))
    return findings, []


def _explanation(rule: Rule, view: DraftView) -> list[tuple[int, int]]:
    """The runs of sentences that explain the decision.

    A run grows from each sentence (or line) the anchor rule matches, backwards
    within its line and forwards through its paragraph, until a sentence that
    does another job (thanks, keeping in touch...: a match of another required
    rule, or of a rule the limit lists in `stop_at`) or a blank line. Narrative
    before the reason on its line ("Here's what happened...") belongs to the
    explanation as much as detail after it.
    """
    anchor = next((r for r in view.required_rules if r.id == rule.limit.anchor), None)
    if anchor is None:
        return []
    letter = view.letter
    # A line break ends a unit too: drafts put one thought per line, with or
    # without a full stop ("merci pr ton temps / je me retire du process, j'ai
    # signé ailleurs / on reste en contact"), and a line of thanks or praise
    # above the reason is not more of it.
    body = [
        part
        for sentence in layout.sentences(view.text, letter.body_start, letter.body_end)
        for part in layout.lines_of(view.text, *sentence)
    ]
    anchors = [m.span for m in view.matches(anchor)]
    others = [
        m.span
        for other in view.required_rules
        if other.id != anchor.id
        for m in view.matches(other)
        if not m.negated
    ]
    # A sentence a `stop_at` rule matches, even negated, ends the run even if
    # it also mentions the reason: "if it were remote I'd reconsider", "no
    # need to contact me about future roles" are not more explanation.
    stops = [
        m.span
        for other_id in rule.limit.stop_at
        if (other := view.applicable_rule(other_id)) is not None
        for m in view.matches(other)
    ]

    def touches(i: int, spans) -> bool:
        start, end = body[i]
        return any(s.start_char < end and start < s.end_char for s in spans)

    def joins(i: int, j: int) -> bool:
        """Whether sentence j belongs to the same run as its neighbour i."""
        gap = view.text[min(body[i][1], body[j][1]) : max(body[i][0], body[j][0])]
        # Narrative before the reason shares its line; a line above it is
        # another paragraph-line (thanks, praise), while detail may follow
        # on the next lines.
        if gap.count("\n") >= 2 or (j < i and "\n" in gap) or touches(j, stops):
            return False
        return touches(j, anchors) or not touches(j, others)

    regions = []
    i = 0
    while i < len(body):
        if not touches(i, anchors):
            i += 1
            continue
        first = last = i
        # A reason named inside a sentence that does another job ("stay in
        # touch, perhaps for another role") is counted there but grows no run.
        alone = touches(i, stops)
        while (
            not alone
            and first > 0
            and joins(first, first - 1)
            and not regions_cover(regions, body[first - 1])
        ):
            first -= 1
        while not alone and last + 1 < len(body) and joins(last, last + 1):
            last += 1
        regions.append((body[first][0], body[last][1]))
        i = last + 1
    return regions


def regions_cover(regions: list[tuple[int, int]], sentence: tuple[int, int]) -> bool:
    return any(start <= sentence[0] < end for start, end in regions)


CHECKS: dict[str, Callable[[Rule, DraftView], CheckResult]] = {
    "required": check_required,
    "forbidden": check_forbidden,
    "limit": check_limit,
}
