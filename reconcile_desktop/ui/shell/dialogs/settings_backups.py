"""The automatic-backup part of Settings: on or off, how many copies, which folder. Stored in
the vault's own settings (they move with the journal); the folder path is also remembered in
QSettings so the restore dialog can find backups while the journal cannot be opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.backups import automatic as backups
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

# Where backups were last configured to go (a folder path, nothing private), so the restore
# dialog can look there while the journal cannot be opened.


class AutoBackupControls(QWidget):
    """Edits are saved at once, through the window's ops (in order, off the GUI thread);
    `changed` fires after each save has landed, `problem(sentence)` when a save failed (the
    controls then show what is stored)."""

    changed = Signal()
    problem = Signal(str)

    def __init__(
        self, ops: Ops, vault: Vault, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.vault = vault
        self.settings = settings
        self._folder_dialog: QFileDialog | None = None
        self._loading = False

        self.automatic = QCheckBox(self.tr("Make a backup every day while Reconcile is open"))
        self.automatic.setAccessibleName(self.tr("Make a backup every day"))
        self.keep_daily = self._count_box(self.tr("Daily copies to keep"))
        self.keep_weekly = self._count_box(self.tr("Weekly copies to keep"))
        counts = QHBoxLayout()
        counts.setContentsMargins(24, 0, 0, 0)
        keep = QLabel(self.tr("&Keep"))
        keep.setBuddy(self.keep_daily)
        counts.addWidget(keep)
        counts.addWidget(self.keep_daily)
        counts.addWidget(QLabel(self.tr("daily and")))
        counts.addWidget(self.keep_weekly)
        counts.addWidget(QLabel(self.tr("weekly copies")))
        counts.addStretch(1)

        self.folder_label = theme.MutedLabel()
        self.folder_label.setAccessibleName(self.tr("Backup folder"))
        self.folder_label.setWordWrap(True)
        self.change_folder = QPushButton(self.tr("Change folder…"))
        self.change_folder.setAccessibleName(self.tr("Change the backup folder"))
        self.change_folder.clicked.connect(self.choose_folder)
        self.default_folder = QPushButton(self.tr("Use the usual folder"))
        self.default_folder.setAccessibleName(self.tr("Use the usual backup folder"))
        self.default_folder.clicked.connect(lambda: self.set_folder(None))
        where = QHBoxLayout()
        where.setContentsMargins(24, 0, 0, 0)
        where.addWidget(self.folder_label, 1)
        where.addWidget(self.change_folder)
        where.addWidget(self.default_folder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.automatic)
        layout.addLayout(counts)
        layout.addLayout(where)
        self.load()
        self.automatic.toggled.connect(self._edited)
        self.keep_daily.valueChanged.connect(self._edited)
        self.keep_weekly.valueChanged.connect(self._edited)

    def showEvent(self, event: QShowEvent) -> None:
        self.load()  # the dialog is kept between openings; a restore may have changed these
        super().showEvent(event)

    def _count_box(self, name: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, backups.MAX_KEEP)
        box.setAccessibleName(name)
        return box

    def load(self) -> None:
        try:
            stored = backups.load_settings(self.vault)
        except ReconcileError as exc:
            self.problem.emit(exc.sentence)
            stored = backups.BackupSettings()
        self._loading = True
        self._location = stored.location
        self.automatic.setChecked(stored.automatic)
        self.keep_daily.setValue(stored.keep_daily)
        self.keep_weekly.setValue(stored.keep_weekly)
        self._loading = False
        self._show_folder()

    def current(self) -> backups.BackupSettings:
        return backups.BackupSettings(
            automatic=self.automatic.isChecked(),
            location=self._location,
            keep_daily=self.keep_daily.value(),
            keep_weekly=self.keep_weekly.value(),
        )

    def folder(self) -> Path:
        return self.current().folder(self.vault)

    def _show_folder(self) -> None:
        self.folder_label.setText(self.tr("In {folder}").format(folder=self.folder()))
        self.default_folder.setVisible(self._location is not None)
        for widget in (self.keep_daily, self.keep_weekly):
            widget.setEnabled(self.automatic.isChecked())

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        chosen = self.current()
        self._show_folder()
        self.ops.mutate(
            backups.save_settings,
            self.vault,
            chosen,
            on_done=lambda _r: self._saved(chosen),
            on_error=self._failed,
        )

    def _saved(self, chosen: backups.BackupSettings) -> None:
        preferences.BACKUP_FOLDER_HINT.write(self.settings, str(chosen.folder(self.vault)))
        self.changed.emit()

    def _failed(self, exc: ReconcileError) -> None:
        self.problem.emit(exc.sentence)
        self.load()

    def set_folder(self, folder: Path | None) -> None:
        self._location = str(folder) if folder is not None else None
        self._edited()

    def choose_folder(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose a folder for the daily backups"))
        dialog.setDirectory(str(self.folder() if self.folder().exists() else self.vault.dir))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, self.tr("Keep backups here"))
        dialog.fileSelected.connect(lambda path: self.set_folder(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self._folder_dialog = dialog
        return dialog
