"""The other person's boundaries, asked once before the reach-out step is ever offered.

Four questions, answered privately and changeable at any time (stored encrypted in the vault's
setting table): did they ask for no contact, did they block you, is there a court order or a
police instruction to keep away, was anyone afraid for their safety. With any yes the reach-out
step is never offered, logging it is refused in core (so the window and the CLI agree), and the
count goes on as time for the user's own life. Until the questions are answered, the step is
not offered either: the answers come first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconcile_desktop.core.changes import NOCONTACT, writes
from reconcile_desktop.core.errors import InvalidInput, ReconcileError

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

SETTING = "nocontact.boundaries"
ASKED_NO_CONTACT = "asked-no-contact"
BLOCKED = "blocked"
COURT_ORDER = "court-order"
SAFETY = "safety"
NAMES = (ASKED_NO_CONTACT, BLOCKED, COURT_ORDER, SAFETY)

# The questions as the window and the CLI ask them; a yes to any sets the boundary.
QUESTIONS = {
    ASKED_NO_CONTACT: "Have they asked you not to contact them?",
    BLOCKED: "Have they blocked you anywhere?",
    COURT_ORDER: "Is there a court order or a police instruction to keep away?",
    SAFETY: "Was anyone afraid for their safety?",
}

RESPECTED = (
    "The reach-out step is not offered, because you noted that {reason}. Respecting that is "
    "the kind thing to do, and the right one; your count goes on as time for your own life."
)
REASONS = {
    ASKED_NO_CONTACT: "they asked not to be contacted",
    BLOCKED: "they blocked you",
    COURT_ORDER: "there is an order to keep away",
    SAFETY: "someone was afraid for their safety",
}


class BoundaryRespected(ReconcileError):
    """Logging the reach-out while a boundary is set: refused, nothing recorded."""

    exit_code = 2
    cli_hint = (
        "If you did contact them, log it with 'reconcile contact': the count starts again, "
        "and that is something to learn from, not the end."
    )


@dataclass(frozen=True)
class Boundaries:
    answered: bool  # the questions were answered at least once
    set: frozenset[str]

    @property
    def reach_out_offered(self) -> bool:
        return self.answered and not self.set

    def ordered(self) -> list[str]:
        return [n for n in NAMES if n in self.set]


def check_name(name: str) -> str:
    if name not in NAMES:
        raise InvalidInput(f"A boundary is one of: {', '.join(NAMES)}.")
    return name


def get(vault: Vault) -> Boundaries:
    from reconcile_desktop.core.storage.vault_settings import get_setting

    stored = get_setting(vault, SETTING)
    if not isinstance(stored, dict):
        return Boundaries(answered=False, set=frozenset())
    names = stored.get("set")
    known = frozenset(n for n in names if n in NAMES) if isinstance(names, list) else frozenset()
    return Boundaries(answered=bool(stored.get("answered")), set=known)


@writes(NOCONTACT)
def answer(vault: Vault, names: set[str] | frozenset[str]) -> Boundaries:
    """Store the answers as a whole: `names` are the questions answered yes."""
    from reconcile_desktop.core.storage.vault_settings import set_setting

    chosen = frozenset(check_name(n) for n in names)
    set_setting(vault, SETTING, {"answered": True, "set": [n for n in NAMES if n in chosen]})
    return Boundaries(answered=True, set=chosen)


@writes(NOCONTACT)
def set_boundary(vault: Vault, name: str) -> Boundaries:
    return answer(vault, get(vault).set | {check_name(name)})


@writes(NOCONTACT)
def clear_boundary(vault: Vault, name: str) -> Boundaries:
    return answer(vault, get(vault).set - {check_name(name)})


def refusal(b: Boundaries) -> BoundaryRespected:
    reasons = [REASONS[n] for n in b.ordered()]
    joined = reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " and " + reasons[-1]
    return BoundaryRespected(RESPECTED.format(reason=joined))


def require_no_boundary(vault: Vault) -> None:
    b = get(vault)
    if b.set:
        raise refusal(b)
