"""The main window: navigation between the pages, menus, status bar. No SQL here."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QIcon,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.changes import EVERYTHING, NOCONTACT, NOTHING, THEME, Changes
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.shell import reminders, window_menus
from reconcile_desktop.ui.shell.dialogs.settings import (
    SettingsDialog,
    ask_backup_folder,
    backup_done_sentence,
    start_backup,
)
from reconcile_desktop.ui.shell.sync_timer import SyncNote, SyncTimer
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.workers import busy_bar

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.pages.base import Page
    from reconcile_desktop.ui.workers import Runner

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1024, 700)
# Every page fits a window this small (tests/ui/test_pages_render.py checks it at this size).
MINIMUM_SIZE = QSize(640, 420)
SIDEBAR_WIDTH = 208
FOLDED_SIDEBAR_WIDTH = 64
FOLD_SIDEBAR_BELOW = 960  # window widths below this show the sidebar as icons only


def autolock_sentence(minutes: int) -> str:
    if minutes == 1:
        return QCoreApplication.translate("MainWindow", "Locks itself after 1 minute without use")
    return QCoreApplication.translate(
        "MainWindow", "Locks itself after {n} minutes without use"
    ).format(n=minutes)


class MainWindow(QMainWindow):
    lock_requested = Signal()
    restore_requested = Signal()  # "Restore from a backup…" (File menu or Settings)
    closed = Signal()
    autolock_changed = Signal(int)  # minutes, from the settings dialog

    def __init__(
        self,
        vault: Vault,
        settings: QSettings,
        pages: Sequence[Page],
        runner: Runner,
        ops: Ops,
        *,
        backup_dir: Path,
        autolock_minutes: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.settings = settings
        self.runner = runner
        self.ops = ops
        self.backup_dir = Path(backup_dir)
        self._pages = list(pages)
        self._settings_dialog: SettingsDialog | None = None
        self._restored = False
        self.setWindowTitle(self.tr("Reconcile"))  # never anything the user wrote
        self.setWindowIcon(theme.app_icon())
        self.setMinimumSize(MINIMUM_SIZE)

        self.stack = QStackedWidget()
        self.stack.setAccessibleName(self.tr("Page"))
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.page_actions: list[QAction] = []  # Ctrl+1..4, listed in the View menu
        for index, page in enumerate(self._pages):
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title)
            item.setSizeHint(QSize(0, 40))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page.title)  # also when folded
            item.setToolTip(self.tr("{page} (Ctrl+{n})").format(page=page.title, n=index + 1))
            self.nav.addItem(item)
            action = QAction(page.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.show_page(i))
            self.addAction(action)
            self.page_actions.append(action)

        self.setCentralWidget(self._central())
        self._wire_pages()
        self._build_menus()
        self._build_status_bar(autolock_minutes)
        self._paint()
        self._pending: dict[int, Changes] = {}  # what each page has not read yet
        self._day: dt.date | None = None  # the day the pages last read everything
        self.demo = False  # set by the app for `reconcile --demo`
        self.show_page(0)
        # Connected after the first page is set, so that does not overwrite the saved page.
        self.nav.currentRowChanged.connect(self._row_changed)
        self.stack.currentChanged.connect(self._page_shown)
        ops.changed.connect(self.broadcast)

    # -- layout ------------------------------------------------------------------------------

    def _central(self) -> QWidget:
        side = QWidget()
        side.setObjectName("sidebar")
        side.setFixedWidth(SIDEBAR_WIDTH)
        side.setAutoFillBackground(True)
        self._side = side
        self.sidebar_folded = False  # icons only, in a narrow window (fold_sidebar)
        brand_icon = QLabel()
        brand_icon.setPixmap(theme.app_icon_pixmap(28, self.devicePixelRatioF()))
        brand_icon.setAccessibleName(self.tr("Reconcile"))
        brand = QLabel(self.tr("Reconcile"))
        brand.setFont(theme.heading_font(self.font(), 1.2))
        self._brand = brand
        brand_row = QHBoxLayout()
        brand_row.setSpacing(10)
        brand_row.addWidget(brand_icon)
        brand_row.addWidget(brand, 1)

        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setAccessibleName(self.tr("Lock Reconcile"))
        self.lock_button.setToolTip(self.tr("Lock now (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock_requested)

        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(14, 18, 14, 14)
        self._side_layout = side_layout
        side_layout.setSpacing(14)
        side_layout.addLayout(brand_row)
        side_layout.addWidget(self.nav, 1)
        side_layout.addWidget(self.lock_button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        line.setObjectName("divider")
        self._line = line

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side)
        row.addWidget(line)
        row.addWidget(self.stack, 1)
        return central

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.backup_action = file_menu.addAction(self.tr("&Back up now…"))
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = file_menu.addAction(self.tr("&Restore from a backup…"))
        self.restore_action.triggered.connect(self.restore_requested)
        self.export_all_action = file_menu.addAction(self.tr("&Export everything…"))
        self.export_all_action.triggered.connect(self.export_everything)
        file_menu.addSeparator()
        self.lock_action = file_menu.addAction(self.tr("&Lock"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("&Quit"))
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.edit_actions = window_menus.add_edit_entries(self, edit_menu)
        edit_menu.addSeparator()
        self.settings_action = edit_menu.addAction(self.tr("&Settings…"))
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)

        self.view_menu = window_menus.add_view_menu(self, bar)
        self.page_menus = window_menus.add_page_menus(self, bar)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.about_action = help_menu.addAction(self.tr("&About Reconcile"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.about)
        self.guide_action, self.shortcuts_action = window_menus.add_help_entries(
            self, help_menu, self.about_action
        )

    def _build_status_bar(self, autolock_minutes: int) -> None:
        status = self.statusBar()
        status.setSizeGripEnabled(False)
        self.busy_bar = busy_bar(self.tr("Working"))
        self.busy_bar.setFixedSize(96, 8)
        self.autolock_label = theme.MutedLabel(autolock_sentence(autolock_minutes))
        self.autolock_label.setAccessibleName(self.tr("Auto-lock"))
        self.autolock_label.setContentsMargins(0, 0, 10, 0)
        status.addPermanentWidget(self.busy_bar)
        # Sync: started by the app after unlock, stopped with clear_sensitive (lock, quit).
        self.sync = SyncTimer(self.vault, self.ops, self)
        self.sync_note = SyncNote(self.sync)
        self.sync_note.passphrase_requested.connect(lambda: self.open_settings().show_tab("sync"))
        status.addPermanentWidget(self.sync_note)
        self.sync_note.show_status()  # hidden while nothing is known (the status bar shows it)
        status.addPermanentWidget(self.autolock_label)

    def _paint(self) -> None:
        # The sidebar sits a shade apart from the page; the chosen section is a soft tint.
        c = theme.colors(theme.is_dark(self))
        text = self.palette().color(QPalette.ColorRole.WindowText)
        window = self.palette().color(QPalette.ColorRole.Window)
        pal = self._side.palette()
        side_colour = window.lighter(118) if theme.is_dark(self) else window.darker(103)
        pal.setColor(QPalette.ColorRole.Window, side_colour)
        pal.setColor(QPalette.ColorRole.Base, side_colour)
        pal.setColor(QPalette.ColorRole.Highlight, QColor(c["selected"]))
        pal.setColor(QPalette.ColorRole.HighlightedText, text)
        self._side.setPalette(pal)
        self.nav.setPalette(pal)
        self._line.setStyleSheet(f"color: {c['divider']};")
        hover = side_colour.lighter(108) if theme.is_dark(self) else side_colour.darker(104)
        self._nav_colours = (text.name(), c["selected"], hover.name())
        self.nav.setStyleSheet(self._nav_style())
        ratio = self.devicePixelRatioF()
        for index, page in enumerate(self._pages):
            pixmap = theme.svg_pixmap(page.icon_svg, text, 20, ratio)
            icon = QIcon(pixmap)
            icon.addPixmap(pixmap, QIcon.Mode.Selected)  # no tinted box behind the icon
            item = self.nav.item(index)
            if item is not None:
                item.setIcon(icon)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if hasattr(self, "_nav_colours"):
            self.fold_sidebar(event.size().width() < FOLD_SIDEBAR_BELOW)
        super().resizeEvent(event)

    def fold_sidebar(self, fold: bool) -> None:
        """A narrow window keeps the pages' room: the sidebar shows only the icons, each
        with its tooltip and accessible name, and the Lock button keeps its word."""
        if fold == self.sidebar_folded:
            return
        self.sidebar_folded = fold
        self._side.setFixedWidth(FOLDED_SIDEBAR_WIDTH if fold else SIDEBAR_WIDTH)
        margin = 6 if fold else 14
        self._side_layout.setContentsMargins(margin, 18, margin, 14)
        self._brand.setVisible(not fold)
        for index, page in enumerate(self._pages):
            self.nav.item(index).setText("" if fold else page.title)
        self.nav.setStyleSheet(self._nav_style())

    def _nav_style(self) -> str:
        text, selected, hover = self._nav_colours
        padding = "0 0 0 16px" if self.sidebar_folded else "0 8px"  # folded: the icon centred
        return (
            "QListWidget#navigation { background: transparent; border: none; outline: 0;"
            " show-decoration-selected: 1; }"
            f"QListWidget#navigation::item {{ padding: {padding}; border-radius: 6px;"
            f" color: {text}; }}"
            "QListWidget#navigation::item:selected {"
            f" background: {selected}; color: {text}; }}"
            f"QListWidget#navigation::item:hover:!selected {{ background: {hover}; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_side"):
            self._paint()
            # Light or dark, from the menu, Settings or the system: every page hears it.
            self.ops.announce(Changes.of(THEME))
        super().changeEvent(event)

    # -- pages -------------------------------------------------------------------------------

    @property
    def pages(self) -> list[Page]:
        return list(self._pages)

    def current_page(self) -> Page:
        return self._pages[self.stack.currentIndex()]

    def show_page(self, index: int) -> None:
        if 0 <= index < len(self._pages):
            self.nav.setCurrentRow(index)
            self.stack.setCurrentIndex(index)

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._pages):
            self.stack.setCurrentIndex(row)
            preferences.LAST_PAGE.write(self.settings, self._pages[row].key)

    def page(self, key: str) -> Page | None:
        return next((p for p in self._pages if p.key == key), None)

    def export_everything(self) -> None:
        """File > Export everything…: the Journal page holds the export dialogs."""
        page = self.page("journal")
        if page is not None:
            self.show_page_key("journal")
            page.export_all_action.trigger()

    def show_page_key(self, key: str) -> None:
        for index, page in enumerate(self._pages):
            if page.key == key:
                self.show_page(index)

    def _wire_pages(self) -> None:
        """Pages never reach into each other: they ask the window, which asks every page."""
        for page in self._pages:
            page.open_page.connect(self.show_page_key)
            page.write_prompt.connect(self.write_prompt)
            page.entry_requested.connect(self.open_entry)
        from reconcile_desktop.ui.shell.tray import TrayIcon

        self.tray = TrayIcon(self.settings, theme.app_icon(), self)
        self.tray.activated.connect(self._tray_clicked)
        self.reminder = reminders.install(self)

    def _tray_clicked(self) -> None:
        if self.isVisible():  # while locked the unlock dialog is the window to show
            self.showNormal()
            self.raise_()
            self.activateWindow()

    def open_entry(self, entry_id: int) -> None:
        any(page.open_entry(entry_id) for page in self._pages)

    def write_prompt(self, prompt_id: str) -> None:
        """Start a new journal entry answering a prompt (from Today, No contact, a review)."""
        any(page.start_prompt(prompt_id) for page in self._pages)

    # -- the flow of change ------------------------------------------------------------------

    def broadcast(self, changes: Changes) -> None:
        """Every page that shows what changed reads it again: the one on screen now, the
        others when they are next shown. The tray reads the same no-contact summary."""
        if not self.vault.is_unlocked:
            return
        for index, page in enumerate(self._pages):
            if changes.touches(*page.areas):
                self._pending[index] = self._pending.get(index, NOTHING) | changes
        self._refresh_if_due(self.stack.currentIndex())
        if changes.touches(NOCONTACT):
            self._update_tray()

    def refresh_pages(self) -> None:
        """After an unlock (or a new day): everything is read again, lazily."""
        self._day = self.vault.clock.today() if self.vault.is_unlocked else None
        self.broadcast(EVERYTHING)

    def _page_shown(self, index: int) -> None:
        if self._day is not None and self.vault.clock.today() != self._day:
            self.refresh_pages()  # midnight passed: every page shows the new day
        self._refresh_if_due(index)

    def _refresh_if_due(self, index: int) -> None:
        if not self.isVisible() or not self.vault.is_unlocked or index not in self._pending:
            return
        changes = self._pending.pop(index)
        try:
            self._pages[index].refresh(changes)
        except ReconcileError as exc:
            self.statusBar().showMessage(exc.sentence)

    def _update_tray(self) -> None:
        from reconcile_desktop.core.nocontact import store as nocontact

        try:
            summary = nocontact.summary(self.vault)
        except ReconcileError as exc:
            self.statusBar().showMessage(exc.sentence)
            return
        self.tray.update(summary.direct_days if summary is not None else None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_if_due(self.stack.currentIndex())

    def save_pending(self) -> bool:
        """Every page writes what the user typed; False (with a word in the status bar) when
        typed words could not reach the vault, so a caller about to close the journal can
        stop."""
        if all([page.save_pending() for page in self._pages]):  # a list: every page is asked
            return True
        self.statusBar().showMessage(
            self.tr(
                "Your latest words are not saved yet, so the journal stays open. "
                "Make some room on the disk or try again in a moment."
            )
        )
        return False

    def clear_sensitive(self) -> None:
        """Every page drops what it decrypted; one page failing must not stop the others."""
        for page in self._pages:
            try:
                page.clear_sensitive()
            except Exception as exc:
                log.error("A page could not clear its views: %s", type(exc).__name__)
        # After the pages: a save made while they cleared must not leave work for later.
        self._pending.clear()
        self._day = None
        self.sync.stop()
        self.tray.update(None)
        self.statusBar().clearMessage()

    def close_dialogs(self) -> None:
        """Dialogs opened from the window close with it when Reconcile locks."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()

    # -- window state (geometry and last page only, never content) ----------------------------

    def save_state(self) -> None:
        preferences.WINDOW_GEOMETRY.write(self.settings, self.saveGeometry())
        preferences.LAST_PAGE.write(self.settings, self.current_page().key)
        for page in self._pages:
            page.save_view(self.settings)
        self.settings.sync()

    def restore_state(self) -> None:
        geometry = preferences.WINDOW_GEOMETRY.read(self.settings)
        if not (isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(geometry)):
            size = DEFAULT_SIZE
            screen = self.screen()
            if screen is not None:  # a small laptop screen: leave some room around it
                size = size.boundedTo(screen.availableGeometry().size() * 0.9)
            self.resize(size.expandedTo(self.minimumSize()))
        for page in self._pages:
            page.restore_view(self.settings)
        key = preferences.LAST_PAGE.read(self.settings)
        for index, page in enumerate(self._pages):
            if page.key == key:
                self.show_page(index)
                break

    def show_restored(self) -> None:
        if not self._restored:
            self.restore_state()
            self._restored = True
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.close_dialogs()
        event.accept()
        self.closed.emit()

    # -- actions -----------------------------------------------------------------------------

    def set_autolock_minutes(self, minutes: int) -> None:
        self.autolock_label.setText(autolock_sentence(minutes))

    def open_settings(self) -> SettingsDialog:
        if self._settings_dialog is None:
            dialog = SettingsDialog(
                self.vault, self.settings, self.ops, self.backup_dir, parent=self, sync=self.sync
            )
            dialog.autolock_changed.connect(self._autolock_edited)
            dialog.tray_changed.connect(self.tray.enable)
            dialog.restore_requested.connect(self.restore_requested)
            dialog.sections.reminder.changed.connect(self.reminder.reload)
            dialog.backup_made.connect(
                lambda path: self.statusBar().showMessage(backup_done_sentence(path))
            )
            if self.demo:
                dialog.hide_tab("passphrase")
                dialog.hide_tab("sync")
            self._settings_dialog = dialog
        self._settings_dialog.open()
        return self._settings_dialog

    def _autolock_edited(self, minutes: int) -> None:
        self.set_autolock_minutes(minutes)
        self.autolock_changed.emit(minutes)

    def back_up_now(self) -> None:
        ask_backup_folder(self, self.backup_dir, self.back_up_to)

    def back_up_to(self, folder: Path) -> None:
        self.busy_bar.show()
        self.backup_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Making a backup…"))
        start_backup(self.runner, self.vault, folder, self._backup_done, self._backup_failed)

    def _backup_done(self, path: Path) -> None:
        self.busy_bar.hide()
        self.backup_action.setEnabled(True)
        self.statusBar().showMessage(backup_done_sentence(path))

    def _backup_failed(self, error: ReconcileError) -> None:
        self.busy_bar.hide()
        self.backup_action.setEnabled(True)
        self.statusBar().showMessage(error.sentence)
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Reconcile"), error.sentence, parent=self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def about(self) -> QDialog:
        from reconcile_desktop.ui.shell.dialogs.about import AboutDialog

        box = AboutDialog(self.vault.dir, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def show_shortcuts(self) -> QDialog:
        from reconcile_desktop.ui.shell.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
