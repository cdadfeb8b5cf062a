"""About Reconcile: version, what it is, licences read from the installed libraries, and
the data folder with a button that opens it."""

from __future__ import annotations

import importlib.metadata as metadata

from PySide6.QtGui import QDesktopServices

from reconcile_desktop import __version__
from reconcile_desktop.ui.shell.dialogs.about import AboutDialog, library_rows, licence_of
from tests.ui.conftest import click, unlock


def test_licences_come_from_the_installed_metadata():
    rows = {name: (version, licence) for name, version, licence in library_rows()}
    assert rows["SQLAlchemy"] == (metadata.version("SQLAlchemy"), "MIT")
    assert rows["SQLModel"][1] == "MIT"
    assert rows["Alembic"][1] == "MIT"
    assert rows["argon2-cffi"][1] == "MIT"
    assert rows["platformdirs"][1] == "MIT"
    assert rows["pydantic"][1] == "MIT"
    assert "Apache-2.0" in rows["cryptography"][1] and "BSD" in rows["cryptography"][1]
    assert "LGPL-3.0" in rows["PySide6 (Qt for Python)"][1]
    assert rows["matplotlib"][1] == "matplotlib licence (PSF-based)"
    assert rows["sqlcipher3"][1] == "zlib licence"
    assert licence_of(metadata.distribution("SQLAlchemy")) == "MIT"


def test_the_window_opens_about_with_the_data_folder(
    qtbot, make_app, make_vault, existing_vault_dir, monkeypatch
):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    about = app.window.about()
    assert isinstance(about, AboutDialog) and about.isVisible()
    texts = [label.text() for label in about.findChildren(type(about.path_label))]
    assert any(__version__ in t for t in texts)
    assert about.path_label.text() == str(existing_vault_dir)
    assert about.libraries.topLevelItemCount() == len(library_rows()) >= 10
    click(qtbot, about.open_button)
    assert [u.toLocalFile() for u in opened] == [str(existing_vault_dir)]
