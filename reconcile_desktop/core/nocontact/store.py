"""No-contact periods and events in the vault; all counting is done by day_counting.py.

Streaks are never stored: they are derived from the events every time, so correcting or
deleting an event can never leave a counter out of step.

Each row keeps the date and zone it was logged under, as a record. Counting reads every date
again in the zone the user is in now, from the instants (see day_counting.py, "Days
across time zones"), so an event that has happened always counts, wherever it was logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from reconcile_desktop.core.changes import NOCONTACT, writes
from reconcile_desktop.core.clock import to_utc
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.storage.tables import CONTACT_EVENT, NOCONTACT_PERIOD
from reconcile_desktop.core.storage.vault import Vault

# Reads use the Core tables (no sqlmodel import: `reconcile status` stays light); the writes
# import the ORM models where they need them.

KIND_LABELS = {
    streaks.I_CONTACTED: "I contacted them",
    streaks.THEY_CONTACTED_IGNORED: "They contacted me and I did not engage",
    streaks.THEY_CONTACTED_ENGAGED: "They contacted me and I engaged",
    streaks.LOOKED_SOCIAL: "I looked at their social media",
    streaks.URGE_RESISTED: "I resisted an urge",
    streaks.REACHED_OUT: "I reached out once, as planned",
}


@dataclass(frozen=True)
class PeriodData:
    id: int
    started_utc: dt.datetime
    start_date: dt.date
    tz: str
    target_days: int
    end_date: dt.date | None
    end_reason: str | None
    ended_utc: dt.datetime | None = None


@dataclass(frozen=True)
class EventData:
    id: int
    period_id: int
    kind: str
    occurred_utc: dt.datetime
    local_date: dt.date
    tz: str
    intensity: int | None
    trigger: str
    note: str
    entry_id: int | None


def _period_data(p) -> PeriodData:  # a NoContactPeriod or a row of NOCONTACT_PERIOD
    ended = None if p.ended_utc is None else to_utc(p.ended_utc)
    return PeriodData(
        p.id,
        to_utc(p.started_utc),
        p.start_date,
        p.tz,
        p.target_days,
        p.end_date,
        p.end_reason,
        ended,
    )


def _event_data(e) -> EventData:  # a ContactEvent or a row of CONTACT_EVENT
    return EventData(
        e.id,
        e.period_id,
        e.kind,
        to_utc(e.occurred_utc),
        e.local_date,
        e.tz,
        e.intensity,
        e.trigger,
        e.note,
        e.entry_id,
    )


def _check_target(target_days: int) -> None:
    if not 1 <= target_days <= 3650:
        raise InvalidInput("The target is a number of days from 1 to 3650.")


def _instant(vault: Vault, when: dt.datetime | dt.date | None) -> dt.datetime:
    """A date alone means "that day, at this time of day" in the user's zone."""
    if when is None:
        return vault.clock.now()
    if isinstance(when, dt.datetime):
        return to_utc(when) if when.tzinfo else when.replace(tzinfo=vault.clock.tzinfo())
    local_now = vault.clock.local_now()
    return dt.datetime.combine(when, local_now.timetz()).astimezone(dt.UTC)


def _event_instant(
    vault: Vault, period: PeriodData, when: dt.datetime | dt.date | None
) -> dt.datetime:
    """When an event happened: never in the future, never before the period began. A date-only
    event on the start day is moved to the start, so it is counted rather than silently dropped.
    The start day is read in the zone the user is in now, like every date that is counted."""
    instant = _instant(vault, when)
    if instant > vault.clock.now():
        raise InvalidInput(
            "That date has not come yet; events can only be logged once they happen."
        )
    if vault.clock.local_date_of(instant) < vault.clock.local_date_of(period.started_utc):
        raise InvalidInput("That date is before this no-contact period began.")
    return max(instant, period.started_utc)


def current_period(vault: Vault) -> PeriodData | None:
    """The running period (not ended), if any."""
    P = NOCONTACT_PERIOD
    with vault.connection() as c:
        # By time, not by number: each computer numbers synced rows its own way.
        newest = (P.c.started_utc.desc(), P.c.created_utc.desc(), P.c.id.desc())
        p = c.execute(sa.select(P).where(P.c.end_date.is_(None)).order_by(*newest)).first()
        return _period_data(p) if p else None


def periods(vault: Vault) -> list[PeriodData]:
    with vault.connection() as c:
        P = NOCONTACT_PERIOD
        rows = c.execute(sa.select(P).order_by(P.c.started_utc, P.c.created_utc, P.c.id)).all()
        return [_period_data(p) for p in rows]


@writes(NOCONTACT)
def start_period(
    vault: Vault, *, target_days: int = 45, start: dt.datetime | dt.date | None = None
) -> PeriodData:
    """Start counting. Only one period runs at a time."""
    _check_target(target_days)
    if current_period(vault) is not None:
        raise InvalidInput("A no-contact period is already running; end it before starting anew.")
    instant = _instant(vault, start)
    now = vault.clock.now()
    from reconcile_desktop.core.storage.models import NoContactPeriod

    with vault.transaction() as s:
        p = NoContactPeriod(
            started_utc=instant,
            start_date=vault.clock.local_date_of(instant),
            tz=vault.clock.zone_name(),
            target_days=target_days,
            created_utc=now,
        )
        s.add(p)
        s.flush()
        return _period_data(p)


@writes(NOCONTACT)
def set_target(vault: Vault, target_days: int) -> PeriodData:
    _check_target(target_days)
    period = _require_period(vault)
    from reconcile_desktop.core.storage.models import NoContactPeriod

    with vault.transaction() as s:
        p = s.get(NoContactPeriod, period.id)
        p.target_days = target_days
        return _period_data(p)


@writes(NOCONTACT)
def end_period(vault: Vault, reason: str = "target") -> PeriodData:
    """Ending is explicit: "target" (reached it) or "stopped" (the user chose to stop)."""
    if reason not in ("target", "stopped"):
        raise InvalidInput("A period ends either with the target reached or by your choice.")
    period = _require_period(vault)
    now = vault.clock.now()
    from reconcile_desktop.core.storage.models import NoContactPeriod

    with vault.transaction() as s:
        p = s.get(NoContactPeriod, period.id)
        p.ended_utc = now
        p.end_date = max(vault.clock.local_date_of(now), p.start_date)
        p.end_reason = reason
        return _period_data(p)


def _require_period(vault: Vault) -> PeriodData:
    period = current_period(vault)
    if period is None:
        raise InvalidInput("There is no no-contact period running. Start one first.")
    return period


@writes(NOCONTACT)
def log_event(
    vault: Vault,
    kind: str,
    *,
    when: dt.datetime | dt.date | None = None,
    intensity: int | None = None,
    trigger: str = "",
    note: str = "",
    entry_id: int | None = None,
) -> EventData:
    """Record contact, an urge resisted or the planned reach-out in the running period.
    An urge written out as a letter (`entry_id`) counts once: logging it again returns the
    event already there."""
    if kind not in streaks.ALL_KINDS:
        raise InvalidInput("That kind of event is not one Reconcile knows.")
    if kind == streaks.URGE_RESISTED and entry_id is not None:
        counted = urge_for_entry(vault, entry_id)
        if counted is not None:
            return counted
    if intensity is not None and not streaks.INTENSITY_MIN <= intensity <= streaks.INTENSITY_MAX:
        raise InvalidInput("Intensity is a number from 1 (mild) to 5 (very strong).")
    period = _require_period(vault)
    if kind == streaks.REACHED_OUT:
        from reconcile_desktop.core.nocontact import boundaries

        boundaries.require_no_boundary(vault)  # their wish comes first, in every front end
    instant = _event_instant(vault, period, when)
    from reconcile_desktop.core.storage.models import ContactEvent

    with vault.transaction() as s:
        e = ContactEvent(
            period_id=period.id,
            kind=kind,
            occurred_utc=instant,
            local_date=vault.clock.local_date_of(instant),
            tz=vault.clock.zone_name(),
            intensity=intensity,
            trigger=trigger.strip(),
            note=note.strip(),
            entry_id=entry_id,
            created_utc=vault.clock.now(),
        )
        s.add(e)
        s.flush()
        return _event_data(e)


@writes(NOCONTACT)
def correct_event(
    vault: Vault,
    event_id: int,
    *,
    when: dt.datetime | dt.date | None = None,
    note: str | None = None,
) -> EventData:
    """Fix an event's time (for example one flagged as dated in the future) or its note."""
    from reconcile_desktop.core.storage.models import ContactEvent, NoContactPeriod

    with vault.transaction() as s:
        e = s.get(ContactEvent, event_id)
        if e is None:
            raise InvalidInput("That event no longer exists.")
        if when is not None:
            period = _period_data(s.get(NoContactPeriod, e.period_id))
            instant = _event_instant(vault, period, when)
            e.occurred_utc = instant
            e.local_date = vault.clock.local_date_of(instant)
            e.tz = vault.clock.zone_name()
        if note is not None:
            e.note = note.strip()
        return _event_data(e)


@writes(NOCONTACT)
def delete_event(vault: Vault, event_id: int) -> None:
    from reconcile_desktop.core.storage.models import ContactEvent

    with vault.transaction() as s:
        e = s.get(ContactEvent, event_id)
        if e is not None:
            s.delete(e)


def undoable_reach_out(vault: Vault) -> EventData | None:
    """The running period's reach-out while it can still be taken back: logged within the
    same correction window as a check-in (a slip of the finger, not a rewrite of history)."""
    from reconcile_desktop.core.plans.store import CORRECTION_DAYS

    period = current_period(vault)
    if period is None:
        return None
    sent = [e for e in events(vault, period.id) if e.kind == streaks.REACHED_OUT]
    if not sent or sent[-1].local_date < vault.clock.today() - dt.timedelta(days=CORRECTION_DAYS):
        return None
    return sent[-1]


@writes(NOCONTACT)
def undo_reach_out(vault: Vault) -> None:
    event = undoable_reach_out(vault)
    if event is None:
        raise InvalidInput("There is no recent reach-out to take back.")
    delete_event(vault, event.id)


def urge_for_entry(vault: Vault, entry_id: int) -> EventData | None:
    """The urge resisted that this entry (an unsent letter) was written for, if counted."""
    E = CONTACT_EVENT
    q = (
        sa.select(E)
        .where(E.c.entry_id == entry_id, E.c.kind == streaks.URGE_RESISTED)
        .order_by(E.c.id)
        .limit(1)
    )
    with vault.connection() as c:
        row = c.execute(q).first()
    return None if row is None else _event_data(row)


def events(vault: Vault, period_id: int) -> list[EventData]:
    E = CONTACT_EVENT
    q = sa.select(E).where(E.c.period_id == period_id).order_by(E.c.occurred_utc, E.c.id)
    with vault.connection() as c:
        return [_event_data(e) for e in c.execute(q)]


def _to_streak_inputs(
    vault: Vault, period: PeriodData, rows: list[EventData]
) -> tuple[streaks.Period, list[streaks.Event]]:
    """The period and events with their dates read in the zone the user is in now."""
    p = streaks.Period(
        period.started_utc,
        period.start_date,
        period.target_days,
        period.end_date,
        period.ended_utc,
    )
    evs = [streaks.Event(e.id, e.kind, e.occurred_utc, e.local_date, e.intensity) for e in rows]
    return streaks.in_zone(p, evs, vault.clock.zone_name())


def summary(vault: Vault, period: PeriodData | None = None) -> streaks.Summary | None:
    """Today's numbers for the running (or given) period; None when there is none."""
    period = period or current_period(vault)
    if period is None:
        return None
    p, evs = _to_streak_inputs(vault, period, events(vault, period.id))
    return streaks.summarize(p, evs, vault.clock.today(), vault.clock.now())


def status_line(vault: Vault) -> str:
    s = summary(vault)
    if s is None:
        return "No contact: not tracking right now."
    return streaks.status_line(s)


def status_json(vault: Vault) -> dict:
    """Stable keys for `reconcile status --json`."""
    from reconcile_desktop.core.nocontact import boundaries

    s = summary(vault)
    if s is None:
        return {"tracking": False}
    return {
        "tracking": True,
        "days": s.direct_days,
        "target_days": s.target_days,
        "best_days": s.best_direct,
        "attempts": s.attempts_count,
        "social_media_days": s.social_days,
        "urges_this_week": s.urges_this_week,
        "target_reached": s.target_reached,
        "milestone_reached": s.milestone_reached,
        "next_milestone": s.next_milestone,
        "giving_space_days": s.giving_space_days,
        "flagged_events": len(s.flagged),
        "boundaries": boundaries.get(vault).ordered(),
    }


def urges_resisted(vault: Vault, first: dt.date, last: dt.date) -> int:
    """Urges resisted from `first` to `last` inclusive, over every period, each on its date
    where the user is now."""
    tz = vault.clock.zone_name()
    E = CONTACT_EVENT
    q = sa.select(E.c.occurred_utc).where(E.c.kind == streaks.URGE_RESISTED)
    with vault.connection() as c:
        instants = c.execute(q).scalars().all()
    return sum(first <= streaks.local_date_of(i, tz) <= last for i in instants)


def weekly_history(vault: Vault, period: PeriodData | None = None) -> list[streaks.WeekCount]:
    period = period or current_period(vault)
    if period is None:
        return []
    p, evs = _to_streak_inputs(vault, period, events(vault, period.id))
    end = p.ended_date or vault.clock.today()
    return streaks.weekly_counts(evs, p.start_date, end)
