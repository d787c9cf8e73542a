"""Output formats for code hosts and CI servers: GitHub annotations, SARIF 2.1.0, JUnit XML.

Pure functions of the results, like the other formatters. SARIF objects are
built with Microsoft's own object model (sarif-om) and JUnit XML with
junit-xml, so field names and nesting come from maintained definitions
rather than from hand-written dictionaries.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath
from urllib.parse import quote

import attr
import sarif_om as sarif
from junit_xml import TestCase, TestSuite, to_xml_report_string

from . import __version__
from .findings import Finding, LintResult, Severity
from .rule_model import Rule

INFORMATION_URI = "https://github.com/courtesy-lint/courtesy-lint"
RULES_URI = INFORMATION_URI + "/blob/main/docs/rules.md"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_GITHUB_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.SUGGESTION: "notice",
}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


# --- GitHub Actions workflow commands ----------------------------------------


def format_github(results: Sequence[LintResult], **_: object) -> str:
    """One `::error file=...,line=...::message` command per finding."""
    lines = []
    for r in results:
        for f in r.findings:
            props = ",".join(
                f"{key}={_escape_property(str(value))}"
                for key, value in (
                    ("file", f.path),
                    ("line", f.line),
                    ("col", f.column),
                    ("endLine", f.end_line),
                    ("endColumn", f.end_column),
                    ("title", f"courtesy-lint ({f.rule})"),
                )
            )
            message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
            lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_escape_data(message)}")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# --- SARIF 2.1.0 ---------------------------------------------------------------


def format_sarif(results: Sequence[LintResult], *, rules: Sequence[Rule] = (), **_: object) -> str:
    """One SARIF log with one run: the tool, its rules, and a result per finding."""
    reported = {f.rule for r in results for f in r.findings}
    catalog = [r for r in rules if r.id in reported or rules]
    index = {r.id: i for i, r in enumerate(catalog)}
    descriptors = [_descriptor(r) for r in catalog]
    extra = sorted(reported - set(index))  # e.g. unused-suppression
    for rule_id in extra:
        index[rule_id] = len(descriptors)
        descriptors.append(
            sarif.ReportingDescriptor(
                id=rule_id,
                name=_pascal(rule_id),
                short_description=sarif.MultiformatMessageString(text="A courtesy-lint check."),
                help_uri=RULES_URI,
            )
        )
    run = sarif.Run(
        tool=sarif.Tool(
            driver=sarif.ToolComponent(
                name="courtesy-lint",
                version=__version__,
                semantic_version=__version__,
                information_uri=INFORMATION_URI,
                rules=descriptors,
            )
        ),
        column_kind="unicodeCodePoints",  # our columns count code points
        results=[_result(f, index) for r in results for f in r.findings],
    )
    log = sarif.SarifLog(version="2.1.0", schema_uri=SARIF_SCHEMA, runs=[run])
    return json.dumps(_to_json(log), indent=2, ensure_ascii=False)


def _descriptor(rule: Rule) -> sarif.ReportingDescriptor:
    return sarif.ReportingDescriptor(
        id=rule.id,
        name=_pascal(rule.id),
        short_description=sarif.MultiformatMessageString(text=rule.message),
        full_description=sarif.MultiformatMessageString(text=rule.description),
        help=sarif.MultiformatMessageString(
            text=rule.description,
            markdown=f"{rule.description}\n\nSee [{rule.id}]({RULES_URI}#{rule.id}).",
        ),
        help_uri=f"{RULES_URI}#{rule.id}",
        default_configuration=sarif.ReportingConfiguration(level=_SARIF_LEVEL[rule.severity]),
        properties=sarif.PropertyBag(tags=[rule.type, *rule.kinds]),
    )


def _result(f: Finding, index: dict[str, int]) -> sarif.Result:
    text = f.message if f.message.endswith(".") else f.message + "."
    if f.suggestion:
        text += f" Suggestion: {f.suggestion}"
    return sarif.Result(
        rule_id=f.rule,
        rule_index=index[f.rule],
        level=_SARIF_LEVEL[f.severity],
        kind="fail",
        message=sarif.Message(text=text),
        locations=[
            sarif.Location(
                physical_location=sarif.PhysicalLocation(
                    artifact_location=sarif.ArtifactLocation(uri=_uri(f.path)),
                    region=sarif.Region(
                        start_line=f.line,
                        start_column=f.column,
                        end_line=f.end_line,
                        end_column=max(f.end_column, f.column + 1)
                        if f.end_line == f.line
                        else f.end_column,
                    ),
                )
            )
        ],
    )


def _uri(path: str) -> str:
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return "file://" + quote(str(posix))
    return quote(str(posix))


def _pascal(rule_id: str) -> str | None:
    """A readable name for the rule, or None where it would only repeat the id.

    SARIF wants `name` to differ from `id` (validator rule SARIF1001).
    """
    name = "".join(part.capitalize() for part in rule_id.split("-"))
    return None if name.lower() == rule_id.lower() else name


def _to_json(obj):
    """sarif-om objects to SARIF JSON, with the schema's property names, empty fields left out."""
    if attr.has(type(obj)):
        out = {}
        for field in attr.fields(type(obj)):
            value = getattr(obj, field.name)
            if value is None or value == field.default:
                continue
            out[field.metadata.get("schema_property_name", field.name)] = _to_json(value)
        return out
    if isinstance(obj, list):
        return [_to_json(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _to_json(v) for k, v in obj.items()}
    return obj


# --- JUnit XML -----------------------------------------------------------------


def format_junit(results: Sequence[LintResult], **_: object) -> str:
    """A test suite per draft, a failing test case per finding (one passing case if clean)."""
    suites = []
    for r in results:
        cases = []
        for f in r.findings:
            case = TestCase(
                name=f"{f.rule} at {f.line}:{f.column}",
                classname=f"courtesy-lint.{f.rule}",
                file=f.path,
                line=f.line,
            )
            case.add_failure_info(
                message=f.message,
                output=f"{f.path}:{f.line}:{f.column}: [{f.severity.value}] {f.message}",
                failure_type=f.severity.value,
            )
            cases.append(case)
        if not cases:
            cases.append(TestCase(name="no findings", classname="courtesy-lint", file=r.path))
        suites.append(
            TestSuite(name=r.path, test_cases=cases, properties={"lang": r.lang, "kind": r.kind})
        )
    return to_xml_report_string(suites, prettyprint=True, encoding="utf-8")
