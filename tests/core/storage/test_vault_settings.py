"""Settings kept inside the encrypted vault survive a lock and unlock."""

from __future__ import annotations

from reconcile_desktop.core.storage import vault_settings
from tests.conftest import PASSPHRASE


def test_settings_round_trip_and_survive_unlock(vault):
    assert vault_settings.get_setting(vault, "x", "unset") == "unset"
    vault_settings.set_setting(vault, "x", {"a": [1, 2]})
    vault_settings.set_setting(vault, "x", {"a": [3]})  # a second write replaces the first
    assert not vault_settings.guide_offered(vault)
    vault_settings.mark_guide_offered(vault)
    vault.lock()
    vault.unlock(PASSPHRASE)
    assert vault_settings.get_setting(vault, "x") == {"a": [3]}
    assert vault_settings.guide_offered(vault)
