"""Lints a run's files: reads them, answers what it can from the cache, lints the rest
in batches, across worker processes when there are many, and stores what it linted.

It never prints: the CLI turns what it returns into output and an exit status.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import config, files
from .cache import Cache, code_fingerprint, digest, files_fingerprint
from .findings import LintResult
from .rule_loader import RuleError
from .rule_model import Rule

# Below this many drafts to lint, starting worker processes costs more than it saves.
MIN_DRAFTS_PER_WORKER = 4
# Drafts handed to a worker at a time: small enough for a smooth progress
# bar and an even share of the work, large enough for nlp.pipe to batch.
CHUNK = 16


class RunError(Exception):
    """Something that stops the whole run; str() is one line for the user."""


@dataclass(frozen=True)
class RunOptions:
    lang: str = "auto"
    kind: str = "auto"
    config_path: Path | None = None
    isolated: bool = False
    stdin_filename: str | None = None
    cache: Cache | None = None
    jobs: int = 1
    max_bytes: int | None = None  # None: the configuration's max-bytes, else the default


@dataclass
class RunResult:
    results: list[LintResult] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)  # every rule that applied, by id
    cached: int = 0  # how many results came from the cache
    linted: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) not linted
    encodings: list[tuple[str, str]] = field(default_factory=list)  # (path, codec) read


@dataclass
class _Pending:
    index: int
    shown: str
    text: str
    settings: config.Settings
    key: str | None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run(
    paths: Sequence[str],
    options: RunOptions,
    progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Lint every path, in order. Raises RunError for anything that stops the run."""
    out = RunResult()
    slots: list[LintResult | None] = [None] * len(paths)
    pending: list[_Pending] = []
    for index, path in enumerate(paths):
        shown = options.stdin_filename if (path == files.STDIN and options.stdin_filename) else path
        settings = _settings(shown, options)
        out.rules.update((r.id, r) for r in settings.options.rule_set())
        try:
            draft = files.read(path, max_bytes=_max_bytes(options, settings))
        except files.SkippedFile as exc:  # not a draft (binary, empty, too large): go on
            out.skipped.append((shown, exc.reason))
            if progress:
                progress(1)
            continue
        except files.InputError as exc:
            raise RunError(str(exc)) from None
        out.encodings.append((shown, draft.encoding))
        key = _result_key(draft.text, shown, settings, options) if options.cache else None
        cached = options.cache.get_result(key) if options.cache and key else None
        if cached is not None:
            slots[index] = cached
            out.cached += 1
            if progress:
                progress(1)
        else:
            pending.append(_Pending(index, shown, draft.text, settings, key))

    for item, outcome in zip(pending, _lint(pending, options, progress), strict=False):
        if isinstance(outcome, ValueError):  # front matter, directives, bad lang or kind
            raise RunError(f"{item.shown}: {outcome}")
        slots[item.index] = outcome
        out.linted += 1
        if options.cache and item.key:
            options.cache.put_result(item.key, outcome)
    out.results = [r for r in slots if r is not None]
    return out


# --- configuration and keys ----------------------------------------------------


def _max_bytes(options: RunOptions, settings: config.Settings) -> int:
    """--max-bytes, else the configuration's max-bytes, else the default (0: no limit)."""
    if options.max_bytes is not None:
        return options.max_bytes
    return settings.max_bytes if settings.max_bytes is not None else files.DEFAULT_MAX_BYTES


def _settings(shown: str, options: RunOptions) -> config.Settings:
    """The configuration that applies to one draft: given, found above it, or none."""
    try:
        if options.isolated:
            found = None
        elif options.config_path is not None:
            if not options.config_path.is_file():
                raise RunError(f"{options.config_path}: no such configuration file")
            found = options.config_path
        else:
            start = Path.cwd() if shown == files.STDIN else Path(shown).resolve().parent
            found = config.discover(start)
        loaded = config.load(found.resolve() if found else None, options.cache)
        return loaded.settings_for(None if shown == files.STDIN else shown)
    except (config.ConfigError, RuleError) as exc:
        raise RunError(str(exc)) from None


_rule_fingerprints: dict[tuple[str, ...], str] = {}


def _result_key(text: str, shown: str, settings: config.Settings, options: RunOptions) -> str:
    """Everything a result depends on: the code, the rules, the settings and the text."""
    rules = settings.options.rule_set()
    dirs = tuple(sorted({str(r.path.parent) for r in rules}))
    if dirs not in _rule_fingerprints:
        rule_files = [f for d in dirs for f in sorted(Path(d).glob("*.yaml"))]
        _rule_fingerprints[dirs] = files_fingerprint(rule_files)
    opts = settings.options
    return digest(
        "result",
        code_fingerprint(),
        _rule_fingerprints[dirs],
        [r.id for r in rules],
        {k: v.value for k, v in opts.severities.items()},
        opts.limits,
        sorted(opts.report_only) if opts.report_only is not None else None,
        opts.default_lang,
        opts.default_kind,
        options.lang,
        options.kind,
        shown,
        hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    )


# --- linting, in this process or in workers --------------------------------------

# What forked workers lint: set before the pool starts, so that workers
# inherit it instead of receiving rule sets through pipes.
_work: list = []


def _lint(pending: list[_Pending], options: RunOptions, progress) -> list:
    if not pending:
        return []
    from . import kinds
    from .engine import DraftInput  # spaCy is imported only when something must be linted

    kinds.load_cues(options.cache)  # read back validated, when an earlier run cached them

    inputs = [
        DraftInput(p.text, p.shown, options.lang, options.kind, p.settings.options) for p in pending
    ]
    chunks = [range(i, min(i + CHUNK, len(inputs))) for i in range(0, len(inputs), CHUNK)]
    workers = min(options.jobs, len(inputs) // MIN_DRAFTS_PER_WORKER, len(chunks))
    context = _fork_context()
    if workers <= 1 or context is None:
        return _lint_here(inputs, chunks, progress)
    return _lint_in_workers(inputs, chunks, workers, context, progress)


def _lint_here(inputs, chunks, progress) -> list:
    from .engine import lint_many

    outcomes: list = []
    for chunk in chunks:
        outcomes.extend(lint_many([inputs[i] for i in chunk]))
        if progress:
            progress(len(chunk))
    return outcomes


def _lint_in_workers(inputs, chunks, workers, context, progress) -> list:
    from .engine import warm_up

    global _work
    # The languages, to know which pipelines to load, are detected by the
    # workers too: langdetect took a second of 1,000 drafts, all of it serial
    # in the parent. Forked before any pipeline is loaded, they start fast.
    _work = inputs
    try:
        with context.Pool(workers) as pool:
            found = pool.map(_detect_chunk, [(c.start, c.stop) for c in chunks])
    finally:
        _work = []
    # Load and compile in the parent, once; forked workers share it. The
    # language found is handed on, so workers do not detect it again.
    langs = set()
    for chunk, chunk_langs in zip(chunks, found, strict=True):
        for i, lang in zip(chunk, chunk_langs, strict=True):
            if lang is not None:  # None: a ValueError, reported when that draft is linted
                langs.add(lang)
                inputs[i] = replace(inputs[i], lang=lang)
    rule_sets = list({id(d.options.rule_set()): d.options.rule_set() for d in inputs}.values())
    warm_up(sorted(langs), rule_sets)

    _work = inputs
    outcomes: list = [None] * len(inputs)
    try:
        with context.Pool(workers) as pool:
            for start, chunk_outcomes in pool.imap_unordered(
                _lint_chunk, [(c.start, c.stop) for c in chunks]
            ):
                outcomes[start : start + len(chunk_outcomes)] = chunk_outcomes
                if progress:
                    progress(len(chunk_outcomes))
    finally:
        _work = []
    return outcomes


def _detect_chunk(bounds: tuple[int, int]) -> list[str | None]:
    from .engine import detect_language

    langs: list[str | None] = []
    for draft in _work[bounds[0] : bounds[1]]:
        try:
            langs.append(detect_language(draft.text, draft.lang, draft.options))
        except ValueError:
            langs.append(None)
    return langs


def _lint_chunk(bounds: tuple[int, int]) -> tuple[int, list]:
    from .engine import lint_many

    start, stop = bounds
    return start, lint_many(_work[start:stop])


def _fork_context():
    """Workers are forked, to share the loaded pipelines; where fork is
    unavailable or unsafe (Windows, macOS), the run stays in one process."""
    import sys

    if sys.platform != "linux":
        return None
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None
