"""Today: the home page that answers "what do I do today?"

Today's commitments to tick, the no-contact badge, the prompt of the day, a one-line mood
check-in and, on the first day of the week, last week's review. Everything is reachable with
the keyboard; every number comes from core functions.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.changes import (
    CHECKINS,
    ENTRIES,
    EVERYTHING,
    MOOD,
    NOCONTACT,
    PLANS,
    Changes,
)
from reconcile_desktop.ui.pages.base import SUN, Page
from reconcile_desktop.ui.pages.nocontact.badge import StreakBadge
from reconcile_desktop.ui.pages.plans.checkin_list import CheckInList
from reconcile_desktop.ui.pages.plans.slip_dialog import SlipFollowUpDialog
from reconcile_desktop.ui.widgets import dates, theme
from reconcile_desktop.ui.widgets.columns import TwoColumns

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

MOODS = ("heavy", "low", "okay", "steady", "light")
MAX_WIDTH = 1240  # the page's widest, in a full-screen window


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("today-card")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    heading = QLabel(title)
    heading.setFont(theme.scaled_font(heading.font(), 1.15, bold=True))
    layout.addWidget(heading)
    return frame, layout


class TodayPage(Page):
    key = "today"
    title = "Today"
    icon_svg = SUN
    areas = (PLANS, CHECKINS, NOCONTACT, MOOD, ENTRIES)

    def __init__(self, vault: Vault, clock: Clock, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(vault, clock, ops, parent)
        self._prompt_id: str | None = None
        self._mood_note_saved = ""  # the note as the vault has it; the box may hold more
        self.slip_dialog: SlipFollowUpDialog | None = None

        self.date_label = QLabel()
        self.date_label.setFont(theme.heading_font(self.font(), 1.5))
        self.date_label.setWordWrap(True)  # a narrow window puts the year on a line of its own
        self.greeting = theme.MutedLabel("")
        self.greeting.setWordWrap(True)
        self.badge = StreakBadge()
        self.badge.open_requested.connect(lambda: self.open_page.emit("nocontact"))

        header = QHBoxLayout()
        words = QVBoxLayout()
        words.addWidget(self.date_label)
        words.addWidget(self.greeting)
        header.addLayout(words, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)

        steps, steps_layout = _card(self.tr("Today's steps"))
        self.checkins = CheckInList(vault, clock, ops, show_goals=True)
        self.checkins.setMinimumHeight(180)
        self.checkins.slipped.connect(self.open_slip_dialog)
        self.no_steps = theme.MutedLabel(
            self.tr("Nothing is planned for today. A written plan makes change more likely.")
        )
        self.no_steps.setWordWrap(True)
        self.plan_button = QPushButton(self.tr("Open the change plan"))
        self.plan_button.clicked.connect(lambda: self.open_page.emit("plan"))
        steps_layout.addWidget(self.checkins, 1)
        steps_layout.addWidget(self.no_steps)
        steps_layout.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignLeft)
        steps_layout.addStretch(0)  # takes the room only while the list is hidden (no steps)

        prompt, prompt_layout = _card(self.tr("A prompt for today"))
        self.prompt_title = QLabel()
        self.prompt_title.setFont(theme.scaled_font(self.font(), 1.0, bold=True))
        self.prompt_text = QLabel()
        self.prompt_text.setWordWrap(True)
        self.prompt_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.write_button = QPushButton(self.tr("Write"))
        self.write_button.setAccessibleName(self.tr("Write an entry for today's prompt"))
        self.write_button.clicked.connect(self._write)
        prompt_layout.addWidget(self.prompt_title)
        prompt_layout.addWidget(self.prompt_text)
        prompt_layout.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignLeft)

        mood, mood_layout = _card(self.tr("How are you today?"))
        row = QHBoxLayout()
        self.mood_group = QButtonGroup(self)
        self.mood_group.setExclusive(True)
        for value, word in enumerate(MOODS, start=1):
            b = QPushButton(self.tr(word))
            b.setCheckable(True)
            # Each as wide as its word needs, not the style's wider least button.
            b.setMinimumWidth(b.fontMetrics().horizontalAdvance(b.text()) + 16)
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            b.setAccessibleName(self.tr("Mood {n} of 5: {word}").format(n=value, word=word))
            self.mood_group.addButton(b, value)
            row.addWidget(b)
        self.mood_group.idClicked.connect(self._save_mood)
        self.mood_note = QLineEdit()
        self.mood_note.setPlaceholderText(self.tr("A few words, if you like"))
        self.mood_note.setAccessibleName(self.tr("A note about today's mood"))
        self.mood_note.setMaxLength(500)
        self.mood_note.editingFinished.connect(self._save_mood_note)
        self.mood_status = theme.StatusLabel(self.tr("Mood status"))
        mood_layout.addLayout(row)
        mood_layout.addWidget(self.mood_note)
        mood_layout.addWidget(self.mood_status)

        review, review_layout = _card(self.tr("Last week, looking back"))
        self.review_card = review
        self.review_text = QLabel()
        self.review_text.setWordWrap(True)
        self.review_button = QPushButton(self.tr("Reflect on the week"))
        self.review_button.clicked.connect(lambda: self.write_prompt.emit("gr-forward-and-back"))
        review_layout.addWidget(self.review_text)
        review_layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeft)

        side = QWidget()
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(16)
        right.addWidget(prompt)
        right.addWidget(mood)
        right.addWidget(review)
        right.addStretch(1)
        # The prompt and the mood move below the steps when two columns no longer fit.
        self.columns = TwoColumns(steps, side, stretch=(5, 4), min_widths=(320, 300))

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addWidget(self.columns, 1)
        # On a wide screen the day stays a readable width, centred, instead of stretching.
        body.setMaximumWidth(MAX_WIDTH)
        holder = QWidget()
        centred = QHBoxLayout(holder)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.addWidget(body)
        scroll = QScrollArea(self)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop; it follows focus
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setTabOrder(self.badge, self.checkins)
        self.clear_sensitive()

    # -- loading -------------------------------------------------------------------------------

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        from reconcile_desktop.core.journal import daily_mood as mood
        from reconcile_desktop.core.journal import hurt_answers as safety
        from reconcile_desktop.core.journal.prompts import prompt_of_the_day
        from reconcile_desktop.core.nocontact import store as nocontact

        super().refresh(changes)
        today = self.clock.today()
        self.date_label.setText(dates.long_date(today))
        self.greeting.setText(self._greeting(today))
        self.badge.show_summary(nocontact.summary(self.vault))
        self.checkins.set_day(today)
        has_steps = bool(self.checkins.items)
        self.checkins.setVisible(has_steps)
        self.no_steps.setVisible(not has_steps)
        self.plan_button.setVisible(not has_steps)
        # Someone who was hurt is not pushed to "own their part" (core/journal/hurt_answers.py).
        prompt = prompt_of_the_day(today, gentle=safety.hurt_noted(self.vault))
        self._prompt_id = prompt.id
        self.prompt_title.setText(prompt.title)
        self.prompt_text.setText(prompt.text)
        day_mood = mood.get_mood(self.vault, today)
        self._show_mood(day_mood.mood if day_mood else None, day_mood.note if day_mood else "")
        self._show_review(today)

    def _greeting(self, today: dt.date) -> str:
        if today.weekday() == 0:
            return self.tr("A new week. One small step at a time is enough.")
        return self.tr("Whatever today brings, small steady steps count.")

    def _show_review(self, today: dt.date) -> None:
        from reconcile_desktop.core import summaries

        self.review_card.setVisible(today.weekday() == 0)
        if today.weekday() != 0:
            return
        week = summaries.week_review(self.vault, today - dt.timedelta(days=7))
        review = week.review
        rate = "–" if review.kept_rate is None else f"{round(review.kept_rate * 100)}%"
        self.review_text.setText(
            self.tr(
                "Kept {rate} of your steps · {slips} slips · {rec} recoveries · "
                "{urges} urges resisted"
            ).format(
                rate=rate,
                slips=review.slipped,
                rec=len(review.recoveries),
                urges=week.urges_resisted,
            )
        )

    def _show_mood(self, value: int | None, note: str) -> None:
        self.mood_group.setExclusive(False)
        for b in self.mood_group.buttons():
            b.setChecked(self.mood_group.id(b) == value)
        self.mood_group.setExclusive(True)
        # Words typed but not saved yet (no mood chosen, or still typing) stay in the box.
        if self.mood_note.text() == self._mood_note_saved:
            self.mood_note.setText(note)
        self._mood_note_saved = note

    # -- actions -------------------------------------------------------------------------------

    def _save_mood(self, value: int) -> None:
        from reconcile_desktop.core.journal import daily_mood as mood

        def done(saved) -> None:
            if not self.loaded:
                return  # locked while it was saved: nothing on screen to change
            self._mood_note_saved = saved.note
            self.mood_status.say(self.tr("Noted. Thank you for checking in."))

        self.ops.mutate(
            mood.set_mood,
            self.vault,
            value,
            self.mood_note.text(),
            on_done=done,
            on_error=lambda exc: self.mood_status.say(exc.sentence, problem=True),
        )

    def _save_mood_note(self) -> None:
        value = self.mood_group.checkedId()
        if value > 0 and self.loaded:
            self._save_mood(value)

    def save_pending(self) -> bool:
        """Before a lock or quit: a step's note and the mood's note typed but not yet saved."""
        from reconcile_desktop.core.errors import ReconcileError
        from reconcile_desktop.core.journal import daily_mood as mood

        saved = self.checkins.save_pending()
        value, note = self.mood_group.checkedId(), self.mood_note.text()
        if value > 0 and self.loaded and note != self._mood_note_saved:
            try:
                day = self.ops.mutate_now(mood.set_mood, self.vault, value, note)
            except ReconcileError as exc:
                self.mood_status.say(exc.sentence, problem=True)
                return False
            self._mood_note_saved = day.note
        return saved

    def _write(self) -> None:
        if self._prompt_id:
            self.write_prompt.emit(self._prompt_id)

    def open_slip_dialog(self, commitment_id: int, day: dt.date) -> SlipFollowUpDialog:
        """The follow-up after a new slip: the same dialog, built the same way, as the plan's."""
        if self.slip_dialog is not None:
            self.slip_dialog.reject()
        dialog = SlipFollowUpDialog(self.vault, self.ops, commitment_id, day, self)

        def closed(_result: int) -> None:
            if self.slip_dialog is dialog:
                self.slip_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(closed)
        self.slip_dialog = dialog
        dialog.open()
        return dialog

    def clear_sensitive(self) -> None:
        super().clear_sensitive()
        if self.slip_dialog is not None:
            self.slip_dialog.reject()
            self.slip_dialog = None
        self.badge.clear()
        self.checkins.clear()
        self.prompt_title.clear()
        self.prompt_text.clear()
        self.mood_note.setText("")
        self._show_mood(None, "")
        self.mood_status.say("")
        self.review_text.clear()
        self.review_card.hide()
        self.date_label.clear()
        self.greeting.clear()
