"""Day One's media come in as attachments, counted in the preview; jrnl's exports import."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import attachments, exchange
from reconcile_desktop.core.journal import entries as journal
from tests.conftest import PASSPHRASE

DATA = Path(__file__).parent / "data"
T0 = dt.datetime(2024, 3, 10, 22, 30, tzinfo=dt.UTC)
JPEG = b"\xff\xd8\xff\xe0" + secrets.token_bytes(3000)
PDF = b"%PDF-1.4\n" + secrets.token_bytes(2000)
MOV = b"\x00\x00\x00\x14ftypqt  " + secrets.token_bytes(1000)
M4A = b"\x00\x00\x00\x18ftypM4A " + secrets.token_bytes(1000)


@pytest.fixture
def berlin(make_vault, tmp_path):
    v = make_vault(tmp_path / "v", clock=Clock(fixed=T0, zone="Europe/Berlin"))
    v.create(PASSPHRASE)
    return v


def dayone_entries() -> list[dict]:
    return [
        {
            "uuid": "E1",
            "creationDate": "2024-01-01T10:00:00Z",
            "timeZone": "Europe/Berlin",
            "text": "# By the sea\n\nWe walked out\\.\n\n![](dayone-moment://P1)\n\nThen home\\."
            "\n\n![](dayone-moment:/pdfAttachment/D1)",
            "photos": [{"identifier": "P1", "md5": "AB12", "type": "jpeg", "orderInEntry": 0}],
            "pdfAttachments": [{"identifier": "D1", "md5": "cd34", "type": "pdf"}],
            "location": {
                "placeName": "Strandweg 4",
                "localityName": "Warnemünde",
                "country": "Germany",
                "latitude": 54.18,
                "longitude": 12.08,
            },
            "weather": {"conditionsDescription": "Partly Cloudy", "temperatureCelsius": 6.4},
        },
        {  # only media: the same photo again, a video, an audio note, a video too large
            "uuid": "E2",
            "creationDate": "2024-01-02T10:00:00Z",
            "text": "![](dayone-moment://P2)\n![](dayone-moment:/video/V1)\n"
            "![](dayone-moment:/audio/A1)\n![](dayone-moment:/video/V2)",
            "photos": [{"identifier": "P2", "md5": "ab12", "type": "jpeg"}],
            "videos": [
                {"identifier": "V1", "md5": "ef56", "type": "mov"},
                {"identifier": "V2", "md5": "big0", "type": "mov"},
            ],
            "audios": [{"identifier": "A1", "md5": "aa77", "format": "aac"}],
        },
        {  # its photo is not in the zip
            "uuid": "E3",
            "creationDate": "2024-01-03T10:00:00Z",
            "text": "A quiet day.\n\n![](dayone-moment://P9)",
            "photos": [{"identifier": "P9", "md5": "9999", "type": "jpeg"}],
        },
    ]


def dayone_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Journal.json", json.dumps({"metadata": {}, "entries": dayone_entries()}))
        zf.writestr("photos/ab12.jpeg", JPEG)
        zf.writestr("pdfs/cd34.pdf", PDF)
        zf.writestr("videos/ef56.mov", MOV)
        zf.writestr("videos/big0.mov", bytes(attachments.MAX_BYTES + 1))  # deflates to little
        zf.writestr("audios/aa77.m4a", M4A)
    return path


def test_day_one_preview_counts_every_kind_of_media_and_says_what_happens(berlin, tmp_path):
    preview = exchange.preview_import(berlin, dayone_zip(tmp_path / "d1.zip"), "dayone")
    assert preview.count == 3
    assert list(preview.problems) == [
        "Found 3 photos: 2 will be kept with their entries; left out: 1 not in this file "
        "(its link is taken out of the text).",
        "Found 1 PDF file: it will be kept with its entry.",
        "Found 2 videos: 1 will be kept with its entry, as files you can save back out; "
        "left out: 1 larger than 25 MB (its link is taken out of the text).",
        "Found 1 audio recording: it will be kept with its entry, as files you can save back out.",
        "Found 1 place: each is written as a line at the end of its entry.",
        "Found 1 weather record: each is written as a line at the end of its entry.",
    ]


def test_day_one_photos_and_files_come_in_as_attachments_in_place_of_their_links(berlin, tmp_path):
    path = dayone_zip(tmp_path / "d1.zip")
    assert exchange.import_file(berlin, path, "dayone") == 3
    quiet, media_only, sea = (journal.get_entry(berlin, r.id) for r in journal.list_page(berlin))
    jpeg, pdf = attachments.digest(JPEG), attachments.digest(PDF)

    assert sea.title == "By the sea"
    assert sea.body == (
        f"We walked out.\n\n![](attachment:{jpeg})\n\nThen home.\n\n[cd34.pdf](attachment:{pdf})"
        "\n\nPlace: Strandweg 4, Warnemünde, Germany\nWeather: Partly Cloudy, 6 °C"
    )
    assert [(a.file_name, a.mime) for a in attachments.attachments_of(berlin, sea.id)] == [
        ("ab12.jpeg", "image/jpeg"),
        ("cd34.pdf", "application/pdf"),
    ]
    # An entry of media alone keeps its files and has no text of dead links.
    assert media_only.body == "" and media_only.title == ""
    kept = attachments.attachments_of(berlin, media_only.id)
    assert [(a.file_name, a.mime) for a in kept] == [
        ("ab12.jpeg", "image/jpeg"),
        ("ef56.mov", "video/quicktime"),
        ("aa77.m4a", "audio/mp4"),
    ]
    assert attachments.read_bytes(berlin, kept[1].sha256) == MOV
    assert quiet.body == "A quiet day."
    with berlin.connection() as s:
        bodies = s.execute(sa.text("SELECT group_concat(body) FROM entry")).scalar_one()
        stored = s.execute(sa.text("SELECT count(*) FROM attachment")).scalar_one()
    assert "dayone-moment" not in bodies
    assert stored == 4  # the photo in two entries is kept once

    assert exchange.import_file(berlin, path, "dayone") == 0  # a second import adds nothing
    assert attachments.total_size(berlin)[0] == 4


def test_a_video_kept_from_day_one_can_be_saved_back_out(berlin, tmp_path):
    exchange.import_file(berlin, dayone_zip(tmp_path / "d1.zip"), "dayone")
    media_only = journal.list_page(berlin)[1]
    video = attachments.attachments_of(berlin, media_only.id)[1]
    out = attachments.save_copy(berlin, video.sha256, tmp_path / video.file_name)
    assert out.read_bytes() == MOV


def test_a_large_day_one_zip_is_not_refused_for_its_photos(berlin, tmp_path, monkeypatch):
    path = dayone_zip(tmp_path / "d1.zip")
    assert path.stat().st_size > 20_000  # the zip is larger than the limit, its JSON is not
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 20_000)
    assert exchange.preview_import(berlin, path, "dayone").count == 3


def test_jrnls_own_kind_of_export_imports_with_tags_stars_and_times(berlin):
    path = DATA / "jrnl_export.json"
    preview = exchange.preview_import(berlin, path, "jrnl")
    assert (preview.count, preview.new) == (5, 5)
    assert (preview.first_date, preview.last_date) == (dt.date(2013, 6, 9), dt.date(2022, 7, 1))
    assert exchange.import_file(berlin, path, "jrnl") == 5
    by_title = {e.title: e for e in journal.iter_entries(berlin)}
    walk = by_title["A long walk by the river, the first in weeks."]
    assert walk.tags == ("starred", "walk")
    assert walk.occurred_utc == dt.datetime(2020, 8, 31, 12, 32, tzinfo=dt.UTC)  # 14:32 Berlin
    sister = by_title["Called my sister."]
    assert sister.tags == ("garden", "sister") and "💯 🎶" in sister.body
    lines = by_title["Multiple line entry."].body
    assert lines == "This is the first line.\nThis line has no full stop\n\n" + (
        "There is a blank line above this."
    )
    assert by_title[""].body.startswith("An entry without a title")
    assert journal.all_tags(berlin) == [("garden", 2), ("sister", 1), ("starred", 1), ("walk", 1)]
    assert exchange.import_file(berlin, path, "jrnl") == 0
