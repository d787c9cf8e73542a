"""The command line: the only module that prints, reads the terminal and decides the exit status."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

import click
import yaml

from . import __version__, config, files, lean_spacy, runner
from .cache import CACHE_DIR_NAME, Cache
from .findings import LintResult, Severity
from .formatters import FORMATTERS, format_statistics
from .rule_loader import RuleError, default_rules_dir, load_rules

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageFailure(click.ClickException):
    """Anything that stops the tool from linting: reported in one line, exit 2."""

    exit_code = EXIT_ERROR


class DefaultCommandGroup(click.Group):
    """`courtesy-lint draft.txt` means `courtesy-lint check draft.txt`.

    Arguments that do not name a subcommand go to `check`, so the bare form
    keeps working as subcommands are added (a draft file named like a
    subcommand can be given as ./name or after `check`).
    """

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="courtesy-lint")
def cli() -> None:
    """Check job-search emails (declines, withdrawals, replies to rejections)
    against the guidance for such messages, in English, French and Arabic."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--lang",
    type=click.Choice(["auto", "en", "fr", "ar"]),
    default="auto",
    show_default=True,
    help="Language of the drafts; auto detects it per draft.",
)
@click.option(
    "--kind",
    type=click.Choice(["auto", "withdraw", "decline", "rejection-reply"]),
    default="auto",
    show_default=True,
    help="Which message the drafts are.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--strict", is_flag=True, help="Exit 1 on warnings too: the same as --fail-on warning."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "suggestion"]),
    default=None,
    help="The lowest severity that makes the exit status 1  [default: error].",
)
@click.option(
    "--max-warnings",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Exit 1 when there are more than N warnings, whatever --fail-on says.",
)
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of each finding.")
@click.option(
    "--show-evidence",
    is_flag=True,
    help="Also show, for each element found, the sentence that satisfied it.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in text output (auto: only on a terminal).",
)
@click.option(
    "--stdin-filename", metavar="NAME", help="The path to report for a draft read from '-' (stdin)."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes for large runs  [default: the number of cores].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="COURTESY_LINT_CACHE_DIR",
    help=f"Where to keep the result cache  [default: ./{CACHE_DIR_NAME}].",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help=f"Skip drafts larger than N bytes; 0 for no limit  [default: {files.DEFAULT_MAX_BYTES}].",
)
@click.option("-v", "--verbose", is_flag=True, help="Say on stderr how each draft was read.")
def check(paths, lang, kind, output_format, strict, fail_on, max_warnings, statistics,
          show_evidence, color, stdin_filename, config_path, isolated, jobs, no_cache,
          cache_dir, max_bytes, verbose):  # fmt: skip
    """Lint drafts: files, folders (searched for .txt, .md, .eml) or '-' for stdin."""
    try:
        paths = files.collect(list(paths))
    except files.InputError as exc:
        raise UsageFailure(str(exc)) from None
    run_options = runner.RunOptions(
        lang=lang,
        kind=kind,
        config_path=config_path,
        isolated=isolated,
        stdin_filename=stdin_filename,
        cache=None if no_cache else Cache(cache_dir or Path(CACHE_DIR_NAME)),
        jobs=jobs or runner.default_jobs(),
        max_bytes=max_bytes,
    )
    with _progress_bar(len(paths)) as advance:
        try:
            run = runner.run(paths, run_options, advance)
        except runner.RunError as exc:
            raise UsageFailure(str(exc)) from None
    if verbose:
        for shown, encoding in run.encodings:
            click.echo(f"courtesy-lint: info: {shown}: read as {encoding}", err=True)
    for shown, reason in run.skipped:
        click.echo(f"courtesy-lint: warning: {shown}: skipped: {reason}", err=True)
    results = run.results
    for result in results:
        for notice in result.notices:
            click.echo(f"courtesy-lint: note: {result.path}: {notice}", err=True)
    rules_seen = run.rules
    if not results:
        raise UsageFailure(_nothing_linted(len(run.skipped)))

    formatter = format_statistics if statistics else FORMATTERS[output_format]
    output = formatter(results, show_evidence=show_evidence, rules=list(rules_seen.values()))
    colour = {"always": True, "never": False}.get(color)
    if colour is None and (os.environ.get("NO_COLOR") or output_format != "text"):
        colour = False
    if output:
        click.echo(output, color=colour)
    threshold = Severity(fail_on) if fail_on else (Severity.WARNING if strict else Severity.ERROR)
    sys.exit(exit_status(results, threshold, max_warnings))


# A bar only where someone watches it: a terminal, outside CI, for a run long
# enough to wonder about.
PROGRESS_MIN_FILES = 20


@contextlib.contextmanager
def _progress_bar(total: int):
    if total < PROGRESS_MIN_FILES or os.environ.get("CI") or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(
        length=total, label="Linting", file=sys.stderr, show_pos=True, show_eta=True
    ) as bar:
        yield bar.update


def _nothing_linted(skipped: int) -> str:
    if skipped == 0:
        return "nothing linted: no .txt, .md or .eml draft in the paths given"
    if skipped == 1:
        return "nothing linted: the only file was skipped"
    return f"nothing linted: all {skipped} files were skipped"


@cli.command("config")
@click.argument("path", required=False, default=".")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this configuration file instead of searching for one.",
)
def show_config(path, config_path):
    """Print the configuration that applies to PATH (a draft or a folder)."""
    try:
        where = Path(path)
        start = where if where.is_dir() else where.resolve().parent
        found = config_path or config.discover(start.resolve())
        cfg = config.load(found.resolve() if found else None)
        effective = cfg.effective(None if where.is_dir() else str(where))
    except (config.ConfigError, RuleError) as exc:
        raise UsageFailure(str(exc)) from None
    click.echo(yaml.safe_dump(effective, sort_keys=False, allow_unicode=True).rstrip())


def _rules_with(dirs: tuple[Path, ...]) -> tuple:
    try:
        return load_rules([default_rules_dir(), *dirs])
    except RuleError as exc:
        raise UsageFailure(str(exc)) from None


@cli.command("rules")
@click.option(
    "--rule-dir",
    "rule_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Also list the rules in this folder (repeatable).",
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def list_rules(rule_dirs, output_format):
    """List the rules: id, type, kinds, default severity, languages."""
    rules = _rules_with(tuple(rule_dirs))
    if output_format == "json":
        rows = [
            {"id": r.id, "type": r.type, "kinds": list(r.kinds), "severity": r.severity.value,
             "languages": list(r.languages), "path": str(r.path)}
            for r in rules
        ]  # fmt: skip
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r.id) for r in rules)
    for r in rules:
        click.echo(f"{r.id:{width}}  {r.type:9}  {r.severity.value:10}  "
                   f"{','.join(r.languages):8}  {', '.join(r.kinds)}")  # fmt: skip


@cli.command("explain")
@click.argument("rule_id")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr", "ar"]),
    default="en",
    show_default=True,
    help="Language of the suggestion and examples shown.",
)
@click.option(
    "--rule-dir", "rule_dirs", multiple=True, type=click.Path(file_okay=False, path_type=Path)
)
def explain(rule_id, lang, rule_dirs):
    """Show what a rule asks, where the guidance comes from, and its examples."""
    rules = {r.id: r for r in _rules_with(tuple(rule_dirs))}
    if rule_id not in rules:
        raise UsageFailure(f"unknown rule '{rule_id}' (see `courtesy-lint rules`)")
    r = rules[rule_id]
    out = [f"{r.id}  ({r.type}; {', '.join(r.kinds)}; default {r.severity.value})", "",
           r.description, "", f"Reported as: {r.message}"]  # fmt: skip
    if r.limit:
        out.append(f"Limit: {r.limit.max_words or '-'} words, {r.limit.max_sentences or '-'} "
                   f"sentences in the {r.limit.scope}")  # fmt: skip
    out += ["", "From the guidance:"] + [f"  - {s.point} (seed {s.seed})" for s in r.sources]
    if r.suggestion.get(lang):
        out += ["", f"Suggested phrasing ({lang}): {r.suggestion[lang]}"]
    examples = r.examples.get(lang, ())
    for verdict, expect in (("Passes", False), ("Reported", True)):
        chosen = [e for e in examples if e.expect_finding is expect][:4]
        if chosen:
            out += ["", f"{verdict} ({lang}):"] + [
                f"  - {' '.join(e.text.split())}" for e in chosen
            ]
    click.echo("\n".join(out))


@cli.command("test-rules")
@click.argument("dirs", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--lang", type=click.Choice(["en", "fr", "ar"]), help="Only this language's examples."
)
def test_rules(dirs, lang):
    """Run rules' own examples: ours, or only those of the rule folders given."""
    from .rule_testing import run_examples  # imports the engine, and with it spaCy

    rules = _rules_with(tuple(dirs))
    wanted = None
    if dirs:
        wanted = {r.id for r in rules if any(r.path.parent.resolve() == d.resolve() for d in dirs)}
    outcomes = [o for o in run_examples(rules, wanted) if lang is None or o.lang == lang]
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        click.echo(f"{o.path}: FAIL {o.describe()}")
    click.echo(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def exit_status(
    results: list[LintResult], threshold: Severity = Severity.ERROR, max_warnings: int | None = None
) -> int:
    """1 when a finding reaches the failing severity, or warnings exceed --max-warnings."""
    worst = [r.worst() for r in results]
    if any(w is not None and w.rank >= threshold.rank for w in worst):
        return EXIT_FINDINGS
    warnings = sum(f.severity is Severity.WARNING for r in results for f in r.findings)
    if max_warnings is not None and warnings > max_warnings:
        return EXIT_FINDINGS
    return EXIT_OK


def main(argv: list[str] | None = None) -> None:
    """Entry point: every failure to lint becomes one line on stderr and exit 2."""
    lean_spacy.install()  # a cold run does not import spaCy's own commands
    try:
        cli.main(args=argv, prog_name="courtesy-lint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:  # bad option, missing argument...
        _fail(exc.format_message())
    except click.Abort:
        _fail("interrupted")
    except (UsageFailure, files.InputError, RuleError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted")
    except BrokenPipeError:
        # The reader went away (`courtesy-lint ... | head`): nothing to report.
        sys.stderr.close()
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug: still one line, with a way to get the traceback
        if os.environ.get("COURTESY_LINT_DEBUG"):
            raise
        _fail(
            f"internal error: {type(exc).__name__}: {exc} (set COURTESY_LINT_DEBUG=1 for details)"
        )
    sys.exit(EXIT_OK)


def _fail(message: str) -> None:
    click.echo(f"courtesy-lint: error: {' '.join(str(message).split())}", err=True)
    sys.exit(EXIT_ERROR)
