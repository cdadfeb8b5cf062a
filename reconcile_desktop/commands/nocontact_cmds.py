"""No-contact commands: nocontact start/end/history, status, contact, urge, reached-out.

Dates are YYYY-MM-DD, "today" or "yesterday", read as calendar days in the user's zone
(vault.clock). A future date, or one before the running period began, is refused (exit 2).
--json output (stable keys; new keys may be added, existing ones keep their meaning) is
described in STATUS_JSON_HELP and HISTORY_JSON_HELP below, which --help shows.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reconcile_desktop.commands.args import date_arg, day_of, print_json, whole_number
from reconcile_desktop.commands.passphrase import opened_vault
from reconcile_desktop.core.errors import InvalidInput, UsageError

if TYPE_CHECKING:
    import datetime as dt  # imported where used: see cli.py on what loads before the KDF

    from reconcile_desktop.core.nocontact.day_counting import Summary
    from reconcile_desktop.core.nocontact.store import PeriodData
    from reconcile_desktop.core.storage.vault import Vault

DEFAULT_TARGET = 45
# Spelled out here, not taken from core.streaks, so --help never loads the database layers.
CONTACT_KINDS = {
    "i-contacted": "i_contacted",
    "they-contacted-ignored": "they_contacted_ignored",
    "they-contacted-engaged": "they_contacted_engaged",
    "looked-social": "looked_social",
}
DIRECT_RESETS = {"i_contacted", "they_contacted_engaged"}
USUAL_MINIMUM = 30

DATE_HELP = "the day it happened: YYYY-MM-DD, today or yesterday (default: today)"
FUTURE_DATE = "That date is still in the future; give today or an earlier day."
NOT_RUNNING = "There is no no-contact period running; start one with 'reconcile nocontact start'."
KEPT = "what you learned from the last stretch is still yours."

STATUS_JSON_HELP = """\
With --json, one JSON object (keys stay stable; new ones may be added):
  tracking           true while a no-contact period runs; when false, the only key
  days               whole days since the period began or since the last contact
  target_days        the chosen target
  best_days          the longest stretch in this period, today's included
  attempts           how many stretches this period has had (1 until a slip)
  social_media_days  whole days since you last looked at their social media
  urges_this_week    urges resisted this week (Monday to Sunday)
  target_reached     true once the target was reached in this period; it stays true
  milestone_reached  the last milestone passed (1, 3, 7, 14, 21, 30, 45, 60, 90, then
                     every 30 days), or null before the first
  next_milestone     the next milestone ahead
  giving_space_days  days since the planned reach-out, or null before it
  flagged_events     events whose time is still ahead (a clock that ran fast), not
                     counted until that time comes
  boundaries         the boundaries noted (see 'reconcile nocontact boundary'), [] if none"""

BOUNDARY_JSON_HELP = """\
With list --json, one JSON object:
  answered           true once the questions were answered (in the window or here)
  boundaries         the ones set: asked-no-contact, blocked, court-order, safety
  reach_out_offered  true only when answered and none is set"""

HISTORY_JSON_HELP = """\
With --json, {"periods": [...]}, oldest first; each period has:
  id, start_date, end_date (null while running), end_reason ("target", "stopped" or null),
  running, target_days, target_reached, best_days, urges_total, and attempts: a list of
  {start_date, end_date (null while running), days, ended_by}, where ended_by is the kind
  that ended the stretch ("i-contacted" or "they-contacted-engaged") or null.
Dates are YYYY-MM-DD in the time zone you are in now, read from when things happened."""

# Spelled out, not taken from core, so --help loads nothing more; a test checks they match.
BOUNDARIES = ("asked-no-contact", "blocked", "court-order", "safety")

_target_arg = whole_number(1, 3650, "the target is a number of days from 1 to 3650")
_intensity_arg = whole_number(1, 5, "intensity is a number from 1 (mild) to 5 (very strong)")


def _event_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", type=date_arg, metavar="D", help=DATE_HELP)
    p.add_argument("--note", metavar="N", default="", help="a few words for yourself")


def register(subparsers: argparse._SubParsersAction) -> None:
    from reconcile_desktop.cli import add_shared_options

    nc = subparsers.add_parser(
        "nocontact",
        help="start, end or look back on a no-contact period",
        description="A no-contact period counts whole calendar days without contact. "
        "Use 'start', 'end' or 'history'.",
    )
    actions = nc.add_subparsers(dest="nocontact_action", metavar="ACTION", title="actions")
    actions.required = True

    p = actions.add_parser(
        "start",
        help="begin counting",
        description="Begin a no-contact period. The start day is day 0; each whole day after "
        "it counts. Only one period runs at a time.",
    )
    p.add_argument("--date", type=date_arg, metavar="D", help="the first day (default: today)")
    p.add_argument(
        "--target",
        type=_target_arg,
        default=DEFAULT_TARGET,
        metavar="DAYS",
        help=f"how many days to aim for (default: {DEFAULT_TARGET}; 30 to 60 is usual)",
    )
    p.set_defaults(func=cmd_start)
    add_shared_options(p, top=False)

    p = actions.add_parser(
        "end",
        help="close the running period",
        description="Close the running period. Its history is kept.",
    )
    p.add_argument(
        "--reason",
        choices=("target", "stopped"),
        help="target (you reached it) or stopped (your choice); "
        "default: target when it was reached, else stopped",
    )
    p.set_defaults(func=cmd_end)
    add_shared_options(p, top=False)

    p = actions.add_parser(
        "history",
        help="every period and its stretches",
        description="Every no-contact period, with each stretch and its length.",
        epilog=HISTORY_JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    p.set_defaults(func=cmd_history)
    add_shared_options(p, top=False)

    _register_boundary(actions)

    p = subparsers.add_parser(
        "status",
        help="one line on the no-contact count, for a status bar",
        description="Print one line on the running no-contact period.",
        epilog=STATUS_JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of text (see below)")
    p.set_defaults(func=cmd_status)

    p = subparsers.add_parser(
        "contact",
        help="log contact, or a look at their social media",
        description="Log contact in the running period. Contact you started or engaged in "
        "starts the count again; contact you did not answer does not; a look at their social "
        "media starts only the social media count again.",
    )
    p.add_argument(
        "--kind", choices=tuple(CONTACT_KINDS), default="i-contacted", help="(default: i-contacted)"
    )
    _event_options(p)
    p.set_defaults(func=cmd_contact)

    p = subparsers.add_parser(
        "urge",
        help="log an urge you did not act on",
        description="Log an urge to make contact that you let pass.",
    )
    p.add_argument(
        "--intensity", type=_intensity_arg, metavar="N", help="1 (mild) to 5 (very strong)"
    )
    p.add_argument("--trigger", metavar="T", default="", help="what set it off, if you know")
    _event_options(p)
    p.set_defaults(func=cmd_urge)

    p = subparsers.add_parser(
        "reached-out",
        help="log the one planned reach-out",
        description="Log the one message you planned to send after no contact. "
        "The giving-space count starts from it.",
    )
    _event_options(p)
    p.set_defaults(func=cmd_reached_out)


def _register_boundary(actions: argparse._SubParsersAction) -> None:
    from reconcile_desktop.cli import add_shared_options

    b = actions.add_parser(
        "boundary",
        help="their boundaries: with any set, the reach-out step is never offered",
        description="Note what the other person asked for, or what keeps you apart: "
        f"{', '.join(BOUNDARIES)}. With any of these set, the reach-out step is never offered, "
        "and the count goes on as time for your own life. Answers can change at any time.",
        epilog=BOUNDARY_JSON_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = b.add_subparsers(dest="boundary_action", metavar="ACTION", title="actions")
    which.required = True
    for verb, func, help in (
        ("set", cmd_boundary_set, "note a boundary"),
        ("clear", cmd_boundary_clear, "take a boundary back off"),
    ):
        p = which.add_parser(verb, help=help, description=f"{help[:1].upper()}{help[1:]}.")
        p.add_argument("name", choices=BOUNDARIES, metavar="NAME", help=", ".join(BOUNDARIES))
        p.set_defaults(func=func)
        add_shared_options(p, top=False)
    p = which.add_parser("list", help="the answers so far", description="The answers so far.")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=cmd_boundary_list)
    add_shared_options(p, top=False)


# -- helpers ------------------------------------------------------------------------------------


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _resolve(vault: Vault, spec: dt.date | str | None) -> dt.date:
    """A --date value as a local calendar day; today when not given."""
    day = day_of(vault, spec)
    if day > vault.clock.today():
        raise UsageError(FUTURE_DATE)
    return day


def _running(vault: Vault) -> PeriodData:
    from reconcile_desktop.core.nocontact import store as nocontact

    period = nocontact.current_period(vault)
    if period is None:
        raise InvalidInput(NOT_RUNNING)
    return period


def _event_when(vault: Vault, period: PeriodData, day: dt.date) -> dt.datetime | dt.date | None:
    """What to hand core for an event on `day`: None means now."""
    if day == vault.clock.today():
        return None
    start = vault.clock.local_date_of(period.started_utc)  # the start day where you are now
    if day < start:
        raise UsageError(
            f"That date is before this no-contact period began ({start}), so it was not logged."
        )
    if day == start:
        # Core places a date-only event at the current time of day; on the start day that
        # could fall before the period's start instant and quietly not count.
        import datetime as dt

        local = dt.datetime.combine(day, vault.clock.local_now().timetz())
        return max(local.astimezone(dt.UTC), period.started_utc)
    return day


# -- nocontact start / end / history ------------------------------------------------------------


def cmd_start(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.nocontact import store as nocontact

    with opened_vault(args) as vault:
        day = _resolve(vault, args.date)
        today = vault.clock.today()
        period = nocontact.start_period(
            vault, target_days=args.target, start=None if day == today else day
        )
        s = nocontact.summary(vault, period)
    target = _days(period.target_days)
    if period.start_date == today:
        print(f"No contact starts today, with a target of {target}. Today is day 0.")
    else:
        print(
            f"No contact counts from {period.start_date}, with a target of {target}. "
            f"Today is day {s.direct_days}."
        )
    if period.target_days < USUAL_MINIMUM:
        print(
            "A gentle note: 30 to 60 days is the usual minimum, because this time is for your "
            "own grieving and clarity. The target is yours to choose."
        )
    return 0


def cmd_end(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.nocontact import store as nocontact

    with opened_vault(args) as vault:
        before = nocontact.summary(vault, _running(vault))
        reason = args.reason or ("target" if before.target_reached else "stopped")
        period = nocontact.end_period(vault, reason)
        s = nocontact.summary(vault, period)
    print(f"The no-contact period that began on {s.attempts[0].start_date} is closed.")
    if s.target_reached:
        print(
            f"You reached your target of {_days(s.target_days)}; your best stretch was "
            f"{_days(s.best_direct)}."
        )
    else:
        print(f"Your best stretch was {_days(s.best_direct)}, and it stays in your history.")
    print("Whenever you want to begin again, 'reconcile nocontact start' is there.")
    return 0


def _kind_name(kind: str | None) -> str | None:
    return None if kind is None else kind.replace("_", "-")


def _period_doc(period: PeriodData, s: Summary) -> dict:
    # Dates from the summary: read in the zone you are in now, like the stretches.
    return {
        "id": period.id,
        "start_date": s.attempts[0].start_date.isoformat(),
        "end_date": s.as_of.isoformat() if period.end_date else None,
        "end_reason": period.end_reason,
        "running": period.end_date is None,
        "target_days": period.target_days,
        "target_reached": s.target_reached,
        "best_days": s.best_direct,
        "urges_total": s.urges_total,
        "attempts": [
            {
                "start_date": a.start_date.isoformat(),
                "end_date": a.end_date.isoformat() if a.end_date else None,
                "days": a.days,
                "ended_by": _kind_name(a.ended_by),
            }
            for a in s.attempts
        ],
    }


def _period_text(n: int, period: PeriodData, s: Summary) -> list[str]:
    from reconcile_desktop.core.nocontact.store import KIND_LABELS

    if period.end_date is None:
        state = "running"
    elif period.end_reason == "target":
        state = f"ended {s.as_of}, target reached"
    else:
        state = f"ended {s.as_of} by your choice"
    reached = ", reached" if s.target_reached else ""
    lines = [
        f"Period {n}: from {s.attempts[0].start_date}, target {_days(period.target_days)}{reached} "
        f"({state})"
    ]
    for i, a in enumerate(s.attempts, 1):
        until = a.end_date or "today"
        line = f"  stretch {i}: {a.start_date} to {until}, {_days(a.days)}"
        if a.ended_by:
            line += f", ended by: {KIND_LABELS[a.ended_by]}"
        lines.append(line)
    lines.append(f"  best stretch {_days(s.best_direct)}; urges resisted: {s.urges_total}")
    if s.flagged:
        lines.append(f"  {len(s.flagged)} event(s) with a time still ahead, not counted yet")
    return lines


def cmd_history(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.nocontact import store as nocontact

    with opened_vault(args) as vault:
        rows = [(p, nocontact.summary(vault, p)) for p in nocontact.periods(vault)]
    if args.json:
        print_json({"periods": [_period_doc(p, s) for p, s in rows]})
        return 0
    if not rows:
        print("No no-contact periods yet. Start one with 'reconcile nocontact start'.")
        return 0
    for n, (p, s) in enumerate(rows, 1):
        print("\n".join(_period_text(n, p, s)))
    return 0


# -- status and events --------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    with opened_vault(args) as vault:
        # After the unlock, so the KDF's 64 MiB is gone before SQLAlchemy loads (peak RSS).
        from reconcile_desktop.core.nocontact import store as nocontact

        if args.json:
            print_json(nocontact.status_json(vault))
        else:
            print(nocontact.status_line(vault))
    return 0


def _contact_reply(kind: str, day: dt.date, today: dt.date, s: Summary) -> str:
    if kind in DIRECT_RESETS:
        if s.direct_start != day:
            # An older slip: a later one already set the count.
            return f"Logged. Your count is unchanged at day {s.direct_days}."
        when = "today" if day == today else f"from {day} (day {s.direct_days} today)"
        return f"Logged. The count starts again {when}; {KEPT}"
    if kind == "looked_social":
        if s.social_start != day:
            return (
                f"Logged. Your social media count is unchanged, and no contact stays at day "
                f"{s.direct_days}."
            )
        when = "today" if day == today else f"from {day}"
        return (
            f"Logged. The social media count starts again {when}; "
            f"no contact stays at day {s.direct_days}."
        )
    return (
        f"Logged. Not engaging takes strength, and it does not reset your count: "
        f"day {s.direct_days}."
    )


def _log(args: argparse.Namespace, kind: str, **fields) -> tuple[Summary, Summary, dt.date]:
    """Log one event in the running period: (summary before, summary after, its local day)."""
    from reconcile_desktop.core.nocontact import store as nocontact

    with opened_vault(args) as vault:
        period = _running(vault)
        day = _resolve(vault, args.date)
        before = nocontact.summary(vault, period)
        when = _event_when(vault, period, day)
        nocontact.log_event(vault, kind, when=when, note=args.note, **fields)
        return before, nocontact.summary(vault, period), day


def cmd_contact(args: argparse.Namespace) -> int:
    kind = CONTACT_KINDS[args.kind]
    _before, s, day = _log(args, kind)
    print(_contact_reply(kind, day, s.as_of, s))
    return 0


def cmd_urge(args: argparse.Namespace) -> int:
    _before, s, _day = _log(args, "urge_resisted", intensity=args.intensity, trigger=args.trigger)
    print(
        "Logged. You felt the pull and let it pass; that is the work. "
        f"Urges resisted this week: {s.urges_this_week}."
    )
    return 0


def cmd_reached_out(args: argparse.Namespace) -> int:
    before, s, day = _log(args, "reached_out")
    if before.target_reached:
        print("Logged. You said it once, as you planned; what they do with it is theirs.")
    else:
        print(
            f"Logged. A gentle note: your target of {_days(before.target_days)} was not "
            f"reached yet (day {before.direct_days}), and the plan usually waits for it."
        )
    if day == s.as_of or not s.giving_space_days:
        print("Now comes giving space; that count starts today.")
    else:
        print(f"Now comes giving space; that count runs from {day} (day {s.giving_space_days}).")
    return 0


# -- boundaries -------------------------------------------------------------------------------


def _boundary_reply(b) -> str:
    from reconcile_desktop.core.nocontact.boundaries import REASONS

    if b.set:
        return (
            "Noted: " + "; ".join(REASONS[n] for n in b.ordered()) + ". The reach-out step is "
            "not offered, and your count goes on as time for your own life."
        )
    return (
        "No boundaries are noted. The reach-out step can be offered once you reach your "
        "target, if you still want it."
    )


def cmd_boundary_set(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.nocontact import boundaries

    with opened_vault(args) as vault:
        b = boundaries.set_boundary(vault, args.name)
    print(_boundary_reply(b))
    return 0


def cmd_boundary_clear(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.nocontact import boundaries

    with opened_vault(args) as vault:
        b = boundaries.clear_boundary(vault, args.name)
    print(_boundary_reply(b))
    return 0


def cmd_boundary_list(args: argparse.Namespace) -> int:
    from reconcile_desktop.core.nocontact import boundaries

    with opened_vault(args) as vault:
        b = boundaries.get(vault)
    if args.json:
        print_json(
            {
                "answered": b.answered,
                "boundaries": b.ordered(),
                "reach_out_offered": b.reach_out_offered,
            }
        )
        return 0
    for name in boundaries.NAMES:
        answer = "yes" if name in b.set else ("no" if b.answered else "not answered")
        print(f"{name:<17} {answer:<13} {boundaries.QUESTIONS[name]}")
    print(_boundary_reply(b) if b.answered else "Not answered yet.")
    return 0
