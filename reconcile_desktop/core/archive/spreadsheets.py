"""CSV files for spreadsheets and Loop Habit Tracker: check-ins, moods, no-contact events, urges.

checkins.csv follows Loop's Checkmarks.csv: a Date column (newest day first), then one column
per commitment, with Loop's values: 2 kept, 0 slipped, 3 a paused day, -1 not marked.
commitments.csv lists those columns, as Loop's Habits.csv does. Text cells that a spreadsheet
would run as a formula (starting with = + - @) get a leading apostrophe. Nothing is replaced:
if one of the files is already in the folder, nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa

from reconcile_desktop.core.archive.package import write_new_file
from reconcile_desktop.core.errors import InvalidInput, NotWritable
from reconcile_desktop.core.storage.tables import CONTACT_EVENT, MOOD_CHECKIN

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

LOOP_KEPT, LOOP_SLIPPED, LOOP_PAUSED, LOOP_UNMARKED = 2, 0, 3, -1
FILES = ("checkins.csv", "commitments.csv", "moods.csv", "nocontact_events.csv", "urges.csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(header: list[str], rows: list[list[object]]) -> tuple[bytes, int]:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8"), len(rows)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _plan_files(vault: Vault) -> dict[str, tuple[bytes, int]]:
    from reconcile_desktop.core.plans import store as plans

    today = vault.clock.today()
    goals = {g.id: g for g in plans.goals(vault, include_archived=True)}
    commitments = plans.commitments(vault, include_archived=True)
    histories = {h.id: h for h in plans.histories_for(vault)}
    names = _unique([_cell(c.action) for c in commitments])
    habits = [
        [
            n,
            name,
            _cell(goals[c.goal_id].title),
            plans.describe_schedule(c.schedule),
            c.start_date.isoformat(),
            "" if c.end_date is None else c.end_date.isoformat(),
        ]
        for n, (c, name) in enumerate(zip(commitments, names, strict=True), 1)
    ]
    first = min((c.start_date for c in commitments), default=today + dt.timedelta(days=1))
    rows = []
    for back in range((today - first).days + 1):  # none without a commitment
        day = today - dt.timedelta(days=back)
        line: list[object] = [day.isoformat()]
        for c in commitments:
            h = histories[c.id]
            state = h.checkins.get(day)
            if state == "kept":
                line.append(LOOP_KEPT)
            elif state == "slipped":
                line.append(LOOP_SLIPPED)
            elif day in h.paused:
                line.append(LOOP_PAUSED)
            else:
                line.append(LOOP_UNMARKED)
        rows.append(line)
    return {
        "checkins.csv": _csv(["Date", *names], rows),
        "commitments.csv": _csv(["Position", "Name", "Goal", "Schedule", "Start", "End"], habits),
    }


def _local(instant: dt.datetime, tz: str) -> dt.datetime:
    try:
        return instant.astimezone(ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return instant


def _nocontact_files(vault: Vault) -> dict[str, tuple[bytes, int]]:
    E = CONTACT_EVENT
    events, urges = [], []
    with vault.connection() as c:
        moods = [
            [r.day.isoformat(), r.mood, _cell(r.note)]
            for r in c.execute(sa.select(MOOD_CHECKIN).order_by(MOOD_CHECKIN.c.day))
        ]
        for e in c.execute(sa.select(E).order_by(E.c.occurred_utc, E.c.id)):
            local = _local(e.occurred_utc, e.tz)
            when = [e.local_date.isoformat(), f"{local:%H:%M}", e.tz]
            detail = ["" if e.intensity is None else e.intensity, _cell(e.trigger), _cell(e.note)]
            if e.kind == "urge_resisted":
                urges.append([*when, *detail, "" if e.entry_id is None else e.entry_id])
            else:
                events.append([*when, e.kind, *detail])
    head = ["Date", "Time", "Time zone"]
    return {
        "moods.csv": _csv(["Date", "Mood", "Note"], moods),
        "nocontact_events.csv": _csv([*head, "Kind", "Intensity", "Trigger", "Note"], events),
        "urges.csv": _csv([*head, "Intensity", "Trigger", "Note", "Letter entry"], urges),
    }


def export_csv(vault: Vault, folder: Path) -> dict[str, int]:
    """The five files in `folder` (made if missing); returns the data rows in each."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file; the CSV export needs a folder.")
    taken = [name for name in FILES if (folder / name).exists()]
    if taken:
        raise InvalidInput(
            f"{folder / taken[0]} already exists; choose another folder so nothing is replaced."
        )
    files = _plan_files(vault) | _nocontact_files(vault)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        raise NotWritable("The CSV files could not be written there. Try another folder.") from None
    written: list[Path] = []
    try:
        for name in FILES:
            write_new_file(folder / name, files[name][0])
            written.append(folder / name)
    except BaseException:
        for path in written:  # all five files or none
            path.unlink(missing_ok=True)
        raise
    return {name: files[name][1] for name in FILES}
