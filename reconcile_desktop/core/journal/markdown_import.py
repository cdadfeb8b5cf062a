"""Read a folder of Markdown files (a Reconcile export, or notes from elsewhere) as entries.

A file with Reconcile's front matter (core/journal/front_matter.py) comes back whole: title,
text, date, zone, created and updated times, tags under their original names, mood, principle,
kind and prompt; one in the `trash/` subfolder, or marked `trashed: true`, goes back to the
trash. A file without front matter is a plain entry: its title is the first `# heading`, else
the file name; its date the front matter's, else a YYYY-MM-DD at the start of the name, else
when the file was last changed.

Every file is read and checked before anything is returned, so one bad file (not UTF-8, front
matter outside the subset, too large, a wrong value) stops the import with one sentence naming
it, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import front_matter
from reconcile_desktop.core.journal.entries import NewEntry

SUFFIXES = (".md", ".markdown")
TRASH_FOLDER = "trash"
# The longest text an entry holds, at four bytes a character, and room for the front matter.
MAX_FILE_BYTES = journal.MAX_BODY_CHARS * 4 + 1024 * 1024
UNDATED_HOUR = 12  # a day without a time: midday, well clear of DST changes
KNOWN = frozenset(
    ("title", "date", "zone", "created", "updated", "tags", "reconcile_tags", "mood")
    + ("principle", "kind", "prompt", "id", "trashed")
)
_DATED_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ _-]+(.*))?")


@dataclass(frozen=True, slots=True)
class _File:
    name: str  # relative to the folder, as messages show it
    text: str
    in_trash: bool
    modified: dt.datetime


def _words(count: int, one: str, many: str) -> str:
    return f"1 {one}" if count == 1 else f"{count:,} {many}"


# -- the files -------------------------------------------------------------------------------


def _markdown_files(folder: Path) -> list[tuple[Path, bool]]:
    """(path, in the trash folder) for every Markdown file under folder, hidden ones aside
    (.obsidian, and the temporary files of an export that was stopped)."""
    found = []
    for root, dirs, files in os.walk(folder, onerror=_walk_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        here = Path(root)
        in_trash = here.relative_to(folder).parts[:1] == (TRASH_FOLDER,)
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                found.append((here / name, in_trash))
    return found


def _walk_error(exc: OSError) -> None:
    raise InvalidInput("A folder inside it could not be read, so nothing was imported.")


def _read(path: Path, name: str, budget: list[int]) -> bytes:
    from reconcile_desktop.core.storage.regular_file import NotARegularFile, open_regular

    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise InvalidInput(f"{name} is too large to be one entry, so nothing was imported.")
            budget[0] -= size
            if budget[0] < 0:
                raise InvalidInput(
                    "These files are too many to import at once (the limit is 512 MB in all)."
                )
            data = fh.read(MAX_FILE_BYTES + 1)
    except NotARegularFile:
        raise InvalidInput(
            f"{name} is not an ordinary file (a pipe or a device), so nothing was imported."
        ) from None
    except OSError:
        raise InvalidInput(f"{name} could not be read, so nothing was imported.") from None
    if len(data) > MAX_FILE_BYTES:  # it grew while being read
        raise InvalidInput(f"{name} is too large to be one entry, so nothing was imported.")
    return data


def read_files(path: Path, max_bytes: int) -> list[_File]:
    """Every Markdown file of the folder (or the one file), decoded; InvalidInput otherwise."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InvalidInput("That folder could not be found.") from None
    except OSError:
        raise InvalidInput("That folder could not be read.") from None
    if stat.S_ISDIR(mode):
        found = _markdown_files(path)
        root = path
    elif path.suffix.lower() in SUFFIXES:
        found, root = [(path, False)], path.parent
    else:
        raise InvalidInput("Choose a folder of Markdown files (or one .md file) to import.")
    if not found:
        raise InvalidInput("There are no Markdown files (.md) in that folder to import.")
    budget = [max_bytes]
    out = []
    for file, in_trash in found:
        name = file.relative_to(root).as_posix()
        data = _read(file, name, budget)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput(f"{name} is not UTF-8 text, so nothing was imported.") from None
        modified = dt.datetime.fromtimestamp(file.stat().st_mtime, dt.UTC)
        out.append(_File(name, text, in_trash, modified))
    return out


# -- one file as an entry --------------------------------------------------------------------


class _Context:
    """What converting the files needs and learns: the zone, and notes for the preview."""

    def __init__(self, zone: str, now: dt.datetime) -> None:
        self.zone = zone
        self.now = now
        self.plain = 0
        self.undated = 0
        self.unknown_zones = 0
        self.left_out: set[str] = set()


def _zone(value: object, ctx: _Context, name: str) -> str:
    if value is None:
        return ctx.zone
    if isinstance(value, str):
        try:
            ZoneInfo(value)
            return value
        except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a folder of zones
            pass
    ctx.unknown_zones += 1
    return ctx.zone


def _instant(value: object, tz: str, name: str, what: str) -> dt.datetime:
    """An ISO date (midday) or date and time; without an offset it is read in the entry's zone."""
    problem = InvalidInput(f"In {name}, the {what} could not be read.")
    if not isinstance(value, str):
        raise problem
    try:
        if len(value.strip()) == 10:
            day = dt.date.fromisoformat(value.strip())
            parsed = dt.datetime.combine(day, dt.time(UNDATED_HOUR))
        else:
            parsed = dt.datetime.fromisoformat(value.strip())
        if parsed.utcoffset() is None:
            parsed = parsed.replace(tzinfo=ZoneInfo(tz))
        return parsed.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise problem from None


def _text(fields: dict, key: str, name: str) -> str | None:
    value = fields.get(key)
    if value is not None and not isinstance(value, str):
        raise InvalidInput(f"In {name}, “{key}” should be text.")
    return value


def _tags(fields: dict, name: str) -> list[str]:
    """The original names (reconcile_tags), and any tag added in another app since."""

    def names(key: str) -> list[str]:
        value = fields.get(key)
        if value is None:
            return []
        if isinstance(value, str):  # Obsidian also takes "a, b" or "a b"
            return [t for t in re.split(r"[,\s]+", value) if t]
        if isinstance(value, list) and all(isinstance(t, str | int) for t in value):
            return [str(t) for t in value]  # `tags: [2024]` means the word 2024
        raise InvalidInput("The tags should be a list of words.")

    original = names("reconcile_tags")
    seen = {front_matter.obsidian_tag(t).casefold() for t in original}
    added = [t.lstrip("#") for t in names("tags")]
    return original + [t for t in added if front_matter.obsidian_tag(t).casefold() not in seen]


def _title_and_body(file: _File, fields: dict | None, text: str) -> tuple[str, str]:
    if fields is not None and "title" in fields:
        return _text(fields, "title", file.name) or "", text
    first = text.lstrip("\n")
    line, _, rest = first.partition("\n")
    if line.startswith("# ") and len(line) - 2 <= journal.MAX_TITLE_CHARS:
        return line[2:].strip(), rest.lstrip("\n")
    stem = Path(file.name).stem
    dated = _DATED_NAME.fullmatch(stem)
    title = (dated[2] or "") if dated else stem
    return title[: journal.MAX_TITLE_CHARS], text


def _occurred(file: _File, fields: dict, tz: str, ctx: _Context) -> dt.datetime:
    for key, what in (("date", "date"), ("created", "creation time")):
        if fields.get(key) is not None:
            return _instant(fields[key], tz, file.name, what)
    dated = _DATED_NAME.fullmatch(Path(file.name).stem)
    if dated:
        try:
            return _instant(dated[1], tz, file.name, "date")
        except InvalidInput:
            pass
    ctx.undated += 1
    return file.modified


def _entry(file: _File, ctx: _Context) -> NewEntry:
    text = file.text
    if text.split("\n", 1)[0].endswith("\r"):  # written on Windows, not by Reconcile
        text = text.replace("\r\n", "\n")
    try:
        block, text = front_matter.split(text)
        fields = None if block is None else front_matter.parse(block)
    except front_matter.FrontMatterError as exc:
        raise InvalidInput(
            f"The front matter of {file.name} could not be read (line {exc.line}: {exc.what}), "
            "so nothing was imported."
        ) from None
    if fields is None:
        ctx.plain += 1
    elif text.startswith("\n"):  # the blank line Reconcile writes after the front matter
        text = text[1:]
    if text.endswith("\n"):
        text = text[:-1]
    title, body = _title_and_body(file, fields, text)
    fields = fields or {}
    ctx.left_out.update(k for k in fields if k not in KNOWN)
    tz = _zone(fields.get("zone"), ctx, file.name)
    occurred = _occurred(file, fields, tz, ctx)
    times = {}
    for key, what in (("created", "creation time"), ("updated", "change time")):
        if fields.get(key) is not None:
            times[key] = _instant(fields[key], tz, file.name, what)
    values = {
        "title": title,
        "body": body,
        "mood": fields.get("mood"),
        "principle": fields.get("principle"),
        "kind": fields.get("kind") if fields.get("kind") is not None else "free",
        "prompt_id": _text(fields, "prompt", file.name),
    }
    trashed = file.in_trash or fields.get("trashed") is True
    try:
        journal.check_fields(values)
        tags = tuple(n for _, n in journal.normalise_tags(_tags(fields, file.name)))
        local_date = occurred.astimezone(ZoneInfo(tz)).date()
    except InvalidInput as exc:
        msg = str(exc)
        raise InvalidInput(f"In {file.name}, {msg[:1].lower()}{msg[1:]}") from None
    except OverflowError:
        raise InvalidInput(f"In {file.name}, the date is out of range.") from None
    return NewEntry(
        body=body,
        title=title,
        occurred_utc=occurred,
        local_date=local_date,
        tz=tz,
        created_utc=times.get("created", occurred),
        updated_utc=times.get("updated"),
        mood=values["mood"],
        principle=values["principle"],
        kind=values["kind"],
        prompt_id=values["prompt_id"],
        tags=tags,
        deleted_utc=ctx.now if trashed else None,
    )


def read_entries(
    path: Path, zone: str, now: dt.datetime, max_bytes: int, notes: list[str]
) -> list[NewEntry]:
    """The folder's (or file's) entries, checked; notes for the preview go into `notes`."""
    ctx = _Context(zone, now)
    out = [_entry(file, ctx) for file in read_files(path, max_bytes)]
    if ctx.plain:
        notes.append(
            "1 file has no front matter, so it comes in as a plain entry, titled by its first "
            "heading or its name."
            if ctx.plain == 1
            else f"{ctx.plain:,} files have no front matter, so they come in as plain entries, "
            "titled by their first heading or their name."
        )
    if ctx.undated:
        notes.append(
            "1 file has no date, so the time it was last changed is used."
            if ctx.undated == 1
            else f"{ctx.undated:,} files have no date, so the time each was last changed is used."
        )
    if ctx.unknown_zones:
        notes.append(
            f"{_words(ctx.unknown_zones, 'file names', 'files name').capitalize()} a time zone "
            f"this computer does not know, so {zone} was used there."
        )
    if ctx.left_out:
        shown = ", ".join(sorted(ctx.left_out)[:5]) + (", …" if len(ctx.left_out) > 5 else "")
        notes.append(f"Details Reconcile has no place for were left out: {shown}.")
    return out
