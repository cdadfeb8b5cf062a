"""Photos and files in the entry editor: the thumbnail strip, adding by button, drag and drop
or paste, and the read view that shows them inline.

Every file goes into the vault through ops.mutate(attachments.add_file / add_attachment); the
journal page hears ATTACHMENTS and the strip reads the entry's list again (never its bytes).
Pictures are decoded from memory only (attachment_images.py): nothing is written to disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMimeData,
    QObject,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.journal import attachments
from reconcile_desktop.core.journal.attachments import LINK_SCHEME, AttachmentInfo
from reconcile_desktop.ui.pages.journal.attachment_images import (
    ImageCache,
    can_show,
    decode,
    kind_words,
    thumbnail_png,
)
from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

TILE = 88  # pixels, a tile of the strip
INLINE_MAX = 720  # pixels, the widest a photo is shown in the read view
_LINKED = re.compile(r"attachment:([0-9a-f]{64})")
_BARE_IMAGE = re.compile(r"(?<!\[)(!\[[^\]\n]*\]\(attachment:([0-9a-f]{64})\))")


def png_of(image: QImage) -> bytes:
    out = QByteArray()
    buffer = QBuffer(out)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(out.data())


def local_files(mime: QMimeData) -> list[Path]:
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


class AttachmentStrip(QWidget):
    """The entry's files as thumbnails, with a button to add more."""

    def __init__(
        self,
        vault: Vault,
        ops: Ops,
        entry_for_files: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.ops = ops
        self._entry_for_files = entry_for_files
        self.entry_id: int | None = None
        self.read_only = False
        self.files: list[AttachmentInfo] = []
        self.images = ImageCache()
        self.viewer: QWidget | None = None
        self._file_dialog: QFileDialog | None = None
        self.setAccessibleName(self.tr("Photos and files"))
        self.setAcceptDrops(True)

        self.add_button = QPushButton(self.tr("Add a photo or file…"))
        self.add_button.setAccessibleName(self.tr("Add a photo or file"))
        self.add_button.setToolTip(
            self.tr(
                "Photos (PNG, JPEG, WebP, HEIC) and PDF files, up to 25 MB each. You can also "
                "drop them here or paste them."
            )
        )
        self.add_button.clicked.connect(self.choose_files)
        self.add_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.status = theme.StatusLabel(self.tr("About photos and files"))
        self.tiles = QWidget()
        self.tiles_row = QHBoxLayout(self.tiles)
        self.tiles_row.setContentsMargins(0, 0, 0, 0)
        self.tiles_row.setSpacing(6)
        self.tiles_row.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.tiles)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFixedHeight(TILE + 24)
        self.scroll.setVisible(False)
        self.scroll.setAccessibleName(self.tr("This entry's photos and files"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button)
        row.addWidget(self.status, 1)
        row.addStretch(1)  # the button keeps its own width when there is nothing to say
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.scroll)
        layout.addLayout(row)

    # -- showing ---------------------------------------------------------------------------

    def show_entry(self, entry_id: int | None, read_only: bool) -> None:
        if entry_id != self.entry_id:
            self.status.say("")
        self.entry_id, self.read_only = entry_id, read_only
        self.add_button.setEnabled(not read_only)
        self.reload()

    def reload(self) -> None:
        """Read the entry's list of files again (names and sizes, never the bytes)."""
        try:
            found = (
                []
                if self.entry_id is None
                else attachments.attachments_of(self.vault, self.entry_id)
            )
        except ReconcileError as exc:
            self.status.say(exc.sentence, problem=True)
            found = []
        self.files = found
        while self.tiles_row.count() > 1:
            item = self.tiles_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for n, info in enumerate(found):
            self.tiles_row.insertWidget(n, self._tile(info))
        self.scroll.setVisible(bool(found))

    def _tile(self, info: AttachmentInfo) -> QToolButton:
        tile = QToolButton()
        tile.setFixedSize(TILE, TILE + 16)
        tile.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        tile.setIconSize(QSize(TILE - 12, TILE - 28))
        tile.setAutoRaise(True)
        name = info.file_name
        short = name if len(name) <= 12 else name[:10] + "…"
        tile.setText(short)
        tile.setToolTip(f"{name} · {kind_words(info)} · {attachments.size_words(info.size)}")
        tile.setAccessibleName(self.tr("Open {name}").format(name=name))
        thumb = self.thumbnail(info)
        if thumb is not None:
            tile.setIcon(QIcon(QPixmap.fromImage(thumb)))
        else:
            tile.setText(f"{kind_words(info)}\n{short}")
        tile.clicked.connect(lambda _=False, i=info: self.open_viewer(i))
        return tile

    def thumbnail(self, info: AttachmentInfo) -> QImage | None:
        if not info.is_image or not can_show(info.mime):
            return None
        key = (info.sha256, 0)
        image = self.images.get(key)
        if image is None:
            try:
                kept = attachments.read_thumbnail(self.vault, info.sha256)
                data = kept if kept is not None else attachments.read_bytes(self.vault, info.sha256)
            except ReconcileError:
                return None
            image = decode(data, TILE)
            self.images.put(key, image)
        return None if image.isNull() else image

    def image(self, sha256: str, longest: int) -> QImage | None:
        """The photo, decoded from memory at no more than `longest` pixels."""
        key = (sha256, longest)
        image = self.images.get(key)
        if image is None:
            try:
                image = decode(attachments.read_bytes(self.vault, sha256), longest)
            except ReconcileError:
                return None
            self.images.put(key, image)
        return None if image.isNull() else image

    def info(self, sha256: str) -> AttachmentInfo | None:
        return next((f for f in self.files if f.sha256 == sha256), None)

    def reading_markdown(self, body: str) -> str:
        """The body for the read view: each photo a link that opens the viewer, and the files
        the text does not place shown after it."""
        placed = set(_LINKED.findall(body))
        text = _BARE_IMAGE.sub(lambda m: f"[{m.group(1)}]({LINK_SCHEME}{m.group(2)})", body)
        rest = []
        for f in self.files:
            if f.sha256 in placed:
                continue
            link = f"{LINK_SCHEME}{f.sha256}"
            if f.is_image and can_show(f.mime):
                rest.append(f"[![{_alt(f.file_name)}]({link})]({link})")
            else:
                words = f"{f.file_name} ({kind_words(f)}, {attachments.size_words(f.size)})"
                rest.append(f"[{_alt(words)}]({link})")
        if not rest:
            return text
        return (text.rstrip("\n") + "\n\n" if text.strip() else "") + "\n\n".join(rest)

    def clear(self) -> None:
        """Forget every picture and name (lock)."""
        if self.viewer is not None:
            self.viewer.close()
            self.viewer = None
        self.entry_id = None
        self.files = []
        self.images.clear()
        self.reload()
        self.status.say("")

    # -- the viewer --------------------------------------------------------------------------

    def open_viewer(self, info: AttachmentInfo) -> QWidget:
        from reconcile_desktop.ui.pages.journal.attachment_viewer import AttachmentViewer

        if self.viewer is not None:
            self.viewer.close()
        self.viewer = AttachmentViewer(self, info, editable=not self.read_only)
        self.viewer.show()
        return self.viewer

    def open_link(self, url: QUrl) -> None:
        if url.scheme() == LINK_SCHEME.rstrip(":"):
            info = self.info(url.path())
            if info is not None:
                self.open_viewer(info)

    # -- adding --------------------------------------------------------------------------------

    def choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Add photos or files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(
            self.tr("Photos and PDF files (*.png *.jpg *.jpeg *.webp *.heic *.heif *.pdf)")
        )
        dialog.filesSelected.connect(lambda paths: self.add_paths([Path(p) for p in paths]))
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()

    def _target(self) -> int | None:
        if self.read_only:
            return None
        entry_id = self._entry_for_files()
        if entry_id is not None and entry_id != self.entry_id:
            self.entry_id = entry_id
        return entry_id

    def add_paths(self, paths: list[Path]) -> None:
        entry_id = self._target()
        if entry_id is None or not paths:
            return
        self.status.say(self.tr("Adding…"))
        many = len(paths) > 1
        for path in paths:
            self.ops.mutate(
                attachments.add_file,
                self.vault,
                entry_id,
                path,
                thumbnailer=thumbnail_png,
                on_done=self._added,
                on_error=lambda exc, p=path: self._failed(exc, p, many),
            )

    def add_image(self, image: QImage) -> None:
        """A pasted or dropped picture (a screenshot, say), kept as PNG."""
        entry_id = self._target()
        if entry_id is None or image.isNull():
            return
        self.status.say(self.tr("Adding…"))
        self.ops.mutate(
            attachments.add_attachment,
            self.vault,
            entry_id,
            png_of(image),
            self.tr("pasted picture.png"),
            thumbnailer=thumbnail_png,
            on_done=self._added,
            on_error=lambda exc: self._failed(exc, None, False),
        )

    def _added(self, _info: Any) -> None:
        self.status.say("")

    def _failed(self, exc: ReconcileError, path: Path | None, many: bool) -> None:
        sentence = exc.sentence
        if many and path is not None:
            sentence = self.tr("{name}: {sentence}").format(name=path.name, sentence=sentence)
        self.status.say(sentence, problem=True)

    def take(self, mime: QMimeData) -> bool:
        """Add what a drop or a paste carries; False when it carries no file or picture."""
        paths = local_files(mime)
        if paths:
            self.add_paths(paths)
            return True
        if mime.hasImage():
            self.add_image(QImage(mime.imageData()))
            return True
        return False

    def dragEnterEvent(self, event) -> None:
        if not self.read_only and (local_files(event.mimeData()) or event.mimeData().hasImage()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        if self.take(event.mimeData()):
            event.acceptProposedAction()

    def watch(self, text_edit: QWidget) -> None:
        """Files dropped on the writing area, and pictures or files pasted into it, come here
        (text dropped or pasted stays text)."""
        self.drop_watcher = _DropAndPaste(self, text_edit)


def _alt(text: str) -> str:
    return re.sub(r"[\[\]\\]", " ", text)


class _DropAndPaste(QObject):
    def __init__(self, strip: AttachmentStrip, text_edit: QWidget) -> None:
        super().__init__(strip)
        self.strip = strip
        self.text_edit = text_edit
        text_edit.installEventFilter(self)
        text_edit.viewport().installEventFilter(self)  # type: ignore[attr-defined]

    def _carries_files(self, mime: QMimeData) -> bool:
        return not self.strip.read_only and (bool(local_files(mime)) or mime.hasImage())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self._carries_files(event.mimeData()):  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif kind == QEvent.Type.Drop:
            if self._carries_files(event.mimeData()):  # type: ignore[attr-defined]
                self.strip.take(event.mimeData())  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif kind == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Paste):  # type: ignore[attr-defined]
            mime = QGuiApplication.clipboard().mimeData()
            if mime is not None and self._carries_files(mime):
                self.strip.take(mime)
                return True
        return False


class AttachmentReader(QTextBrowser):
    """The read view: Markdown whose `attachment:` pictures come from the vault, in memory."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip: AttachmentStrip | None = None

    def show_markdown(self, body: str) -> None:
        self.setMarkdown(body if self.strip is None else self.strip.reading_markdown(body))

    def loadResource(self, kind: int, url: QUrl) -> Any:
        if (
            self.strip is not None
            and kind == QTextDocument.ResourceType.ImageResource.value
            and url.scheme() == LINK_SCHEME.rstrip(":")
        ):
            width = max(160, min(INLINE_MAX, self.viewport().width() - 40))
            image = self.strip.image(url.path(), 1600)
            if image is None:
                return None
            if image.width() > width:
                image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            return image
        return super().loadResource(kind, url)
