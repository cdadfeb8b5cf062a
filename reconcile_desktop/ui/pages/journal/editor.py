"""The entry editor: title, Markdown body, date, mood, tags and principle, saved as you go.

Saving runs on the GUI thread from a debounce timer, through ops.mutate_now (update_entry
costs a few milliseconds and writes only the columns that changed, and the next save needs a
new entry's id), so typing never waits on it. The entry core returns is handed on (`written`),
never read back. A new entry reaches the vault only once it holds writing of the user's own:
no empty entries. Trashing and counting a letter as an urge go through ops.mutate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QElapsedTimer,
    QEvent,
    QStringListModel,
    Qt,
    QTime,
    QTimer,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QFontInfo, QKeySequence, QShortcut, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.errors import InvalidInput, ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import prompts
from reconcile_desktop.ui.pages.journal.attachment_strip import AttachmentReader, AttachmentStrip
from reconcile_desktop.ui.pages.journal.markdown_highlighter import (
    HEADING_SCALE,
    MarkdownHighlighter,
)
from reconcile_desktop.ui.pages.journal.prompt_picker import PromptPicker, entry_kwargs
from reconcile_desktop.ui.pages.journal.worksheet_dialog import WorksheetBar, WorksheetDialog
from reconcile_desktop.ui.widgets import dates, theme

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

AUTOSAVE_MS = 1000
READ_FIRST = ("worksheet",)  # kinds that open formatted for reading, not as Markdown
MAX_UNSAVED_MS = 15_000  # someone typing without pause still gets a save this often
SHORTEST_TEXT = 44  # pixels: about two lines of text
_UTC = QTimeZone(QTimeZone.Initialization.UTC)


def _to_qt(local: dt.datetime) -> QDateTime:
    # The edit works in "UTC" holding local wall-clock fields, so Qt never converts them
    # with the system zone (which may differ from the clock's).
    t = QTime(local.hour, local.minute, local.second, local.microsecond // 1000)
    return QDateTime(QDate(local.year, local.month, local.day), t, _UTC)


def _from_qt(value: QDateTime, tz: dt.tzinfo) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(
        d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), t.msec() * 1000, tz
    )


class MoodPicker(QWidget):
    """Five small toggles; clicking the chosen one again clears the mood (it is optional)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        words = (
            self.tr("Very low"),
            self.tr("Low"),
            self.tr("In between"),
            self.tr("Good"),
            self.tr("Very good"),
        )
        self.buttons: list[QPushButton] = []
        # Fixed: the buttons keep their size and spacing whatever the row around them shows.
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for n, word in enumerate(words, 1):
            button = QPushButton(str(n))
            button.setCheckable(True)
            button.setFixedWidth(button.sizeHint().height() + 6)
            button.setAccessibleName(self.tr("Mood {n} of 5: {word}").format(n=n, word=word))
            button.setToolTip(word)
            button.clicked.connect(lambda _checked, b=button: self._clicked(b))
            self.buttons.append(button)
            row.addWidget(button)

    def value(self) -> int | None:
        return next((n for n, b in enumerate(self.buttons, 1) if b.isChecked()), None)

    def set_value(self, mood: int | None) -> None:
        for n, button in enumerate(self.buttons, 1):
            button.setChecked(n == mood)

    def paint(self, c: dict[str, str]) -> None:
        # Fusion's checked look is too faint on dark palettes; the choice must be obvious.
        self.setStyleSheet(
            f"QPushButton {{ background: {c['base']}; color: {c['text']};"
            f" border: 1px solid {c['divider']}; border-radius: 4px; padding: 3px 0; }}"
            f"QPushButton:focus {{ border-color: {c['accent']}; }}"
            f"QPushButton:checked {{ background: {c['highlight']};"
            f" color: {c['highlighted_text']}; border-color: {c['highlight']}; }}"
        )

    def _clicked(self, clicked: QAbstractButton) -> None:
        for button in self.buttons:
            if button is not clicked:
                button.setChecked(False)
        self.changed.emit()


class TagCompleter(QCompleter):
    """Completes the tag after the last comma and keeps the ones before it.

    The tag list is read only when someone types a tag (or asks for the names): counting
    every entry's tags takes ~300 ms at 100,000 entries, far too long to pay on every entry
    switch on the GUI thread."""

    def __init__(self, field: QLineEdit, loader: Callable[[], list[str]] | None = None) -> None:
        super().__init__(field)
        self._field = field
        self._loader = loader
        self._stale = loader is not None
        self._names = QStringListModel(self)
        self.setModel(self._names)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Connected before setCompleter(), so the names are in place when Qt completes.
        field.textEdited.connect(self._ensure_loaded)

    def invalidate(self) -> None:
        self._stale = self._loader is not None

    def _ensure_loaded(self, *_args) -> None:
        if self._stale and self._loader is not None:
            self._stale = False
            self._names.setStringList(self._loader())

    def set_names(self, names: list[str]) -> None:
        self._stale = False
        self._names.setStringList(names)

    def names(self) -> list[str]:
        self._ensure_loaded()
        return self._names.stringList()

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index) -> str:
        text = self._field.text()
        done = text[: text.rfind(",") + 1]
        return f"{done} {index.data()}".lstrip() if done else index.data()


def conflict_of(vault: Vault, entry: journal.EntryData) -> int | None:
    """The entry a conflict copy was copied from (sync keeps both versions), else None.
    From the read model when it carries the link, else from the entry table's column."""
    if hasattr(entry, "conflict_of_id"):
        return entry.conflict_of_id
    from reconcile_desktop.core.storage import tables

    column = tables.ENTRY.c.get("conflict_of_id")
    if column is None:
        return None
    import sqlalchemy as sa

    try:
        with vault.connection() as s:
            return s.execute(sa.select(column).where(tables.ENTRY.c.id == entry.id)).scalar()
    except ReconcileError:
        return None


def _stored_form(entry: journal.EntryData) -> tuple:
    return (entry.updated_utc, entry.title, entry.body, entry.deleted)


class EntryEditor(QWidget):
    saved = Signal(int)
    written = Signal(object)  # the EntryData core returned for that save
    entry_changed = Signal(int)  # a new entry was created, or another one loaded
    trashed = Signal(int)
    support_requested = Signal()  # the worksheet's answers suggest the user was hurt
    other_version_requested = Signal(int)  # a conflict copy's "Open the other version"

    def __init__(self, vault: Vault, clock: Clock, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = vault
        self.clock = clock
        self.ops = ops
        self.setAccessibleName(self.tr("Entry editor"))
        self._id: int | None = None
        self._kind = "free"
        self._prompt_id: str | None = None
        self._start_title = ""
        self._occurred = clock.now()
        self._occurred_touched = False
        self._dirty = False
        self._loading = False
        self._saving = False
        self._read_only = False
        self._prefer_reading = False  # the user's own choice of Read/Edit, for plain entries
        self._conflict_of: int | None = None  # a conflict copy: the entry it was copied from
        self._stored: tuple | None = None  # the entry as last read or written (see reread)
        self.prompt_picker: PromptPicker | None = None
        self._kind_words = {
            "free": self.tr("Free writing"),
            "prompted": self.tr("Answering a prompt"),
            "letter": self.tr("Unsent letter"),
            "worksheet": self.tr("Worksheet"),
        }
        self._build()
        self._reserve_widths()
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._since_dirty = QElapsedTimer()
        self._count_timer = QTimer(self, singleShot=True, interval=250)
        self._count_timer.timeout.connect(self._update_count)
        for keys, slot, what in (
            (QKeySequence.StandardKey.Save, self.save_now, self.tr("Save the entry")),
            ("Ctrl+E", self.toggle_read, self.tr("Switch between writing and reading")),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setWhatsThis(what)  # named in Help > Keyboard shortcuts
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._show_meta()
        self._paint()

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.kind_label = theme.MutedLabel()
        self.kind_label.setAccessibleName(self.tr("Kind of entry"))
        self.when = QDateTimeEdit()
        self.when.setTimeZone(_UTC)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(dates.edit_format(with_time=True))
        self.when.setAccessibleName(self.tr("Date and time of the entry"))
        self.when.dateTimeChanged.connect(self._when_edited)
        self.status = theme.MutedLabel()
        self.status.setAccessibleName(self.tr("Save status"))
        self.words = theme.MutedLabel()
        self.words.setAccessibleName(self.tr("Word count"))
        self.read_button = QPushButton(self.tr("Read"))
        self.read_button.setCheckable(True)
        self.read_button.setAccessibleName(self.tr("Show the entry formatted for reading"))
        self.read_button.setToolTip(self.tr("Switch between writing and reading (Ctrl+E)"))
        self.read_button.toggled.connect(self._show_read)
        self.read_button.clicked.connect(self._chose_reading)
        self.trash_button = QPushButton(self.tr("Move to trash"))
        self.trash_button.setAccessibleName(self.tr("Move this entry to the trash"))
        self.trash_button.clicked.connect(self.trash_current)
        top = QHBoxLayout()
        for w in (self.kind_label, self.when):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.read_button, self.trash_button):
            top.addWidget(w)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Note about this entry"))
        self.conflict_bar = self._conflict_bar()
        self.urge_button = QPushButton(self.tr("Count this letter as an urge resisted"))
        self.urge_button.setToolTip(
            self.tr(
                "Writing here instead of reaching out is worth noting on your no-contact count."
            )
        )
        self.urge_button.clicked.connect(self.log_letter_as_urge)
        self.urge_counted = theme.MutedLabel(self.tr("Already counted as an urge resisted."))
        self.urge_counted.setAccessibleName(self.tr("Already counted as an urge resisted"))
        self.prompt_text = QLabel()
        self.prompt_text.setWordWrap(True)
        self.prompt_text.setAccessibleName(self.tr("The prompt this entry answers"))
        self.sheet_bar = WorksheetBar(self)
        self.sheet_bar.button.clicked.connect(self.open_worksheet)
        self.sheet_bar.answered.connect(self._worksheet_answered)
        self.sheet_bar.support_requested.connect(self.support_requested)

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Title (optional)"))
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setFont(theme.heading_font(self.font(), 1.3))
        self.title.textChanged.connect(self._edited)
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(self.tr("Entry text"))
        self.body.setTabChangesFocus(True)
        self.body.setFont(theme.scaled_font(self.font(), 1.1))
        self.body.document().setDocumentMargin(10)
        # contentsChange, not textChanged: re-highlighting emits textChanged as well.
        self.body.document().contentsChange.connect(self._body_changed)
        self.highlighter = MarkdownHighlighter(self.body.document(), self.palette(), live=True)
        self.body.cursorPositionChanged.connect(
            lambda: self.highlighter.set_cursor_block(self.body.textCursor().blockNumber())
        )
        self.reader = AttachmentReader()
        self.reader.setAccessibleName(self.tr("Entry, formatted for reading"))
        self.reader.setOpenLinks(False)
        self.reader.setFont(self.body.font())
        self.reader.document().setDocumentMargin(10)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.body)
        self.stack.addWidget(self.reader)
        self.strip = AttachmentStrip(self.vault, self.ops, self.entry_for_files)
        self.strip.watch(self.body)
        self.reader.strip = self.strip
        self.reader.anchorClicked.connect(self.strip.open_link)

        self.mood = MoodPicker()
        self.mood.changed.connect(self._edited)
        self.principle = QComboBox()
        self.principle.setAccessibleName(self.tr("Principle"))
        self.principle.addItem(self.tr("No principle"), None)
        for key, label in prompts.PRINCIPLES:
            self.principle.addItem(self.tr(label), key)
        self.principle.currentIndexChanged.connect(self._edited)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags.setAccessibleName(self.tr("Tags, separated by commas"))
        self.tags.textChanged.connect(self._edited)
        self.completer = TagCompleter(self.tags, self._tag_names)
        self.tags.setCompleter(self.completer)
        meta = QGridLayout()
        meta.setHorizontalSpacing(10)
        for col, (text, widget) in enumerate(
            ((self.tr("&Mood"), self.mood), (self.tr("&Principle"), self.principle))
        ):
            label = QLabel(text)
            label.setBuddy(widget.buttons[0] if widget is self.mood else widget)
            meta.addWidget(label, 0, col * 2)
            meta.addWidget(widget, 0, col * 2 + 1)
        tags_label = QLabel(self.tr("T&ags"))
        tags_label.setBuddy(self.tags)
        meta.addWidget(tags_label, 1, 0)
        # "Saved" and the word count end the tags' line, where the field can give them room,
        # rather than widening the mood and principle line.
        tags_line = QHBoxLayout()
        tags_line.addWidget(self.tags, 1)
        tags_line.addSpacing(8)
        tags_line.addWidget(self.status)
        tags_line.addSpacing(8)
        tags_line.addWidget(self.words)
        meta.addLayout(tags_line, 1, 1, 1, 5)
        meta.setColumnStretch(4, 1)

        self.problem = theme.StatusLabel(self.tr("Problem saving"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.conflict_bar)
        layout.addWidget(self.urge_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.urge_counted)
        for w in (self.prompt_text, self.sheet_bar, self.title):
            layout.addWidget(w)
        # The text may shrink to a few lines, so the whole editor fits a 420-pixel-high window.
        for view in (self.body, self.reader):
            view.setMinimumHeight(SHORTEST_TEXT)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.strip)
        layout.addLayout(meta)
        layout.addWidget(self.problem)

    def _conflict_bar(self) -> QWidget:
        """Shown on a conflict copy that sync made: both versions were kept."""
        bar = QWidget()
        bar.setAccessibleName(self.tr("Two versions of this entry"))
        self.conflict_text = QLabel(
            self.tr(
                "Two computers changed this entry at the same time. This copy keeps the other "
                "version, so no words are lost."
            )
        )
        self.conflict_text.setWordWrap(True)
        self.conflict_button = QPushButton(self.tr("Open the other version"))
        self.conflict_button.setAccessibleName(self.tr("Open the other version of this entry"))
        self.conflict_button.clicked.connect(self._open_other_version)
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.conflict_text, 1)
        row.addWidget(self.conflict_button, 0, Qt.AlignmentFlag.AlignVCenter)
        bar.setObjectName("conflictBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar.hide()
        return bar

    def _open_other_version(self) -> None:
        if self._conflict_of is not None:
            self.other_version_requested.emit(self._conflict_of)

    def _reserve_widths(self) -> None:
        """Labels whose words change (the kind, "Saved", the word count) get room for their
        longest words once, so the editor's minimum width never changes while someone types:
        a growing minimum would push the list/editor split sideways on every save."""

        def room(label: QLabel, texts: list[str]) -> None:
            metrics = label.fontMetrics()
            label.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in texts) + 2)

        room(self.kind_label, list(self._kind_words.values()))
        for label in (self.status, self.words):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        room(self.status, [self.tr("Saved")])
        room(self.words, [self.tr("{n} words").format(n=f"{99_999:,}")])

    def log_letter_as_urge(self) -> None:
        """An unsent letter is an urge ridden out: log it on the running no-contact period,
        once (a letter written from an urge on the No contact page already counts)."""
        from reconcile_desktop.core.nocontact import day_counting as streaks
        from reconcile_desktop.core.nocontact import store as nocontact

        self.save_now()
        entry_id = self.current_id()
        if entry_id is None:
            self.problem.say(self.tr("Write a few words first; then it can be counted."))
            return
        self.urge_button.setEnabled(False)  # one click, one count

        def counted(_event: object) -> None:
            if self._id == entry_id:
                self._show_urge(counted=True)  # its own line says so; the status stays short
                self.urge_counted.setText(self.tr("Counted as an urge resisted."))

        def failed(exc: ReconcileError) -> None:
            if self._id == entry_id:
                self.urge_button.setEnabled(True)
                self.problem.say(exc.sentence, problem=True)

        self.ops.mutate(
            nocontact.log_event,
            self.vault,
            streaks.URGE_RESISTED,
            note=self.tr("Wrote an unsent letter"),
            entry_id=entry_id,
            on_done=counted,
            on_error=failed,
        )

    def refresh_urge(self) -> None:
        """Read again whether the letter shown counts as an urge (the No contact log changed)."""
        self._show_urge()

    def _show_urge(self, counted: bool | None = None) -> None:
        letter = self._kind == "letter" and not self._read_only
        if letter and counted is None and self._id is not None:
            from reconcile_desktop.core.nocontact import store as nocontact

            try:
                counted = nocontact.urge_for_entry(self.vault, self._id) is not None
            except ReconcileError:
                counted = False
        self.urge_counted.setText(self.tr("Already counted as an urge resisted."))
        self.urge_button.setVisible(letter and not counted)
        self.urge_button.setEnabled(True)
        self.urge_counted.setVisible(letter and bool(counted))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()

    def _paint(self) -> None:
        c = theme.colors(theme.is_dark(self))
        self.banner.setStyleSheet(
            f"background: {c['warn_bg']}; color: {c['warn_text']};"
            "border-radius: 6px; padding: 8px 12px;"
        )
        self.conflict_bar.setStyleSheet(
            f"QWidget#conflictBar {{ background: {c['warn_bg']}; border-radius: 6px; }}"
        )
        self.conflict_text.setStyleSheet(f"color: {c['warn_text']};")
        self.prompt_text.setStyleSheet(
            f"border-width: 0 0 0 3px; border-style: solid; border-color: {c['accent']};"
            "padding: 2px 0 2px 10px;"
        )
        self.mood.paint(c)
        self.highlighter.set_palette(self.palette())

    # -- the interface the journal page uses ---------------------------------------------------

    def current_id(self) -> int | None:
        return self._id

    def load(self, entry_id: int) -> None:
        """Show an entry, after saving the current one. Loading the entry already shown
        keeps it as it is (cursor, undo history)."""
        self.save_now()
        if entry_id == self._id or self._dirty:  # still dirty: saving failed, keep the text
            return
        try:
            entry = journal.get_entry(self.vault, entry_id)
        except ReconcileError as exc:
            self.problem.say(exc.sentence, problem=True)
            return
        self._occurred = entry.occurred_utc
        self._read_only = entry.deleted
        shown = {k: getattr(entry, k) for k in ("title", "body", "principle", "mood", "tags")}
        shown["conflict_of"] = conflict_of(self.vault, entry)
        self._set_state(entry.id, entry.kind, entry.prompt_id, **shown)
        self._stored = _stored_form(entry)
        # A worksheet is a form's answers: it opens to be read, and Edit (Ctrl+E) opens it up.
        self.read_button.setChecked(entry.kind in READ_FIRST or self._prefer_reading)
        self._show_meta()
        self.entry_changed.emit(entry.id)

    def new_entry(
        self,
        kind: str = "free",
        prompt_id: str | None = None,
        title: str = "",
        body: str = "",
        principle: str | None = None,
    ) -> None:
        """Start a blank entry; it is written only once the user writes something.
        A worksheet opens its form straight away."""
        self.save_now()
        if self._dirty:
            return
        self._occurred = self.clock.now()
        self._read_only = False
        self._set_state(None, kind, prompt_id, title=title, body=body, principle=principle)
        self.read_button.setChecked(False)
        self._show_meta()
        self.body.setFocus()
        if kind == "worksheet" and not body:
            self.open_worksheet()

    def reread(self) -> None:
        """Another write changed entries (a sync's merge, an import): if the entry on screen
        is stored differently now, show it as stored. Not while the user has unsaved words:
        their next save goes through as usual, and sync keeps both versions."""
        if self._id is None or self._dirty or self._saving or self._read_only:
            return
        try:
            entry = journal.get_entry(self.vault, self._id)
        except ReconcileError:
            return  # gone: the page moves on to the next entry
        if _stored_form(entry) == self._stored:
            return
        entry_id, reading = self._id, self.read_button.isChecked()
        self._id = None  # so load() reads it again instead of keeping what is shown
        self.load(entry_id)
        self.read_button.setChecked(reading)

    def entry_for_files(self) -> int | None:
        """The entry a photo or file goes to; a new entry is written first (a photo is the
        user's own, even without words). None while a save keeps failing."""
        self.save_now()
        if self._id is None and not self._read_only and not self._dirty:
            self._saving = True
            try:
                self._write(with_files=True)
            finally:
                self._saving = False
        return None if self._dirty else self._id

    def files_changed(self) -> None:
        """A photo or file was added or removed (ATTACHMENTS): show the entry's files again."""
        self.strip.show_entry(self._id, self._read_only)
        if self.read_button.isChecked():
            self.reader.show_markdown(self.body.toPlainText())

    def save_now(self) -> None:
        """Write pending changes now (Ctrl+S, switching entries, lock, quit)."""
        self._autosave.stop()
        if not self._dirty or self._saving or self._read_only:
            return
        self._saving = True
        try:
            self._write()
        finally:
            self._saving = False

    @property
    def saving(self) -> bool:
        """True while this editor's own save is being written (and broadcast)."""
        return self._saving

    def has_unsaved(self) -> bool:
        """Typed words that are not in the vault yet (a save is due, or the last one failed)."""
        return self._dirty

    def clear_sensitive(self) -> None:
        """Save, then forget every bit of text: fields, undo history, the tag list."""
        self.sheet_bar.close_keeping()
        self.save_now()
        if self.prompt_picker is not None:
            self.prompt_picker.reject()
        self._read_only = False
        self._set_state(None, "free", None)
        self.read_button.setChecked(False)
        self.body.document().clearUndoRedoStacks()
        self.reader.clear()
        self.reader.document().clearUndoRedoStacks()
        self.strip.clear()
        self.completer.set_names([])
        self.problem.say("")
        self._show_meta(refresh_tags=False)

    # -- state ---------------------------------------------------------------------------------

    def _set_state(self, entry_id: int | None, kind: str, prompt_id: str | None, **shown: Any):
        """Show an entry's fields without counting as edits; resets dirty and undo history."""
        self._autosave.stop()
        self._id, self._kind, self._prompt_id = entry_id, kind, prompt_id
        self._conflict_of = shown.get("conflict_of")
        self._occurred_touched = False
        self._dirty = False
        self._loading = True
        self._start_title = shown.get("title", "")
        self.title.setText(self._start_title)  # setText, setPlainText: no undo history
        self.body.setPlainText(shown.get("body", ""))
        self.principle.setCurrentIndex(max(0, self.principle.findData(shown.get("principle"))))
        self.mood.set_value(shown.get("mood"))
        self.tags.setText(", ".join(shown.get("tags", ())))
        self._loading = False
        self.status.setText("")
        self.problem.say("")

    def _show_meta(self, *, refresh_tags: bool = True) -> None:
        local = self._occurred.astimezone(self.clock.tzinfo())
        self._loading = True
        self.when.setDateTime(_to_qt(local))
        self._loading = False
        self.kind_label.setText(self._kind_words.get(self._kind, self._kind))
        self.body.setPlaceholderText(
            self.tr("Write it all here. No one else will ever read it.")
            if self._kind == "letter"
            else self.tr("Write whatever is on your mind. It is saved as you go.")
        )
        if self._read_only:
            self.banner.setText(self.tr("This entry is in the trash. Restore it to change it."))
        elif self._kind == "letter":
            self.banner.setText(self.tr("This letter is for you. It will never be sent."))
        self.banner.setVisible(self._read_only or self._kind == "letter")
        self.conflict_bar.setVisible(self._conflict_of is not None)
        self._show_urge()
        prompt = prompts.get_prompt(self._prompt_id) if self._prompt_id else None
        self.prompt_text.setText(prompt.text if prompt else "")
        self.prompt_text.setVisible(prompt is not None and self._kind != "worksheet")
        self._show_sheet_bar()
        for w in (self.title, self.body):
            w.setReadOnly(self._read_only)
        for w in (self.when, self.mood, self.principle, self.tags, self.trash_button):
            w.setEnabled(not self._read_only)
        self.trash_button.setEnabled(self._id is not None and not self._read_only)
        self.strip.show_entry(self._id, self._read_only)
        if self.read_button.isChecked():
            self._render_reading()
        self._update_count()
        if refresh_tags:
            self.completer.invalidate()

    def _tag_names(self) -> list[str]:
        try:
            return [name for name, _ in journal.all_tags(self.vault)]
        except ReconcileError:
            return []

    def _show_sheet_bar(self) -> None:
        self.sheet_bar.setVisible(self._kind == "worksheet")
        if self._kind == "worksheet":
            self.sheet_bar.show_for(self.body.toPlainText(), editable=not self._read_only)

    # -- edits and saving ----------------------------------------------------------------------

    def _edited(self, *_args: Any) -> None:
        if self._loading or self._read_only:
            return
        if not self._dirty:
            self._since_dirty.start()
        self._dirty = True
        self.status.setText("")
        if self._since_dirty.elapsed() >= MAX_UNSAVED_MS:
            self.save_now()
        else:
            self._autosave.start()

    def _body_changed(self, *_args: int) -> None:
        if self._loading:
            return
        self._count_timer.start()
        self._edited()

    def _when_edited(self, value: QDateTime) -> None:
        if self._loading:
            return
        self._occurred = _from_qt(value, self.clock.tzinfo())
        self._occurred_touched = True
        self._edited()

    def _tag_list(self) -> tuple[list[str], str | None]:
        names = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        try:
            journal.normalise_tags(names)
        except InvalidInput as exc:
            return [], exc.sentence
        return names, None

    def _write(self, *, with_files: bool = False) -> None:
        title, body = self.title.text(), self.body.toPlainText()
        tags, tag_problem = self._tag_list()
        fields: dict[str, Any] = {
            "title": title,
            "mood": self.mood.value(),
            "principle": self.principle.currentData(),
            "kind": self._kind,
            "prompt_id": self._prompt_id,
        }
        if tag_problem is None:  # a bad tag must never hold back the writing itself
            fields["tags"] = tags
        try:
            if self._id is None:
                own_title = title.strip() and title != self._start_title
                if not body.strip() and not own_title and not with_files:
                    self._dirty = False  # nothing of the user's own yet: no empty entries
                    return
                entry = self.ops.mutate_now(
                    journal.add_entry, self.vault, body, occurred=self._occurred, **fields
                )
                created = True
            else:
                if self._occurred_touched:
                    fields["occurred"] = self._occurred
                entry = self.ops.mutate_now(
                    journal.update_entry, self.vault, self._id, body=body, **fields
                )
                created = False
        except ReconcileError as exc:
            self.status.setText("")
            gone = self._gone(self._id) if self._id is not None else None
            if gone is not None:  # trashed or deleted elsewhere meanwhile: nothing to keep
                self._dirty, self._read_only = False, True
                self._show_meta(refresh_tags=False)
                self.banner.setVisible(gone == "trash")
            if gone != "trash":  # the trash banner already says it
                self.problem.say(exc.sentence, problem=True)
            return
        self._id = entry.id
        self._stored = _stored_form(entry)
        self._dirty = False
        self._occurred_touched = False
        self.trash_button.setEnabled(True)
        self.status.setText(self.tr("Saved"))
        self._update_count()
        self.problem.say(tag_problem or "", problem=tag_problem is not None)
        if created:
            self.entry_changed.emit(entry.id)
        self.written.emit(entry)
        self.saved.emit(entry.id)

    def _gone(self, entry_id: int) -> str | None:
        """ "trash" or "deleted" when the entry went away under the editor, else None."""
        try:
            return "trash" if journal.get_entry(self.vault, entry_id).deleted else None
        except journal.EntryNotFound:
            return "deleted"
        except ReconcileError:
            return None

    def hideEvent(self, event: QEvent) -> None:
        self.save_now()  # leaving the page saves, like switching entries does
        super().hideEvent(event)

    # -- read view, word count -----------------------------------------------------------------

    def toggle_read(self) -> None:
        self.read_button.toggle()
        self._chose_reading(self.read_button.isChecked())

    def _chose_reading(self, reading: bool) -> None:
        self._prefer_reading = reading
        if not reading and self.stack.currentWidget() is self.body:
            self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_read(self, reading: bool) -> None:
        if reading:
            self._render_reading()
        self.read_button.setText(self.tr("Edit") if reading else self.tr("Read"))
        self.read_button.setAccessibleName(
            self.tr("Edit the entry")
            if reading
            else self.tr("Show the entry formatted for reading")
        )
        self.stack.setCurrentIndex(1 if reading else 0)

    def _render_reading(self) -> None:
        """The body as formatted text. Headings take the writing view's sizes: Qt's own
        (up to twice the text) made a worksheet's questions shout."""
        self.reader.show_markdown(self.body.toPlainText())
        doc = self.reader.document()
        base = QFontInfo(self.reader.font()).pointSizeF()  # also when the font is set in pixels
        pieces = []  # collected first: changing formats merges the pieces being walked
        block = doc.begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            it = block.begin()
            while level and not it.atEnd():  # each piece keeps its own emphasis
                piece = it.fragment()
                fmt = piece.charFormat()
                fmt.clearProperty(QTextFormat.Property.FontSizeAdjustment)  # else it wins
                fmt.setFontPointSize(base * HEADING_SCALE.get(level, 1.0))
                pieces.append((piece.position(), piece.length(), fmt))
                it += 1
            block = block.next()
        cursor = QTextCursor(doc)
        for position, length, fmt in pieces:
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)

    def _update_count(self) -> None:
        n = len(self.body.toPlainText().split())
        self.words.setText(self.tr("1 word") if n == 1 else self.tr("{n} words").format(n=f"{n:,}"))

    # -- trash, prompts, worksheet -------------------------------------------------------------

    def trash_current(self) -> None:
        self.save_now()
        if self._id is None or self._dirty:  # still dirty: saving failed, keep the text
            return
        entry_id = self._id
        self.trash_button.setEnabled(False)

        def moved(_result: object) -> None:
            if self._id == entry_id:
                self.new_entry()
            self.trashed.emit(entry_id)

        def failed(exc: ReconcileError) -> None:
            if self._id == entry_id:
                self.trash_button.setEnabled(not self._read_only)
                self.problem.say(exc.sentence, problem=True)

        self.ops.mutate(journal.trash_entry, self.vault, entry_id, on_done=moved, on_error=failed)

    def choose_prompt(self) -> PromptPicker:
        """The prompt picker, starting a new entry here (the journal page has its own button)."""
        picker = PromptPicker(self.clock.today(), self)
        picker.chosen.connect(lambda p: self.new_entry(**entry_kwargs(p)))
        picker.finished.connect(lambda _r: setattr(self, "prompt_picker", None))
        picker.finished.connect(picker.deleteLater)
        self.prompt_picker = picker
        picker.open()
        return picker

    @property
    def worksheet_dialog(self) -> WorksheetDialog | None:
        return self.sheet_bar.dialog

    def open_worksheet(self) -> WorksheetDialog | None:
        if self._read_only:
            return None
        return self.sheet_bar.open_form(self.body.toPlainText(), keep_empty=self._id is not None)

    def _worksheet_answered(self, markdown: str) -> None:
        self.body.setPlainText(markdown)
        if not self.title.text().strip():
            self.title.setText(prompts.load_worksheet().title)
        self.save_now()
        self._show_sheet_bar()
        self.read_button.setChecked(True)  # the answers, formatted, as when it is opened again
