"""`reconcile --demo`: a throwaway journal filled with about four months of made-up days.

The demo lives in a temporary folder with its own settings file (ui/shell/app.py removes both on
exit). Its passphrase is fixed and never shown: the demo opens, and unlocks after a lock, by
itself or with one click. Creating and filling it takes a few hundred milliseconds, so it runs
off the GUI thread behind this small dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.ui.shell.dialogs.create_and_unlock import _PassphraseDialog

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.workers import Runner

DEMO_PASSPHRASE = "demo journal, nothing real"  # noqa: S105 - a throwaway, made-up journal
# Nothing real is stored in a demo, so the key derivation is kept cheap.
DEMO_KDF = keyfile.KdfParams(t=1, m=8 * 1024, p=1)
DEMO_BOUNDS = keyfile.KdfBounds(t=(1, keyfile.CEILING.t), m=(8 * 1024, keyfile.CEILING.m))


DEMO_PREFIX = "reconcile-demo-"


def remove_left_demos(root: Path) -> int:
    """Remove demo folders that a killed demo left in `root` (their journal is no longer
    locked by a running Reconcile); returns how many. Only this user's folders, made-up data."""
    import os
    import shutil

    from reconcile_desktop.core.errors import ReconcileError
    from reconcile_desktop.core.storage.instance_lock import InstanceLock

    removed = 0
    for folder in root.glob(DEMO_PREFIX + "*"):
        lock_file = folder / "journal" / "vault.lock"
        if folder.is_symlink() or not lock_file.is_file():
            continue  # not a demo, or one still being set up
        if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
            continue
        lock = InstanceLock(lock_file)
        try:
            lock.acquire()
        except (ReconcileError, OSError):
            continue  # a demo that is still open
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed += not folder.exists()
        finally:
            lock.release()
    return removed


def demo_vault(folder: Path, clock: Clock | None = None) -> Vault:
    from reconcile_desktop.core.storage.vault import Vault

    return Vault(folder, clock=clock, kdf_params=DEMO_KDF, kdf_bounds=DEMO_BOUNDS)


def prepare_demo(vault: Vault) -> None:
    """Create the vault, fill it, and mark the guide as offered (a demo never shows it)."""
    from reconcile_desktop.core import demo
    from reconcile_desktop.core.storage import vault_settings

    vault.create(DEMO_PASSPHRASE)
    demo.fill_demo(vault)
    vault_settings.mark_guide_offered(vault)


class DemoDialog(_PassphraseDialog):
    """First start: prepares the demo at once, then accepts. After a lock: one click opens."""

    def __init__(
        self, vault: Vault, runner: Runner, parent: QWidget | None = None, *, locked: bool = False
    ) -> None:
        tr = QCoreApplication.translate  # self.tr needs the QObject built first
        if locked:
            heading = tr("DemoDialog", "The demo is locked")
            intro = tr(
                "DemoDialog",
                "Your own journal would ask for your passphrase here. The demo opens with one "
                "click.",
            )
        else:
            heading = tr("DemoDialog", "Preparing the demo")
            intro = tr(
                "DemoDialog",
                "A made-up journal of about four months, so you can look around freely. It "
                "disappears when you close Reconcile.",
            )
        super().__init__(vault, runner, heading, intro, parent)
        self.locked = locked
        self.open_button = QPushButton(self.tr("Open the demo"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.submit)
        quit_button = self.buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        quit_button.setAccessibleName(self.tr("Quit"))
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if not locked:
            QTimer.singleShot(0, self.submit)

    def submit(self) -> None:
        if self.busy or not self.isVisible():  # closed before it started: nothing to prepare
            return
        vault = self.vault
        if self.locked:
            self.set_busy(True, self.tr("Opening the demo…"))
            work = lambda: vault.unlock(DEMO_PASSPHRASE)  # noqa: E731
        else:
            self.set_busy(True, self.tr("Writing four months of pretend days…"))
            work = lambda: prepare_demo(vault)  # noqa: E731
        self.runner.submit(work, on_result=self._done, on_error=self._failed)

    def _done(self, _result: object) -> None:
        self.set_busy(False)
        self.accept()
