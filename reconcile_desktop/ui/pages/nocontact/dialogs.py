"""The No contact page's small dialogs. accept() checks what was typed at once, then saves through
the window's ops (off the GUI thread) with OK disabled; the dialog closes once the write has
landed, or says the problem inline and stays open, so nothing typed is lost. The page opens them
with open() (never exec()) and reads the result (`period`, `event`, `letter_entry_id`) once
accepted."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.changes import ENTRIES, NOCONTACT, Changes
from reconcile_desktop.core.errors import InvalidInput, ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.ui.widgets import dates, theme
from reconcile_desktop.ui.widgets.fit_content import keep_fitted
from reconcile_desktop.ui.workers import GENERIC_SENTENCE

if TYPE_CHECKING:
    from collections.abc import Callable

    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

# Sentences core may answer with, so each dialog keeps room for the longest of its own.
NO_PERIOD = "There is no no-contact period running. Start one first."
BEFORE_PERIOD = "That date is before this no-contact period began."

CTX = "NoContactDialogs"


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def contact_kinds() -> dict[str, str]:
    """The four things that can happen, in the words the dialog uses."""
    return {
        streaks.I_CONTACTED: tr("I contacted them"),
        streaks.THEY_CONTACTED_ENGAGED: tr("They contacted me and I engaged"),
        streaks.THEY_CONTACTED_IGNORED: tr("They contacted me and I did not engage"),
        streaks.LOOKED_SOCIAL: tr("I looked at their social media"),
    }


def kind_label(kind: str) -> str:
    labels = contact_kinds() | {
        streaks.URGE_RESISTED: tr("I resisted an urge"),
        streaks.REACHED_OUT: tr("I reached out once, as planned"),
    }
    return labels.get(kind, kind)


def intensity_words() -> dict[int, str]:
    return {
        1: tr("mild"),
        2: tr("noticeable"),
        3: tr("strong"),
        4: tr("very strong"),
        5: tr("overwhelming"),
    }


# -- date and time fields --------------------------------------------------------------------
# QDate and QTime carry no zone, so the wall time shown is the vault clock's local time
# whatever zone the system is in.


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(day: dt.date, latest: dt.date, name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(dates.edit_format())
    edit.setMaximumDate(_qdate(latest))
    edit.setMinimumDate(_qdate(latest - dt.timedelta(days=3650)))
    edit.setDate(_qdate(day))
    edit.setAccessibleName(name)
    edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return edit


class WhenField(QWidget):
    """A local date and time, defaulting to now; the date cannot be after today."""

    def __init__(self, now_local: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date = _date_edit(now_local.date(), now_local.date(), tr("Date"))
        self.time = QTimeEdit(QTime(now_local.hour, now_local.minute))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(tr("Time"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date)
        row.addWidget(self.time)
        row.addStretch(1)
        self.setFocusProxy(self.date)

    def set_value(self, value: dt.datetime) -> None:
        self.date.setDate(_qdate(value.date()))
        self.time.setTime(QTime(value.hour, value.minute))

    def value(self, tzinfo: dt.tzinfo) -> dt.datetime:
        """The chosen wall time in the vault's zone, as an aware datetime."""
        day: dt.date = self.date.date().toPython()
        t = self.time.time()
        return dt.datetime(day.year, day.month, day.day, t.hour(), t.minute(), tzinfo=tzinfo)


def not_yet() -> str:
    return tr("That time has not come yet. Choose a moment up to now.")


def _not_future(vault: Vault, when: dt.datetime) -> dt.datetime:
    now = vault.clock.local_now()
    if when > now.replace(second=59, microsecond=999999):
        raise InvalidInput(not_yet())
    return min(when, now)


# -- the base --------------------------------------------------------------------------------


class _SavingDialog(QDialog):
    def __init__(self, ops: Ops, vault: Vault, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_fitted(self)  # an error shown later grows the dialog, never squeezes it
        self.ops = ops
        self.vault = vault
        self._closed = False  # closed (or deleted) while its write was still running
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(440)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(20, 18, 20, 14)
        self.body.setSpacing(12)
        self.status = theme.StatusLabel(tr("Problem"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Hidden, it keeps its room: a problem appearing never moves OK from under the pointer.
        policy = self.status.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.status.setSizePolicy(policy)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setText(tr("Cancel"))
        self.cancel_button.setAccessibleName(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def problems(self) -> list[str]:
        """Every sentence this dialog may show; the longest decides the room kept for them."""
        return [GENERIC_SENTENCE, NO_PERIOD]

    def _finish_layout(self, ok_text: str) -> None:
        self.ok_button.setText(ok_text)
        self.ok_button.setAccessibleName(ok_text)
        self.body.addWidget(self.status)
        self.body.addWidget(self.buttons)

    def _intro(self, text: str) -> QLabel:
        label = theme.MutedLabel(text)
        label.setWordWrap(True)
        self.body.addWidget(label)
        return label

    def showEvent(self, event: QShowEvent) -> None:
        self._keep_room_for_problems()
        super().showEvent(event)

    def _keep_room_for_problems(self) -> None:
        self.layout().activate()
        margins = self.body.contentsMargins()
        width = max(self.width(), self.minimumWidth()) - margins.left() - margins.right()
        shown, text = self.status.problem, self.status.text()
        tallest = 0
        for sentence in self.problems():
            self.status.setText(sentence)
            tallest = max(tallest, self.status.heightForWidth(width))
        self.status.say(text, problem=shown)
        self.status.setMinimumHeight(tallest)

    def _write(self) -> None:
        """Check what was typed (InvalidInput says what is wrong), then start the write with
        self._mutate(...)."""
        raise NotImplementedError

    def _keep(self, result: object) -> None:
        """Remember what the write returned (for the page to read once accepted)."""

    def _mutate(self, fn: Callable, *args, **kwargs) -> None:
        self.ops.mutate(fn, *args, on_done=self._saved, on_error=self._failed, **kwargs)

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return  # its write is still running
        try:
            self._write()
        except ReconcileError as exc:
            self._failed(exc)
            return
        self.status.say("")
        self.ok_button.setEnabled(False)

    def _saved(self, result: object) -> None:
        if self._closed:
            return
        self._keep(result)
        self.ok_button.setEnabled(True)
        super().accept()

    def _failed(self, exc: ReconcileError) -> None:
        if self._closed:
            return
        self.ok_button.setEnabled(True)
        self.status.say(exc.sentence, problem=True)

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)


# -- start -----------------------------------------------------------------------------------


class StartDialog(_SavingDialog):
    """Start date (today by default, never later) and a target: 30/45/60/90 or custom."""

    DEFAULT_TARGET = 45

    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(ops, vault, tr("Start no contact"), parent)
        self.period: nocontact.PeriodData | None = None
        today = vault.clock.today()
        self._intro(
            tr(
                "Choose the day you last had contact, or today. The count starts at day 0 and "
                "grows by one for each full day of space."
            )
        )
        form = QFormLayout()
        self.start_date = _date_edit(today, today, tr("Start date"))
        form.addRow(tr("Start date"), self.start_date)

        self.target_group = QButtonGroup(self)
        presets = QHBoxLayout()
        self.target_buttons: dict[int, QRadioButton] = {}
        for days in streaks.TARGET_CHOICES:
            button = QRadioButton(tr("{n} days").format(n=days))
            button.setAccessibleName(tr("Target of {n} days").format(n=days))
            self.target_group.addButton(button, days)
            self.target_buttons[days] = button
            presets.addWidget(button)
        presets.addStretch(1)
        custom = QHBoxLayout()
        self.custom_button = QRadioButton(tr("Another number:"))
        self.custom_button.setAccessibleName(tr("Another target"))
        self.target_group.addButton(self.custom_button, 0)
        custom.addWidget(self.custom_button)
        self.custom_days = QSpinBox()
        self.custom_days.setRange(1, 3650)
        self.custom_days.setValue(120)
        self.custom_days.setSuffix(tr(" days"))
        self.custom_days.setAccessibleName(tr("Target in days"))
        self.custom_days.setEnabled(False)
        custom.addWidget(self.custom_days)
        custom.addStretch(1)
        self.custom_button.toggled.connect(self.custom_days.setEnabled)
        self.target_buttons[self.DEFAULT_TARGET].setChecked(True)
        targets = QVBoxLayout()
        targets.addLayout(presets)
        targets.addLayout(custom)
        form.addRow(tr("Target"), targets)
        self.body.addLayout(form)
        self._intro(tr("Most people need at least 30 to 60 days; 45 is a good place to begin."))
        self._finish_layout(tr("Start counting"))

    def target_days(self) -> int:
        chosen = self.target_group.checkedId()
        return self.custom_days.value() if chosen <= 0 else chosen

    def set_target(self, days: int) -> None:
        """Select a preset when there is one, else the custom field."""
        if days in self.target_buttons:
            self.target_buttons[days].setChecked(True)
        else:
            self.custom_button.setChecked(True)
            self.custom_days.setValue(days)

    def problems(self) -> list[str]:
        return [
            *super().problems(),
            "A no-contact period is already running; end it before starting anew.",
        ]

    def _write(self) -> None:
        day: dt.date = self.start_date.date().toPython()
        start = None if day >= self.vault.clock.today() else day
        self._mutate(
            nocontact.start_period, self.vault, target_days=self.target_days(), start=start
        )

    def _keep(self, result: object) -> None:
        self.period = result  # type: ignore[assignment]


# -- contact ---------------------------------------------------------------------------------


class ContactDialog(_SavingDialog):
    """What happened, when (now by default, never in the future), and an optional note."""

    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(ops, vault, tr("I had contact"), parent)
        self.event: nocontact.EventData | None = None
        self._intro(
            tr("Writing it down honestly is part of the work. Nothing here is a judgement.")
        )
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        kinds = QVBoxLayout()
        kinds.setSpacing(4)
        for number, (kind, label) in enumerate(contact_kinds().items(), start=1):
            button = QRadioButton(label)
            button.setAccessibleName(label)
            self.kind_group.addButton(button, number)
            self.kind_buttons[kind] = button
            kinds.addWidget(button)
        self.body.addLayout(kinds)
        self.kind_group.idToggled.connect(self._kind_toggled)

        form = QFormLayout()
        self.when = WhenField(vault.clock.local_now())
        form.addRow(tr("When"), self.when)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(tr("What happened, and how you feel now (optional)"))
        self.note.setAccessibleName(tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        form.addRow(tr("Note"), self.note)
        self.body.addLayout(form)
        self._finish_layout(tr("Save"))

    def _kind_toggled(self, _id: int, on: bool) -> None:
        if on:  # a choice answers "Choose what happened first." at once
            self.status.say("")

    def kind(self) -> str | None:
        for kind, button in self.kind_buttons.items():
            if button.isChecked():
                return kind
        return None

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def problems(self) -> list[str]:
        return [*super().problems(), tr("Choose what happened first."), not_yet(), BEFORE_PERIOD]

    def _write(self) -> None:
        kind = self.kind()
        if kind is None:
            raise InvalidInput(tr("Choose what happened first."))
        when = _not_future(self.vault, self.when.value(self.vault.clock.tzinfo()))
        self._mutate(nocontact.log_event, self.vault, kind, when=when, note=self.note.toPlainText())

    def _keep(self, result: object) -> None:
        self.event = result  # type: ignore[assignment]


# -- urge ------------------------------------------------------------------------------------


class UrgeDialog(_SavingDialog):
    """Intensity 1-5, an optional trigger and note, and the unsent-letter option."""

    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(ops, vault, tr("I resisted an urge"), parent)
        self.event: nocontact.EventData | None = None
        self.letter_entry_id: int | None = None
        self._intro(tr("You felt the pull and did not act on it. That counts."))

        form = QFormLayout()
        self.intensity = QSlider(Qt.Orientation.Horizontal)
        self.intensity.setRange(streaks.INTENSITY_MIN, streaks.INTENSITY_MAX)
        self.intensity.setValue(3)
        self.intensity.setPageStep(1)
        self.intensity.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.intensity.setAccessibleName(tr("How strong was the urge, 1 to 5"))
        self.intensity_label = QLabel()
        self.intensity_label.setMinimumWidth(120)
        self.intensity.valueChanged.connect(self._intensity_changed)
        self._intensity_changed(self.intensity.value())
        strength = QHBoxLayout()
        strength.addWidget(self.intensity, 1)
        strength.addWidget(self.intensity_label)
        form.addRow(tr("Strength"), strength)

        self.trigger = QLineEdit()
        self.trigger.setPlaceholderText(tr("What set it off? (optional)"))
        self.trigger.setAccessibleName(tr("Trigger"))
        form.addRow(tr("Trigger"), self.trigger)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(tr("What you wanted to say, or how it felt (optional)"))
        self.note.setAccessibleName(tr("Note"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        form.addRow(tr("Note"), self.note)
        self.body.addLayout(form)

        self.write_letter = QCheckBox(tr("Write an unsent letter instead"))
        self.write_letter.setAccessibleName(tr("Write an unsent letter instead"))
        self.write_letter.toggled.connect(self._letter_toggled)
        self.body.addWidget(self.write_letter)
        self._intro(
            tr(
                "The letter goes into your journal, with your note as its first lines. "
                "Say everything there; they will never see it."
            )
        )
        self._finish_layout(tr("Save"))

    def _intensity_changed(self, value: int) -> None:
        self.intensity_label.setText(f"{value} · {intensity_words()[value]}")

    def _letter_toggled(self, on: bool) -> None:
        text = tr("Save and write the letter") if on else tr("Save")
        self.ok_button.setText(text)
        self.ok_button.setAccessibleName(text)

    def _write(self) -> None:
        note = self.note.toPlainText()
        entry_id = self.letter_entry_id
        letter = self.write_letter.isChecked() and entry_id is None
        urge = {
            "intensity": self.intensity.value(),
            "trigger": self.trigger.text(),
            "note": note,
        }
        title = tr("Unsent letter")
        saved: dict[str, int] = {}

        def work() -> nocontact.EventData:  # on the runner: only the values read above
            linked = entry_id
            if letter:
                # The letter first: if logging fails, what was written is already safe.
                linked = journal.add_entry(self.vault, note.strip(), title=title, kind="letter").id
                saved["letter"] = linked
            return nocontact.log_event(self.vault, streaks.URGE_RESISTED, entry_id=linked, **urge)

        def failed(exc: ReconcileError) -> None:
            if "letter" in saved:  # kept, so trying again does not write it twice
                self.letter_entry_id = saved["letter"]
                self.ops.announce(Changes.of(ENTRIES))
            self._failed(exc)

        def done(event: object) -> None:
            if "letter" in saved:
                self.letter_entry_id = saved["letter"]
            self._saved(event)

        changes = Changes.of(NOCONTACT, ENTRIES) if letter else Changes.of(NOCONTACT)
        self.ops.mutate_many(changes, work, on_done=done, on_error=failed)

    def _keep(self, result: object) -> None:
        self.event = result  # type: ignore[assignment]


# -- correcting a date -----------------------------------------------------------------------


class CorrectDateDialog(_SavingDialog):
    """For an event saved for a time that has not come yet (a wrong clock, a typo)."""

    def __init__(
        self, ops: Ops, vault: Vault, event: streaks.Event, parent: QWidget | None = None
    ) -> None:
        super().__init__(ops, vault, tr("Correct the date"), parent)
        self.event_id = event.id
        self.event: nocontact.EventData | None = None
        self._intro(
            tr(
                "“{kind}” was saved for a time on {date} that has not come yet, so it is not "
                "counted. When did it happen?"
            ).format(kind=kind_label(event.kind), date=dates.medium_date(event.local_date))
        )
        form = QFormLayout()
        self.when = WhenField(vault.clock.local_now())
        form.addRow(tr("When"), self.when)
        self.body.addLayout(form)
        self._finish_layout(tr("Correct"))

    def problems(self) -> list[str]:
        return [*super().problems(), not_yet(), BEFORE_PERIOD, "That event no longer exists."]

    def _write(self) -> None:
        when = _not_future(self.vault, self.when.value(self.vault.clock.tzinfo()))
        self._mutate(nocontact.correct_event, self.vault, self.event_id, when=when)

    def _keep(self, result: object) -> None:
        self.event = result  # type: ignore[assignment]


# -- ending ----------------------------------------------------------------------------------


class EndPeriodDialog(_SavingDialog):
    """A kind confirmation. Reached the target: "target"; otherwise the user's choice."""

    def __init__(
        self, ops: Ops, vault: Vault, summary: streaks.Summary, parent: QWidget | None = None
    ) -> None:
        super().__init__(ops, vault, tr("End this period"), parent)
        self.summary = summary  # the period as it was: the page's farewell names its best
        self.reason = "target" if summary.target_reached else "stopped"
        self.period: nocontact.PeriodData | None = None
        if summary.target_reached:
            text = tr(
                "You reached your target of {n} days. Ending the period keeps all of it in your "
                "history, and you can begin a new one whenever you want."
            ).format(n=summary.target_days)
        else:
            text = tr(
                "Stopping is allowed, and it undoes nothing: your days and the urges you rode "
                "out stay in your history. You can start again whenever it feels right."
            )
        heading = QLabel(tr("End this no-contact period?"))
        heading.setFont(theme.heading_font(self.font(), 1.15))
        self.body.addWidget(heading)
        self._intro(text)
        self._finish_layout(tr("End the period"))
        self.cancel_button.setText(tr("Keep going"))
        self.cancel_button.setAccessibleName(tr("Keep going"))
        self.ok_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)  # the gentler choice is the default

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.cancel_button.setFocus()

    def _write(self) -> None:
        self._mutate(nocontact.end_period, self.vault, self.reason)

    def _keep(self, result: object) -> None:
        self.period = result  # type: ignore[assignment]
