"""Photos decoded from memory only: thumbnails, inline pictures, the viewer's image.

Bytes come from the vault and are decoded with QImageReader over a QBuffer, never through a
file. JPEG is decoded at the size asked for (libjpeg scales while it decodes), so a 10 MB photo
costs a fraction of a full decode. Decoded images are kept in a small cache in memory that the
editor empties at lock.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

if TYPE_CHECKING:
    from reconcile_desktop.core.journal.attachments import AttachmentInfo

THUMB_SIDE = 160  # pixels, the longer side of a kept thumbnail
_SHOWN_BY_QT = {"image/png": b"png", "image/jpeg": b"jpeg", "image/webp": b"webp"}


def decode(data: bytes, longest: int | None = None) -> QImage:
    """The picture in `data` (null when Qt cannot read it), scaled down so its longer side is
    at most `longest`; orientation from the photo's EXIF is applied."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if longest and size.isValid() and max(size.width(), size.height()) > longest:
        reader.setScaledSize(
            size.scaled(QSize(longest, longest), Qt.AspectRatioMode.KeepAspectRatio)
        )
    image = reader.read()
    buffer.close()
    return image


def thumbnail_png(data: bytes, mime: str) -> bytes | None:
    """A small PNG for the strip, kept in the vault beside the photo (core's thumbnailer;
    runs on the write lane's thread, which QImage allows)."""
    image = decode(data, THUMB_SIDE)
    if image.isNull():
        return None
    out = QByteArray()
    buffer = QBuffer(out)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(out.data())


class ImageCache:
    """Decoded pictures by (sha256, size), the most recently used kept."""

    def __init__(self, limit: int = 24) -> None:
        self._images: OrderedDict[tuple[str, int], QImage] = OrderedDict()
        self.limit = limit

    def get(self, key: tuple[str, int]) -> QImage | None:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: tuple[str, int], image: QImage) -> None:
        self._images[key] = image
        self._images.move_to_end(key)
        while len(self._images) > self.limit:
            self._images.popitem(last=False)

    def clear(self) -> None:
        self._images.clear()


def can_show(mime: str) -> bool:
    """Whether this computer's Qt can draw the picture (HEIC often not: it is kept as a file)."""
    fmt = _SHOWN_BY_QT.get(mime) or (b"heic" if mime == "image/heic" else None)
    return fmt is not None and fmt in {bytes(f) for f in QImageReader.supportedImageFormats()}


def kind_words(info: AttachmentInfo) -> str:
    head = "pdf" if info.is_pdf else info.mime.split("/", 1)[0]
    words = {
        "pdf": QCoreApplication.translate("AttachmentStrip", "PDF"),
        "image": QCoreApplication.translate("AttachmentStrip", "Photo"),
        "video": QCoreApplication.translate("AttachmentStrip", "Video"),
        "audio": QCoreApplication.translate("AttachmentStrip", "Audio"),
    }
    return words.get(head) or QCoreApplication.translate("AttachmentStrip", "File")
