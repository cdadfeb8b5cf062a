"""Light, dark or the system's: chosen in Settings or the View menu, stored in QSettings,
applied at once (charts included) and kept when the desktop switches."""

from __future__ import annotations

import pytest
from matplotlib.colors import to_rgb
from PySide6.QtGui import QGuiApplication

from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.shell.dialogs.settings_general import AppearanceBox
from reconcile_desktop.ui.widgets import theme
from tests.ui.conftest import demo_window


@pytest.fixture
def restore_theme(qapp):
    style, palette = qapp.style().name(), qapp.palette()
    yield
    qapp.setProperty("reconcileScheme", None)
    qapp.setStyle(style)
    qapp.setPalette(palette)


def lightness(rgba) -> float:
    r, g, b = to_rgb(rgba)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_the_view_menu_switches_and_charts_follow(
    qtbot, qapp, restore_theme, make_app, make_vault, existing_vault_dir
):
    window = demo_window(qtbot, make_app, make_vault, existing_vault_dir)
    window.show_page_key("plan")
    canvas = window.page("plan").charts.canvases[0]
    qtbot.waitUntil(lambda: canvas.figure is not None)

    menu = window.view_menu.actions()[-1].menu()
    menu.aboutToShow.emit()
    choices = {a.data(): a for a in menu.actions()}
    assert set(choices) == set(theme.SCHEMES) and choices["system"].isChecked()

    choices["dark"].trigger()
    assert preferences.THEME.read(window.settings) == "dark" and theme.is_dark()
    qtbot.waitUntil(lambda: theme.is_dark(window))
    qtbot.waitUntil(lambda: lightness(canvas.figure.get_facecolor()) < 0.3)

    choices["light"].trigger()
    assert preferences.THEME.read(window.settings) == "light" and not theme.is_dark()
    qtbot.waitUntil(lambda: not theme.is_dark(window))
    qtbot.waitUntil(lambda: lightness(canvas.figure.get_facecolor()) > 0.7)

    # The settings dialog shows the choice the menu made, and changes it the same way.
    box = window.open_settings().findChild(AppearanceBox)
    assert box.combo.currentData() == "light"
    box.combo.setCurrentIndex(box.combo.findData("dark"))
    assert preferences.THEME.read(window.settings) == "dark" and theme.is_dark()
    menu.aboutToShow.emit()
    assert choices["dark"].isChecked()


def test_a_chosen_scheme_stays_when_the_desktop_switches(qapp, restore_theme, settings):
    theme.follow_system(qapp)
    theme.set_scheme(qapp, "dark", settings)
    QGuiApplication.styleHints().colorSchemeChanged.emit(QGuiApplication.styleHints().colorScheme())
    assert theme.is_dark() and theme.chosen_scheme(qapp) == "dark"


def test_back_to_system_restores_the_native_style(qapp, restore_theme, settings):
    native = qapp.style().name()
    dark = theme.set_scheme(qapp, "dark", settings)
    assert dark and qapp.style().name().lower() == "fusion"
    theme.set_scheme(qapp, "system", settings)
    assert qapp.style().name().lower() == native.lower()
    assert theme.is_dark() == theme.system_prefers_dark()
    assert preferences.THEME.read(settings) == "system"
    settings.setValue(preferences.THEME.key, "purple")  # an odd stored value reads as the default
    assert preferences.THEME.read(settings) == "system"


def test_the_no_contact_history_turns_dark_with_the_page_on_screen(
    qtbot, qapp, restore_theme, make_app, make_vault, existing_vault_dir
):
    """View > Appearance > Dark while the No contact history is open: its chart takes the dark
    palette's colours without leaving the page (the Plan charts always did)."""
    from reconcile_desktop.charts.style import DARK, LIGHT

    theme.set_scheme(qapp, "light")
    window = demo_window(qtbot, make_app, make_vault, existing_vault_dir)
    window.show_page_key("nocontact")
    history = window.page("nocontact").history
    history.toggle.setChecked(True)
    qtbot.waitUntil(lambda: history.chart.figure is not None and not history.busy)
    light = history.chart.figure
    assert to_rgb(light.axes[0].title.get_color()) == to_rgb(LIGHT.foreground)

    menu = window.view_menu.actions()[-1].menu()
    {a.data(): a for a in menu.actions()}["dark"].trigger()
    window_colour = to_rgb(theme.colors(True)["window"])

    def dark_chart() -> bool:
        figure = history.chart.figure
        return (
            figure is not light
            and to_rgb(figure.get_facecolor()) == window_colour
            and all(to_rgb(ax.get_facecolor()) == window_colour for ax in figure.axes)
            and all(to_rgb(ax.title.get_color()) == to_rgb(DARK.foreground) for ax in figure.axes)
        )

    qtbot.waitUntil(dark_chart)
    assert window.current_page().key == "nocontact"
    qtbot.waitUntil(lambda: not history.busy)
