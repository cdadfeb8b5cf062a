"""Export everything: the archive as a plain zip, or sealed under a passphrase."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_desktop.core.archive import document, package, sealed

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: dict[str, int]  # rows per table
    attachments: int
    encrypted: bool

    @property
    def entries(self) -> int:
        return self.rows.get("entry", 0)


def export_archive(
    vault: Vault,
    path: Path,
    *,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> Exported:
    """Every table that holds what the user wrote, read in one transaction (one moment of the
    journal), written to a new file at `path`. With a passphrase the zip is sealed (sealed.py)."""
    from reconcile_desktop.core.storage.keyfile import check_new_passphrase

    if passphrase is not None:
        check_new_passphrase(passphrase)  # before any work, as for a journal's own passphrase
    path = Path(path)
    if progress:
        progress(0, 3)
    with vault.connection() as conn:
        doc, found = document.build(conn, vault.clock.now())
        if progress:
            progress(1, 3)
        blobs = document.blob_bytes(conn, found)
        if passphrase is None:
            package.write_new_file(path, lambda fh: package.write_zip(fh, doc, blobs))
        else:
            plain = package.zip_bytes(doc, blobs)
            if progress:
                progress(2, 3)
            package.write_new_file(path, sealed.seal(plain, passphrase, vault.kdf_params))
    if progress:
        progress(3, 3)
    rows = {name: len(items) for name, items in doc["tables"].items()}
    return Exported(path, rows, len(found), passphrase is not None)
