"""The key file: wrapping, passphrase rules, tamper and bounds checks."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile_desktop.core.errors import (
    InvalidInput,
    KdfTooCostly,
    KeyFileDamaged,
    KeyFileTooNew,
    WrongPassphrase,
)
from reconcile_desktop.core.storage import keyfile
from tests.conftest import FAST_KDF, TEST_BOUNDS, version_1_keyfile


def _roundtrip(kf: keyfile.KeyFile) -> keyfile.KeyFile:
    return keyfile.KeyFile.from_bytes(kf.to_bytes(), TEST_BOUNDS)


def test_wrap_then_unwrap_returns_the_data_key():
    key = keyfile.new_data_key()
    kf = _roundtrip(keyfile.wrap(key, "open sesame", FAST_KDF))
    assert keyfile.unwrap(kf, "open sesame") == key
    assert len(key) == 32


def test_wrong_passphrase_fails_the_gcm_tag():
    kf = keyfile.wrap(keyfile.new_data_key(), "right one", FAST_KDF)
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap(kf, "wrong one")


def test_default_parameters_are_at_least_the_floor():
    p = keyfile.DEFAULT_PARAMS
    assert p.m >= 64 * 1024 and p.t >= 3 and p.p >= 4
    assert keyfile.BOUNDS.accepts(p)


def test_real_parameters_round_trip():
    key = keyfile.new_data_key()
    kf = keyfile.KeyFile.from_bytes(keyfile.wrap(key, "pass").to_bytes())
    assert kf.params == keyfile.DEFAULT_PARAMS
    assert keyfile.unwrap(kf, "pass") == key


def test_nfc_and_nfd_spellings_open_the_same_key():
    nfc = unicodedata.normalize("NFC", "Zoë café")
    nfd = unicodedata.normalize("NFD", "Zoë café")
    assert nfc != nfd
    key = keyfile.new_data_key()
    kf = keyfile.wrap(key, nfd, FAST_KDF)
    assert keyfile.unwrap(kf, nfc) == key


@pytest.mark.parametrize("passphrase", ["with\0nul", "x" * 10_000, "🙂 ✨ שלום"])
def test_unusual_passphrases_work(passphrase):
    key = keyfile.new_data_key()
    kf = _roundtrip(keyfile.wrap(key, passphrase, FAST_KDF))
    assert keyfile.unwrap(kf, passphrase) == key
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap(kf, passphrase[:-1] or "y")


def test_empty_and_oversized_passphrases_are_refused():
    with pytest.raises(InvalidInput):
        keyfile.normalise_passphrase("")
    with pytest.raises(InvalidInput):
        keyfile.normalise_passphrase("x" * (keyfile.MAX_PASSPHRASE_BYTES + 1))


def _doc(kf: keyfile.KeyFile) -> dict:
    return json.loads(kf.to_bytes())


@pytest.mark.parametrize(
    "field,value",
    [("t", 1), ("m", 8), ("p", 65), ("t", 10_000), ("m", 64 * 1024 * 1024), ("t", "3")],
)
def test_out_of_bounds_parameters_are_rejected_before_argon2(field, value):
    kf = keyfile.wrap(keyfile.new_data_key(), "pass", keyfile.DEFAULT_PARAMS)
    doc = _doc(kf)
    doc[field] = value
    with pytest.raises(KeyFileDamaged):
        keyfile.KeyFile.from_bytes(json.dumps(doc).encode())


def test_header_tampering_within_bounds_fails_the_tag():
    kf = keyfile.wrap(keyfile.new_data_key(), "pass", FAST_KDF)
    doc = _doc(kf)
    doc["t"] = 2  # still inside the test bounds, but the header is associated data
    with pytest.raises(KeyFileDamaged):  # the checksum notices first
        keyfile.KeyFile.from_bytes(json.dumps(doc).encode(), TEST_BOUNDS)
    doc["check"] = keyfile.checksum(doc)  # a deliberate edit, checksum and all
    tampered = keyfile.KeyFile.from_bytes(json.dumps(doc).encode(), TEST_BOUNDS)
    with pytest.raises(WrongPassphrase):
        keyfile.unwrap(tampered, "pass")


@pytest.mark.parametrize("field", ["wrapped", "nonce", "salt", "db_salt"])
def test_a_changed_byte_is_damage_found_before_the_kdf(field, monkeypatch):
    kf = keyfile.wrap(keyfile.new_data_key(), "pass", FAST_KDF, db_salt=bytes(range(16)))
    doc = _doc(kf)
    raw = bytearray(keyfile.base64.b64decode(doc[field]))
    raw[3] ^= 0x01
    doc[field] = keyfile.base64.b64encode(bytes(raw)).decode()
    monkeypatch.setattr(keyfile, "_derive", lambda *a: pytest.fail("Argon2 ran"))
    with pytest.raises(KeyFileDamaged) as raised:
        keyfile.KeyFile.from_bytes(json.dumps(doc).encode(), TEST_BOUNDS)
    assert str(raised.value) == KeyFileDamaged.message


def test_a_version_1_file_is_still_read_and_opens():
    key = keyfile.new_data_key()
    kf = keyfile.KeyFile.from_bytes(version_1_keyfile(key, "pass"), TEST_BOUNDS)
    assert kf.version == 1 and kf.db_salt is None
    assert "check" not in json.loads(kf.to_bytes())
    assert keyfile.unwrap(kf, "pass") == key


@pytest.mark.parametrize(("t", "m"), [(64, 4 * 1024 * 1024), (11, 64 * 1024), (3, 1024**2 + 1)])
@pytest.mark.parametrize("version", [1, 2])
def test_the_kdf_ceiling_holds_whatever_the_bounds(t, m, version, monkeypatch):
    kf = keyfile.wrap(keyfile.new_data_key(), "pass", FAST_KDF)
    doc = json.loads(kf._replace(version=version).to_bytes())
    doc.update(t=t, m=m)
    if version == 2:
        doc["check"] = keyfile.checksum(doc)  # even a consistent edit
    generous = keyfile.KdfBounds(t=(1, 1000), m=(8, 2**40), p=(1, 1000))
    monkeypatch.setattr(keyfile, "_derive", lambda *a: pytest.fail("Argon2 ran"))
    with pytest.raises(KdfTooCostly) as raised:
        keyfile.KeyFile.from_bytes(json.dumps(doc).encode(), generous)
    assert "at most 1 GiB and 10 passes" in str(raised.value)
    assert not generous.accepts(keyfile.KdfParams(t=t, m=m, p=1))


def test_the_ceiling_leaves_room_above_the_defaults():
    assert keyfile.BOUNDS.accepts(keyfile.KdfParams(t=10, m=1024 * 1024, p=4))
    assert keyfile.DEFAULT_PARAMS.t * 3 <= keyfile.CEILING.t
    assert keyfile.DEFAULT_PARAMS.m * 16 <= keyfile.CEILING.m


def test_a_newer_key_file_says_so_and_a_damaged_one_does_not():
    doc = _doc(keyfile.wrap(keyfile.new_data_key(), "pass", FAST_KDF))
    doc.update(version=keyfile.VERSION + 1, kdf="something newer")
    doc["check"] = keyfile.checksum(doc)
    with pytest.raises(KeyFileTooNew):
        keyfile.KeyFile.from_bytes(json.dumps(doc).encode(), TEST_BOUNDS)
    doc["check"] = "0" * 64  # a flipped version digit is damage, not a newer file
    with pytest.raises(KeyFileDamaged):
        keyfile.KeyFile.from_bytes(json.dumps(doc).encode(), TEST_BOUNDS)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.pop("salt"),
        lambda d: d.update(salt="!!!"),
        lambda d: d.update(nonce="AAAA"),
        lambda d: d.update(format="other"),
        lambda d: d.update(kdf="scrypt"),
        lambda d: d.update(version=99),
        lambda d: d.update(version=0),
        lambda d: d.update(wrapped=""),
        lambda d: d.pop("check"),
        lambda d: d.update(db_salt="AAAA"),
    ],
)
def test_damaged_key_files_are_recognised(mutate):
    doc = _doc(keyfile.wrap(keyfile.new_data_key(), "pass", FAST_KDF))
    mutate(doc)
    with pytest.raises(KeyFileDamaged):
        keyfile.KeyFile.from_bytes(json.dumps(doc).encode(), TEST_BOUNDS)


@settings(max_examples=200)
@given(st.binary(max_size=5000))
def test_arbitrary_bytes_never_crash_the_parser(data):
    try:
        keyfile.KeyFile.from_bytes(data, TEST_BOUNDS)
    except KeyFileDamaged:
        pass


def test_write_atomic_leaves_only_the_target(tmp_path):
    target = tmp_path / "vault.key"
    keyfile.write_atomic(target, b"one")
    keyfile.write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["vault.key"]
    assert target.stat().st_mode & 0o777 == 0o600
