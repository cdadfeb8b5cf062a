"""The list's preview line: an entry's Markdown as plain words (issue 14)."""

from __future__ import annotations

import pytest

from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import prompts, search
from reconcile_desktop.core.journal.preview import plain_text, preview_line
from reconcile_desktop.core.journal.search_language import MARK_END, MARK_START


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("# Should I even try?", "Should I even try?"),
        ("### Closed heading ###", "Closed heading"),
        ("- a list item", "a list item"),
        ("  * nested item", "nested item"),
        ("3. a numbered one", "a numbered one"),
        ("- [ ] call my sister", "call my sister"),
        ("- [x] went for a walk", "went for a walk"),
        ("- [can change: unsure] how we argued", "how we argued"),
        ("> what she said", "what she said"),
        ("I was **so** tired and *quiet*", "I was so tired and quiet"),
        ("__strong__ and _soft_ and ***both***", "strong and soft and both"),
        ("~~struck~~ out", "struck out"),
        ("see [the article](https://example.org) again", "see the article again"),
        ("a [reference][1] link", "a reference link"),
        ("<https://example.org> and ![a photo](p.png)", "https://example.org and a photo"),
        ("run `git *log*` then", "run git *log* then"),
        (r"2 \* 3 is \*not\* emphasis", "2 * 3 is *not* emphasis"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("---", ""),
    ],
)
def test_markdown_marks_are_stripped(markdown, plain):
    assert preview_line(markdown, 120) == plain


def test_code_blocks_keep_their_text_but_lose_the_fences():
    assert plain_text("```\nprint('hi')\n```\nafter") == "print('hi') after"


def test_a_worksheet_previews_its_first_answer_not_its_title_or_questions():
    body = prompts.worksheet_to_markdown(
        {"why-it-ended": "We stopped listening to each other.", "what-changed": "I listen now."}
    )
    assert body.startswith("# Should I even try?")
    assert preview_line(body, 120, title="Should I even try?") == (
        "We stopped listening to each other."
    )


def test_without_a_title_a_heading_leads():
    assert preview_line("## Sunday\n\nA slow day.", 120) == "Sunday"
    assert preview_line("## Sunday\n\nA slow day.", 120, title="Weekend") == "A slow day."
    assert preview_line("# Only headings\n## here", 120, title="Only headings") == "here"


def test_long_lines_are_cut_at_a_word():
    line = preview_line("**" + "word " * 49 + "word**", 40)
    assert line.endswith("…") and len(line) <= 41 and "*" not in line


def test_the_journal_list_and_search_show_plain_words(vault):
    body = prompts.worksheet_to_markdown(
        {"loved": ["her **laugh**"], "why-it-ended": "- we *drifted*"}
    )
    journal.add_entry(vault, body, title="Should I even try?", kind="worksheet")
    (row,) = journal.list_page(vault)
    assert row.snippet == "we drifted"
    (hit,) = search.search(vault, "laugh")
    assert "*" not in hit.snippet and "[" not in hit.snippet and "#" not in hit.snippet
    assert f"{MARK_START}laugh{MARK_END}" in hit.snippet
