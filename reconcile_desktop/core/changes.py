"""What a write touched, so every view that shows it reads again (Anki's OpChanges).

A write in core declares the areas it touches with @writes(...); the window runs it through its
one runner (ui/ops.py) and broadcasts the resulting Changes to every page, which looks at
the areas, never at who caused them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

ENTRIES = "entries"
TRASH = "trash"
PLANS = "plans"
CHECKINS = "checkins"
NOCONTACT = "nocontact"
MOOD = "mood"
SETTINGS = "settings"
THEME = "theme"
ATTACHMENTS = "attachments"  # photos and files in entries
AREAS = (ENTRIES, TRASH, PLANS, CHECKINS, NOCONTACT, MOOD, SETTINGS, THEME, ATTACHMENTS)

F = TypeVar("F", bound=Callable)


class Changes:
    """An immutable set of areas. A plain class, not a dataclass: the command line imports this
    before the key derivation, where every module loaded counts."""

    __slots__ = ("areas",)

    def __init__(self, areas: frozenset[str] = frozenset()) -> None:
        object.__setattr__(self, "areas", frozenset(areas))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Changes cannot be changed")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Changes) and self.areas == other.areas

    def __hash__(self) -> int:
        return hash(self.areas)

    def __repr__(self) -> str:
        return f"Changes({sorted(self.areas)})"

    @classmethod
    def of(cls, *areas: str) -> Changes:
        unknown = set(areas) - set(AREAS)
        if unknown:
            raise ValueError(f"unknown areas: {sorted(unknown)}")
        return cls(frozenset(areas))

    def touches(self, *areas: str) -> bool:
        return not self.areas.isdisjoint(areas)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.areas | other.areas)

    def __bool__(self) -> bool:
        return bool(self.areas)


NOTHING = Changes()
EVERYTHING = Changes(frozenset(AREAS))


def writes(*areas: str) -> Callable[[F], F]:
    """Mark a core function as a write that touches `areas` (read by ui ops.mutate)."""
    changes = Changes.of(*areas)

    def mark(fn: F) -> F:
        fn.changes = changes  # type: ignore[attr-defined]
        return fn

    return mark


def changes_of(fn: Callable) -> Changes:
    """The areas a marked write touches; a function without a mark is not a write."""
    found = getattr(fn, "changes", None)
    if not isinstance(found, Changes):
        raise TypeError(f"{getattr(fn, '__qualname__', fn)!r} is not marked with @writes")
    return found
