""" "Should I even try?": the worksheet as a form of short texts and lists.

The entry stores worksheet_to_markdown(answers) as its body. An entry opens here again only
when its text reads back to exactly the same Markdown, so nothing the user wrote by hand
outside the form can be dropped; otherwise it stays plain text in the editor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.journal import hurt_answers as safety
from reconcile_desktop.core.journal import prompts
from reconcile_desktop.core.journal.prompts import WorksheetSection
from reconcile_desktop.ui.widgets import theme


def answers_from_body(body: str) -> dict[str, Any] | None:
    """The answers in an entry body, or None when the form could not show all of it."""
    try:
        answers = prompts.worksheet_from_markdown(body)
        if prompts.worksheet_to_markdown(answers) != body:
            return None
    except ValueError:
        return None
    for value in answers.values():
        for item in value if isinstance(value, list) else ():
            text = item if isinstance(item, str) else item["item"]
            if "\n" in text or "\r" in text:  # a one-line field cannot hold it
                return None
    return answers


def has_content(answers: dict[str, Any]) -> bool:
    for value in answers.values():
        if isinstance(value, str) and value.strip():
            return True
        if isinstance(value, list) and value:
            return True
    return False


class _Line(QLineEdit):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Return adds a line here; it must not reach the Save button


class _ItemRow(QWidget):
    def __init__(self, owner: ListField, text: str, can_change: str | None) -> None:
        super().__init__()
        self.line = _Line(text)
        self.line.setAccessibleName(owner.section.title)
        self.line.setPlaceholderText(self.tr("One thing…"))
        self.line.returnPressed.connect(lambda: owner.add_item(after=self))
        self.change: QComboBox | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        if can_change is not None:
            self.change = QComboBox()
            self.change.setAccessibleName(self.tr("Can this change?"))
            for key, label in (
                ("unsure", self.tr("Not sure yet")),
                ("yes", self.tr("Can change")),
                ("no", self.tr("Can't change")),
            ):
                self.change.addItem(label, key)
            self.change.setCurrentIndex(max(0, self.change.findData(can_change)))
            row.addWidget(self.change)
        remove = QPushButton("×")
        remove.setFlat(True)
        remove.setFixedWidth(remove.sizeHint().height())
        remove.setAccessibleName(self.tr("Remove this line"))
        remove.setToolTip(self.tr("Remove this line"))
        remove.clicked.connect(lambda: owner.remove_item(self))
        row.addWidget(remove)


class ListField(QWidget):
    """A list of one-line items; "list-with-change" items also say whether they can change."""

    def __init__(self, section: WorksheetSection) -> None:
        super().__init__()
        self.section = section
        self.rows: list[_ItemRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        add = QPushButton(self.tr("Add a line"))
        add.setAccessibleName(self.tr("Add a line to “{title}”").format(title=section.title))
        add.clicked.connect(lambda: self.add_item())
        bar = QHBoxLayout()
        bar.addWidget(add)
        bar.addStretch(1)
        self._layout.addLayout(bar)

    @property
    def with_change(self) -> bool:
        return self.section.type == "list-with-change"

    def add_item(
        self, text: str = "", can_change: str = "unsure", after: _ItemRow | None = None
    ) -> _ItemRow:
        row = _ItemRow(self, text, can_change if self.with_change else None)
        index = self.rows.index(after) + 1 if after in self.rows else len(self.rows)
        self.rows.insert(index, row)
        self._layout.insertWidget(index, row)
        if after is not None:
            row.line.setFocus()
        return row

    def remove_item(self, row: _ItemRow) -> None:
        self.rows.remove(row)
        row.hide()
        self._layout.removeWidget(row)
        row.deleteLater()
        if not self.rows:
            self.add_item()

    def value(self) -> list[Any]:
        out: list[Any] = []
        for row in self.rows:
            text = row.line.text().strip()
            if not text:
                continue
            if row.change is not None:
                out.append({"item": text, "can_change": row.change.currentData()})
            else:
                out.append(text)
        return out

    def set_value(self, items: list[Any]) -> None:
        for row in self.rows:
            row.hide()
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for item in items:
            if isinstance(item, dict):
                self.add_item(item["item"], item["can_change"])
            else:
                self.add_item(item)
        if not self.rows:
            self.add_item()


class TextField(QPlainTextEdit):
    def __init__(self, section: WorksheetSection) -> None:
        super().__init__()
        self.section = section
        self.setAccessibleName(section.title)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 16)

    def value(self) -> str:
        text = self.toPlainText()
        return text if text.strip() else ""

    def set_value(self, text: str) -> None:
        self.setPlainText(text)


class YesNoField(QComboBox):
    """One plain question: unanswered, yes, no or not sure."""

    def __init__(self, section: WorksheetSection) -> None:
        super().__init__()
        self.section = section
        self.setAccessibleName(section.title)
        self.addItem(self.tr("(no answer)"), "")
        for value, text in zip(
            prompts.YES_NO, (self.tr("Yes"), self.tr("No"), self.tr("Not sure")), strict=True
        ):
            self.addItem(text, value)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def value(self) -> str:
        return self.currentData()

    def set_value(self, value: str) -> None:
        self.setCurrentIndex(max(0, self.findData(value)))


class HarmNote(QFrame):
    """Shown when the answers say the user was afraid, controlled or hurt."""

    support_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("harm-note")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(
            self.tr(
                "What you describe matters. Being afraid, controlled or hurt is not your fault, "
                "and mending it is not your job. Trying again may not be safe. You deserve "
                "support for yourself, whatever you decide."
            )
        )
        text.setWordWrap(True)
        text.setAccessibleName(self.tr("A note about your safety"))
        self.button = QPushButton(self.tr("Support…"))
        self.button.setAccessibleName(self.tr("Open the support lines"))
        self.button.clicked.connect(self.support_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        self.hide()


class WorksheetDialog(QDialog):
    """Fill in or revisit the worksheet. After it closes, `discarded` tells the editor whether
    the user pressed "Discard changes"; any other close (Save, Escape, the window's close
    button, the app locking) keeps what was written."""

    def __init__(self, answers: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.sheet = prompts.load_worksheet()
        self.discarded = False
        self.setWindowTitle(self.sheet.title)
        self.setAccessibleName(self.sheet.title)
        self.resize(720, 640)
        self.fields: dict[str, ListField | TextField | YesNoField] = {}
        self.harm_note = HarmNote()

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(20, 18, 20, 18)
        column.setSpacing(6)
        heading = QLabel(self.sheet.title)
        heading.setFont(theme.heading_font(self.font(), 1.4))
        intro = theme.MutedLabel(self.sheet.intro)
        intro.setWordWrap(True)
        column.addWidget(heading)
        column.addWidget(intro)
        for section in self.sheet.sections:
            column.addSpacing(14)
            title = QLabel(section.title)
            title.setFont(theme.heading_font(self.font(), 1.1))
            help_text = theme.MutedLabel(section.help)
            help_text.setWordWrap(True)
            field = _field_for(section)
            if not isinstance(field, ListField):
                title.setBuddy(field)
            if isinstance(field, YesNoField):
                field.currentIndexChanged.connect(self._show_harm_note)
            self.fields[section.id] = field
            column.addWidget(title)
            column.addWidget(help_text)
            column.addWidget(
                field, 0 if not isinstance(field, YesNoField) else Qt.AlignmentFlag.AlignLeft
            )
            if section.id == self._last_yes_no():
                column.addSpacing(8)
                column.addWidget(self.harm_note)
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setAccessibleName(self.tr("Worksheet questions"))

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Save worksheet"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.discard_button = buttons.addButton(
            self.tr("Discard changes"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.discard_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.discard)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.setContentsMargins(20, 0, 20, 0)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.set_answers(answers or {})
        self._start = self.answers()

    def _last_yes_no(self) -> str | None:
        asked = [s.id for s in self.sheet.sections if s.type == "yes-no"]
        return asked[-1] if asked else None

    def _show_harm_note(self) -> None:
        self.harm_note.setVisible(safety.answers_suggest_harm(self.answers()))

    def set_answers(self, answers: dict[str, Any]) -> None:
        for section in self.sheet.sections:
            field = self.fields[section.id]
            empty: Any = [] if isinstance(field, ListField) else ""
            field.set_value(answers.get(section.id, empty))
        self._show_harm_note()

    def answers(self) -> dict[str, Any]:
        return {key: field.value() for key, field in self.fields.items()}

    @property
    def changed(self) -> bool:
        return self.answers() != self._start

    def discard(self) -> None:
        self.discarded = True
        self.reject()

    def clear_sensitive(self) -> None:
        for field in self.fields.values():
            field.set_value([] if isinstance(field, ListField) else "")
            if isinstance(field, TextField):
                field.document().clearUndoRedoStacks()
        self.harm_note.hide()


def _field_for(section: WorksheetSection) -> ListField | TextField | YesNoField:
    if section.type == "text":
        return TextField(section)
    if section.type == "yes-no":
        return YesNoField(section)
    return ListField(section)


class WorksheetBar(QWidget):
    """The strip above a worksheet entry's text: opens the form, or says why it cannot.

    Emits answered(markdown) when the form closes with answers worth keeping; the editor
    puts that text in the entry and saves it.
    """

    answered = Signal(str)
    support_requested = Signal()  # from the harm note, here or in the form

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialog: WorksheetDialog | None = None
        self._keep_empty = False
        self.note = theme.MutedLabel()
        self.note.setWordWrap(True)
        self.button = QPushButton(self.tr("Open the worksheet"))
        self.button.setAccessibleName(self.tr("Open this entry as a worksheet"))
        self.harm_note = HarmNote()
        self.harm_note.support_requested.connect(self.support_requested)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.harm_note)

    def show_for(self, body: str, *, editable: bool) -> None:
        answers = answers_from_body(body) if body.strip() else {}
        usable = answers is not None
        self.button.setEnabled(usable and editable)
        self.note.setText(
            self.tr("Your answers, as a form you can come back to.")
            if usable
            else self.tr("This worksheet was changed by hand, so it stays as plain text here.")
        )
        self.harm_note.setVisible(bool(answers) and safety.answers_suggest_harm(answers))

    def open_form(self, body: str, *, keep_empty: bool) -> WorksheetDialog | None:
        """Open the form on the answers in body (None if it cannot show them all).
        keep_empty: an existing entry may be emptied; a new one is never written empty."""
        if self.dialog is not None:
            return self.dialog
        answers = answers_from_body(body) if body.strip() else {}
        if answers is None:
            return None
        dialog = WorksheetDialog(answers, self.window())
        dialog.harm_note.support_requested.connect(self.support_requested)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog, self._keep_empty = dialog, keep_empty
        dialog.open()
        return dialog

    def close_keeping(self) -> None:
        """Close the form, keeping what was written (used when the app locks)."""
        if self.dialog is not None:
            self._closed(self.dialog)

    def _closed(self, dialog: WorksheetDialog) -> None:
        if self.dialog is not dialog:
            return  # already handled: locking keeps the answers first, then closes
        self.dialog = None
        answers = dialog.answers()
        worth = self._keep_empty or has_content(answers)
        if not dialog.discarded and dialog.changed and worth:
            self.answered.emit(prompts.worksheet_to_markdown(answers))
        dialog.clear_sensitive()
        if dialog.isVisible():
            dialog.reject()
        dialog.deleteLater()
