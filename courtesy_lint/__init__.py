"""courtesy-lint: a linter for job-search emails in English, French and Arabic.

Embed it with `lint_text`:

    >>> from courtesy_lint import lint_text
    >>> result = lint_text("Dear Ms Chen, I withdraw my application.", kind="withdraw")
    >>> [f.rule for f in result.findings]  # doctest: +SKIP
"""

from .engine import LintOptions, lint_text
from .findings import Evidence, Finding, LintResult, Severity, Status

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
