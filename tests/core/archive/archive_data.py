"""Journals with something in every area, written through core's own write functions, and the
read models every page shows (what a restore must give back exactly)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import sqlalchemy as sa
from hypothesis import strategies as st

from reconcile_desktop.core import summaries
from reconcile_desktop.core.archive.table_list import PRIVATE_SETTINGS, archived_tables
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import attachments, daily_mood, search
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import boundaries
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans

NOW = dt.datetime(2026, 3, 20, 18, 30, tzinfo=dt.UTC)
ZONE = "Europe/Berlin"
WORDS = ("calm", "letter", "walk", "sorry", "listen", "patience", "Ärger", "café")
KINDS = ("i_contacted", "they_contacted_ignored", "looked_social", "urge_resisted")


def clock() -> Clock:
    return Clock(fixed=NOW, zone=ZONE)


# Enough of a PNG for the type check; the archive carries the bytes, not a picture.
PHOTOS = tuple(b"\x89PNG\r\n\x1a\n" + bytes([n]) * 300 for n in range(3))
_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
_entry = st.fixed_dictionaries(
    {
        "body": _text,
        "title": st.sampled_from(("", "A title", "Après")),
        "days_ago": st.integers(0, 60),
        "mood": st.none() | st.integers(1, 5),
        "principle": st.none() | st.sampled_from(journal.PRINCIPLES),
        "kind": st.sampled_from(("free", "prompted", "letter")),
        "tags": st.lists(st.sampled_from(("anger", "Anger", "hope", "work")), max_size=3),
        "trashed": st.booleans(),
        "photo": st.none() | st.integers(0, len(PHOTOS) - 1),  # two entries may share one
    }
)
_commitment = st.fixed_dictionaries(
    {
        "schedule": st.sampled_from(("daily", "mon,wed,fri", "3/week")),
        "marks": st.lists(st.sampled_from((None, "kept", "slipped")), min_size=8, max_size=8),
        "new_schedule": st.none() | st.sampled_from(("daily", "tue,thu")),
        "follow_up": st.booleans(),
    }
)
_event = st.tuples(st.sampled_from(KINDS), st.integers(0, 20), st.booleans())
journal_data = st.fixed_dictionaries(
    {
        "entries": st.lists(_entry, max_size=5),
        "goals": st.lists(
            st.tuples(st.booleans(), st.lists(_commitment, min_size=1, max_size=2)), max_size=2
        ),
        "goal_status": st.sampled_from(("active", "paused", "achieved", "archived")),
        "archive_first_commitment": st.booleans(),
        "end_period": st.booleans(),
        "pause": st.booleans(),
        "period": st.none() | st.integers(21, 50),
        "events": st.lists(_event, max_size=5),
        "moods": st.lists(st.tuples(st.integers(0, 6), st.integers(1, 5)), max_size=3),
        "boundary": st.booleans(),
    }
)


def fill(vault, data: dict) -> None:
    """Write `data` (from journal_data) through the same functions the window calls."""
    today = vault.clock.today()
    tz = vault.clock.tzinfo()
    for e in data["entries"]:
        when = dt.datetime.combine(today - dt.timedelta(days=e["days_ago"]), dt.time(9), tz)
        made = journal.add_entry(
            vault,
            e["body"],
            title=e["title"],
            occurred=when,
            mood=e["mood"],
            principle=e["principle"],
            kind=e["kind"],
            prompt_id="empathy-their-side" if e["kind"] == "prompted" else None,
            tags=e["tags"],
        )
        if e["photo"] is not None:
            attachments.add_attachment(vault, made.id, PHOTOS[e["photo"]], "photo.png")
        if e["trashed"]:
            journal.trash_entry(vault, made.id)
    for must_stop, commitments in data["goals"]:
        goal = plans.add_goal(
            vault, "Listen more", why="It matters", start=today - dt.timedelta(days=30),
            must_stop=must_stop,
        )  # fmt: skip
        for c in commitments:
            made = plans.add_commitment(
                vault, goal.id, "Ask, then listen", c["schedule"], start=today - dt.timedelta(30)
            )
            for back, state in enumerate(c["marks"]):
                day = today - dt.timedelta(days=back)
                plans.check_in(vault, made.id, state, day=day, note="a note" if state else "")
                if state == "slipped" and c["follow_up"]:
                    journal.add_entry(
                        vault, "After a slip", title="After a slip", principle="change",
                        commitment_id=made.id,
                        occurred=dt.datetime.combine(day, dt.time(20), tz),
                    )  # fmt: skip
            if c["new_schedule"]:
                plans.change_schedule(vault, made.id, c["new_schedule"])
    made_goals = plans.goals(vault, include_archived=True)
    if made_goals:
        plans.set_goal_status(vault, made_goals[0].id, data.get("goal_status", "active"))
        if data.get("archive_first_commitment"):
            first = plans.commitments(vault, made_goals[0].id, include_archived=True)[0]
            plans.archive_commitment(vault, first.id)
    if data["pause"] and data["goals"]:
        plans.add_pause(vault, today - dt.timedelta(days=12), today - dt.timedelta(days=10))
    if data["period"] is not None:
        nocontact.start_period(
            vault, target_days=45, start=today - dt.timedelta(days=data["period"])
        )
        for kind, back, with_letter in data["events"]:
            when = dt.datetime.combine(today - dt.timedelta(days=back), dt.time(12), tz)
            letter = None
            if kind == "urge_resisted" and with_letter:
                letter = journal.add_entry(vault, "Dear you, unsent", kind="letter").id
            nocontact.log_event(vault, kind, when=when, intensity=3, trigger="a song",
                                entry_id=letter)  # fmt: skip
        if data.get("end_period"):
            nocontact.end_period(vault, "stopped")
    for back, mood in data["moods"]:
        daily_mood.set_mood(vault, mood, "okay", day=today - dt.timedelta(days=back))
    if data["boundary"]:
        boundaries.answer(vault, {boundaries.BLOCKED})


def pages(vault) -> dict:
    """What the pages, the charts and the --json commands show (their read models)."""
    today = vault.clock.today()
    histories = plans.histories_for(vault)
    words = {w: search.search(vault, w, limit=100, typing=False) for w in WORDS}
    return {
        "progress": summaries.goal_summaries(vault, include_archived=True),
        "today": plans.day_items(vault),
        "status": nocontact.status_json(vault),
        "summary": nocontact.summary(vault),
        "weeks": nocontact.weekly_history(vault),
        "review": summaries.week_review(vault, today),
        "calendar": summaries.daily_completion(
            histories, today - dt.timedelta(days=60), today, today
        ),
        "entries": list(journal.iter_entries(vault, include_deleted=True)),
        "photos": {
            e.id: [
                (a, attachments.read_bytes(vault, a.sha256))
                for a in attachments.attachments_of(vault, e.id)
            ]
            for e in journal.iter_entries(vault, include_deleted=True)
        },
        "tags": journal.all_tags(vault),
        "search": words,
        "moods": [daily_mood.get_mood(vault, today - dt.timedelta(days=n)) for n in range(7)],
        "boundaries": dataclasses.astuple(boundaries.get(vault)),
    }


def table_rows(vault) -> dict[str, list[tuple]]:
    out = {}
    with vault.connection() as c:
        for at in archived_tables():
            rows = c.execute(sa.select(at.table).order_by(*at.table.primary_key.columns)).all()
            if at.name == "setting":
                rows = [r for r in rows if r.key not in PRIVATE_SETTINGS]
            out[at.name] = [tuple(r) for r in rows]
    return out
