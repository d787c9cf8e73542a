"""The result cache, worker processes and the progress bar change how fast a run is,
never what it reports."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from courtesy_lint import runner
from courtesy_lint.cli import cli

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A folder of 30 real drafts in the three languages."""
    root = tmp_path_factory.mktemp("drafts")
    for lang in ("en", "fr", "ar"):
        (root / lang).mkdir()
        for path in sorted((CORPUS / lang).glob("*.txt"))[:10]:
            shutil.copy(path, root / lang / path.name)
    return root


@pytest.fixture(scope="module")
def en_tree(tmp_path_factory) -> Path:
    """20 English drafts: for the tests that start whole processes, English
    being the quickest pipeline to load."""
    root = tmp_path_factory.mktemp("en-drafts")
    for path in sorted((CORPUS / "en").glob("*.txt"))[:20]:
        shutil.copy(path, root / path.name)
    return root


@pytest.fixture(scope="module")
def en_uncached(en_tree) -> str:
    return lint(str(en_tree), "--format", "json", "--no-cache", "--jobs", "1")[1]


def lint(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def findings_of(stdout: str) -> list:
    return json.loads(stdout)["files"]


@pytest.fixture(scope="module")
def uncached(tree) -> str:
    code, out, _ = lint(str(tree), "--format", "json", "--no-cache", "--jobs", "1")
    assert code == 1 and findings_of(out)
    return out


def test_cached_run_reports_exactly_what_an_uncached_run_reports(tree, tmp_path, uncached):
    cache = tmp_path / "cache"
    first = lint(str(tree), "--format", "json", "--cache-dir", str(cache))
    again = lint(str(tree), "--format", "json", "--cache-dir", str(cache))
    assert first[1] == uncached
    assert again[1] == uncached
    assert first[0] == again[0] == 1
    entries = list((cache / "results").rglob("*.json"))
    assert len(entries) == 30
    assert (cache / ".gitignore").read_text().strip().endswith("*")


def test_two_jobs_report_exactly_what_one_job_reports(tree, uncached, monkeypatch):
    used = []
    real = runner._lint_in_workers
    monkeypatch.setattr(
        runner, "_lint_in_workers", lambda *a, **k: used.append(a[2]) or real(*a, **k)
    )
    code, out, _ = lint(str(tree), "--format", "json", "--no-cache", "--jobs", "2")
    assert used == [2], "the run should have used two worker processes"
    assert out == uncached
    assert code == 1


def test_no_cache_writes_nothing(tree, tmp_path):
    cache = tmp_path / "cache"
    lint(str(tree / "en"), "--no-cache", "--cache-dir", str(cache))
    assert not cache.exists()


def test_a_damaged_cache_entry_is_ignored_and_rebuilt(tree, tmp_path, uncached):
    cache = tmp_path / "cache"
    lint(str(tree), "--format", "json", "--cache-dir", str(cache))
    entries = sorted((cache / "results").rglob("*.json"))
    entries[0].write_bytes(entries[0].read_bytes()[:40])  # cut short
    entries[1].write_text('{"path": 3}')  # valid JSON, wrong shape
    entries[2].write_bytes(b"\x00\xff garbage")
    _, out, _ = lint(str(tree), "--format", "json", "--cache-dir", str(cache))
    assert out == uncached
    for entry in entries[:3]:
        json.loads(entry.read_text("utf-8"))  # rewritten whole


def test_a_changed_setting_is_not_answered_from_the_cache(tree, tmp_path):
    cache = tmp_path / "cache"
    draft = tree / "en" / sorted(os.listdir(tree / "en"))[0]
    config = tmp_path / "strict.yaml"
    config.write_text("severity:\n  expresses-gratitude: suggestion\n  gives-reason: suggestion\n")
    plain = lint(str(draft), "--format", "json", "--cache-dir", str(cache), "--isolated")
    configured = lint(
        str(draft), "--format", "json", "--cache-dir", str(cache), "--config", str(config)
    )
    fresh = lint(str(draft), "--format", "json", "--no-cache", "--config", str(config))
    assert configured[1] == fresh[1]
    assert plain[1] != configured[1] or "gives-reason" not in plain[1]


def test_an_edited_draft_is_linted_again(tmp_path):
    cache = tmp_path / "cache"
    draft = tmp_path / "draft.txt"
    draft.write_text("Dear Sam,\n\nThank you for the offer. I have accepted another role.\n")
    first = lint(str(draft), "--format", "json", "--cache-dir", str(cache))
    draft.write_text("Dear Sam,\n\nI have accepted another role.\n")
    second = lint(str(draft), "--format", "json", "--cache-dir", str(cache))
    rules = lambda out: {f["rule"] for f in findings_of(out)[0]["findings"]}  # noqa: E731
    assert "expresses-gratitude" not in rules(first[1])
    assert "expresses-gratitude" in rules(second[1])


def _cli(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "courtesy_lint", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


def test_a_cache_hit_never_imports_spacy(en_tree, tmp_path):
    cache = tmp_path / "cache"
    draft = str(en_tree)
    warm = _cli(draft, "--cache-dir", str(cache))
    warm.communicate()
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('SPACY LOADED' if 'spacy' in sys.modules else 'NO SPACY',"
        " file=sys.stderr))\n"
        "from courtesy_lint.cli import main\n"
        f"main([{draft!r}, '--cache-dir', {str(cache)!r}])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=300
    )
    assert "NO SPACY" in done.stderr, done.stderr
    assert done.returncode == warm.returncode


def test_two_concurrent_runs_share_one_cache_safely(en_tree, tmp_path, en_uncached):
    cache = tmp_path / "cache"
    runs = [
        _cli(str(en_tree), "--format", "json", "--cache-dir", str(cache), "--jobs", "1")
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600)[0].decode("utf-8") for run in runs]
    assert [json.loads(o) for o in outputs] == [json.loads(en_uncached)] * 2
    for entry in (cache / "results").rglob("*.json"):
        json.loads(entry.read_text("utf-8"))
    assert not list(cache.rglob(".tmp-*"))


def test_a_run_killed_mid_write_leaves_no_damaged_entry(en_tree, tmp_path, en_uncached):
    cache = tmp_path / "cache"
    victim = _cli(str(en_tree), "--cache-dir", str(cache), "--jobs", "1", start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((cache / "results").rglob("*.json")):
        time.sleep(0.05)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.communicate()
    for entry in (cache / "results").rglob("*.json"):
        json.loads(entry.read_text("utf-8"))  # complete, or not there at all
    _, out, _ = lint(str(en_tree), "--format", "json", "--cache-dir", str(cache))
    assert out == en_uncached


def _progress_output(tree: Path, env: dict) -> str:
    """stderr of a run whose stderr is a terminal (a pseudo-terminal here)."""
    import pty

    leader, follower = pty.openpty()
    clean_env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    process = subprocess.Popen(
        [sys.executable, "-m", "courtesy_lint", str(tree), "--no-cache", "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**clean_env, **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=600)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_only_outside_ci(en_tree):
    shown = _progress_output(en_tree, {})
    assert "Linting" in shown and "20/20" in shown
    assert "Linting" not in _progress_output(en_tree, {"CI": "true"})
    _, _, piped = lint(str(en_tree), "--no-cache")
    assert "Linting" not in piped


def test_a_cold_run_skips_spacys_own_commands_which_stay_usable(en_tree, tmp_path):
    # spaCy's `spacy download`-style commands (weasel, typer, requests) cost a
    # fifth of a cold start and a linter never calls them.
    probe = (
        "import atexit, sys\n"
        "def report():\n"
        "    loaded = 'spacy' in sys.modules\n"
        "    commands = any(m.startswith(('weasel', 'typer')) for m in sys.modules)\n"
        "    print(f'spacy={loaded} commands={commands}', file=sys.stderr)\n"
        "atexit.register(report)\n"
        "from courtesy_lint.cli import main\n"
        f"main([{str(en_tree)!r}, '--no-cache', '--jobs', '1'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=300
    )
    assert "spacy=True commands=False" in done.stderr, done.stderr
    assert done.returncode == 1  # the tree has findings: the run itself worked
    usable = (
        "from courtesy_lint import lean_spacy\n"
        "lean_spacy.install()\n"
        "import spacy, spacy.cli.info\n"
        "assert callable(spacy.cli.download) and callable(spacy.cli.info)\n"
        "print(spacy.info()['spacy_version'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", usable], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and done.stdout.strip() == spacy_version(), done.stderr


def spacy_version() -> str:
    from importlib.metadata import version

    return version("spacy")
