"""Recognise which tool wrote a registration list by its headers (each modelled on the tool's
documented export or its exporter's code, in its English and German wording):

- pretix: the order data export (CSV: `pretix`; the XLSX workbook: `pretix-xlsx`), and the check-in
  list export (`pretix-checkin`: "Order code", "Attendee name", "Product", "Checked in", …, as
  pretix/plugins/checkinlists/exporters.py writes it; German "Bestellnummer", "Produkt", "Eingecheckt");
- Hi.Events' attendee export (`hi-events`: "ID", "First Name", …, "Is Checked In", "Product Name",
  "Public ID", "Short ID", as app/Exports/AttendeesExport.php writes it);
- doo's attendee export (`doo`: the booker's data "Bucher …" beside each attendee's "Teilnehmer …");
- LimeSurvey's response export (`limesurvey`: "id", "submitdate", "lastpage", "startlanguage" as
  question codes, or "Response ID", "Date submitted", "Last page" / "Antwort ID", "Datum
  Abgeschickt", "Letzte Seite" as full text; sub-questions as "Teilnahme [Werkstatt]");
- Typeform (`typeform`: "#", questions, "Start Date (UTC)", "Submit Date (UTC)", "Network ID");
- Jotform (`jotform`: "Submission Date" first, "Submission ID");
- Eventbrite, Indico, Google Forms, Microsoft Forms, office lists, and anything else (`generic`).
The format is reported; recognition itself never depends on it."""

from __future__ import annotations

from kosi_checkin.importers.vocabulary import clean_header

FORMATS = ("pretix", "pretix-xlsx", "pretix-checkin", "hi-events", "doo", "limesurvey", "typeform", "jotform",
           "eventbrite", "indico", "google-forms", "microsoft-forms", "office-list", "generic")

_LIMESURVEY_CODES = {"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "token"}
_LIMESURVEY_TEXT = {"response id", "date submitted", "last page", "start language", "antwort id", "datum abgeschickt",
                    "letzte seite", "start-sprache", "zufallsstartwert", "datum gestartet", "datum letzte aktivitat"}


def detect_format(headers: list[str], container: str = "csv") -> str:
    h = {clean_header(x) for x in headers if x.strip()}
    first = clean_header(headers[0]) if headers else ""
    order_code = bool({"order code", "bestellnummer", "bestellcode"} & h)
    attendee_name = any(x.startswith(("attendee name", "name teilnehmer", "teilnehmer*in name", "name des teilnehmers"))
                        for x in h)
    if order_code and {"product", "produkt"} & h and {"checked in", "eingecheckt"} & h:
        return "pretix-checkin"
    if "order code" in h and ({"attendee name", "position id", "event slug"} & h):
        return "pretix-xlsx" if container == "xlsx" else "pretix"
    if order_code and attendee_name and ({"position id", "positions-id", "event slug", "veranstaltungs-slug"} & h):
        return "pretix-xlsx" if container == "xlsx" else "pretix"
    if ({"public id", "short id"} <= h or {"is checked in", "product name"} <= h
            or {"offentliche id", "kurz-id"} <= h):
        return "hi-events"
    if any(x.startswith(("bucher ", "bucher/in ", "bucher*in ")) for x in h) and any(
            x.startswith(("teilnehmer ", "teilnehmer*in ", "teilnehmende ")) for x in h):
        return "doo"
    if len(_LIMESURVEY_CODES & h) >= 3 or len(_LIMESURVEY_TEXT & h) >= 3:
        return "limesurvey"
    if {"submit date (utc)", "network id"} & h or {"start date (utc)", "submit date (utc)"} <= h:
        return "typeform"
    if first in ("submission date", "einreichungsdatum", "ubermittlungsdatum") or "submission id" in h:
        return "jotform"
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
