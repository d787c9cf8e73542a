"""Turns lint results into text for people or programs; pure functions, no printing."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence

import click

from .findings import LintResult, Severity, Status

JSON_VERSION = 1

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}


def format_text(results: Sequence[LintResult], *, show_evidence: bool = False, **_: object) -> str:
    """Grouped by file: a header with the language and kind, then each finding.

    Colour codes are always emitted; the caller strips them when the output
    is not a terminal (click.echo does this).
    """
    lines: list[str] = []
    for result in results:
        header = click.style(result.path, bold=True)
        lines.append(f"{header}  (lang: {result.lang}, kind: {result.kind})")
        for f in result.findings:
            severity = click.style(f.severity.value, fg=_COLOURS[f.severity])
            lines.append(f"{f.path}:{f.line}:{f.column}  {severity}  {f.rule}  {f.message}")
            if f.status is Status.VIOLATED and f.match:
                lines.append(f"    │ {_one_line(f.match)}")
            if f.suggestion:
                lines.append(f"    suggestion: {f.suggestion}")
        if show_evidence:
            for e in result.evidence:
                lines.append(f"    ✓ {e.rule} at {e.line}:{e.column}: {e.text}")
        if not result.findings:
            lines.append("    no findings")
        lines.append("")
    lines.append(summary(results))
    return "\n".join(lines)


def summary(results: Sequence[LintResult]) -> str:
    counts = Counter(f.severity for r in results for f in r.findings)
    files = f"{len(results)} file{'s' if len(results) != 1 else ''}"
    if not counts:
        return click.style(f"✔ {files} checked, no findings", fg="green")
    parts = [
        _plural(counts[s], s.value) for s in (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION)
    ]
    if counts[Severity.ERROR]:
        mark, colour = "✖", "red"
    elif counts[Severity.WARNING]:
        mark, colour = "⚠", "yellow"
    else:
        mark, colour = "✔", "green"
    return click.style(f"{mark} {', '.join(parts)} in {files}", fg=colour)


def format_parsable(results: Sequence[LintResult], **_: object) -> str:
    """One line per finding: `path:line:column: [severity] message (rule)`."""
    return "\n".join(
        f"{f.path}:{f.line}:{f.column}: [{f.severity.value}] {_one_line(f.message)} ({f.rule})"
        for r in results
        for f in r.findings
    )


def format_json(results: Sequence[LintResult], *, show_evidence: bool = False, **_: object) -> str:
    """One JSON document, the contract of DESIGN.md section 4 (version 1)."""
    files = []
    for r in results:
        entry = {
            "path": r.path,
            "lang": r.lang,
            "kind": r.kind,
            "findings": [f.to_dict() for f in r.findings],
        }
        if show_evidence:
            entry["evidence"] = [e.to_dict() for e in r.evidence]
        files.append(entry)
    return json.dumps({"version": JSON_VERSION, "files": files}, ensure_ascii=False, indent=2)


def format_statistics(results: Sequence[LintResult], **_: object) -> str:
    """Counts per rule, most frequent first: where a body of drafts needs work."""
    counts = Counter((f.rule, f.severity) for r in results for f in r.findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "\n".join(f"{n:>{width}}  {rule}  {severity.value}" for (rule, severity), n in rows)


FORMATTERS: dict[str, Callable[..., str]] = {
    "text": format_text,
    "parsable": format_parsable,
    "json": format_json,
}


def _ci_format(name: str) -> Callable[..., str]:
    """A CI format, imported when used: sarif-om and junit-xml take a third
    of a second to import, which every other run would pay for nothing."""

    def formatter(results: Sequence[LintResult], **options: object) -> str:
        from . import ci_formats

        return getattr(ci_formats, f"format_{name}")(results, **options)

    return formatter


FORMATTERS.update({name: _ci_format(name) for name in ("github", "sarif", "junit")})


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
