"""The README's set-up commands are the ones CI runs, and point at real files."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command(marker: str) -> str:
    block = re.search(rf"<!-- {marker} -->\n```\n(.+?)\n```\n<!-- /{marker} -->", README, re.S)
    assert block, f"README.md lacks the {marker} block"
    return block.group(1).strip()


def test_run_command_lints_a_shipped_example():
    run = command("run-command")
    example = re.search(r"courtesy-lint (\S+)", run).group(1)
    assert (ROOT / example).is_file()
    assert "pip install ." in run


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci  # CI extracts the command from the README
    assert "pytest" in command("test-command") and "[dev]" in command("test-command")
