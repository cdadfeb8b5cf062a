"""Settings > Sync: the folder this journal syncs through, this computer's name, "Sync now",
the other computers, and leaving. Every call runs on the runner's serial lane (through ops), so
the dialog never waits; a problem is one sentence under the buttons."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.changes import EVERYTHING, changes_of
from reconcile_desktop.core.errors import ReconcileError, WrongPassphrase
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.workers import busy_bar

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.core.sync.service import DeviceInfo, SyncReport, SyncStatus
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.shell.sync_timer import SyncTimer
    from reconcile_desktop.ui.workers import Task

MAX_NAME_CHARS = 60


def tr(text: str) -> str:
    return QCoreApplication.translate("SyncSettings", text)


def seen_words(when: dt.datetime | None, now: dt.datetime) -> str:
    """When another computer last wrote to the folder, roughly."""
    if when is None:
        return tr("not seen yet")
    minutes = int((now - when).total_seconds() // 60)
    hours, days = minutes // 60, minutes // 1440
    if minutes < 1:  # its clock may run ahead of ours: "just now" rather than "in the future"
        return tr("last seen just now")
    if minutes == 1:
        return tr("last seen a minute ago")
    if minutes < 60:
        return tr("last seen {n} minutes ago").format(n=minutes)
    if hours == 1:
        return tr("last seen an hour ago")
    if hours < 24:
        return tr("last seen {n} hours ago").format(n=hours)
    if days == 1:
        return tr("last seen yesterday")
    return tr("last seen {n} days ago").format(n=days)


def clock_words(ahead_s: float) -> str:
    """A clock found running ahead of ours, roughly (the order of changes stays right)."""
    days, hours = round(ahead_s / 86_400), round(ahead_s / 3_600)
    if ahead_s >= 23.5 * 3_600:
        if days == 1:
            return tr("its clock seems about a day ahead")
        return tr("its clock seems about {n} days ahead").format(n=days)
    if hours == 1:
        return tr("its clock seems about an hour ahead")
    if hours > 1:
        return tr("its clock seems about {n} hours ahead").format(n=hours)
    return tr("its clock seems a few minutes ahead")


def this_computer_name() -> str:
    """The name offered for this computer: its host name, which the user may change."""
    try:
        name = socket.gethostname().split(".")[0].strip()
    except OSError:
        name = ""
    return name[:MAX_NAME_CHARS] or tr("This computer")


def confirm(
    parent: QWidget, question: str, detail: str, yes: str, on_yes: Callable[[], None]
) -> QMessageBox:
    """A question that does not block (so auto-lock can still close it)."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("Reconcile"), question, parent=parent)
    box.setInformativeText(detail)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: on_yes() if button is go else None)
    box.open()
    return box


class SyncSettings(QWidget):
    """The Sync tab. Shows what `sync.status` says and asks SyncTimer to sync now; its own
    calls (start, leave, forget, the renewed key) go through ops, in order with the writes."""

    def __init__(
        self,
        vault: Vault,
        ops: Ops,
        sync: SyncTimer,
        parent: QWidget | None = None,
        *,
        hold: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.hold = hold  # keeps the window still while a renewed key may swap the journal
        self.vault = vault
        self.ops = ops
        self.sync = sync
        self.folder_dialog: QFileDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self._working = False
        self._asked = False  # "Sync now" was pressed: its outcome is said here

        intro = theme.MutedLabel(
            self.tr(
                "This computer writes sealed files into a folder you choose, and the sync "
                "tool you already use (Syncthing, Dropbox, a USB stick…) carries them to your "
                "other computers. Nothing readable leaves this computer: without your "
                "passphrase, those files say nothing."
            )
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("How sync works"))

        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setAccessibleName(self.tr("Sync folder"))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self.tr("Choose a folder…"))
        self.choose_button.setAccessibleName(self.tr("Choose a sync folder and start syncing"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME_CHARS)
        self.name.setAccessibleName(self.tr("This computer's name"))
        self.name.setPlaceholderText(this_computer_name())
        self.name.setText(this_computer_name())
        self.name.editingFinished.connect(self.rename)
        self.state_label = theme.MutedLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName(self.tr("Sync status"))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        name_words = QLabel(self.tr("This computer's na&me"))
        name_words.setBuddy(self.name)
        form.addRow(name_words, self.name)
        fields = QWidget()
        fields.setLayout(form)
        folder_row = QHBoxLayout()
        folder_row.setContentsMargins(0, 0, 0, 0)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)

        self.renewed = self._renewed_key_box()

        self.devices_box = QGroupBox(self.tr("Computers sharing this journal"))
        self.devices_grid = QGridLayout(self.devices_box)
        self.devices_grid.setColumnStretch(1, 1)
        self.forget_buttons: dict[str, QPushButton] = {}

        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.clicked.connect(self.sync_now)
        self.leave_button = QPushButton(self.tr("Stop syncing here…"))
        self.leave_button.setAccessibleName(self.tr("Stop syncing on this computer"))
        self.leave_button.clicked.connect(self.ask_leave)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.leave_button)
        buttons.addWidget(self.sync_button)

        self.busy = busy_bar(self.tr("Syncing"))
        self.message = theme.StatusLabel(self.tr("Sync"))

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(intro)
        column.addWidget(fields)
        column.addLayout(folder_row)
        column.addWidget(self.state_label)
        column.addWidget(self.renewed)
        column.addWidget(self.devices_box)
        column.addLayout(buttons)
        column.addWidget(self.busy)
        column.addWidget(self.message)

        sync.status_changed.connect(self._status_heard)
        sync.synced.connect(self._synced)
        sync.failed.connect(self._sync_failed)
        self.show_status(sync.status)

    def _renewed_key_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Your passphrase, once more"))
        text = theme.MutedLabel(
            self.tr(
                "Another of your computers has given this journal a new key. Enter your "
                "passphrase here to take it up, and syncing carries on as before."
            )
        )
        text.setWordWrap(True)
        self.renewed_passphrase = QLineEdit()
        self.renewed_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.renewed_passphrase.setAccessibleName(self.tr("Passphrase"))
        self.renewed_passphrase.returnPressed.connect(self.adopt_key)
        self.adopt_button = QPushButton(self.tr("Use the new key"))
        self.adopt_button.setAccessibleName(self.tr("Use the new key"))
        self.adopt_button.clicked.connect(self.adopt_key)
        row = QHBoxLayout()
        row.addWidget(self.renewed_passphrase, 1)
        row.addWidget(self.adopt_button)
        layout = QVBoxLayout(box)
        layout.addWidget(text)
        layout.addLayout(row)
        box.hide()
        return box

    # -- what is shown -----------------------------------------------------------------------

    def load(self) -> Task:
        """Read the status again (the dialog was opened, or another part changed it)."""
        from reconcile_desktop.core.sync import service as sync

        return self.ops.query(sync.status, self.vault, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, status: SyncStatus) -> None:
        self.sync.set_status(status)  # the status bar hears it too

    def _status_heard(self, status: SyncStatus | None) -> None:
        self.show_status(status)

    def show_status(self, status: SyncStatus | None) -> None:
        from reconcile_desktop.core.sync import service as sync

        on = status is not None and status.enabled
        if on:
            self.folder_label.setText(
                self.tr("Syncing through {folder}").format(folder=status.folder or "")
            )
        else:
            self.folder_label.setText(
                self.tr("Not syncing. Choose the folder your sync tool keeps to start.")
            )
        # Off, it speaks only of a problem (this computer was removed elsewhere, say).
        said = on or (status is not None and bool(status.problem))
        self.state_label.setText(sync.describe(status, self.vault.clock.now()) if said else "")
        if status is not None and status.device_name and not self.name.isModified():
            self.name.setText(status.device_name)
        self.choose_button.setVisible(not on)
        self.state_label.setVisible(said)
        self.devices_box.setVisible(on)
        self.sync_button.setVisible(on)
        self.leave_button.setVisible(on)
        self.renewed.setVisible(on and status.needs_passphrase)
        self._show_devices(status.devices if on else ())
        self._enable()

    def _show_devices(self, devices: tuple[DeviceInfo, ...]) -> None:
        while self.devices_grid.count():
            item = self.devices_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.forget_buttons = {}
        now = self.vault.clock.now()
        for row, device in enumerate(d for d in devices if not d.left):
            name = QLabel(device.name)  # labels read their own words
            if device.is_this:
                words = self.tr("this computer")
            else:
                words = seen_words(device.last_seen_utc, now)
                if device.clock_ahead_s:
                    words += "; " + clock_words(device.clock_ahead_s)
            about = theme.MutedLabel(words)
            about.setWordWrap(True)
            self.devices_grid.addWidget(name, row, 0)
            self.devices_grid.addWidget(about, row, 1)
            if not device.is_this:
                forget = QPushButton(self.tr("Forget this computer…"))
                forget.setAccessibleName(self.tr("Forget {name}").format(name=device.name))
                forget.clicked.connect(lambda _c=False, d=device: self.ask_forget(d))
                self.devices_grid.addWidget(forget, row, 2)
                self.forget_buttons[device.device_id] = forget

    def _enable(self) -> None:
        busy = self._working or self.sync.running
        for button in (self.choose_button, self.sync_button, self.leave_button, self.adopt_button):
            button.setEnabled(not busy)
        for button in self.forget_buttons.values():
            button.setEnabled(not busy)
        self.busy.setVisible(busy)

    def _busy(self, working: bool, sentence: str = "") -> None:
        self._working = working
        self.message.say(sentence)
        self._enable()

    def _failed(self, error: ReconcileError) -> None:
        self._busy(False)
        self.message.say(error.sentence, problem=True)

    def _call(self, fn: Callable, *args: Any, on_done: Callable[[Any], None]) -> Task:
        """A sync verb on the serial lane: through ops.mutate when it declares what it
        writes (every view then hears it), else as an ordered call."""
        try:
            changes_of(fn)
        except TypeError:
            return self.ops.query(fn, *args, on_done=on_done, on_error=self._failed)
        return self.ops.mutate(fn, *args, on_done=on_done, on_error=self._failed)

    # -- start -------------------------------------------------------------------------------

    def choose_folder(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose the folder to sync through"))
        dialog.setDirectory(str(Path.home()))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, self.tr("Sync here"))
        dialog.fileSelected.connect(lambda path: self.start(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.folder_dialog = dialog
        return dialog

    def start(self, folder: Path) -> Task | None:
        from reconcile_desktop.core.sync import service as sync

        if self._working:
            return None
        name = self.name.text().strip() or this_computer_name()
        self._busy(True, self.tr("Setting up the sync folder…"))
        return self._call(sync.start, self.vault, folder, name, on_done=self._started)

    def _started(self, status: SyncStatus) -> None:
        self._busy(False)
        self.name.setModified(False)
        self.sync.set_status(status)
        self.message.say(
            self.tr("Syncing is on. Your other computers can now join from this folder.")
        )
        # Starting synced once already; a folder used before may have brought words in.
        self.ops.announce(EVERYTHING)

    def rename(self) -> Task | None:
        """A new name for this computer, while syncing: the others see it at their next sync."""
        from reconcile_desktop.core.sync import service as sync

        status = self.sync.status
        name = self.name.text().strip()
        if self._working or status is None or not status.enabled or not status.folder:
            return None
        if not name or name == status.device_name:
            self.name.setText(status.device_name)
            self.name.setModified(False)
            return None
        self._busy(True)
        return self._call(sync.start, self.vault, Path(status.folder), name, on_done=self._renamed)

    def _renamed(self, status: SyncStatus) -> None:
        self._busy(False)
        self.name.setModified(False)
        self.sync.set_status(status)
        self.message.say(
            self.tr("This computer is now called {name}.").format(name=status.device_name)
        )

    # -- sync now ----------------------------------------------------------------------------

    def sync_now(self) -> Task | None:
        task = self.sync.run_now()
        self._enable()
        self._asked = task is not None or self.sync.running  # one running already: its outcome
        if self._asked:
            self.message.say(self.tr("Syncing…"))
        return task

    def _synced(self, report: SyncReport) -> None:
        self._enable()
        if report.conflicts:
            self.message.say(
                self.tr(
                    "Synced. Two computers changed the same entry, so both versions are kept "
                    "in your journal."
                )
            )
        elif self._asked:
            self.message.say(self.tr("Synced."))
        self._asked = False

    def _sync_failed(self, sentence: str) -> None:
        self._enable()
        self._asked = False
        self.message.say(sentence, problem=True)

    # -- forget and leave --------------------------------------------------------------------

    def ask_forget(self, device: DeviceInfo) -> QMessageBox:
        self.confirm_box = confirm(
            self,
            self.tr("Forget {name}?").format(name=device.name),
            self.tr(
                "It will stop syncing this journal. Everything it wrote stays here, and its "
                "files in the sync folder are left as they are."
            ),
            self.tr("Forget it"),
            lambda: self.forget(device.device_id),
        )
        return self.confirm_box

    def forget(self, device_id: str) -> Task:
        from reconcile_desktop.core.sync import service as sync

        self._busy(True)
        return self._call(sync.remove_device, self.vault, device_id, on_done=self._changed)

    def ask_leave(self) -> QMessageBox:
        self.confirm_box = confirm(
            self,
            self.tr("Stop syncing on this computer?"),
            self.tr(
                "Your journal stays whole here, every word of it. It just stops hearing from "
                "your other computers, and they stop hearing from this one."
            ),
            self.tr("Stop syncing"),
            self.leave,
        )
        return self.confirm_box

    def leave(self) -> Task:
        from reconcile_desktop.core.sync import service as sync

        self._busy(True)
        return self._call(sync.leave, self.vault, on_done=self._left)

    def _left(self, _result: object) -> None:
        self._changed(None)
        self.message.say(self.tr("Syncing has stopped here. Your journal is all still here."))

    def _changed(self, _result: object) -> None:
        from reconcile_desktop.core.sync import service as sync

        self._busy(False)
        self.ops.query(sync.status, self.vault, on_done=self._loaded, on_error=self._failed)

    # -- a key renewed elsewhere ---------------------------------------------------------------

    def adopt_key(self) -> Task | None:
        from reconcile_desktop.core.sync import service as sync

        passphrase = self.renewed_passphrase.text()
        if not passphrase:
            self.message.say(self.tr("Please enter your passphrase."), problem=True)
            self.renewed_passphrase.setFocus()
            return None
        if self._working:
            return None
        from reconcile_desktop.ui.shell.auto_backup import hold_daily_backup

        self._busy(True, self.tr("Taking up the new key. This takes a moment…"))
        hold_daily_backup(self.vault, True)  # no copy while the key may be replaced
        if self.hold is not None:
            self.hold(True)
        task = self._call(sync.adopt_renewed_key, self.vault, passphrase, on_done=self._adopted)
        task.failed.connect(self._adopt_failed)
        task.finished.connect(self._adopt_finished)
        return task

    def _adopt_finished(self) -> None:
        from reconcile_desktop.ui.shell.auto_backup import hold_daily_backup

        hold_daily_backup(self.vault, False)
        if self.hold is not None:
            self.hold(False)

    def _adopted(self, _result: object) -> None:
        self.renewed_passphrase.clear()
        self._changed(None)
        self.message.say(self.tr("Thank you. Syncing carries on with the new key."))

    def _adopt_failed(self, error: ReconcileError) -> None:
        if isinstance(error, WrongPassphrase):
            self.message.say(
                self.tr("That passphrase did not open the new key. Please try again."),
                problem=True,
            )
            self.renewed_passphrase.clear()
            self.renewed_passphrase.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        self.load()  # the dialog is kept between openings; another computer may have joined
        super().showEvent(event)

    def clear_sensitive(self) -> None:
        self.renewed_passphrase.clear()
        self.message.say("")
