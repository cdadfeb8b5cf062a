"""Small settings that belong with the journal (stored encrypted in the vault's setting table),
such as whether the getting-started guide was already offered. Window geometry, the theme and
the reminder time live in QSettings instead: they say nothing private."""

from __future__ import annotations

import json
import re
import secrets
from typing import TYPE_CHECKING, Any

from reconcile_desktop.core.changes import SETTINGS, writes
from reconcile_desktop.core.storage.models import Setting

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

GUIDE_OFFERED = "first_run.guide_offered"
VAULT_ID = "vault.id"
_VAULT_ID_FORM = re.compile(r"[0-9a-f]{32}")


def get_setting(vault: Vault, key: str, default: Any = None) -> Any:
    with vault.session() as s:
        row = s.get(Setting, key)
        if row is None:
            return default
        try:
            return json.loads(row.value)
        except ValueError:
            return default  # a damaged value reads as unset rather than stopping the app


@writes(SETTINGS)
def set_setting(vault: Vault, key: str, value: Any) -> None:
    text = json.dumps(value)
    with vault.transaction() as s:
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=text))
        else:
            row.value = text


def guide_offered(vault: Vault) -> bool:
    return bool(get_setting(vault, GUIDE_OFFERED, False))


@writes(SETTINGS)
def mark_guide_offered(vault: Vault) -> None:
    set_setting(vault, GUIDE_OFFERED, True)


def vault_id(vault: Vault) -> str:
    """A random id that tells this journal's backups from another journal's in a shared
    folder. Made on first need and kept in the journal, so a backup (and a journal restored
    from it) carries the same id. Random, so it says nothing about the journal."""
    found = get_setting(vault, VAULT_ID)
    if isinstance(found, str) and _VAULT_ID_FORM.fullmatch(found):
        return found
    made = secrets.token_hex(16)
    set_setting(vault, VAULT_ID, made)
    return made
