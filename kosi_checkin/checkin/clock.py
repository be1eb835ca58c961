"""The desk's clock: the real time in the event's time zone, or ``KOSI_NOW`` for tests and
rehearsals (ISO 8601; without an offset it is read in the event's time zone)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from zoneinfo import ZoneInfo

from kosi_checkin.domain.errors import UsageError
from kosi_checkin.i18n import _

Clock = Callable[[], dt.datetime]  # returns an aware datetime


def parse_now(text: str, tz: ZoneInfo) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise UsageError(_("KOSI_NOW={value!r} is not an ISO 8601 time such as 2019-04-02T09:42:00+02:00.").format(
            value=text)) from exc
    return (moment if moment.tzinfo else moment.replace(tzinfo=tz)).astimezone(tz)


def event_clock(timezone: str, fixed: str | None = None) -> Clock:
    """The clock a desk uses; ``KOSI_NOW`` is read once, so a rehearsal's time stands still.
    ``fixed``: another process's KOSI_NOW instead of this one's ("": the real time)."""
    tz = ZoneInfo(timezone)
    if fixed is None:
        fixed = os.environ.get("KOSI_NOW")
    if fixed:
        moment = parse_now(fixed, tz)
        return lambda: moment
    return lambda: dt.datetime.now(tz)
