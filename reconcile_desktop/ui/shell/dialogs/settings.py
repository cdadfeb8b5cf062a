"""Settings in four tabs: General (auto-lock, tray, colours, daily reminder), Passphrase
(change it, then perhaps replace the key), Backups (daily copies, back up now, restore) and
Sync (a folder shared with the user's other computers). Slow work runs off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError, WrongPassphrase
from reconcile_desktop.ui.shell.dialogs.create_and_unlock import (
    passphrase_field,
    passphrase_problem,
)
from reconcile_desktop.ui.shell.dialogs.settings_backups import AutoBackupControls
from reconcile_desktop.ui.shell.dialogs.settings_general import LockingBox, Sections
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.widgets.fit_content import keep_fitted
from reconcile_desktop.ui.workers import busy_bar

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.shell.dialogs.restore_and_key import RotateKeyDialog
    from reconcile_desktop.ui.shell.main_window import MainWindow
    from reconcile_desktop.ui.shell.sync_timer import SyncTimer
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
    dialog = QFileDialog(
        parent,
        QCoreApplication.translate("SettingsDialog", "Choose a folder for the backup"),
        str(start_dir),
    )
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setLabelText(
        QFileDialog.DialogLabel.Accept, QCoreApplication.translate("SettingsDialog", "Back up here")
    )
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


def hold_still(window: MainWindow | None, still: bool) -> None:
    """While the key is replaced the journal is closed for a moment: open edits are saved
    first and the window takes no input until it is done (dialogs stay usable)."""
    if window is None:
        return
    if still:
        window.save_pending()
    window.sync.hold(still)  # a sync would meet the journal closed mid-swap
    for part in (window.centralWidget(), window.menuWidget()):
        if part is not None:
            part.setEnabled(not still)


def _closed_for_the_swap(window: MainWindow | None) -> None:
    """A key switch that could not finish left the journal closed: give the window back and
    lock it, so the unlock dialog (which finishes the switch) is what the user sees next."""
    hold_still(window, False)
    if window is not None:
        window.lock_requested.emit()


def button_row(*buttons: QPushButton) -> QWidget:
    """Buttons at the right, in the order given."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addStretch(1)
    for button in buttons:
        layout.addWidget(button)
    return row


def backup_done_sentence(path: Path) -> str:
    return QCoreApplication.translate(
        "SettingsDialog", "Backup saved in {path}. It opens with your current passphrase."
    ).format(path=path)


class SettingsDialog(QDialog):
    autolock_changed = Signal(int)  # minutes
    tray_changed = Signal(bool)
    backup_made = Signal(object)  # Path of the new backup folder
    restore_requested = Signal()
    key_rotated = Signal()

    def __init__(
        self,
        vault: Vault,
        settings: QSettings,
        ops: Ops,
        backup_dir: Path,
        parent: QWidget | None = None,
        *,
        sync: SyncTimer | None = None,
    ) -> None:
        super().__init__(parent)
        keep_fitted(self)  # an error shown later grows the dialog, never squeezes it
        self.vault = vault
        self.settings = settings
        self.ops = ops  # vault settings are written through it, so every view hears of them
        self.runner = ops.runner  # the passphrase change and backups run beside the writes
        self.backup_dir = Path(backup_dir)
        self._folder_dialog: QFileDialog | None = None
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)

        self.sections = Sections(settings)  # appearance and the daily reminder
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings sections"))
        self._tab_keys: list[str] = []
        self._add_tab(
            "general", self._general_page(), self.tr("&General"), self.tr("General settings")
        )
        self._add_tab(
            "passphrase",
            self._passphrase_page(),
            self.tr("&Passphrase"),
            self.tr("Passphrase settings"),
        )
        self._add_tab(
            "backups", self._backups_page(), self.tr("&Backups"), self.tr("Backup settings")
        )
        self._add_tab("sync", self._sync_page(sync), self.tr("S&ync"), self.tr("Sync settings"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._grow_to_fit()
        return handled

    def _grow_to_fit(self) -> None:
        """A long message (a backup path, an error) makes the dialog taller, never shorter,
        and never taller than the screen."""
        wanted = self.sizeHint().height()
        screen = self.screen()
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().height() - 40)
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _add_tab(self, key: str, page: QWidget, label: str, accessible: str) -> None:
        page.setAccessibleName(accessible)
        index = self.tabs.addTab(page, label)
        self.tabs.tabBar().setAccessibleTabName(index, accessible)
        self._tab_keys.append(key)

    def hide_tab(self, key: str) -> None:
        self.tabs.setTabVisible(self._tab_keys.index(key), False)

    def show_tab(self, key: str) -> QWidget:
        """Bring one tab to the front: "general", "passphrase", "backups" or "sync"."""
        self.tabs.setCurrentIndex(self._tab_keys.index(key))
        return self.tabs.currentWidget()

    def current_tab(self) -> str:
        return self._tab_keys[self.tabs.currentIndex()]

    @staticmethod
    def _page(*parts: QWidget) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(14, 14, 14, 14)
        column.setSpacing(12)
        for part in parts:
            column.addWidget(part)
        column.addStretch(1)
        return page

    def _general_page(self) -> QWidget:
        locking = LockingBox(self.settings)
        self.autolock, self.tray_box = locking.autolock, locking.tray_box
        locking.autolock_changed.connect(self.autolock_changed)
        locking.tray_changed.connect(self.tray_changed)
        return self._page(locking, self.sections)

    def done(self, result: int) -> None:
        # Typed passphrases do not outlive the dialog (a running change keeps its own copy).
        for widget in (self.old_passphrase, self.new_passphrase, self.new_again):
            widget.clear()
        self.passphrase_status.say("")
        self.sync_settings.clear_sensitive()
        super().done(result)

    def _sync_page(self, sync: SyncTimer | None) -> QWidget:
        from reconcile_desktop.ui.shell.dialogs.settings_sync import SyncSettings
        from reconcile_desktop.ui.shell.sync_timer import SyncTimer

        # Without the window's timer (a dialog on its own) "Sync now" still runs, once.
        self.sync_settings = SyncSettings(
            self.vault,
            self.ops,
            sync or SyncTimer(self.vault, self.ops, self),
            hold=lambda still: hold_still(self.parentWidget(), still),
        )
        return self._page(self.sync_settings)

    # -- passphrase -------------------------------------------------------------------------

    def _passphrase_page(self) -> QWidget:
        intro = theme.MutedLabel(
            self.tr("Your passphrase opens your journal and every backup made from now on.")
        )
        intro.setWordWrap(True)
        self.old_passphrase = passphrase_field(self.tr("Current passphrase"))
        self.new_passphrase = passphrase_field(self.tr("New passphrase"))
        self.new_again = passphrase_field(self.tr("New passphrase again"))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("C&urrent passphrase"), self.old_passphrase)
        form.addRow(self.tr("&New passphrase"), self.new_passphrase)
        form.addRow(self.tr("Ne&w, once more"), self.new_again)
        fields = QWidget()
        fields.setLayout(form)
        self.change_button = QPushButton(self.tr("Change passphrase"))
        self.change_button.setAccessibleName(self.tr("Change passphrase"))
        self.change_button.clicked.connect(self.change_passphrase)
        self.passphrase_status = theme.StatusLabel(self.tr("Passphrase change"))
        self.passphrase_busy = busy_bar(self.tr("Changing the passphrase"))
        self.rotate_offer = self._rotate_offer()
        return self._page(
            intro,
            fields,
            button_row(self.change_button),
            self.passphrase_busy,
            self.passphrase_status,
            self.rotate_offer,
        )

    def _rotate_offer(self) -> QWidget:
        """Shown once the passphrase is changed: the key itself can be replaced too."""
        offer = QGroupBox(self.tr("Replace the key too?"))
        row = QHBoxLayout(offer)
        text = theme.MutedLabel(
            self.tr(
                "If you think an old copy of your key file might be out there, you can also "
                "replace the key itself."
            )
        )
        text.setWordWrap(True)
        self.rotate_button = QPushButton(self.tr("Replace the key…"))
        self.rotate_button.setAccessibleName(self.tr("Replace the key"))
        self.rotate_button.clicked.connect(self.open_rotate_key)
        row.addWidget(text, 1)
        row.addWidget(self.rotate_button)
        # Its room is kept while hidden, so the dialog does not jump when it appears.
        policy = offer.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        offer.setSizePolicy(policy)
        offer.hide()
        return offer

    def open_rotate_key(self) -> RotateKeyDialog:
        from reconcile_desktop.ui.shell.dialogs.restore_and_key import RotateKeyDialog

        window = self.parentWidget()
        dialog = RotateKeyDialog(
            self.vault,
            self.runner,
            self,
            before=lambda: hold_still(window, True),
            after=lambda: hold_still(window, False),
        )
        dialog.accepted.connect(self._key_rotated)
        dialog.left_locked.connect(lambda: _closed_for_the_swap(window))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _key_rotated(self) -> None:
        self.rotate_offer.hide()
        self.passphrase_status.say(
            self.tr(
                "Your journal now uses a new key. Your passphrase is the same; older backups "
                "keep the old key and open with their own passphrase."
            )
        )
        self.key_rotated.emit()

    def change_passphrase(self) -> None:
        if not self.passphrase_busy.isHidden():  # isVisible() is False on a hidden tab
            return
        old = self.old_passphrase.text()
        new, again = self.new_passphrase.text(), self.new_again.text()
        if not old:
            self.passphrase_status.say(
                self.tr("Please enter your current passphrase."), problem=True
            )
            return
        problem = passphrase_problem(new, again)
        if problem is None and new == old:
            problem = self.tr("The new passphrase is the same as the current one.")
        if problem:
            self.passphrase_status.say(problem, problem=True)
            return
        self._passphrase_busy(True)
        self.passphrase_status.say(self.tr("Changing the passphrase. This takes a moment…"))
        self.runner.submit(
            lambda: self.vault.change_passphrase(old, new),
            on_result=self._passphrase_changed,
            on_error=self._passphrase_failed,
        )

    def _passphrase_busy(self, busy: bool) -> None:
        from reconcile_desktop.ui.shell.auto_backup import hold_daily_backup

        hold_daily_backup(self.vault, busy)  # no copy while the key file is rewritten
        for widget in (self.old_passphrase, self.new_passphrase, self.new_again):
            widget.setEnabled(not busy)
        self.change_button.setEnabled(not busy)
        self.passphrase_busy.setVisible(busy)

    def _passphrase_changed(self, _result: object) -> None:
        self._passphrase_busy(False)
        self.show_tab("passphrase")  # the outcome matters even if another tab was opened
        for widget in (self.old_passphrase, self.new_passphrase, self.new_again):
            widget.clear()
        self.rotate_offer.show()
        self.passphrase_status.say(
            self.tr(
                "Your passphrase is changed. Use the new one from now on; older backups still "
                "open with the passphrase they were made with."
            )
        )

    def _passphrase_failed(self, error: ReconcileError) -> None:
        self._passphrase_busy(False)
        self.show_tab("passphrase")
        if isinstance(error, WrongPassphrase):
            sentence = self.tr("That is not the current passphrase. Please try again.")
            self.old_passphrase.clear()
            self.old_passphrase.setFocus()
        else:
            sentence = error.sentence
        self.passphrase_status.say(sentence, problem=True)

    # -- backup -----------------------------------------------------------------------------

    def _backups_page(self) -> QWidget:
        text = theme.MutedLabel(
            self.tr(
                "A backup is an encrypted copy of your journal, as private as the journal "
                "itself, so a folder your own cloud service keeps in sync is a fine place for it."
            )
        )
        text.setWordWrap(True)
        self.files_note = theme.MutedLabel(self._files_sentence())
        self.files_note.setWordWrap(True)
        self.files_note.setAccessibleName(self.tr("Photos and files in backups"))
        daily = QGroupBox(self.tr("Daily backups"))
        self.auto_backups = AutoBackupControls(self.ops, self.vault, self.settings)
        QVBoxLayout(daily).addWidget(self.auto_backups)
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.setAccessibleName(self.tr("Restore from a backup"))
        self.restore_button.clicked.connect(self.restore_requested)
        self.backup_button = QPushButton(self.tr("Back up now…"))
        self.backup_button.setAccessibleName(self.tr("Back up now"))
        self.backup_button.clicked.connect(self.choose_backup_folder)
        self.backup_status = theme.StatusLabel(self.tr("Backup"))
        self.backup_busy = busy_bar(self.tr("Making a backup"))
        self.auto_backups.problem.connect(lambda s: self.backup_status.say(s, problem=True))
        return self._page(
            text,
            self.files_note,
            daily,
            button_row(self.restore_button, self.backup_button),
            self.backup_busy,
            self.backup_status,
        )

    def _files_sentence(self) -> str:
        from reconcile_desktop.core.journal.attachments import size_words, total_size

        try:  # every backup is a copy of the whole vault: all of them, trash included
            count, size = total_size(self.vault)
        except ReconcileError:
            return ""
        if count == 0:
            return self.tr("Photos and files you add to entries will be in every backup too.")
        if count == 1:
            return self.tr(
                "Every backup also holds the photo or file in your entries ({size})."
            ).format(size=size_words(size))
        return self.tr("Every backup also holds your {count} photos and files ({size}).").format(
            count=f"{count:,}", size=size_words(size)
        )

    def choose_backup_folder(self) -> QFileDialog:
        self._folder_dialog = ask_backup_folder(self, self.backup_dir, self.back_up_to)
        return self._folder_dialog

    def back_up_to(self, folder: Path) -> None:
        if not self.backup_busy.isHidden():
            return
        self.backup_button.setEnabled(False)
        self.backup_busy.show()
        self.backup_status.say(self.tr("Making a backup…"))
        start_backup(self.runner, self.vault, folder, self._backup_done, self._backup_failed)

    def _backup_done(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        self.backup_busy.hide()
        self.backup_status.say(backup_done_sentence(path))
        self.backup_made.emit(path)

    def _backup_failed(self, error: ReconcileError) -> None:
        self.backup_button.setEnabled(True)
        self.backup_busy.hide()
        self.show_tab("backups")
        self.backup_status.say(error.sentence, problem=True)
