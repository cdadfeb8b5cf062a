"""After a slip: an optional, kind follow-up saved as a journal entry linked to the commitment.

Skipping is always fine; nothing is written unless the user writes something. The dialog reads
the commitment and its goal itself, so it says the same whichever page the slip came from. For
a goal that must stop completely it says so plainly and shows the user's support note and the
Support page; for any other goal, a slip is part of changing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.widgets.fit_content import keep_fitted

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

MAX_ACTION_IN_TITLE = 60


class SlipFollowUpDialog(QDialog):
    """Open with open(); `saved` carries the new entry's id."""

    saved = Signal(int)

    def __init__(
        self,
        vault: Vault,
        ops: Ops,
        commitment_id: int,
        day: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        keep_fitted(self)  # an error shown later grows the dialog, never squeezes it
        commitment = next(
            c for c in plans.commitments(vault, include_archived=True) if c.id == commitment_id
        )
        goal = plans.get_goal(vault, commitment.goal_id)
        self.vault, self.ops, self.commitment_id, self.day = vault, ops, commitment_id, day
        self.action, self.must_stop = commitment.action, goal.must_stop
        self.entry_id: int | None = None
        self.setMinimumWidth(480)

        if goal.must_stop:
            # Warm and plain, never "less is fine": this one has to stop, and help is near.
            self.setWindowTitle(self.tr("After a slip"))
            heading_text = self.tr("This has to stop completely.")
            helpers = (
                self.tr("the support you wrote down below")
                if goal.support_note
                else self.tr("someone you trust")
            )
            intro_text = self.tr(
                "Thank you for writing it down honestly; that is where stopping starts. It is "
                "hard to do alone, and you do not have to: talk to {helpers}, or find a line on "
                "the Support page. If you like, write a few lines about what happened. They go "
                "into your journal, linked to this commitment, and stay private."
            ).format(helpers=helpers)
            self.questions = (
                (
                    self.tr("What happened?"),
                    self.tr("What was going on around it"),
                    self.tr("What happened?"),
                ),
                (
                    self.tr("What will help you stop next time?"),
                    self.tr("Who you will call, where you will go, what you will do instead"),
                    self.tr("What will help me stop next time?"),
                ),
            )
        else:
            self.setWindowTitle(self.tr("A step back"))
            heading_text = self.tr("A slip is part of changing, not the end of it.")
            intro_text = self.tr(
                "If it helps, write a few lines about it. They go into your journal, linked to "
                "this commitment, and stay private. You can also skip this."
            )
            self.questions = (
                (
                    self.tr("What happened?"),
                    self.tr("What was going on around the slip"),
                    self.tr("What happened?"),
                ),
                (
                    self.tr("What will you try next time?"),
                    self.tr("One small thing to do differently"),
                    self.tr("What will I try next time?"),
                ),
            )
        self.heading = QLabel(heading_text)
        self.heading.setFont(theme.heading_font(self.font(), 1.15))
        self.heading.setWordWrap(True)
        self.intro = theme.MutedLabel(intro_text)
        self.intro.setWordWrap(True)
        commitment_label = theme.MutedLabel(
            self.tr("Commitment: {action}").format(action=self.action)
        )
        commitment_label.setWordWrap(True)
        commitment_label.setTextFormat(Qt.TextFormat.PlainText)
        # For a goal that must stop, the user's own plan for getting help, right when it counts.
        note = goal.support_note if goal.must_stop else ""
        self.support = QLabel(self.tr("Your support: {note}").format(note=note) if note else "")
        self.support.setWordWrap(True)
        self.support.setTextFormat(Qt.TextFormat.PlainText)
        self.support.setAccessibleName(self.tr("Your support note"))
        self.support.setVisible(bool(note))

        # Each question: as asked here, its hint, and as it reads in the journal entry.
        happened, next_time = (self._field(q[0], q[1]) for q in self.questions)
        self.what_happened, self.next_time = happened[1], next_time[1]
        self.status = theme.StatusLabel(self.tr("Saving problem"))

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Save to journal"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.skip_button = buttons.addButton(
            self.tr("Skip"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setAccessibleName(self.tr("Save these notes to the journal"))
        self.skip_button.setAccessibleName(self.tr("Skip without writing anything"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # A goal that must stop: people to talk to, one step away, right after a slip.
        self.support_button: QPushButton | None = None
        if goal.must_stop:
            self.support_button = buttons.addButton(
                self.tr("Support…"), QDialogButtonBox.ButtonRole.HelpRole
            )
            self.support_button.setAccessibleName(self.tr("Open support lines and your people"))
            self.support_button.clicked.connect(self.open_support)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(commitment_label)
        layout.addWidget(self.support)
        layout.addSpacing(4)
        for label, field in (happened, next_time):
            layout.addWidget(label)
            layout.addWidget(field)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setTabOrder(self.what_happened, self.next_time)
        self.setTabOrder(self.next_time, self.save_button)
        self.setTabOrder(self.save_button, self.skip_button)
        if self.support_button is not None:
            self.setTabOrder(self.skip_button, self.support_button)
        self.what_happened.setFocus()

    def open_support(self) -> QDialog:
        from reconcile_desktop.ui.widgets.support_dialog import open_support

        return open_support(self, self.vault, self.ops)

    def _field(self, label: str, placeholder: str) -> tuple[QLabel, QPlainTextEdit]:
        field = QPlainTextEdit()
        field.setTabChangesFocus(True)
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(label)
        field.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        caption = QLabel(label)
        caption.setBuddy(field)
        return caption, field

    def body(self) -> str:
        """The entry's text: each answered question with its answer."""
        parts = []
        for (_asked, _hint, question), field in zip(
            self.questions, (self.what_happened, self.next_time), strict=True
        ):
            answer = field.toPlainText().strip()
            if answer:
                parts.append(f"{question}\n{answer}")
        return "\n\n".join(parts)

    def entry_title(self) -> str:
        action = (
            self.action
            if len(self.action) <= MAX_ACTION_IN_TITLE
            else (self.action[: MAX_ACTION_IN_TITLE - 1].rstrip() + "…")
        )
        return self.tr("After a slip: {action}").format(action=action)

    def accept(self) -> None:
        text = self.body()
        if not text:  # nothing written: the same as skipping
            self.reject()
            return
        self.save_button.setEnabled(False)
        self.status.say("")
        self.ops.mutate(
            journal.add_entry,
            self.vault,
            text,
            title=self.entry_title(),
            principle="change",
            commitment_id=self.commitment_id,
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, entry) -> None:
        if not isValid(self) or not self.isVisible():  # closed by a lock: saved all the same
            return
        self.entry_id = entry.id
        self._forget()
        self.saved.emit(entry.id)
        super().accept()

    def _failed(self, exc: ReconcileError) -> None:
        if not isValid(self) or not self.isVisible():
            return
        self.save_button.setEnabled(True)  # the words stay in the boxes for another try
        self.status.say(exc.sentence, problem=True)

    def reject(self) -> None:
        self._forget()
        super().reject()

    def _forget(self) -> None:
        self.what_happened.clear()
        self.next_time.clear()
