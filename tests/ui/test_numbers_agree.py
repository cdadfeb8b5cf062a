"""One demo journal, read by the command line (real processes, JSON) and by the window: every
number both show is the same, because both take it from core's read models."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from reconcile_desktop.core import demo
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.ui.pages.plans.checkin_list import SUBTITLE_ROLE
from reconcile_desktop.ui.shell.app import build_pages
from tests.conftest import PASSPHRASE
from tests.processes import CHILD_TIMEOUT, REPO, child_env
from tests.ui.conftest import unlock


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("agree") / "data"
    vault = Vault(folder)  # the real clock and KDF, as the command line will open it
    try:
        vault.claim()
        vault.create(PASSPHRASE)
        demo.fill_demo(vault)
    finally:
        vault.close()
    return folder


def _cli_json(folder, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "reconcile_desktop", *args, "--json"],
        cwd=REPO,
        env=child_env(folder, RECONCILE_PASSPHRASE=PASSPHRASE),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def cli(demo_dir) -> dict:
    return {name: _cli_json(demo_dir, name) for name in ("progress", "status", "today")}


def test_the_window_and_the_command_line_show_the_same_numbers(
    qtbot, make_app, make_vault, demo_dir, cli
):
    app = make_app(make_vault(demo_dir), page_factory=build_pages)
    app.start()
    unlock(qtbot, app)
    window = app.window

    # The Plan page's goal lines and `progress --json`.
    window.show_page_key("plan")
    plan = window.page("plan")
    lines = {
        plan.goals_list.item(row).text(): plan.goals_list.item(row).data(SUBTITLE_ROLE)
        for row in range(1, plan.goals_list.count())
    }
    goals = cli["progress"]["goals"]
    assert set(lines) == {g["title"] for g in goals}
    for g in goals:
        if g["must_stop"]:
            n = g["slips_30_days"]
            expected = "no slips" if n == 0 else f"{n} slip"
            assert expected in lines[g["title"]]
            assert "strength" not in lines[g["title"]]  # never praised for "less"
        else:
            assert f"strength {g['strength']}%" in lines[g["title"]]

    # Each chart's text alternative (what a screen reader says) and `progress --json`.
    panel = plan.charts
    views = [(None, cli["progress"]["charts"]["all_goals"])]
    views += [(g["id"], g["charts"]) for g in goals]
    for goal_id, texts in views:
        plan.select_goal(goal_id)
        for index, key in enumerate(("steps", "calendar", "commitments")):
            panel.tabs.setCurrentIndex(index)
            qtbot.waitUntil(lambda: panel.settled)
            assert panel.description(index) == texts[key]
            assert panel.canvases[index].canvas.accessibleDescription() == texts[key]
    for g in goals:
        assert g["note"] in lines[g["title"]]  # the goal's line, in the same words

    # The No contact page, the Today badge and `status --json`.
    status = cli["status"]
    window.show_page_key("nocontact")
    nc = window.page("nocontact")
    assert nc.ring.text == str(status["days"])
    assert nc.values["best"].text() == f"{status['best_days']} days"
    assert nc.values["attempts"].text() == str(status["attempts"])
    assert nc.values["urges"].text() == str(status["urges_this_week"])
    nc.history.toggle.setChecked(True)
    history = cli["progress"]["charts"]["no_contact_history"]
    qtbot.waitUntil(lambda: nc.history.chart.accessibleDescription() == history)
    window.show_page_key("today")
    today = window.page("today")
    assert today.badge.days_label.text() == str(status["days"])

    # Today's steps and `today --json`.
    words = {"kept": "kept", "slipped": "slipped", None: "not_marked"}
    shown = {(i.commitment.id, words[i.state]) for i in today.checkins.items}
    listed = {(d["commitment_id"], d["state"]) for d in cli["today"]["items"]}
    assert shown == listed and shown
    assert re.search(r"\d", "".join(lines.values()))  # the demo has numbers to compare
