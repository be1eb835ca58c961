"""Self-service kiosk: a guest scans their own e-ticket, confirmation or badge code and gets
their badge printed (and is checked in). Only codes are taken, never names: a kiosk must not let
anyone look up who else is coming. Each badge prints once; a second one is for the desk to hand
out (it asks why)."""

from __future__ import annotations

from collections.abc import Callable

from kosi_checkin.checkin.answers import Answer, Kind
from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import Target
from kosi_checkin.domain.model import Attendee
from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _

MAX_INPUT = 200  # longer input is not a code (a scanner left running, a cat on the keyboard)


@dataclass(frozen=True)
class KioskStep:
    answer: Answer
    print_for: Attendee | None = None  # whose badge to print now


class Kiosk:
    def __init__(self, desk: Desk, times_printed: Callable[[str], int]) -> None:
        self.desk = desk
        self.times_printed = times_printed

    def handle(self, text: str, target: Target) -> KioskStep:
        text = text.strip()
        if not text:
            return KioskStep(Answer(Kind.PROMPT, _("Please scan your code.")))
        if len(text) > MAX_INPUT or not self.desk.reads_as_code(text):
            return KioskStep(Answer(Kind.UNKNOWN, _("Please scan the QR code of your ticket or confirmation."),
                                    _("Names cannot be searched here. If you have no code, please go to the desk.")))
        found = self.desk.identify(text)
        if isinstance(found, Answer):
            if found.kind is Kind.CHOOSE:
                return KioskStep(Answer(Kind.ALREADY_PRINTED, _("Please go to the desk."),
                                        _("This code belongs to several guests.")))
            return KioskStep(Answer(found.kind, _("Code not recognised."), _("Please go to the desk.")))
        if self.times_printed(found.id) > 0:
            return KioskStep(Answer(Kind.ALREADY_PRINTED, _("Your badge has been printed already."),
                                    _("Please go to the desk if you need a new one."), attendee=found))
        admitted = self.desk.check_in(found.id, target)
        detail = _("Your badge is being printed …")
        if admitted.kind is Kind.NOT_REGISTERED:
            detail += " " + _("You are not registered for {session}: please go to the desk.").format(
                session=target.label)
        return KioskStep(Answer(Kind.PRINTING, _("Welcome, {name}!").format(name=found.display_name), detail,
                                attendee=found), print_for=found)
