"""Imports spaCy without its command-line package, which a linter never calls.

`import spacy` runs `from .cli.info import info`, and importing `spacy.cli`
imports every spaCy command with its own dependencies (weasel, typer,
requests): about 0.22 s of a 1.2 s cold start, for `spacy download` and
friends. While `spacy` itself is being imported, this finder hands over a
stand-in for `spacy.cli` and `spacy.cli.info` instead. The stand-ins are
transparent: `spacy.info()` and any attribute of `spacy.cli` import the real
package on first use, and submodules (`spacy.cli.download`) import from the
real folder. Only the command line installs it (`install()`); importing
courtesy_lint as a library leaves spaCy's import alone.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from pathlib import Path

_STAND_INS = ("spacy.cli", "spacy.cli.info")


def install() -> None:
    """Take effect for the next import of spaCy in this process, if there is one."""
    if "spacy" in sys.modules or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name not in _STAND_INS or not _spacy_initialising():
            return None
        if name == "spacy.cli" and name in sys.modules:
            return None
        spec = importlib.machinery.ModuleSpec(name, _Loader(), is_package=name == "spacy.cli")
        if name == "spacy.cli":
            spec.submodule_search_locations = [str(_real_cli_folder())]
        if name == "spacy.cli.info":  # the last one spaCy asks for: step aside
            sys.meta_path[:] = [f for f in sys.meta_path if f is not self]
        return spec


def _spacy_initialising() -> bool:
    spacy = sys.modules.get("spacy")
    return spacy is not None and getattr(spacy.__spec__, "_initializing", False)


def _real_cli_folder() -> Path:
    return Path(sys.modules["spacy"].__file__).parent / "cli"


class _Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module: types.ModuleType) -> None:
        if module.__name__ == "spacy.cli":
            module.__getattr__ = _real_attribute
        else:
            module.info = _real_info


def _real_cli() -> types.ModuleType:
    """Swap the stand-ins for the real spacy.cli, once."""
    for name in _STAND_INS:
        if getattr(sys.modules.get(name), "__getattr__", None) is _real_attribute or (
            getattr(sys.modules.get(name), "info", None) is _real_info
        ):
            del sys.modules[name]
    real = importlib.import_module("spacy.cli")
    sys.modules["spacy"].cli = real
    return real


def _real_attribute(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_real_cli(), name)


def _real_info(*args, **kwargs):
    _real_cli()
    from spacy.cli.info import info

    return info(*args, **kwargs)
