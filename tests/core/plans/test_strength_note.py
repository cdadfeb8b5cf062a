"""The "What is strength?" words: every figure in them is worked out again from the real
formula, and the README and `progress --help` carry the same words as the window."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from reconcile_desktop import cli
from reconcile_desktop.core.plans import progress, strength_note
from reconcile_desktop.core.plans.progress import CommitmentHistory, Schedule

ROOT = Path(__file__).resolve().parents[3]
START = dt.date(2024, 1, 1)


def _daily(kept: int, *, slip: bool = False, after: int = 0, paused: int = 0):
    """A daily commitment: `kept` kept days, then optionally `paused` paused days, one slip and
    `after` more kept days. Returns the history and its last day."""
    marks, day = {}, START
    for _ in range(kept):
        marks[day] = progress.KEPT
        day += dt.timedelta(days=1)
    pauses = frozenset(day + dt.timedelta(days=k) for k in range(paused))
    day += dt.timedelta(days=paused)
    if slip:
        marks[day] = progress.SLIPPED
        day += dt.timedelta(days=1)
    for _ in range(after):
        marks[day] = progress.KEPT
        day += dt.timedelta(days=1)
    h = CommitmentHistory(1, START, None, (Schedule(START),), marks, pauses)
    return h, day - dt.timedelta(days=1)


def _pct(kept: int, **kw) -> int:
    h, last = _daily(kept, **kw)
    return round(progress.strength(h, last) * 100)  # as the window and the CLI round it


def test_the_example_figures_come_from_the_strength_formula():
    n = strength_note
    assert _pct(n.HALF_WAY_DAYS) == 50 and _pct(n.HALF_WAY_DAYS - 1) < 50
    assert _pct(n.EXAMPLE_KEPT_DAYS) == n.EXAMPLE_BEFORE
    assert _pct(n.EXAMPLE_KEPT_DAYS, slip=True) == n.EXAMPLE_AFTER
    back = n.EXAMPLE_BACK_DAYS
    assert _pct(n.EXAMPLE_KEPT_DAYS, slip=True, after=back) == n.EXAMPLE_BEFORE
    assert _pct(n.EXAMPLE_KEPT_DAYS, slip=True, after=back - 1) < n.EXAMPLE_BEFORE
    # "Paused days count neither way": ten of them before the slip change nothing.
    assert _pct(n.EXAMPLE_KEPT_DAYS, paused=10) == n.EXAMPLE_BEFORE
    assert _pct(n.EXAMPLE_KEPT_DAYS, paused=10, slip=True) == n.EXAMPLE_AFTER
    # "One slip starts it again from zero": the streak, not the strength.
    h, last = _daily(n.EXAMPLE_KEPT_DAYS, slip=True)
    assert progress.streaks(h, last) == progress.Streaks(current=0, best=n.EXAMPLE_KEPT_DAYS)
    # The figures the text quotes are the ones above.
    for figure in (n.EXAMPLE_BEFORE, n.EXAMPLE_AFTER):
        assert f"{figure}%" in n.TEXT
    assert f"{n.EXAMPLE_BACK_DAYS} kept days" in n.TEXT


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_readme_and_progress_help_carry_the_same_words(capsys):
    readme = _flat((ROOT / "README.md").read_text(encoding="utf-8"))
    assert cli.main(["progress", "--help"]) == 0
    help_text = _flat(capsys.readouterr().out)
    assert strength_note.TITLE in readme and strength_note.TITLE in help_text
    for paragraph in strength_note.PARAGRAPHS:
        assert _flat(paragraph) in readme
        assert _flat(paragraph) in help_text
