"""Measures accuracy on a labelled corpus: per-rule precision, recall and F1, and kind detection.

A corpus folder holds drafts and a labels.yaml giving, for each draft, its
true kind and the exact list of rule ids that must be reported. Rules are
scored with the true kind given, so that a kind-detection miss does not
also count against every rule; kind detection is scored separately.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .engine import lint_text
from .kinds import rules_for
from .rule_loader import load_rules


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class LanguageReport:
    lang: str
    drafts: int = 0
    per_rule: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    kinds_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.per_rule.values():
            total.add(counts)
        return total

    @property
    def kind_accuracy(self) -> float:
        return self.kinds_right / self.drafts if self.drafts else 1.0


def evaluate(folder: Path, lang: str) -> LanguageReport:
    """Lint every labelled draft in `folder` (written in `lang`) and score the results."""
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    rules = load_rules()
    report = LanguageReport(lang)
    for name, label in sorted(labels.items()):
        text = (folder / name).read_text(encoding="utf-8")
        kind = label["kind"]
        expected = set(label.get("expect") or [])
        found = {f.rule for f in lint_text(text, lang, kind, path=name).findings}
        for rule in rules_for(kind, rules):
            counts = report.per_rule[rule.id]
            if rule.id in expected and rule.id in found:
                counts.tp += 1
            elif rule.id in found:
                counts.fp += 1
                report.errors.append(f"{lang}/{name} ({kind}): false positive {rule.id}")
            elif rule.id in expected:
                counts.fn += 1
                report.errors.append(f"{lang}/{name} ({kind}): missed {rule.id}")
        detected = lint_text(text, "auto", "auto", path=name)
        report.drafts += 1
        report.kinds_right += detected.kind == kind
        if detected.kind != kind:
            report.errors.append(f"{lang}/{name}: kind {detected.kind}, expected {kind}")
        if detected.lang != lang:
            report.errors.append(f"{lang}/{name}: language detected as {detected.lang}")
    return report


def print_report(reports: list[LanguageReport], show_errors: bool) -> None:
    rule_ids = sorted({r for rep in reports for r in rep.per_rule})
    header = f"{'rule':24}" + "".join(f" | {lang:^17}" for lang in (r.lang for r in reports))
    print(header)
    print(f"{'':24}" + " | prec  rec   F1  " * len(reports))
    for rule_id in rule_ids:
        row = f"{rule_id:24}"
        for rep in reports:
            c = rep.per_rule.get(rule_id)
            row += " | " + (f"{c.precision:4.2f} {c.recall:4.2f} {c.f1:4.2f} " if c else " " * 17)
        print(row)
    print("-" * len(header))
    for rep in reports:
        m = rep.micro
        print(
            f"{rep.lang}: {rep.drafts} drafts, micro P {m.precision:.3f} R {m.recall:.3f} "
            f"F1 {m.f1:.3f} (tp {m.tp}, fp {m.fp}, fn {m.fn}); "
            f"kind detection {rep.kinds_right}/{rep.drafts} = {rep.kind_accuracy:.1%}"
        )
    if show_errors:
        for rep in reports:
            for error in rep.errors:
                print("  " + error)
