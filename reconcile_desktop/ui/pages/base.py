"""What every page behind the navigation provides (the Page interface), the navigation
icons, and the list of pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from reconcile_desktop.core.changes import AREAS, EVERYTHING, Changes

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

# Simple line icons, 24x24, drawn for this project. `currentColor` follows the palette.
SUN = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
    'stroke="currentColor" stroke-width="1.6" stroke-linecap="round">'
    '<circle cx="12" cy="12" r="4.2"/>'
    '<path d="M12 2.8v2.4M12 18.8v2.4M2.8 12h2.4M18.8 12h2.4M5.5 5.5l1.7 1.7M16.8 16.8l1.7 1.7'
    'M5.5 18.5l1.7-1.7M16.8 7.2l1.7-1.7"/></svg>'
)
BOOK = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
    'stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round">'
    '<path d="M4 5.5c2.8-1.2 5.5-1 8 .8v13c-2.5-1.8-5.2-2-8-.8z"/>'
    '<path d="M20 5.5c-2.8-1.2-5.5-1-8 .8v13c2.5-1.8 5.2-2 8-.8z"/></svg>'
)
STEPS = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
    'stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round">'
    '<path d="M3.5 19.5h5v-5h5v-5h5v-5"/>'
    '<path d="M15.5 4.5h3v3"/></svg>'
)
SPACE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
    'stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" stroke-linecap="round">'
    '<path d="M12 3.2c2.6 1.8 5.2 2.6 7.6 2.6v5.4c0 4.6-3.1 8-7.6 9.6'
    '-4.5-1.6-7.6-5-7.6-9.6V5.8c2.4 0 5-.8 7.6-2.6z"/>'
    '<path d="M9 12.2l2.1 2.1 4-4.2"/></svg>'
)


class Page(QWidget):
    """What the window needs from a page, and all it asks of one.

    refresh(changes): read again what `changes` touched. The window calls it only when the
    changes touch one of the page's `areas`: at once for the page on screen, and for a hidden
    page when it is next shown, with everything that changed meanwhile. After an unlock the
    changes are EVERYTHING. Calling it with no argument reads everything.
    clear_sensitive(): drop every decrypted view, model, chart, undo stack and cached text
    (on lock, before the vault forgets its key). Both must be safe to call repeatedly.
    save_pending() -> bool: write what the user typed now (before lock, restore, quit);
    False when it could not be saved, so the caller keeps the journal open.
    menu_actions(): what the page adds to its menu and to the shortcuts window.
    open_entry(id) / start_prompt(id) -> bool: whether this page showed the entry or began an
    entry answering the prompt (the journal does; the others decline).
    The signals are how a page asks the window for something another page does.
    """

    key: ClassVar[str] = "page"
    title: ClassVar[str] = ""
    icon_svg: ClassVar[str] = SUN
    areas: ClassVar[tuple[str, ...]] = AREAS

    open_page = Signal(str)  # a page key
    write_prompt = Signal(str)  # a prompt id: start an entry answering it
    entry_requested = Signal(int)  # an entry to show in the journal

    def __init__(self, vault: Vault, clock: Clock, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault = vault
        self.clock = clock
        self.ops = ops
        self.setObjectName(f"page-{self.key}")
        self.setAccessibleName(self.title)
        self._loaded = False

    @property
    def loaded(self) -> bool:
        """True while the page may be showing something read from the vault."""
        return self._loaded

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        self._loaded = True

    def clear_sensitive(self) -> None:
        self._loaded = False

    def save_pending(self) -> bool:
        return True

    def menu_title(self) -> str:
        """The title of the menu that lists menu_actions()."""
        return ""

    def menu_actions(self) -> list[QAction]:
        """Named apart from QWidget.actions(), which is Qt's own list of a widget's actions."""
        return []

    def open_entry(self, entry_id: int) -> bool:
        return False

    def save_view(self, settings: QSettings) -> None:
        """Keep how the page is arranged (never what it shows) for the next session."""

    def restore_view(self, settings: QSettings) -> None:
        """Arrange the page as save_view() left it."""

    def start_prompt(self, prompt_id: str) -> bool:
        return False
