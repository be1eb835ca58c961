"""The kiosk's decisions without a window: codes only (never names), each badge once, the guest
checked in, refusals sent to the desk; and the one-badge service it prints with."""

from __future__ import annotations

from pathlib import Path

from kosi_checkin.checkin.answers import Kind
from kosi_checkin.checkin.kiosk import Kiosk
from kosi_checkin.services.badge_on_demand import OnDemandBadges, reason_text
from kosi_checkin.storage.repositories import BadgePrintRepository

from .test_desk import clock, demo_path, desk, guest, target  # noqa: F401 (fixtures)


def test_kiosk_takes_codes_prints_once_and_checks_in(desk, tmp_path: Path) -> None:
    badges = OnDemandBadges(desk.conn, desk.event, desk.name, folder=tmp_path)  # no printer: PDFs
    kiosk = Kiosk(desk, badges.times_printed)
    celik = guest(desk, "Çelik", "Özlem")
    werkstatt = target(desk, "werkstatt")
    step = kiosk.handle(desk.code_of(celik.id).lower(), werkstatt)  # lower case scans as well
    assert step.print_for == celik and step.answer.kind is Kind.PRINTING
    assert desk.presence.entry(celik.id, "werkstatt") is not None
    produced = badges.print_badge(step.print_for)
    assert produced.path is not None and produced.path.read_bytes().startswith(b"%PDF")
    again = kiosk.handle(desk.code_of(celik.id), werkstatt)
    assert again.print_for is None and again.answer.kind is Kind.ALREADY_PRINTED


def test_kiosk_refuses_names_forgeries_and_noise(desk, tmp_path: Path) -> None:
    badges = OnDemandBadges(desk.conn, desk.event, desk.name, folder=tmp_path)
    kiosk = Kiosk(desk, badges.times_printed)
    werkstatt = target(desk, "werkstatt")
    code = desk.code_of(guest(desk, "Çelik", "Özlem").id)
    forged = code[:-1] + ("A" if code[-1] != "A" else "B")
    for text in ("Çelik", "Özlem Çelik", forged, "", "x" * 5000, "\x00\x1b[2J"):
        step = kiosk.handle(text, werkstatt)
        assert step.print_for is None, text
        assert step.answer.kind in (Kind.UNKNOWN, Kind.ALTERED, Kind.PROMPT), text
        assert "Çelik" not in step.answer.title + step.answer.detail  # nothing about anyone
    assert BadgePrintRepository(desk.conn).print_counts() == {}


def test_not_registered_guest_gets_the_badge_and_is_sent_to_the_desk(desk, tmp_path: Path) -> None:
    badges = OnDemandBadges(desk.conn, desk.event, desk.name, folder=tmp_path)
    kiosk = Kiosk(desk, badges.times_printed)
    someone = next(g for g in desk.guests.values() if "werkstatt" not in g.sessions)
    step = kiosk.handle(desk.code_of(someone.id), target(desk, "werkstatt"))
    assert step.print_for == someone and "Einlass" in step.answer.detail
    assert desk.presence.entry(someone.id, "werkstatt") is None


def test_reprint_reasons_are_kept_in_words() -> None:
    assert reason_text("lost") == "verloren"
    assert reason_text("other", "Hund hat es gefressen") == "Sonstiges: Hund hat es gefressen"
