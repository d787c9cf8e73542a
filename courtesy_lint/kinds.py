"""Decides which kind of message a draft is, and so which rules apply to it."""

from __future__ import annotations

from dataclasses import dataclass

from .rule_model import KINDS, Rule

UNKNOWN = "unknown"


@dataclass(frozen=True)
class ResolvedKind:
    kind: str
    notice: str | None = None


def resolve(option: str, front_matter: str | None, text: str, lang: str) -> ResolvedKind:
    """The kind given on the command line, else in front matter, else detected."""
    chosen = option if option != "auto" else (front_matter or "auto")
    if chosen == "auto":
        return ResolvedKind(
            UNKNOWN,
            "could not tell the message kind; only the rules common to all kinds were "
            "applied (set --kind or 'kind:' in front matter)",
        )
    if chosen not in KINDS:
        raise ValueError(f"unknown kind '{chosen}' (expected one of: {', '.join(KINDS)})")
    return ResolvedKind(chosen)


def rules_for(kind: str, rules: tuple[Rule, ...]) -> list[Rule]:
    """The rules that apply to `kind`; for an unknown kind, those common to all kinds."""
    if kind == UNKNOWN:
        return [r for r in rules if set(KINDS) <= set(r.kinds)]
    return [r for r in rules if r.applies_to(kind)]
