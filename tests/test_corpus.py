"""Accuracy on the labelled corpus may not regress below a floor.

The corpus is the development set; scripts/evaluate.py prints the full
per-rule table. The floors sit a little under the measured values so that
an honest pattern change that trades one draft for another still passes,
while a real regression fails CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from courtesy_lint.evaluation import evaluate

CORPUS = Path(__file__).resolve().parent / "corpus"

MICRO_F1_FLOOR = {"en": 0.95, "fr": 0.95, "ar": 0.95}
KIND_ACCURACY_FLOOR = {"en": 0.95, "fr": 0.95, "ar": 0.95}


@pytest.fixture(scope="module", params=["en", "fr", "ar"])
def report(request):
    return evaluate(CORPUS / request.param, request.param)


def test_micro_f1_floor(report):
    f1 = report.micro.f1
    assert f1 >= MICRO_F1_FLOOR[report.lang], "\n".join(
        [f"{report.lang} micro F1 {f1:.3f} < {MICRO_F1_FLOOR[report.lang]}", *report.errors]
    )


def test_kind_detection_floor(report):
    assert report.kind_accuracy >= KIND_ACCURACY_FLOOR[report.lang], report.errors


def test_corpus_is_big_enough_and_spread_over_kinds(report):
    labels = yaml.safe_load((CORPUS / report.lang / "labels.yaml").read_text("utf-8"))
    assert len(labels) >= 40
    kinds = [label["kind"] for label in labels.values()]
    assert all(kinds.count(k) >= 10 for k in ("withdraw", "decline", "rejection-reply"))
