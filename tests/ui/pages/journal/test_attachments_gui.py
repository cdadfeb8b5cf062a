"""Photos and files in the journal page: added by button, drop or paste, shown as a strip and
inline, opened in a viewer; nothing decoded from a file on disk; refused with one sentence."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QGuiApplication, QImage, QTextDocument

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import attachments
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.ui.pages.journal.attachment_strip import png_of
from reconcile_desktop.ui.pages.journal.page import JournalPage
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click
from tests.ui.pages.journal.test_entry_model import NOW, ZONE


@pytest.fixture
def vault(make_vault):
    v = make_vault(clock=Clock(fixed=NOW, zone=ZONE))
    v.create(PASSPHRASE)
    return v


@pytest.fixture
def page(qtbot, vault, ops):
    p = JournalPage(vault, vault.clock, ops)
    ops.changed.connect(p.refresh)  # what the window's broadcast does for it
    qtbot.addWidget(p)
    p.resize(1100, 760)
    p.show()
    qtbot.waitExposed(p)
    p.refresh()
    yield p
    p.clear_sensitive()


def picture(width: int = 640, height: int = 480, colour: str = "#3a7d44") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    return png_of(image)


def photo_file(tmp_path, name: str = "lake.png", **kw) -> os.PathLike:
    path = tmp_path / name
    path.write_bytes(picture(**kw))
    return path


def files_of(vault, entry_id: int) -> list[str]:
    return [a.file_name for a in attachments.attachments_of(vault, entry_id)]


def open_entry(page, vault, body: str = "A day by the lake.") -> int:
    entry_id = journal.add_entry(vault, body).id
    page.model.reload()
    page.editor.load(entry_id)
    return entry_id


def test_a_chosen_photo_is_kept_in_the_vault_and_shown_in_the_strip(qtbot, page, vault, tmp_path):
    entry_id = open_entry(page, vault)
    strip = page.editor.strip
    strip.add_paths([photo_file(tmp_path)])
    qtbot.waitUntil(lambda: len(strip.files) == 1, timeout=5000)
    assert files_of(vault, entry_id) == ["lake.png"]
    assert strip.scroll.isVisibleTo(page.editor)
    info = strip.files[0]
    thumb = attachments.read_thumbnail(vault, info.sha256)
    assert thumb is not None and QImage.fromData(thumb).width() == 160  # kept in the vault
    assert strip.status.text() == ""


def test_a_photo_for_a_new_entry_writes_the_entry_first(qtbot, page, vault, tmp_path):
    page.editor.new_entry()
    page.editor.strip.add_paths([photo_file(tmp_path)])
    qtbot.waitUntil(lambda: len(page.editor.strip.files) == 1, timeout=5000)
    entry_id = page.editor.current_id()
    assert entry_id is not None and files_of(vault, entry_id) == ["lake.png"]
    assert journal.get_entry(vault, entry_id).body == ""


def test_a_file_over_25_mb_gets_one_clear_sentence(qtbot, page, vault, tmp_path):
    entry_id = open_entry(page, vault)
    big = tmp_path / "huge.png"
    with open(big, "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.truncate(attachments.MAX_BYTES + 1)
    page.editor.strip.add_paths([big])
    status = page.editor.strip.status
    qtbot.waitUntil(lambda: "25 MB" in status.text(), timeout=5000)
    assert status.text() == attachments.TooLarge.message
    assert files_of(vault, entry_id) == []


def test_a_dropped_file_and_a_pasted_picture_are_added(qtbot, page, vault, tmp_path):
    entry_id = open_entry(page, vault)
    body = page.editor.body
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo_file(tmp_path, "dropped.png")))])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a drop only during a real drag, so the writing area's filter gets it here.
    assert page.editor.strip.drop_watcher.eventFilter(body.viewport(), drop)
    qtbot.waitUntil(lambda: files_of(vault, entry_id) == ["dropped.png"], timeout=5000)
    assert "dropped.png" not in body.toPlainText()  # a file, not its path typed in

    QGuiApplication.clipboard().setImage(QImage.fromData(picture(colour="#aa3355")))
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(files_of(vault, entry_id)) == 2, timeout=5000)
    assert files_of(vault, entry_id)[1] == "pasted picture.png"
    QGuiApplication.clipboard().clear()


def test_the_read_view_shows_photos_inline_from_memory_and_a_click_opens_the_viewer(
    qtbot, page, vault, tmp_path, monkeypatch
):
    entry_id = open_entry(page, vault, "Morning.\n\nThe water was still.")
    data = picture(1600, 1200)
    info = attachments.add_attachment(vault, entry_id, data, "still.png")
    page.editor.files_changed()
    opened: list[str] = []
    real_open = open

    def no_file_reads(path, *args, **kwargs):  # pictures are decoded from memory only
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", no_file_reads)
    page.editor.read_button.setChecked(True)
    reader = page.editor.reader
    link = f"attachment:{info.sha256}"
    assert link in reader.toMarkdown()
    image = reader.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(link))
    if image is None:
        image = reader.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(link))
    assert isinstance(image, QImage) and 0 < image.width() <= 720
    assert opened == []

    reader.anchorClicked.emit(QUrl(link))
    viewer = page.editor.strip.viewer
    assert viewer is not None and viewer.shows_picture
    assert "still.png" in viewer.facts.text() and "still.png" not in viewer.windowTitle()


def test_the_viewer_saves_a_copy_and_removes_the_file(qtbot, page, vault, tmp_path):
    entry_id = open_entry(page, vault)
    data = b"%PDF-1.4\n" + os.urandom(500)
    info = attachments.add_attachment(vault, entry_id, data, "letter.pdf")
    page.editor.files_changed()
    viewer = page.editor.strip.open_viewer(info)
    assert not viewer.shows_picture and "cannot show" in viewer.picture.text()
    viewer.save_copy(tmp_path / "out.pdf")
    qtbot.waitUntil(lambda: "not encrypted" in viewer.status.text(), timeout=5000)
    assert (tmp_path / "out.pdf").read_bytes() == data

    click(qtbot, viewer.remove_button)
    assert viewer.confirm.isVisible()
    click(qtbot, viewer.remove_yes)
    qtbot.waitUntil(lambda: page.editor.strip.files == [], timeout=5000)
    assert files_of(vault, entry_id) == []


def test_a_trashed_entry_shows_its_files_but_takes_no_more(qtbot, page, vault, tmp_path):
    entry_id = journal.add_entry(vault, "A day by the lake.").id
    attachments.add_attachment(vault, entry_id, picture(), "kept.png")
    journal.trash_entry(vault, entry_id)
    page.editor.load(entry_id)
    strip = page.editor.strip
    assert [f.file_name for f in strip.files] == ["kept.png"]
    assert not strip.add_button.isEnabled()
    viewer = strip.open_viewer(strip.files[0])
    assert not viewer.remove_button.isVisibleTo(viewer)


def test_locking_forgets_every_picture(qtbot, page, vault):
    entry_id = open_entry(page, vault)
    attachments.add_attachment(vault, entry_id, picture(), "kept.png")
    page.editor.files_changed()
    strip = page.editor.strip
    strip.open_viewer(strip.files[0])
    page.clear_sensitive()
    assert strip.files == [] and strip.viewer is None
    assert strip.images.get(("any", 0)) is None and len(strip.images._images) == 0


def test_settings_backups_says_how_much_the_photos_and_files_weigh(qtbot, vault, ops, tmp_path):
    from PySide6.QtCore import QSettings

    from reconcile_desktop.ui.shell.dialogs.settings import SettingsDialog

    entry_id = journal.add_entry(vault, "A day.").id
    attachments.add_attachment(vault, entry_id, b"%PDF-1.4\n" + bytes(2_000_000), "a.pdf")
    attachments.add_attachment(vault, entry_id, picture(), "b.png")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(vault, settings, ops, tmp_path / "b")
    qtbot.addWidget(dialog)
    dialog.show_tab("backups")
    assert dialog.files_note.text() == ("Every backup also holds your 2 photos and files (1.9 MB).")
    dialog.close()
