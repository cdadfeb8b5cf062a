"""The General tab of the Settings dialog: locking (auto-lock minutes, the tray count),
Appearance (System / Light / Dark) and the daily reminder. All are stored in QSettings: none
says anything private."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, QTime, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.shell.tray import TrayIcon
from reconcile_desktop.ui.widgets import theme


class LockingBox(QGroupBox):
    """Minutes without use before Reconcile locks, and the tray day count. Saved at once."""

    autolock_changed = Signal(int)  # minutes
    tray_changed = Signal(bool)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Locking"))
        self.settings = settings
        self.autolock = QSpinBox()
        self.autolock.setRange(*preferences.AUTOLOCK_RANGE)
        self.autolock.setSuffix(self.tr(" minutes"))
        self.autolock.setAccessibleName(self.tr("Minutes before Reconcile locks itself"))
        self.autolock.setValue(preferences.AUTOLOCK_MINUTES.read(settings))
        self.autolock.valueChanged.connect(self._autolock_edited)
        label = QLabel(self.tr("&Lock Reconcile after"))
        label.setBuddy(self.autolock)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.autolock)
        row.addWidget(QLabel(self.tr("without use.")))
        row.addStretch(1)
        hint = theme.MutedLabel(
            self.tr("When it locks, your journal is closed and hidden until you unlock it.")
        )
        hint.setWordWrap(True)
        tray_text = self.tr("Show the no-contact day count in the system tray")
        self.tray_box = QCheckBox(tray_text)
        self.tray_box.setAccessibleName(tray_text)
        self.tray_box.setChecked(preferences.TRAY_ICON.read(settings))
        self.tray_box.setToolTip(self.tr("Only the number of days shows, nothing you wrote."))
        self.tray_box.setEnabled(TrayIcon.available())
        self.tray_box.toggled.connect(self.tray_changed)
        outer = QVBoxLayout(self)
        outer.addLayout(row)
        outer.addWidget(hint)
        outer.addWidget(self.tray_box)

    def _autolock_edited(self, minutes: int) -> None:
        preferences.AUTOLOCK_MINUTES.write(self.settings, int(minutes))
        self.autolock_changed.emit(int(minutes))


def scheme_labels() -> dict[str, str]:
    tr = QApplication.translate
    return {
        "system": tr("Appearance", "Same as the system"),
        "light": tr("Appearance", "Light"),
        "dark": tr("Appearance", "Dark"),
    }


class AppearanceBox(QGroupBox):
    """Light, dark, or whatever the desktop uses (the default). Applies at once."""

    scheme_changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Appearance"))
        self.settings = settings
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Colour scheme"))
        for key, label in scheme_labels().items():
            self.combo.addItem(label, key)
        self.select(preferences.THEME.read(settings))
        self.combo.currentIndexChanged.connect(self._chosen)
        label = QLabel(self.tr("&Colours"))
        label.setBuddy(self.combo)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(row)
        outer.addStretch(1)

    def select(self, scheme: str) -> None:
        index = self.combo.findData(scheme)
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)

    def _chosen(self, _index: int) -> None:
        scheme = str(self.combo.currentData())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_scheme(app, scheme, self.settings)
        self.scheme_changed.emit(scheme)


class ReminderBox(QGroupBox):
    """A daily check-in reminder at a chosen time; off until the user turns it on."""

    changed = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Daily reminder"))
        self.settings = settings
        on, at = preferences.REMINDER_ON.read(settings), preferences.REMINDER_TIME.read(settings)
        self.check = QCheckBox(self.tr("&Remind me at"))
        self.check.setAccessibleName(self.tr("Remind me to check in each day"))
        self.check.setChecked(on)
        self.time = QTimeEdit(QTime(at.hour, at.minute))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(self.tr("Reminder time"))
        self.time.setEnabled(on)
        row = QHBoxLayout()
        row.addWidget(self.check)
        row.addWidget(self.time)
        row.addStretch(1)
        self.note = theme.MutedLabel(
            self.tr("A kind nudge; it never shows anything you wrote.")
            if TrayIcon.available()
            else self.tr("No system tray here: the nudge shows in the status bar.")
        )
        self.note.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.addLayout(row)
        outer.addWidget(self.note)
        outer.addStretch(1)
        self.check.toggled.connect(self._edited)
        self.time.timeChanged.connect(self._edited)

    def _edited(self, *_args: object) -> None:
        on = self.check.isChecked()
        self.time.setEnabled(on)
        t = self.time.time()
        preferences.REMINDER_ON.write(self.settings, on)
        preferences.REMINDER_TIME.write(self.settings, dt.time(t.hour(), t.minute()))
        self.changed.emit()


class Sections(QWidget):
    """Appearance and the reminder side by side, so the dialog stays short."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.appearance = AppearanceBox(settings)
        self.reminder = ReminderBox(settings)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        row.addWidget(self.appearance, 1)
        row.addWidget(self.reminder, 1)


def appearance_menu(settings: QSettings, parent: QWidget) -> QMenu:
    """View > Appearance: the same three choices as in Settings, kept in step with them."""
    menu = QMenu(QApplication.translate("Appearance", "&Appearance"), parent)
    group = QActionGroup(menu)
    group.setExclusive(True)
    current = preferences.THEME.read(settings)
    for key, label in scheme_labels().items():
        action = QAction(label, menu)
        action.setCheckable(True)
        action.setChecked(key == current)
        action.setData(key)
        group.addAction(action)
        menu.addAction(action)

    def chosen(action: QAction) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.set_scheme(app, str(action.data()), settings)

    group.triggered.connect(chosen)
    # Opened after a change in Settings: show the stored choice.
    menu.aboutToShow.connect(
        lambda: [
            a.setChecked(a.data() == preferences.THEME.read(settings)) for a in group.actions()
        ]
    )
    return menu
