"""Light and dark: follow the system, patch the palette only where the style does not, and
give charts and icons colours that match."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QRect, QRectF, QSettings, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from reconcile_desktop.ui import preferences

ICON_FILE = "reconcile.svg"

# Calm and low-contrast for large areas, with enough contrast for text (WCAG AA on both).
_LIGHT = {
    "window": "#f6f4f1",
    "base": "#ffffff",
    "alternate": "#efece7",
    "text": "#25282b",
    "muted": "#5d6166",
    "button": "#ebe8e3",
    "highlight": "#2f7d74",
    "highlighted_text": "#ffffff",
    "link": "#23675f",
    "accent": "#2a746b",  # also text (the journal calendar's days): 4.5:1 on the window
    "warn_bg": "#fbf1dc",
    "warn_text": "#5a4413",
    "error": "#a3392e",
    "selected": "#d6e8e4",  # a soft tint of the accent for the chosen section
    "divider": "#dcd7cf",
}
_DARK = {
    "window": "#1f2224",
    "base": "#2a2d30",  # fields a step lighter than the window, so their edges show
    "alternate": "#303336",
    "text": "#e7e5e1",
    "muted": "#a9aca9",
    "button": "#2c3033",
    # Light enough to show as the focus frame on a button (4.7:1), so its text is dark (6:1).
    "highlight": "#4fa89c",
    "highlighted_text": "#0f1a19",
    "link": "#86cfc4",
    "accent": "#7cc8bd",
    "warn_bg": "#3a3020",
    "warn_text": "#f0dcb0",
    "error": "#f0a59b",
    "selected": "#2c4744",
    "divider": "#34383c",
}


def system_prefers_dark() -> bool:
    """The system's colour scheme; when unknown, judge by the palette the style gave us."""
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def is_dark(widget: QWidget | None = None) -> bool:
    """Whether the palette in use (the widget's, else the application's) is a dark one."""
    palette = widget.palette() if widget is not None else QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colors(dark: bool) -> dict[str, str]:
    return dict(_DARK if dark else _LIGHT)


def build_palette(dark: bool) -> QPalette:
    c = colors(dark)
    pal = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"),
        (role.Base, "base"),
        (role.AlternateBase, "alternate"),
        (role.ToolTipBase, "base"),
        (role.Button, "button"),
        (role.Highlight, "highlight"),
        (role.HighlightedText, "highlighted_text"),
        (role.Link, "link"),
        (role.Accent, "accent"),
    ):
        pal.setColor(r, QColor(c[key]))
    for r in (role.WindowText, role.Text, role.ButtonText, role.ToolTipText, role.BrightText):
        pal.setColor(r, QColor(c["text"]))
    pal.setColor(role.PlaceholderText, QColor(c["muted"]))
    pal.setColor(role.Mid, QColor(c["muted"]))
    disabled = QColor(c["muted"])
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return pal


def apply_theme(app: QApplication, scheme: str | None = None) -> bool:
    """Set the palette; returns True when dark.

    scheme None follows the system and leaves a native palette alone when it already
    matches; "light" or "dark" forces one (used for screenshots and tests).
    """
    if scheme is None:
        dark = system_prefers_dark()
        if is_dark() != dark:
            if dark and app.style().name().lower() in ("windowsvista", "windows"):
                app.setStyle("Fusion")  # these styles draw light whatever the palette says
            app.setPalette(build_palette(dark))
        return dark
    dark = scheme == "dark"
    app.setStyle("Fusion")  # native styles may ignore a dark palette
    app.setPalette(build_palette(dark))
    return dark


def follow_system(app: QApplication) -> None:
    """Re-apply when the desktop switches between light and dark (unless the user chose one)."""

    def changed(_scheme: Qt.ColorScheme) -> None:
        if chosen_scheme(app) != "system":
            return  # the user's Light or Dark stays whatever the desktop does
        # An empty palette resolves to the platform's again; patch only if it still mismatches.
        app.setPalette(QPalette())
        apply_theme(app)

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)


# -- the user's choice: System, Light or Dark (QSettings, nothing private) --------------------

SCHEMES = preferences.SCHEMES
_CHOICE_PROPERTY = "reconcileScheme"
_NATIVE_STYLE_PROPERTY = "reconcileNativeStyle"


def chosen_scheme(app: QApplication) -> str:
    value = app.property(_CHOICE_PROPERTY)
    return value if value in SCHEMES else "system"


def set_scheme(app: QApplication, choice: str, settings: QSettings | None = None) -> bool:
    """Apply "system", "light" or "dark" now (and store it when settings are given); returns
    True when the result is dark. Going back to "system" restores the native style."""
    if choice not in SCHEMES:
        choice = "system"
    if app.property(_NATIVE_STYLE_PROPERTY) is None:
        app.setProperty(_NATIVE_STYLE_PROPERTY, app.style().name())
    app.setProperty(_CHOICE_PROPERTY, choice)
    if settings is not None:
        preferences.THEME.write(settings, choice)
    hints = QGuiApplication.styleHints()
    if choice == "system":
        if hasattr(hints, "unsetColorScheme"):  # Qt 6.8+: native dialogs follow it too
            hints.unsetColorScheme()
        native = str(app.property(_NATIVE_STYLE_PROPERTY))
        if app.style().name().lower() != native.lower():
            app.setStyle(native)
        app.setPalette(QPalette())
        return apply_theme(app)
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light)
    return apply_theme(app, choice)


# -- fonts, labels, icons --------------------------------------------------------------------


def scaled_font(base: QFont, scale: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    size = base.pointSizeF()
    if size > 0:  # fonts sized in pixels report -1
        font.setPointSizeF(size * scale)
    font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
    return font


def heading_font(base: QFont, scale: float = 1.5) -> QFont:
    return scaled_font(base, scale, bold=True)


def _blend(back: QColor, fore: QColor, k: float) -> QColor:
    return QColor(
        round(back.red() + (fore.red() - back.red()) * k),
        round(back.green() + (fore.green() - back.green()) * k),
        round(back.blue() + (fore.blue() - back.blue()) * k),
    )


AA_TEXT = 4.5  # WCAG AA for ordinary text


def contrast_ratio(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21; AA text wants 4.5)."""

    def luminance(c: QColor) -> float:
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c.getRgbF()[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def muted(palette: QPalette) -> QColor:
    """Secondary text: two thirds of the way from the background to the text colour, which
    keeps AA contrast on any palette (the placeholder colour is often too faint)."""
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    return _blend(back, text, 0.68)


def muted_on(back: QColor, ink: QColor) -> QColor:
    """Secondary text on a given background (a selected row): as muted(), moved nearer the
    ink until it reads at AA."""
    k = 0.68
    colour = _blend(back, ink, k)
    while k < 1.0 and contrast_ratio(colour, back) < AA_TEXT:
        k = min(1.0, k + 0.04)
        colour = _blend(back, ink, k)
    return colour


def selection_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """The soft tint of a chosen row and the ink on it, from the palette given (pass the one
    being painted with). Delegates call this at paint time instead of keeping a patched
    palette on the view: a palette patched in a PaletteChange handler is built before Qt has
    passed the new colours down to the view, so it mixed the old theme's text with the new
    theme's tint (dark on dark, or white on pale)."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    tint, ink = QColor(colors(dark)["selected"]), palette.color(QPalette.ColorRole.Text)
    if contrast_ratio(tint, ink) < AA_TEXT:  # a native palette we did not build
        role = QPalette.ColorRole
        return palette.color(role.Highlight), palette.color(role.HighlightedText)
    return tint, ink


def with_selection(palette: QPalette) -> QPalette:
    """A copy of `palette` whose Highlight roles are selection_colors(), in every colour
    group, for a style to draw a selected item with."""
    tint, ink = selection_colors(palette)
    pal = QPalette(palette)
    pal.setColor(QPalette.ColorRole.Highlight, tint)
    pal.setColor(QPalette.ColorRole.HighlightedText, ink)
    return pal


def draw_focus_ring(painter: QPainter, rect: QRect, widget: QWidget | None) -> None:
    """The keyboard's place in a list or grid: a 2-pixel ring in the accent colour, plainer
    than the styles' dotted line, which is hard to see on the soft selection tint."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(accent(widget), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(rect).adjusted(2, 2, -2, -2), 5, 5)
    painter.restore()


class MutedLabel(QLabel):
    """Secondary text that keeps its muted colour when the palette switches light/dark."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._repaint_colour()

    def _repaint_colour(self) -> None:
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else QGuiApplication.palette()
        wanted = muted(base)
        if self.palette().color(QPalette.ColorRole.WindowText) != wanted:  # no event loop
            pal = self.palette()
            pal.setColor(QPalette.ColorRole.WindowText, wanted)
            self.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange):
            self._repaint_colour()


class StatusLabel(QLabel):
    """An inline sentence, hidden when empty, in the error colour when it reports a problem."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(accessible_name)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._problem = False
        self.hide()

    @property
    def problem(self) -> bool:
        return self._problem

    def say(self, sentence: str, *, problem: bool = False) -> None:
        self._problem = problem
        self.setText(sentence)
        self.setVisible(bool(sentence))
        self._repaint_colour()

    def _repaint_colour(self) -> None:
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else QGuiApplication.palette()
        wanted = (
            QColor(colors(is_dark(parent))["error"])
            if self._problem
            else base.color(QPalette.ColorRole.WindowText)
        )
        if self.palette().color(QPalette.ColorRole.WindowText) != wanted:
            pal = self.palette()
            pal.setColor(QPalette.ColorRole.WindowText, wanted)
            self.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange):
            self._repaint_colour()


def accent(widget: QWidget | None = None) -> QColor:
    return QColor(colors(is_dark(widget))["accent"])


def svg_pixmap(svg: str, color: QColor, size: int, ratio: float = 1.0) -> QPixmap:
    """Render an inline SVG, replacing `currentColor` with the given colour."""
    data = QByteArray(svg.replace("currentColor", color.name()).encode("utf-8"))
    renderer = QSvgRenderer(data)
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def svg_icon(svg: str, color: QColor, size: int = 24, ratio: float = 1.0) -> QIcon:
    return QIcon(svg_pixmap(svg, color, size, ratio))


def app_icon_path() -> Path:
    from reconcile_desktop.paths import resources_dir

    return resources_dir() / "icons" / ICON_FILE


def app_icon() -> QIcon:
    path = app_icon_path()
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon_pixmap(size: int, ratio: float = 1.0) -> QPixmap:
    path = app_icon_path()
    if not path.is_file():
        return QPixmap()
    return svg_pixmap(path.read_text(encoding="utf-8"), QColor("black"), size, ratio)
