"""The pre-commit hook, driven by the real pre-commit tool on a repository of drafts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUDE = (
    "Hi Mark,\n\nI withdraw my application. Honestly your recruiter was rude and the "
    "process was a joke.\n\nTom\n"
)
GOOD = (
    "Dear Ms. Chen,\n\nThank you very much for the offer and for the time your team gave me. "
    "I have decided to decline it, as I have accepted a position closer to my family. "
    "I hope we stay in touch, and I wish you every success in finding the right person.\n\n"
    "Best regards,\nDana\n"
)


@pytest.fixture(scope="module")
def wheelhouse() -> str:
    """Tests use no network: the hook's environment is built from local wheels."""
    folder = os.environ.get("COURTESY_LINT_WHEELHOUSE")
    if not folder or not Path(folder).is_dir():
        if os.environ.get("CI"):
            pytest.fail(
                "COURTESY_LINT_WHEELHOUSE must point at scripts/install_test_tools.sh's wheels"
            )
        pytest.skip("run scripts/install_test_tools.sh and set COURTESY_LINT_WHEELHOUSE")
    return folder


@pytest.fixture(scope="module")
def content_repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("content")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "rude.txt").write_text(RUDE, encoding="utf-8")
    (repo / "drafts" / "good.md").write_text(GOOD, encoding="utf-8")
    (repo / "notes.py").write_text("print('not a draft')\n", encoding="utf-8")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    return repo


def try_repo(content_repo: Path, wheelhouse: str, *files: str):
    env = {
        **os.environ,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": wheelhouse,
        "PRE_COMMIT_HOME": str(content_repo.parent / "pre-commit-home"),
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "courtesy-lint",
         "--verbose", "--files", *files],
        cwd=content_repo, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip


def test_a_discourteous_draft_blocks_the_commit(content_repo, wheelhouse):
    proc = try_repo(content_repo, wheelhouse, "drafts/rude.txt")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "drafts/rude.txt:3:" in proc.stdout and "no-accusations" in proc.stdout


def test_a_courteous_draft_passes_and_code_is_not_linted(content_repo, wheelhouse):
    proc = try_repo(content_repo, wheelhouse, "drafts/good.md", "notes.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "courtesy-lint" in proc.stdout and "Passed" in proc.stdout
    assert "notes.py" not in proc.stdout
