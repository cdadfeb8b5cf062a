"""Change-plan commands: plan add / plan list, today, mark, progress.

Marking a day is `reconcile mark`, not `reconcile check`: `check` is the journal's integrity
check (vault_cmds), and argparse refuses two commands of one name.
Dates are YYYY-MM-DD, "today" or "yesterday", read as calendar days in the user's zone
(vault.clock). --json output keeps its keys stable (new keys may be added); each command's
--help lists them.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from reconcile_desktop.commands.args import date_arg, day_of, print_json, whole_number
from reconcile_desktop.commands.passphrase import opened_vault
from reconcile_desktop.core.errors import UsageError

if TYPE_CHECKING:
    from reconcile_desktop.core.plans.store import CommitmentData, GoalData
    from reconcile_desktop.core.storage.vault import Vault

# Spelled out here, not taken from core, so --help never loads the database layers.
PRINCIPLES = ("accountability", "empathy", "change", "patience")
CORRECTION_DAYS = 7  # as core.plans.CORRECTION_DAYS
DEFAULT_RANGE = 30

FUTURE_DATE = "That date is still in the future; a day can be marked once it has come."
MUST_STOP_NOTE = (
    "Some things are not for cutting down step by step: they need to stop completely, with "
    "a professional's help, whatever happens between you and your ex. Asking for that help is "
    "a strong step, not a weak one."
)
SLIP_LINE = "A slip is one step back, not the end of the road: what will you try next time?"
STATE_WORDS = {
    "kept": "kept",
    "slipped": "slipped",
    "not_marked": "not marked yet",
    "not_recorded": "not recorded",
}

LIST_JSON_HELP = """\
With --json, {"goals": [...]}; each goal has id, title, why, principle (or null),
start_date, status (active, paused or achieved), must_stop, support_note and commitments:
a list of {id, action, schedule (in words), start_date, end_date (or null), status}, where a
commitment's status is active, upcoming (starts later) or ended."""

TODAY_JSON_HELP = """\
With --json, {"date", "editable", "items": [...]}; editable is false for a day more than
7 days back or in the future. Each item has commitment_id, action, schedule, goal_id,
goal_title, must_stop, state and note; state is kept, slipped, not_marked (today or later)
or not_recorded (a past day with no mark)."""

PROGRESS_JSON_HELP = """\
With --json, {"date", "days", "goals": [...], "charts"}. Each goal has id, title, must_stop, status,
net_steps, rate_7, rate_30, strength, slips_30_days, recoveries, median_recovery_days,
kept_days, slipped_days, note (the goal's progress in words, as the Plan page shows it),
charts (steps, calendar, commitments: each chart described in one paragraph) and
commitments; each commitment has id, action, schedule,
net_steps, rate_7, rate_30, strength, streak_current, streak_best, recoveries,
median_recovery_days, kept_days, slipped_days and today_state.
  net_steps     kept days minus slipped days since the start
  rate_7/_30    kept / (kept + slipped + unrecorded) over the last 7 or 30 days, 0 to 1
                (4 decimals), or null when no day counted
  strength      0 to 100 (see "What is strength?" above); for a goal, the mean over its
                commitments running today (or null)
  slips_30_days for a goal, slips in the last 30 days (paused days not counted): what a
                goal that must stop completely shows instead of a score
  recoveries    slips followed by a kept day within two days; median_recovery_days is the
                median gap in days, or null
  kept_days, slipped_days   days marked so within the last --days days
  today_state   kept, slipped, pending, unrecorded, paused or off
Goals have no streaks: a streak belongs to one commitment.
The top-level charts has all_goals (the three paragraphs for every goal together, or null)
and no_contact_history (a paragraph, or null)."""


def _strength_help() -> str:
    """The same words as the window's "What is strength?", wrapped for a terminal."""
    import textwrap

    from reconcile_desktop.core.plans import strength_note

    wrapped = (
        textwrap.fill(p, 92, initial_indent="  ", subsequent_indent="  ")
        for p in strength_note.PARAGRAPHS
    )
    return f"{strength_note.TITLE}\n" + "\n\n".join(wrapped)


_range_arg = whole_number(1, 3650, "--days is a number of days from 1 to 3650")


class _CommitmentAction(argparse.Action):
    """Each --commitment starts a [text, days] pair; --days fills in the one before it."""

    def __call__(self, parser, namespace, values, option_string=None):
        pairs = list(getattr(namespace, "commitments", None) or [])
        if "--days" not in self.option_strings:
            pairs.append([values, None])
        elif not pairs:
            parser.error("--days goes after the --commitment it belongs to")
        elif pairs[-1][1] is not None:
            parser.error("give --days once for each --commitment")
        else:
            pairs[-1][1] = values
        namespace.commitments = pairs


def register(subparsers: argparse._SubParsersAction) -> None:
    from reconcile_desktop.cli import add_shared_options

    plan = subparsers.add_parser(
        "plan",
        help="add change goals and their commitments, or list them",
        description="Your change plan: goals, each with concrete commitments. Use 'add' or 'list'.",
    )
    actions = plan.add_subparsers(dest="plan_action", metavar="ACTION", title="actions")
    actions.required = True

    p = actions.add_parser(
        "add",
        help="add a goal with one or more commitments",
        description="Add a change goal and what you will do for it. Give --commitment once "
        "for each thing you will do; a --days right after it sets how often (default: daily).",
    )
    p.add_argument("goal", metavar="GOAL", help="the change you are working on, in a few words")
    p.add_argument(
        "--commitment", dest="commitments", action=_CommitmentAction, metavar="TEXT",
        required=True, help="something concrete you will do (repeat for more)",
    )  # fmt: skip
    p.add_argument(
        "--days", dest="commitments", action=_CommitmentAction, metavar="WHEN",
        help='how often, for the --commitment before it: "daily", weekdays such as '
        '"mon,wed,fri", or a count like "3/week"',
    )  # fmt: skip
    p.add_argument("--why", metavar="TEXT", default="", help="why this change matters to you")
    p.add_argument("--principle", choices=PRINCIPLES, help="the principle it serves")
    p.add_argument(
        "--must-stop",
        action="store_true",
        help="a behaviour to stop completely (such as violence or abuse), not to cut down",
    )
    p.add_argument("--support", metavar="TEXT", default="", help="who or what helps you with it")
    p.add_argument("--start", type=date_arg, metavar="D", help="the first day (default: today)")
    p.set_defaults(func=cmd_plan_add)
    add_shared_options(p, top=False)

    p = actions.add_parser(
        "list",
        help="goals and their commitments",
        description="Every goal that is not archived, with its commitments.",
        epilog=LIST_JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    p.set_defaults(func=cmd_plan_list)
    add_shared_options(p, top=False)

    p = subparsers.add_parser(
        "today",
        help="what is due today, and what is already marked",
        description="The commitments due on a day and how each went. Days up to "
        f"{CORRECTION_DAYS} days back can still be marked; older ones are shown as they are.",
        epilog=TODAY_JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--date", type=date_arg, metavar="D", help="another day (default: today)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    p.set_defaults(func=cmd_today)

    p = subparsers.add_parser(
        "mark",
        help="mark a commitment kept or slipped for a day",
        description="Mark a commitment kept or slipped, or clear its mark. COMMITMENT is its "
        "number or a piece of its words. Days up to a week back can be corrected.",
    )
    p.add_argument("commitment", metavar="COMMITMENT", help="its number, or words from it")
    p.add_argument("state", choices=("kept", "slipped", "clear"), help="how it went")
    p.add_argument("--date", type=date_arg, metavar="D", help="the day (default: today)")
    p.add_argument("--note", metavar="N", default="", help="a few words for yourself")
    p.set_defaults(func=cmd_mark)

    p = subparsers.add_parser(
        "progress",
        help="net steps, rates, strength and streaks for each goal",
        description="How each commitment and goal is going. The trend is what counts: "
        "slips are shown, and so is the progress around them.",
        epilog=f"{_strength_help()}\n\n{PROGRESS_JSON_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--days",
        type=_range_arg,
        default=DEFAULT_RANGE,
        metavar="N",
        help=f"count kept and slipped days over the last N days (default: {DEFAULT_RANGE})",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    p.set_defaults(func=cmd_progress)


# -- helpers ------------------------------------------------------------------------------------


def _when(day: dt.date, today: dt.date) -> str:
    if day == today:
        return "today"
    return "yesterday" if day == today - dt.timedelta(days=1) else f"on {day}"


def _table(headers: list[str], rows: list[list[str]], left: int = 2) -> list[str]:
    """Columns padded to their widest cell; the first `left` columns left-aligned."""
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    return [
        "  "
        + "  ".join(
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in [headers, *rows]
    ]


def _short(text: str, width: int = 34) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# -- plan add / plan list -----------------------------------------------------------------------


def cmd_plan_add(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.plans import store as plans

    # Everything is checked before the vault opens, so a typo never leaves half a goal behind.
    if not args.goal.strip():
        raise UsageError("The goal needs a few words.")
    pairs = [(text, days or "daily") for text, days in args.commitments]
    for text, days in pairs:
        if not text.strip():
            raise UsageError("A --commitment needs a few words.")
        plans.parse_schedule(days, dt.date.min)
    with opened_vault(args) as vault:
        today = vault.clock.today()
        start = day_of(vault, args.start)
        goal = plans.add_goal(
            vault,
            args.goal,
            why=args.why,
            principle=args.principle,
            start=start,
            support_note=args.support,
            must_stop=args.must_stop,
        )
        added = [plans.add_commitment(vault, goal.id, t, d, start=start) for t, d in pairs]
    print(f"Goal {goal.id} added: {goal.title}" + (f" (from {start})" if start != today else ""))
    for c in added:
        print(f"  commitment {c.id}: {c.action} ({plans.describe_schedule(c.schedule)})")
    if goal.must_stop:
        print(MUST_STOP_NOTE)
        if goal.support_note:
            print(f"Your support: {goal.support_note}")
    print("Mark a day with 'reconcile mark NUMBER kept' (or slipped); 'reconcile today' shows it.")
    return 0


def _c_doc(c: CommitmentData, today: dt.date) -> dict:
    from reconcile_desktop.core.plans.store import describe_schedule

    status = "upcoming" if c.start_date > today else "active"
    if c.end_date is not None and c.end_date < today:
        status = "ended"
    return {
        "id": c.id,
        "action": c.action,
        "schedule": describe_schedule(c.schedule),
        "start_date": c.start_date.isoformat(),
        "end_date": c.end_date.isoformat() if c.end_date else None,
        "status": status,
    }


def _goal_doc(g: GoalData, commitments: list[dict]) -> dict:
    return {
        "id": g.id,
        "title": g.title,
        "why": g.why,
        "principle": g.principle,
        "start_date": g.start_date.isoformat(),
        "status": g.status,
        "must_stop": g.must_stop,
        "support_note": g.support_note,
        "commitments": commitments,
    }


def cmd_plan_list(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.plans import store as plans

    with opened_vault(args) as vault:
        today = vault.clock.today()
        goals = [(g, plans.commitments(vault, g.id)) for g in plans.goals(vault)]
    docs = [_goal_doc(g, [_c_doc(c, today) for c in cs]) for g, cs in goals]
    if args.json:
        print_json({"goals": docs})
        return 0
    if not docs:
        print('No goals yet. Add one with: reconcile plan add "GOAL" --commitment "what you do"')
    for doc in docs:
        extras = [x for x in (doc["principle"], doc["status"] != "active" and doc["status"]) if x]
        extras += ["to stop completely"] if doc["must_stop"] else []
        print(f"Goal {doc['id']}: {doc['title']}" + (f"  ({', '.join(extras)})" if extras else ""))
        if doc["why"]:
            print(f"  why: {doc['why']}")
        rows = [[str(c["id"]), c["action"], c["schedule"], c["status"]] for c in doc["commitments"]]
        if rows:
            print("\n".join(_table(["#", "commitment", "schedule", ""], rows, left=4)))
    return 0


# -- today / mark -------------------------------------------------------------------------------


def cmd_today(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.plans import store as plans

    with opened_vault(args) as vault:
        today = vault.clock.today()
        day = day_of(vault, args.date)
        items = plans.day_items(vault, day)
    editable = today - dt.timedelta(days=CORRECTION_DAYS) <= day <= today
    unmarked = "not_recorded" if day < today else "not_marked"
    docs = [
        {
            "commitment_id": it.commitment.id,
            "action": it.commitment.action,
            "schedule": plans.describe_schedule(it.commitment.schedule),
            "goal_id": it.goal.id,
            "goal_title": it.goal.title,
            "must_stop": it.goal.must_stop,
            "state": it.state or unmarked,
            "note": it.note,
        }
        for it in items
    ]
    if args.json:
        print_json({"date": day.isoformat(), "editable": editable, "items": docs})
        return 0
    heading = "Today" if day == today else day.strftime("%A")
    print(f"{heading}, {day.isoformat()}:")
    if not docs:
        print("  Nothing is planned for this day.")
    rows = [
        [str(d["commitment_id"]), _short(d["action"]), STATE_WORDS[d["state"]], d["goal_title"]]
        for d in docs
    ]
    if rows:
        print("\n".join(_table(["#", "commitment", "", "goal"], rows, left=4)))
    if not editable and day < today:
        print(
            f"This day is shown as it is: days can be marked or corrected up to "
            f"{CORRECTION_DAYS} days back."
        )
    elif docs and editable and any(d["state"] in ("not_marked", "not_recorded") for d in docs):
        when = "" if day == today else f" --date {day}"
        print(f"Mark one with 'reconcile mark NUMBER kept{when}' (or slipped).")
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.plans import store as plans

    if args.state == "clear" and args.note:
        raise UsageError("A note goes with kept or slipped; clear removes the mark and its note.")
    with opened_vault(args) as vault:
        today = vault.clock.today()
        day = day_of(vault, args.date)
        if day > today:
            raise UsageError(FUTURE_DATE)
        c = plans.find_commitment(vault, args.commitment)
        goal = plans.get_goal(vault, c.goal_id)
        before = next(
            (i.state for i in plans.day_items(vault, day) if i.commitment.id == c.id), None
        )
        state = None if args.state == "clear" else args.state
        plans.check_in(vault, c.id, state, day=day, note=args.note)
    when = _when(day, today)
    if state is None:
        if before is None:
            print(f"{c.action} had no mark {when}; nothing changed.")
        else:
            print(f"The mark for {c.action} {when} was cleared.")
    elif state == "kept":
        print(f"Marked kept {when}: {c.action}.")
    else:
        print(f"Noted: {c.action}, slipped {when}.")
        if not goal.must_stop:
            print(SLIP_LINE)
        elif goal.support_note:
            print(f"This is one to stop completely. Your support: {goal.support_note}")
        else:
            print(
                "This is one to stop completely. If nobody is helping you with it yet, "
                "a counsellor or your doctor is a good first call."
            )
    return 0


# -- progress -----------------------------------------------------------------------------------


def _rate(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _chart_texts(inputs, today: dt.date, days: int, must_stop: bool = False) -> dict:
    from reconcile_desktop.core import chart_summaries

    texts = chart_summaries.plan_chart_texts(inputs, today, days, must_stop=must_stop)
    return {"steps": texts.steps, "calendar": texts.calendar, "commitments": texts.commitments}


def _plan_reads(vault: Vault):
    """Everything the charts' descriptions need, read once (archived goals and commitments
    too, as the window reads them)."""
    from reconcile_desktop.core.plans import store as plans

    return (
        plans.goals(vault, include_archived=True),
        plans.commitments(vault, include_archived=True),
        plans.histories_for(vault),
    )


def _progress_docs(vault: Vault, days: int) -> list[dict]:
    """The goals' numbers from core's read model (the Plan page shows the same ones), with
    the words that describe each goal's charts (the window's charts carry the same)."""
    from reconcile_desktop.core import chart_summaries, summaries
    from reconcile_desktop.core.plans import store as plans

    today = vault.clock.today()
    goals, commitments, histories = _plan_reads(vault)
    out = []
    for g in summaries.goal_summaries(vault, days=days):
        inputs = chart_summaries.chart_inputs(g.goal, goals, commitments, histories)
        cdocs = []
        for line in g.commitments:
            c, s = line.commitment, line.summary
            cdocs.append(
                {
                    "id": c.id,
                    "action": c.action,
                    "schedule": plans.describe_schedule(c.schedule),
                    "net_steps": s.net_steps,
                    "rate_7": _rate(s.rate_7),
                    "rate_30": _rate(s.rate_30),
                    "strength": round(s.strength * 100),
                    "streak_current": s.streak.current,
                    "streak_best": s.streak.best,
                    "recoveries": len(s.recoveries),
                    "median_recovery_days": s.median_recovery_days,
                    "kept_days": line.kept_days,
                    "slipped_days": line.slipped_days,
                    "today_state": s.today_state,
                }
            )
        out.append(
            {
                "id": g.goal.id,
                "title": g.goal.title,
                "must_stop": g.goal.must_stop,
                "status": g.goal.status,
                "net_steps": g.net_steps,
                "rate_7": _rate(g.rate_7),
                "rate_30": _rate(g.rate_30),
                "strength": None if g.strength is None else round(g.strength * 100),
                "slips_30_days": g.slips_30,
                "recoveries": len(g.recoveries),
                "median_recovery_days": g.median_recovery_days,
                "kept_days": g.kept_days,
                "slipped_days": g.slipped_days,
                "note": g.note,
                "commitments": cdocs,
                "charts": _chart_texts(inputs, today, days, g.goal.must_stop),
            }
        )
    return out


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{round(x * 100)}%"


def _num(x: float | int | None, signed: bool = False) -> str:
    if x is None:
        return "-"
    return f"{x:+d}" if signed and x else f"{x:g}"


def _about_charts(charts: dict) -> list[str]:
    import textwrap

    out = ["  About its charts:"]
    for key in ("steps", "calendar", "commitments"):
        out.append(textwrap.fill(charts[key], 92, initial_indent="  - ", subsequent_indent="    "))
    return out


def _progress_text(g: dict, days: int) -> list[str]:
    lines = [f"Goal {g['id']}: {g['title']}" + ("  (to stop completely)" if g["must_stop"] else "")]
    lines.append(f"  {g['note'][:1].upper()}{g['note'][1:]}.")
    if g["must_stop"]:
        # Fewer slips is not the aim here, so no rates or scores: the slips, plainly.
        n = g["slipped_days"]
        lines.append(f"  Slipped on {n} day{'' if n == 1 else 's'} in the last {days} days.")
        head = ["#", "commitment", "slipped", "kept", "streak", "best"]
        rows = [
            [str(c["id"]), _short(c["action"]), str(c["slipped_days"]), str(c["kept_days"]),
             str(c["streak_current"]), str(c["streak_best"])]
            for c in g["commitments"]
        ]  # fmt: skip
        return lines + _table(head, rows) + _about_charts(g["charts"])
    head = ["#", "commitment", "net", "7-day", "30-day", "strength", "streak", "best",
            "recoveries", "median"]  # fmt: skip
    rows = [
        [str(c["id"]), _short(c["action"]), _num(c["net_steps"], True), _pct(c["rate_7"]),
         _pct(c["rate_30"]), _num(c["strength"]), str(c["streak_current"]),
         str(c["streak_best"]), str(c["recoveries"]), _num(c["median_recovery_days"])]
        for c in g["commitments"]
    ]  # fmt: skip
    rows.append(
        ["", "whole goal", _num(g["net_steps"], True), _pct(g["rate_7"]), _pct(g["rate_30"]),
         _num(g["strength"]), "", "", str(g["recoveries"]), _num(g["median_recovery_days"])]
    )  # fmt: skip
    return lines + _table(head, rows) + _about_charts(g["charts"])


def _together(vault: Vault, days: int) -> dict | None:
    """The charts of every goal together (what the Plan page opens on), and the no-contact
    history's description, or None for each when there is nothing to describe."""
    from reconcile_desktop.core import chart_summaries
    from reconcile_desktop.core.nocontact import store as nocontact

    goals, commitments, histories = _plan_reads(vault)
    together = None
    if any(g.status != "archived" for g in goals):
        inputs = chart_summaries.chart_inputs(None, goals, commitments, histories)
        together = _chart_texts(inputs, vault.clock.today(), days)
    s = nocontact.summary(vault)
    history = (
        None
        if s is None
        else chart_summaries.history_text(
            s.attempts, s.target_days, nocontact.weekly_history(vault)
        )
    )
    return {"all_goals": together, "no_contact_history": history}


def cmd_progress(args: argparse.Namespace) -> int:
    with opened_vault(args) as vault:
        today = vault.clock.today()
        docs = _progress_docs(vault, args.days)
        charts = _together(vault, args.days)
    if args.json:
        print_json({"date": today.isoformat(), "days": args.days, "goals": docs, "charts": charts})
        return 0
    if not docs:
        print("No goals yet, so nothing to measure. 'reconcile plan add' starts one.")
    else:
        print(f"Progress up to {today}. The trend is what counts; slips are part of it.")
        for g in docs:
            print()
            print("\n".join(_progress_text(g, args.days)))
        if charts["all_goals"] is not None:
            print()
            print("All goals together:")
            print("\n".join(_about_charts(charts["all_goals"])[1:]))
    if charts["no_contact_history"] is not None:
        print()
        print(f"No contact: {charts['no_contact_history']}")
    return 0
