"""Create a journal, unlock it. The key derivation runs off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError, WrongPassphrase
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.widgets.fit_content import keep_fitted
from reconcile_desktop.ui.workers import busy_bar

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.workers import Runner

MIN_LENGTH = keyfile.MIN_PASSPHRASE_CHARS
FREE_TRIES = 2  # the third failure starts the pause
MAX_DELAY_SECONDS = 30


def unlock_delay_seconds(failures: int) -> int:
    """Pause after a failed unlock: none for the first two, then 1, 2, 4, 8, 16, 30, 30..."""
    if failures <= FREE_TRIES:
        return 0
    return min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_TRIES - 1))


def passphrase_problem(passphrase: str, again: str) -> str | None:
    """Why a new passphrase cannot be used yet, in one sentence; None when it can. The rule
    and its sentence are core's, the same that `reconcile init` and `passwd` apply."""
    problem = keyfile.new_passphrase_problem(passphrase)
    if problem:
        return problem
    if passphrase != again:
        return QCoreApplication.translate(
            "VaultDialogs", "The two passphrases are not the same yet. Please type them again."
        )
    return None


def strength_hint(passphrase: str) -> tuple[int, str]:
    """A rough level (0-4) from length and variety, and a kind word about it."""
    if not passphrase:
        return 0, QCoreApplication.translate(
            "VaultDialogs", "A short sentence only you would think of works well."
        )
    if keyfile.new_passphrase_problem(passphrase):
        return 0, QCoreApplication.translate(
            "VaultDialogs", "A little longer, please: at least {n} characters."
        ).format(n=MIN_LENGTH)
    kinds = sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() and not c.isspace() for c in passphrase),
        )
    )
    words = len(passphrase.split())
    score = 1
    score += len(passphrase) >= 12
    score += len(passphrase) >= 20
    score += words >= 4 or kinds >= 3
    if len(set(passphrase)) <= 3:  # "aaaaaaaa" is long but not strong
        score = 1
    score = min(score, 4)
    hints = {
        1: QCoreApplication.translate(
            "VaultDialogs", "That works. A few more words would make it much stronger."
        ),
        2: QCoreApplication.translate(
            "VaultDialogs", "Good. A longer phrase would be stronger still."
        ),
        3: QCoreApplication.translate(
            "VaultDialogs", "Strong. Make sure it is one you will remember."
        ),
        4: QCoreApplication.translate(
            "VaultDialogs", "Very strong. Make sure it is one you will remember."
        ),
    }
    return score, hints[score]


def passphrase_field(accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setMinimumWidth(260)
    return field


class _PassphraseDialog(QDialog):
    """Shared layout: a centred column with icon, heading, intro, fields, error, busy bar."""

    def __init__(
        self, vault: Vault, runner: Runner, heading: str, intro: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.runner = runner
        self._busy = False
        self.setWindowTitle(self.tr("Reconcile"))
        self.setModal(False)

        icon = QLabel()
        icon.setPixmap(theme.app_icon_pixmap(56, self.devicePixelRatioF()))
        icon.setAccessibleName(self.tr("Reconcile"))
        self.heading = QLabel(heading)
        self.heading.setFont(theme.heading_font(self.font(), 1.45))
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName(heading)
        self.intro = theme.MutedLabel(intro)
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName(self.tr("Explanation"))

        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)

        self.error_label = theme.StatusLabel(self.tr("Problem"))
        self.progress = busy_bar(self.tr("Working"))  # indeterminate: the KDF reports no progress
        self.busy_label = theme.MutedLabel()
        self.busy_label.setAccessibleName(self.tr("Status"))
        self.busy_label.hide()

        self.buttons = QDialogButtonBox()
        self.buttons.rejected.connect(self.reject)

        column = QWidget()
        column.setMinimumWidth(400)
        column.setMaximumWidth(480)
        inner = QVBoxLayout(column)
        self.column_layout = inner
        inner.setContentsMargins(28, 24, 28, 20)
        inner.setSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(14)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(self.heading)
        titles.addWidget(self.intro)
        titles.addStretch(1)
        top.addLayout(titles, 1)
        inner.addLayout(top)
        inner.addSpacing(6)
        inner.addLayout(self.form)
        self.extra = QVBoxLayout()  # subclasses add hints and warnings here
        self.extra.setSpacing(8)
        inner.addLayout(self.extra)
        inner.addWidget(self.error_label)
        inner.addWidget(self.busy_label)
        inner.addWidget(self.progress)
        inner.addSpacing(6)
        inner.addWidget(self.buttons)

        # Centred with stretches, not alignment flags, so wrapped text keeps its height
        # when the dialog is made large.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        keep_fitted(self)  # an error or a pause grows the dialog; nothing is squeezed

    # -- state shown to the user ------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def show_error(self, sentence: str) -> None:
        self.error_label.say(sentence, problem=True)

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() else ""

    def set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        for widget in self.findChildren(QLineEdit):
            widget.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.busy_label.setText(message)
        self.busy_label.setVisible(busy and bool(message))
        if busy:
            self.show_error("")

    # -- the key derivation cannot be cancelled half-way, so neither can the dialog ----------

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _failed(self, error: ReconcileError) -> None:
        self.set_busy(False)
        self.show_error(error.sentence)


class CreateVaultDialog(_PassphraseDialog):
    """First run: choose a passphrase; on success the vault is created and unlocked.
    `join_requested`: the journal already lives on another computer, in a sync folder."""

    join_requested = Signal()

    def __init__(self, vault: Vault, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(
            vault,
            runner,
            QCoreApplication.translate("VaultDialogs", "Create your private journal"),
            QCoreApplication.translate(
                "VaultDialogs",
                "Choose a passphrase to lock your journal. Everything you write is encrypted "
                "with it and stays on this computer.",
            ),
            parent,
        )
        self.passphrase = passphrase_field(self.tr("Passphrase"))
        self.confirm = passphrase_field(self.tr("Passphrase again"))
        self.form.addRow(self.tr("&Passphrase"), self.passphrase)
        self.form.addRow(self.tr("Type it &again"), self.confirm)

        self.strength = theme.MutedLabel()
        self.strength.setWordWrap(True)
        self.strength.setAccessibleName(self.tr("Passphrase strength"))
        self.extra.addWidget(self.strength)

        self.warning = QLabel(
            self.tr(
                "There is no way to recover a forgotten passphrase. Without it, nobody can "
                "open this journal, not even you, so keep it somewhere safe."
            )
        )
        self.warning.setWordWrap(True)
        self.warning.setFrameShape(QFrame.Shape.NoFrame)
        self.warning.setAutoFillBackground(True)
        self.warning.setContentsMargins(12, 10, 12, 10)
        self.warning.setAccessibleName(self.tr("Important"))
        self.extra.addWidget(self.warning)

        self.create_button = QPushButton(self.tr("Create journal"))
        self.create_button.setDefault(True)
        self.create_button.setAccessibleName(self.tr("Create journal"))
        self.create_button.clicked.connect(self.submit)
        cancel = self.buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName(self.tr("Not now"))
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.column_layout.addWidget(self._join_row())

        self.passphrase.textChanged.connect(self._update_strength)
        for field in (self.passphrase, self.confirm):
            field.textChanged.connect(self._edited)
        self._update_strength("")
        self._paint_warning()
        self.passphrase.setFocus()

    def _join_row(self) -> QWidget:
        """The third way in: the journal already lives on another computer."""
        self.join_note = theme.MutedLabel(self.tr("Is your journal already on another computer?"))
        self.join_note.setWordWrap(True)
        self.join_button = QPushButton(self.tr("Join from a sync folder…"))
        self.join_button.setAccessibleName(self.tr("Join a journal from a sync folder"))
        self.join_button.setToolTip(
            self.tr("Your journal lives on another computer that syncs it through a folder.")
        )
        self.join_button.clicked.connect(self.join_requested)
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 10, 0, 0)
        inner = QHBoxLayout()
        inner.addWidget(self.join_note, 1)
        inner.addWidget(self.join_button)
        layout.addLayout(inner)
        return row

    def _update_strength(self, text: str) -> None:
        _level, words = strength_hint(text)
        self.strength.setText(words)

    def _edited(self) -> None:
        # An error is about what was typed before; typing again answers it.
        self.show_error("")

    def show_error(self, sentence: str) -> None:
        super().show_error(sentence)
        # While an error speaks, the hint below the fields would say the same again.
        self.strength.setVisible(not sentence)

    def _paint_warning(self) -> None:
        c = theme.colors(theme.is_dark(self))
        pal = self.warning.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(c["warn_bg"]))
        pal.setColor(QPalette.ColorRole.WindowText, QColor(c["warn_text"]))
        self.warning.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "warning"):
            self._paint_warning()
        super().changeEvent(event)

    def submit(self) -> None:
        if self.busy:
            return
        passphrase, again = self.passphrase.text(), self.confirm.text()
        problem = passphrase_problem(passphrase, again)
        if problem:
            self.show_error(problem)
            too_short = keyfile.new_passphrase_problem(passphrase) is not None
            (self.passphrase if too_short else self.confirm).setFocus()
            return
        self.set_busy(True, self.tr("Setting up your journal. This takes a moment…"))
        self.runner.submit(
            lambda: self.vault.create(passphrase), on_result=self._created, on_error=self._failed
        )

    def _created(self, _result: object) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.confirm.clear()
        self.accept()


class UnlockDialog(_PassphraseDialog):
    """Asks for the passphrase; after repeated failures, pauses a little longer each time.

    `second_ms` is the length of one countdown second (tests make it tiny). `damaged`: a
    file of the journal is missing or damaged (found before asking); the dialog then says
    which one and offers "Restore from a backup…" instead of the passphrase field. The same
    offer appears when unlocking finds the damage. `restore_requested` asks for the restore.
    """

    restore_requested = Signal()

    def __init__(
        self,
        vault: Vault,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        locked: bool = False,
        second_ms: int = 1000,
        damaged: ReconcileError | None = None,
    ) -> None:
        if damaged is not None:
            heading = QCoreApplication.translate("VaultDialogs", "Your journal needs a backup")
            intro = QCoreApplication.translate(
                "VaultDialogs",
                "Reconcile found a problem with one of its files and changed nothing. "
                "A backup can bring your journal back.",
            )
        elif locked:
            heading = QCoreApplication.translate("VaultDialogs", "Reconcile is locked")
            intro = QCoreApplication.translate(
                "VaultDialogs",
                "Your journal is closed and your words are hidden. "
                "Enter your passphrase to continue.",
            )
        else:
            heading = QCoreApplication.translate("VaultDialogs", "Welcome back")
            intro = QCoreApplication.translate(
                "VaultDialogs", "Enter your passphrase to open your journal."
            )
        super().__init__(vault, runner, heading, intro, parent)
        self.failures = 0
        self._remaining = 0
        self.passphrase = passphrase_field(self.tr("Passphrase"))
        self.form.addRow(self.tr("&Passphrase"), self.passphrase)

        self.countdown = QLabel()
        self.countdown.setWordWrap(True)
        self.countdown.setAccessibleName(self.tr("Pause before the next try"))
        self.countdown.hide()
        # Below the error, so the sentence about the pause reads after the reason for it.
        self.column_layout.insertWidget(
            self.column_layout.indexOf(self.error_label) + 1, self.countdown
        )

        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.setAccessibleDescription(
            self.tr("Open the journal with this passphrase")
        )
        self.unlock_button.clicked.connect(self.submit)
        quit_button = self.buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        quit_button.setAccessibleName(self.tr("Quit"))
        self.buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.setAccessibleName(self.tr("Restore from a backup"))
        self.restore_button.clicked.connect(self.restore_requested)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.hide()
        self.damage = ""  # which file is damaged, in words (kept for the restore dialog)
        if damaged is not None:
            self._offer_restore(damaged)
            self.form.setRowVisible(self.passphrase, False)
            self.unlock_button.hide()
            self.restore_button.setDefault(True)

        self._tick = QTimer(self)
        self._tick.setInterval(max(1, second_ms))
        self._tick.timeout.connect(self._count_down)
        self.passphrase.setFocus()

    def set_second_ms(self, ms: int) -> None:
        """How long one countdown second lasts (tests shorten it)."""
        self._tick.setInterval(max(1, ms))

    @property
    def cooling_down(self) -> bool:
        return self._remaining > 0

    def submit(self) -> None:
        if self.busy or self.cooling_down:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.show_error(self.tr("Please enter your passphrase."))
            self.passphrase.setFocus()
            return
        self.set_busy(True, self.tr("Opening your journal…"))
        self.runner.submit(
            lambda: self.vault.unlock(passphrase), on_result=self._unlocked, on_error=self._failed
        )

    def _unlocked(self, _result: object) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.failures = 0
        self.accept()

    def _offer_restore(self, error: ReconcileError) -> None:
        # str(), not .sentence: the window offers a button instead of the CLI command.
        self.damage = str(error)
        self.show_error(self.damage)
        self.restore_button.show()

    def _failed(self, error: ReconcileError) -> None:
        from reconcile_desktop.core.errors import DamagedFiles

        super()._failed(error)
        if isinstance(error, DamagedFiles):
            self._offer_restore(error)
        if not isinstance(error, WrongPassphrase):
            return
        self.failures += 1
        self.passphrase.clear()
        self.passphrase.setFocus()
        delay = unlock_delay_seconds(self.failures)
        if delay:
            self._remaining = delay
            self.unlock_button.setEnabled(False)
            self._show_countdown()
            self._tick.start()

    def _count_down(self) -> None:
        self._remaining -= 1
        if self._remaining > 0:
            self._show_countdown()
            return
        self._tick.stop()
        self.countdown.hide()
        self.unlock_button.setEnabled(True)
        self.passphrase.setFocus()

    def _show_countdown(self) -> None:
        self.countdown.setText(
            self.tr("Let's take a short pause. You can try again in 1 second.")
            if self._remaining == 1
            else self.tr("Let's take a short pause. You can try again in {n} seconds.").format(
                n=self._remaining
            )
        )
        self.countdown.show()

    def set_busy(self, busy: bool, message: str = "") -> None:
        super().set_busy(busy, message)
        if not busy and self.cooling_down:
            self.unlock_button.setEnabled(False)
