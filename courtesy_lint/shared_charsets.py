"""Compiles regular expressions that repeat one huge character class, once per class.

spaCy's French tokenizer matches words like "peut-être" with a 1.4 MB
regular expression: about 400 alternatives, each spelling out the same
3,000-character classes of letters. Python's compiler optimises every copy
of a class again, case-folding each character for `(?i)`, which costs about
three seconds in every process that loads the French pipeline.

While `shared_charsets()` is active, the compiler's charset optimisation is
memoised on its exact inputs, so each distinct class is optimised once. The
step is a pure function of those inputs and its output is only read, so the
compiled expression is the one Python would build anyway, just sooner.
When the running Python has no such step (another implementation, a
future version), this does nothing and compiling is merely slow.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

try:  # Python 3.11 and later
    import re._compiler as _compiler
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]

_lock = threading.Lock()


@contextlib.contextmanager
def shared_charsets() -> Iterator[None]:
    original = getattr(_compiler, "_optimize_charset", None)
    if original is None:  # pragma: no cover - nothing to speed up here
        yield
        return
    memo: dict = {}

    def optimize_charset(charset, iscased=None, fixup=None, fixes=None):
        try:
            # `fixes` is a module-level table, the same object on every call
            key = (tuple(charset), iscased, fixup, id(fixes))
            return memo[key]
        except KeyError:
            memo[key] = result = original(charset, iscased, fixup, fixes)
            return result
        except TypeError:  # an unhashable part: compile as usual
            return original(charset, iscased, fixup, fixes)

    with _lock:
        _compiler._optimize_charset = optimize_charset
        try:
            yield
        finally:
            _compiler._optimize_charset = original
