"""Search: safe query parsing, ranking, snippets with marks, and what is (not) found."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import search
from reconcile_desktop.core.journal.entries import Filters
from reconcile_desktop.core.journal.search import MARK_END, MARK_START, parse_query, to_match
from reconcile_desktop.core.journal.search_language import SNIPPET_TOKENS

SHARED_VAULT = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FILLER = ("calm", "patience", "letter", "walk", "grief", "hope", "change", "sorry", "listen")


def at(day: int) -> dt.datetime:
    return dt.datetime(2024, 1, day, 12, tzinfo=dt.UTC)


def ids(vault, query, **kw) -> list[int]:
    return [h.id for h in search.search(vault, query, **kw)]


# -- parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", None),
        ("   ", None),
        ("hope", '"hope"*'),
        ("hope ", '"hope"'),
        ("calm hope", '"calm" AND "hope"*'),
        ("calm hope", '"calm" AND "hope"*'),
        ('"bad day"', '"bad day"'),
        ('"bad da', '"bad da"*'),
        ("lett* hope ", '"lett"* AND "hope"'),
        ("hope -anger", '("hope") NOT ("anger")'),
        ('hope -"bad day" -x', '("hope") NOT ("bad day" OR "x")'),
        ("-anger", None),
        ("- hope", '"hope"*'),
        ("h", '"h"'),  # one letter: no prefix while typing
        ("!!! 😀 ...", None),
        (
            'say "NEAR(a b)" OR title:x AND',
            '"say" AND "NEAR(a b)" AND "OR" AND "title:x" AND "AND"*',
        ),
        ('quo"te', '"quo" AND "te"*'),
        ('he said ""hi""', '"he" AND "said" AND "hi"'),
        ("it's", '"it\'s"*'),
        ('a"b" c', '"a" AND "b" AND "c"'),
    ],
)
def test_queries_become_quoted_fts_expressions(query, expected):
    assert to_match(query) == expected


def test_typing_flag_and_explicit_prefix():
    assert to_match("hope", typing=False) == '"hope"'
    assert to_match("hope*", typing=False) == '"hope"*'
    assert to_match('"new beg"*', typing=False) == '"new beg"*'
    assert parse_query("-wor").match is None  # an exclusion being typed is not a prefix


@given(st.text(max_size=80))
@settings(max_examples=200, deadline=None)
def test_any_text_parses_to_quoted_terms_only(text):
    parsed = parse_query(text)
    for term in parsed.include + parsed.exclude:
        assert search._searchable(term.text)
        assert term.fts().startswith('"')


# -- searching -------------------------------------------------------------------------------


@pytest.fixture
def sv(vault):
    journal.add_entry(
        vault, "We walked by the lake and I listened.", title="A café walk", occurred=at(1)
    )
    journal.add_entry(vault, "I said sorry. It was a bad day for both of us.", occurred=at(2))
    journal.add_entry(
        vault,
        "A day that was bad, then calm.",
        title="Evening",
        occurred=at(3),
        mood=4,
        tags=["calm"],
    )
    journal.add_entry(
        vault, "Cafe notes: wrote the unsent letter instead of texting.", occurred=at(4)
    )
    return vault


def test_words_are_anded_and_phrases_kept_together(sv):
    assert ids(sv, "bad day") == sorted(ids(sv, "bad day"), reverse=True)
    assert set(ids(sv, "bad day")) == {2, 3}
    assert ids(sv, '"bad day"') == [2]
    assert ids(sv, "bad lake") == []


def test_diacritics_and_case_are_ignored_both_ways(sv):
    assert set(ids(sv, "cafe ")) == {1, 4}
    assert set(ids(sv, "CAFÉ ")) == {1, 4}


def test_prefix_while_typing_and_explicit(sv):
    assert ids(sv, "unse") == [4]
    assert ids(sv, "unse ") == []
    assert ids(sv, "lis*") == [1]


def test_typing_can_be_turned_off(sv):
    assert ids(sv, "unse", typing=False) == []
    assert search.count_hits(sv, "unse", typing=False) == 0
    assert search.count_hits(sv, "unse") == 1


def test_exclusions(sv):
    assert set(ids(sv, "day -sorry")) == {3}
    assert set(ids(sv, 'day -"bad day"')) == {3}
    assert ids(sv, "-sorry") == []
    assert search.count_hits(sv, "-sorry") == 0


def test_title_matches_rank_above_body_matches(vault):
    body_hit = journal.add_entry(vault, "today I thought about forgiveness " + "filler " * 5)
    title_hit = journal.add_entry(vault, "nothing much " + "filler " * 5, title="Forgiveness")
    assert ids(vault, "forgiveness") == [title_hit.id, body_hit.id]


def test_hits_carry_marked_title_and_snippet(sv):
    (hit,) = search.search(sv, "walk lake")
    assert hit.title_marked == f"A café {MARK_START}walk{MARK_END}"
    assert f"{MARK_START}lake{MARK_END}" in hit.snippet and "\n" not in hit.snippet
    assert search.strip_marks(hit.snippet) in "We walked by the lake and I listened."
    (evening,) = search.search(sv, "evening")  # title only: the snippet is the first line
    assert evening.snippet == "A day that was bad, then calm." and evening.tags == ("calm",)
    assert evening.mood == 4 and evening.local_date == dt.date(2024, 1, 3)


def test_trashed_entries_are_never_found(sv):
    journal.trash_entry(sv, 2)
    assert ids(sv, "sorry") == []
    journal.restore_entry(sv, 2)
    assert ids(sv, "sorry") == [2]
    journal.trash_entry(sv, 2)
    journal.empty_trash(sv)
    assert ids(sv, "sorry") == []


def test_filters_limit_and_offset(sv):
    assert ids(sv, "day", filters=Filters(tag="calm")) == [3]
    assert ids(sv, "day", filters=Filters(date_to=dt.date(2024, 1, 2))) == [2]
    assert ids(sv, "day") == ids(sv, "day", limit=1) + ids(sv, "day", limit=1, offset=1)
    assert search.count_hits(sv, "day") == 2


def test_a_single_letter_being_typed_is_a_word_not_a_prefix(sv):
    assert ids(sv, "l") == []
    assert set(ids(sv, "l*")) == {1, 4}


def test_updates_reindex(sv):
    journal.update_entry(sv, 1, body="Now about the mountains.")
    assert ids(sv, "lake") == [] and ids(sv, "mountains") == [1]


NASTY = st.text(
    alphabet=st.sampled_from(list("\"*-():^+{}[]~,.;' \\\x00ANDORNOTNEAR") + ["😀"]), max_size=30
)


@SHARED_VAULT
@given(query=st.one_of(st.text(max_size=40), NASTY))
def test_no_query_ever_raises(sv, query):
    hits = search.search(sv, query)
    assert search.count_hits(sv, query) >= len(hits)


WORD = st.text(alphabet="bcdfghjkmnpqrstvwxz", min_size=6, max_size=12)


@SHARED_VAULT
@given(
    word=WORD,
    bodies=st.lists(
        st.lists(st.sampled_from(FILLER), min_size=1, max_size=12), min_size=1, max_size=8
    ),
    target=st.integers(0, 7),
    in_title=st.booleans(),
)
def test_a_word_in_one_entry_is_found_in_exactly_that_entry(vault, word, bodies, target, in_title):
    assume(not any(f.startswith(word[:6]) for f in FILLER))
    with vault.transaction() as s:
        s.execute(sa.text("DELETE FROM entry"))
    target %= len(bodies)
    made = []
    for i, words in enumerate(bodies):
        text = " ".join(words)
        title = ""
        if i == target:
            if in_title:
                title = word.upper()
            else:
                words.insert(len(words) // 2, word)
                text = " ".join(words)
        made.append(journal.add_entry(vault, text, title=title).id)
    for query in (word, word + " ", word[:4], f'"{word}"', f"{word} -zzzzzz"):
        assert ids(vault, query) == [made[target]], query
    assert ids(vault, f"{word} -{FILLER[0]}") == (
        [] if FILLER[0] in bodies[target] else [made[target]]
    )


def test_paging_across_the_rank_window_has_no_repeats_or_gaps(vault, monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    made = [
        journal.add_entry(vault, f"river {'stone ' * i}", occurred=at(i + 1)).id for i in range(8)
    ]
    title_hit = journal.add_entry(vault, "stone", title="river", occurred=at(1)).id
    pages = [ids(vault, "river", limit=2, offset=k) for k in range(0, 10, 2)]
    seen = [i for page in pages for i in page]
    assert sorted(seen) == sorted([*made, title_hit])
    assert pages[0][0] == title_hit  # the newest 3 matches are ranked: the title hit first
    assert seen[3:] == sorted(made[:6], reverse=True)  # then the older ones, newest first


@pytest.mark.parametrize(
    ("query", "text", "marked"),
    [
        ("calm", "Calm, calmly, CALM.", "[Calm], [calmly], [CALM]."),  # typing: a prefix
        ("calm ", "Calm, calmly, CALM.", "[Calm], calmly, [CALM]."),
        ("cafe", "the café and the CAFE\u0301", "the [café] and the [CAFE\u0301]"),
        ('"the lake"', "the road to the lake, the", "the road to [the lake], the"),
        ("lake -road", "the road to the lake", "the road to the [lake]"),
        ("x", "x_y x-y xy", "[x]_y [x]-y xy"),
        ("नमस्ते ", "कहा नमस्ते दोस्त", "कहा [नमस्ते] दोस्त"),  # the vowel sign stays inside
        ("λογοσ ", "ο λόγος μου", "ο [λόγος] μου"),  # final sigma folds like the index
    ],
)
def test_marks_follow_the_index_rules(query, text, marked):
    got = search.Marker(parse_query(query).include).highlight(text)
    assert got.replace(MARK_START, "[").replace(MARK_END, "]") == marked


def test_a_snippet_is_a_window_around_the_best_matches():
    body = "Nothing here. " * 40 + "A lake and a stone. " + "Filler words again. " * 40
    marker = search.Marker(parse_query("stone lake ").include)
    snippet = marker.snippet(body)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert f"{MARK_START}lake{MARK_END}" in snippet and f"{MARK_START}stone{MARK_END}" in snippet
    assert len(search.strip_marks(snippet).split()) <= SNIPPET_TOKENS + 2
    assert marker.snippet("no match at all") == ""
