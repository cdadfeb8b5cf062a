"""When the user was the one who was hurt.

The method assumes the user has a part to own, but some users were afraid, controlled or hurt.
The "Should I even try?" worksheet asks three plain yes/no questions; a yes to any means trying
again may not be safe and fixing it is not the user's job. Whenever a worksheet entry is saved,
its answers are noted in the vault's settings (encrypted), so every view can ask one cheap
question, `hurt_noted(vault)`, without reading entries: the Today page then stops offering
"own your part" prompts, and the worksheet points to support instead of reconciliation. The note
follows the newest worksheet answers that were saved; answering no again clears it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

HURT_NOTED = "safety.hurt_noted"
WORKSHEET_KIND = "worksheet"


def answers_suggest_harm(answers: Mapping[str, Any]) -> bool:
    """True when any of the worksheet's yes/no questions (afraid, controlled, hurt) is yes."""
    from reconcile_desktop.core.journal.prompts import load_worksheet

    asked = [s.id for s in load_worksheet().sections if s.type == "yes-no"]
    return any(answers.get(section) == "yes" for section in asked)


def note_worksheet(connection, body: str) -> None:
    """Inside the caller's transaction: remember what a saved worksheet body says."""
    from reconcile_desktop.core.journal.prompts import worksheet_from_markdown

    try:
        answers = worksheet_from_markdown(body)
    except ValueError:
        return  # plain text now, not a form: the last note stands
    connection.execute(
        sa.text(
            "INSERT INTO setting (key, value) VALUES (:key, :value) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ),
        {"key": HURT_NOTED, "value": json.dumps(answers_suggest_harm(answers))},
    )


def hurt_noted(vault: Vault) -> bool:
    from reconcile_desktop.core.storage.vault_settings import get_setting

    return get_setting(vault, HURT_NOTED, False) is True
