"""`reconcile import EXPORT.zip --from dayone`: the preview counts the media, the photos
come in as attachments (a real process, real KDF)."""

from __future__ import annotations

import sqlalchemy as sa

from reconcile_desktop.core.storage.vault import Vault
from tests.cli.test_cli_journal import cli, ok  # noqa: F401 (the fixture)
from tests.core.journal.test_dayone_jrnl import dayone_zip
from tests.processes import PASSPHRASE


def test_import_from_day_one_brings_the_photos_in(cli, tmp_path):  # noqa: F811
    path = dayone_zip(tmp_path / "Day One.zip")
    preview = ok(cli("import", str(path), "--from", "dayone"))
    assert "Found 3 photos: 2 will be kept with their entries" in preview
    assert "Found 1 place: each is written as a line at the end of its entry." in preview
    assert "Imported 3 entries." in ok(cli("import", str(path), "--from", "dayone", "--yes"))
    vault = Vault(tmp_path / "data")
    try:
        vault.unlock(PASSPHRASE)
        with vault.connection() as s:
            files = s.execute(sa.text("SELECT count(*) FROM entry_attachment")).scalar_one()
    finally:
        vault.close()
    assert files == 5
