"""Sealed sync files: compressed, then AES-256-GCM under a key derived from the data key.

A file is MAGIC, the key epoch (8 bytes, not secret), a 12-byte nonce, then the ciphertext. The
associated data names the epoch, the device, the file's kind and sequence, so a file renamed,
moved to another device's folder or replayed under another name fails its tag, and so does a
file still arriving (cut short). The payload is a JSON document followed by the raw bytes of any
photos it carries, so photos are not inflated by base64.
"""

from __future__ import annotations

import json
import struct
import zlib

MAGIC = b"RCS1"
EPOCH_BYTES = 8
NONCE_BYTES = 12
HEADER = len(MAGIC) + EPOCH_BYTES + NONCE_BYTES


class Unreadable(Exception):
    """A file that cannot be opened now: cut short, damaged, or sealed under another key."""


def _hkdf(data_key: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(bytes(data_key))


class SyncKey:
    """The sync key of one data key, and the epoch that names that key in the folder."""

    def __init__(self, data_key: bytes) -> None:
        self.key = _hkdf(data_key, b"reconcile sync files v1")
        self.epoch = _hkdf(data_key, b"reconcile sync epoch v1")[:EPOCH_BYTES].hex()

    def seal(self, payload: bytes, aad: str) -> bytes:
        import os

        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self.key).encrypt(nonce, payload, self._aad(aad))
        return MAGIC + bytes.fromhex(self.epoch) + nonce + sealed

    def open(self, data: bytes, aad: str) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if epoch_of(data) != self.epoch:
            raise Unreadable("another key")
        nonce = data[len(MAGIC) + EPOCH_BYTES : HEADER]
        try:
            return AESGCM(self.key).decrypt(nonce, data[HEADER:], self._aad(aad))
        except InvalidTag:
            raise Unreadable("tag") from None

    def _aad(self, aad: str) -> bytes:
        return f"reconcile-sync/1|{self.epoch}|{aad}".encode()


def epoch_of(data: bytes) -> str | None:
    if len(data) < HEADER or not data.startswith(MAGIC):
        return None
    return data[len(MAGIC) : len(MAGIC) + EPOCH_BYTES].hex()


def pack(doc: dict, blobs: list[bytes]) -> bytes:
    """The JSON document, then each blob; compressed together."""
    head = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode()
    parts = [struct.pack(">I", len(head)), head]
    for blob in blobs:
        parts += [struct.pack(">Q", len(blob)), blob]
    return zlib.compress(b"".join(parts), 6)


def unpack(data: bytes) -> tuple[dict, list[bytes]]:
    try:
        raw = zlib.decompress(data)
        (size,) = struct.unpack_from(">I", raw, 0)
        doc = json.loads(raw[4 : 4 + size])
        blobs, at = [], 4 + size
        while at < len(raw):
            (n,) = struct.unpack_from(">Q", raw, at)
            blobs.append(raw[at + 8 : at + 8 + n])
            at += 8 + n
    except (zlib.error, struct.error, ValueError) as exc:
        raise Unreadable("format") from exc
    if not isinstance(doc, dict):
        raise Unreadable("format")
    return doc, blobs
