"""Photos in the vault: unlock and the first list page stay flat with gigabytes of photos, and
adding one 10 MB photo (its thumbnail made too) takes under a second.

The photo vault is a copy of the benchmark vault of the same size with PHOTO_MB megabytes of
photos spread over its newest entries, cached beside it as `<size>-photos-<MB>-v1/`. The
default is the issue's 2 GB (2048 MB: 512 photos of 4 MB, generated once per size in one to
three minutes, 2 GB of disk each); set $RECONCILE_BENCH_PHOTO_MB (or `--photo-mb` of run.py)
for another amount, for example 256 on a small disk.
The stored photos are random bytes behind a JPEG header (their size is what matters here);
the 10 MB photo added is a real JPEG, so its thumbnail is decoded and scaled as in the window.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import statistics
import time
from pathlib import Path

from reconcile_desktop.core.journal import attachments
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage.vault import Vault
from tests.benchmarks import bench_core
from tests.benchmarks.bench_results import Results, minus, timed
from tests.benchmarks.fixtures import BENCH_PASSPHRASE, MANIFEST, BenchVault, Log

PHOTO_MB_ENV = "RECONCILE_BENCH_PHOTO_MB"
DEFAULT_PHOTO_MB = 2048
PHOTO_BYTES = 4 * 1024 * 1024  # one stored photo
PER_TRANSACTION = 16
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
ADDED_BYTES = 10 * 1024 * 1024


def photo_mb() -> int:
    value = os.environ.get(PHOTO_MB_ENV, "")
    return int(value) if value.strip().isdigit() else DEFAULT_PHOTO_MB


def photo_vault(bench: BenchVault, mb: int, log: Log = print) -> BenchVault:
    """The benchmark vault with `mb` megabytes of photos, generated once and cached."""
    final = bench.dir.with_name(f"{bench.size}-photos-{mb}-v1")
    done = final / "photos.json"
    if done.exists() and json.loads(done.read_text("utf-8")).get("mb") == mb:
        return dataclasses.replace(bench, dir=final)
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(bench.dir, partial)
    (partial / "vault.lock").unlink(missing_ok=True)
    started = time.perf_counter()
    log(f"Adding {mb:,} MB of photos to a copy of the {bench.size:,}-entry vault in {final} ...")
    vault = dataclasses.replace(bench, dir=partial).vault()
    try:
        vault.unlock(BENCH_PASSPHRASE)
        _fill_photos(vault, mb * 1024 * 1024 // PHOTO_BYTES, log)
    finally:
        vault.close()
    (partial / "vault.lock").unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    (partial / "photos.json").write_text(json.dumps({"mb": mb, "seconds": round(seconds, 1)}))
    shutil.rmtree(final, ignore_errors=True)
    os.replace(partial, final)
    log(f"  done in {seconds:.1f} s")
    return dataclasses.replace(bench, dir=final)


def _fill_photos(vault: Vault, count: int, log: Log) -> None:
    ids = [r.id for r in journal.list_page(vault, limit=1000)]
    now = vault.clock.now()
    for start in range(0, count, PER_TRANSACTION):
        with vault.connection() as s:
            for n in range(start, min(count, start + PER_TRANSACTION)):
                data = JPEG_HEAD + os.urandom(PHOTO_BYTES - len(JPEG_HEAD))
                sha = attachments.store_blob(s, data, "image/jpeg", now)
                attachments.link(s, ids[n % len(ids)], sha, f"photo-{n}.jpg")
        if start and start % (PER_TRANSACTION * 32) == 0:
            log(f"  {start:,} / {count:,} photos")


def real_jpeg(size: int = ADDED_BYTES) -> bytes:
    """A decodable JPEG of exactly `size` bytes: a noisy picture a little smaller than that,
    padded after its end marker (where decoders stop)."""
    side = 3000
    while True:
        data = _noise_jpeg(side)
        if len(data) <= size - 16:
            return data + os.urandom(size - len(data))
        side = int(side * (size / len(data)) ** 0.5 * 0.95)


def _noise_jpeg(side: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage

    image = QImage(os.urandom(side * side * 4), side, side, QImage.Format.Format_RGB32).copy()
    out = QByteArray()
    buffer = QBuffer(out)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 95)
    buffer.close()
    return bytes(out.data())


def add_photo_ms(vault: Vault, repeat: int, size: int = ADDED_BYTES) -> list[float]:
    """Add a photo of `size` bytes to the newest entry, thumbnail included; each run's photo
    differs (its padding), so none is a duplicate. Removed again after each run."""
    from reconcile_desktop.ui.pages.journal.attachment_images import thumbnail_png

    (row,) = journal.list_page(vault, limit=1)
    base = real_jpeg(size)
    samples = []
    for _ in range(repeat):
        data = base[:-16] + os.urandom(16)
        (ms,) = timed(
            lambda d=data: attachments.add_attachment(
                vault, row.id, d, "added.jpg", thumbnailer=thumbnail_png
            ),
            1,
        )
        info = attachments.attachments_of(vault, row.id)[-1]
        if info.size != size or attachments.read_thumbnail(vault, info.sha256) is None:
            raise AssertionError("the added photo or its thumbnail is missing")
        attachments.remove_attachment(vault, row.id, info.sha256)
        samples.append(ms)
    return samples


def _beyond_kdf(vault: Vault, repeat: int) -> Results:
    kdf = statistics.median(bench_core.kdf_ms(vault, repeat))
    found = bench_core.unlock_and_list(vault, repeat)
    assert isinstance(found["unlock"], list)
    return {"unlock_beyond": minus(found["unlock"], kdf), "list_first": found["list_first"]}


def run(
    bench: BenchVault,
    repeat: int,
    mb: int | None = None,
    log: Log = print,
    added_bytes: int = ADDED_BYTES,
) -> Results:
    photos = photo_vault(bench, photo_mb() if mb is None else mb, log)
    plain, stored = bench.vault(), photos.vault()
    try:
        plain.claim()
        stored.claim()
        without = _beyond_kdf(plain, repeat)
        plain.close()
        with_photos = _beyond_kdf(stored, repeat)
        count, size = attachments.total_size(stored)
        extra = [
            w - p
            for w, p in zip(with_photos["unlock_beyond"], without["unlock_beyond"], strict=True)
        ]
        return {
            "photos_stored": f"{count:,} photos, {attachments.size_words(size)}",
            "photos_unlock_extra": extra,
            "photos_list_first": with_photos["list_first"],
            "photo_add": add_photo_ms(stored, repeat, added_bytes),
        }
    finally:
        plain.close()
        stored.close()


def photo_dirs(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*-photos-*-v1") if (p / MANIFEST).exists())
