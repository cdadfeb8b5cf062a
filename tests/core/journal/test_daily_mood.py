from __future__ import annotations

import datetime as dt

import pytest

from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.journal import daily_mood as mood


def test_mood_is_one_per_day_and_can_be_changed(vault):
    assert mood.get_mood(vault) is None
    mood.set_mood(vault, 2, "tired")
    mood.set_mood(vault, 4, " better after a walk ")
    got = mood.get_mood(vault)
    assert (got.mood, got.note) == (4, "better after a walk")


@pytest.mark.parametrize("bad", [0, 6])
def test_mood_range(vault, bad):
    with pytest.raises(InvalidInput):
        mood.set_mood(vault, bad)


def test_no_mood_for_tomorrow(vault):
    with pytest.raises(InvalidInput):
        mood.set_mood(vault, 3, day=vault.clock.today() + dt.timedelta(days=1))
