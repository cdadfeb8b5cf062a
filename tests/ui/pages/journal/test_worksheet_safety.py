"""The worksheet's plain questions for someone who may have been hurt: a yes shows a gentle
note that fixing it is not their job, with a way to support, in the form and above the entry."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reconcile_desktop.core.journal import prompts
from reconcile_desktop.ui.pages.journal.worksheet_dialog import (
    WorksheetBar,
    WorksheetDialog,
    YesNoField,
)


def test_a_yes_to_any_harm_question_shows_the_note_and_support(qtbot):
    dialog = WorksheetDialog({})
    qtbot.addWidget(dialog)
    dialog.show()
    questions = {k: f for k, f in dialog.fields.items() if isinstance(f, YesNoField)}
    assert set(questions) == {"afraid-of-them", "controlled-by-them", "hurt-by-them"}
    assert not dialog.harm_note.isVisibleTo(dialog)

    questions["hurt-by-them"].set_value("not sure")
    assert not dialog.harm_note.isVisibleTo(dialog)
    questions["hurt-by-them"].set_value("yes")
    assert dialog.harm_note.isVisibleTo(dialog)
    assert "not your fault" in _text(dialog.harm_note)
    assert "may not be safe" in _text(dialog.harm_note)
    with qtbot.waitSignal(dialog.harm_note.support_requested):
        dialog.harm_note.button.click()
    assert dialog.answers()["hurt-by-them"] == "yes"
    questions["hurt-by-them"].set_value("no")
    assert not dialog.harm_note.isVisibleTo(dialog)


def test_the_saved_answers_keep_the_note_above_the_entry(qtbot):
    bar = WorksheetBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.show_for(prompts.worksheet_to_markdown({"why-it-ended": "We drifted."}), editable=True)
    assert not bar.harm_note.isVisibleTo(bar)
    bar.show_for(prompts.worksheet_to_markdown({"afraid-of-them": "yes"}), editable=True)
    assert bar.harm_note.isVisibleTo(bar)
    with qtbot.waitSignal(bar.support_requested):
        bar.harm_note.button.click()

    dialog = bar.open_form(
        prompts.worksheet_to_markdown({"afraid-of-them": "yes"}), keep_empty=True
    )
    assert dialog is not None and dialog.harm_note.isVisibleTo(dialog)
    with qtbot.waitSignal(bar.support_requested):  # the form's note reaches the same place
        dialog.harm_note.button.click()
    bar.close_keeping()


def _text(widget: QWidget) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in widget.findChildren(QLabel))
