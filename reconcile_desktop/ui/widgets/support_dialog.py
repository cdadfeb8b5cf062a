"""Help > Support…: crisis, abuse and stop-hurting lines for a country, offline, and the
user's own people (kept encrypted in the journal).

open_support(parent) is the one call other screens need (the slip follow-up of a goal that
must stop, the worksheet when its answers suggest fear or harm). The chosen country is kept
in QSettings as a plain two-letter code: it says nothing private. The people are not: they
are read from and written to the vault only, and dropped when the dialog closes.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core import support
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.widgets.fit_content import keep_fitted

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

OTHER = ""  # the chooser's "another country" entry: the directory only


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("SupportDialog", text)


class PersonDialog(QDialog):
    """Add or edit one of the user's own people. `chosen` carries the person on save."""

    chosen = Signal(object)

    def __init__(self, person: support.Person | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_fitted(self)  # an error shown later grows the dialog, never squeezes it
        self.setWindowTitle(self.tr("Edit a person") if person else self.tr("Add a person"))
        self.setMinimumWidth(380)
        self.name = QLineEdit(person.name if person else "")
        self.name.setMaxLength(support.MAX_NAME)
        self.name.setPlaceholderText(self.tr("A friend, a sister, your therapist"))
        self.name.setAccessibleName(self.tr("Name"))
        self.reach = QLineEdit(person.reach if person else "")
        self.reach.setMaxLength(support.MAX_REACH)
        self.reach.setPlaceholderText(self.tr("A number, an address, a time you can call"))
        self.reach.setAccessibleName(self.tr("How to reach them"))
        self.note = QPlainTextEdit(person.note if person else "")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("Anything that helps, such as what to say first"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.status = theme.StatusLabel(self.tr("Problem with this person"))

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("How to &reach them:"), self.reach)
        form.addRow(self.tr("N&ote:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.name.setFocus()

    def person(self) -> support.Person:
        return support.Person(self.name.text(), self.reach.text(), self.note.toPlainText())

    def accept(self) -> None:
        if not self.name.text().strip():
            self.status.say(self.tr("Give a name, so you know who this is."), problem=True)
            self.name.setFocus()
            return
        self.chosen.emit(self.person())
        super().accept()


class SupportDialog(QDialog):
    def __init__(
        self,
        vault: Vault | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        ops: Ops | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.ops = ops
        self.settings = settings if settings is not None else QSettings()
        self.data = support.load()
        self.people: list[support.Person] = []
        self.person_dialog: PersonDialog | None = None
        self.setWindowTitle(self.tr("Support"))
        self.setMinimumSize(460, 420)
        keep_fitted(self)  # an error shown later grows the dialog, never squeezes it

        heading = QLabel(self.tr("You don't have to carry this alone."))
        heading.setFont(theme.heading_font(self.font(), 1.3))
        heading.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "These lines are answered by trained people who listen without judging. If you "
                "or someone else is in danger right now, call your local emergency number."
            )
        )
        intro.setWordWrap(True)

        self.country = QComboBox()
        self.country.setAccessibleName(self.tr("Country"))
        for code, name in sorted(self.data.countries.items(), key=lambda kv: kv[1]):
            self.country.addItem(name, code)
        self.country.addItem(self.tr("Another country (directory of helplines)"), OTHER)
        country_label = QLabel(self.tr("&Country:"))
        country_label.setBuddy(self.country)
        row = QHBoxLayout()
        row.addWidget(country_label)
        row.addWidget(self.country, 1)

        self.lines = QTextBrowser()
        self.lines.setOpenLinks(False)  # offline: addresses are shown to copy, never opened
        self.lines.setOpenExternalLinks(False)
        self.lines.setAccessibleName(self.tr("Support lines"))
        self.lines.setTabChangesFocus(True)
        self.lines.setMinimumHeight(160)
        self.checked_note = theme.MutedLabel()
        self.checked_note.setWordWrap(True)
        self.checked_note.setAccessibleName(self.tr("When these lines were checked"))

        people_heading = QLabel(self.tr("Your own people"))
        people_heading.setFont(theme.scaled_font(self.font(), 1.05, bold=True))
        self.people_note = theme.MutedLabel()
        self.people_note.setWordWrap(True)
        self.people_list = QListWidget()
        self.people_list.setAccessibleName(self.tr("Your own people"))
        self.people_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.add_button.setAccessibleName(self.tr("Add a person"))
        self.edit_button.setAccessibleName(self.tr("Edit the chosen person"))
        self.remove_button.setAccessibleName(self.tr("Remove the chosen person"))
        buttons_row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        self.status = theme.StatusLabel(self.tr("Saving problem"))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        # Return in the people list edits the chosen person; it must not also press a
        # default button (Add… would open a second editor, Close would shut the dialog).
        for button in (self.add_button, self.edit_button, self.remove_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.checked_note)
        layout.addSpacing(4)
        layout.addWidget(people_heading)
        layout.addWidget(self.people_note)
        layout.addWidget(self.people_list)
        layout.addLayout(buttons_row)
        layout.addWidget(self.status)
        layout.addWidget(close)

        self.country.currentIndexChanged.connect(self._country_changed)
        self.people_list.currentRowChanged.connect(self._update_buttons)
        self.people_list.itemActivated.connect(lambda _item: self.edit_person())
        self.people_list.installEventFilter(self)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.remove_button.clicked.connect(self.remove_person)

        self._choose(self._initial_country())
        self._show_lines()
        self._load_people()
        self.resize(self._default_size())
        self.country.setFocus()

    # -- the country and its lines ----------------------------------------------------------

    def _initial_country(self) -> str:
        stored = preferences.SUPPORT_COUNTRY.read(self.settings)
        if stored is not None:
            try:
                return support.normalize_country(stored) or OTHER
            except ReconcileError:
                pass
        return support.default_country() or OTHER

    def _choose(self, code: str) -> None:
        index = self.country.findData(code)
        self.country.blockSignals(True)
        self.country.setCurrentIndex(index if index >= 0 else self.country.count() - 1)
        self.country.blockSignals(False)

    def chosen_country(self) -> str | None:
        return self.country.currentData() or None

    def _country_changed(self) -> None:
        preferences.SUPPORT_COUNTRY.write(self.settings, self.country.currentData() or "")
        self._show_lines()

    def _show_lines(self) -> None:
        country = self.chosen_country()
        lines = support.lines_for(country, self.data)
        parts: list[str] = []
        if not lines:
            parts.append(
                "<p>"
                + html.escape(
                    self.tr(
                        "Reconcile has no checked lines for this country. The directory below "
                        "lists free helplines in every country."
                    )
                )
                + "</p>"
            )
        for kind in support.KINDS:
            of_kind = [line for line in lines if line.kind == kind]
            if of_kind:
                parts.append(f"<h3>{html.escape(_tr(support.KIND_TITLES[kind]))}</h3>")
                parts += [self._line_html(line) for line in of_kind]
        d = self.data.directory
        parts.append(f"<h3>{html.escape(self.tr('Helplines in every country'))}</h3>")
        parts.append(
            f"<p><b>{html.escape(d.organisation)}</b><br>{html.escape(d.web)}<br>"
            f"{html.escape(d.about)}</p>"
        )
        self.lines.setHtml("".join(parts))
        dates = sorted({line.checked for line in lines} | {d.checked})
        self.checked_note.setText(
            self.tr(
                "Checked on {date} — numbers can change, so check the organisation's page if a "
                "number does not work."
            ).format(date=dates[-1])
        )

    def _line_html(self, line: support.Line) -> str:
        reach = []
        if line.phone:
            reach.append(self.tr("Call {number}").format(number=line.phone))
        if line.text:
            reach.append(self.tr("Text {number}").format(number=line.text))
        if line.web:
            reach.append(line.web)
        rows = [f"<b>{html.escape(line.organisation)}</b>", html.escape(" · ".join(reach))]
        if line.hours:
            rows.append(html.escape(line.hours))
        rows.append(
            "<small>"
            + html.escape(
                self.tr("Checked on {date} against {page}").format(
                    date=line.checked, page=line.source
                )
            )
            + "</small>"
        )
        return "<p>" + "<br>".join(rows) + "</p>"

    # -- the user's own people, in the vault ------------------------------------------------

    def _can_keep_people(self) -> bool:
        return self.vault is not None and self.vault.is_unlocked

    def _load_people(self) -> None:
        self.people = []
        if self._can_keep_people():
            try:
                self.people = support.people(self.vault)
                self.people_note.setText(
                    self.tr(
                        "Friends, family or a therapist you can turn to. They are kept "
                        "encrypted in your journal, like everything else you write."
                    )
                )
            except ReconcileError as exc:
                self.status.say(exc.sentence, problem=True)
        else:
            self.people_note.setText(
                self.tr("Open your journal to keep your own people here, encrypted with it.")
            )
        self._fill_people()

    def _fill_people(self) -> None:
        self.people_list.clear()
        for person in self.people:
            text = person.name + (f" — {person.reach}" if person.reach else "")
            item = QListWidgetItem(text)
            if person.note:
                item.setToolTip(person.note)
            self.people_list.addItem(item)
        self.people_list.setVisible(bool(self.people))
        self._update_buttons()

    def _update_buttons(self) -> None:
        can = self._can_keep_people()
        picked = can and self.people_list.currentRow() >= 0
        self.add_button.setEnabled(can)
        self.edit_button.setEnabled(picked)
        self.remove_button.setEnabled(picked)

    def _save(self, write: Callable[..., list[support.Person]], *args: object) -> bool:
        # Through the window's write lane when there is one, so every view hears of it; the
        # list is tiny, so the dialog waits for the answer.
        try:
            if self.ops is not None:
                self.people = self.ops.mutate_now(write, self.vault, *args)
            else:
                self.people = write(self.vault, *args)
        except ReconcileError as exc:
            self.status.say(exc.sentence, problem=True)
            return False
        self.status.say("")
        self._fill_people()
        return True

    def add_person(self) -> PersonDialog:
        dialog = PersonDialog(None, self)
        dialog.chosen.connect(
            lambda person: (
                self._save(support.add_person, person)
                and self.people_list.setCurrentRow(len(self.people) - 1)
            )
        )
        return self._open(dialog)

    def edit_person(self) -> PersonDialog | None:
        row = self.people_list.currentRow()
        if not self._can_keep_people() or row < 0:
            return None
        dialog = PersonDialog(self.people[row], self)
        dialog.chosen.connect(
            lambda person: (
                self._save(support.replace_person, row, person)
                and self.people_list.setCurrentRow(row)
            )
        )
        return self._open(dialog)

    def remove_person(self) -> None:
        row = self.people_list.currentRow()
        if self._can_keep_people() and row >= 0:
            self._save(support.remove_person, row)

    def _open(self, dialog: PersonDialog) -> PersonDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._person_dialog_closed)
        self.person_dialog = dialog
        dialog.open()
        return dialog

    def _person_dialog_closed(self) -> None:
        self.person_dialog = None  # it deletes itself on close

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Return on a person edits it, and stops there: a list passes Return on to the dialog,
        # which would press the default button of the editor it just opened.
        if (
            watched is self.people_list
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.edit_person()
            return True
        return super().eventFilter(watched, event)

    # -- size and closing -------------------------------------------------------------------

    def _default_size(self):
        size = self.sizeHint().expandedTo(self.minimumSize())
        size.setWidth(max(size.width(), 600))
        size.setHeight(max(size.height(), 620))
        parent = self.parentWidget()
        if parent is not None:  # never larger than the window it belongs to
            room = parent.window().size()
            size.setWidth(min(size.width(), max(room.width() - 40, self.minimumWidth())))
            size.setHeight(min(size.height(), max(room.height() - 40, self.minimumHeight())))
        return size

    def done(self, result: int) -> None:
        # The people are private: drop them from the widgets as the dialog goes.
        self.people = []
        self.people_list.clear()
        super().done(result)


def _nearest(widget: QWidget | None, attr: str, kind: type) -> object | None:
    """The first `attr` of type `kind` on the widget or its parents (a slip dialog has the
    vault, the main window has the vault and the settings)."""
    while widget is not None:
        found = getattr(widget, attr, None)
        if isinstance(found, kind):
            return found
        widget = widget.parentWidget()
    return None


def open_support(
    parent: QWidget | None = None, vault: Vault | None = None, ops: Ops | None = None
) -> SupportDialog:
    """Open the Support dialog over `parent`. The vault and settings are found on `parent`
    or the window it sits in when not given, so any screen can call open_support(self)."""
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

    if vault is None:
        vault = _nearest(parent, "vault", Vault)  # type: ignore[assignment]
    if ops is None:
        ops = _nearest(parent, "ops", Ops)  # type: ignore[assignment]
    settings = _nearest(parent, "settings", QSettings)
    dialog = SupportDialog(vault, settings, parent=parent, ops=ops)  # type: ignore[arg-type]
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
