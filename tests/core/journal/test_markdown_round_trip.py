"""Markdown folders: the export keeps every field in YAML front matter, the import brings them
back exactly (trash included, twice without duplicates), plain notes come in as plain entries,
and a bad file is one sentence that changes nothing."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import exchange, markdown_import
from reconcile_desktop.core.journal import front_matter as fm
from reconcile_desktop.core.journal.entries import Filters
from reconcile_desktop.core.storage.models import ENTRY_KINDS, PRINCIPLES
from tests.conftest import PASSPHRASE
from tests.core.journal.test_exchange import TAG, everything, wipe

T0 = dt.datetime(2024, 3, 10, 22, 30, tzinfo=dt.UTC)
SHARED_VAULTS = settings(
    max_examples=25,
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


# Text built to break naive YAML and naive front matter splitting.
HOSTILE = st.sampled_from(
    [
        "---",
        "\n---\n",
        "- item",
        "key: value",
        '"quoted"',
        "'single'",
        "# heading",
        "\\",
        "\r\n",
        "\u2028",
        "\x85",
        "\ufeff",
        "null",
        "true",
        "[a, b]",
        "&anchor *alias",
        "...",
        "שלום",
        "😀\u200d🔥",
        "e\u0301",
        "\t",
        "\x00",
    ]
)
TEXT = st.lists(HOSTILE | st.text(max_size=12), max_size=6).map("".join)
ENTRY = st.fixed_dictionaries(
    {
        "title": TEXT,
        "body": TEXT,
        "occurred": st.datetimes(
            dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1), timezones=st.just(dt.UTC)
        ),
        "mood": st.none() | st.integers(1, 5),
        "principle": st.none() | st.sampled_from(PRINCIPLES),
        "kind": st.sampled_from(ENTRY_KINDS),
        "prompt_id": st.none() | TEXT.filter(lambda t: len(t) <= 200),
        "tags": st.lists(TAG | HOSTILE.filter(lambda t: t.strip() and "\x00" not in t), max_size=4),
        "trashed": st.booleans(),
    }
)


def add(vault, fields: dict) -> None:
    fields = dict(fields)
    trashed = fields.pop("trashed", False)
    tags = [t for t in fields.pop("tags") if all(unicodedata.category(c) != "Cc" for c in t)]
    e = journal.add_entry(vault, fields.pop("body"), tags=tags, **fields)
    if trashed:
        journal.trash_entry(vault, e.id)


@SHARED_VAULTS
@given(
    entries=st.lists(
        ENTRY, min_size=1, max_size=6, unique_by=lambda e: (e["occurred"], e["title"], e["body"])
    )
)
def test_any_journal_survives_a_markdown_folder_exactly(pair, tmp_path_factory, entries):
    a, b = pair
    wipe(a, b)
    for fields in entries:
        add(a, fields)
    folder = tmp_path_factory.mktemp("md")
    assert exchange.export_markdown(a, folder, include_trash=True) == len(entries)
    assert exchange.preview_import(b, folder, "markdown").new == len(entries)
    assert exchange.import_file(b, folder, "markdown") == len(entries)
    assert everything(b) == everything(a)
    assert len(journal.list_trash(b)) == sum(e["trashed"] for e in entries)
    assert exchange.import_file(b, folder, "markdown") == 0  # a second import adds nothing


def test_the_front_matter_keeps_every_field(pair, tmp_path):
    a, _ = pair
    e = journal.add_entry(
        a,
        "second\n---\nstill body",
        title="hope: a 'new' \"start\"",
        occurred=dt.datetime(2024, 1, 1, 10, tzinfo=dt.UTC),
        tags=['a "b"', "Grief & hope", "2024", "😀"],
        mood=5,
        principle="change",
        kind="letter",
        prompt_id="empathy-3",
    )
    gone = journal.add_entry(a, "gone", title="gone")
    journal.trash_entry(a, gone.id)
    folder = tmp_path / "md"
    assert exchange.export_markdown(a, folder, include_trash=True) == 2
    (live,) = folder.glob("*.md")
    (trashed,) = (folder / "trash").glob("*.md")
    block, body = fm.split(live.read_text(encoding="utf-8"))
    assert fm.parse(block) == {
        "title": "hope: a 'new' \"start\"",
        "date": "2024-01-01T11:00:00+01:00",
        "zone": "Europe/Berlin",
        "created": "2024-03-10T22:30:00+00:00",
        "updated": "2024-03-10T22:30:00+00:00",
        "tags": ["_2024", "a-b", "Grief-hope"],
        "reconcile_tags": ["2024", 'a "b"', "Grief & hope", "😀"],
        "mood": 5,
        "principle": "change",
        "kind": "letter",
        "prompt": "empathy-3",
        "id": e.id,
    }
    assert body == "\nsecond\n---\nstill body\n"
    block, _ = fm.split(trashed.read_text(encoding="utf-8"))
    assert fm.parse(block)["trashed"] is True


def test_without_include_trash_the_trash_stays_home(pair, tmp_path):
    a, _ = pair
    journal.add_entry(a, "kept")
    gone = journal.add_entry(a, "gone")
    journal.trash_entry(a, gone.id)
    assert exchange.export_markdown(a, tmp_path / "md") == 1
    assert not (tmp_path / "md" / "trash").exists()


def test_obsidian_edits_and_hand_written_yaml_are_read(pair, tmp_path):
    """Obsidian writes block lists and plain values, and a user may add a tag there."""
    _, b = pair  # New York
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / "note.md").write_text(
        "---\n"
        "title: Walked by the river   # a comment\n"
        "date: 2024-05-02T08:15\n"
        "tags:\n"
        "  - calm\n"
        "  - work/home\n"
        "reconcile_tags: ['Calm']\n"
        "mood: 4\n"
        "aliases:\n"
        "---\n"
        "It helped.\n",
        encoding="utf-8",
    )
    preview = exchange.preview_import(b, folder, "markdown")
    assert preview.new == 1 and any("aliases" in p for p in preview.problems)
    assert exchange.import_file(b, folder, "markdown") == 1
    (row,) = journal.list_page(b)
    e = journal.get_entry(b, row.id)
    assert (e.title, e.body, e.mood, e.tz) == (
        "Walked by the river",
        "It helped.",
        4,
        b.clock.zone_name(),
    )
    assert e.occurred_utc == dt.datetime(2024, 5, 2, 12, 15, tzinfo=dt.UTC)  # 08:15 in New York
    assert e.tags == ("Calm", "work/home")  # the original name, and the tag added in Obsidian


def test_files_without_front_matter_are_plain_entries(pair, tmp_path):
    _, b = pair
    folder = tmp_path / "notes"
    (folder / "sub").mkdir(parents=True)
    (folder / ".obsidian").mkdir()
    (folder / ".obsidian" / "x.md").write_text("settings, not a note")
    (folder / "2024-02-03 Hard evening.md").write_text("I stayed home.\n")
    (folder / "sub" / "letter.md").write_bytes(b"# Dear you\r\n\r\nNot sent.\r\n")
    (folder / "ignored.txt").write_text("not Markdown")
    os.utime(folder / "sub" / "letter.md", (1_700_000_000, 1_700_000_000))
    preview = exchange.preview_import(b, folder, "markdown")
    assert preview.count == 2 and len(preview.problems) == 2  # no front matter; no date
    assert exchange.import_file(b, folder, "markdown") == 2
    rows = {r.title: journal.get_entry(b, r.id) for r in journal.list_page(b)}
    assert rows["Hard evening"].body == "I stayed home."
    assert rows["Hard evening"].occurred_utc == dt.datetime(2024, 2, 3, 17, tzinfo=dt.UTC)
    assert rows["Dear you"].body == "Not sent."  # written on Windows: line ends tidied
    assert rows["Dear you"].occurred_utc == dt.datetime.fromtimestamp(1_700_000_000, dt.UTC)
    one_file = exchange.preview_import(b, folder / "2024-02-03 Hard evening.md", "markdown")
    assert (one_file.count, one_file.new) == (1, 0)


# -- the subset of YAML -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "line", "words"),
    [
        ("title: a: b\n", 2, "quotes"),
        ('title: "open\n', 2, "does not end"),
        ("title: x\ntitle: y\n", 3, "twice"),
        ("map:\n  nested: 1\n", 3, "nested map"),
        ("body: |\n  text\n", 2, "anchors, maps or blocks"),
        ("tags: [a, [b]]\n", 2, "list"),
        ("- orphan\n", 2, "before any name"),
        ("\ttitle: x\n", 2, "tab"),
        ('title: "\\q"\n', 2, "escape"),
        ('title: "\\ud800"\n', 2, "not a character"),
        ("just words\n", 2, "name: value"),
    ],
)
def test_front_matter_outside_the_subset_is_refused_with_its_line(block, line, words):
    with pytest.raises(fm.FrontMatterError) as err:
        fm.parse(block)
    assert err.value.line == line and words in err.value.what


@given(st.lists(st.tuples(st.sampled_from(["title", "t2", "x_y"]), TEXT), unique_by=lambda t: t[0]))
def test_any_text_written_in_quotes_reads_back_the_same(pairs):
    text = fm.dump([*pairs, ("tags", [v for _, v in pairs])])
    block, rest = fm.split(text + "---\nbody")
    assert rest == "---\nbody"
    assert fm.parse(block) == dict(pairs) | {"tags": [v for _, v in pairs]}


def test_obsidian_tags_hold_only_what_obsidian_accepts():
    cases = {
        "calm": "calm",
        "Grief & hope": "Grief-hope",
        "#work/home": "work/home",
        "1984": "_1984",
        "y1984": "y1984",
        "--a--": "a",
        "😀": "",
        "e\u0301": "é",
        "a / b": "a/b",
        "_0": "_0",
    }
    assert {t: fm.obsidian_tag(t) for t in cases} == cases


@given(TAG | TEXT)
def test_an_obsidian_tag_is_valid_and_stays_the_same_when_made_again(name):
    tag = fm.obsidian_tag(name)
    assert fm.obsidian_tag(tag) == tag  # so the import can tell which tags are new
    assert all(unicodedata.category(c)[0] in "LNM" or c in "_-/" for c in tag)
    assert not tag or not all(c.isdigit() or c in "/-" for c in tag)


# -- bad folders and files ----------------------------------------------------------------------


@pytest.fixture
def one(make_vault, tmp_path):
    v = make_vault(tmp_path / "v", clock=Clock(fixed=T0, zone="Europe/Berlin"))
    v.create(PASSPHRASE)
    journal.add_entry(v, "already here", tags=["kept"])
    return v


def unchanged(vault) -> None:
    assert journal.count_entries(vault, Filters(include_deleted=True)) == 1
    assert journal.all_tags(vault) == [("kept", 1)]


GOOD = '---\ntitle: "fine"\ndate: 2024-01-01T10:00:00+01:00\n---\n\nfine\n'
BAD_FILES = [
    ({"a.md": GOOD, "b.md": b"caf\xe9"}, "b.md is not UTF-8 text"),
    (
        {"a.md": GOOD, "b.md": "---\ntitle: x: y\n---\nz"},
        "front matter of b.md could not be read (line 2",
    ),
    ({"a.md": GOOD, "b.md": "---\ntitle: x\nno end"}, "no closing ---"),
    ({"a.md": GOOD, "b.md": "---\nmood: 9\n---\nz"}, "In b.md, the mood must be"),
    ({"a.md": GOOD, "b.md": '---\nmood: "3"\n---\nz'}, "In b.md, the mood must be"),
    ({"a.md": GOOD, "b.md": "---\nkind: poem\n---\nz"}, "In b.md, the kind"),
    ({"a.md": GOOD, "b.md": "---\ndate: soon\n---\nz"}, "In b.md, the date could not be read."),
    ({"a.md": GOOD, "b.md": "---\ntags: 5\n---\nz"}, "In b.md, the tags should be a list"),
    ({"a.md": GOOD, "b.md": "---\ntitle: [x]\n---\nz"}, "“title” should be text"),
    ({"a.md": GOOD, "b.md": "---\nprompt: 7\n---\nz"}, "“prompt” should be text"),
    ({"notes.txt": "x", "sub/": None}, "no Markdown files"),
    ({}, "no Markdown files"),
]


@pytest.mark.parametrize(("files", "words"), BAD_FILES)
def test_bad_files_are_one_sentence_and_change_nothing(one, tmp_path, files, words):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in files.items():
        if content is None:
            (folder / name).mkdir()
        elif isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")
    for attempt in (exchange.preview_import, exchange.import_file):
        with pytest.raises(InvalidInput) as err:
            attempt(one, folder, "markdown")
        assert words in str(err.value)
        assert str(err.value).endswith(".") and "\n" not in str(err.value)
    unchanged(one)


def test_a_huge_file_a_pipe_and_a_missing_folder_are_refused(one, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.md").write_text("x" * 100)
    monkeypatch.setattr(markdown_import, "MAX_FILE_BYTES", 50)
    with pytest.raises(InvalidInput, match="big.md is too large to be one entry"):
        exchange.import_file(one, folder, "markdown")
    monkeypatch.undo()
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 50)
    with pytest.raises(InvalidInput, match="too many to import at once"):
        exchange.import_file(one, folder, "markdown")
    monkeypatch.undo()
    (folder / "big.md").unlink()
    os.mkfifo(folder / "pipe.md")
    with pytest.raises(InvalidInput, match="pipe.md is not an ordinary file"):
        exchange.import_file(one, folder, "markdown")
    with pytest.raises(InvalidInput, match="could not be found"):
        exchange.import_file(one, tmp_path / "nowhere", "markdown")
    with pytest.raises(InvalidInput, match="Choose a folder"):
        (tmp_path / "x.json").write_text("{}")
        exchange.import_file(one, tmp_path / "x.json", "markdown")
    unchanged(one)


LINE = st.sampled_from(
    [
        "---",
        "...",
        "title: x",
        'title: "a\\u00e9\\ud83d\\ude00"',
        "title: 'it''s'",
        "date: 2024-01-01",
        "date: 2024-02-30T10:00",
        "date: 0001-01-01T00:00:00+14:00",
        "date: 9999-12-31T23:59:59-23:59",
        "created: soon",
        "zone: Europe",
        "zone: " + "x" * 300,
        "tags:",
        "  - a",
        "- [b]",
        "tags: [a, 'b', \"c\", 1, ]",
        "tags: [",
        "mood: 3",
        "mood: true",
        "kind: letter",
        "principle: [x]",
        "trashed: yes",
        "  nested: 1",
        "\tx: 1",
        "key: a: b",
        'x: "\\',
        "# comment",
        "",
        "# Heading",
        "body text",
        "\r",
        "\ufeff",
    ]
)
NOTE = st.lists(LINE | st.text(max_size=20), max_size=12).map("\n".join)


@SHARED_VAULTS
@given(files=st.lists(NOTE, min_size=1, max_size=3))
def test_random_markdown_imports_or_is_one_sentence_and_changes_nothing(
    one, tmp_path_factory, files
):
    folder = tmp_path_factory.mktemp("fuzz")
    for n, text in enumerate(files):
        (folder / f"{n}.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    before = journal.count_entries(one, Filters(include_deleted=True))
    try:
        added = exchange.import_file(one, folder, "markdown")
    except InvalidInput as exc:
        assert str(exc).endswith(".") and "\n" not in str(exc)
        assert journal.count_entries(one, Filters(include_deleted=True)) == before
    else:
        assert journal.count_entries(one, Filters(include_deleted=True)) == before + added
