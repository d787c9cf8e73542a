"""Hostile or broken rule files and configuration: one line `path:line: key: problem`, exit 2.

Through the real entry point (courtesy_lint.cli.main), as a user sees it:
`courtesy-lint test-rules DIR`, `courtesy-lint rules --rule-dir DIR` and a
configuration's `rule-dirs:`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from courtesy_lint import config, pattern_safety
from courtesy_lint.cli import main
from courtesy_lint.rule_loader import _parse_yaml

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
id: says-hello
type: required
kinds: [withdraw]
severity: warning
message: Say hello.
description: Greets the reader.
source:
  - seed: 000_6e39e60d1a0bb7d4
    point: be polite
suggestion:
  en: Hello!
patterns:
  en:
    phrases: [hello]
    tokens:
      - [{LOWER: hi}]
examples:
  en:
    pass: [Hello there.]
    fail: [Goodbye.]
"""

# Nine levels of ten aliases: 10**9 values from a 1 kB file.
LAUGHS = "".join(
    f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else '"lol"'] * 10) + "]\n" for i in range(9)
)

# (name, rule file text, line expected, text expected in the message)
HOSTILE = [
    ("malformed-yaml", GOOD.replace("kinds: [withdraw]", "kinds: [withdraw"), 4, "invalid YAML"),
    ("python-tag", GOOD + "x: !!python/object/apply:os.system ['echo pwned']\n", 21,
     "tags that build Python objects are refused"),
    ("unknown-key", GOOD.replace("severity: warning", "severity: warning\nseverty: error"), 5,
     "severty: unknown key(s) 'severty'"),
    ("wrong-type", GOOD.replace("kinds: [withdraw]", "kinds: withdraw"), 3,
     "kinds: 'withdraw' is not of type 'array'"),
    ("wrong-type-deep", GOOD.replace("{LOWER: hi}", "{LOWER: {IN: hi}}"), 16,
     "patterns.en.tokens[0]"),
    ("duplicate-key", GOOD.replace("type: required", "type: required\ntype: forbidden"), 3,
     "type: duplicate key"),
    ("evil-regex", GOOD.replace("{LOWER: hi}", '{LOWER: {REGEX: "^(a+)+$"}}'), 16,
     "patterns.en.tokens[0][0].LOWER.REGEX: REGEX '^(a+)+$' can backtrack catastrophically"),
    ("evil-regex-norm", GOOD.replace("{LOWER: hi}", '{NORM: {REGEX: "(\\\\w+\\\\s?)+$"}}'), 16,
     "NORM.REGEX: REGEX '(\\w+\\s?)+$' can backtrack"),
    ("evil-regex-in-dependency", GOOD.replace(
        "    tokens:\n      - [{LOWER: hi}]",
        '    dependencies:\n      - [{RIGHT_ID: v, RIGHT_ATTRS: {LEMMA: {REGEX: "(a|aa)+$"}}}]'),
     16, "dependencies[0][0].RIGHT_ATTRS.LEMMA.REGEX"),
    ("regex-does-not-compile", GOOD.replace("{LOWER: hi}", '{TEXT: {REGEX: "(abc"}}'), 16,
     "REGEX '(abc' does not compile: missing ), unterminated subpattern"),
    ("regex-matches-empty", GOOD.replace("{LOWER: hi}", '{LOWER: {REGEX: "x*"}}'), 16,
     "REGEX 'x*' matches the empty string, so it matches every token"),
    ("all-optional-tokens", GOOD.replace("{LOWER: hi}", "{LOWER: hi, OP: '?'}, {OP: '*'}"), 16,
     "every token of this pattern is optional"),
    ("wildcard-token", GOOD.replace("{LOWER: hi}", "{}"), 16, "matches every token"),
    ("blank-phrase", GOOD.replace("phrases: [hello]", "phrases: [hello, '   ']"), 14,
     "patterns.en.phrases[1]: a blank phrase"),
    ("empty-phrase", GOOD.replace("phrases: [hello]", "phrases: [hello, '']"), 14,
     "phrases[1]: '' should be non-empty"),
    ("unknown-rule-in-unless", GOOD.replace(
        "    phrases: [hello]", "    phrases: [hello]\n    unless: {rules: [no-such-rule]}"), 15,
     "patterns.en.unless.rules[0]: unknown rule id 'no-such-rule'"),
    ("billion-laughs", GOOD + LAUGHS, 26, "aliases (*name) expand to more than 200,000 values"),
]  # fmt: skip


def lint_main(args: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def rule_dir(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "team-rules"
    folder.mkdir()
    (folder / "says-hello.yaml").write_text(text, encoding="utf-8")
    return folder


def assert_one_line(code: int, out: str, err: str, path: Path, line: int, message: str) -> None:
    assert code == 2, (out, err)
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert err.startswith(f"courtesy-lint: error: {path}:{line}: "), err
    assert message in err, err


@pytest.mark.parametrize(("name", "text", "line", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_test_rules_refuses_it(tmp_path, capsys, name, text, line, message):
    folder = rule_dir(tmp_path, text)
    code, out, err = lint_main(["test-rules", str(folder)], capsys)
    assert_one_line(code, out, err, folder / "says-hello.yaml", line, message)


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [h for h in HOSTILE if h[0] in ("evil-regex", "python-tag", "malformed-yaml", "wrong-type")],
)
def test_rules_rule_dir_refuses_it(tmp_path, capsys, name, text, line, message):
    folder = rule_dir(tmp_path, text)
    code, out, err = lint_main(["rules", "--rule-dir", str(folder)], capsys)
    assert_one_line(code, out, err, folder / "says-hello.yaml", line, message)


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [h for h in HOSTILE if h[0] in ("evil-regex", "billion-laughs", "unknown-key")],
)
def test_config_rule_dirs_refuses_it(tmp_path, capsys, name, text, line, message):
    config.load.cache_clear()
    folder = rule_dir(tmp_path, text)
    (tmp_path / ".courtesy-lint.yaml").write_text("rule-dirs: [team-rules]\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Thanks for the offer. I decline.\n", encoding="utf-8")
    code, out, err = lint_main([str(tmp_path / "draft.txt")], capsys)
    assert_one_line(code, out, err, folder / "says-hello.yaml", line, message)


def test_duplicate_ids_across_rule_folders(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "says-hello.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b" / "says-hello.yaml").write_text(GOOD, encoding="utf-8")
    args = ["rules", "--rule-dir", str(tmp_path / "a"), "--rule-dir", str(tmp_path / "b")]
    code, out, err = lint_main(args, capsys)
    assert_one_line(code, out, err, tmp_path / "b" / "says-hello.yaml", 1,
                    "id: duplicate rule id 'says-hello', also in")  # fmt: skip


def test_a_hostile_rule_file_as_a_subprocess(tmp_path):
    """The installed entry point too: one line, exit 2, and it does not run the tag's code."""
    folder = rule_dir(tmp_path, GOOD + f"x: !!python/object/apply:os.mkdir ['{tmp_path}/pwned']\n")
    proc = subprocess.run(
        [sys.executable, "-m", "courtesy_lint", "test-rules", str(folder)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert f"{folder / 'says-hello.yaml'}:21: invalid YAML" in proc.stderr
    assert not (tmp_path / "pwned").exists()


# --- configuration files ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "where", "message"),
    [
        ("malformed", "ignore: [concise\nkind: decline\n", ":2: ", "invalid YAML"),
        ("unknown-key", "kind: decline\nignroe: [concise]\n", ":2: ", "ignroe: unknown key(s)"),
        ("wrong-type", "ignore: concise\n", ":1: ", "ignore: 'concise' is not of type 'array'"),
        ("wrong-type-max-bytes", "max-bytes: lots\n", ":1: ", "max-bytes: 'lots' is not of type"),
        ("negative-max-bytes", "max-bytes: -1\n", ":1: ", "max-bytes: -1 is less than"),
        ("python-tag", "kind: !!python/object/apply:os.getcwd []\n", ":1: ", "invalid YAML"),
        ("not-a-mapping", "- kind: decline\n", ":1: ", "must be a mapping"),
    ],
)
def test_bad_configuration_is_one_line_exit_2(tmp_path, capsys, name, text, where, message):
    config.load.cache_clear()
    path = tmp_path / ".courtesy-lint.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Thanks for the offer. I decline.\n", encoding="utf-8")
    code, out, err = lint_main([str(tmp_path / "draft.txt")], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"courtesy-lint: error: {path}{where}") and message in err, err


def test_broken_pyproject_section_is_reported_not_skipped(tmp_path, capsys):
    config.load.cache_clear()
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.courtesy-lint]\nignore = [concise]\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Thanks for the offer. I decline.\n", encoding="utf-8")
    code, _out, err = lint_main([str(tmp_path / "draft.txt")], capsys)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"courtesy-lint: error: {path}:2: invalid TOML: "), err


def test_a_broken_pyproject_of_another_tool_is_none_of_our_business(tmp_path, capsys):
    config.load.cache_clear()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = \n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Thanks for the offer. I decline.\n", encoding="utf-8")
    code, _out, err = lint_main([str(tmp_path / "draft.txt"), "--lang", "en"], capsys)
    assert code in (0, 1) and "error" not in err


# --- the regular-expression check itself --------------------------------------------

# Each backtracks exponentially in Python's re on a token of a few dozen
# characters that almost matches (docs/robustness.md has the timings).
EVIL_REGEXES = [
    r"(a+)+", r"(a*)*", r"(a|aa)+", r"(a|a?)+", r"(\w+\s?)+", r"^(a+)+$", r"(a+)+b",
    r"(aa?)+", r"(.*a)+", r"([a-z]+-?)+$", r"(\d+,?)+$", r"(?:x+x+)+y", r"^(\w+\s?){1,50}$",
    r"(a|aa){11,}", r"((ab)*)+$", r"(a+){2,}b", r"^([\u0600-\u06FF]+ـ?)+$", r"(?i)(x+X)+y",
]  # fmt: skip
# Repeats that can match a text in one way only, possessive and atomic ones.
SAFE_REGEXES = [
    r"(\w+\s)+", r"(a|ab)+", r"^(?:mr|mrs)\.?$", r"(?:\d+,)+\d", r"^(?:x++)+$", r"(?>a+)+b",
    r"^[!?؟]*!{2,}[!?؟]*$", r"(\s?\w)+", r"^(a+b)+$", r"(ab|cd)+", r"^(?:ab){1,3}$",
    r"(a+){2}", r"(?i)(A|a)+$", r"(?:\s*,\s*\w+)+", r"^(?!(عن|من)$)", r"^$", r"\bno\b",
]  # fmt: skip


@pytest.mark.parametrize("regex", EVIL_REGEXES)
def test_evil_regexes_are_refused(regex):
    problem = pattern_safety.regex_problem(regex)
    assert problem and "backtrack catastrophically" in problem


@pytest.mark.parametrize("regex", SAFE_REGEXES)
def test_safe_regexes_are_accepted(regex):
    assert pattern_safety.regex_problem(regex) is None


@pytest.mark.parametrize("regex", ["", "x*", "(?:abc)?", "a|", "(?i)(?:x|y)*", "[a-z]{0,3}"])
def test_regexes_that_match_every_token_are_refused(regex):
    assert "matches the empty string" in pattern_safety.regex_problem(regex)


@pytest.mark.parametrize(
    "op", ["?", "*", "{,3}", "{0,2}", "{0}", "{0,}"], ids=lambda op: f"OP={op}"
)
def test_a_pattern_of_optional_tokens_is_refused(op):
    problem = pattern_safety.token_pattern_problem([{"LOWER": "hi", "OP": op}])
    assert problem and "optional" in problem[1]


@pytest.mark.parametrize("op", ["+", "!", "{1,3}", "{2}", "{1,}"])
def test_a_required_token_makes_a_pattern_fine(op):
    assert pattern_safety.token_pattern_problem([{"LOWER": "hi", "OP": op}, {"OP": "?"}]) is None


def test_every_regex_we_ship_is_accepted():
    """Our own rules and kinds.yaml: every REGEX passes (and there are many)."""
    paths = [*sorted((ROOT / "rules").glob("*.yaml")), ROOT / "courtesy_lint" / "kinds.yaml"]
    regexes = []
    for path in paths:
        data, _ = _parse_yaml(path, path.read_text(encoding="utf-8"))
        regexes += [regex for _key, regex in pattern_safety._regexes(data, ())]
    assert len(regexes) > 900
    refused = {r: pattern_safety.regex_problem(r) for r in regexes}
    assert not {r: p for r, p in refused.items() if p}


def test_the_shipped_rules_load_with_the_checks_on(rules):
    assert len(rules) == 17


def test_python_310_parser_module_is_the_same_tree():
    """re._parser on 3.11+, sre_parse on 3.10: the module we use parses as re does."""
    assert pattern_safety._parser.parse(r"(a+)+")[0][0] == pattern_safety._c.MAX_REPEAT
    assert re.compile(r"(a+)+")  # and the regex itself compiles fine: the shape is the problem


def test_yaml_nested_100000_deep_is_an_error_not_a_crash(tmp_path):
    """libyaml recurses on the C stack: this file used to kill the process (SIGSEGV)."""
    folder = rule_dir(tmp_path, GOOD + "x: " + "[" * 100_000 + "]" * 100_000 + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "courtesy_lint", "test-rules", str(folder)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2, proc
    assert (
        proc.stderr
        == f"courtesy-lint: error: {folder / 'says-hello.yaml'}: invalid YAML: nested too deeply\n"
    )


def test_a_very_long_regex_is_shown_shortened():
    problem = pattern_safety.regex_problem("(?:" * 5000 + "a" + ")" * 5000)
    assert "(20,001 characters) does not compile" in problem and len(problem) < 200
