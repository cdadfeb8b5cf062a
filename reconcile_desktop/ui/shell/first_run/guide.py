"""The getting-started guide: a short dialog of four steps, each one skippable, shown once
after a journal is created and again from Help > Getting started….

Whether it was offered is remembered inside the vault (core.vault_settings), so it does not
come back at every unlock, and a demo or a second computer sees the journal's own answer.
Every write goes through the window's ops, so each page hears what the guide changed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage import vault_settings
from reconcile_desktop.ui.shell.first_run.steps import (
    GoalStep,
    NoContactStep,
    PrinciplesStep,
    Step,
    WorksheetStep,
)
from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


class FirstRunGuide(QDialog):
    """Skip closes it at any step (rejected); Finish or "Open the worksheet" accept it.
    `worksheet_requested` asks the window to open the worksheet in the Journal."""

    worksheet_requested = Signal()

    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.vault = vault
        self._applying = False  # a step's write is on its way: Next waits for it
        self._closed = False
        self.setWindowTitle(self.tr("Getting started"))
        self.setAccessibleName(self.tr("Getting started"))
        self.setMinimumSize(560, 440)
        self.resize(620, 460)

        self.principles = PrinciplesStep(ops, vault)
        self.no_contact = NoContactStep(ops, vault)
        self.goal = GoalStep(ops, vault)
        self.worksheet = WorksheetStep(ops, vault)
        self.steps: list[Step] = [self.principles, self.no_contact, self.goal, self.worksheet]
        self.worksheet.open_requested.connect(self._open_worksheet)

        self.counter = theme.MutedLabel()
        self.heading = QLabel()
        self.heading.setFont(theme.heading_font(self.font(), 1.4))
        self.stack = QStackedWidget()
        for step in self.steps:
            self.stack.addWidget(step)
            step.changed.connect(self._update_buttons)

        self.skip_button = QPushButton(self.tr("S&kip the guide"))
        self.skip_button.setAutoDefault(False)
        self.skip_button.setToolTip(self.tr("You can open it again from Help > Getting started"))
        self.skip_button.clicked.connect(self.reject)
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(self.counter)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.go_to(0)

    @property
    def index(self) -> int:
        return self.stack.currentIndex()

    def current(self) -> Step:
        return self.steps[self.index]

    def go_to(self, index: int) -> None:
        index = max(0, min(index, len(self.steps) - 1))
        self.stack.setCurrentIndex(index)
        step = self.steps[index]
        step.refresh()
        self.heading.setText(step.heading)
        self.counter.setText(
            self.tr("Step {n} of {total}").format(n=index + 1, total=len(self.steps))
        )
        self._update_buttons()
        # The step's own field when it has one, otherwise Next: never Skip, where a stray
        # Space would close the guide for good.
        field = step.focus_widget()
        (field if field is not None and field.isEnabled() else self.next_button).setFocus()

    def _update_buttons(self) -> None:
        self.back_button.setEnabled(self.index > 0 and not self._applying)
        self.next_button.setEnabled(not self._applying)
        self.next_button.setText(self.current().next_label())

    def next(self) -> None:
        if self._applying:
            return
        self._applying = True
        self._update_buttons()
        step = self.current()
        step.apply(lambda ok: self._settled(step, ok))

    def _settled(self, step: Step, ok: bool) -> None:
        self._applying = False
        if self._closed or step is not self.current():
            return  # closed (skipped, or a lock) while the step was saving
        self._update_buttons()
        if not ok:
            return
        if self.index == len(self.steps) - 1:
            self.accept()
        else:
            self.go_to(self.index + 1)

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def back(self) -> None:
        self.go_to(self.index - 1)

    def _open_worksheet(self) -> None:
        self.accept()
        self.worksheet_requested.emit()


def _vault_is_empty(vault: Vault) -> bool:
    return (
        not journal.has_entries(vault)
        and not plans.goals(vault, include_archived=True)
        and not nocontact.periods(vault)
    )


def should_offer(vault: Vault, ops: Ops, *, just_created: bool) -> bool:
    """Offer once: after creating a journal, or on first unlock of one made elsewhere (for
    example with `reconcile init`) that is still empty."""
    try:
        if vault_settings.guide_offered(vault):
            return False
        if just_created or _vault_is_empty(vault):
            return True
    except ReconcileError as exc:
        log.warning("Could not read whether the guide was offered: %s", type(exc).__name__)
        return False
    # A journal that already holds something never needs the guide pushed at it: remember
    # that, so later unlocks skip even this check.
    _remember_offered(vault, ops)
    return False


def _remember_offered(vault: Vault, ops: Ops) -> None:
    def failed(exc: ReconcileError) -> None:
        log.warning("Could not remember that the guide was offered: %s", type(exc).__name__)

    ops.mutate(vault_settings.mark_guide_offered, vault, on_error=failed)


def open_guide(window: MainWindow) -> FirstRunGuide:
    """Open the guide over the window (window-modal). Its steps write through the window's
    ops, so the pages hear of each write as it lands."""
    _remember_offered(window.vault, window.ops)
    guide = FirstRunGuide(window.ops, window.vault, window)
    guide.finished.connect(guide.deleteLater)
    guide.worksheet_requested.connect(lambda: _start_worksheet(window))
    guide.open()
    return guide


def _start_worksheet(window: MainWindow) -> None:
    journal_page = window.page("journal")
    if journal_page is not None and hasattr(journal_page, "new_worksheet"):
        window.show_page_key("journal")
        journal_page.new_worksheet()
