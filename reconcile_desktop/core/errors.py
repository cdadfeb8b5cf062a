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

    @property
    def sentence(self) -> str:
        return str(self)


class UsageError(ReconcileError):
    exit_code = 2
    message = "That command was not understood."


class WrongPassphrase(ReconcileError):
    exit_code = 3
    message = "That passphrase does not open this journal. Please try again."


class VaultProblem(ReconcileError):
    """The vault is missing or damaged (exit code 4)."""

    exit_code = 4


class VaultNotFound(VaultProblem):
    message = "There is no journal here yet. Create one first."


class VaultExists(VaultProblem):
    message = "A journal already exists here; it was left untouched."


class KeyFileMissing(VaultProblem):
    message = (
        "The key file (vault.key) is missing, so the journal cannot be opened. "
        "Restore it from a backup; the journal itself was not changed."
    )


class KeyFileDamaged(VaultProblem):
    message = (
        "The key file (vault.key) is damaged, so the journal cannot be opened. "
        "Restore it from a backup; the journal itself was not changed."
    )


class DatabaseMissing(VaultProblem):
    message = (
        "The journal file (vault.db) is missing although its key file is there. "
        "Restore it from a backup; nothing was created over it."
    )


class DatabaseEmpty(VaultProblem):
    message = (
        "The journal file (vault.db) is empty (0 bytes), which usually means it was damaged. "
        "It was left as it is; restore it from a backup."
    )


class DatabaseDamaged(VaultProblem):
    message = (
        "The journal file (vault.db) is damaged and cannot be read. "
        "It was left as it is; restore it from a backup."
    )


class VaultInUse(ReconcileError):
    exit_code = 5
    message = "This journal is already open in another Reconcile window or command."


class VaultLocked(ReconcileError):
    exit_code = 1
    message = "The journal is locked. Unlock it first."


class DiskFull(ReconcileError):
    exit_code = 6
    message = "The disk is full, so this could not be saved. Nothing already saved was lost."


class NotWritable(ReconcileError):
    exit_code = 6
    message = "Reconcile cannot write to its data folder. Check the folder's permissions."


class InvalidInput(ReconcileError):
    exit_code = 2
    message = "That input could not be used."
