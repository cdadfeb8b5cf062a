"""Restore from a backup, and replace the key. Both run their work off the GUI thread and say
what happened inline; neither can be closed half-way (see _PassphraseDialog)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError, WrongPassphrase
from reconcile_desktop.ui.shell.auto_backup import hold_daily_backup
from reconcile_desktop.ui.shell.dialogs.create_and_unlock import _PassphraseDialog, passphrase_field
from reconcile_desktop.ui.widgets import dates, theme

if TYPE_CHECKING:
    from reconcile_desktop.core.backups.automatic import BackupInfo
    from reconcile_desktop.core.backups.restore import RestoreResult
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.workers import Runner

PATH_ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupDialogs", text)


def kind_label(kind: str) -> str:
    return {
        "daily": _tr("Daily"),
        "weekly": _tr("Weekly"),
        "manual": _tr("Made by hand"),
        "before-migration": _tr("Before an update"),
        "before-restore": _tr("Before a restore"),
    }.get(kind, _tr("Other"))


def size_label(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIQuantifiers)


def when_label(info: BackupInfo) -> str:
    instant = QDateTime.fromSecsSinceEpoch(int(info.made.timestamp()), QTimeZone.systemTimeZone())
    return dates.qdatetime_text(instant)


def describe(backups: list[BackupInfo]) -> list[tuple[BackupInfo, str]]:
    """Each backup with its kind; automatic copies kept for an older week read "Weekly"."""
    import datetime as dt

    from reconcile_desktop.core.backups.automatic import (
        DEFAULT_KEEP_DAILY,
        DEFAULT_KEEP_WEEKLY,
        keep_roles,
    )

    tz = dt.datetime.now().astimezone().tzinfo or dt.UTC
    roles = keep_roles(backups, DEFAULT_KEEP_DAILY, DEFAULT_KEEP_WEEKLY, tz)
    return [(b, roles.get(b.path, b.kind) if b.automatic else b.kind) for b in backups]


class RestoreDialog(_PassphraseDialog):
    """Pick a backup, give its passphrase, check it, confirm, restore.

    The vault is claimed; it may still be open (opened over the journal: `before_restore`
    closes the journal's views once the user has confirmed). On success it is unlocked with
    the backup's key and the dialog is accepted. `folders` are searched for backups."""

    def __init__(
        self,
        vault: Vault,
        runner: Runner,
        folders: list[Path],
        parent: QWidget | None = None,
        *,
        problem: str = "",
        before_restore: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(
            vault,
            runner,
            _tr("Restore from a backup"),
            _tr(
                "Choose a backup to put back. Your journal as it is now is kept in the "
                "backups folder first, so nothing is lost."
            ),
            parent,
        )
        self.folders = [Path(f) for f in folders]
        self._before_restore = before_restore  # the journal is closed only once it is sure
        self.result_info: RestoreResult | None = None
        self._checked: Path | None = None  # the backup that passed its check, awaiting "yes"
        self._folder_dialog: QFileDialog | None = None

        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setHeaderLabels([self.tr("Made"), self.tr("Kind"), self.tr("Size")])
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(170)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentItemChanged.connect(lambda *_: self._unconfirm())
        self.empty_note = theme.MutedLabel()
        self.empty_note.setWordWrap(True)
        self.empty_note.setAccessibleName(self.tr("No backups"))
        self.browse_button = QPushButton(self.tr("Look in another folder…"))
        self.browse_button.setAccessibleName(self.tr("Look in another folder"))
        self.browse_button.clicked.connect(self.browse)
        self.form.addRow(self.table)
        self.form.addRow(self.empty_note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.browse_button)
        self.form.addRow(row)

        self.passphrase = passphrase_field(self.tr("Passphrase of this backup"))
        self.passphrase.textChanged.connect(lambda _text: self._unconfirm())
        self.form.addRow(self.tr("&Passphrase of this backup"), self.passphrase)
        hint = theme.MutedLabel(
            self.tr("The one you used on the day the backup was made; it may be an older one.")
        )
        hint.setWordWrap(True)
        self.extra.addWidget(hint)
        self.confirm_note = theme.StatusLabel(self.tr("Before restoring"))
        self.extra.addWidget(self.confirm_note)

        self.restore_button = QPushButton(self.tr("Check this backup"))
        self.restore_button.setDefault(True)
        self.restore_button.setAccessibleName(self.tr("Check this backup"))
        self.restore_button.clicked.connect(self.submit)
        cancel = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if problem:
            self.show_error(problem)
        self.reload()

    # -- the list ------------------------------------------------------------------------------

    def reload(self, select: Path | None = None) -> None:
        from reconcile_desktop.core.backups.automatic import list_backups

        self.table.clear()
        for info, kind in describe(list_backups(*self.folders)):
            item = QTreeWidgetItem([when_label(info), kind_label(kind), size_label(info.size)])
            item.setData(0, PATH_ROLE, str(info.path))
            item.setToolTip(0, str(info.path))
            self.table.addTopLevelItem(item)
        count = self.table.topLevelItemCount()
        self.table.setVisible(count > 0)
        self.empty_note.setText(
            ""
            if count
            else self.tr(
                "No backups were found in the usual places. If you keep them elsewhere, "
                "such as on a USB stick, look there."
            )
        )
        self.empty_note.setVisible(count == 0)
        chosen = 0
        for index in range(count):
            if select is not None and self.table.topLevelItem(index).data(0, PATH_ROLE) == str(
                select
            ):
                chosen = index
        if count:
            self.table.setCurrentItem(self.table.topLevelItem(chosen))  # the newest by default

    def selected(self) -> Path | None:
        item = self.table.currentItem()
        return Path(item.data(0, PATH_ROLE)) if item is not None else None

    def browse(self) -> QFileDialog:
        start = str(self.folders[0]) if self.folders else ""
        dialog = QFileDialog(self, self.tr("Choose a backup or a folder of backups"), start)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda path: self.add_folder(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self._folder_dialog = dialog
        return dialog

    def add_folder(self, folder: Path) -> None:
        """A backup folder itself, or a folder holding backups."""
        from reconcile_desktop.core.backups.automatic import read_backup

        if read_backup(folder) is not None or (folder / "vault.key").is_file():
            self.folders.append(folder.parent)
            self.reload(select=folder)
            if self.selected() != folder:  # a backup folder with an unusual name
                item = QTreeWidgetItem([folder.name, kind_label("other"), ""])
                item.setData(0, PATH_ROLE, str(folder))
                self.table.insertTopLevelItem(0, item)
                self.table.setVisible(True)
                self.empty_note.hide()
                self.table.setCurrentItem(item)
        else:
            self.folders.append(folder)
            self.reload()

    # -- check, confirm, restore ---------------------------------------------------------------

    def _unconfirm(self) -> None:
        if self.busy or self._checked is None:
            return
        self._checked = None
        self.confirm_note.say("")
        self.restore_button.setText(self.tr("Check this backup"))
        self.restore_button.setAccessibleName(self.tr("Check this backup"))

    def submit(self) -> None:
        from reconcile_desktop.core.backups import restore

        if self.busy:
            return
        backup, passphrase = self.selected(), self.passphrase.text()
        if backup is None:
            self.show_error(self.tr("Please choose a backup first."))
            return
        if not passphrase:
            self.show_error(self.tr("Please enter the passphrase of this backup."))
            self.passphrase.setFocus()
            return
        vault = self.vault
        if self._checked != backup:
            self.set_busy(True, self.tr("Checking the backup…"))
            self.runner.submit(
                lambda: restore.check_backup(vault, backup, passphrase),
                on_result=lambda problems: self._check_done(backup, problems),
                on_error=self._failed,
            )
            return
        if self._before_restore is not None:
            self._before_restore()
        self.set_busy(True, self.tr("Putting the backup back…"))
        hold_daily_backup(vault, True)
        self.runner.submit(
            lambda: restore.restore_backup(vault, backup, passphrase),
            on_result=self._restored,
            on_error=self._failed,
        )

    def _check_done(self, backup: Path, problems: list[str]) -> None:
        from reconcile_desktop.core.backups.restore import BackupDamaged

        self.set_busy(False)
        if problems:
            self._failed(BackupDamaged())
            return
        self._checked = backup
        self.confirm_note.say(
            self.tr(
                "This backup is whole and opens with that passphrase. Restoring it replaces "
                "your journal with it; from then on the journal opens with this passphrase."
            )
        )
        self.restore_button.setText(self.tr("Restore this backup"))
        self.restore_button.setAccessibleName(self.tr("Restore this backup"))

    def _restored(self, result: RestoreResult) -> None:
        hold_daily_backup(self.vault, False)  # before accept(): unlocking starts it again
        self.set_busy(False)
        self.result_info = result
        self.passphrase.clear()
        self.accept()

    def _failed(self, error: ReconcileError) -> None:
        from reconcile_desktop.core.backups.restore import BackupDamaged

        hold_daily_backup(self.vault, False)
        self.set_busy(False)
        self._unconfirm()
        self.show_error(str(error))
        if isinstance(error, WrongPassphrase):
            self.passphrase.clear()
            self.passphrase.setFocus()
        elif isinstance(error, BackupDamaged):
            index = self.table.indexOfTopLevelItem(self.table.currentItem())
            if 0 <= index < self.table.topLevelItemCount() - 1:  # offer the next older one
                self.table.setCurrentItem(self.table.topLevelItem(index + 1))

    def done(self, result: int) -> None:
        self.passphrase.clear()
        super().done(result)


class RotateKeyDialog(_PassphraseDialog):
    """Re-encrypt the journal under a new random key. `before()` runs on the GUI thread just
    before (save open edits, keep the window still); `after()` when it is over, unless the
    journal was left closed (the switch could not finish): then `left_locked` is emitted when
    the dialog closes, so the window can lock and the next unlock finish the switch. The daily
    backup is paused while it runs."""

    left_locked = Signal()

    def __init__(
        self,
        vault: Vault,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        before: Callable[[], None] | None = None,
        after: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(
            vault,
            runner,
            _tr("Replace the key"),
            _tr(
                "Your journal is encrypted again with a new random key, locked with the same "
                "passphrase. A copy of the old key file, wherever it is, then no longer opens "
                "it. Backups made before keep the old key and open with their own passphrase."
            ),
            parent,
        )
        self._before, self._after = before, after
        self._was_open = False
        self._left_locked = False
        self.passphrase = passphrase_field(self.tr("Your passphrase"))
        self.form.addRow(self.tr("Your &passphrase"), self.passphrase)
        self.rotate_button = QPushButton(self.tr("Replace the key"))
        self.rotate_button.setDefault(True)
        self.rotate_button.setAccessibleName(self.tr("Replace the key"))
        self.rotate_button.clicked.connect(self.submit)
        cancel = self.buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName(self.tr("Not now"))
        self.buttons.addButton(self.rotate_button, QDialogButtonBox.ButtonRole.AcceptRole)

    def submit(self) -> None:
        if self.busy:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.show_error(self.tr("Please enter your passphrase."))
            return
        self.runner.wait()  # a daily backup still running finishes with the old key first
        hold_daily_backup(self.vault, True)  # and none starts before the new pair is in place
        self._was_open = self.vault.is_unlocked
        if self._before is not None:
            self._before()
        self.set_busy(True, self.tr("Encrypting your journal with a new key…"))
        vault = self.vault
        self.runner.submit(
            lambda: vault.rotate_key(passphrase), on_result=self._done, on_error=self._failed
        )

    def _done(self, _result: object) -> None:
        hold_daily_backup(self.vault, False)
        self.set_busy(False)
        self.passphrase.clear()
        if self._after is not None:
            self._after()
        self.accept()

    def _failed(self, error: ReconcileError) -> None:
        hold_daily_backup(self.vault, False)
        super()._failed(error)
        self._left_locked = self._was_open and not self.vault.is_unlocked
        if self._after is not None and not self._left_locked:
            self._after()
        if isinstance(error, WrongPassphrase):
            self.passphrase.clear()
            self.passphrase.setFocus()

    def done(self, result: int) -> None:
        self.passphrase.clear()
        super().done(result)
        if self._left_locked:
            self._left_locked = False
            self.left_locked.emit()
