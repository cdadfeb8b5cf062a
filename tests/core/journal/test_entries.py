"""The journal core: entries, tags, trash, paging, filters and the calendar."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal.entries import EntryNotFound, Filters
from tests.conftest import PASSPHRASE

BERLIN = "Europe/Berlin"
T0 = dt.datetime(2024, 3, 10, 22, 30, tzinfo=dt.UTC)  # 23:30 in Berlin
SHARED_VAULT = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def clock():
    return Clock(fixed=T0, zone=BERLIN)


@pytest.fixture
def jv(make_vault, clock):
    """A vault on a clock we can move."""
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


def at(day: int, hour: int = 12, month: int = 1, year: int = 2024) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


def wipe(vault) -> None:
    with vault.transaction() as s:
        s.execute(sa.text("DELETE FROM entry"))
        s.execute(sa.text("DELETE FROM tag"))


def sql(vault, statement: str, **params):
    with vault.transaction() as s:
        return s.execute(sa.text(statement), params).all()


# -- adding and reading ----------------------------------------------------------------------


def test_add_entry_takes_local_date_and_zone_from_the_clock(jv):
    e = journal.add_entry(jv, "It was a long day.", title="Tuesday", mood=3, principle="empathy")
    assert e.occurred_utc == T0 and e.occurred_utc.tzinfo is not None
    assert e.local_date == dt.date(2024, 3, 10) and e.tz == BERLIN
    late = journal.add_entry(
        jv, "after midnight", occurred=dt.datetime(2024, 3, 10, 23, 30, tzinfo=dt.UTC)
    )
    assert late.local_date == dt.date(2024, 3, 11)  # 00:30 in Berlin
    assert journal.get_entry(jv, e.id) == e
    assert (e.created_utc, e.updated_utc, e.kind, e.deleted) == (T0, T0, "free", False)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"mood": 0}, "mood"),
        ({"mood": 6}, "mood"),
        ({"mood": True}, "mood"),
        ({"mood": "3"}, "mood"),
        ({"principle": "revenge"}, "principle"),
        ({"kind": "poem"}, "kind"),
        ({"title": "x" * (journal.MAX_TITLE_CHARS + 1)}, "title"),
        ({"occurred": dt.datetime(2024, 1, 1, 12)}, "time zone"),
        ({"tags": ["ok", "x" * (journal.MAX_TAG_CHARS + 1)]}, "tag"),
        ({"tags": [f"t{i}" for i in range(journal.MAX_TAGS + 1)]}, "tags"),
        ({"tags": ["a\x00b"]}, "control"),
        ({"title": "half a pair \ud800"}, "cannot be saved"),
        ({"commitment_id": 12345}, "commitment"),
    ],
)
def test_invalid_fields_are_refused_with_one_sentence(jv, fields, words):
    with pytest.raises(InvalidInput) as err:
        journal.add_entry(jv, fields.pop("body", "text"), **fields)
    assert words in str(err.value) and str(err.value).endswith(".")
    assert journal.count_entries(jv) == 0


def test_refused_update_changes_nothing(jv):
    e = journal.add_entry(jv, "steady", mood=2)
    with pytest.raises(InvalidInput):
        journal.update_entry(jv, e.id, body="new", mood=9)
    assert journal.get_entry(jv, e.id) == e
    with pytest.raises(TypeError):
        journal.update_entry(jv, e.id, colour="blue")
    with pytest.raises(TypeError):
        journal.add_entry(jv, "x", tags="one string")


TEXT = st.text(max_size=300)


@SHARED_VAULT
@given(title=TEXT, body=TEXT, new_body=TEXT)
@example(title="שלום עולם", body="emoji 😀🏳️‍🌈 and e\u0301\u0308 marks", new_body="a\x00b\x00")
@example(title="", body="", new_body="\r\n\u2028\ufeff")
def test_any_text_survives_add_and_update_exactly(vault, title, body, new_body):
    e = journal.add_entry(vault, body, title=title, tags=["x"])
    assert journal.get_entry(vault, e.id).body == body
    assert journal.get_entry(vault, e.id).title == title
    updated = journal.update_entry(vault, e.id, body=new_body)
    assert updated.body == new_body and journal.get_entry(vault, e.id) == updated


def test_a_megabyte_body_survives_and_lists_cheaply(vault):
    body = "Écrire, c'est respirer. 🌱\n" + ("patience " * 120_000)
    e = journal.add_entry(vault, body)
    assert len(body) > 1_000_000
    assert journal.get_entry(vault, e.id).body == body
    (row,) = journal.list_page(vault)
    assert row.snippet == "Écrire, c'est respirer. 🌱"


def test_snippet_is_the_first_non_blank_line_cut_at_a_word(vault):
    journal.add_entry(vault, "\n\n   \n  " + "word " * 60 + "\nsecond line")
    journal.add_entry(vault, "tab\tand\x07bell")
    rows = journal.list_page(vault)
    assert rows[0].snippet == "tab and bell"
    assert rows[1].snippet.endswith("…") and len(rows[1].snippet) <= journal.SNIPPET_CHARS + 1
    assert rows[1].snippet.startswith("word word") and "second" not in rows[1].snippet


# -- updating --------------------------------------------------------------------------------


def test_update_changes_updated_time_and_replaces_tags(jv, clock):
    e = journal.add_entry(jv, "first draft", tags=["Work", "calm"])
    clock.fixed = T0 + dt.timedelta(minutes=5)
    u = journal.update_entry(jv, e.id, body="second draft", tags=["calm", "Hope"], mood=4)
    assert u.updated_utc == clock.fixed and u.created_utc == T0
    assert (u.body, u.tags, u.mood, u.title) == ("second draft", ("calm", "Hope"), 4, "")
    assert journal.get_entry(jv, e.id) == u
    assert sorted(journal.all_tags(jv)) == [("Hope", 1), ("calm", 1)]  # "Work" was dropped
    clock.fixed = T0 + dt.timedelta(minutes=10)
    same = journal.update_entry(jv, e.id, body="second draft", tags=["HOPE", "Calm"])
    assert same == u  # nothing really changed, so nothing was written


def test_update_of_the_time_recomputes_the_local_day(jv):
    e = journal.add_entry(jv, "x", occurred=at(1))
    u = journal.update_entry(jv, e.id, occurred=dt.datetime(2024, 1, 1, 23, 30, tzinfo=dt.UTC))
    assert u.local_date == dt.date(2024, 1, 2)
    assert journal.update_entry(jv, e.id, mood=None, principle="change").principle == "change"


def test_autosave_is_one_short_transaction(jv):
    e = journal.add_entry(jv, "draft " * 10_000, title="t")
    statements: list[str] = []

    def spy(conn, cursor, statement, *args):
        statements.append(statement.split()[0].upper())

    sa.event.listen(jv.engine, "before_cursor_execute", spy)
    try:
        journal.update_entry(jv, e.id, body="draft " * 10_000 + "more")
        changed = list(statements)
        statements.clear()
        journal.update_entry(jv, e.id, body="draft " * 10_000 + "more", title="t")
    finally:
        sa.event.remove(jv.engine, "before_cursor_execute", spy)
    assert changed.count("UPDATE") == 1 and len(changed) <= 6, changed
    assert "UPDATE" not in statements and len(statements) <= 4, statements


def test_changing_a_missing_or_trashed_entry(jv):
    with pytest.raises(EntryNotFound):
        journal.update_entry(jv, 999, body="x")
    with pytest.raises(EntryNotFound):
        journal.get_entry(jv, 999)
    e = journal.add_entry(jv, "x")
    journal.trash_entry(jv, e.id)
    with pytest.raises(InvalidInput, match="trash"):
        journal.update_entry(jv, e.id, body="y")


# -- tags ------------------------------------------------------------------------------------


def test_tags_are_one_per_casefolded_name(jv):
    a = journal.add_entry(jv, "a", tags=["Anger", "  anger ", "Self  care"])
    b = journal.add_entry(jv, "b", tags=["ANGER", "Straße"])
    journal.add_entry(jv, "c", tags=["strasse", "", "   "])
    assert a.tags == ("Anger", "Self care") and b.tags == ("Anger", "Straße")
    assert journal.all_tags(jv) == [("Anger", 2), ("Straße", 2), ("Self care", 1)]
    assert sql(jv, "SELECT count(*) FROM tag")[0][0] == 3
    journal.trash_entry(jv, b.id)
    assert journal.all_tags(jv) == [("Anger", 1), ("Self care", 1), ("Straße", 1)]


# -- trash -----------------------------------------------------------------------------------


def test_has_entries_counts_the_trash_too(jv):
    assert not journal.has_entries(jv)
    e = journal.add_entry(jv, "only one")
    journal.trash_entry(jv, e.id)
    assert journal.has_entries(jv)  # an entry in the trash is still something written
    journal.empty_trash(jv)
    assert not journal.has_entries(jv)


def test_trash_and_restore(jv, clock):
    keep = journal.add_entry(jv, "keep", occurred=at(1))
    e = journal.add_entry(jv, "regret", occurred=at(2), tags=["t"])
    journal.trash_entry(jv, e.id)
    journal.trash_entry(jv, e.id)  # twice is fine
    assert [r.id for r in journal.list_page(jv)] == [keep.id]
    assert journal.count_entries(jv) == 1
    assert journal.count_entries(jv, Filters(include_deleted=True)) == 2
    (trashed,) = journal.list_trash(jv)
    assert trashed.id == e.id and trashed.deleted_utc == T0 and trashed.tags == ("t",)
    assert journal.get_entry(jv, e.id).deleted
    journal.restore_entry(jv, e.id)
    assert journal.get_entry(jv, e.id) == e
    assert journal.list_trash(jv) == []
    with pytest.raises(EntryNotFound):
        journal.trash_entry(jv, 999)


def test_empty_trash_deletes_entries_and_their_unused_tags(jv):
    a = journal.add_entry(jv, "a", tags=["shared", "only-a"])
    b = journal.add_entry(jv, "b", tags=["shared"])
    journal.trash_entry(jv, a.id)
    assert journal.empty_trash(jv) == 1
    assert journal.list_trash(jv) == []
    assert sql(jv, "SELECT name FROM tag") == [("shared",)]
    journal.delete_entry_forever(jv, b.id)  # not in the trash: still deleted
    assert sql(jv, "SELECT count(*) FROM tag")[0][0] == 0
    assert journal.count_entries(jv, Filters(include_deleted=True)) == 0
    with pytest.raises(EntryNotFound):
        journal.delete_entry_forever(jv, b.id)


def _marker() -> str:
    return "zq" + "".join(secrets.choice("bcdfghjklmnpvwx") for _ in range(14))


def _fill(vault, marker: str) -> int:
    for i in range(40):
        journal.add_entry(vault, f"ordinary day {i} with calm words and patience " * 20)
    big = ("steady words " * 80_000) + marker
    e = journal.add_entry(vault, f"secret {marker} again {marker}\n" + big, title=marker)
    for i in range(40):
        journal.add_entry(vault, f"another day {i} of grief and hope " * 20)
    return e.id


def _assert_no_sql_trace(vault, entry_id: int, marker: str) -> None:
    tail = marker[-8:].encode()
    assert sql(vault, "SELECT id FROM entry WHERE id = :i", i=entry_id) == []
    assert sql(vault, "SELECT rowid FROM entry_fts WHERE entry_fts MATCH :m", m=marker) == []
    assert sql(vault, "SELECT id FROM entry_fts_docsize WHERE id = :i", i=entry_id) == []
    assert not any(tail in (r[0] or b"") for r in sql(vault, "SELECT block FROM entry_fts_data"))
    assert not any(tail in (r[0] or b"") for r in sql(vault, "SELECT term FROM entry_fts_idx"))
    assert not sql(vault, "SELECT 1 FROM entry WHERE instr(body, :m) OR instr(title, :m)", m=marker)
    assert vault.check() == []


def _files_contain(folder, needle: bytes) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_emptied_trash_leaves_no_text_behind(jv):
    marker = _marker()
    entry_id = _fill(jv, marker)
    journal.trash_entry(jv, entry_id)
    assert journal.empty_trash(jv) == 1
    _assert_no_sql_trace(jv, entry_id, marker)
    assert jv.check() == []
    jv.lock()
    assert _files_contain(jv.dir, marker.encode()) == []


def _edit_several_times(v, entry_id: int) -> list[str]:
    """Autosaves of a changing text (FTS5 secure-delete is off for these): each version's
    own word is dropped from the text by the next one, so only the index keeps it."""
    words = [_marker() for _ in range(4)]
    for n, word in enumerate(words):
        journal.update_entry(v, entry_id, body=f"version {n} {word} " * (50 + 40 * n))
    journal.update_entry(v, entry_id, title="renamed")  # re-indexing must not leave copies
    return words


@pytest.mark.parametrize("purge", ["empty_trash", "delete_forever"])
def test_purge_leaves_no_bytes_of_any_version_in_any_file_of_a_plaintext_vault(plain_vault, purge):
    from reconcile_desktop.core.journal import attachments

    v = plain_vault
    marker = _marker()
    entry_id = _fill(v, marker)
    photo = b"\x89PNG\r\n\x1a\n" + (f"photo {_marker()} ".encode() * 20_000)
    attachments.add_attachment(v, entry_id, photo, "photo.png", thumbnailer=lambda d, m: d[:4000])
    versions = [marker, *_edit_several_times(v, entry_id), photo[8:30].decode()]
    v.lock()
    for word in versions:  # the check below can see plaintext (old versions in the index)
        assert _files_contain(v.dir, word[-8:].encode()), word
    v.unlock(PASSPHRASE)
    if purge == "empty_trash":
        journal.trash_entry(v, entry_id)
        journal.empty_trash(v)
    else:
        journal.delete_entry_forever(v, entry_id)
    for word in versions:
        _assert_no_sql_trace(v, entry_id, word)
        assert _files_contain(v.dir, word[-8:].encode()) == [], word  # WAL too, while open
    v.lock()
    for word in versions:
        assert _files_contain(v.dir, word[-8:].encode()) == [], word
    v.unlock(PASSPHRASE)
    assert journal.count_entries(v) == 80


def _fts_secure_delete(vault) -> str:
    return sql(vault, "SELECT v FROM entry_fts_config WHERE k = 'secure-delete'")[0][0]


def test_edits_run_without_fts_secure_delete_and_purges_leave_it_off(jv):
    assert str(_fts_secure_delete(jv)) == "0"
    keep = journal.add_entry(jv, "keep these words", tags=["x"])
    gone = journal.add_entry(jv, "plain words")
    journal.update_entry(jv, gone.id, body="other words entirely")
    journal.trash_entry(jv, gone.id)
    steps: list[tuple[int, int]] = []
    assert journal.empty_trash(jv, progress=lambda d, t: steps.append((d, t))) == 1
    assert str(_fts_secure_delete(jv)) == "0"
    assert steps and steps[-1][0] == steps[-1][1] > 0
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)
    journal.delete_entry_forever(jv, keep.id)
    assert str(_fts_secure_delete(jv)) == "0"
    assert journal.count_entries(jv, Filters(include_deleted=True)) == 0


def test_a_failed_purge_keeps_the_entry_and_secure_delete_off(jv):
    e = journal.add_entry(jv, "still here")
    with pytest.raises(EntryNotFound):
        journal.delete_entry_forever(jv, e.id + 1)
    assert str(_fts_secure_delete(jv)) == "0"
    assert journal.get_entry(jv, e.id).body == "still here"


# -- listing and paging ----------------------------------------------------------------------


@SHARED_VAULT
@given(
    hours=st.lists(st.integers(0, 30), min_size=0, max_size=40),
    limit=st.integers(1, 7),
    trashed=st.sets(st.integers(0, 39), max_size=5),
)
def test_keyset_paging_returns_every_entry_once_in_order(vault, hours, limit, trashed):
    wipe(vault)
    ids = [
        journal.add_entry(vault, f"e{i}", occurred=at(1, 0) + dt.timedelta(hours=h)).id
        for i, h in enumerate(hours)
    ]
    for i in trashed & set(range(len(ids))):
        journal.trash_entry(vault, ids[i])
    seen, before = [], None
    while page := journal.list_page(vault, before=before, limit=limit):
        assert len(page) <= limit
        seen += page
        before = page[-1].cursor
    expected = sorted(
        (
            (at(1, 0) + dt.timedelta(hours=h), eid)
            for i, (h, eid) in enumerate(zip(hours, ids, strict=True))
            if i not in trashed
        ),
        reverse=True,
    )
    assert [r.cursor for r in seen] == expected
    assert journal.count_entries(vault) == len(expected)


def test_paging_uses_the_live_time_index_without_sorting(vault):
    for i in range(5):
        journal.add_entry(vault, f"e{i}", occurred=at(i + 1))
    first = journal.list_page(vault, limit=2)
    captured = []

    def spy(conn, cursor, statement, parameters, *args):
        if "FROM entry" in statement and "substr" in statement:
            captured.append((statement, parameters))

    sa.event.listen(vault.engine, "before_cursor_execute", spy)
    try:
        journal.list_page(vault, before=first[-1].cursor, limit=2)
    finally:
        sa.event.remove(vault.engine, "before_cursor_execute", spy)
    ((statement, parameters),) = captured
    raw = vault.engine.raw_connection()
    try:
        plan = " ".join(
            r[3] for r in raw.cursor().execute("EXPLAIN QUERY PLAN " + statement, parameters)
        )
    finally:
        raw.close()
    assert "ix_entry_live_time" in plan and "TEMP B-TREE" not in plan, plan


def test_filters(jv):
    a = journal.add_entry(jv, "a", occurred=at(1), mood=2, principle="empathy", tags=["Grief"])
    b = journal.add_entry(jv, "b", occurred=at(5), mood=4, kind="letter", tags=["grief", "hope"])
    c = journal.add_entry(jv, "c", occurred=at(9), mood=4, principle="change", kind="worksheet")
    d = journal.add_entry(jv, "d", occurred=at(9, 23), mood=1)  # 10 January in Berlin
    journal.trash_entry(jv, d.id)

    def ids(**kw):
        f = Filters(**kw)
        rows = journal.list_page(jv, filters=f)
        assert journal.count_entries(jv, f) == len(rows)
        return [r.id for r in rows]

    assert ids() == [c.id, b.id, a.id]
    assert ids(tag="GRIEF") == [b.id, a.id]
    assert ids(tag=" hope ") == [b.id] and ids(tag="nothing") == []
    assert ids(mood=4) == [c.id, b.id]
    assert ids(principle="empathy") == [a.id]
    assert ids(kind="letter") == [b.id]
    assert ids(date_from=dt.date(2024, 1, 5)) == [c.id, b.id]
    assert ids(date_to=dt.date(2024, 1, 5)) == [b.id, a.id]
    assert ids(date_from=dt.date(2024, 1, 5), date_to=dt.date(2024, 1, 5)) == [b.id]
    assert ids(include_deleted=True) == [d.id, c.id, b.id, a.id]
    assert ids(include_deleted=True, date_from=dt.date(2024, 1, 10)) == [d.id]
    assert ids(mood=4, tag="hope") == [b.id]


# -- calendar --------------------------------------------------------------------------------


@pytest.fixture
def utc_vault(make_vault):
    v = make_vault(clock=Clock(fixed=T0, zone="UTC"))
    v.create(PASSPHRASE)
    return v


def _on(vault, *days: dt.date) -> dict[dt.date, int]:
    return {
        d: journal.add_entry(vault, str(d), occurred=at(d.day, 12, d.month, d.year)).id
        for d in days
    }


def test_days_with_entries_and_entries_on(utc_vault):
    v = utc_vault
    for hour in (18, 9):
        journal.add_entry(v, f"h{hour}", occurred=at(3, hour, 2))
    journal.add_entry(v, "x", occurred=at(29, 12, 2))
    journal.add_entry(v, "march", occurred=at(1, 0, 3))
    gone = journal.add_entry(v, "gone", occurred=at(4, 12, 2))
    journal.trash_entry(v, gone.id)
    assert journal.days_with_entries(v, 2024, 2) == {
        dt.date(2024, 2, 3): 2,
        dt.date(2024, 2, 29): 1,
    }
    assert [r.snippet for r in journal.entries_on(v, dt.date(2024, 2, 3))] == ["h9", "h18"]
    assert journal.entries_on(v, dt.date(2024, 2, 4)) == []


def _memories(vault, today):
    found = journal.on_this_day(vault, today)
    return [r.local_date for r in found.years_ago], [r.local_date for r in found.months_ago]


D = dt.date


def test_on_this_day_mid_month(utc_vault):
    _on(
        utc_vault,
        D(2022, 6, 15),
        D(2023, 6, 15),
        D(2023, 6, 14),
        D(2024, 5, 15),
        D(2023, 7, 15),
        D(2023, 5, 15),
        D(2024, 6, 15),
        D(2024, 6, 1),
    )
    years, months = _memories(utc_vault, D(2024, 6, 15))
    assert years == [D(2023, 6, 15), D(2022, 6, 15)]
    assert months == [D(2024, 5, 15), D(2023, 7, 15)]  # 1 and 11 months ago; not 13


def test_on_this_day_shows_later_days_on_a_shorter_months_last_day(utc_vault):
    _on(
        utc_vault,
        D(2024, 2, 29),
        D(2024, 2, 28),
        D(2024, 2, 27),
        D(2025, 1, 28),
        D(2025, 1, 31),
        D(2025, 1, 27),
        D(2024, 3, 31),
    )
    years, months = _memories(utc_vault, D(2025, 2, 28))  # not a leap year: 29 Feb shows today
    assert years == [D(2024, 2, 29), D(2024, 2, 28)]
    assert months == [D(2025, 1, 31), D(2025, 1, 28), D(2024, 3, 31)]
    assert _memories(utc_vault, D(2025, 2, 27)) == ([D(2024, 2, 27)], [D(2025, 1, 27)])


def test_on_this_day_in_leap_years_and_on_the_31st(utc_vault):
    _on(
        utc_vault,
        D(2020, 2, 29),
        D(2023, 2, 28),
        D(2024, 1, 29),
        D(2024, 1, 31),
        D(2023, 3, 31),
        D(2023, 1, 31),
    )
    years, months = _memories(utc_vault, D(2024, 2, 29))
    assert years == [D(2020, 2, 29)]  # not 28 Feb 2023: that showed on the 28th
    assert months == [D(2024, 1, 31), D(2024, 1, 29), D(2023, 3, 31)]
    # 31 March: February has no 31st (its last day showed on the 28th/29th)
    assert _memories(utc_vault, D(2024, 3, 31)) == ([D(2023, 3, 31)], [D(2024, 1, 31)])
    assert journal.on_this_day(utc_vault, D(2019, 1, 1)) == journal.OnThisDay((), ())


def test_a_saved_worksheet_notes_whether_the_user_was_hurt(vault):
    from reconcile_desktop.core.journal import hurt_answers as safety
    from reconcile_desktop.core.journal import prompts

    assert not safety.hurt_noted(vault)
    body = prompts.worksheet_to_markdown({"why-it-ended": "We drifted.", "hurt-by-them": "no"})
    entry = journal.add_entry(vault, body, kind="worksheet", prompt_id="should-i-try")
    assert not safety.hurt_noted(vault)
    journal.update_entry(
        vault, entry.id, body=prompts.worksheet_to_markdown({"afraid-of-them": "yes"})
    )
    assert safety.hurt_noted(vault)
    journal.update_entry(vault, entry.id, body="Now plain text, written by hand.")
    assert safety.hurt_noted(vault)  # not a form any more: the last answers stand
    journal.add_entry(vault, "An ordinary day.")  # other kinds never touch it
    assert safety.hurt_noted(vault)
    journal.update_entry(
        vault, entry.id, body=prompts.worksheet_to_markdown({"afraid-of-them": "no"})
    )
    assert not safety.hurt_noted(vault)
