"""Errors a user can cause, each with one plain sentence and a CLI exit code.

Messages never contain a passphrase, key or anything the user wrote.
"""

from __future__ import annotations


class ReconcileError(Exception):
    """Base for errors shown to the user as one sentence."""

    exit_code = 1
    message = "Something went wrong."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)

    cli_hint = ""  # what to type next, added by the command line only

    @property
    def sentence(self) -> str:
        return str(self)

    @property
    def cli_sentence(self) -> str:
        return f"{self.sentence} {self.cli_hint}" if self.cli_hint else self.sentence


class UsageError(ReconcileError):
    exit_code = 2
    message = "That command was not understood."


class WrongPassphrase(ReconcileError):
    exit_code = 3
    message = "That passphrase does not open this journal. Please try again."


class VaultProblem(ReconcileError):
    """The vault is missing or damaged (exit code 4)."""

    exit_code = 4


class DamagedFiles(VaultProblem):
    """A journal file is missing or damaged. The CLI adds the command that puts a backup back;
    the window offers its own button instead, so `sentence` stays the same everywhere."""

    cli_hint = "To put a backup back: reconcile restore BACKUP_FOLDER"


class VaultNotFound(VaultProblem):
    message = "There is no journal here yet. Create one first."


class VaultExists(VaultProblem):
    message = "A journal already exists here; it was left untouched."


class KeyFileMissing(DamagedFiles):
    message = (
        "The key file (vault.key) is missing, so the journal cannot be opened. "
        "Restore it from a backup; the journal itself was not changed."
    )


class KeyFileDamaged(DamagedFiles):
    message = (
        "The key file (vault.key) is damaged, so the journal cannot be opened. "
        "Restore it from a backup; the journal itself was not changed."
    )


class KdfTooCostly(KeyFileDamaged):
    message = (
        "The key file (vault.key) asks for more memory or time than Reconcile allows "
        "(at most 1 GiB and 10 passes), so it was not used. "
        "Restore vault.key from a backup; the journal itself was not changed."
    )


class KeyFileForeign(DamagedFiles):
    message = (
        "The key file (vault.key) does not belong to this journal file (vault.db): it comes "
        "from another journal or from before the key was changed, unless vault.db itself is "
        "damaged. Restore the two files together from one backup; nothing was changed."
    )


class KeyFileTooNew(VaultProblem):
    message = (
        "The key file (vault.key) was written by a newer version of Reconcile. "
        "Please update Reconcile to open this journal; nothing was changed."
    )


class KeyFileUnreadable(ReconcileError):
    exit_code = 6
    message = "Reconcile cannot read its key file (vault.key). Check the file's permissions."


class DatabaseMissing(DamagedFiles):
    message = (
        "The journal file (vault.db) is missing although its key file is there. "
        "Restore it from a backup; nothing was created over it."
    )


class DatabaseEmpty(DamagedFiles):
    message = (
        "The journal file (vault.db) is empty (0 bytes), which usually means it was damaged. "
        "It was left as it is; restore it from a backup."
    )


class DatabaseDamaged(DamagedFiles):
    message = (
        "The journal file (vault.db) is damaged and cannot be read. "
        "It was left as it is; restore it from a backup."
    )


class VaultInUse(ReconcileError):
    exit_code = 5
    message = "This journal is already open in another Reconcile window or command."


class LockLost(ReconcileError):
    exit_code = 5
    message = (
        "The journal's lock file (vault.lock) was removed by another program, so Reconcile "
        "stopped saving to keep your words safe; please close Reconcile and open it again."
    )


class VaultLocked(ReconcileError):
    exit_code = 1
    message = "The journal is locked. Unlock it first."


class DiskFull(ReconcileError):
    exit_code = 6
    message = "The disk is full, so this could not be saved. Nothing already saved was lost."


class NotWritable(ReconcileError):
    exit_code = 6
    message = "Reconcile cannot write to its data folder. Check the folder's permissions."


class FolderNotPrivate(NotWritable):
    message = (
        "Reconcile did not open this journal because other people on this computer can "
        "change the files in its folder; make the folder yours alone (chmod 700) and try again."
    )


class LinkedFile(NotWritable):
    message = (
        "A file in the journal's folder is a link to somewhere else, which Reconcile does not "
        "follow; please remove the link and try again."
    )


class FileNoAccess(NotWritable):
    """A file of the journal that this user may not read and write (often a copy made with
    another user's rights, or a mode set by hand); the sentence names the file."""

    def __init__(self, name: str = "vault.db") -> None:
        super().__init__(
            f"Reconcile is not allowed to read and write the file {name} in its data folder. "
            "Check that file's permissions (yours, read and write); it was left as it is."
        )


class InvalidInput(ReconcileError):
    exit_code = 2
    message = "That input could not be used."


class SyncProblem(ReconcileError):
    """The sync folder cannot be used as it is (one sentence says why). Exit code 6."""

    exit_code = 6
    message = (
        "Reconcile cannot write to that folder. Choose another one, or check that its drive "
        "is connected."
    )


class SyncFolderForeign(SyncProblem):
    message = (
        "That folder already holds another journal. Choose an empty folder, or join the "
        "journal that is there."
    )


class NothingToJoin(SyncProblem):
    exit_code = 4
    message = (
        "There is no Reconcile journal in that folder yet. Start syncing on your first "
        "computer, then join from this one."
    )
