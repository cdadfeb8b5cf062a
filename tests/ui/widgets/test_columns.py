"""Two columns that fold into one, a splitter that folds, a dialog that grows with its words."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from reconcile_desktop.ui.widgets.columns import FoldingSplitter, TwoColumns
from reconcile_desktop.ui.widgets.fit_content import keep_fitted
from tests.ui.layout_check import settle


def column(width: int) -> QWidget:
    widget = QWidget()
    widget.setMinimumSize(width, 50)
    return widget


def test_two_columns_fold_below_the_width_both_need_and_unfold_above(qtbot):
    first, second = column(200), column(150)
    columns = TwoColumns(first, second, spacing=10)
    qtbot.addWidget(columns)
    columns.resize(400, 200)
    columns.show()
    settle()
    assert not columns.folded
    assert second.mapTo(columns, QPoint(0, 0)).x() >= first.width()

    columns.resize(300, 200)  # under 200 + 10 + 150
    settle()
    assert columns.folded
    assert second.mapTo(columns, QPoint(0, 0)).y() >= first.height()
    assert second.width() <= columns.width()

    columns.resize(400, 200)
    settle()
    assert not columns.folded


def test_two_columns_ask_only_for_the_wider_column_so_a_parent_can_fold_them(qtbot):
    columns = TwoColumns(column(200), column(150), spacing=10, min_widths=(260, 0))
    assert columns.minimumSizeHint().width() == 200
    assert columns.fold_width() == 260 + 10 + 150


def test_a_splitter_folds_below_its_parts_widths_and_unfolds_as_it_was(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    splitter = FoldingSplitter()
    splitter.addWidget(column(200))
    splitter.addWidget(column(300))
    QVBoxLayout(holder).addWidget(splitter)
    holder.resize(700, 400)
    holder.show()
    settle()
    assert not splitter.folded
    splitter.setSizes([260, 420])
    before = splitter.sizes()
    holder.resize(450, 400)
    settle()
    assert splitter.width() < 500
    assert splitter.folded
    top, bottom = splitter.sizes()
    assert bottom > top
    holder.resize(700, 400)
    settle()
    assert not splitter.folded
    assert splitter.sizes() == before  # the split the user had, back again


def test_a_kept_fitted_dialog_grows_when_a_long_sentence_appears(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    note = QLabel("A short note.")
    note.setWordWrap(True)
    layout.addWidget(note)
    layout.addStretch(1)
    keep_fitted(dialog)
    dialog.resize(240, 60)
    dialog.show()
    settle()
    note.setText("A much longer sentence that needs several lines at this width. " * 4)
    settle()
    assert note.height() >= note.heightForWidth(note.width())
    assert dialog.height() >= dialog.heightForWidth(dialog.width())
