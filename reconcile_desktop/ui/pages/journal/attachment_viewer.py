"""A photo or file of an entry, opened with a click: the picture at a size that fits, its name
and size, Save a copy… (the only way its bytes leave the vault, to a place the user picks, and
said to be unencrypted) and, in an entry that is not in the trash, Remove from this entry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.journal import attachments
from reconcile_desktop.core.journal.attachments import AttachmentInfo
from reconcile_desktop.ui.pages.journal.attachment_images import can_show, kind_words
from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.ui.pages.journal.attachment_strip import AttachmentStrip

VIEW_MAX = 1600  # pixels, the longer side the viewer decodes a photo at


class FittedPicture(QLabel):
    """A picture shrunk to fit the label as it is resized (never enlarged)."""

    def __init__(self) -> None:
        super().__init__()
        self._image: QImage | None = None
        self.setMinimumSize(120, 90)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def show_image(self, image: QImage) -> None:
        self._image = image
        self._fit()

    def clear(self) -> None:
        self._image = None
        super().clear()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._image is None:
            return
        ratio = self.devicePixelRatioF()
        room = self.size() * ratio
        image = self._image
        if image.width() > room.width() or image.height() > room.height():
            image = image.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)


class AttachmentViewer(QDialog):
    def __init__(self, strip: AttachmentStrip, info: AttachmentInfo, *, editable: bool) -> None:
        super().__init__(strip)
        self.strip = strip
        self.info = info
        self._file_dialog: QFileDialog | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Photo or file"))  # never the file's own name
        self.setAccessibleName(self.tr("Photo or file viewer"))
        self.picture = FittedPicture()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName(self.tr("The photo"))
        image = self.strip.image(info.sha256, VIEW_MAX) if can_show(info.mime) else None
        self.shows_picture = image is not None
        if image is not None:
            self.picture.show_image(image)
        else:
            self.picture.setWordWrap(True)
            self.picture.setText(
                self.tr(
                    "Reconcile cannot show this kind of file. Save a copy to open it in another "
                    "app."
                )
            )
        self.facts = theme.MutedLabel(
            f"{info.file_name} · {kind_words(info)} · {attachments.size_words(info.size)}"
        )
        self.facts.setAccessibleName(self.tr("Name, kind and size"))
        self.facts.setWordWrap(True)
        self.status = theme.StatusLabel(self.tr("About the copy"))

        self.save_button = QPushButton(self.tr("Save a copy…"))
        self.save_button.setToolTip(
            self.tr("A saved copy is an ordinary file, not encrypted, where you choose.")
        )
        self.save_button.clicked.connect(self.choose_copy_path)
        self.remove_button = QPushButton(self.tr("Remove from this entry…"))
        self.remove_button.setVisible(editable)
        self.remove_button.clicked.connect(self._ask_remove)
        self.confirm = QWidget()
        question = QLabel(
            self.tr(
                "Remove it from this entry? If no other entry holds it, it is deleted for good."
            )
        )
        question.setWordWrap(True)
        self.remove_yes = QPushButton(self.tr("Remove"))
        self.remove_yes.clicked.connect(self.remove)
        self.remove_no = QPushButton(self.tr("Keep it"))
        self.remove_no.clicked.connect(lambda: self.confirm.setVisible(False))
        ask = QHBoxLayout(self.confirm)
        ask.setContentsMargins(0, 0, 0, 0)
        ask.addWidget(question, 1)
        ask.addWidget(self.remove_yes)
        ask.addWidget(self.remove_no)
        self.confirm.setVisible(False)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.facts)
        layout.addWidget(self.confirm)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(720, 560 if self.shows_picture else 220)

    def choose_copy_path(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        dialog = QFileDialog(
            self, self.tr("Save a copy"), str(Path(start or Path.home()) / self.info.file_name)
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda p: self.save_copy(Path(p)))
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()

    def save_copy(self, path: Path) -> None:
        self.save_button.setEnabled(False)
        self.strip.ops.runner.submit(
            lambda: attachments.save_copy(self.strip.vault, self.info.sha256, path),
            on_result=self._saved,
            on_error=self._failed,
        )

    def _saved(self, path: Path) -> None:
        self.save_button.setEnabled(True)
        self.status.say(
            self.tr("A copy is saved in {folder}. It is not encrypted.").format(folder=path.parent)
        )

    def _failed(self, exc: ReconcileError) -> None:
        self.save_button.setEnabled(True)
        self.remove_yes.setEnabled(True)
        self.status.say(exc.sentence, problem=True)

    def _ask_remove(self) -> None:
        self.confirm.setVisible(True)
        self.remove_no.setFocus()

    def remove(self) -> None:
        self.remove_yes.setEnabled(False)
        self.strip.ops.mutate(
            attachments.remove_attachment,
            self.strip.vault,
            self.info.entry_id,
            self.info.sha256,
            on_done=lambda _r: self.close(),
            on_error=self._failed,
        )

    def closeEvent(self, event) -> None:
        if self.strip.viewer is self:
            self.strip.viewer = None
        self.picture.clear()
        super().closeEvent(event)
