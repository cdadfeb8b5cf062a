"""Export everything (one archive, optionally encrypted, or CSV files), and an import dialog
that also takes an archive: its preview counts what is new, what is already here and what is
left out, and the import is one write that every page hears of (ops.mutate_many).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.archive import exporting, importing, package, spreadsheets
from reconcile_desktop.core.archive.words import counted
from reconcile_desktop.core.changes import changes_of
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.storage.keyfile import new_passphrase_problem
from reconcile_desktop.ui.pages.journal.exchange_dialogs import ImportDialog, _WorkDialog
from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.workers import Task


def _tr(text: str) -> str:
    return QCoreApplication.translate("ArchiveDialogs", text)


def _hidden_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class ArchiveExportDialog(_WorkDialog):
    """Everything in one archive file (plain or encrypted), or the numbers as CSV files."""

    exported = Signal(object)  # the path written

    def __init__(self, vault: Vault, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(vault, ops, parent)
        self.setWindowTitle(self.tr("Export everything"))
        self.setAccessibleName(self.tr("Export everything"))
        self.setMinimumWidth(540)
        self.archive_choice = QRadioButton(
            self.tr("One archive file (.zip): everything, to keep or to bring back later")
        )
        self.csv_choice = QRadioButton(
            self.tr("Spreadsheet files (.csv): check-ins, moods, no-contact events and urges")
        )
        self.archive_choice.setChecked(True)
        self.formats = QButtonGroup(self)
        self.formats.addButton(self.archive_choice, 0)
        self.formats.addButton(self.csv_choice, 1)
        self.formats.idToggled.connect(lambda *_: self._set_controls())
        self.encrypt = QCheckBox(self.tr("Encrypt the archive with a passphrase of its own"))
        self.encrypt.toggled.connect(lambda _on: self._set_controls())
        self.passphrase = _hidden_field(self.tr("Passphrase for the archive"))
        self.repeat = _hidden_field(self.tr("The same passphrase again"))
        self.sealed_box = QWidget()
        form = QFormLayout(self.sealed_box)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Again"), self.repeat)
        self.warning = QLabel(
            self.tr(
                "These files are not encrypted. Anyone who can open them can read what you "
                "wrote, so keep them somewhere private and delete them when you are done."
            )
        )
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(self.tr("Exports are not encrypted"))
        self.sealed_note = theme.MutedLabel(
            self.tr("Only this passphrase opens the archive; without it nobody can, you included.")
        )
        self.sealed_note.setWordWrap(True)
        self._paint()
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.choose_destination)
        self._controls = [self.archive_choice, self.csv_choice, self.encrypt, self.export_button]
        self._controls += [self.passphrase, self.repeat]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(8)
        intro = QLabel(self.tr("Take everything with you"))
        intro.setFont(theme.heading_font(self.font(), 1.15))
        layout.addWidget(intro)
        about = theme.MutedLabel(
            self.tr(
                "The archive holds your entries (the trash too) with their photos and files, "
                "your plan and check-ins, no-contact periods and what you logged, daily moods "
                "and settings. Import it "
                "into Reconcile to bring all of it back."
            )
        )
        about.setWordWrap(True)
        layout.addWidget(about)
        layout.addWidget(self.archive_choice)
        row = QHBoxLayout()
        row.addSpacing(24)
        row.addWidget(self.encrypt)
        layout.addLayout(row)
        layout.addWidget(self.sealed_box)
        layout.addWidget(self.csv_choice)
        layout.addSpacing(6)
        for w in (self.warning, self.sealed_note, self.progress, self.status):
            layout.addWidget(w)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)
        self._set_controls()

    def sealed(self) -> bool:
        return self.archive_choice.isChecked() and self.encrypt.isChecked()

    def _set_controls(self) -> None:
        super()._set_controls()
        archive = self.archive_choice.isChecked()
        self.encrypt.setEnabled(archive and not self.busy)
        self.sealed_box.setVisible(self.sealed())
        self.sealed_note.setVisible(self.sealed())
        self.warning.setVisible(not self.sealed())

    def passphrase_problem(self) -> str | None:
        words = self.passphrase.text()
        problem = new_passphrase_problem(words)
        if problem:
            return problem
        if self.repeat.text() != words:
            return self.tr("Those two passphrases are not the same. Please type them again.")
        return None

    def choose_destination(self) -> None:
        if self.sealed():
            problem = self.passphrase_problem()
            if problem:
                self.status.say(problem, problem=True)
                return
        if self.csv_choice.isChecked():
            self._ask(
                self.tr("Choose a folder for the CSV files"),
                Path.home(),
                self.export_to,
                mode=QFileDialog.AcceptMode.AcceptOpen,
                files=QFileDialog.FileMode.Directory,
                folders=True,
            )
            return
        name = f"reconcile-everything-{self.vault.clock.today().isoformat()}.zip"
        self._ask(
            self.tr("Save the archive as"),
            Path.home() / name,
            self.export_to,
            filter=self.tr("Reconcile archive (*.zip)"),
            suffix="zip",
        )

    def export_to(self, path: Path) -> Task | None:
        path = Path(path)
        if self.csv_choice.isChecked():
            job: Any = lambda _p: spreadsheets.export_csv(self.vault, path)  # noqa: E731
        else:
            passphrase = None
            if self.sealed():
                problem = self.passphrase_problem()
                if problem:
                    self.status.say(problem, problem=True)
                    return None
                passphrase = self.passphrase.text()
            job = lambda p: exporting.export_archive(  # noqa: E731
                self.vault, path, passphrase=passphrase, progress=p
            )
        self.status.say(self.tr("Exporting…"))
        return self._start(job, lambda _r: self._done(path))

    def _done(self, path: Path) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.status.say(self.tr("Saved to {path}.").format(path=path))
        self.exported.emit(path)

    def done(self, result: int) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        super().done(result)


class ImportAnyDialog(ImportDialog):
    """The import dialog, which also takes a Reconcile archive (plain or encrypted)."""

    archive_imported = Signal(int)  # how many entries were among the new rows
    archive_result: importing.ArchiveResult | None = None
    _is_archive = False

    def __init__(self, vault: Vault, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(vault, ops, parent)
        self.source.insertItem(1, self.tr("Reconcile archive (everything, .zip)"), "archive")
        self.archive_passphrase = _hidden_field(self.tr("The archive's passphrase"))
        self.archive_passphrase.setPlaceholderText(self.tr("The archive's passphrase"))
        self.archive_passphrase.returnPressed.connect(self.preview)
        self.archive_passphrase.hide()
        self._controls.append(self.archive_passphrase)
        box = self.layout()
        box.insertWidget(3, self.archive_passphrase)

    def set_file(self, path: Path, source: str | None = None) -> Task | None:
        if source is None and self._looks_like_archive(Path(path)):
            source = "archive"
        return super().set_file(path, source)

    @staticmethod
    def _looks_like_archive(path: Path) -> bool:
        try:
            return package.looks_like_archive(path)
        except InvalidInput:
            return False

    def _sealed(self, path: Path) -> bool:
        try:
            return package.is_sealed_file(path)
        except InvalidInput:
            return False

    def preview(self) -> Task | None:
        self._is_archive = self.source.currentData() == "archive"
        if not self._is_archive:
            self.archive_passphrase.hide()
            self.archive_result = None
            return super().preview()
        text = self.path.text().strip()
        self._show_archive(None)
        if not text or self.busy:
            return None
        path = Path(text)
        sealed = self._sealed(path)
        self.archive_passphrase.setVisible(sealed)
        if sealed and not self.archive_passphrase.text():
            self.summary.setText(self.tr("This archive is encrypted: type its passphrase."))
            self.archive_passphrase.setFocus()
            return None
        words = self.archive_passphrase.text() if sealed else None
        self.summary.setText(self.tr("Reading the archive…"))
        return self._start(
            lambda _p: importing.preview_archive(self.vault, path, words),
            self._show_archive,
            ordered=True,
        )

    def _show_archive(self, r: importing.ArchiveResult | None) -> None:
        self.archive_result = r
        self.preview_result = None
        self.problems.setText("")
        if r is None:
            self.summary.setText("")
        else:
            lines = [self.tr("New: {rows}.").format(rows=_counted(r, "new"))]
            if r.present:
                lines.append(
                    self.tr("Already here, left as they are: {rows}.").format(
                        rows=_counted(r, "present")
                    )
                )
            if r.left_out:
                lines.append(self.tr("Left out: {rows}.").format(rows=_counted(r, "left_out")))
            self.summary.setText("\n".join(lines))
            self.problems.setText("\n".join(f"• {note}" for note in r.notes))
        self.problems.setVisible(bool(self.problems.text()))
        self.import_button.setText(self.tr("Import"))
        self._set_controls()

    def _set_controls(self) -> None:
        super()._set_controls()
        if self._is_archive:
            r = self.archive_result
            self.import_button.setEnabled(r is not None and r.new > 0 and not self.busy)

    def import_now(self) -> Task | None:
        if not self._is_archive:
            return super().import_now()
        if self.archive_result is None or self.archive_result.new == 0 or self.busy:
            return None
        path = Path(self.path.text().strip())
        words = self.archive_passphrase.text() if self._sealed(path) else None
        self.status.say(self.tr("Importing…"))
        return self._start(
            lambda p: importing.import_archive(self.vault, path, words, progress=p),
            self._archive_imported,
            writes=changes_of(importing.import_archive),
        )

    def _failed(self, error) -> None:
        if self._is_archive:
            self.archive_result = None
        super()._failed(error)

    def _archive_imported(self, result: importing.ArchiveResult) -> None:
        self.archive_result = None
        self.archive_passphrase.clear()
        self._set_controls()
        self.status.say(
            self.tr("Added {rows} to your journal.").format(rows=_counted(result, "new"))
        )
        self.archive_imported.emit(result.count("entry").new)

    def done(self, result: int) -> None:
        self.archive_passphrase.clear()
        super().done(result)


def _counted(r: importing.ArchiveResult, field: str) -> str:
    return counted({t: getattr(c, field) for t, c in r.counts.items()})
