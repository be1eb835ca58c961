"""Recognise which tool wrote a registration list by its headers."""

from __future__ import annotations

from kosi_checkin.importers.vocabulary import clean_header

FORMATS = ("pretix", "eventbrite", "indico", "google-forms", "microsoft-forms", "office-list", "generic")


def detect_format(headers: list[str]) -> str:
    h = {clean_header(x) for x in headers if x.strip()}
    first = clean_header(headers[0]) if headers else ""
    if "order code" in h and ({"attendee name", "position id", "event slug"} & h):
        return "pretix"
    if ({"attendee #", "barcode #", "attendee status"} & h) or ({"order #", "ticket type"} <= h) or (
        {"teilnehmernr.", "barcode-nr."} & h
    ):
        return "eventbrite"
    if "registration state" in h or ({"registration date", "checked in"} <= h) or (
        {"id", "affiliation"} <= h and ("registration date" in h or "name" in h)
    ):
        return "indico"
    if first in ("zeitstempel", "timestamp", "marca temporal", "horodateur"):
        return "google-forms"
    if {"start time", "completion time"} <= h or {"startzeit", "fertigstellungszeit"} <= h:
        return "microsoft-forms"
    german_person = {"vorname"} & h and ({"name", "nachname", "familienname"} & h)
    office_marks = {"anrede", "nr.", "nr", "lfd. nr.", "institution", "bereich", "organisation", "e-mail"} & h
    if german_person and office_marks:
        return "office-list"
    return "generic"
