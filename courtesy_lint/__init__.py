"""courtesy-lint: a linter for job-search emails in English, French and Arabic.

Embed it with `lint_text`:

    >>> from courtesy_lint import lint_text
    >>> result = lint_text("Dear Ms Chen, I withdraw my application.", kind="withdraw")
    >>> [f.rule for f in result.findings]  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .findings import Evidence, Finding, LintResult, Severity, Status

if TYPE_CHECKING:
    from .engine import lint_text
    from .options import LintOptions

__version__ = "0.1.0"

__all__ = [
    "Evidence",
    "Finding",
    "LintOptions",
    "LintResult",
    "Severity",
    "Status",
    "__version__",
    "lint_text",
]


def __getattr__(name: str):
    # The engine imports spaCy, which takes a second: only when asked for, so
    # that a run answered from the cache never pays for it.
    if name == "lint_text":
        from .engine import lint_text

        return lint_text
    if name == "LintOptions":
        from .options import LintOptions

        return LintOptions
    raise AttributeError(f"module 'courtesy_lint' has no attribute {name!r}")
