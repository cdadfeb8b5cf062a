"""Day One's photos, videos, audio, PDFs, places and weather, for the Day One import.

A Day One export is a zip: Journal.json (or one JSON per journal) beside the folders photos/,
videos/, audios/ and pdfs/, whose files are named by the media's md5 (`<md5>.<type>`). An
entry lists its media (`photos`, `videos`, `audios`, `pdfAttachments`, each with an
`identifier` and an `md5`) and places each in its text as `![](dayone-moment://ID)` (photos)
or `![](dayone-moment:/video/ID)` (and /audio/, /pdfAttachment/).

Each file found becomes an attachment of its entry, and its link points at it
(`![](attachment:SHA256)`); a file that is missing or over the size limit is left out and
counted in the preview, never dropped silently. Places and weather become a line at the end
of the entry.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconcile_desktop.core.journal import attachments

# JSON key -> (what it is, the folder its files are in)
KINDS = {
    "photos": ("photo", "photos/"),
    "videos": ("video", "videos/"),
    "audios": ("audio", "audios/"),
    "pdfAttachments": ("pdf", "pdfs/"),
}
_MIME_BY_EXTENSION = {
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "heic": "image/heic",
    "heif": "image/heic",
    "gif": "image/gif",
    "tiff": "image/tiff",
    "pdf": "application/pdf",
    "mov": "video/quicktime",
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "m4a": "audio/mp4",
    "aac": "audio/aac",
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "caf": "audio/x-caf",
}
MOMENT = re.compile(
    r"!\[[^\]\n]*\]\(dayone-moment:/{1,2}(?:(?:photo|video|audio|pdfAttachment)/)?"
    r"([A-Za-z0-9-]+)\)"
)


@dataclass(frozen=True, slots=True)
class MediaFile:
    """One file to attach to an imported entry; its bytes are read again when inserted."""

    zip_path: Path
    member: str
    file_name: str
    mime: str
    sha256: str
    size: int

    def read(self) -> bytes:
        with zipfile.ZipFile(self.zip_path) as zf, zf.open(self.member) as fh:
            return fh.read(attachments.MAX_BYTES + 1)


@dataclass
class MediaIndex:
    """The media files of a Day One zip, by (folder, md5); empty for a bare JSON file."""

    path: Path | None = None
    members: dict[tuple[str, str], zipfile.ZipInfo] = field(default_factory=dict)
    found: Counter = field(default_factory=Counter)  # kind -> media listed in entries
    kept: Counter = field(default_factory=Counter)  # kind -> files that will be attached
    missing: Counter = field(default_factory=Counter)  # kind -> not in the file
    too_large: Counter = field(default_factory=Counter)  # kind -> over the size limit
    places: int = 0
    weather: int = 0


def media_in(path: Path) -> MediaIndex:
    """Index the media folders of a Day One zip (a JSON file has none)."""
    path = Path(path)
    try:
        if not zipfile.is_zipfile(path):
            return MediaIndex()
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (OSError, zipfile.BadZipFile):
        return MediaIndex()  # reading the JSON will say what is wrong
    members = {}
    folders = tuple(folder for _, folder in KINDS.values())
    for info in infos:
        name = info.filename
        if info.is_dir() or "__MACOSX/" in name:
            continue
        for folder in folders:
            at = name.find(folder)
            if at == 0 or (at > 0 and name[at - 1] == "/"):
                stem = name[at + len(folder) :].rsplit(".", 1)[0].lower()
                if stem and "/" not in stem:
                    members[(folder, stem)] = info
    return MediaIndex(path, members)


def _mime(data: bytes, member: str) -> str:
    sniffed = attachments.sniff(data)
    if sniffed:
        return sniffed
    return _MIME_BY_EXTENSION.get(member.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def _file_for(index: MediaIndex, kind: str, folder: str, media: dict) -> MediaFile | None:
    md5 = media.get("md5")
    info = index.members.get((folder, md5.lower())) if isinstance(md5, str) else None
    if info is None or index.path is None:
        index.missing[kind] += 1
        return None
    if info.file_size > attachments.MAX_BYTES:
        index.too_large[kind] += 1
        return None
    with zipfile.ZipFile(index.path) as zf, zf.open(info) as fh:
        data = fh.read(attachments.MAX_BYTES + 1)
    if len(data) > attachments.MAX_BYTES:
        index.too_large[kind] += 1
        return None
    if not data:
        index.missing[kind] += 1
        return None
    base = info.filename.rsplit("/", 1)[-1]
    mime = _mime(data, base)
    name = media.get("filename") if isinstance(media.get("filename"), str) else base
    index.kept[kind] += 1
    return MediaFile(
        index.path,
        info.filename,
        attachments.clean_name(name, mime),
        mime,
        attachments.digest(data),
        len(data),
    )


def entry_media(item: dict, index: MediaIndex) -> tuple[dict[str, str], list[MediaFile]]:
    """(identifier -> the text that replaces its link, the files to attach in order)."""
    links: dict[str, str] = {}
    files: list[MediaFile] = []
    for key, (kind, folder) in KINDS.items():
        listed = item.get(key)
        if not isinstance(listed, list):
            continue
        ordered = sorted(
            (m for m in listed if isinstance(m, dict)),
            key=lambda m: m.get("orderInEntry", 0) if isinstance(m.get("orderInEntry"), int) else 0,
        )
        for media in ordered:
            index.found[kind] += 1
            found = _file_for(index, kind, folder, media)
            ident = media.get("identifier")
            if found is not None and all(f.sha256 != found.sha256 for f in files):
                files.append(found)
            if isinstance(ident, str):
                links[ident] = "" if found is None else link_to(found)
    return links, files


def link_to(f: MediaFile) -> str:
    """Markdown that the read view shows: a photo inline, any other file as a link."""
    if f.mime in attachments.IMAGE_TYPES:
        return f"![]({attachments.LINK_SCHEME}{f.sha256})"
    return f"[{f.file_name}]({attachments.LINK_SCHEME}{f.sha256})"


_ALONE = re.compile(r"^[ \t]*(" + MOMENT.pattern + r")[ \t]*(?:\n|$)", re.MULTILINE)


def replace_links(text: str, links: dict[str, str]) -> str:
    """Each Day One link becomes its attachment's link; a link to nothing goes, with its line
    when it stood alone (and the blank lines it leaves at the end)."""

    def alone(m: re.Match) -> str:
        new = links.get(m.group(2), "")
        return new + m.group(0)[m.end(1) - m.start(0) :] if new else ""

    out = _ALONE.sub(alone, text)
    out = MOMENT.sub(lambda m: links.get(m.group(1), ""), out)
    return out.rstrip("\n") if out != text else out


def _words(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def place_and_weather(item: dict, index: MediaIndex) -> list[str]:
    """The lines Day One's place and weather become, at the end of the entry."""
    lines = []
    loc = item.get("location")
    if isinstance(loc, dict):
        parts: list[str] = []
        for key in ("placeName", "localityName", "administrativeArea", "country"):
            word = _words(loc.get(key))
            if word and word not in parts:
                parts.append(word)
        lat, lon = loc.get("latitude"), loc.get("longitude")
        if not parts and isinstance(lat, int | float) and isinstance(lon, int | float):
            parts.append(f"{lat:.5f}, {lon:.5f}")
        if parts:
            index.places += 1
            lines.append("Place: " + ", ".join(parts))
    weather = item.get("weather")
    if isinstance(weather, dict):
        parts = [w for w in [_words(weather.get("conditionsDescription"))] if w]
        celsius = weather.get("temperatureCelsius")
        if isinstance(celsius, int | float) and not isinstance(celsius, bool):
            parts.append(f"{celsius:.0f} °C")
        if parts:
            index.weather += 1
            lines.append("Weather: " + ", ".join(parts))
    return lines


_NAMES = {
    "photo": ("photo", "photos"),
    "video": ("video", "videos"),
    "audio": ("audio recording", "audio recordings"),
    "pdf": ("PDF file", "PDF files"),
}


def _n(count: int, kind: str) -> str:
    one, many = _NAMES[kind]
    return f"1 {one}" if count == 1 else f"{count:,} {many}"


def _kept_words(kept: int, found: int, kind: str) -> str:
    if kept == found:
        return (
            "it will be kept with its entry" if kept == 1 else "all will be kept with their entries"
        )
    return (
        f"{kept:,} will be kept with their entries"
        if kept != 1
        else "1 will be kept with its entry"
    )


def preview_notes(index: MediaIndex) -> list[str]:
    """One sentence for each kind of media found, saying what happens to it."""
    notes = []
    for kind in ("photo", "pdf", "video", "audio"):
        found, kept = index.found[kind], index.kept[kind]
        if not found:
            continue
        sentence = f"Found {_n(found, kind)}"
        if kept:
            sentence += ": " + _kept_words(kept, found, kind)
            if kind in ("video", "audio"):
                sentence += ", as files you can save back out"
        left = []
        if index.missing[kind]:
            left.append(f"{index.missing[kind]:,} not in this file")
        if index.too_large[kind]:
            left.append(f"{index.too_large[kind]:,} larger than 25 MB")
        if left:
            gone = index.missing[kind] + index.too_large[kind]
            links = "its link is" if gone == 1 else "their links are"
            sentence += f"{';' if kept else ','} left out: {' and '.join(left)} ({links} taken "
            sentence += "out of the text)"
        notes.append(sentence + ".")
    if index.places:
        notes.append(
            f"Found {index.places:,} {'place' if index.places == 1 else 'places'}: each is "
            "written as a line at the end of its entry."
        )
    if index.weather:
        records = "weather record" if index.weather == 1 else "weather records"
        notes.append(
            f"Found {index.weather:,} {records}: each is written as a line at the end of its entry."
        )
    if index.path is None and any(index.missing.values()):
        notes.append("To bring the photos and files in too, import the whole Day One .zip file.")
    return notes
