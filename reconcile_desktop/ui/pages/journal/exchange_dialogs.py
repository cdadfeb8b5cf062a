"""Export (Reconcile JSON, a Markdown folder, a PDF of chosen entries) and import with a preview.

The file work runs on the window's one runner (ops.runner) with a progress bar: an import is
a write (ops.mutate_many, so every page hears of the new entries), its preview a read in order
with the writes, an export a read beside them. A problem is one sentence under the buttons.
Closing a dialog waits for its work, so locking never pulls the key from under an export.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEvent, QMarginsF, QObject, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.changes import Changes, changes_of
from reconcile_desktop.core.errors import DiskFull, ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import exchange, prompts
from reconcile_desktop.ui.widgets import dates, theme
from reconcile_desktop.ui.widgets.fit_content import keep_fitted

if TYPE_CHECKING:
    from reconcile_desktop.core.journal.entries import EntryData
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.workers import Task

Progress = Callable[[int, int], None]
_PRINCIPLE_WORDS = dict(prompts.PRINCIPLES)


def _tr(text: str) -> str:
    return QCoreApplication.translate("JournalExchange", text)


# -- PDF -------------------------------------------------------------------------------------


def _when(e: EntryData) -> str:
    try:
        local = e.occurred_utc.astimezone(ZoneInfo(e.tz))
    except (ValueError, KeyError, OverflowError):
        local = e.occurred_utc
    return f"{dates.medium_date(local.date())}, {dates.time_of_day(local)}"


def entries_document(entries: Sequence[EntryData]) -> QTextDocument:
    """One entry a page: title, a quiet line of facts, then the body as Markdown."""
    doc = QTextDocument()
    base = QFont()
    base.setPointSizeF(11)
    doc.setDefaultFont(base)
    cursor = QTextCursor(doc)
    heading = QTextCharFormat()
    heading.setFontPointSize(17)
    heading.setFontWeight(QFont.Weight.DemiBold)
    facts_fmt = QTextCharFormat()
    facts_fmt.setFontPointSize(9.5)
    facts_fmt.setForeground(QColor(theme.colors(False)["muted"]))
    for i, e in enumerate(entries):
        block = QTextBlockFormat()
        block.setHeadingLevel(1)
        block.setBottomMargin(4)
        if i:
            block.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            cursor.insertBlock(block, heading)
        else:
            cursor.setBlockFormat(block)
            cursor.setCharFormat(heading)
        cursor.insertText(e.title or _when(e))
        facts = [_when(e)]
        if e.kind == "letter":
            facts.append(_tr("Unsent letter, never sent"))
        if e.mood is not None:
            facts.append(_tr("Mood {n} of 5").format(n=e.mood))
        if e.principle:
            facts.append(_tr(_PRINCIPLE_WORDS.get(e.principle, e.principle)))
        if e.tags:
            facts.append(", ".join(e.tags))
        after = QTextBlockFormat()
        after.setBottomMargin(12)
        cursor.insertBlock(after, facts_fmt)
        cursor.insertText("  ·  ".join(facts))
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        cursor.insertMarkdown(e.body)
    return doc


def write_pdf(
    vault: Vault, entry_ids: Sequence[int], path: Path, progress: Progress | None = None
) -> int:
    """Write the entries (oldest first) to a PDF; returns how many. Runs on a pool thread:
    painting a QTextDocument on a QPrinter is allowed outside the GUI thread."""
    path = Path(path)
    entries: list[EntryData] = []
    for n, entry_id in enumerate(entry_ids, 1):
        entries.append(journal.get_entry(vault, entry_id))
        if progress:
            progress(n, len(entry_ids) * 2)
    entries.sort(key=lambda e: (e.occurred_utc, e.id))
    doc = entries_document(entries)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # Created private first: the printer truncates it and keeps the mode.
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp))
        printer.setDocName("Reconcile journal")
        printer.setPageMargins(QMarginsF(20, 18, 20, 18), QPageLayout.Unit.Millimeter)
        doc.print_(printer)
        if tmp.stat().st_size == 0:
            raise ReconcileError("The PDF could not be written there. Try another folder.")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise DiskFull() from None
        raise ReconcileError("The PDF could not be written there. Try another folder.") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress:
        progress(len(entry_ids) * 2, len(entry_ids) * 2)
    return len(entries)


# -- shared dialog plumbing --------------------------------------------------------------------


class _Reporter(QObject):
    """Carries progress from the pool thread to the GUI thread (queued by Qt)."""

    changed = Signal(int, int)


class _WorkDialog(QDialog):
    def __init__(self, vault: Vault, ops: Ops, parent: QWidget | None) -> None:
        super().__init__(parent)
        keep_fitted(self)  # an error shown later grows the dialog, never squeezes it
        self.vault = vault
        self.ops = ops
        self.task: Task | None = None
        self._closed = False  # work on the window's runner may finish after closing
        self._reporter = _Reporter(self)
        self._reporter.changed.connect(self._progressed)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.hide()
        self.status = theme.StatusLabel(self.tr("Status"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self._controls: list[QWidget] = []
        self._file_dialog: QFileDialog | None = None
        self.warning: QLabel | None = None  # an export's "not encrypted" box

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()

    def _paint(self) -> None:
        if self.warning is None:
            return
        c = theme.colors(theme.is_dark(self))
        self.warning.setStyleSheet(
            f"background: {c['warn_bg']}; color: {c['warn_text']};"
            "border-radius: 6px; padding: 8px 12px;"
        )

    @property
    def busy(self) -> bool:
        return self.task is not None

    def _start(
        self,
        fn: Callable[[Progress], Any],
        on_result: Callable[[Any], None],
        *,
        writes: Changes | None = None,
        ordered: bool = False,
    ) -> Task:
        """Run fn off the GUI thread: as a write that touches `writes`, as a read in order
        with the writes (`ordered`), or beside them."""
        report = self._reporter.changed.emit
        self.progress.setRange(0, 0)  # until the first report
        self.progress.show()
        self.status.say("")
        for w in self._controls:
            w.setEnabled(False)

        def finish(ok: bool, value: Any) -> None:
            if self._closed:
                return
            self.task = None
            self.progress.hide()
            self._set_controls()
            if ok:
                on_result(value)
            else:
                self._failed(value)

        def work() -> Any:
            return fn(report)

        if writes is not None:
            self.task = self.ops.mutate_many(
                writes,
                work,
                on_done=lambda v: finish(True, v),
                on_error=lambda e: finish(False, e),
            )
        else:
            self.task = self.ops.runner.submit(
                work,
                on_result=lambda v: finish(True, v),
                on_error=lambda e: finish(False, e),
                serial=ordered,
            )
        return self.task

    def _failed(self, error: ReconcileError) -> None:
        self.status.say(error.sentence, problem=True)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _set_controls(self) -> None:
        for w in self._controls:
            w.setEnabled(True)

    def _ask(self, title: str, start: Path, on_chosen: Callable[[Path], None], **how: Any) -> None:
        dialog = QFileDialog(self, title, str(start))
        dialog.setAcceptMode(how.get("mode", QFileDialog.AcceptMode.AcceptSave))
        dialog.setFileMode(how.get("files", QFileDialog.FileMode.AnyFile))
        if how.get("folders"):
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if how.get("filter"):
            dialog.setNameFilter(how["filter"])
        if how.get("suffix"):
            dialog.setDefaultSuffix(how["suffix"])
        dialog.fileSelected.connect(lambda p: on_chosen(Path(p)))
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()

    def done(self, result: int) -> None:
        # Locking closes dialogs before the key goes: let running work finish with it.
        if self.busy:
            self.ops.runner.wait()  # an export runs beside the writes, not in their lane
        self._closed = True
        super().done(result)


# -- export ------------------------------------------------------------------------------------


class ExportDialog(_WorkDialog):
    """Export everything as Reconcile JSON or Markdown, or the selected entries as a PDF."""

    exported = Signal(object, int)  # path, number of entries

    def __init__(
        self,
        vault: Vault,
        ops: Ops,
        selected_ids: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(vault, ops, parent)
        self.selected_ids = list(selected_ids)
        self.setWindowTitle(self.tr("Export your journal"))
        self.setAccessibleName(self.tr("Export your journal"))
        self.setMinimumWidth(520)
        self.json_choice = QRadioButton(self.tr("Reconcile file (.json): every entry and detail"))
        self.md_choice = QRadioButton(self.tr("Markdown folder: one text file per entry"))
        self.pdf_choice = QRadioButton(
            self.tr("PDF of the selected entries ({n})").format(n=len(self.selected_ids))
        )
        self.pdf_choice.setEnabled(bool(self.selected_ids))
        self.json_choice.setChecked(True)
        self.formats = QButtonGroup(self)
        for i, b in enumerate((self.json_choice, self.md_choice, self.pdf_choice)):
            self.formats.addButton(b, i)
        self.include_trash = QCheckBox(
            self.tr("Include entries in the trash (Markdown puts them in a “trash” folder)")
        )
        self.formats.idToggled.connect(lambda *_: self._set_controls())
        warning = QLabel(
            self.tr(
                "Exported files are not encrypted. Anyone who can open them can read what "
                "you wrote, so keep them somewhere private and delete them when you are done."
            )
        )
        warning.setWordWrap(True)
        warning.setAccessibleName(self.tr("Exports are not encrypted"))
        self.warning = warning
        self._paint()
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setDefault(True)
        self.export_button.setAccessibleDescription(self.tr("Choose where to save the copy"))
        self.export_button.clicked.connect(self.choose_destination)
        self._controls = [self.json_choice, self.md_choice, self.pdf_choice]
        self._controls += [self.include_trash, self.export_button]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(8)
        intro = QLabel(self.tr("What would you like to export?"))
        intro.setFont(theme.heading_font(self.font(), 1.15))
        layout.addWidget(intro)
        layout.addWidget(self.json_choice)
        layout.addWidget(self.md_choice)
        layout.addWidget(self.pdf_choice)
        layout.addSpacing(4)
        layout.addWidget(self.include_trash)
        layout.addSpacing(6)
        for w in (warning, self.progress, self.status):
            layout.addWidget(w)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self._set_controls()

    def _format(self) -> str:
        return ("json", "markdown", "pdf")[max(0, self.formats.checkedId())]

    def _set_controls(self) -> None:
        super()._set_controls()
        self.pdf_choice.setEnabled(bool(self.selected_ids))
        self.include_trash.setEnabled(self._format() != "pdf")  # a PDF holds what is selected

    def choose_destination(self) -> None:
        today = self.vault.clock.today().isoformat()
        start = Path.home()
        fmt = self._format()
        if fmt == "markdown":
            self._ask(
                self.tr("Choose a folder for the Markdown files"),
                start,
                self.export_to,
                mode=QFileDialog.AcceptMode.AcceptOpen,
                files=QFileDialog.FileMode.Directory,
                folders=True,
            )
            return
        suffix = "json" if fmt == "json" else "pdf"
        name = f"reconcile-journal-{today}.{suffix}"
        self._ask(
            self.tr("Save the export as"),
            start / name,
            self.export_to,
            filter=f"{suffix.upper()} (*.{suffix})",
            suffix=suffix,
        )

    def export_to(self, path: Path) -> Task:
        """Start writing the chosen format to path (a file, or a folder for Markdown)."""
        fmt, path = self._format(), Path(path)
        trash = self.include_trash.isChecked()
        jobs = {
            "json": lambda p: exchange.export_json(
                self.vault, path, include_trash=trash, progress=p
            ),
            "markdown": lambda p: exchange.export_markdown(
                self.vault, path, include_trash=trash, progress=p
            ),
            "pdf": lambda p: write_pdf(self.vault, self.selected_ids, path, p),
        }
        self.status.say(self.tr("Exporting…"))
        return self._start(jobs[fmt], lambda n: self._done(path, n))

    def _done(self, path: Path, count: int) -> None:
        self.status.say(
            self.tr("Saved {entries} to {path}.").format(entries=_entries(count), path=path)
        )
        self.exported.emit(path, count)


# -- import ------------------------------------------------------------------------------------


class ImportDialog(_WorkDialog):
    """Choose a file and where it came from, see what it holds, then import it in one go."""

    imported = Signal(int)  # how many entries were added

    def __init__(self, vault: Vault, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(vault, ops, parent)
        self.setWindowTitle(self.tr("Import entries"))
        self.setAccessibleName(self.tr("Import entries"))
        self.setMinimumWidth(540)
        self.preview_result: exchange.ImportPreview | None = None
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("File to import"))
        self.path.setPlaceholderText(self.tr("Choose an export file or folder…"))
        self.path.editingFinished.connect(self._path_edited)
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(self.tr("Choose the file to import"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self.choose_file)
        self.source = QComboBox()
        self.source.setAccessibleName(self.tr("Where the file comes from"))
        for key, label in (
            ("reconcile", self.tr("Reconcile export (.json)")),
            ("jrnl", self.tr("jrnl (JSON export)")),
            ("dayone", self.tr("Day One (JSON or .zip export)")),
            ("markdown", self.tr("A folder of Markdown files (.md)")),
        ):
            self.source.addItem(label, key)
        self.source.currentIndexChanged.connect(lambda _i: self.preview())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What the file holds"))
        self.problems = theme.MutedLabel()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName(self.tr("Worth knowing"))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        self.import_button.setAccessibleDescription(
            self.tr("Add the entries of the chosen file to your journal")
        )
        self.import_button.clicked.connect(self.import_now)
        self._controls = [self.path, browse, self.source, self.import_button]

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        for text, buddy, field in (
            (self.tr("&File"), self.path, file_row),
            (self.tr("&Comes from"), self.source, self.source),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)
        intro = theme.MutedLabel(
            self.tr(
                "Bring in entries from a Reconcile export, jrnl, Day One or a folder of Markdown "
                "files. You will see what the file holds before anything is added, and entries "
                "already in your journal are skipped."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(8)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(form)
        for w in (self.summary, self.problems, self.progress, self.status):
            layout.addWidget(w)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        row.addWidget(self.import_button)
        layout.addLayout(row)
        self._show_preview(None)

    def _set_controls(self) -> None:
        super()._set_controls()
        p = self.preview_result
        self.import_button.setEnabled(p is not None and p.new > 0)

    def choose_file(self) -> None:
        if self.source.currentData() == "markdown":
            self._ask(
                self.tr("Choose the folder of Markdown files"),
                Path.home(),
                self.set_file,
                mode=QFileDialog.AcceptMode.AcceptOpen,
                files=QFileDialog.FileMode.Directory,
                folders=True,
            )
            return
        self._ask(
            self.tr("Choose the file to import"),
            Path.home(),
            self.set_file,
            mode=QFileDialog.AcceptMode.AcceptOpen,
            files=QFileDialog.FileMode.ExistingFile,
            filter=self.tr("Journal exports (*.json *.zip);;All files (*)"),
        )

    def set_file(self, path: Path, source: str | None = None) -> Task | None:
        """Choose the file (and optionally its source), then show the preview."""
        self.path.setText(str(path))
        if source is None and Path(path).suffix.lower() == ".zip":
            source = "dayone"  # only Day One exports come zipped
        elif source is None and Path(path).is_dir():
            source = "markdown"  # the only format that is a folder
        if source is not None and source != self.source.currentData():
            self.source.blockSignals(True)
            self.source.setCurrentIndex(self.source.findData(source))
            self.source.blockSignals(False)
        return self.preview()

    def _path_edited(self) -> None:
        if self.path.isModified():
            self.path.setModified(False)
            self.preview()

    def preview(self) -> Task | None:
        text = self.path.text().strip()
        self._show_preview(None)
        if not text or self.busy:
            return None
        path, source = Path(text), self.source.currentData()
        self.summary.setText(self.tr("Reading the file…"))
        return self._start(
            lambda _p: exchange.preview_import(self.vault, path, source),
            self._show_preview,
            ordered=True,
        )

    def _show_preview(self, p: exchange.ImportPreview | None) -> None:
        self.preview_result = p
        self.problems.setText("")
        if p is None:
            self.summary.setText("")
        elif p.count == 0:
            self.summary.setText(self.tr("This file holds no entries."))
        else:
            span = ""
            if p.first_date and p.last_date:
                span = " " + self.tr("They run from {a} to {b}.").format(
                    a=_day(p.first_date), b=_day(p.last_date)
                )
            counts = (
                self.tr("{count} in this folder: {new} new, {dup} already in your journal.")
                if self.source.currentData() == "markdown"
                else self.tr("{count} in this file: {new} new, {dup} already in your journal.")
            )
            self.summary.setText(
                counts.format(count=_entries(p.count), new=f"{p.new:,}", dup=f"{p.duplicates:,}")
                + span
            )
            self.problems.setText("\n".join(f"• {line}" for line in p.problems))
        self.problems.setVisible(bool(self.problems.text()))
        self.import_button.setText(
            self.tr("Import {entries}").format(entries=_entries(p.new))
            if p is not None and p.new
            else self.tr("Import")
        )
        self._set_controls()

    def import_now(self) -> Task | None:
        if self.preview_result is None or self.preview_result.new == 0 or self.busy:
            return None
        path, source = Path(self.path.text().strip()), self.source.currentData()
        self.status.say(self.tr("Importing…"))
        return self._start(
            lambda p: exchange.import_file(self.vault, path, source, progress=p),
            self._imported,
            writes=changes_of(exchange.import_file),
        )

    def _failed(self, error: ReconcileError) -> None:
        self.summary.setText("")
        super()._failed(error)

    def _imported(self, added: int) -> None:
        self.preview_result = None
        self._set_controls()
        self.status.say(self.tr("Added {entries} to your journal.").format(entries=_entries(added)))
        self.imported.emit(added)


def _entries(n: int) -> str:
    return _tr("1 entry") if n == 1 else _tr("{n} entries").format(n=f"{n:,}")


def _day(d: dt.date) -> str:
    return dates.medium_date(d)
