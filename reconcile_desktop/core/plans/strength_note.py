"""What "strength" means, in the one set of words the window's "What is strength?" popup,
`reconcile progress --help` and the README share.

The example figures are written out here rather than computed, so `--help` loads nothing:
tests/core/plans/test_strength_note.py works each one out again with core.progress.strength and
checks that the README carries these same words, so the text cannot drift from the formula.
"""

from __future__ import annotations

TITLE = "What is strength?"

HALF_WAY_DAYS = 13  # kept days that take a new daily commitment from 0 to 50%
EXAMPLE_KEPT_DAYS = 60  # a daily commitment kept this many days in a row...
EXAMPLE_BEFORE = 96  # ...stands at this percentage;
EXAMPLE_AFTER = 91  # one slip the next day takes it here,
EXAMPLE_BACK_DAYS = 14  # and this many kept days bring it back to EXAMPLE_BEFORE.

PARAGRAPHS = (
    "Strength shows how firmly a commitment has taken root, from 0 to 100%. Every day your "
    "plan asks for moves it a little: a kept day pulls it up, a slipped or unrecorded day "
    "lets it ease down, and recent days weigh more than older ones. A new daily commitment "
    f"kept every day is halfway there after {HALF_WAY_DAYS} days.",
    f"One slip after a long run only dents it. After {EXAMPLE_KEPT_DAYS} kept days in a row, "
    f"a daily commitment stands at {EXAMPLE_BEFORE}%; one slip takes it to {EXAMPLE_AFTER}%, "
    f"and {EXAMPLE_BACK_DAYS} kept days bring it back to {EXAMPLE_BEFORE}%.",
    "Paused days count neither way, so a break for illness, travel or rest costs nothing: "
    "strength waits where it was. Doing more than your plan asks is welcome, but strength "
    "counts only what the schedule asks for, so it keeps measuring the plan you chose.",
    "A streak is different: it counts kept days in a row, and one slip starts it again from "
    "zero. Strength remembers the whole stretch, so it rises slowly and falls slowly. The "
    "trend is what counts.",
    "It works like the habit score in Loop Habit Tracker.",
)

TEXT = "\n\n".join(PARAGRAPHS)
