"""What a screen reader and a colour-blind or low-vision user get: every control of every page
(the real window, demo data) and of the main dialogs has an accessible name, and a
description where the name alone does not say what it does; slips have a shape as well as a
colour; text reads at 4.5:1 or more in both themes."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from reconcile_desktop.charts.style import LIGHT, for_scheme
from reconcile_desktop.ui.pages.plans import checkin_list
from reconcile_desktop.ui.widgets import theme
from tests.ui.conftest import contrast, demo_window

Name, Description = QAccessible.Text.Name, QAccessible.Text.Description
CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QAbstractItemView,
    QComboBox,
    QAbstractSlider,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QTabBar,
)


def _inside_another_control(widget: QWidget) -> bool:
    """The parts Qt builds inside a control (a spin box's line edit, a combo box's list, a
    table's headers, a calendar's grid): the control itself speaks for them."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QCalendarWidget, QTabBar)):
            return True
        if isinstance(parent, QAbstractItemView) and not isinstance(parent, QHeaderView):
            return True  # an item view's own editors and headers
        parent = parent.parentWidget()
    return isinstance(widget, (QScrollBar, QHeaderView))


def is_control(widget: QWidget) -> bool:
    if _inside_another_control(widget):
        return False
    if isinstance(widget, CONTROLS):
        return True
    # A custom control, or a scrolled area Tab stops at: anything with a Tab stop.
    return bool(widget.focusPolicy().value & 0x1)  # Qt.TabFocus


def spoken(widget: QWidget, what: QAccessible.Text) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return (face.text(what) if face is not None else "").strip()


# Words whose meaning in a dialog is settled by convention (and by the dialog's title).
CONVENTIONAL = {"OK", "Cancel", "Close", "Save", "Quit", "Back", "Next", "Finish", "Yes", "No"}


def _shows_only_an_icon(widget: QWidget) -> bool:
    if isinstance(widget, QAbstractButton):
        return not widget.text().replace("&", "").strip()
    return False


def problems(root: QWidget) -> list[str]:
    """Every control under `root` a screen reader could not name or explain."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not is_control(widget):
            continue
        name, description = spoken(widget, Name), spoken(widget, Description)
        what = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        where = widget.parentWidget()
        context = type(where).__name__ if where is not None else ""
        if not name:
            found.append(f"{what} in {context}: no accessible name")
        elif _shows_only_an_icon(widget) and not description:
            found.append(f"{what} '{name}' in {context}: an icon only, and no description")
        elif (
            isinstance(widget, (QPushButton, QToolButton))
            and len(name.split()) == 1
            and name.strip("…") not in CONVENTIONAL
            and not description
        ):
            # One word rarely says what a button does ("Clear", "Write", "Today"); a field's
            # or a list's name says what it holds, which is enough.
            found.append(f"{what} '{name}' in {context}: one word and no description")
    return found


@pytest.fixture
def window(qtbot, make_app, make_vault, existing_vault_dir):
    window = demo_window(qtbot, make_app, make_vault, existing_vault_dir)
    for page in window.pages:
        window.show_page_key(page.key)  # each page builds what it shows on first sight
    return window


def test_every_control_of_every_page_has_a_name_and_says_what_it_does(qtbot, window):
    found = []
    for page in window.pages:
        window.show_page_key(page.key)
        found += [f"{page.key}: {p}" for p in problems(page)]
    plan = window.page("plan")
    window.show_page_key("plan")
    plan.show_week()
    found += [f"plan (week): {p}" for p in problems(plan.week)]
    found += [f"window: {p}" for p in problems(window.nav.parentWidget())]
    assert not found, "\n".join(found)


def _dialogs(window) -> dict[str, QDialog]:
    """The main dialogs, opened the way the window opens them."""
    from reconcile_desktop.core.nocontact import store as nocontact
    from reconcile_desktop.ui.pages.nocontact import dialogs as nocontact_dialogs
    from reconcile_desktop.ui.shell.dialogs.restore_and_key import RestoreDialog
    from reconcile_desktop.ui.shell.first_run import FirstRunGuide
    from reconcile_desktop.ui.widgets.support_dialog import open_support

    plan, journal, space = window.page("plan"), window.page("journal"), window.page("nocontact")
    made: dict[str, QDialog] = {}
    made["settings"] = settings = window.open_settings()
    made["new key"] = settings.open_rotate_key()
    made["restore"] = RestoreDialog(window.vault, window.runner, [window.vault.dir], window)
    made["about"] = window.about()
    made["shortcuts"] = window.show_shortcuts()
    made["guide"] = FirstRunGuide(window.ops, window.vault, window)
    made["support"] = open_support(window, window.vault)
    made["goal (new)"] = plan.open_goal_dialog()
    plan.select_goal(plan._goals[0].id)
    made["goal (edit)"] = plan.open_goal_dialog(plan.selected_goal())
    day = plan.checkin.items[0]
    made["after a slip"] = plan.open_slip_dialog(day.commitment.id, plan.checkin.day)
    made["strength"] = plan.strength_help.open_popup()
    window.show_page_key("journal")
    made["prompts"] = journal.choose_prompt()
    journal.new_worksheet()
    made["worksheet"] = journal.editor.worksheet_dialog
    made["trash"] = journal.open_trash()
    made["export"] = journal.open_export()
    made["import"] = journal.open_import()
    made["start no contact"] = nocontact_dialogs.StartDialog(window.ops, window.vault, window)
    window.show_page_key("nocontact")
    assert nocontact.summary(window.vault) is not None
    made["urge"] = space.open_urge_dialog()
    made["contact"] = space.open_contact_dialog()
    made["end"] = space.open_end_dialog()
    return made


def test_every_control_of_the_main_dialogs_has_a_name(qtbot, window):
    found = []
    for title, dialog in _dialogs(window).items():
        if dialog is None:
            found.append(f"{title}: did not open")
            continue
        found += [f"{title}: {p}" for p in problems(dialog)]
        dialog.close()
    assert not found, "\n".join(found)


def test_the_unlock_and_create_dialogs_name_every_control(qtbot, make_app, make_vault, tmp_path):
    from tests.conftest import PASSPHRASE

    fresh = make_app(make_vault(tmp_path / "new"))
    fresh.start()  # no journal yet: the create dialog
    found = [f"create: {p}" for p in problems(fresh.dialog)]
    fresh.dialog.join_button.click()  # the third way: join from a sync folder
    found += [f"join: {p}" for p in problems(fresh.dialog)]
    made = make_vault(tmp_path / "old")
    made.create(PASSPHRASE)
    made.close()
    again = make_app(make_vault(tmp_path / "old"))
    again.start()
    found += [f"unlock: {p}" for p in problems(again.dialog)]
    assert not found, "\n".join(found)


# -- colour -----------------------------------------------------------------------------------

GLYPHS = ("kept", "slipped", "open", "unrecorded")


def _glyph_pixels(kind: str) -> bytes:
    image = checkin_list.state_icon(kind, False, 24).pixmap(24, 24).toImage()
    return bytes(image.constBits())


def test_a_slip_differs_from_a_kept_day_in_shape_not_only_in_colour(qapp, monkeypatch):
    """With kept and slipped painted in one colour (as someone who cannot tell them apart
    sees them), every state's glyph is still its own shape: the list of the day, Today's
    steps and the week's cells all draw these."""
    one_colour = dataclasses.replace(LIGHT, slipped=theme.colors(False)["accent"])
    monkeypatch.setattr(checkin_list, "for_scheme", lambda _dark: one_colour)
    drawn = {kind: _glyph_pixels(kind) for kind in GLYPHS}
    assert len(set(drawn.values())) == len(GLYPHS)


# Text and what it is written on: each of these is drawn somewhere in the window.
TEXT_ON = {
    "text": ("window", "base", "alternate", "button", "selected"),
    "muted": ("window", "base", "alternate", "button"),
    "highlighted_text": ("highlight",),
    "link": ("window", "base"),
    "accent": ("window", "base"),  # the journal calendar's days with entries
    "warn_text": ("warn_bg",),
    "error": ("window", "base"),
}
ROLE = QPalette.ColorRole
PALETTE_TEXT = (
    (ROLE.WindowText, ROLE.Window),
    (ROLE.Text, ROLE.Base),
    (ROLE.Text, ROLE.AlternateBase),
    (ROLE.ButtonText, ROLE.Button),
    (ROLE.ToolTipText, ROLE.ToolTipBase),
    (ROLE.HighlightedText, ROLE.Highlight),
    (ROLE.PlaceholderText, ROLE.Base),
    (ROLE.Link, ROLE.Base),
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_colour_reads_at_4_5_to_1(qapp, scheme):
    dark = scheme == "dark"
    c = theme.colors(dark)
    low = [
        f"{fore} on {back}: {contrast(c[fore], c[back]):.2f}"
        for fore, backs in TEXT_ON.items()
        for back in backs
        if contrast(c[fore], c[back]) < theme.AA_TEXT
    ]
    palette = theme.build_palette(dark)
    for fore, back in PALETTE_TEXT:
        ratio = contrast(palette.color(fore).name(), palette.color(back).name())
        if ratio < theme.AA_TEXT:
            low.append(f"{fore.name} on {back.name}: {ratio:.2f}")
    # Secondary text as the labels and lists compute it, on the window and on a chosen row.
    hint = theme.muted(palette).name()
    for back in ("window", "base"):
        if contrast(hint, c[back]) < theme.AA_TEXT:
            low.append(f"muted() on {back}: {contrast(hint, c[back]):.2f}")
    # The charts write "kept" and "slipped" beside the steps chart in those colours.
    style = for_scheme(dark)
    for word in ("kept", "slipped", "foreground", "muted"):
        ratio = contrast(getattr(style, word), style.background)
        if ratio < theme.AA_TEXT:
            low.append(f"chart {word} on its background: {ratio:.2f}")
    tint, ink = theme.selection_colors(palette)
    soft = theme.muted_on(tint, ink).name()
    if contrast(soft, tint.name()) < theme.AA_TEXT:
        low.append(f"muted_on(selected): {contrast(soft, tint.name()):.2f}")
    assert not low, "\n".join(low)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_keyboard_focus_frame_stands_out(qapp, scheme):
    """The styles draw the focus frame of a button, a field or a list in the Highlight
    colour; like any part of a control it must reach 3:1 (WCAG 1.4.11)."""
    palette = theme.build_palette(scheme == "dark")
    frame = palette.color(ROLE.Highlight).name()
    low = {
        back.name: round(contrast(frame, palette.color(back).name()), 2)
        for back in (ROLE.Button, ROLE.Window, ROLE.Base)
        if contrast(frame, palette.color(back).name()) < 3.0
    }
    assert low == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_mark_glyphs_stand_out_from_what_they_sit_on(qapp, scheme):
    """A glyph is not text, so WCAG asks 3:1 of it (1.4.11): its fill against the list and
    a chosen row, and its tick or bar against the fill."""
    dark = scheme == "dark"
    c = theme.colors(dark)
    mark = checkin_list.GLYPH_MARK[dark]
    for fill in (c["accent"], for_scheme(dark).slipped):  # what state_icon paints
        for back in ("base", "alternate", "selected", "window"):
            assert contrast(fill, c[back]) >= 3.0, (fill, back)
        assert contrast(mark, fill) >= 3.0, fill
