"""The four pages behind the navigation. For now each is a calm empty state; the real pages
replace these classes and keep the same interface (key, title, icon_svg, refresh,
clear_sensitive)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reconcile_desktop.ui import theme

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

    refresh(): reload what it shows from the vault (called after every unlock).
    clear_sensitive(): drop every decrypted view, model and cached text (called on lock,
    before the vault forgets its key). Both must be safe to call repeatedly.
    """

    key: ClassVar[str] = "page"
    title: ClassVar[str] = ""
    icon_svg: ClassVar[str] = SUN

    def __init__(self, vault: Vault, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.clock = clock
        self.setObjectName(f"page-{self.key}")
        self.setAccessibleName(self.title)
        self._loaded = False

    @property
    def loaded(self) -> bool:
        """True while the page may be showing something read from the vault."""
        return self._loaded

    def refresh(self) -> None:
        self._loaded = True

    def clear_sensitive(self) -> None:
        self._loaded = False


class EmptyStatePage(Page):
    """An icon, a heading and one sentence about what will live here."""

    sentence: ClassVar[str] = ""

    def __init__(self, vault: Vault, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(vault, clock, parent)
        self._icon = QLabel()
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._icon.setAccessibleName(f"{self.title} icon")

        heading = QLabel(self.title)
        heading.setObjectName("page-heading")
        heading.setFont(theme.heading_font(self.font(), 1.6))
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading.setAccessibleName(self.title)

        body = theme.MutedLabel(self.sentence)
        body.setObjectName("page-sentence")
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setMaximumWidth(460)
        body.setFont(theme.scaled_font(self.font(), 1.1))
        self._body = body

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(3)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(6)
        # Stretches rather than an alignment flag: wrapped text then gets its full height.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(body, 100)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(4)
        self._paint_icon()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icon()
        super().changeEvent(event)

    def _paint_icon(self) -> None:
        ratio = self.devicePixelRatioF()
        self._icon.setPixmap(theme.svg_pixmap(self.icon_svg, theme.accent(self), 56, ratio))


class TodayPage(EmptyStatePage):
    key = "today"
    title = "Today"
    icon_svg = SUN
    sentence = (
        "Each day will begin here: today's small steps, your days of space, "
        "and a gentle prompt if you feel like writing."
    )


class JournalPage(EmptyStatePage):
    key = "journal"
    title = "Journal"
    icon_svg = BOOK
    sentence = (
        "Your entries will live here, encrypted on this computer and readable only "
        "with your passphrase."
    )


class PlanPage(EmptyStatePage):
    key = "plan"
    title = "Change plan"
    icon_svg = STEPS
    sentence = (
        "The changes you are working on will gather here, with the small, steady steps "
        "that make them real."
    )


class NoContactPage(EmptyStatePage):
    key = "nocontact"
    title = "No contact"
    icon_svg = SPACE
    sentence = (
        "Here you will see your days of space, the urges you rode out, and every fresh "
        "start after a slip."
    )


PAGE_CLASSES: tuple[type[Page], ...] = (TodayPage, JournalPage, PlanPage, NoContactPage)


def build_pages(vault: Vault, clock: Clock) -> list[Page]:
    """The pages in navigation order (Ctrl+1..4)."""
    return [cls(vault, clock) for cls in PAGE_CLASSES]
