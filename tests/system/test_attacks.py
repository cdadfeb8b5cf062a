"""Guessing and odd passphrases: 10,000 wrong tries change no byte, the GUI's pause grows
after the third failure and cannot be skipped, and NUL, 10 KB and NFC/NFD passphrases follow
the rule documented in keyfile.normalise_passphrase (UTF-8 of the NFC form, nothing stripped).
"""

from __future__ import annotations

import unicodedata

import pytest

from reconcile_desktop.core.errors import InvalidInput, KeyFileDamaged, WrongPassphrase
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.ui.shell.dialogs.create_and_unlock import UnlockDialog, unlock_delay_seconds
from tests.conftest import PASSPHRASE
from tests.system.fault_tools import fingerprint
from tests.ui import conftest as gui


def test_ten_thousand_wrong_passphrases_leave_every_file_byte_identical(make_vault):
    vault = make_vault()
    vault.create(PASSPHRASE)
    journal.add_entry(vault, "precious words", title="precious")
    vault.close()
    before = fingerprint(vault.dir)
    mtimes = {p.name: p.stat().st_mtime_ns for p in vault.dir.iterdir() if p.name in before}
    guesser = make_vault(vault.dir)
    near = [PASSPHRASE[:-1], PASSPHRASE + " ", PASSPHRASE.upper(), PASSPHRASE + "\0"]
    for i in range(10_000):
        with pytest.raises(WrongPassphrase):
            guesser.unlock(near[i] if i < len(near) else f"guess number {i}")
        assert not guesser.is_unlocked
    assert fingerprint(vault.dir) == before
    assert {p.name: p.stat().st_mtime_ns for p in vault.dir.iterdir() if p.name in before} == mtimes
    guesser.unlock(PASSPHRASE)
    assert [e.title for e in journal.iter_entries(guesser)] == ["precious"]


NFC = unicodedata.normalize("NFC", "Zoë, café crème, Ångström")
NFD = unicodedata.normalize("NFD", NFC)


@pytest.mark.parametrize(
    ("created_with", "opens_with", "refused"),
    [
        ("with\0nul inside", "with\0nul inside", ["with", "with\0nul", "withnul inside"]),
        ("ü" * 5_000, "ü" * 5_000, ["ü" * 4_999, "u" * 5_000]),  # 10 KB of UTF-8
        (NFD, NFC, [NFC.replace("é", "e")]),  # typed on macOS, opened on Linux
        (NFC, NFD, [NFD.casefold().upper()]),
        (" spaces count ", " spaces count ", ["spaces count", " spaces count"]),
    ],
    ids=["nul", "10kb", "nfd-then-nfc", "nfc-then-nfd", "spaces"],
)
def test_passphrase_shapes_through_the_vault(make_vault, created_with, opens_with, refused):
    vault = make_vault()
    vault.create(created_with)
    journal.add_entry(vault, "hello", title="kept")
    vault.close()
    other = make_vault(vault.dir)
    for wrong in refused:
        with pytest.raises(WrongPassphrase):
            other.unlock(wrong)
    other.unlock(opens_with)
    assert [e.title for e in journal.iter_entries(other)] == ["kept"]
    other.change_passphrase(opens_with, created_with + "2")
    other.close()
    again = make_vault(vault.dir)
    again.unlock(unicodedata.normalize("NFD", created_with + "2"))


def test_no_bit_flip_of_a_real_key_file_reads_as_a_wrong_passphrase(tmp_path, monkeypatch):
    """Every single-bit flip of a real vault.key (default KDF, as the attack did): each says
    the key file is damaged, before Argon2 runs, or (a harmless flip) still opens."""
    folder = tmp_path / "data"
    vault = Vault(folder)
    vault.create(PASSPHRASE)
    vault.close()
    original = vault.key_path.read_bytes()
    derive = keyfile._derive
    kdf_runs = []
    monkeypatch.setattr(keyfile, "_derive", lambda *a: kdf_runs.append(1) or derive(*a))
    outcomes = {"opens": 0, "damaged": 0}
    for bit in range(len(original) * 8):
        flipped = bytearray(original)
        flipped[bit // 8] ^= 1 << (bit % 8)
        vault.key_path.write_bytes(bytes(flipped))
        kdf_runs.clear()
        opener = Vault(folder)
        try:
            opener.unlock(PASSPHRASE)
            outcome = "opens"
        except KeyFileDamaged as exc:
            assert str(exc) == KeyFileDamaged.message, f"bit {bit}: {exc}"
            assert not kdf_runs, f"bit {bit}: Argon2 ran for a damaged key file"
            outcome = "damaged"
        finally:
            opener.close()
        outcomes[outcome] += 1
    assert outcomes["damaged"] + outcomes["opens"] == len(original) * 8


def test_too_long_and_empty_passphrases_are_refused_before_any_file_exists(make_vault):
    vault = make_vault()
    for bad in ("", "x" * (keyfile.MAX_PASSPHRASE_BYTES + 1)):
        with pytest.raises(InvalidInput):
            vault.create(bad)
        assert not vault.key_path.exists() and not vault.db_path.exists()
    at_limit = "é" * (keyfile.MAX_PASSPHRASE_BYTES // 2)  # exactly 64 KB of UTF-8
    vault.create(at_limit)
    vault.close()
    make_vault(vault.dir).unlock(at_limit)


# -- the GUI's growing pause, driven by an injected timer ------------------------------------------

# The GUI fixtures live in tests/ui/conftest.py; borrowed here by name.
make_app = gui.make_app
settings = gui.settings
settings_path = gui.settings_path
existing_vault_dir = gui.existing_vault_dir

FOREVER_MS = 1_000_000_000  # the real countdown timer never fires; the test ticks it by hand


@pytest.mark.qt_log_ignore(gui.OFFSCREEN_NOISE)
def test_the_pause_grows_and_cannot_be_skipped(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir), unlock_second_ms=FOREVER_MS)
    app.start()
    dialog = app.dialog
    assert isinstance(dialog, UnlockDialog)
    tries: list[str] = []
    real_unlock = app.vault.unlock

    def counting_unlock(passphrase):
        tries.append(passphrase)
        return real_unlock(passphrase)

    app.vault.unlock = counting_unlock
    expected = [0, 0, 1, 2, 4, 8, 16, 30, 30]
    for failures, pause in enumerate(expected, 1):
        gui.type_into(qtbot, dialog.passphrase, f"wrong guess {failures}")
        dialog.submit()
        qtbot.waitUntil(lambda n=failures: dialog.failures == n and not dialog.busy)
        assert unlock_delay_seconds(failures) == pause
        assert len(tries) == failures
        for tick in range(pause):
            # While pausing, neither the button, Enter nor submit() reaches the vault.
            assert dialog.cooling_down and not dialog.unlock_button.isEnabled()
            assert f"in {pause - tick} second" in dialog.countdown.text()
            gui.type_into(qtbot, dialog.passphrase, PASSPHRASE)
            dialog.submit()
            assert not dialog.busy and len(tries) == failures
            dialog._tick.timeout.emit()  # one second passes
        assert not dialog.cooling_down and dialog.unlock_button.isEnabled()
        assert not dialog.countdown.isVisible()
    gui.unlock(qtbot, app)
    assert app.vault.is_unlocked and tries[-1] == PASSPHRASE
