"""The trash: entries moved here stay whole until the user empties it, after a clear
confirmation that says this cannot be undone.

Emptying erases the words from the search index too, which means rewriting the whole index
(about 5 s at 100,000 entries): it runs on the window's one runner, through ops, with a
progress bar. Restoring goes through ops too; the journal page hears what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.changes import changes_of
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.ui.widgets import dates, theme
from reconcile_desktop.ui.widgets.fit_content import keep_fitted

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.workers import Task

ID_ROLE = Qt.ItemDataRole.UserRole


class _Reporter(QObject):
    """Carries progress from the worker thread to the GUI thread (a queued signal)."""

    changed = Signal(int, int)


class TrashDialog(QDialog):
    """Emits restored(id) for each entry brought back and emptied(count) after emptying."""

    restored = Signal(int)
    emptied = Signal(int)

    def __init__(self, vault: Vault, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_fitted(self)  # an error shown later grows the dialog, never squeezes it
        self.vault = vault
        self.ops = ops
        self.confirm_box: QMessageBox | None = None
        self.task: Task | None = None
        self._closed = False  # work on the window's runner may finish after closing
        self._reporter = _Reporter(self)
        self._reporter.changed.connect(self._progressed)
        self.setWindowTitle(self.tr("Trash"))
        self.setAccessibleName(self.tr("Trash"))
        self.resize(520, 420)

        intro = theme.MutedLabel(
            self.tr(
                "Entries you delete wait here, whole, until you empty the trash. "
                "You can bring any of them back."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Entries in the trash"))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item: self.restore_selected())
        self.status = theme.StatusLabel(self.tr("Trash status"))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setAccessibleName(self.tr("Emptying the trash"))
        self.progress.hide()

        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setAccessibleName(self.tr("Restore the selected entries"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton(self.tr("Empty trash…"))
        self.empty_button.setAccessibleName(self.tr("Empty the trash"))
        self.empty_button.clicked.connect(self.ask_to_empty)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        close.setDefault(True)
        self.close_button = close

        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.empty_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        try:
            rows = journal.list_trash(self.vault)
        except ReconcileError as exc:
            self.status.say(exc.sentence, problem=True)
            rows = []
        for row in rows:
            heading = row.title or row.snippet or self.tr("(empty entry)")
            written = dates.short_date(row.local_date)
            item = QListWidgetItem(f"{heading}\n{self.tr('Written %1').replace('%1', written)}")
            item.setData(ID_ROLE, row.id)
            item.setToolTip(heading)
            self.list.addItem(item)
        if not rows:
            note = QListWidgetItem(self.tr("The trash is empty."))
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            note.setData(ID_ROLE, 0)
            self.list.addItem(note)
        self._update_buttons()

    def trashed_ids(self) -> list[int]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [it.data(ID_ROLE) for it in items if it.data(ID_ROLE)]

    @property
    def busy(self) -> bool:
        return self.task is not None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.list.selectedItems()) and not self.busy)
        self.empty_button.setEnabled(bool(self.trashed_ids()) and not self.busy)

    def restore_selected(self) -> Task | None:
        ids = [it.data(ID_ROLE) for it in self.list.selectedItems() if it.data(ID_ROLE)]
        if not ids or self.busy:
            return None
        vault = self.vault

        def restore_all() -> tuple[list[int], str]:
            done, problem = [], ""
            for entry_id in ids:
                try:
                    journal.restore_entry(vault, entry_id)
                except ReconcileError as exc:
                    problem = exc.sentence
                    continue
                done.append(entry_id)
            return done, problem

        self.task = self.ops.mutate_many(
            changes_of(journal.restore_entry),
            restore_all,
            on_done=self._restored,
            on_error=self._failed,
        )
        self._update_buttons()
        return self.task

    def _restored(self, result: tuple[list[int], str]) -> None:
        if self._closed:
            return
        done, problem = result
        self.task = None
        self.reload()
        for entry_id in done:
            self.restored.emit(entry_id)
        if problem:
            self.status.say(problem, problem=True)
        elif done:
            self.status.say(
                self.tr("Restored. It is back in your journal.")
                if len(done) == 1
                else self.tr("Restored. They are back in your journal.")
            )

    def ask_to_empty(self) -> QMessageBox:
        """A window-modal question (not exec, so locking can close it)."""
        n = len(self.trashed_ids())
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Empty the trash?"), "", parent=self)
        box.setText(
            self.tr("Delete the entry in the trash for good?")
            if n == 1
            else self.tr("Delete the %1 entries in the trash for good?").replace("%1", str(n))
        )
        box.setInformativeText(
            self.tr(
                "The words will be erased from this computer. This can't be undone, so take "
                "a moment if you need one."
            )
        )
        self.delete_button = box.addButton(
            self.tr("Delete for good"), QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(
            self.tr("Keep it") if n == 1 else self.tr("Keep them"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._answered(box))
        self.confirm_box = box
        box.open()
        return box

    def _answered(self, box: QMessageBox) -> None:
        self.confirm_box = None
        if box.clickedButton() is not self.delete_button:
            return
        self.progress.setRange(0, 0)  # until the first step reports
        self.progress.show()
        self.status.say(
            self.tr("Erasing the words for good. In a large journal this takes a while.")
        )
        self.task = self.ops.mutate(
            journal.empty_trash,
            self.vault,
            progress=self._reporter.changed.emit,
            on_done=self._emptied,
            on_error=self._failed,
        )
        self._update_buttons()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _finished(self) -> None:
        self.task = None
        self.progress.hide()

    def _emptied(self, n: int) -> None:
        if self._closed:
            return
        self._finished()
        self.reload()
        self.status.say(self.tr("The trash is empty now."))
        self.emptied.emit(n)

    def _failed(self, error: ReconcileError) -> None:
        if self._closed:
            return
        self._finished()
        self.reload()
        self.status.say(error.sentence, problem=True)

    def done(self, result: int) -> None:
        """Closing (or locking) forgets the list of titles; running work finishes first,
        because locking closes dialogs before the key goes."""
        if self.busy:
            self.ops.runner.wait_serial()
        if self.confirm_box is not None:
            self.confirm_box.reject()
        self._closed = True
        self.list.clear()
        super().done(result)
