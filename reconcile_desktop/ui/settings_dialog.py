"""Settings: auto-lock, change passphrase, back up now. Slow work runs off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError, WrongPassphrase
from reconcile_desktop.ui import idle, theme, tray
from reconcile_desktop.ui.vault_dialogs import passphrase_field, passphrase_problem
from reconcile_desktop.ui.workers import busy_bar

if TYPE_CHECKING:
    from reconcile_desktop.core.vault import Vault
    from reconcile_desktop.ui.workers import Runner, Task


def ask_backup_folder(
    parent: QWidget, start_dir: Path, on_chosen: Callable[[Path], None]
) -> QFileDialog:
    """A folder picker that does not block (so auto-lock can still close it)."""
    from reconcile_desktop.paths import ensure_private_dir

    try:
        ensure_private_dir(start_dir)
    except OSError:
        start_dir = start_dir.parent
    dialog = QFileDialog(parent, "Choose a folder for the backup", str(start_dir))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Back up here")
    dialog.fileSelected.connect(lambda path: on_chosen(Path(path)))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def start_backup(
    runner: Runner,
    vault: Vault,
    folder: Path,
    on_done: Callable[[Path], None],
    on_error: Callable[[ReconcileError], None],
) -> Task:
    return runner.submit(lambda: vault.backup(folder), on_result=on_done, on_error=on_error)


def backup_done_sentence(path: Path) -> str:
    return f"Backup saved in {path}. It opens with your current passphrase."


class SettingsDialog(QDialog):
    autolock_changed = Signal(int)  # minutes
    tray_changed = Signal(bool)
    backup_made = Signal(object)  # Path of the new backup folder

    def __init__(
        self,
        vault: Vault,
        settings: QSettings,
        runner: Runner,
        backup_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.settings = settings
        self.runner = runner
        self.backup_dir = Path(backup_dir)
        self._folder_dialog: QFileDialog | None = None
        self.setWindowTitle("Settings")
        self.setMinimumWidth(480)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(14)
        layout.addWidget(self._locking_box())
        layout.addWidget(self._passphrase_box())
        layout.addWidget(self._backup_box())
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def done(self, result: int) -> None:
        # Typed passphrases do not outlive the dialog (a running change keeps its own copy).
        for widget in (self.old_passphrase, self.new_passphrase, self.new_again):
            widget.clear()
        self.passphrase_status.say("")
        super().done(result)

    # -- locking ---------------------------------------------------------------------------

    def _locking_box(self) -> QGroupBox:
        box = QGroupBox("Locking")
        self.autolock = QSpinBox()
        self.autolock.setRange(idle.MIN_MINUTES, idle.MAX_MINUTES)
        self.autolock.setSuffix(" minutes")
        self.autolock.setAccessibleName("Minutes before Reconcile locks itself")
        stored = self.settings.value(idle.SETTINGS_KEY, idle.DEFAULT_MINUTES)
        self.autolock.setValue(idle.clamp_minutes(stored))
        self.autolock.valueChanged.connect(self._autolock_edited)
        row = QHBoxLayout()
        label = QLabel("Lock Reconcile after")
        label.setBuddy(self.autolock)
        row.addWidget(label)
        row.addWidget(self.autolock)
        row.addWidget(QLabel("without use."))
        row.addStretch(1)
        outer = QVBoxLayout(box)
        outer.addLayout(row)
        hint = theme.MutedLabel(
            "When it locks, your journal is closed and hidden until you unlock it."
        )
        hint.setWordWrap(True)
        outer.addWidget(hint)
        self.tray_box = QCheckBox("Show the no-contact day count in the system tray")
        self.tray_box.setAccessibleName("Show the no-contact day count in the system tray")
        self.tray_box.setChecked(tray.tray_enabled(self.settings))
        self.tray_box.setToolTip("Only the number of days shows, nothing you wrote.")
        self.tray_box.setEnabled(tray.TrayIcon.available())
        self.tray_box.toggled.connect(self.tray_changed)
        outer.addWidget(self.tray_box)
        return box

    def _autolock_edited(self, minutes: int) -> None:
        self.settings.setValue(idle.SETTINGS_KEY, int(minutes))
        self.autolock_changed.emit(int(minutes))

    # -- passphrase -------------------------------------------------------------------------

    def _passphrase_box(self) -> QGroupBox:
        box = QGroupBox("Passphrase")
        self.old_passphrase = passphrase_field("Current passphrase")
        self.new_passphrase = passphrase_field("New passphrase")
        self.new_again = passphrase_field("New passphrase again")
        form = QFormLayout()
        form.addRow("C&urrent passphrase", self.old_passphrase)
        form.addRow("&New passphrase", self.new_passphrase)
        form.addRow("Ne&w, once more", self.new_again)
        self.change_button = QPushButton("Change passphrase")
        self.change_button.setAccessibleName("Change passphrase")
        self.change_button.clicked.connect(self.change_passphrase)
        self.passphrase_status = theme.StatusLabel("Passphrase change")
        self.passphrase_busy = busy_bar("Changing the passphrase")
        outer = QVBoxLayout(box)
        outer.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.change_button)
        outer.addLayout(row)
        outer.addWidget(self.passphrase_busy)
        outer.addWidget(self.passphrase_status)
        return box

    def change_passphrase(self) -> None:
        if self.passphrase_busy.isVisible():
            return
        old = self.old_passphrase.text()
        new, again = self.new_passphrase.text(), self.new_again.text()
        if not old:
            self.passphrase_status.say("Please enter your current passphrase.", problem=True)
            return
        problem = passphrase_problem(new, again)
        if problem is None and new == old:
            problem = "The new passphrase is the same as the current one."
        if problem:
            self.passphrase_status.say(problem, problem=True)
            return
        self._passphrase_busy(True)
        self.passphrase_status.say("Changing the passphrase. This takes a moment…")
        self.runner.submit(
            lambda: self.vault.change_passphrase(old, new),
            on_result=self._passphrase_changed,
            on_error=self._passphrase_failed,
        )

    def _passphrase_busy(self, busy: bool) -> None:
        for widget in (self.old_passphrase, self.new_passphrase, self.new_again):
            widget.setEnabled(not busy)
        self.change_button.setEnabled(not busy)
        self.passphrase_busy.setVisible(busy)

    def _passphrase_changed(self, _result: object) -> None:
        self._passphrase_busy(False)
        for widget in (self.old_passphrase, self.new_passphrase, self.new_again):
            widget.clear()
        self.passphrase_status.say(
            "Your passphrase is changed. Use the new one from now on; older backups still "
            "open with the passphrase they were made with."
        )

    def _passphrase_failed(self, error: ReconcileError) -> None:
        self._passphrase_busy(False)
        if isinstance(error, WrongPassphrase):
            sentence = "That is not the current passphrase. Please try again."
            self.old_passphrase.clear()
            self.old_passphrase.setFocus()
        else:
            sentence = error.sentence
        self.passphrase_status.say(sentence, problem=True)

    # -- backup -----------------------------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox("Backups")
        text = QLabel(
            "A backup is an encrypted copy of your journal in a folder you choose, such as "
            "a USB stick. It stays as private as the journal itself."
        )
        text.setWordWrap(True)
        self.backup_button = QPushButton("Back up now…")
        self.backup_button.setAccessibleName("Back up now")
        self.backup_button.clicked.connect(self.choose_backup_folder)
        self.backup_status = theme.StatusLabel("Backup")
        self.backup_busy = busy_bar("Making a backup")
        outer = QVBoxLayout(box)
        outer.addWidget(text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.backup_button)
        outer.addLayout(row)
        outer.addWidget(self.backup_busy)
        outer.addWidget(self.backup_status)
        return box

    def choose_backup_folder(self) -> QFileDialog:
        self._folder_dialog = ask_backup_folder(self, self.backup_dir, self.back_up_to)
        return self._folder_dialog

    def back_up_to(self, folder: Path) -> None:
        if self.backup_busy.isVisible():
            return
        self.backup_button.setEnabled(False)
        self.backup_busy.show()
        self.backup_status.say("Making a backup…")
        start_backup(self.runner, self.vault, folder, self._backup_done, self._backup_failed)

    def _backup_done(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        self.backup_busy.hide()
        self.backup_status.say(backup_done_sentence(path))
        self.backup_made.emit(path)

    def _backup_failed(self, error: ReconcileError) -> None:
        self.backup_button.setEnabled(True)
        self.backup_busy.hide()
        self.backup_status.say(error.sentence, problem=True)
