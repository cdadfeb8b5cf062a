"""The Journal page: search and filters over a lazily loaded entry list on the left, the
entry editor on the right, a calendar on demand, and a trash that forgives.

Every write goes through self.ops; the window's broadcast calls refresh(changes). The editor's
own save is the common case (an autosave a second after typing stops): its entry is handed on
(`written`) and that one row is updated in place, with no read, so the list, the selection
and the editor stay as they are. Other entry changes (trash, restore, import) read the loaded
list again, keeping the editor's row selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.changes import (
    ATTACHMENTS,
    ENTRIES,
    EVERYTHING,
    NOCONTACT,
    TRASH,
    Changes,
)
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal.entries import EntryData
from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.pages.base import BOOK, Page
from reconcile_desktop.ui.pages.journal.calendar_panel import CalendarPanel
from reconcile_desktop.ui.pages.journal.editor import EntryEditor
from reconcile_desktop.ui.pages.journal.entry_delegate import EntryDelegate
from reconcile_desktop.ui.pages.journal.entry_model import EntryListModel
from reconcile_desktop.ui.pages.journal.search_bar import SearchBar
from reconcile_desktop.ui.pages.journal.trash_dialog import TrashDialog
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.widgets.columns import FoldingSplitter

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

UNDO_MS = 12_000  # how long "Undo" stays offered after moving an entry to the trash
WORKSHEET_PROMPT = "should-i-try"


class EntryListView(QListView):
    """Enter opens the entry in the editor, Delete moves it to the trash; a sentence is shown
    when there is nothing to list."""

    open_requested = Signal()
    trash_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = ""
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Several rows can be chosen (Ctrl/Shift-click) for a PDF of just those entries.
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Delete) and self.currentIndex().isValid():
            self.trash_requested.emit()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        super().mouseDoubleClickEvent(event)
        if self.currentIndex().isValid():
            self.open_requested.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(theme.muted(self.palette()))
            flags = (
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            )
            painter.drawText(
                self.viewport().rect().adjusted(20, 28, -20, 0), flags, self.placeholder
            )


class JournalPage(Page):
    key: ClassVar[str] = "journal"
    title: ClassVar[str] = "Journal"
    icon_svg: ClassVar[str] = BOOK

    areas = (ENTRIES, TRASH, NOCONTACT, ATTACHMENTS)

    def __init__(self, vault: Vault, clock: Clock, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(vault, clock, ops, parent)
        self.trash_dialog: TrashDialog | None = None
        self.exchange_dialog: QDialog | None = None
        self.prompt_picker: QDialog | None = None
        self._undo_id: int | None = None

        self.model = EntryListModel(vault, self)
        self.model.failed.connect(self._say_problem)
        self.model.modelReset.connect(self._after_reset)
        self.search = SearchBar()
        self.search.changed.connect(self._search_changed)
        self.search.filters_shown.connect(self._load_tags)
        self._tags_stale = True
        self.list = EntryListView()
        self.list.setAccessibleName(self.tr("Journal entries"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(EntryDelegate(self.list))
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.open_requested.connect(self._focus_editor)
        self.list.trash_requested.connect(self.trash_selected)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.notice = theme.StatusLabel(self.tr("Journal notice"))
        self.undo_bar, self.undo_button = self._undo_bar()
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_MS)
        self._undo_timer.timeout.connect(self.undo_bar.hide)

        list_column = QWidget()
        col = QVBoxLayout(list_column)
        col.setContentsMargins(12, 8, 6, 0)
        col.setSpacing(6)
        col.addWidget(self.search)
        col.addWidget(self.notice)
        col.addWidget(self.list, 1)

        self.calendar = CalendarPanel(vault, clock)
        self.calendar.entry_chosen.connect(self.open_entry)
        self.calendar.failed.connect(self._say_problem)
        calendar_column = QWidget()
        cal = QVBoxLayout(calendar_column)
        cal.setContentsMargins(12, 8, 6, 0)
        cal.addWidget(self.calendar)
        # A short window scrolls the month rather than making the whole list that tall.
        calendar_scroll = QScrollArea()
        calendar_scroll.setWidgetResizable(True)
        calendar_scroll.setFrameShape(QFrame.Shape.NoFrame)
        calendar_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        calendar_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop
        calendar_scroll.setWidget(calendar_column)
        bar = calendar_scroll.verticalScrollBar().sizeHint().width()
        calendar_scroll.setMinimumWidth(calendar_column.minimumSizeHint().width() + bar)
        self.left = QStackedWidget()
        self.left.addWidget(list_column)
        self.left.addWidget(calendar_scroll)
        # The Undo bar sits under both the list and the calendar: trashing works from either.
        left_column = QWidget()
        left_column.setMinimumWidth(max(250, calendar_scroll.minimumWidth()))
        lc = QVBoxLayout(left_column)
        lc.setContentsMargins(0, 0, 0, 8)
        lc.setSpacing(6)
        lc.addWidget(self.left, 1)
        under = QHBoxLayout()
        under.setContentsMargins(12, 0, 6, 0)
        under.addWidget(self.undo_bar)
        lc.addLayout(under)

        self.editor = EntryEditor(vault, clock, ops)
        self.editor.written.connect(self._entry_written)
        self.editor.entry_changed.connect(self._select_row_of)
        self.editor.trashed.connect(self._removed)
        self.editor.support_requested.connect(self.open_support)
        self.editor.other_version_requested.connect(self.open_entry)
        self.support_dialog: QDialog | None = None
        # A narrow window puts the list above the entry, each at a usable width.
        self.splitter = FoldingSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left_column)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 520])

        self.body = QStackedWidget()
        self.body.addWidget(self.splitter)
        self.body.addWidget(self._empty_state())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._toolbar())
        layout.addWidget(self.body, 1)

    # -- building ----------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: str | None = None, name: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString()})")
        self.addAction(action)  # shortcuts work while the page is shown
        return action

    def _toolbar(self) -> QWidget:
        self.new_action = self._action(self.tr("New entry"), self.new_entry, "Ctrl+N")
        self.prompt_action = self._action(self.tr("Write from a prompt…"), self.choose_prompt)
        self.letter_action = self._action(self.tr("Unsent letter"), self.new_letter)
        self.worksheet_action = self._action(self.tr("Should I even try?"), self.new_worksheet)
        self.trash_action = self._action(self.tr("Trash…"), self.open_trash)
        self.export_action = self._action(self.tr("Export…"), self.open_export)
        self.export_all_action = self._action(self.tr("Export everything…"), self.open_export_all)
        self.import_action = self._action(self.tr("Import entries…"), self.open_import)
        self.find_action = self._action(self.tr("Search"), self.focus_search, "Ctrl+F")
        # The editor's own keys (Ctrl+S) act where the text is; the menu only shows them.
        save_keys = QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        self.save_action = self._action(
            self.tr("Save the entry") + "\t" + save_keys, lambda: self.editor.save_now()
        )
        self.calendar_action = QAction(self.tr("Calendar"), self)
        self.calendar_action.setCheckable(True)
        self.calendar_action.setToolTip(self.tr("Show the calendar and On this day"))
        self.calendar_action.toggled.connect(self.show_calendar)
        # A QToolBar rather than a row of buttons: on a narrow window the last actions fold
        # into its overflow menu instead of forcing the window wider.
        bar = QToolBar(self.tr("Journal actions"))
        bar.setObjectName("journal-toolbar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setContentsMargins(8, 6, 8, 2)
        self.toolbar_buttons: dict[str, QToolButton] = {}
        for name, action in (
            ("new", self.new_action),
            ("prompt", self.prompt_action),
            ("letter", self.letter_action),
            ("worksheet", self.worksheet_action),
            (None, None),
            ("calendar", self.calendar_action),
            ("trash", self.trash_action),
        ):
            if name is None:
                spacer = QWidget()
                spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                bar.addWidget(spacer)
                continue
            bar.addAction(action)
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setAccessibleName(action.text().rstrip("…"))
                self.toolbar_buttons[name] = button
        more = bar.findChild(QToolButton, "qt_toolbar_ext_button")  # Qt's own overflow button
        if more is not None:
            more.setAccessibleName(self.tr("More journal actions"))
            more.setToolTip(self.tr("The actions that do not fit beside the others"))
        return bar

    def _undo_bar(self) -> tuple[QWidget, QPushButton]:
        bar = QFrame()
        bar.setObjectName("undo-bar")
        bar.setAccessibleName(self.tr("Moved to the trash"))
        row = QHBoxLayout(bar)
        row.setContentsMargins(10, 4, 4, 4)
        label = QLabel(self.tr("Moved to the trash."))
        button = QPushButton(self.tr("Undo"))
        button.setAccessibleName(self.tr("Undo moving to the trash"))
        button.clicked.connect(self.undo_trash)
        row.addWidget(label, 1)
        row.addWidget(button)
        bar.hide()
        return bar, button

    def _empty_state(self) -> QWidget:
        box = QWidget()
        icon = QLabel()
        icon.setPixmap(theme.svg_pixmap(BOOK, theme.accent(self), 56, self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_icon = icon
        heading = QLabel(self.tr("A private place to write"))
        heading.setFont(theme.heading_font(self.font(), 1.5))
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        words = theme.MutedLabel(
            self.tr(
                "Whatever you are carrying today can go here: what happened, what you feel, "
                "what you would say if you could. Only you can read it."
            )
        )
        words.setWordWrap(True)
        words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        words.setMaximumWidth(470)
        words.setFont(theme.scaled_font(self.font(), 1.08))
        self.first_entry_button = QPushButton(self.tr("Write your first entry"))
        self.first_entry_button.setDefault(True)
        self.first_entry_button.clicked.connect(self.new_entry)
        self.first_prompt_button = QPushButton(self.tr("Start from a prompt"))
        self.first_prompt_button.clicked.connect(self.choose_prompt)
        self.first_import_button = QPushButton(self.tr("Bring in entries from elsewhere…"))
        self.first_import_button.setToolTip(self.tr("Import from Reconcile, jrnl or Day One"))
        self.first_import_button.clicked.connect(self.open_import)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.first_entry_button)
        buttons.addWidget(self.first_prompt_button)
        buttons.addWidget(self.first_import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addStretch(3)
        layout.addWidget(icon)
        layout.addSpacing(10)
        layout.addWidget(heading)
        layout.addSpacing(4)
        # Stretches rather than an alignment flag: wrapped text then gets its full height.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(words, 100)
        middle.addStretch(1)
        layout.addLayout(middle)
        layout.addSpacing(14)
        layout.addLayout(buttons)
        layout.addStretch(4)
        return box

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_empty_icon"):
            ratio = self.devicePixelRatioF()
            self._empty_icon.setPixmap(theme.svg_pixmap(BOOK, theme.accent(self), 56, ratio))

    # -- Page --------------------------------------------------------------------------------

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        """EVERYTHING (an unlock, the first showing) reads it all. Entry and trash changes
        read only what they touched: nothing for the editor's own save (its row is updated
        from the entry it hands on), else the loaded rows; the calendar's marks and day list
        when it is shown. No-contact changes only concern whether a letter counts as an urge."""
        first = not self._loaded
        everything = first or changes == EVERYTHING
        super().refresh(changes)
        if everything:
            self.notice.say("")
            self._tags_stale = True
            if self.search.filters_box.isVisibleTo(self):
                self._load_tags()
            self.model.set_search(self.search.query(), self.search.filters())
            if first:
                self._open_latest()
            self._show_empty_state()
            if self.calendar.isVisibleTo(self):
                self.calendar.refresh()
            self.editor.refresh_urge()
            return
        if changes.touches(NOCONTACT):
            self.editor.refresh_urge()
        if changes.touches(ATTACHMENTS):
            self.editor.files_changed()
        if not changes.touches(ENTRIES, TRASH):
            return
        if self.editor.saving:  # the editor's own save hands its entry on instead
            return
        self._tags_stale = True
        self._reread_rows()
        self.editor.reread()  # a sync may have merged another computer's words into it
        self._show_empty_state()
        if self.calendar.isVisibleTo(self):
            if changes.touches(TRASH):
                self.calendar.refresh()
            else:
                self.calendar.refresh_days()

    def _reread_rows(self) -> None:
        """Read the list again where it stands; when the editor's entry has left it (moved to
        the trash), the next one takes its place."""
        gone = self.editor.current_id()
        anchor = self.model.row_of(gone) if gone is not None else None
        self.model.reload()
        if gone is not None and self.model.row_of(gone) is not None:
            self._select_row_of(gone)  # the view forgets its current row on a reset
            return
        if anchor is None or not self.model.rowCount():
            return
        self.list.setCurrentIndex(self.model.index(min(anchor, self.model.rowCount() - 1)))

    def _open_latest(self) -> None:
        """Opening the journal shows today's newest entry, else the newest of all, rather than
        a blank page; New entry (Ctrl+N) starts one."""
        if self.editor.current_id() is not None or self.editor.has_unsaved():
            return
        if self.model.searching:
            return
        rows = [self.model.entry_at(r) for r in range(self.model.rowCount())]
        rows = [e for e in rows if e is not None]
        today = self.clock.today()
        chosen = next((e for e in rows if e.local_date == today), rows[0] if rows else None)
        if chosen is not None:
            self.editor.load(chosen.id)
            self._select_row_of(chosen.id)

    def _show_empty_state(self) -> None:
        unfiltered = not self.model.searching and self.model.filters == journal.Filters()
        nothing = unfiltered and self.model.rowCount() == 0 and self.editor.current_id() is None
        self.body.setCurrentIndex(1 if nothing else 0)

    def clear_sensitive(self) -> None:
        self.editor.clear_sensitive()
        for dialog in (
            self.trash_dialog,
            self.prompt_picker,
            self.exchange_dialog,
            self.support_dialog,
        ):
            if dialog is not None:
                dialog.reject()
        self.model.clear()
        self.search.clear()
        self.calendar.clear()
        self.notice.say("")
        self.undo_bar.hide()
        self._undo_id = None
        self._tags_stale = True
        super().clear_sensitive()

    @property
    def is_empty(self) -> bool:
        """True while the empty-journal welcome is shown."""
        return self.body.currentIndex() == 1

    def open_entry(self, entry_id: int) -> bool:
        """Show one entry in the editor (from the calendar or another page)."""
        self.open_page.emit(self.key)
        self.body.setCurrentIndex(0)
        self.editor.load(entry_id)
        self._select_row_of(entry_id)
        return True

    def start_prompt(self, prompt_id: str) -> bool:
        """Begin a new entry answering a prompt (asked for by another page)."""
        from reconcile_desktop.core.journal.prompts import get_prompt
        from reconcile_desktop.ui.pages.journal.prompt_picker import entry_kwargs

        prompt = get_prompt(prompt_id)
        if prompt is None:
            return False
        self.open_page.emit(self.key)  # shown first, so the cursor can go into the text
        self.start_entry(**entry_kwargs(prompt))
        return True

    def save_view(self, settings: QSettings) -> None:
        preferences.JOURNAL_SPLIT.write(settings, self.splitter.saveState())

    def restore_view(self, settings: QSettings) -> None:
        state = preferences.JOURNAL_SPLIT.read(settings)
        if isinstance(state, QByteArray | bytes):
            self.splitter.restoreState(state)

    def save_pending(self) -> bool:
        self.editor.save_now()
        return not self.editor.has_unsaved()

    def menu_title(self) -> str:
        return self.tr("&Journal")

    def menu_actions(self) -> list[QAction]:
        return [
            self.new_action,
            self.prompt_action,
            self.letter_action,
            self.worksheet_action,
            self._separator(),
            self.find_action,
            self.save_action,
            self._separator(),
            self.calendar_action,  # its toolbar button takes no Tab stop: the menu is the way
            self.trash_action,
            self._separator(),
            self.export_action,
            self.export_all_action,
            self.import_action,
        ]

    def _separator(self) -> QAction:
        action = QAction(self)
        action.setSeparator(True)
        return action

    # -- list and search ---------------------------------------------------------------------

    def _search_changed(self) -> None:
        self.model.set_search(self.search.query(), self.search.filters())

    def _after_reset(self) -> None:
        filtered = self.model.searching or self.model.filters != journal.Filters()
        if self.model.searching:
            self.list.placeholder = self.tr(
                "Nothing found. Fewer or shorter words may help, or another look at the filters."
            )
        elif filtered:
            self.list.placeholder = self.tr("No entries match these filters.")
        else:
            self.list.placeholder = self.tr("No entries yet.")
        self.list.viewport().update()
        self._select_row_of(self.editor.current_id())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry_id = self._id_at(current)
        if entry_id is not None and entry_id != self.editor.current_id():
            self.editor.load(entry_id)

    def _id_at(self, index: QModelIndex) -> int | None:
        entry = self.model.entry_at(index.row()) if index.isValid() else None
        return entry.id if entry is not None else None

    def _select_row_of(self, entry_id: int | None) -> None:
        """Highlight the editor's entry in the list, without loading it again."""
        row = self.model.row_of(entry_id) if entry_id is not None else None
        if row is None:
            # No current row either, so that clicking any row (even the last one) loads it.
            self.list.selectionModel().clear()
            return
        index = self.model.index(row)
        if self.list.currentIndex() != index:
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)  # only when it moved: a save leaves the list where it is

    def _entry_written(self, data: EntryData) -> None:
        """The editor saved: update that one row in place (or add a new entry where it sorts)
        from the entry core returned, without reading anything back."""
        row = journal.EntryRow(
            id=data.id,
            occurred_utc=data.occurred_utc,
            local_date=data.local_date,
            title=data.title,
            snippet=journal.first_line(data.body[:400], title=data.title),
            mood=data.mood,
            tags=data.tags,
            kind=data.kind,
            principle=data.principle,
        )
        self.model.upsert(row, insert=_matches(self.model.filters, data))
        self._select_row_of(data.id)
        self._show_empty_state()
        if self.calendar.isVisibleTo(self):
            self.calendar.entry_saved(row)
        if set(data.tags) - set(self.search.tag_names()):
            self._tags_stale = True  # a new tag: offer it in the filter
            if self.search.filters_box.isVisibleTo(self):
                self._load_tags()

    def _load_tags(self) -> None:
        """Fill the tag filter. Counting tags walks every entry, so it waits until the filters
        are opened instead of slowing down opening the page."""
        if not self._tags_stale:
            return
        try:
            self.search.set_tags(journal.all_tags(self.vault))
        except ReconcileError as exc:
            self._say_problem(exc.sentence)
            return
        self._tags_stale = False

    def focus_search(self) -> None:
        if self.calendar_action.isChecked():
            self.calendar_action.setChecked(False)
        self.body.setCurrentIndex(0)
        self.search.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.field.selectAll()

    def _focus_editor(self) -> None:
        self._current_changed(self.list.currentIndex(), QModelIndex())
        target = getattr(self.editor, "body", self.editor)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _context_menu(self, pos: QPoint) -> None:
        if not self.list.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), self._focus_editor)
        menu.addAction(self.tr("Move to trash"), self.trash_selected)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def show_calendar(self, shown: bool) -> None:
        self.body.setCurrentIndex(0)
        self.left.setCurrentIndex(1 if shown else 0)
        if shown and self._loaded:
            self.calendar.refresh()

    def _say_problem(self, sentence: str) -> None:
        self.notice.say(sentence, problem=True)

    # -- writing -----------------------------------------------------------------------------

    def start_entry(self, **kwargs) -> None:
        self.body.setCurrentIndex(0)
        self.list.selectionModel().clear()
        self.editor.new_entry(**kwargs)

    def new_entry(self) -> None:
        self.start_entry()

    def new_letter(self) -> None:
        self.start_entry(kind="letter")

    def new_worksheet(self) -> None:
        from reconcile_desktop.core.journal import prompts

        prompt = prompts.get_prompt(WORKSHEET_PROMPT)
        try:
            from reconcile_desktop.ui.pages.journal.prompt_picker import entry_kwargs
        except ImportError:
            entry_kwargs = None
        if prompt is not None and entry_kwargs is not None:
            self.start_entry(**entry_kwargs(prompt))
        else:
            self.start_entry(kind="worksheet", title=prompts.load_worksheet().title)

    def choose_prompt(self) -> QDialog | None:
        try:
            from reconcile_desktop.ui.pages.journal.prompt_picker import PromptPicker, entry_kwargs
        except ImportError:
            return None
        from reconcile_desktop.core.journal.hurt_answers import hurt_noted

        picker = PromptPicker(self.clock.today(), self, gentle=hurt_noted(self.vault))
        picker.chosen.connect(lambda prompt: self.start_entry(**entry_kwargs(prompt)))
        picker.finished.connect(lambda _r: setattr(self, "prompt_picker", None))
        picker.finished.connect(picker.deleteLater)
        self.prompt_picker = picker
        picker.open()
        return picker

    # -- trash -------------------------------------------------------------------------------

    def trash_selected(self) -> None:
        entry_id = self._id_at(self.list.currentIndex())
        if entry_id is None:
            return
        if entry_id == self.editor.current_id():
            self.editor.save_now()
            if self.editor.has_unsaved():
                return  # the save failed and says why; the words stay where they are
        self.ops.mutate(
            journal.trash_entry,
            self.vault,
            entry_id,
            on_done=lambda _r: self._removed(entry_id),
            on_error=lambda exc: self._say_problem(exc.sentence),
        )

    def _removed(self, entry_id: int) -> None:
        """An entry went to the trash (the refresh already took its row away): offer Undo."""
        if not self._loaded:
            return  # locked meanwhile: nothing to offer until the next unlock
        self.model.remove_entry(entry_id)
        if self.editor.current_id() == entry_id:
            self.editor.new_entry()
        self._undo_id = entry_id
        self.undo_bar.show()
        self._undo_timer.start()

    def undo_trash(self) -> None:
        entry_id, self._undo_id = self._undo_id, None
        self.undo_bar.hide()
        if entry_id is None:
            return
        self.ops.mutate(
            journal.restore_entry,
            self.vault,
            entry_id,
            on_done=lambda _r: self._loaded and self.open_entry(entry_id),
            on_error=lambda exc: self._say_problem(exc.sentence),
        )

    def selected_ids(self) -> list[int]:
        """The chosen rows' entries, in list order; the open entry when no row is chosen."""
        rows = sorted(i.row() for i in self.list.selectionModel().selectedIndexes())
        ids = [e.id for e in (self.model.entry_at(r) for r in rows) if e is not None]
        if not ids and self.editor.current_id() is not None:
            ids = [self.editor.current_id()]
        return ids

    def open_export(self) -> QDialog:
        from reconcile_desktop.ui.pages.journal.exchange_dialogs import ExportDialog

        self.editor.save_now()  # the export holds what is on screen
        dialog = ExportDialog(self.vault, self.ops, selected_ids=self.selected_ids(), parent=self)
        return self._show_exchange(dialog)

    def open_export_all(self) -> QDialog:
        from reconcile_desktop.ui.pages.journal.archive_dialogs import ArchiveExportDialog

        self.editor.save_now()  # the archive holds what is on screen
        return self._show_exchange(ArchiveExportDialog(self.vault, self.ops, parent=self))

    def open_import(self) -> QDialog:
        from reconcile_desktop.ui.pages.journal.archive_dialogs import ImportAnyDialog

        self.editor.save_now()  # nothing waits behind the import on the one write lane
        dialog = ImportAnyDialog(self.vault, self.ops, parent=self)
        dialog.imported.connect(self._imported)
        dialog.archive_imported.connect(
            lambda _n: self.notice.say(self.tr("What was new in the archive was brought in."))
        )
        return self._show_exchange(dialog)

    def _show_exchange(self, dialog: QDialog) -> QDialog:
        if self.exchange_dialog is not None:
            self.exchange_dialog.reject()
        dialog.finished.connect(lambda _r: setattr(self, "exchange_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        self.exchange_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, added: int) -> None:
        # The broadcast has read the list again; new tags reach the filter too.
        if self.search.filters_box.isVisibleTo(self):
            self._load_tags()
        if added == 1:
            sentence = self.tr("One entry was brought in.")
        elif added:
            sentence = self.tr("{n} entries were brought in.").format(n=added)
        else:
            sentence = self.tr("Everything in that file was already here.")
        self.notice.say(sentence)

    def open_trash(self) -> TrashDialog:
        self.editor.save_now()  # nothing waits behind emptying on the one write lane
        if self.trash_dialog is None:
            dialog = TrashDialog(self.vault, self.ops, self)
            dialog.finished.connect(lambda _r: setattr(self, "trash_dialog", None))
            dialog.finished.connect(dialog.deleteLater)
            self.trash_dialog = dialog
        self.trash_dialog.open()
        return self.trash_dialog

    def open_support(self) -> QDialog:
        """The worksheet's harm note asked for the support lines."""
        from reconcile_desktop.ui.widgets.support_dialog import open_support

        self.support_dialog = dialog = open_support(self, self.vault, self.ops)
        dialog.finished.connect(lambda _r: setattr(self, "support_dialog", None))
        return dialog


def _matches(filters: journal.Filters, entry: EntryData) -> bool:
    """Whether the list under these filters shows the entry (as journal.filter_clauses)."""
    if entry.deleted and not filters.include_deleted:
        return False
    if filters.tag:
        wanted = journal.tag_key(" ".join(filters.tag.split()))
        if wanted not in {journal.tag_key(t) for t in entry.tags}:
            return False
    for name in ("mood", "principle", "kind"):
        if getattr(filters, name) is not None and getattr(entry, name) != getattr(filters, name):
            return False
    if filters.date_from is not None and entry.local_date < filters.date_from:
        return False
    return filters.date_to is None or entry.local_date <= filters.date_to
