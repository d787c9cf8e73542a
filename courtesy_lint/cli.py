"""The command line: the only module that prints, reads the terminal and decides the exit status."""

from __future__ import annotations

import os
import sys

import click

from . import __version__, files
from .engine import LintOptions, lint_text
from .findings import LintResult, Severity
from .formatters import FORMATTERS
from .rule_loader import RuleError

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
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only errors.")
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
def check(paths, lang, kind, output_format, strict, show_evidence, color, stdin_filename):
    """Lint drafts: files, folders (searched for .txt, .md, .eml) or '-' for stdin."""
    options = LintOptions()
    results: list[LintResult] = []
    try:
        paths = files.collect(list(paths))
    except files.InputError as exc:
        raise UsageFailure(str(exc)) from None
    for path in paths:
        shown = stdin_filename if (path == files.STDIN and stdin_filename) else path
        try:
            draft = files.read(path)
            result = lint_text(draft.text, lang, kind, path=shown, options=options)
        except files.InputError as exc:
            raise UsageFailure(str(exc)) from None
        except RuleError as exc:
            raise UsageFailure(str(exc)) from None
        except ValueError as exc:  # FrontMatterError, bad lang or kind in front matter
            raise UsageFailure(f"{shown}: {exc}") from None
        for notice in result.notices:
            click.echo(f"courtesy-lint: note: {shown}: {notice}", err=True)
        results.append(result)

    output = FORMATTERS[output_format](results, show_evidence=show_evidence)
    colour = {"always": True, "never": False}.get(color)
    if colour is None and (os.environ.get("NO_COLOR") or output_format != "text"):
        colour = False
    if output:
        click.echo(output, color=colour)
    sys.exit(exit_status(results, strict))


def exit_status(results: list[LintResult], strict: bool) -> int:
    """1 when a finding reaches the failing level (error; warning too with --strict)."""
    threshold = Severity.WARNING if strict else Severity.ERROR
    worst = [r.worst() for r in results]
    if any(w is not None and w.rank >= threshold.rank for w in worst):
        return EXIT_FINDINGS
    return EXIT_OK


def main(argv: list[str] | None = None) -> None:
    """Entry point: every failure to lint becomes one line on stderr and exit 2."""
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
