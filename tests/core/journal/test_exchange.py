"""Export and import: exact round trips, Markdown, jrnl and Day One, and bad files."""

from __future__ import annotations

import datetime as dt
import json
import stat
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import InvalidInput, ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import exchange
from reconcile_desktop.core.journal.entries import Filters
from reconcile_desktop.core.storage.models import ENTRY_KINDS, PRINCIPLES, Commitment, Goal
from reconcile_desktop.core.storage.vault import Vault
from tests.conftest import PASSPHRASE

T0 = dt.datetime(2024, 3, 10, 22, 30, tzinfo=dt.UTC)
SHARED_VAULTS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def pair(make_vault, tmp_path):
    """Two vaults in different zones: what is exported from one is imported into the other."""
    a = make_vault(tmp_path / "a", clock=Clock(fixed=T0, zone="Europe/Berlin"))
    b = make_vault(
        tmp_path / "b", clock=Clock(fixed=T0 + dt.timedelta(days=9), zone="America/New_York")
    )
    a.create(PASSPHRASE)
    b.create(PASSPHRASE)
    return a, b


def wipe(*vaults) -> None:
    for v in vaults:
        with v.transaction() as s:
            s.execute(sa.text("DELETE FROM entry"))
            s.execute(sa.text("DELETE FROM tag"))


def everything(vault) -> list[tuple]:
    """Every field of every entry but the id, oldest first."""
    out = []
    for e in journal.iter_entries(vault, include_deleted=True):
        fields = {k: getattr(e, k) for k in e.__slots__ if k not in ("id", "commitment_id")}
        out.append(tuple(sorted(fields.items())))
    return out


def write(path, doc) -> None:
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")


TAG = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp")), min_size=1, max_size=15
)
ENTRY = st.fixed_dictionaries(
    {
        "title": st.text(max_size=60),
        "body": st.text(max_size=300),
        "occurred": st.datetimes(
            dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1), timezones=st.just(dt.UTC)
        ),
        "mood": st.none() | st.integers(1, 5),
        "principle": st.none() | st.sampled_from(PRINCIPLES),
        "kind": st.sampled_from(ENTRY_KINDS),
        "prompt_id": st.none() | st.text(max_size=10),
        "tags": st.lists(TAG, max_size=4),
    }
)


@SHARED_VAULTS
@given(
    entries=st.lists(ENTRY, max_size=6, unique_by=lambda e: (e["occurred"], e["title"], e["body"]))
)
def test_any_journal_survives_export_and_import_exactly(pair, tmp_path, entries):
    a, b = pair
    wipe(a, b)
    for fields in entries:
        journal.add_entry(a, fields.pop("body"), **fields)
    path = tmp_path / "journal.json"
    assert exchange.export_json(a, path) == len(entries)
    assert exchange.preview_import(b, path).new == len(entries)
    assert exchange.import_file(b, path) == len(entries)
    assert everything(b) == everything(a)
    assert exchange.import_file(b, path) == 0  # a second import adds nothing


def test_a_megabyte_of_awkward_text_round_trips(pair, tmp_path):
    a, b = pair
    body = "\x00 NUL, שלום, e\u0301, 😀\u200d🔥, \u2028\r\n" + "patience " * 120_000
    e = journal.add_entry(
        a,
        body,
        title='"quoted" \\ back',
        tags=["Grief", "hope"],
        mood=2,
        principle="patience",
        kind="letter",
        prompt_id="empathy-3",
    )
    trashed = journal.add_entry(a, "gone", occurred=T0 - dt.timedelta(days=1))
    journal.trash_entry(a, trashed.id)
    path = tmp_path / "journal.json"
    assert exchange.export_json(a, path, include_trash=True) == 2
    assert exchange.import_file(b, path) == 2
    assert everything(b) == everything(a)
    (imported,) = journal.list_page(b)
    assert journal.get_entry(b, imported.id).body == body and e.body == body
    assert [r.snippet for r in journal.list_trash(b)] == ["gone"]


def test_export_file_is_private_versioned_and_has_offsets(pair, tmp_path):
    a, _ = pair
    journal.add_entry(a, "winter", occurred=dt.datetime(2024, 1, 5, 12, tzinfo=dt.UTC))
    journal.add_entry(a, "summer", occurred=dt.datetime(2024, 7, 5, 12, tzinfo=dt.UTC))
    gone = journal.add_entry(a, "gone")
    journal.trash_entry(a, gone.id)
    path = tmp_path / "out" / "journal.json"
    path.parent.mkdir()
    seen = []
    assert exchange.export_json(a, path, progress=lambda n, total: seen.append((n, total))) == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["journal.json"]  # no temp file left
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == ("reconcile-journal", 1)
    winter, summer = doc["entries"]
    assert winter["occurred"] == "2024-01-05T13:00:00+01:00" and winter["tz"] == "Europe/Berlin"
    assert summer["occurred"] == "2024-07-05T14:00:00+02:00"
    assert winter["created"].endswith("+00:00") and winter["deleted"] is False
    assert seen[-1] == (2, 2)


def test_export_to_a_missing_folder_is_one_sentence(pair, tmp_path):
    a, _ = pair
    with pytest.raises(ReconcileError, match="could not be written"):
        exchange.export_json(a, tmp_path / "nowhere" / "x.json")


# -- Markdown --------------------------------------------------------------------------------


def front_matter(text: str) -> dict[str, object]:
    head, _, body = text.partition("\n---\n\n")
    lines = head.split("\n")
    assert lines[0] == "---"
    out: dict[str, object] = {"body": body}
    for line in lines[1:]:
        key, _, value = line.partition(": ")
        plain = key in ("date", "created", "updated")  # ISO times, which YAML reads as such
        out[key] = value if plain else json.loads(value)  # our other scalars are JSON too
    return out


def test_markdown_export_writes_one_private_file_per_entry(pair, tmp_path):
    a, _ = pair
    journal.add_entry(a, "first", title="Hope", occurred=dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC))
    journal.add_entry(
        a,
        "second\n---\nstill body",
        title="hope",
        occurred=dt.datetime(2024, 1, 1, 10, tzinfo=dt.UTC),
        tags=['a "b"', "c"],
        mood=5,
        principle="change",
        kind="worksheet",
    )
    journal.add_entry(a, "third", title='../CON: a/b\\c "q"\n\x07\u2028', occurred=T0)
    journal.add_entry(a, "fourth", occurred=T0)
    gone = journal.add_entry(a, "gone", title="gone")
    journal.trash_entry(a, gone.id)
    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "2024-01-01-HOPE.md").write_text("mine, keep me")
    assert exchange.export_markdown(a, folder) == 4
    assert (folder / "2024-01-01-HOPE.md").read_text() == "mine, keep me"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "2024-01-01-HOPE.md",
        "2024-01-01-hope-2.md",
        "2024-01-01-hope-3.md",
        "2024-03-10-con-a-b-c-q.md",
        "2024-03-10-entry.md",
    ]
    for p in folder.iterdir():
        if p.name != "2024-01-01-HOPE.md":
            assert stat.S_IMODE(p.stat().st_mode) == 0o600
    second = front_matter((folder / "2024-01-01-hope-3.md").read_text(encoding="utf-8"))
    assert second == {
        "title": "hope",
        "date": "2024-01-01T11:00:00+01:00",
        "zone": "Europe/Berlin",
        "created": "2024-03-10T22:30:00+00:00",
        "updated": "2024-03-10T22:30:00+00:00",
        "tags": ["a-b", "c"],
        "reconcile_tags": ['a "b"', "c"],
        "mood": 5,
        "principle": "change",
        "kind": "worksheet",
        "prompt": None,
        "id": second["id"],
        "body": "second\n---\nstill body\n",
    }
    third = front_matter((folder / "2024-03-10-con-a-b-c-q.md").read_text(encoding="utf-8"))
    assert third["title"] == '../CON: a/b\\c "q"\n\x07\u2028' and third["mood"] is None


# -- other apps ------------------------------------------------------------------------------


JRNL = {
    "tags": {"@work": 1},
    "entries": [
        {
            "title": "Called in sick.",
            "body": "Cleaned the house.",
            "date": "2024-03-29",
            "time": "09:00",
            "tags": ["@work"],
            "starred": True,
        },
        {
            "title": "Short.",
            "body": "",
            "date": "2024-03-30",
            "time": "23:15",
            "tags": [],
            "starred": False,
        },
    ],
}


def test_jrnl_import_reads_local_times_in_the_users_zone(pair, tmp_path):
    _, b = pair  # New York
    path = tmp_path / "jrnl.json"
    write(path, JRNL)
    preview = exchange.preview_import(b, path, "jrnl")
    assert (preview.count, preview.new, preview.duplicates) == (2, 2, 0)
    assert (preview.first_date, preview.last_date) == (dt.date(2024, 3, 29), dt.date(2024, 3, 30))
    assert "America/New_York" in preview.problems[0]
    assert exchange.import_file(b, path, "jrnl") == 2
    late, sick = (journal.get_entry(b, r.id) for r in journal.list_page(b))
    assert sick.occurred_utc == dt.datetime(2024, 3, 29, 13, 0, tzinfo=dt.UTC)
    assert (sick.title, sick.body, sick.tags) == (
        "Called in sick.",
        "Cleaned the house.",
        ("starred", "work"),
    )
    assert late.local_date == dt.date(2024, 3, 30) and late.tz == "America/New_York"
    assert exchange.import_file(b, path, "jrnl") == 0


DAYONE = {
    "metadata": {"version": "1.0"},
    "entries": [
        {
            "uuid": "A1",
            "creationDate": "2024-01-01T10:00:00Z",
            "modifiedDate": "2024-01-02T08:00:00Z",
            "timeZone": "America/New_York",
            "text": "# Morning\n\nHello\\. I walked\\!\u200b",
            "tags": ["walk"],
            "starred": True,
        },
        {
            "uuid": "A2",
            "creationDate": "2024-01-01T03:00:00Z",
            "timeZone": "America/New_York",
            "text": "late night \\\\ thoughts",
        },
        {
            "uuid": "A3",
            "creationDate": "2024-01-05T03:00:00Z",
            "text": "",
            "photos": [{"md5": "x"}],
        },
        {
            "uuid": "A4",
            "creationDate": "2024-01-06T03:00:00Z",
            "timeZone": "Mars/Olympus",
            "text": "x",
        },
    ],
}


@pytest.mark.parametrize("as_zip", [False, True])
def test_day_one_import(pair, tmp_path, as_zip):
    a, _ = pair  # Berlin
    path = tmp_path / ("export.zip" if as_zip else "Journal.json")
    if as_zip:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("Journal.json", json.dumps(DAYONE))
            zf.writestr("__MACOSX/._Journal.json", b"\x00\x05\x16\x07")
            zf.writestr("photos/x.jpeg", b"\xff\xd8")
    else:
        write(path, DAYONE)
    preview = exchange.preview_import(a, path, "dayone")
    zone_note = "1 entry named a time zone this computer does not know, so Europe/Berlin was used"
    assert any(p.startswith(zone_note) for p in preview.problems)
    if as_zip:  # the photo-only entry comes in with its photo
        assert preview.count == 4 and "Found 1 photo: it will be kept" in preview.problems[0]
        assert exchange.import_file(a, path, "dayone") == 4
        photo_only = journal.get_entry(a, journal.list_page(a)[1].id)
        assert photo_only.body == "" and photo_only.local_date == dt.date(2024, 1, 5)
    else:  # a bare JSON has no photos: the empty entry is left out, and the preview says so
        assert preview.count == 3 and "Found 1 photo, left out: 1 not in" in preview.problems[0]
        assert "Left out 1 entry without any text" in preview.problems[-1]
        assert exchange.import_file(a, path, "dayone") == 3
    mars, morning, night = (
        journal.get_entry(a, r.id) for r in journal.list_page(a) if r.local_date.day != 5
    )
    assert (morning.title, morning.body) == ("Morning", "Hello. I walked!")
    assert morning.tags == ("starred", "walk") and morning.tz == "America/New_York"
    assert morning.updated_utc == dt.datetime(2024, 1, 2, 8, tzinfo=dt.UTC)
    assert night.local_date == dt.date(2023, 12, 31) and night.body == "late night \\ thoughts"
    assert mars.tz == "Europe/Berlin"


# -- bad files -------------------------------------------------------------------------------

OK = "2024-01-01T10:00:00+01:00"


def recon(*entries, **top):
    return {"format": "reconcile-journal", "version": 1, "entries": list(entries)} | top


BAD = [
    ("reconcile", "{not json", "not valid JSON (line 1"),
    ("reconcile", "[" * 100_000, "not valid JSON"),
    ("reconcile", [], "not a Reconcile journal export"),
    ("reconcile", {"format": "something-else"}, "not a Reconcile journal export"),
    ("reconcile", recon(version=2), "newer Reconcile"),
    ("reconcile", recon(version="1"), "format version"),
    ("reconcile", recon(entries={}), "no list of entries"),
    (
        "reconcile",
        recon({"occurred": OK}, {"occurred": OK}, {"title": "x"}),
        "Entry 3 has no date.",
    ),
    ("reconcile", recon({"occurred": "yesterday"}), "Entry 1 has a date that could not be read."),
    ("reconcile", recon({"occurred": 1704100000}), "Entry 1 has a date that could not be read."),
    ("reconcile", recon({"occurred": "2024-01-01T10:00:00"}), "without a time zone offset"),
    ("reconcile", recon({"occurred": "2024-02-30T10:00:00Z"}), "could not be read"),
    ("reconcile", recon({"occurred": OK, "created": "soon"}), "creation time that could not"),
    ("reconcile", recon({"occurred": OK, "body": 5}), "“body” should be text"),
    ("reconcile", recon({"occurred": OK, "title": ["x"]}), "“title” should be text"),
    ("reconcile", recon({"occurred": OK, "tags": "a, b"}), "tags should be a list"),
    ("reconcile", recon({"occurred": OK, "tags": [1]}), "tags should be a list"),
    ("reconcile", recon({"occurred": OK, "tags": ["x" * 500]}), "In entry 1, a tag can be"),
    ("reconcile", recon({"occurred": OK, "mood": "3"}), "In entry 1, the mood"),
    ("reconcile", recon({"occurred": OK, "mood": 3.0}), "In entry 1, the mood"),
    ("reconcile", recon({"occurred": OK, "kind": "poem"}), "In entry 1, the kind"),
    ("reconcile", recon({"occurred": OK, "principle": 1}), "In entry 1, the principle"),
    ("reconcile", recon({"occurred": OK, "prompt_id": 7}), "In entry 1, the prompt id"),
    ("reconcile", recon({"occurred": OK, "body": "x" * (journal.MAX_BODY_CHARS + 1)}), "too long"),
    (
        "reconcile",
        '{"format": "reconcile-journal", "version": 1, "entries": [{"occurred": "'
        + OK
        + '", "title": "\\ud800"}]}',
        "cannot be saved",
    ),
    ("reconcile", recon("just words"), "Entry 1 is not an entry."),
    ("jrnl", {"entries": [{"title": "a", "body": "b"}]}, "Entry 1 has no date."),
    ("jrnl", {"entries": [{"date": "2024-13-01", "time": "10:00"}]}, "could not be read"),
    ("jrnl", {"entries": [{"date": "2024-01-01", "time": "25:00"}]}, "could not be read"),
    ("jrnl", {"entries": [{"date": 20240101}]}, "could not be read"),
    ("jrnl", {"tags": {}}, "not a jrnl JSON export"),
    ("dayone", {"entries": [{"text": "x"}]}, "Entry 1 has no date."),
    ("dayone", {"entries": [{"creationDate": "nope", "text": "x"}]}, "could not be read"),
    ("dayone", {"entries": [{"creationDate": OK, "text": None, "tags": {"a": 1}}]}, "tags"),
    ("dayone", "7", "not a Day One JSON export"),
]


@pytest.fixture(scope="module")
def one(tmp_path_factory):
    """One vault shared by the bad-file tests: none of them may change it."""
    from tests.conftest import FAST_KDF, TEST_BOUNDS

    v = Vault(
        tmp_path_factory.mktemp("one"),
        clock=Clock(fixed=T0, zone="Europe/Berlin"),
        kdf_params=FAST_KDF,
        kdf_bounds=TEST_BOUNDS,
    )
    v.create(PASSPHRASE)
    journal.add_entry(v, "already here", tags=["kept"])
    yield v
    v.close()


def unchanged(vault) -> None:
    assert journal.count_entries(vault, Filters(include_deleted=True)) == 1
    assert journal.all_tags(vault) == [("kept", 1)]


@pytest.mark.parametrize(("source", "doc", "words"), BAD)
def test_malformed_files_are_refused_and_change_nothing(one, tmp_path, source, doc, words):
    path = tmp_path / "bad.json"
    write(path, doc)
    for attempt in (exchange.preview_import, exchange.import_file):
        with pytest.raises(InvalidInput) as err:
            attempt(one, path, source)
        assert words in str(err.value)
        assert str(err.value).endswith(".") and "\n" not in str(err.value)
    unchanged(one)


def test_files_that_cannot_be_read(one, tmp_path, monkeypatch):
    cases = {
        tmp_path / "missing.json": "could not be found",
        tmp_path: "folder",
    }
    (tmp_path / "latin1.json").write_bytes(b'{"entries": ["caf\xe9"]}')
    cases[tmp_path / "latin1.json"] = "not UTF-8"
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (tmp_path / "empty.zip").write_bytes(b"")
    with zipfile.ZipFile(tmp_path / "nojson.zip", "w") as zf:
        zf.writestr("photo.jpeg", b"\xff")
    cases[tmp_path / "nojson.zip"] = "holds no JSON"
    for path, words in cases.items():
        with pytest.raises(InvalidInput, match=words):
            exchange.import_file(one, path, "dayone")
    with pytest.raises(InvalidInput, match="formats"):
        exchange.import_file(one, tmp_path / "latin1.json", "evernote")
    big = tmp_path / "big.json"
    write(big, recon({"occurred": OK}))
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 10)
    with pytest.raises(InvalidInput, match="too large"):
        exchange.import_file(one, big)
    unchanged(one)


def test_a_bad_entry_late_in_the_file_stops_the_whole_import(one, tmp_path):
    good = [
        {"occurred": f"2024-01-{d:02d}T10:00:00+00:00", "body": f"day {d}"} for d in range(1, 9)
    ]
    path = tmp_path / "late.json"
    write(path, recon(*good, {"occurred": OK, "mood": 11}))
    with pytest.raises(InvalidInput, match="In entry 9, the mood"):
        exchange.import_file(one, path)
    unchanged(one)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = (
    "occurred",
    "title",
    "body",
    "tags",
    "mood",
    "principle",
    "kind",
    "tz",
    "created",
    "date",
    "time",
    "creationDate",
    "timeZone",
    "text",
    "starred",
    "deleted",
)
PLAUSIBLE = st.dictionaries(
    st.sampled_from(KEYS),
    JSON | st.just(OK) | st.just("2024-01-01") | st.just("Europe/Berlin"),
    max_size=8,
)


@SHARED_VAULTS
@given(
    source=st.sampled_from(exchange.SOURCES),
    doc=JSON
    | st.lists(PLAUSIBLE, max_size=4).map(lambda es: recon(*es))
    | st.lists(PLAUSIBLE, max_size=4).map(lambda es: {"entries": es}),
)
def test_random_files_import_or_raise_invalid_input(pair, tmp_path, source, doc):
    one = pair[0]
    path = tmp_path / "fuzz.json"
    write(path, json.dumps(doc))
    before = journal.count_entries(one, Filters(include_deleted=True))
    try:
        added = exchange.import_file(one, path, source)
    except InvalidInput:
        assert journal.count_entries(one, Filters(include_deleted=True)) == before
    else:
        assert journal.count_entries(one, Filters(include_deleted=True)) == before + added


def test_links_to_plan_commitments_are_left_out_with_a_note(pair, tmp_path):
    a, b = pair
    with a.transaction() as s:
        goal = Goal(title="Listen more", start_date=dt.date(2024, 1, 1), created_utc=T0)
        s.add(goal)
        s.flush()
        commitment = Commitment(
            goal_id=goal.id,
            action="Pause before answering",
            start_date=dt.date(2024, 1, 1),
            created_utc=T0,
        )
        s.add(commitment)
        s.flush()
        cid = commitment.id
    journal.add_entry(a, "kept my pause today", commitment_id=cid)
    path = tmp_path / "journal.json"
    exchange.export_json(a, path)
    assert "1 entry" in exchange.preview_import(b, path).problems[0]
    exchange.import_file(b, path)
    (row,) = journal.list_page(b)
    assert journal.get_entry(b, row.id).commitment_id is None


# -- jrnl's own test journal -----------------------------------------------------------------

# jrnl's test journal tests/data/journals/basic_onefile.journal, as `jrnl --format json` writes
# it (jrnl/plugins/json_exporter.py: title, body, date, time, tags with their @, starred). The
# dates, times, titles, tags and star are jrnl's; the bodies are short stand-ins written here.
# jrnl's own test (tests/bdd/features/format.feature) expects 3 entries with 3, 1 and 2 tags.
JRNL_FIXTURE = Path(__file__).with_name("data") / "jrnl_basic_onefile.json"


def test_jrnls_own_test_journal_imports_whole(pair, tmp_path):
    _, b = pair  # New York
    preview = exchange.preview_import(b, JRNL_FIXTURE, "jrnl")
    assert (preview.count, preview.new) == (3, 3)
    assert (preview.first_date, preview.last_date) == (dt.date(2020, 8, 29), dt.date(2020, 9, 24))
    assert exchange.import_file(b, JRNL_FIXTURE, "jrnl") == 3
    doc = json.loads(JRNL_FIXTURE.read_text(encoding="utf-8"))
    got = [journal.get_entry(b, r.id) for r in reversed(journal.list_page(b))]
    for entry, item in zip(got, doc["entries"], strict=True):
        assert (entry.title, entry.body) == (item["title"], item["body"])
        local = entry.occurred_utc.astimezone(b.clock.tzinfo())
        assert (local.date().isoformat(), f"{local:%H:%M}") == (item["date"], item["time"])
        expected = {t.lstrip("@") for t in item["tags"]} | (
            {"starred"} if item["starred"] else set()
        )
        assert set(entry.tags) == expected
    assert [len(e.tags) for e in got] == [3, 2, 2]  # jrnl's 3, 1 and 2, and one star
    assert exchange.import_file(b, JRNL_FIXTURE, "jrnl") == 0
