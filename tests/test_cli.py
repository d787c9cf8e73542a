"""The command line: formats, exit statuses, paths, stdin and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from courtesy_lint.cli import cli

GOOD_EN = (
    "Dear Ms. Chen,\n\nThank you so much for the offer and for your time. I have accepted "
    "another position closer to home, so I must decline. I hope we stay in touch.\n\n"
    "Best regards,\nTom\n"
)
RUDE_EN = "Hi,\n\nI withdraw. Your recruiter was rude and unprofessional.\n\nTom\n"


def run(args, input=None):
    result = CliRunner().invoke(cli, args, input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "rude.txt").write_text(RUDE_EN, encoding="utf-8")
    nested = tmp_path / "nested" / "deeper"
    nested.mkdir(parents=True)
    (nested / "also.md").write_text("---\nkind: withdraw\n---\n" + RUDE_EN, encoding="utf-8")
    (nested / "ignored.pdf").write_bytes(b"%PDF")
    return tmp_path


def test_clean_draft_exits_0(drafts):
    code, out, _ = run([str(drafts / "good.txt"), "--kind", "decline"])
    assert code == 0, out
    assert "  error  " not in out and "✔ 0 errors, 0 warnings" in out


def test_error_finding_exits_1_with_path_line_column(drafts):
    path = str(drafts / "rude.txt")
    code, out, _ = run([path, "--kind", "withdraw"])
    assert code == 1
    assert f"{path}:3:" in out and "error  no-accusations" in out
    assert "(lang: en, kind: withdraw)" in out


def test_strict_fails_on_warnings(drafts, tmp_path):
    long = tmp_path / "long.txt"
    long.write_text(
        "Thank you for the offer. I have accepted another offer because the commute is "
        "long, the pay is similar, my friends work there, the team is great, the office is "
        "near my home, the hours suit my kids, the canteen is good, and I prefer the stack "
        "they use. I hope we "
        "stay in touch.",
        encoding="utf-8",
    )
    code, out, _ = run([str(long), "--kind", "decline"])
    assert code == 0 and "reason-is-brief" in out
    code, _, _ = run([str(long), "--kind", "decline", "--strict"])
    assert code == 1


def test_folders_are_searched_recursively_for_drafts(drafts):
    code, out, _ = run([str(drafts), "--format", "json"])
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert sorted(p.split("/")[-1] for p in paths) == ["also.md", "good.txt", "rude.txt"]
    assert code == 1


def test_json_contract(drafts):
    path = str(drafts / "rude.txt")
    _code, out, _ = run([path, "--format", "json", "--kind", "withdraw"])
    doc = json.loads(out)
    assert doc["version"] == 1
    [entry] = doc["files"]
    assert entry["path"] == path and entry["lang"] == "en" and entry["kind"] == "withdraw"
    keys = {"rule", "severity", "status", "message", "line", "column", "end_line",
            "end_column", "match", "suggestion"}  # fmt: skip
    assert entry["findings"] and all(keys <= set(f) for f in entry["findings"])
    statuses = {f["rule"]: f["status"] for f in entry["findings"]}
    assert statuses["no-accusations"] == "violated"
    assert statuses["expresses-gratitude"] == "missing"
    missing = next(f for f in entry["findings"] if f["status"] == "missing")
    assert missing["suggestion"]


def test_parsable_is_one_line_per_finding(drafts):
    _code, out, _ = run([str(drafts / "rude.txt"), "--format", "parsable", "--kind", "withdraw"])
    lines = out.strip().splitlines()
    assert lines and all(":" in line and line.endswith(")") for line in lines)
    assert any("[error]" in line and "(no-accusations)" in line for line in lines)


def test_stdin_with_a_display_name():
    code, out, _ = run(["-", "--stdin-filename", "draft.txt", "--kind", "withdraw"], RUDE_EN)
    assert code == 1 and "draft.txt:3:" in out


def test_show_evidence_names_the_sentence(drafts):
    _, out, _ = run([str(drafts / "good.txt"), "--kind", "decline", "--show-evidence"])
    assert "✓ expresses-gratitude at 3:1: Thank you so much for the offer" in out


def test_no_colour_when_not_a_terminal(drafts):
    _, out, _ = run([str(drafts / "rude.txt")])
    assert "\x1b[" not in out
    _, out, _ = run([str(drafts / "rude.txt"), "--color", "always"])
    assert "\x1b[" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt"], "missing.txt: no such file or directory"),
        (["--lang", "de", "x.txt"], "Invalid value for '--lang'"),
        (["--bogus", "x.txt"], "No such option"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    proc = subprocess.run(
        [sys.executable, "-m", "courtesy_lint", *args], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and message in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_bad_front_matter_is_exit_2(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\nlang: de\n---\nHello\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "courtesy_lint", str(bad)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "unknown language 'de'" in proc.stderr and proc.stderr.count("\n") == 1


def test_latin1_is_read_not_refused(tmp_path):
    """Not UTF-8 is no longer an error: the encoding is detected (more in test_files.py)."""
    path = tmp_path / "latin1.txt"
    path.write_bytes("Merci beaucoup, très apprécié. Je décline l'offre.".encode("latin-1"))
    code, out, err = run([str(path), "--lang", "fr", "--format", "json"])
    assert code in (0, 1) and json.loads(out)["files"][0]["lang"] == "fr", err


def test_bom_and_crlf_are_read(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(("\ufeff" + RUDE_EN.replace("\n", "\r\n")).encode("utf-8"))
    _code, out, _ = run([str(path), "--kind", "withdraw", "--format", "json"])
    [entry] = json.loads(out)["files"]
    accusation = next(f for f in entry["findings"] if f["rule"] == "no-accusations")
    line = RUDE_EN.split("\n")[2]
    assert accusation["line"] == 3
    assert accusation["column"] == line.index(accusation["match"]) + 1


def test_the_linter_never_changes_the_draft(drafts):
    path = drafts / "rude.txt"
    before = path.read_bytes()
    run([str(path)])
    assert path.read_bytes() == before


def test_version():
    code, out, _ = run(["--version"])
    assert code == 0 and "courtesy-lint" in out


def test_eml_text_part_is_linted_with_file_line_numbers():
    code, out, _ = run(["tests/data/withdraw.eml", "--kind", "withdraw", "--format", "json"])
    [entry] = json.loads(out)["files"]
    accusation = next(f for f in entry["findings"] if f["rule"] == "no-accusations")
    assert accusation["line"] == 9  # the line in the .eml file, headers included
    assert code == 1


def test_eml_quoted_printable_latin1_is_decoded():
    _, out, _ = run(["tests/data/decline-latin1-qp.eml", "--format", "json"])
    [entry] = json.loads(out)["files"]
    assert entry["lang"] == "fr" and entry["kind"] == "decline"
    accusation = next(f for f in entry["findings"] if f["rule"] == "no-accusations")
    assert "perdre mon temps" in accusation["match"]
    assert accusation["line"] == 10


def test_suppression_directives_through_the_command_line(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text(
        "Thank you. I accepted another offer, so I decline. I hope we stay in touch.\n"
        "<!-- courtesy-lint: disable-next-line no-accusations -->\n"
        "Your recruiter was rude.\n"
        "<!-- courtesy-lint: disable-next-line no-shouting -->\n"
        "All good.\n",
        encoding="utf-8",
    )
    _, out, _ = run([str(draft), "--kind", "decline", "--isolated", "--format", "json"])
    rules = [(f["rule"], f["line"]) for f in json.loads(out)["files"][0]["findings"]]
    assert ("no-accusations", 3) not in rules
    assert ("unused-suppression", 4) in rules


def test_a_broken_team_rule_is_one_line_exit_2(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "bad-rule.yaml").write_text("id: bad-rule\ntype: sometimes\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "courtesy_lint", "test-rules", str(tmp_path / "team")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "bad-rule.yaml:" in proc.stderr and "Traceback" not in proc.stderr
