"""The linter needs no network, and never changes a draft."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from courtesy_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DRAFT = "Hi,\n\nI withdraw. Your recruiter was rude.\n\nTom\n"

# Loaded by Python at start-up when its folder is on PYTHONPATH: every way
# out to the network raises, and a marker file proves the guard was on.
SITECUSTOMIZE = """\
import os, socket

def _blocked(*args, **kwargs):
    raise OSError("network access blocked by the test")

socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
open(os.environ["COURTESY_LINT_GUARD_MARKER"], "w").close()
"""


def _blocked(*args, **kwargs):
    raise OSError("network access blocked by the test")


@pytest.fixture
def no_network(monkeypatch):
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, _blocked)
    monkeypatch.setattr(socket, "create_connection", _blocked)
    monkeypatch.setattr(socket, "getaddrinfo", _blocked)


def test_the_guard_really_blocks(no_network):
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


@pytest.mark.parametrize("lang", ["auto", "en", "fr", "ar"])
def test_lints_in_process_with_the_network_blocked(tmp_path, no_network, lang):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(
        cli, [str(path), "--format", "json", "--lang", lang, "--kind", "withdraw", "--isolated"]
    )
    assert result.exit_code == 1, (result.stderr, result.exception)
    assert json.loads(result.stdout)["files"][0]["findings"]


def test_lints_as_a_subprocess_with_the_network_blocked(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    marker = tmp_path / "guard-was-loaded"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(guard), env.get("PYTHONPATH")) if p)
    env["COURTESY_LINT_GUARD_MARKER"] = str(marker)
    drafts = [ROOT / "examples" / "decline-fr.md", ROOT / "examples" / "rejection-reply-ar.txt"]
    proc = subprocess.run(
        [sys.executable, "-m", "courtesy_lint", *map(str, drafts), "--format", "json"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert marker.exists(), "sitecustomize.py was not loaded: the test proves nothing"
    assert proc.returncode == 1, proc.stderr
    assert [f["lang"] for f in json.loads(proc.stdout)["files"]] == ["fr", "ar"]


def test_linting_a_folder_changes_no_draft(tmp_path):
    """Bytes and modification times of every draft are as they were, whatever the outcome."""
    folder = tmp_path / "drafts"
    shutil.copytree(ROOT / "examples", folder)
    for lang in ("en", "fr", "ar"):
        shutil.copy(ROOT / "tests" / "corpus" / lang / "001.txt", folder / f"corpus-{lang}.txt")
    (folder / "crlf.txt").write_bytes(DRAFT.replace("\n", "\r\n").encode("utf-8"))
    (folder / "latin1.txt").write_bytes("Merci, je décline l'offre.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    old = 1_000_000_000  # 2001: any rewrite would show
    before = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        os.utime(path, ns=(old, old))
        before[path] = (path.read_bytes(), path.stat().st_mtime_ns)
    assert len(before) == 10
    for args in ([], ["--format", "json"], ["--statistics"], ["-v", "--max-bytes", "10"]):
        CliRunner().invoke(cli, [str(folder), *args])
    after = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in before}
    assert after == before
