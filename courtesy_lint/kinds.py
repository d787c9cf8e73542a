"""Decides which kind of message a draft is, and so which rules apply to it."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from .matching import Detector
from .rule_model import KINDS, PatternSet, Rule

if TYPE_CHECKING:
    from .cache import Cache

UNKNOWN = "unknown"
STRONG, WEAK = 3, 1
_CUES_FILE = "kinds.yaml"


@dataclass(frozen=True)
class ResolvedKind:
    kind: str
    notice: str | None = None


def resolve(option: str, front_matter: str | None, doc: Doc, lang: str) -> ResolvedKind:
    """The kind given on the command line, else in front matter, else detected."""
    chosen = option if option != "auto" else (front_matter or "auto")
    if chosen != "auto":
        if chosen not in KINDS:
            raise ValueError(f"unknown kind '{chosen}' (expected one of: {', '.join(KINDS)})")
        return ResolvedKind(chosen)
    scores = score(doc, lang)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top == 0 or top == second:
        return ResolvedKind(
            UNKNOWN,
            notice="could not tell whether this is a withdrawal, a decline or a reply to a "
            "rejection; only the rules common to all kinds were applied (set --kind or "
            "'kind:' in front matter)",
        )
    return ResolvedKind(best)


def score(doc: Doc, lang: str) -> dict[str, int]:
    """Cue score of each kind: 3 per distinct strong cue, 1 per distinct weak cue."""
    out = {}
    for kind in KINDS:
        strong, weak = _detectors(lang, doc)[kind]
        out[kind] = STRONG * _distinct(strong, doc) + WEAK * _distinct(weak, doc)
    return out


def _distinct(detector: Detector | None, doc: Doc) -> int:
    if detector is None:
        return 0
    return len({span.lemma_.lower() for span in detector.find(doc)})


def rules_for(kind: str, rules: tuple[Rule, ...]) -> list[Rule]:
    """The rules that apply to `kind`; for an unknown kind, those common to all kinds."""
    if kind == UNKNOWN:
        return [r for r in rules if set(KINDS) <= set(r.kinds)]
    return [r for r in rules if r.applies_to(kind)]


_lock = threading.Lock()
_compiled: dict[tuple[str, int], dict[str, tuple[Detector | None, Detector | None]]] = {}


def _detectors(lang: str, doc: Doc):
    from .pipelines import get_pipeline

    key = (lang, id(doc.vocab))
    with _lock:
        if key not in _compiled:
            nlp = get_pipeline(lang).nlp
            cues = load_cues()
            _compiled[key] = {
                kind: tuple(
                    Detector(nlp, lang, cues[kind][lang][level])
                    if lang in cues[kind] and level in cues[kind][lang]
                    else None
                    for level in ("strong", "weak")
                )
                for kind in KINDS
            }
        return _compiled[key]


_cues_lock = threading.Lock()
_cues: dict[str, dict[str, dict[str, PatternSet]]] = {}


def load_cues(cache: Cache | None = None) -> dict[str, dict[str, dict[str, PatternSet]]]:
    """The kind cues shipped in kinds.yaml, validated like rule patterns.

    Loaded once per process; with a `cache`, read back from an earlier run's
    validated copy (parsing and checking the file costs 0.08 s of a cold run).
    """
    with _cues_lock:
        if not _cues:
            _cues.update(_load_cues(cache))
        return _cues


def _load_cues(cache: Cache | None) -> dict[str, dict[str, dict[str, PatternSet]]]:
    from .cache import code_fingerprint, digest, files_fingerprint
    from .rule_loader import load_pattern_file

    path = Path(str(resources.files("courtesy_lint").joinpath(_CUES_FILE)))
    key = digest("kinds", code_fingerprint(), files_fingerprint([path])) if cache else None
    cues = cache.get_cues(key) if cache and key else None
    if cues is None:
        cues = load_pattern_file(path, KINDS, ("strong", "weak"))
        if cache and key:
            cache.put_cues(key, cues)
    return cues
