"""Run every rule's examples and print a table of outcomes, then each failure.

python scripts/check_examples.py [RULE_ID ...] [--lang LANG] [--quiet]
"""

from __future__ import annotations

import argparse
from collections import Counter

from courtesy_lint.rule_loader import load_rules
from courtesy_lint.rule_testing import run_examples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("rules", nargs="*")
    parser.add_argument("--lang")
    parser.add_argument("--quiet", action="store_true", help="table only")
    args = parser.parse_args()
    outcomes = run_examples(load_rules(), args.rules or None)
    if args.lang:
        outcomes = [o for o in outcomes if o.lang == args.lang]
    ok, total = Counter(), Counter()
    for o in outcomes:
        total[(o.rule, o.lang)] += 1
        ok[(o.rule, o.lang)] += o.ok
    for key in sorted(total):
        print(f"{key[0]:28} {key[1]}  {ok[key]:3}/{total[key]:3}")
    if not args.quiet:
        for o in outcomes:
            if not o.ok:
                print("FAIL", o.describe())
    failed = sum(not o.ok for o in outcomes)
    print(f"{len(outcomes) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
