"""Browse the prompt library by principle and step; today's prompt comes first."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.journal import prompts
from reconcile_desktop.core.journal.prompts import Prompt
from reconcile_desktop.ui.widgets import theme

_PRINCIPLES = dict(prompts.PRINCIPLES)
_STEPS = dict(prompts.STEPS)


def entry_kwargs(prompt: Prompt) -> dict[str, Any]:
    """What EntryEditor.new_entry needs to start writing on this prompt."""
    title = prompts.load_worksheet().title if prompt.kind == "worksheet" else prompt.title
    return {
        "kind": prompt.kind,  # "prompted", "letter" or "worksheet": all entry kinds too
        "prompt_id": prompt.id,
        "title": title,
        "principle": prompt.principle,
    }


class PromptPicker(QDialog):
    """Emits chosen(Prompt) and closes when the user picks a prompt to write on."""

    chosen = Signal(object)

    def __init__(
        self, today: dt.date, parent: QWidget | None = None, *, gentle: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a prompt"))
        self.setAccessibleName(self.tr("Choose a prompt"))
        self.resize(640, 560)
        # The same prompt as on Today; every prompt stays listed, to choose freely.
        self.today_prompt = prompts.prompt_of_the_day(today, gentle=gentle)
        self._kind_words = {
            "letter": self.tr("Unsent letter"),
            "worksheet": self.tr("Worksheet"),
        }

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(self._today_card())

        self.principle = QComboBox()
        self.principle.setAccessibleName(self.tr("Show prompts for principle"))
        self.principle.addItem(self.tr("All principles"), None)
        for key, label in prompts.PRINCIPLES:
            self.principle.addItem(self.tr(label), key)
        self.step = QComboBox()
        self.step.setAccessibleName(self.tr("Show prompts for step"))
        self.step.addItem(self.tr("All steps"), None)
        for key, label in prompts.STEPS:
            self.step.addItem(self.tr(label), key)
        filters = QHBoxLayout()
        for text, combo in ((self.tr("&Principle"), self.principle), (self.tr("&Step"), self.step)):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        layout.addLayout(filters)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Prompts"))
        self.list.setUniformItemSizes(True)
        self._row_height = self.fontMetrics().height() + 12
        layout.addWidget(self.list, 1)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAccessibleName(self.tr("The chosen prompt"))
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.preview)

        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton(
            self.tr("Start writing"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setAccessibleName(self.tr("Start writing on the chosen prompt"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._start_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.principle.currentIndexChanged.connect(self._fill)
        self.step.currentIndexChanged.connect(self._fill)
        self.list.currentItemChanged.connect(self._show_selected)
        self.list.itemActivated.connect(lambda _item: self._start_selected())
        self._fill()

    def _today_card(self) -> QFrame:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setAccessibleName(self.tr("Today's prompt"))
        inner = QVBoxLayout(card)
        inner.setContentsMargins(14, 12, 14, 12)
        caption = theme.MutedLabel(self.tr("Today's prompt"))
        title = QLabel(self.today_prompt.title)
        title.setFont(theme.heading_font(self.font(), 1.15))
        title.setWordWrap(True)
        text = QLabel(self.today_prompt.text)
        text.setWordWrap(True)
        self.today_button = QPushButton(self.tr("Write about this"))
        self.today_button.setAccessibleName(self.tr("Write about today's prompt"))
        self.today_button.clicked.connect(lambda: self.choose(self.today_prompt.id))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.today_button)
        for widget in (caption, title, text):
            inner.addWidget(widget)
        inner.addLayout(row)
        return card

    def shown_ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _fill(self) -> None:
        matching = prompts.prompts_for(self.principle.currentData(), self.step.currentData())
        # Today's prompt leads whenever it matches the filters.
        ordered = sorted(matching, key=lambda p: p.id != self.today_prompt.id)
        self.list.clear()
        for p in ordered:
            label = p.title
            if p.kind in self._kind_words:
                label = f"{p.title}  ·  {self._kind_words[p.kind]}"
            if p.id == self.today_prompt.id:
                label = self.tr("{title}  ·  today").format(title=label)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setToolTip(p.text)
            item.setSizeHint(QSize(0, self._row_height))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.preview.setText(self.tr("No prompts match both choices. Try “All steps”."))
        self.start_button.setEnabled(self.list.count() > 0)

    def _show_selected(self, item: QListWidgetItem | None) -> None:
        prompt = prompts.get_prompt(item.data(Qt.ItemDataRole.UserRole)) if item else None
        if prompt is None:
            self.preview.setText("")
            return
        where = f"{self.tr(_PRINCIPLES[prompt.principle])}  ·  {self.tr(_STEPS[prompt.step])}"
        self.preview.setText(
            f"<b>{html.escape(prompt.title)}</b><br>{html.escape(prompt.text)}"
            f"<br><span style='color:{theme.muted(self.palette()).name()}'>"
            f"{html.escape(where)}</span>"
        )

    def _start_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.choose(item.data(Qt.ItemDataRole.UserRole))

    def choose(self, prompt_id: str) -> None:
        prompt = prompts.get_prompt(prompt_id)
        if prompt is None:
            return
        self.accept()
        self.chosen.emit(prompt)
