"""CI output formats: GitHub annotations, SARIF 2.1.0 (validated), JUnit XML; exit thresholds."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator

from courtesy_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DRAFT = (
    "Dear Ms. Chen,\n\nI have decided to decline the offer. Your recruiter was rude, "
    "and I am VERY disappointed!!\n\nRegards,\nDana\n"
)


def run(args, tmp_path):
    draft = tmp_path / "drafts" / "my decline.txt"  # a space, to test URI escaping
    draft.parent.mkdir(exist_ok=True)
    draft.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(cli, [str(draft), "--kind", "decline", "--isolated", *args])
    return result.exit_code, result.stdout, draft


def test_github_annotations(tmp_path):
    code, out, draft = run(["--format", "github"], tmp_path)
    lines = out.strip().splitlines()
    assert code == 1 and lines
    accusation = next(line for line in lines if "(no-accusations)" in line)
    assert accusation.startswith(f"::error file={draft},line=3,col=")
    assert (
        ",endLine=3,endColumn=" in accusation
        and "title=courtesy-lint (no-accusations)::" in accusation
    )
    assert any(line.startswith("::warning ") for line in lines)
    assert any(line.startswith("::notice ") for line in lines)  # suggestions


def test_junit_xml(tmp_path):
    _, out, draft = run(["--format", "junit"], tmp_path)
    root = ET.fromstring(out.encode("utf-8"))
    [suite] = root.findall("testsuite")
    assert suite.get("name") == str(draft)
    failures = suite.findall("testcase/failure")
    assert int(suite.get("failures")) == len(failures) > 0
    assert any(f.get("type") == "error" for f in failures)


def test_statistics_counts_per_rule(tmp_path):
    _, out, _ = run(["--statistics"], tmp_path)
    rows = [line.split() for line in out.strip().splitlines()]
    assert ["1", "no-accusations", "error"] in rows


def test_fail_on_and_max_warnings(tmp_path):
    tmp_path.joinpath("ok.txt").write_text(
        "Thank you for the offer. I have accepted another role closer to home, so I decline. "
        "I hope we stay in touch. I'm VERY grateful.\n",
        encoding="utf-8",
    )

    def code(*args):
        path = str(tmp_path / "ok.txt")
        return CliRunner().invoke(cli, [path, "--kind", "decline", "--isolated", *args]).exit_code

    assert code() == 0
    assert code("--fail-on", "warning") == 1  # no-shouting is a warning
    assert code("--fail-on", "suggestion") == 1
    assert code("--max-warnings", "0") == 1
    assert code("--max-warnings", "5") == 0


# --- SARIF ------------------------------------------------------------------


@pytest.fixture(scope="session")
def multitool() -> Path:
    """Microsoft's SARIF Multitool and the official schema, from the npm package.

    Tests use no network: .ci/run installs the package (see
    scripts/install_test_tools.sh) and points SARIF_MULTITOOL_DIR at it.
    """
    folder = os.environ.get("SARIF_MULTITOOL_DIR")
    package = (
        Path(folder or "/nonexistent") / "node_modules" / "@microsoft" / "sarif-multitool-linux"
    )
    if not package.is_dir():
        if os.environ.get("CI"):
            pytest.fail(
                "SARIF_MULTITOOL_DIR must point at an npm install of @microsoft/sarif-multitool"
            )
        pytest.skip(
            "run scripts/install_test_tools.sh and set SARIF_MULTITOOL_DIR to validate SARIF"
        )
    return package


def test_sarif_is_valid_against_the_official_schema_and_multitool(tmp_path, multitool):
    _code, out, _draft = run(["--format", "sarif"], tmp_path)
    log = json.loads(out)
    schema = json.loads((multitool / "sarif-2.1.0.json").read_text(encoding="utf-8-sig"))
    errors = sorted(Draft7Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0]

    [run_] = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "courtesy-lint" and driver["version"] and driver["informationUri"]
    assert {r["id"] for r in driver["rules"]} >= {"no-accusations", "no-shouting", "concise"}
    assert all(r["shortDescription"]["text"] and r["help"]["text"] for r in driver["rules"])
    accusation = next(r for r in run_["results"] if r["ruleId"] == "no-accusations")
    location = accusation["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("my%20decline.txt")
    assert location["region"]["startLine"] == 3
    assert run_["columnKind"] == "unicodeCodePoints"

    sarif_file = tmp_path / "out.sarif"
    sarif_file.write_text(out, encoding="utf-8")
    proc = subprocess.run(
        [str(multitool / "Sarif.Multitool"), "validate", str(sarif_file)],
        capture_output=True, text=True,
    )  # fmt: skip
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, report
    problems = [line for line in report.splitlines() if ": error " in line or ": warning " in line]
    assert not problems, "\n".join(problems)
