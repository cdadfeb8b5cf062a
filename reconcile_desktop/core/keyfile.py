"""The key file: a random data key wrapped with AES-256-GCM under Argon2id(passphrase).

Layout (JSON, UTF-8): a header {format, version, kdf, salt, t, m, p} plus nonce and the wrapped key.
The canonical header bytes are the GCM associated data, so a header edited to weaken the KDF makes
the tag fail. Header bounds are checked before Argon2 runs, so a tampered file cannot make us
allocate gigabytes or spin for minutes.

Light on purpose: a CLI command's peak memory is the KDF's 64 MiB plus whatever is loaded when
it runs, so this module avoids dataclasses (which loads inspect and ast) and calls the Argon2
bindings directly (the argon2 package loads dataclasses, typing and platform).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import unicodedata
from pathlib import Path
from typing import NamedTuple

from reconcile_desktop.core.errors import InvalidInput, KeyFileDamaged, WrongPassphrase

FORMAT = "reconcile-key"
VERSION = 1
KDF = "argon2id"
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
MAX_KEYFILE_BYTES = 4096
MAX_PASSPHRASE_BYTES = 64 * 1024


class KdfParams(NamedTuple):
    t: int = 3
    m: int = 64 * 1024  # KiB
    p: int = 4


DEFAULT_PARAMS = KdfParams()


class KdfBounds(NamedTuple):
    """What a key file may ask for. Below the floor is a downgrade; above the ceiling a DoS."""

    t: tuple[int, int] = (3, 64)
    m: tuple[int, int] = (64 * 1024, 4 * 1024 * 1024)
    p: tuple[int, int] = (1, 64)

    def accepts(self, params: KdfParams) -> bool:
        return all(
            lo <= getattr(params, name) <= hi
            for name, (lo, hi) in (("t", self.t), ("m", self.m), ("p", self.p))
        )


BOUNDS = KdfBounds()


def normalise_passphrase(passphrase: str) -> bytes:
    """The bytes the KDF sees: UTF-8 of the NFC form, so the same visible passphrase typed on
    macOS (whose input often gives NFD, "e" + combining accent) and on Linux or Windows (NFC)
    opens the vault. Nothing else is changed: spaces, case and NUL characters all count.

    Every key file since the first release was written this way, so no vault holds a raw NFD
    form and there is no second, unnormalised try (it would only double the unlock time)."""
    if not isinstance(passphrase, str) or passphrase == "":
        raise InvalidInput("The passphrase cannot be empty.")
    data = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    if len(data) > MAX_PASSPHRASE_BYTES:
        raise InvalidInput("That passphrase is longer than 64 KB; please choose a shorter one.")
    return data


def _random_bytes(n: int) -> bytes:
    # What secrets.token_bytes does; importing secrets would load OpenSSL's libcrypto (~4 MiB)
    # before the KDF, and a CLI command's peak memory is the KDF's 64 MiB plus what is loaded.
    return os.urandom(n)


def _derive(passphrase: bytes, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id, raw: what argon2.low_level.hash_secret_raw(..., Type.ID) does."""
    from _argon2_cffi_bindings import ffi, lib

    out = ffi.new("uint8_t[]", KEY_BYTES)
    rv = lib.argon2_hash(
        params.t,
        params.m,
        params.p,
        ffi.new("uint8_t[]", passphrase),
        len(passphrase),
        ffi.new("uint8_t[]", salt),
        len(salt),
        out,
        KEY_BYTES,
        ffi.NULL,
        0,
        lib.Argon2_id,
        lib.ARGON2_VERSION_NUMBER,
    )
    if rv != lib.ARGON2_OK:
        from argon2.exceptions import HashingError

        raise HashingError(ffi.string(lib.argon2_error_message(rv)).decode("ascii"))
    return bytes(ffi.buffer(out, KEY_BYTES))


def _aad(salt: bytes, params: KdfParams) -> bytes:
    header = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": KDF,
        "salt": base64.b64encode(salt).decode("ascii"),
        "t": params.t,
        "m": params.m,
        "p": params.p,
    }
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")


class KeyFile(NamedTuple):
    salt: bytes
    params: KdfParams
    nonce: bytes
    wrapped: bytes

    def to_bytes(self) -> bytes:
        doc = json.loads(_aad(self.salt, self.params))
        doc["nonce"] = base64.b64encode(self.nonce).decode("ascii")
        doc["wrapped"] = base64.b64encode(self.wrapped).decode("ascii")
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes, bounds: KdfBounds | None = None) -> KeyFile:
        bounds = bounds or BOUNDS
        if len(data) > MAX_KEYFILE_BYTES:
            raise KeyFileDamaged()
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT or doc.get("kdf") != KDF:
                raise KeyFileDamaged()
            if doc.get("version") != VERSION:
                raise KeyFileDamaged(
                    "The key file was written by a newer Reconcile; please update the app."
                )
            values = [doc["t"], doc["m"], doc["p"]]
            if not all(type(v) is int for v in values):
                raise KeyFileDamaged()
            params = KdfParams(*values)
            salt = base64.b64decode(doc["salt"], validate=True)
            nonce = base64.b64decode(doc["nonce"], validate=True)
            wrapped = base64.b64decode(doc["wrapped"], validate=True)
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
            raise KeyFileDamaged() from exc
        if len(salt) != SALT_BYTES or len(nonce) != NONCE_BYTES:
            raise KeyFileDamaged()
        if len(wrapped) != KEY_BYTES + 16:
            raise KeyFileDamaged()
        if not bounds.accepts(params):
            raise KeyFileDamaged(
                "The key file asks for unusual security settings and was not trusted. "
                "Restore it from a backup; the journal itself was not changed."
            )
        return cls(salt, params, nonce, wrapped)


def wrap(data_key: bytes, passphrase: str, params: KdfParams | None = None) -> KeyFile:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    params = params or DEFAULT_PARAMS
    salt = _random_bytes(SALT_BYTES)
    nonce = _random_bytes(NONCE_BYTES)
    kek = _derive(normalise_passphrase(passphrase), salt, params)
    wrapped = AESGCM(kek).encrypt(nonce, bytes(data_key), _aad(salt, params))
    return KeyFile(salt, params, nonce, wrapped)


def unwrap(keyfile: KeyFile, passphrase: str) -> bytearray:
    """The data key, or WrongPassphrase when the GCM tag does not verify."""
    kek = _derive(normalise_passphrase(passphrase), keyfile.salt, keyfile.params)
    # Imported after the KDF has freed its memory: a CLI command's peak RSS is the KDF's
    # 64 MiB plus whatever is loaded at that moment, and cryptography is ~10 MiB of it.
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key = AESGCM(kek).decrypt(
            keyfile.nonce, keyfile.wrapped, _aad(keyfile.salt, keyfile.params)
        )
    except InvalidTag:
        raise WrongPassphrase() from None
    return bytearray(key)


def new_data_key() -> bytearray:
    return bytearray(_random_bytes(KEY_BYTES))


def read(path: Path, bounds: KdfBounds | None = None) -> KeyFile:
    from reconcile_desktop.core.regular_file import open_regular  # a FIFO would hang open()

    with open_regular(path) as fh:
        data = fh.read(MAX_KEYFILE_BYTES + 1)
    return KeyFile.from_bytes(data, bounds)


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over, fsync the folder."""
    tmp = path.with_name(f".{path.name}.{_random_bytes(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
