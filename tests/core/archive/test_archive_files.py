"""Writing the archive and CSV files: never over an existing file, also where there are no
hard links (USB sticks), and all CSV files or none."""

from __future__ import annotations

import errno
import os
import resource
import sys

import pytest

from reconcile_desktop.core.archive import exporting, importing, package, spreadsheets
from reconcile_desktop.core.errors import DiskFull, InvalidInput
from reconcile_desktop.core.journal import entries as journal


def _no_hard_links(monkeypatch):
    def refuse(*_args, **_kw):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(package.os, "link", refuse)


def test_an_archive_is_written_where_there_are_no_hard_links(vault, tmp_path, monkeypatch):
    journal.add_entry(vault, "Words for a stick")
    _no_hard_links(monkeypatch)
    path = tmp_path / "stick" / "everything.zip"
    path.parent.mkdir()
    exporting.export_archive(vault, path)
    assert path.stat().st_size > 0 and oct(path.stat().st_mode)[-3:] == "600"
    assert sorted(p.name for p in path.parent.iterdir()) == ["everything.zip"]
    with pytest.raises(InvalidInput, match="already exists"):
        exporting.export_archive(vault, path)


def test_an_existing_file_is_never_replaced(vault, tmp_path):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "mine.zip"
    path.write_text("mine")
    with pytest.raises(InvalidInput, match="already exists"):
        exporting.export_archive(vault, path)
    assert path.read_text() == "mine" and os.listdir(path.parent) == ["mine.zip"]


def test_csv_files_are_all_written_or_none(vault, tmp_path, monkeypatch):
    real = package.write_new_file
    calls = []

    def full_after_two(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise DiskFull()
        real(path, data)

    monkeypatch.setattr(spreadsheets, "write_new_file", full_after_two)
    with pytest.raises(DiskFull):
        spreadsheets.export_csv(vault, tmp_path / "csv")
    assert list((tmp_path / "csv").iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/statm")
def test_a_sealed_archive_is_read_without_setting_its_whole_limit_aside(
    vault, make_vault, tmp_path
):
    from tests.conftest import PASSPHRASE

    journal.add_entry(vault, "Small words")
    path = tmp_path / "sealed.zip"
    exporting.export_archive(vault, path, passphrase="the archive's own words")
    target = make_vault(tmp_path / "target")
    target.create(PASSPHRASE)
    with open("/proc/self/statm") as fh:
        used = int(fh.read().split()[0]) * resource.getpagesize()
    limit = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (used + 512 * 1024 * 1024, limit[1]))
    try:
        result = importing.import_archive(target, path, "the archive's own words")
    finally:
        resource.setrlimit(resource.RLIMIT_AS, limit)
    assert result.count("entry").new == 1
