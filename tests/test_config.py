"""Configuration files: discovery, validation, per-path overrides, and the subcommands around rules."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from courtesy_lint import config
from courtesy_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
RUDE = (
    "Thanks. I accepted another offer so I decline. Your recruiter was rude. Let's stay in touch.\n"
)


def run(args, cwd=None, monkeypatch=None):
    if cwd is not None and monkeypatch is not None:
        monkeypatch.chdir(cwd)
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path):
    config.load.cache_clear()
    (tmp_path / "drafts" / "fr").mkdir(parents=True)
    (tmp_path / "drafts" / "en.txt").write_text(RUDE, encoding="utf-8")
    (tmp_path / "drafts" / "fr" / "a.txt").write_text("Thanks. I decline.\n", encoding="utf-8")
    return tmp_path


def write_config(repo: Path, text: str, name: str = ".courtesy-lint.yaml") -> Path:
    path = repo / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def findings(out: str) -> list[dict]:
    return [f for entry in json.loads(out)["files"] for f in entry["findings"]]


def test_config_is_found_walking_up_and_ignore_works(repo):
    write_config(repo, "kind: decline\nignore: [no-accusations]\n")
    _code, out, _ = run([str(repo / "drafts" / "en.txt"), "--format", "json"])
    assert "no-accusations" not in {f["rule"] for f in findings(out)}
    assert json.loads(out)["files"][0]["kind"] == "decline"


def test_severity_override_changes_the_exit_status(repo):
    write_config(repo, "kind: decline\nseverity: {no-accusations: warning}\n")
    code, out, _ = run([str(repo / "drafts" / "en.txt"), "--format", "json"])
    [f] = [f for f in findings(out) if f["rule"] == "no-accusations"]
    assert f["severity"] == "warning"
    assert code == 0  # nothing left at error level


def test_overrides_by_glob_set_language_and_kind(repo):
    write_config(
        repo,
        """\
        overrides:
          - files: ["drafts/fr/**"]
            lang: fr
            kind: withdraw
        """,
    )
    _, out, _ = run([str(repo / "drafts" / "fr" / "a.txt"), "--format", "json"])
    entry = json.loads(out)["files"][0]
    assert (entry["lang"], entry["kind"]) == ("fr", "withdraw")


def test_limits_are_configurable(repo):
    write_config(repo, "kind: decline\nlimits: {concise: {max_words: 5}}\n")
    _, out, _ = run([str(repo / "drafts" / "en.txt"), "--format", "json"])
    assert "concise" in {f["rule"] for f in findings(out)}


def test_pyproject_tool_section(repo):
    write_config(repo, '[tool.courtesy-lint]\nkind = "decline"\nignore = ["no-accusations"]\n',
                 name="pyproject.toml")  # fmt: skip
    _, out, _ = run([str(repo / "drafts" / "en.txt"), "--format", "json"])
    assert "no-accusations" not in {f["rule"] for f in findings(out)}


def test_explicit_config_and_isolated(repo, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("cfg")
    path = write_config(elsewhere, "kind: decline\nignore: [no-accusations]\n")
    _, out, _ = run([str(repo / "drafts" / "en.txt"), "--config", str(path), "--format", "json"])
    assert "no-accusations" not in {f["rule"] for f in findings(out)}
    write_config(repo, "ignore: [no-accusations]\n")
    _, out, _ = run([str(repo / "drafts" / "en.txt"), "--isolated", "--kind", "decline",
                     "--format", "json"])  # fmt: skip
    assert "no-accusations" in {f["rule"] for f in findings(out)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ignroe: [concise]\n", ":1: ignroe: unknown key(s) 'ignroe'"),
        ("ignore: [no-such-rule]\n", ":1: ignore[0]: unknown rule id 'no-such-rule'"),
        ("severity: {concise: fatal}\n", ":1: severity.concise: 'fatal' is not one of"),
        ("lang: de\n", ":1: lang: 'de' is not one of"),
        ("limits: {concise: {max_words: -3}}\n", "limits.concise.max_words"),
        ("overrides:\n  - lang: fr\n", "'files' is a required property"),
        ("rule-dirs: [nowhere]\n", "rule-dirs[0]: no folder 'nowhere'"),
    ],
)
def test_bad_config_is_one_line_exit_2(repo, text, message):
    write_config(repo, text)
    code, _out, err = run([str(repo / "drafts" / "en.txt")])
    assert code == 2 and message in err, err
    assert ".courtesy-lint.yaml" in err


def test_config_subcommand_prints_the_effective_settings(repo):
    write_config(repo, "ignore: [concise]\noverrides:\n  - files: ['drafts/fr/*']\n    lang: fr\n")
    code, out, _ = run(["config", str(repo / "drafts" / "fr" / "a.txt")])
    assert code == 0
    assert "lang: fr" in out and "- concise" not in out and ".courtesy-lint.yaml" in out


def test_team_rule_folder_is_loaded_and_tested(repo):
    team = repo / "team-rules"
    team.mkdir()
    text = (ROOT / "rules" / "no-shouting.yaml").read_text(encoding="utf-8")
    (team / "no-caps-please.yaml").write_text(text.replace("id: no-shouting", "id: no-caps-please"),
                                              encoding="utf-8")  # fmt: skip
    write_config(repo, "kind: decline\nrule-dirs: [team-rules]\n")
    (repo / "drafts" / "caps.txt").write_text("Thanks. I DECLINE THE OFFER.\n", encoding="utf-8")
    _, out, _ = run([str(repo / "drafts" / "caps.txt"), "--format", "json"])
    assert {"no-shouting", "no-caps-please"} <= {f["rule"] for f in findings(out)}
    code, out, _ = run(["test-rules", str(team)])
    assert code == 0 and "0 failed" in out


def test_test_rules_reports_a_failing_example(repo):
    team = repo / "team-rules"
    team.mkdir()
    text = (ROOT / "rules" / "no-shouting.yaml").read_text(encoding="utf-8")
    text = text.replace("id: no-shouting", "id: no-caps-please")
    text = text.replace("    pass:\n", "    pass:\n      - text: I REFUSE THIS OFFER.\n", 1)
    (team / "no-caps-please.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run(["test-rules", str(team)])
    assert code == 1 and "1 failed" in out and "I REFUSE THIS OFFER" in out


def test_rules_and_explain(repo):
    code, out, _ = run(["rules", "--format", "json"])
    ids = {r["id"] for r in json.loads(out)}
    assert code == 0 and len(ids) == 17
    code, out, _ = run(["explain", "no-financial-reason", "--lang", "fr"])
    assert code == 0 and "004_6f10492f5560a284" in out and "Reported (fr)" in out
    code, _, err = run(["explain", "no-such-rule"])
    assert code == 2 and "unknown rule" in err


def test_bare_form_still_works_next_to_subcommands(repo, monkeypatch):
    monkeypatch.chdir(repo)
    shutil.copy(repo / "drafts" / "en.txt", repo / "config.txt")
    code, out, _ = run(["config.txt", "--kind", "decline"])
    assert "config.txt:1:" in out and code == 1
