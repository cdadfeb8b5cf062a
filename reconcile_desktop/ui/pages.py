"""What every page behind the navigation provides (key, title, icon_svg, refresh,
clear_sensitive), the navigation icons, a calm empty-state page, and the list of pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.vault import Vault

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
    """What the main window needs from a page.

    refresh(): reload what it shows from the vault. After every unlock the window calls it
    for the page on screen at once and for each other page when it is first shown again, so
    unlocking reads only what is seen; an `eager` page (one whose signals feed other parts of
    the window) is refreshed at once even while hidden. A `reload_when_shown` page shows what
    other pages change (a mark on Today, a goal on the plan): it reads again each time it is
    shown after being hidden.
    clear_sensitive(): drop every decrypted view, model and cached text (called on lock,
    before the vault forgets its key, for every page). Both must be safe to call repeatedly.
    """

    key: ClassVar[str] = "page"
    title: ClassVar[str] = ""
    icon_svg: ClassVar[str] = SUN
    eager: ClassVar[bool] = False
    reload_when_shown: ClassVar[bool] = False

    def __init__(self, vault: Vault, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.clock = clock
        self.setObjectName(f"page-{self.key}")
        self.setAccessibleName(self.title)
        self._loaded = False
        self._stale = False  # hidden since the last load

    @property
    def loaded(self) -> bool:
        """True while the page may be showing something read from the vault."""
        return self._loaded

    def refresh(self) -> None:
        self._loaded = True
        self._stale = False

    def clear_sensitive(self) -> None:
        self._loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.reload_when_shown and self._stale and self._loaded and self.vault.is_unlocked:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._stale = True


def page_classes() -> tuple[type[Page], ...]:
    """The real pages in navigation order (Ctrl+1..4). Imported here, late, so nothing heavy
    loads before the unlock dialog is on screen."""
    from reconcile_desktop.ui.journal.page import JournalPage
    from reconcile_desktop.ui.nocontact.page import NoContactPage
    from reconcile_desktop.ui.plans.page import ChangePlanPage
    from reconcile_desktop.ui.today.page import TodayPage

    return (TodayPage, JournalPage, ChangePlanPage, NoContactPage)


def build_pages(vault: Vault, clock: Clock) -> list[Page]:
    return [cls(vault, clock) for cls in page_classes()]
