"""The encrypted archive: the same zip, sealed with AES-256-GCM under a passphrase.

Layout: MAGIC, the length of a key file (4 bytes, big-endian), the key file itself (keyfile.py:
a random 256-bit key wrapped under Argon2id(passphrase), exactly as vault.key), a 12-byte
nonce, then the zip encrypted with that key. Everything before the ciphertext is the GCM
associated data, so no byte of it can be changed unnoticed. Decrypted in memory only: no
plaintext copy ever touches the disk.
"""

from __future__ import annotations

import os
import struct

from reconcile_desktop.core.errors import (
    InvalidInput,
    KeyFileDamaged,
    KeyFileTooNew,
    WrongPassphrase,
)
from reconcile_desktop.core.storage import keyfile

MAGIC = b"RECONCILE-SEALED-ARCHIVE\n"
MAX_SEALED_BYTES = 1024 * 1024 * 1024  # decrypted in memory, so bounded

DAMAGED = "This encrypted archive is damaged, so it could not be opened; nothing was changed."
TOO_NEW = "This encrypted archive comes from a newer Reconcile. Update Reconcile to open it."
TOO_LARGE = "This encrypted archive is larger than 1 GB, so it cannot be opened here."


class ArchivePassphraseWrong(WrongPassphrase):
    message = "That passphrase does not open this archive. Please try again."


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def seal(plain: bytes, passphrase: str, params: keyfile.KdfParams | None = None) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = keyfile.new_data_key()
    try:
        kf = keyfile.wrap(key, passphrase, params).to_bytes()
        head = MAGIC + struct.pack(">I", len(kf)) + kf
        nonce = os.urandom(keyfile.NONCE_BYTES)
        return head + nonce + AESGCM(bytes(key)).encrypt(nonce, plain, head)
    finally:
        key[:] = bytes(len(key))


def unseal(data: bytes, passphrase: str, bounds: keyfile.KdfBounds | None = None) -> bytes:
    """The zip's bytes; ArchivePassphraseWrong or one sentence for damage."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_sealed(data):
        raise InvalidInput(DAMAGED)
    at = len(MAGIC)
    try:
        (size,) = struct.unpack(">I", data[at : at + 4])
    except struct.error:
        raise InvalidInput(DAMAGED) from None
    if size > keyfile.MAX_KEYFILE_BYTES or len(data) < at + 4 + size + keyfile.NONCE_BYTES + 16:
        raise InvalidInput(DAMAGED)
    kf_bytes = data[at + 4 : at + 4 + size]
    try:
        kf = keyfile.KeyFile.from_bytes(kf_bytes, bounds)
    except KeyFileDamaged:  # its sentence speaks of vault.key; this is the archive's
        raise InvalidInput(DAMAGED) from None
    except KeyFileTooNew:
        raise InvalidInput(TOO_NEW) from None
    try:
        key = keyfile.unwrap(kf, passphrase)
    except WrongPassphrase:
        raise ArchivePassphraseWrong() from None
    head_end = at + 4 + size
    nonce = data[head_end : head_end + keyfile.NONCE_BYTES]
    try:
        return AESGCM(bytes(key)).decrypt(
            nonce, data[head_end + keyfile.NONCE_BYTES :], data[:head_end]
        )
    except InvalidTag:
        raise InvalidInput(DAMAGED) from None
    finally:
        key[:] = bytes(len(key))
