"""Regenerate the golden end-to-end outputs in tests/golden/.

Each draft `tests/golden/<lang>-<kind>-<what>.{txt,md}` is linted through the
real command line (text format, no colour, kind from the file name, language
detected) and the output is stored next to it as `<name>.expected`. Review
the diff of the regenerated files like code: it is the behaviour users see.

    python scripts/update_golden.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from courtesy_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
KINDS = ("withdraw", "decline", "rejection-reply")


def drafts() -> list[Path]:
    return sorted(p for p in GOLDEN.iterdir() if p.suffix in (".txt", ".md"))


def kind_of(path: Path) -> str:
    return next(k for k in KINDS if f"-{k}" in path.stem)


def render(path: Path) -> str:
    """The command line's output for one golden draft, as a user would see it."""
    relative = path.relative_to(ROOT).as_posix()
    args = [relative, "--kind", kind_of(path), "--color", "never", "--show-evidence"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return f"$ courtesy-lint {' '.join(args)}\n{result.stdout}exit status {result.exit_code}\n"


def expected_path(path: Path) -> Path:
    return path.with_name(path.name + ".expected")


def main() -> int:
    import os

    os.chdir(ROOT)
    for path in drafts():
        expected_path(path).write_text(render(path), encoding="utf-8")
        print(f"wrote {expected_path(path).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
