"""Put a backup back in place of the journal.

Order: the backup is checked first (its own key file, with the passphrase of the backup, then
every integrity check) while the current journal is still untouched; then the current files
are copied as they are, even when damaged, into backups/reconcile-before-restore-<time>; then
the backup's pair is swapped in as one step (pairswap.py); then the journal is opened with the
backup's passphrase and checked again. A backup made before a passphrase change keeps its own
passphrase: after the restore, that is the one that opens the journal.

A backup folder may hold a vault.db-wal (a copy of the journal's files kept after a crash, such
as a before-restore copy): it is copied with vault.db and folded into the incoming file, so the
restored journal holds every acknowledged write and needs no -wal of its own.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reconcile_desktop.core.backups.automatic import (
    BEFORE_RESTORE_LABEL,
    new_backup_folder,
    prune_before_restore,
)
from reconcile_desktop.core.errors import KeyFileDamaged, ReconcileError, WrongPassphrase
from reconcile_desktop.core.storage import encrypted_copy as rekey
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage import pair_swap as pairswap

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault


class NotABackup(ReconcileError):
    exit_code = 4
    message = "That folder is not a Reconcile backup: it should hold vault.db and vault.key."


class BackupDamaged(ReconcileError):
    exit_code = 4
    message = (
        "That backup is damaged and did not pass its checks, so it was not used. "
        "Your journal was left as it is; an older backup may still be whole."
    )


class BackupKeyDamaged(BackupDamaged):
    message = (
        "The key file inside that backup is damaged, so the backup cannot be opened. "
        "Your journal was left as it is; an older backup may still be whole."
    )


class BackupKeyForeign(BackupDamaged):
    message = (
        "The key file inside that backup belongs to another journal file than the vault.db "
        "beside it, so the backup was not used. Your journal was left as it is; an older "
        "backup may still be whole."
    )


class WrongBackupPassphrase(WrongPassphrase):
    message = (
        "That passphrase does not open this backup. It opens with the passphrase you used "
        "on the day it was made."
    )


RESTORE_UNFINISHED = (
    "The backup is saved in place, but switching over to it could not finish just now. "
    "Unlock with the passphrase of the backup and Reconcile will finish it."
)
KEPT_NOTE = " Your journal as it was is kept in {path}."
CHECK_COPY_NAME = ".backup-check.db"  # a private, passing copy; see check_backup


@dataclass
class RestoreResult:
    restored_from: Path
    previous_saved_in: Path | None  # None when there was no journal to keep
    problems: list[str] = field(default_factory=list)


def open_backup_key(vault: Vault, backup: Path, passphrase: str) -> bytearray:
    """The backup's data key, after checking the folder is a backup and the passphrase fits."""
    backup = Path(backup)
    if not (backup / "vault.db").is_file() or not (backup / "vault.key").is_file():
        raise NotABackup()
    try:
        kf = keyfile.read(backup / "vault.key", vault.kdf_bounds)
        db_salt = keyfile.db_salt_of(backup / "vault.db")
    except (OSError, UnicodeDecodeError, KeyFileDamaged):
        raise BackupKeyDamaged() from None
    if kf.db_salt is not None and kf.db_salt != db_salt:  # checked before the KDF runs
        raise BackupKeyForeign()
    try:
        return keyfile.unwrap(kf, passphrase)
    except WrongPassphrase:
        raise WrongBackupPassphrase() from None


def check_backup(vault: Vault, backup: Path, passphrase: str) -> list[str]:
    """Problems found in a backup opened with its passphrase (empty when it is whole).

    A backup with a -wal (a copy kept after a crash) is checked as restore would use it:
    folded into a private copy beside the journal, so the backup folder is never written."""
    key = open_backup_key(vault, backup, passphrase)
    db = Path(backup) / "vault.db"
    with rekey.wiped(key):
        if not rekey.has_wal(db):
            return rekey.check_file(db, key)
        scratch = vault.dir / CHECK_COPY_NAME

        def remove_scratch() -> None:
            for extra in ("", "-wal", "-shm", "-journal"):
                Path(f"{scratch}{extra}").unlink(missing_ok=True)

        remove_scratch()  # left by a check that was cut short
        try:
            return rekey.copy_whole(db, scratch, key)
        finally:
            remove_scratch()


def restore_backup(vault: Vault, backup: Path, passphrase: str) -> RestoreResult:
    """Replace the journal with `backup`; leaves the vault unlocked with the backup's key.

    The vault must not be open elsewhere (its instance lock is taken here)."""
    from reconcile_desktop.core.storage.vault import user_errors

    backup = Path(backup).expanduser().absolute()
    vault.claim()
    if backup.resolve() == vault.dir.resolve():
        raise NotABackup("That folder is the journal itself, not a backup of it.")
    key = open_backup_key(vault, backup, passphrase)
    with rekey.wiped(key), user_errors():
        db_in = pairswap.incoming_path(vault.db_path)
        pairswap.remove_incoming(vault.db_path, vault.key_path)
        try:
            if rekey.copy_whole(backup / "vault.db", db_in, key):
                raise BackupDamaged()
            rekey.write_incoming_key(vault.key_path, (backup / "vault.key").read_bytes())
            vault.lock()
            kept = keep_current_files(vault)
        except BaseException:
            pairswap.remove_incoming(vault.db_path, vault.key_path)
            raise
        try:
            pairswap.commit(vault.db_path, vault.key_path)
        except pairswap.SwapUnfinished:
            # The backup's pair is committed: the next unlock finishes it, with its passphrase.
            note = KEPT_NOTE.format(path=kept) if kept is not None else ""
            raise pairswap.SwapUnfinished(RESTORE_UNFINISHED + note) from None
        vault._start(key)  # the key is already unwrapped: no second key derivation
    return RestoreResult(backup, kept, vault.check())


def keep_current_files(vault: Vault) -> Path | None:
    """Copy the journal's files as they are (damaged or not) into a before-restore folder."""
    from reconcile_desktop.paths import ensure_private_dir, make_private

    present = [
        p
        for p in (vault.db_path, vault.key_path, Path(f"{vault.db_path}-wal"))
        if p.is_file() and (p.stat().st_size > 0 or p == vault.db_path)
    ]
    if not present:
        return None
    folder = ensure_private_dir(vault.dir / "backups")
    # No backup.json: the journal is locked here, and this copy stays in its own folder.
    target = new_backup_folder(folder, BEFORE_RESTORE_LABEL, vault.clock.now())
    for path in present:
        shutil.copyfile(path, target / path.name)
        make_private(target / path.name)
        pairswap.fsync_file(target / path.name)
    keyfile.fsync_dir(target)
    prune_before_restore(folder)  # only now that the new copy is whole
    return target
