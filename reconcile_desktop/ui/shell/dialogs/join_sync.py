"""First run, the third way: join a journal another computer already syncs through a folder.
The folder carries the key (wrapped under the passphrase), a snapshot and the changes; join
builds this computer's own journal from them, off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError, WrongPassphrase
from reconcile_desktop.ui.shell.dialogs.create_and_unlock import _PassphraseDialog, passphrase_field
from reconcile_desktop.ui.shell.dialogs.settings_sync import MAX_NAME_CHARS, this_computer_name

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.workers import Runner


def join_here(vault: Vault, folder: Path, passphrase: str, name: str) -> None:
    """Build the journal in `vault`'s folder from the sync folder, then open it as this app's
    own vault. Runs on a pool thread. The app's hold on the folder is let go for join (which
    takes it itself) and taken back whatever happens."""
    from reconcile_desktop.core.sync import service as sync

    vault.release()
    try:
        joined = sync.join(
            vault.dir, folder, passphrase, device_name=name, clock=vault.clock,
            kdf_bounds=vault.kdf_bounds,
        )  # fmt: skip
        joined.close()
    finally:
        vault.claim()
    vault.unlock(passphrase)


class JoinDialog(_PassphraseDialog):
    """Pick the sync folder, type the passphrase, join. Back returns to the create dialog."""

    def __init__(self, vault: Vault, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(
            vault,
            runner,
            QCoreApplication.translate("JoinDialog", "Join your journal from a sync folder"),
            QCoreApplication.translate(
                "JoinDialog",
                "Choose the folder your other computer syncs this journal through, then enter "
                "the passphrase you use there. Your journal is rebuilt here, sealed as before.",
            ),
            parent,
        )
        self.folder_dialog: QFileDialog | None = None
        self.folder = QLineEdit()
        self.folder.setAccessibleName(self.tr("Sync folder"))
        self.folder.setPlaceholderText(self.tr("The folder your sync tool keeps"))
        self.folder.textEdited.connect(lambda _t: self.show_error(""))
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.setAccessibleName(self.tr("Choose the sync folder"))
        self.browse.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        folder_row = QWidget()
        folder_row.setLayout(row)
        self.passphrase = passphrase_field(self.tr("Passphrase"))
        self.passphrase.textEdited.connect(lambda _t: self.show_error(""))
        self.name = QLineEdit(this_computer_name())
        self.name.setMaxLength(MAX_NAME_CHARS)
        self.name.setAccessibleName(self.tr("This computer's name"))
        self.form.addRow(self.tr("Sync &folder"), folder_row)
        self.form.addRow(self.tr("&Passphrase"), self.passphrase)
        self.form.addRow(self.tr("This computer's &name"), self.name)

        self.join_button = QPushButton(self.tr("Join"))
        self.join_button.setDefault(True)
        self.join_button.setAccessibleName(self.tr("Join the journal"))
        self.join_button.clicked.connect(self.submit)
        back = self.buttons.addButton(self.tr("Back"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setAccessibleName(self.tr("Back to creating a journal"))
        self.buttons.addButton(self.join_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.folder.setFocus()

    def set_busy(self, busy: bool, message: str = "") -> None:
        super().set_busy(busy, message)
        self.browse.setEnabled(not busy)

    def choose_folder(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose the sync folder"))
        dialog.setDirectory(self.folder.text() or str(Path.home()))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, self.tr("Use this folder"))
        dialog.fileSelected.connect(self._folder_chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.folder_dialog = dialog
        return dialog

    def _folder_chosen(self, path: str) -> None:
        self.folder.setText(path)
        self.show_error("")
        self.passphrase.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        folder = self.folder.text().strip()
        passphrase = self.passphrase.text()
        if not folder:
            self.show_error(self.tr("Please choose the sync folder first."))
            self.folder.setFocus()
            return
        if not passphrase:
            self.show_error(self.tr("Please enter your passphrase."))
            self.passphrase.setFocus()
            return
        name = self.name.text().strip() or this_computer_name()
        self.set_busy(True, self.tr("Bringing your journal over. This can take a little while…"))
        vault, where = self.vault, Path(folder).expanduser()
        self.runner.submit(
            lambda: join_here(vault, where, passphrase, name),
            on_result=self._joined,
            on_error=self._failed,
        )

    def _joined(self, _result: object) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.accept()

    def _failed(self, error: ReconcileError) -> None:
        super()._failed(error)
        if isinstance(error, WrongPassphrase):
            self.show_error(
                self.tr("That passphrase does not open this journal. Please try again.")
            )
            self.passphrase.clear()
            self.passphrase.setFocus()
