"""Measure courtesy-lint's accuracy on the labelled corpus in tests/corpus/.

python scripts/evaluate.py [--lang en|fr|ar] [--errors] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from courtesy_lint.evaluation import evaluate, print_report

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
LANGS = ("en", "fr", "ar")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGS)
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with en/ fr/ ar/")
    args = parser.parse_args()
    langs = [args.lang] if args.lang else [lang for lang in LANGS if (args.corpus / lang).is_dir()]
    print_report([evaluate(args.corpus / lang, lang) for lang in langs], args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
