"""About Reconcile: version, what it is, where the data lives, and the licences of the
libraries it ships with, read from the installed distributions so they are always true."""

from __future__ import annotations

import importlib.metadata as metadata
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop import __version__
from reconcile_desktop.ui.widgets import theme

# (shown name, distribution names to try). The first one installed is described.
LIBRARIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("PySide6 (Qt for Python)", ("PySide6-Essentials", "PySide6")),
    ("Shiboken6", ("shiboken6",)),
    ("sqlcipher3", ("sqlcipher3", "sqlcipher3-binary", "sqlcipher3-wheels")),
    ("SQLAlchemy", ("SQLAlchemy",)),
    ("SQLModel", ("sqlmodel",)),
    ("Alembic", ("alembic",)),
    ("argon2-cffi", ("argon2-cffi",)),
    ("cryptography", ("cryptography",)),
    ("matplotlib", ("matplotlib",)),
    ("NumPy", ("numpy",)),
    ("platformdirs", ("platformdirs",)),
    ("pydantic", ("pydantic",)),
)


def licence_of(dist: metadata.Distribution) -> str:
    """The licence as the distribution declares it: its SPDX expression, a short License
    field, a License classifier, or a recognised licence file; else "see its licence file"."""
    md = dist.metadata
    expression = (md.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (md.get("License") or "").strip()
    if field and "\n" not in field and len(field) <= 80:
        return field
    for classifier in md.get_all("Classifier") or []:
        parts = [p.strip() for p in classifier.split("::")]
        if parts[0] == "License" and len(parts) > 1 and parts[-1] != "OSI Approved":
            name = parts[-1]
            if "matplotlib" in field.lower() and "Python Software Foundation" in name:
                return "matplotlib licence (PSF-based)"
            return name
    text = _licence_file_text(dist).lower()
    if "provided 'as-is'" in text and "altered source versions" in text:
        return "zlib licence"
    return "see its licence file"


def _licence_file_text(dist: metadata.Distribution) -> str:
    for file in dist.files or ():
        if file.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
            try:
                return file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return ""
    return ""


def library_rows() -> list[tuple[str, str, str]]:
    """(name, version, licence) for every bundled library that is installed."""
    rows = []
    for shown, names in LIBRARIES:
        for name in names:
            try:
                dist = metadata.distribution(name)
            except metadata.PackageNotFoundError:
                continue
            rows.append((shown, dist.version, licence_of(dist)))
            break
    return rows


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.setWindowTitle(self.tr("About Reconcile"))
        self.setMinimumSize(640, 580)

        icon = QLabel()
        icon.setPixmap(theme.app_icon_pixmap(64, self.devicePixelRatioF()))
        name = QLabel(self.tr("Reconcile {version}").format(version=__version__))
        name.setFont(theme.heading_font(self.font(), 1.5))
        self.summary = QLabel(
            self.tr(
                "A private place to write, to plan the changes you want to make and to keep "
                "your days of space, whether or not the relationship comes back. Everything "
                "stays encrypted on this computer."
            )
        )
        self.summary.setWordWrap(True)
        own = theme.MutedLabel(self.tr("Free software under the GNU GPL, version 3 or later."))
        own.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(name)
        text.addWidget(self.summary)
        text.addWidget(own)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)

        data_box = QGroupBox(self.tr("Your data"))
        self.path_label = QLabel(str(self.data_dir))
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setAccessibleName(self.tr("Data folder"))
        self.open_button = QPushButton(self.tr("&Open folder"))
        self.open_button.setAccessibleName(self.tr("Open the data folder"))
        self.open_button.clicked.connect(self.open_folder)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_label, 1)
        path_row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        data_column = QVBoxLayout(data_box)
        data_column.addLayout(path_row)
        note = theme.MutedLabel(
            self.tr("The journal there is encrypted; it opens only with your passphrase.")
        )
        note.setWordWrap(True)
        data_column.addWidget(note)

        libs_box = QGroupBox(self.tr("Libraries it is built with"))
        self.libraries = QTreeWidget()
        self.libraries.setRootIsDecorated(False)
        self.libraries.setHeaderLabels([self.tr("Library"), self.tr("Version"), self.tr("Licence")])
        self.libraries.setAccessibleName(self.tr("Libraries and their licences"))
        for row in library_rows():
            item = QTreeWidgetItem(list(row))
            item.setToolTip(2, row[2])  # a long licence expression may not fit its column
            self.libraries.addTopLevelItem(item)
        header = self.libraries.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        bundled = theme.MutedLabel(
            self.tr(
                "Inside them: Qt (LGPLv3) and SQLCipher (BSD-style licence). Each licence "
                "text ships with its library."
            )
        )
        bundled.setWordWrap(True)
        libs_column = QVBoxLayout(libs_box)
        libs_column.addWidget(self.libraries)
        libs_column.addWidget(bundled)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 14)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(data_box)
        layout.addWidget(libs_box, 1)
        layout.addWidget(buttons)

    def open_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
