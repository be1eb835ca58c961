"""Errors a clerk can act on. Every message is complete and translated at raise time."""

from __future__ import annotations

from kosi_checkin.i18n import _


class KosiError(Exception):
    """Base of all expected errors; the message is shown to the user as is."""

    exit_code = 1


class UsageError(KosiError):
    exit_code = 2


class EventFileError(KosiError):
    """The event file is missing, unreadable or from a newer version."""

    exit_code = 2


class UnreadableFileError(KosiError):
    """An input file (registration list, template) cannot be read at all."""

    exit_code = 2


class UnknownAttendee(KosiError):
    """Attendee ids the event does not hold."""

    exit_code = 2

    @classmethod
    def of(cls, *ids: str) -> UnknownAttendee:
        return cls(_("No guest with id {id} in this event.").format(id=", ".join(ids)))


class Cancelled(KosiError):
    """The user cancelled a long-running job; nothing was written."""


class PrinterError(KosiError):
    """No printing system, an unknown printer, or a job the printing system refused."""

    exit_code = 8


class ServerUnreachable(KosiError):
    """The shared event's PostgreSQL server cannot be reached."""

    exit_code = 7


class PasswordNeeded(ServerUnreachable):
    """The server asks for a password that neither the URL nor ~/.pgpass gives (or it was wrong)."""


class EventInUse(KosiError):
    """The event file is open in KoSI Check-in on this computer (its owner), which this command
    does not run through, or which does not answer; or it is busy with commands for too long."""

    exit_code = 9
