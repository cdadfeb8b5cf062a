"""The prompt library, the prompt of the day and the worksheet's Markdown round trip."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections import Counter
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile_desktop.core.journal import prompts as P

N = len(P.load_prompts())


def _raw(name: str) -> dict:
    resource = files("reconcile_desktop.resources") / "prompts" / name
    return json.loads(resource.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the library file


def test_library_loads_with_enough_prompts_for_every_principle_and_step():
    prompts = P.load_prompts()
    assert len(prompts) >= 48
    principles = Counter(p.principle for p in prompts)
    steps = Counter(p.step for p in prompts)
    assert min(principles[pid] for pid, _ in P.PRINCIPLES) >= 4, principles
    assert min(steps[sid] for sid, _ in P.STEPS) >= 4, steps
    assert Counter(p.kind for p in prompts)["letter"] >= 3


def test_every_prompt_is_well_formed():
    prompts = P.load_prompts()
    assert len({p.id for p in prompts}) == len(prompts)
    for p in prompts:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.id), p.id
        assert p.title == p.title.strip() and len(p.title) <= 40, p.id
        assert p.text == p.text.strip() and p.text[-1] in ".?", p.id
        assert "\n" not in p.text and len(p.text) <= 400, p.id


def test_labels_cover_exactly_the_known_ids():
    raw = _raw("prompts.json")["prompts"]
    assert [pid for pid, _ in P.PRINCIPLES] == ["accountability", "empathy", "change", "patience"]
    assert len(P.STEPS) == 8 and all(label for _, label in P.PRINCIPLES + P.STEPS)
    assert {p["principle"] for p in raw} == {pid for pid, _ in P.PRINCIPLES}
    assert {p["step"] for p in raw} == {sid for sid, _ in P.STEPS}


def test_worksheet_prompts_name_the_worksheet():
    sheets = [p for p in P.load_prompts() if p.kind == "worksheet"]
    assert [p.id for p in sheets] == [P.load_worksheet().id]


def test_library_must_name_hard_limits_on_violence():
    # The method asks for violence and abuse to stop completely, with professional help.
    texts = [p.text.lower() for p in P.load_prompts()]
    assert any("violen" in t and "stop completely" in t and "help" in t for t in texts)


def test_load_is_cached_and_lookups_agree():
    assert P.load_prompts() is P.load_prompts()
    first = P.load_prompts()[0]
    assert P.get_prompt(first.id) is first
    assert P.get_prompt("no-such-prompt") is None
    quiet = P.prompts_for(step="no-contact")
    assert quiet and all(p.step == "no-contact" for p in quiet)
    both = P.prompts_for(principle="empathy", step="make-it-right")
    assert both and all(p.principle == "empathy" and p.step == "make-it-right" for p in both)
    assert P.prompts_for() == P.load_prompts()
    assert P.prompts_for(principle="nonsense") == ()


def _broken(mutate) -> dict:
    data = copy.deepcopy(_raw("prompts.json"))
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda d: d.update(version=2), "version 1"),
        (lambda d: d.update(prompts=[]), "no list of prompts"),
        (lambda d: d["prompts"].append(dict(d["prompts"][0])), "more than once"),
        (lambda d: d["prompts"][1].update(principle="charm"), "unknown principle"),
        (lambda d: d["prompts"][1].update(step="win-back"), "unknown step"),
        (lambda d: d["prompts"][1].update(kind="quiz"), "unknown kind"),
        (lambda d: d["prompts"][1].pop("text"), "'text'"),
        (lambda d: d["prompts"][1].update(title="  "), "'title'"),
        (lambda d: d["prompts"][1].update(id="Not Kebab"), "kebab-case"),
        (lambda d: d["prompts"].append("just a string"), "not an object"),
    ],
)
def test_bad_library_is_rejected_with_a_sentence(mutate, words):
    with pytest.raises(ValueError, match=words) as info:
        P.parse_prompts(_broken(mutate))
    assert str(info.value).endswith(".")


def test_bad_worksheet_is_rejected():
    data = _raw("worksheet.json")
    P.parse_worksheet(data)
    twin = copy.deepcopy(data)
    twin["sections"][1]["title"] = twin["sections"][0]["title"]
    with pytest.raises(ValueError, match="share a title"):
        P.parse_worksheet(twin)
    odd = copy.deepcopy(data)
    odd["sections"][0]["type"] = "slider"
    with pytest.raises(ValueError, match="unknown type"):
        P.parse_worksheet(odd)


# ---------------------------------------------------------------- prompt of the day


def _fake(count: int) -> tuple[P.Prompt, ...]:
    return tuple(
        P.Prompt(f"p-{i}", "patience", "grow", f"T{i}", "Text.", "prompted") for i in range(count)
    )


# Days just before and after the first cycle boundaries, and well before the epoch.
BOUNDARIES = [
    P.EPOCH + dt.timedelta(days=k * N + d) for k in (-40, -1, 0, 1, 7) for d in (-1, 0, 1)
]


def test_same_day_same_prompt_whatever_the_input_order():
    day = dt.date(2031, 5, 17)
    pool = P.load_prompts()
    assert P.prompt_of_the_day(day) == P.prompt_of_the_day(day)
    assert P.prompt_of_the_day(day, reversed(pool)) == P.prompt_of_the_day(day)


def _assert_run_shows_every_prompt_once(start: dt.date) -> None:
    run = [P.prompt_of_the_day(start + dt.timedelta(days=i)).id for i in range(N)]
    assert sorted(run) == sorted(p.id for p in P.load_prompts())


@pytest.mark.parametrize("start", BOUNDARIES, ids=str)
def test_no_repeat_across_cycle_boundaries(start):
    _assert_run_shows_every_prompt_once(start)


@given(start=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)))
def test_no_prompt_repeats_within_a_run_of_len_prompts_days(start):
    _assert_run_shows_every_prompt_once(start)


@given(
    count=st.integers(min_value=1, max_value=70),
    start=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
)
def test_no_repeat_holds_for_any_library_size(count, start):
    pool = _fake(count)
    run = [P.prompt_of_the_day(start + dt.timedelta(days=i), pool) for i in range(count)]
    assert len(set(run)) == count
    if count > 1:
        assert run[0] != P.prompt_of_the_day(start + dt.timedelta(days=1), pool)


def test_prompt_of_the_day_refuses_an_empty_or_ambiguous_pool():
    with pytest.raises(ValueError, match="no prompts"):
        P.prompt_of_the_day(dt.date(2025, 1, 1), [])
    with pytest.raises(ValueError, match="own id"):
        P.prompt_of_the_day(dt.date(2025, 1, 1), _fake(2) * 2)


# ---------------------------------------------------------------- worksheet


def test_worksheet_has_the_reflection_sections_in_order():
    sheet = P.load_worksheet()
    assert sheet.id == "should-i-try" and sheet.title and sheet.intro
    assert [(s.id, s.type) for s in sheet.sections] == [
        ("why-it-ended", "text"),
        ("what-changed", "text"),
        ("afraid-of-them", "yes-no"),
        ("controlled-by-them", "yes-no"),
        ("hurt-by-them", "yes-no"),
        ("loved", "list"),
        ("disliked", "list-with-change"),
        ("someone-new", "text"),
        ("trusted-views", "text"),
        ("where-i-stand", "text"),
    ]
    new_partner = sheet.sections[7]
    assert "not the time" in new_partner.help and "no need to find out" in new_partner.help
    assert P.load_worksheet() is sheet


SAMPLE = {
    "why-it-ended": "I stopped listening.\n\nI was often late.",
    "what-changed": "",
    "afraid-of-them": "no",
    "controlled-by-them": "not sure",
    "hurt-by-them": "",
    "loved": ["Sunday walks", "Her laugh,\nespecially at my jokes"],
    "disliked": [
        {"item": "Arguing about money", "can_change": "yes"},
        {"item": "", "can_change": "unsure"},
    ],
    "someone-new": "Not as far as I know.",
    "trusted-views": "Sam thinks I should wait.",
    "where-i-stand": "Not sure yet.",
}


def test_markdown_reads_like_a_journal_entry():
    md = P.worksheet_to_markdown(SAMPLE)
    assert md.startswith("# Should I even try?\n\n## Why did it end?\n\nI stopped listening.\n")
    assert "## What I loved\n\n- Sunday walks\n- Her laugh,\n  especially at my jokes\n" in md
    assert "- [can change: yes] Arguing about money\n- [can change: unsure] \n" in md
    assert "## Were you afraid of them?\n\nno\n\n## Did they control" in md
    assert P.worksheet_from_markdown(md) == SAMPLE


def test_missing_sections_render_empty_and_come_back_empty():
    back = P.worksheet_from_markdown(P.worksheet_to_markdown({"loved": ["Her laugh"]}))
    assert back["loved"] == ["Her laugh"]
    assert back["disliked"] == [] and back["why-it-ended"] == ""
    assert set(back) == {s.id for s in P.load_worksheet().sections}


def test_hand_edits_are_read_without_losing_words():
    md = (
        "# Should I even try?\n"
        "## What I loved\n"
        "Sunday walks\n"
        "\n"
        "-   the dog\n"
        "## What I disliked\n"
        "- [can change: no]\n"
        "- shouting\n"
        "## Where I stand now\n"
        "Waiting."
    )
    back = P.worksheet_from_markdown(md)
    assert back["loved"] == ["Sunday walks", "  the dog"]
    assert back["disliked"] == [
        {"item": "", "can_change": "no"},
        {"item": "shouting", "can_change": "unsure"},
    ]
    assert back["where-i-stand"] == "Waiting."


@pytest.mark.parametrize(
    "text",
    ["", "Just an ordinary entry.", "Dear diary\n## What I loved\n- walks\n"],
)
def test_text_that_is_not_a_worksheet_is_refused(text):
    with pytest.raises(ValueError):
        P.worksheet_from_markdown(text)


@pytest.mark.parametrize(
    "answers",
    [
        {"no-such-section": "x"},
        {"why-it-ended": ["a list"]},
        {"loved": "not a list"},
        {"loved": [3]},
        {"disliked": ["plain text"]},
        {"disliked": [{"item": "x", "can_change": "maybe"}]},
        {"hurt-by-them": "sometimes"},
        {"afraid-of-them": ["yes"]},
    ],
)
def test_malformed_answers_are_refused(answers):
    with pytest.raises(ValueError):
        P.worksheet_to_markdown(answers)


HEADINGS = {s.heading for s in P.load_worksheet().sections}
# Pieces that stress the format: scripts, joiners, marks, and near-misses of its own syntax.
TRICKY = [
    "😀",
    "👩🏽‍❤️‍👨🏻",
    "שלום עולם",
    "مرحبا بك",
    "\u200f\u202e",
    "e\u0301\u0323",
    "\u0915\u094d\u0937",
    "\n",
    "\r\n",
    "\r",
    "\u2028",
    "\x85",
    "\t",
    " ",
    "-",
    "- ",
    "  ",
    "# ",
    "## ",
    "[can change: yes]",
    "[can change: no] ",
    "## What I loved ",
    "### What I loved",
    "## what i loved",
]
texts = st.lists(st.one_of(st.text(), st.sampled_from(TRICKY)), max_size=8).map("".join)
free_text = texts.filter(lambda t: not HEADINGS.intersection(t.split("\n")))


def _answers() -> st.SearchStrategy[dict]:
    parts = {}
    for s in P.load_worksheet().sections:
        if s.type == "text":
            parts[s.id] = free_text
        elif s.type == "yes-no":
            parts[s.id] = st.sampled_from(("", *P.YES_NO))
        elif s.type == "list":
            parts[s.id] = st.lists(texts, max_size=4)
        else:
            item = st.fixed_dictionaries(
                {"item": texts, "can_change": st.sampled_from(P.CAN_CHANGE)}
            )
            parts[s.id] = st.lists(item, max_size=4)
    return st.fixed_dictionaries(parts)


@given(answers=_answers())
def test_worksheet_round_trips_exactly(answers):
    assert P.worksheet_from_markdown(P.worksheet_to_markdown(answers)) == answers


@given(item=texts.map(lambda t: t + "\n## Where I stand now\n"))
def test_list_items_may_even_hold_heading_lines(item):
    answers = {"loved": [item], "where-i-stand": "still here"}
    back = P.worksheet_from_markdown(P.worksheet_to_markdown(answers))
    assert back["loved"] == [item] and back["where-i-stand"] == "still here"


def test_harm_answers_are_noticed_and_own_your_part_prompts_are_left_out():
    from reconcile_desktop.core.journal import hurt_answers as safety

    assert not safety.answers_suggest_harm({"afraid-of-them": "not sure", "hurt-by-them": "no"})
    for question in ("afraid-of-them", "controlled-by-them", "hurt-by-them"):
        assert safety.answers_suggest_harm({question: "yes"})
    owning = [p for p in P.load_prompts() if p.owns_part]
    assert {p.id for p in owning} >= {"mir-my-part-listed", "sit-why-it-ended"}
    for prompt in owning:
        assert "never means taking the blame for how someone treated you" in prompt.text
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(len(P.load_prompts()))]
    assert any(P.prompt_of_the_day(d).owns_part for d in days)
    assert not any(P.prompt_of_the_day(d, gentle=True).owns_part for d in days)
