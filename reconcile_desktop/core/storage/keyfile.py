"""The key file: a random data key wrapped with AES-256-GCM under Argon2id(passphrase).

Layout (JSON, UTF-8): a header {format, version, kdf, salt, t, m, p, db_salt} plus nonce, the
wrapped key and `check`. The canonical header bytes are the GCM associated data, so a header edited
to weaken the KDF makes the tag fail. Header bounds are checked before Argon2 runs, and no bounds
can go past CEILING, so a tampered file cannot make us allocate gigabytes or spin for minutes.

`check` (version 2, as in KeePass's KDBX 4) is an unkeyed SHA-256 of the canonical JSON of every
other field, so damage is told apart from a wrong passphrase before the KDF runs; the rule is kept
for every later version, so a newer file is told apart from a damaged one. `db_salt` is vault.db's
first 16 bytes (SQLCipher's salt, stored in the clear): a key file from another journal, or from
before a key rotation, is named as such before the KDF runs. Version 1 files (no check, no
db_salt) stay readable; Vault.unlock rewrites them as version 2.

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

from reconcile_desktop.core.errors import (
    InvalidInput,
    KdfTooCostly,
    KeyFileDamaged,
    KeyFileTooNew,
    WrongPassphrase,
)

FORMAT = "reconcile-key"
VERSION = 2
READABLE_VERSIONS = (1, 2)
KDF = "argon2id"
KEY_BYTES = 32
SALT_BYTES = 16
DB_SALT_BYTES = 16  # SQLCipher 4 keeps a database's salt in its first 16 bytes
NONCE_BYTES = 12
MAX_KEYFILE_BYTES = 4096
MAX_PASSPHRASE_BYTES = 64 * 1024


class KdfParams(NamedTuple):
    t: int = 3
    m: int = 64 * 1024  # KiB
    p: int = 4


DEFAULT_PARAMS = KdfParams()


# The most any key file may ask for, whatever bounds a caller passes: the defaults (t=3, 64 MiB)
# with generous headroom. Above it an unlock would take minutes and gigabytes.
CEILING = KdfParams(t=10, m=1024 * 1024, p=64)


class KdfBounds(NamedTuple):
    """What a key file may ask for. Below the floor is a downgrade; above the ceiling a DoS.
    The ceilings are capped at CEILING."""

    t: tuple[int, int] = (3, CEILING.t)
    m: tuple[int, int] = (64 * 1024, CEILING.m)
    p: tuple[int, int] = (1, CEILING.p)

    def accepts(self, params: KdfParams) -> bool:
        return within_ceiling(params) and all(
            lo <= getattr(params, name) <= hi
            for name, (lo, hi) in (("t", self.t), ("m", self.m), ("p", self.p))
        )


BOUNDS = KdfBounds()


def within_ceiling(params: KdfParams) -> bool:
    return all(getattr(params, name) <= getattr(CEILING, name) for name in ("t", "m", "p"))


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


MIN_PASSPHRASE_CHARS = 8
TOO_SHORT = (
    f"Please use at least {MIN_PASSPHRASE_CHARS} characters for your passphrase; "
    "a short sentence only you would think of works well."
)


def new_passphrase_problem(passphrase: str) -> str | None:
    """Why `passphrase` cannot be set as a journal's passphrase (one sentence), or None.

    The one policy for every front end (init, passwd, the window's create and change
    dialogs); opening a journal takes any passphrase it was made with."""
    try:
        normalise_passphrase(passphrase)
    except InvalidInput as exc:
        return str(exc)
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE_CHARS:
        return TOO_SHORT
    return None


def check_new_passphrase(passphrase: str) -> None:
    problem = new_passphrase_problem(passphrase)
    if problem:
        raise InvalidInput(problem)


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


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def _canonical(doc: dict) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _sha256_hex(data: bytes) -> str:
    # The builtin module, not hashlib: hashlib loads OpenSSL's libcrypto (~4 MiB) before the KDF.
    try:
        from _sha256 import sha256
    except ImportError:  # Python 3.12+ renamed it
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256
    return sha256(data).hexdigest()


def checksum(doc: dict) -> str:
    """The `check` field: SHA-256 of the canonical JSON of every other field (every version)."""
    return _sha256_hex(_canonical({k: v for k, v in doc.items() if k != "check"}))


def _header(salt: bytes, params: KdfParams, version: int, db_salt: bytes | None) -> dict:
    header = {
        "format": FORMAT,
        "version": version,
        "kdf": KDF,
        "salt": _b64(salt),
        "t": params.t,
        "m": params.m,
        "p": params.p,
    }
    if version >= 2:
        header["db_salt"] = _b64(db_salt)  # null: not known yet, filled in at the next unlock
    return header


def _aad(salt: bytes, params: KdfParams, version: int, db_salt: bytes | None) -> bytes:
    return _canonical(_header(salt, params, version, db_salt))


def _b64_field(doc: dict, name: str, size: int) -> bytes:
    value = base64.b64decode(doc[name], validate=True)
    if len(value) != size:
        raise ValueError(name)
    return value


class KeyFile(NamedTuple):
    salt: bytes
    params: KdfParams
    nonce: bytes
    wrapped: bytes
    db_salt: bytes | None = None  # vault.db's SQLCipher salt, when known
    version: int = VERSION

    @property
    def aad(self) -> bytes:
        return _aad(self.salt, self.params, self.version, self.db_salt)

    def to_bytes(self) -> bytes:
        doc = _header(self.salt, self.params, self.version, self.db_salt)
        doc["nonce"] = _b64(self.nonce)
        doc["wrapped"] = _b64(self.wrapped)
        if self.version >= 2:
            doc["check"] = checksum(doc)
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes, bounds: KdfBounds | None = None) -> KeyFile:
        """Parse and check, in the order that names the real problem: not a key file at all,
        a newer format, an absurd KDF (before anything else is believed), damage (the
        checksum), then a weakened KDF. All before Argon2 runs."""
        bounds = bounds or BOUNDS
        if len(data) > MAX_KEYFILE_BYTES:
            raise KeyFileDamaged()
        try:
            doc = json.loads(data.decode("utf-8"))
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise KeyFileDamaged()
            version = doc.get("version")
            if type(version) is not int or version < 1:
                raise KeyFileDamaged()
            if version not in READABLE_VERSIONS:
                if version > VERSION and doc.get("check") == checksum(doc):
                    raise KeyFileTooNew()
                raise KeyFileDamaged()
            values = [doc["t"], doc["m"], doc["p"]]
            if not all(type(v) is int for v in values):
                raise KeyFileDamaged()
            params = KdfParams(*values)
            if not within_ceiling(params):
                raise KdfTooCostly()
            if version >= 2 and doc.get("check") != checksum(doc):
                raise KeyFileDamaged()
            if doc.get("kdf") != KDF:
                raise KeyFileDamaged()
            salt = _b64_field(doc, "salt", SALT_BYTES)
            nonce = _b64_field(doc, "nonce", NONCE_BYTES)
            wrapped = _b64_field(doc, "wrapped", KEY_BYTES + 16)
            db_salt = None
            if version >= 2 and doc["db_salt"] is not None:
                db_salt = _b64_field(doc, "db_salt", DB_SALT_BYTES)
        except (
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            RecursionError,
            binascii.Error,
        ) as exc:
            raise KeyFileDamaged() from exc
        if not bounds.accepts(params):
            raise KeyFileDamaged(
                "The key file asks for unusual security settings and was not trusted. "
                "Restore it from a backup; the journal itself was not changed."
            )
        return cls(salt, params, nonce, wrapped, db_salt, version)


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The key-encryption key: Argon2id of the normalised passphrase (the slow step)."""
    return _derive(normalise_passphrase(passphrase), salt, params)


def wrap(
    data_key: bytes,
    passphrase: str,
    params: KdfParams | None = None,
    *,
    db_salt: bytes | None = None,
) -> KeyFile:
    """A new key file (fresh KDF salt and nonce) for `data_key`; `db_salt` is the salt of the
    vault.db it opens."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    params = params or DEFAULT_PARAMS
    salt = _random_bytes(SALT_BYTES)
    nonce = _random_bytes(NONCE_BYTES)
    kek = derive_kek(passphrase, salt, params)
    kf = KeyFile(salt, params, nonce, b"", db_salt)
    return kf._replace(wrapped=AESGCM(kek).encrypt(nonce, bytes(data_key), kf.aad))


def unwrap(keyfile: KeyFile, passphrase: str) -> bytearray:
    """The data key, or WrongPassphrase when the GCM tag does not verify."""
    kek = _derive(normalise_passphrase(passphrase), keyfile.salt, keyfile.params)
    # Imported after the KDF has freed its memory: a CLI command's peak RSS is the KDF's
    # 64 MiB plus whatever is loaded at that moment, and cryptography is ~10 MiB of it.
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key = AESGCM(kek).decrypt(keyfile.nonce, keyfile.wrapped, keyfile.aad)
    except InvalidTag:
        raise WrongPassphrase() from None
    return bytearray(key)


def new_data_key() -> bytearray:
    return bytearray(_random_bytes(KEY_BYTES))


def read(path: Path, bounds: KdfBounds | None = None) -> KeyFile:
    from reconcile_desktop.core.storage.regular_file import open_regular  # a FIFO would hang open()

    with open_regular(path, nofollow=True) as fh:
        data = fh.read(MAX_KEYFILE_BYTES + 1)
    return KeyFile.from_bytes(data, bounds)


def db_salt_of(db_path: Path) -> bytes:
    """The salt SQLCipher keeps in clear at the start of a database file (b"" if it is shorter)."""
    with open(db_path, "rb") as fh:
        data = fh.read(DB_SALT_BYTES)
    return data if len(data) == DB_SALT_BYTES else b""


def write_atomic(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over, fsync the folder."""
    from reconcile_desktop.paths import NOFOLLOW

    tmp = path.with_name(f".{path.name}.{_random_bytes(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
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
