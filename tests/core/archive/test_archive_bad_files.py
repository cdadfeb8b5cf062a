"""Archives that cannot be imported: each gives one sentence and changes nothing."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from reconcile_desktop.core.archive import exporting, importing, package, sealed
from reconcile_desktop.core.errors import InvalidInput, WrongPassphrase
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from tests.core.archive.archive_data import table_rows


@pytest.fixture
def good_doc(vault, tmp_path):
    letter = journal.add_entry(vault, "Dear you, unsent", kind="letter", tags=["hope"])
    nocontact.start_period(vault)
    nocontact.log_event(vault, "urge_resisted", entry_id=letter.id)
    path = tmp_path / "good.zip"
    exporting.export_archive(vault, path)
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(package.DOC_NAME))


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _doc_zip(path, doc):
    return _zip(path, {package.DOC_NAME: json.dumps(doc).encode()})


def _refused(make_vault, tmp_path, path, passphrase=None, error=InvalidInput) -> str:
    from tests.conftest import PASSPHRASE

    target = make_vault(tmp_path / "target")
    target.create(PASSPHRASE)
    journal.add_entry(target, "Already here")
    before = table_rows(target)
    with pytest.raises(error) as caught:
        importing.preview_archive(target, path, passphrase)
    with pytest.raises(error):
        importing.import_archive(target, path, passphrase)
    assert table_rows(target) == before
    sentence = str(caught.value)
    assert sentence.count(". ") <= 1 and "\n" not in sentence and "Traceback" not in sentence
    return sentence


def _broken(doc, how):
    doc = json.loads(json.dumps(doc))
    how(doc)
    return doc


BAD_DOCS = {
    "wrong format": (lambda d: d.update(format="reconcile-journal"), "not a Reconcile archive"),
    "newer version": (lambda d: d.update(version=2), "newer Reconcile"),
    "odd version": (lambda d: d.update(version="1"), "format version"),
    "no tables": (lambda d: d.pop("tables"), "no tables"),
    "unknown table": (lambda d: d["tables"].update(hologram=[]), "does not know"),
    "unknown field": (lambda d: d["tables"]["entry"][0].update(colour="red"), "does not know"),
    "bad value": (lambda d: d["tables"]["entry"][0].update(mood="sad"), "damaged"),
    "naive instant": (
        lambda d: d["tables"]["entry"][0].update(occurred_utc="2026-01-01T10:00:00"),
        "damaged",
    ),
    "missing text": (lambda d: d["tables"]["entry"][0].pop("body"), "damaged"),
    "repeated id": (
        lambda d: d["tables"]["entry"].append(dict(d["tables"]["entry"][0])),
        "damaged",
    ),
    "broken urge link": (
        lambda d: d["tables"]["contact_event"][0].update(entry_id=999),
        "links to",
    ),
    "broken tag link": (lambda d: d["tables"]["entry_tag"][0].update(tag_id=999), "links to"),
    "two tags as one": (
        lambda d: d["tables"]["tag"].append(dict(d["tables"]["tag"][0], id=77)),
        "contradict",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_DOCS))
def test_a_damaged_archive_document_is_refused_and_changes_nothing(
    make_vault, tmp_path, good_doc, case
):
    how, words = BAD_DOCS[case]
    path = _doc_zip(tmp_path / "bad.zip", _broken(good_doc, how))
    assert words in _refused(make_vault, tmp_path, path)


def test_files_that_are_no_archive_are_refused(make_vault, tmp_path, good_doc):
    cases = {
        "text.zip": (b"just some words", "not a zip"),
        "truncated.zip": (_zip(io.BytesIO(), {package.DOC_NAME: b"{}"}).getvalue()[:30], "zip"),
    }
    for name, (data, words) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert words in _refused(make_vault, tmp_path / name.split(".")[0], path)
    no_doc = _zip(tmp_path / "nodoc.zip", {"Journal.json": b"{}"})
    assert "holds no" in _refused(make_vault, tmp_path / "nodoc", no_doc)
    not_json = _zip(tmp_path / "notjson.zip", {package.DOC_NAME: b"{nope"})
    assert "not valid JSON" in _refused(make_vault, tmp_path / "notjson", not_json)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert "folder" in _refused(make_vault, tmp_path / "dir", folder)


def test_names_that_climb_out_of_the_archive_are_refused(make_vault, tmp_path, good_doc):
    doc = json.dumps(good_doc).encode()
    for n, name in enumerate(("../evil", "/etc/passwd", "attachments/../../x", "C:/x")):
        path = _zip(tmp_path / f"climb{n}.zip", {package.DOC_NAME: doc, name: b"x"})
        assert "outside" in _refused(make_vault, tmp_path / f"c{n}", path)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(make_vault, tmp_path, good_doc, monkeypatch):
    monkeypatch.setattr(package, "MAX_DOC_BYTES", 10_000)
    huge = json.dumps(good_doc).encode() + b" " * 50_000  # whitespace: valid, squeezes to nothing
    path = _zip(tmp_path / "bomb.zip", {package.DOC_NAME: huge})
    assert path.stat().st_size < 10_000
    assert "zip bomb" in _refused(make_vault, tmp_path, path)


def test_a_zip_that_lies_about_its_sizes_is_refused(make_vault, tmp_path, good_doc, monkeypatch):
    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 1_000)
    doc = json.dumps(good_doc).encode()
    path = _zip(tmp_path / "big.zip", {package.DOC_NAME: doc, "attachments/x": b"\0" * 5_000})
    assert "zip bomb" in _refused(make_vault, tmp_path, path)


def test_a_missing_or_altered_attachment_is_refused(make_vault, tmp_path, good_doc):
    from tests.conftest import PASSPHRASE
    from tests.core.archive.test_archive_attachments import create_photo_table, with_photo_table

    sha = "ab" * 32
    doc = _broken(good_doc, lambda d: d["tables"].update(photo=[{"sha256": sha, "data": sha}]))
    with with_photo_table() as tables:
        for name, members in {
            "missing": {},
            "altered": {f"attachments/{sha}": b"not those bytes"},
        }.items():
            path = _zip(tmp_path / f"{name}.zip", {package.DOC_NAME: json.dumps(doc).encode()}
                        | members)  # fmt: skip
            target = make_vault(tmp_path / name)
            target.create(PASSPHRASE)
            create_photo_table(target)
            with pytest.raises(InvalidInput, match="damaged"):
                importing.import_archive(target, path, tables=tables)


def test_a_sealed_archive_with_the_wrong_passphrase_is_one_sentence(vault, make_vault, tmp_path):
    path = tmp_path / "sealed.zip"
    exporting.export_archive(vault, path, passphrase="the right passphrase")
    sentence = _refused(make_vault, tmp_path, path, "the wrong passphrase", WrongPassphrase)
    assert sentence == sealed.ArchivePassphraseWrong.message
    data = bytearray(path.read_bytes())
    data[-5] ^= 1  # one bit of the ciphertext
    path.write_bytes(bytes(data))
    assert "damaged" in _refused(make_vault, tmp_path / "flip", path, "the right passphrase")
    path.write_bytes(bytes(data[: len(sealed.MAGIC) + 10]))
    assert "damaged" in _refused(make_vault, tmp_path / "cut", path, "the right passphrase")


def test_a_failure_halfway_changes_nothing(vault, make_vault, tmp_path, monkeypatch):
    from tests.conftest import PASSPHRASE

    journal.add_entry(vault, "One")
    journal.add_entry(vault, "Two")
    path = tmp_path / "a.zip"
    exporting.export_archive(vault, path)
    target = make_vault(tmp_path / "target")
    target.create(PASSPHRASE)
    before = table_rows(target)
    real = importing._merge_table

    def fail_at_tags(conn, at, *args):
        if at.name == "entry_tag":
            raise OSError(28, "No space left on device")
        return real(conn, at, *args)

    monkeypatch.setattr(importing, "_merge_table", fail_at_tags)
    with pytest.raises(Exception) as caught:
        importing.import_archive(target, path)
    assert "disk is full" in str(caught.value)
    assert table_rows(target) == before
