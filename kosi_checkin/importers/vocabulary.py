"""What column headers and cell values mean: the words registration tools and offices use."""

from __future__ import annotations

import re

from kosi_checkin.domain.folding import strip_accents

# Canonical fields and the headers that name them, best first. Headers compare folded
# (lower case, no accents) and without trailing punctuation; a match must be exact.
FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "first_name": (
        "attendee name: given name", "attendee first name", "vorname", "first name", "firstname", "given name",
        "vorname teilnehmer", "vorname teilnehmende", "prenom", "nombre",
    ),
    "last_name": (
        "attendee name: family name", "attendee last name", "nachname", "familienname", "last name", "lastname",
        "surname", "family name", "name teilnehmer", "nom",
    ),
    "full_name": (
        "attendee name", "name", "vollstandiger name", "full name", "vor- und nachname", "vor und nachname",
        "vorname und nachname", "vorname nachname", "nachname, vorname", "name, vorname", "teilnehmer",
        "teilnehmerin", "teilnehmende", "teilnehmer*in", "teilnehmer/in", "ihr name", "your name",
    ),
    "title": ("attendee name: title", "titel", "title", "akademischer titel", "akad. titel", "academic title"),
    "organisation": (
        "company", "organisation", "organization", "institution", "firma", "unternehmen", "einrichtung",
        "arbeitgeber", "affiliation", "organisation / institution", "organisation/institution",
        "institution / organisation", "institution/organisation", "organisation/einrichtung",
        "institution/organisation/unternehmen", "behorde", "dienststelle", "verein", "hochschule",
        "organisation (institution)", "firma/institution", "firma / institution", "ihre organisation",
        "ihre institution", "attendee company",
    ),
    "sector": (
        "bereich", "sektor", "sector", "in welchem bereich sind sie tatig?", "in welchem bereich sind sie tatig",
        "tatigkeitsbereich", "branche", "akteursgruppe", "gesellschaftlicher bereich", "handlungsfeld",
    ),
    "email": (
        "attendee email", "attendee e-mail", "e-mail", "email", "e-mail-adresse", "e-mail adresse",
        "email address", "e-mail address", "emailadresse", "mail", "email-adresse",
    ),
    "ticket_code": ("ticket secret", "secret", "barcode #", "barcode", "barcode-nr.", "ticket code", "ticketcode",
                    "ticket-code", "ticket number", "ticket #", "ticketnummer", "ticket-nr."),
    "order_code": ("order code", "order #", "order no.", "order number", "bestellnr.", "bestellnummer",
                   "buchungsnummer", "buchungscode", "anmeldenummer"),
    "category": ("kategorie", "category", "badge category", "badge-kategorie", "teilnehmerkategorie",
                 "teilnahmekategorie"),
    "door_note": ("einlass-hinweis", "einlasshinweis", "hinweis fur den einlass", "door note", "door_note"),
    "status": ("status", "order status", "attendee status", "registration state", "registration status",
               "teilnehmerstatus", "bestellstatus", "anmeldestatus"),
}
FIELDS = ("first_name", "last_name", "title", "organisation", "sector", "email", "category", "door_note",
          "ticket_code", "order_code")

# Columns that hold free text (health, diet, wishes): never read as a canonical field.
FREE_TEXT_WORDS = ("anmerkung", "bemerkung", "kommentar", "comment", "notiz", "note", "hinweis", "wunsch",
                   "barrierefrei", "ernahrung", "allerg", "diet", "unvertraglich", "frage", "message", "nachricht")

TRUE_MARKS = frozenset({"x", "ja", "yes", "y", "j", "1", "✓", "✔", "☑", "true", "wahr", "checked", "on", "oui",
                        "teilnahme", "angemeldet", "ja, ich nehme teil"})
FALSE_MARKS = frozenset({"", "-", "–", "nein", "no", "n", "0", "false", "falsch", "☐", "✗", "off", "non"})

EXCLUDED_STATUS = frozenset({
    "canceled", "cancelled", "storniert", "storno", "withdrawn", "zuruckgezogen", "abgesagt", "refunded",
    "erstattet", "rejected", "abgelehnt", "expired", "abgelaufen", "not attending", "nimmt nicht teil",
    "deleted", "geloscht",
})

_NEGATION = re.compile(
    r"^(kein|keine|keinem|keinen|keiner|nicht|none|no|nein|ohne|n/a|-|–)\b"
    r"|\b(keinem|keinen|keiner|kein)\b|\bnicht teil\b|\bnot attend|\bno (forum|workshop|session)\b"
)


def is_negation(text: str) -> bool:
    """"Ich nehme an keinem Arbeitsforum teil", "keins", "-": a choice of no session."""
    key = strip_accents(text).strip(" .")
    return key in ("-", "–", "keins", "keine", "none", "nein", "no") or bool(_NEGATION.search(key))


def clean_header(text: str) -> str:
    """A header as compared: folded, inner spaces collapsed, trailing ':' '*' and spaces dropped."""
    return strip_accents(text).strip(" :*\t\r\n")


# Whose column it is: the attendee's ("Teilnehmer Vorname", "Attendee E-Mail", "Vorname (TN)") or
# the booker's ("Bucher Vorname", "Buyer email", "Besteller: Firma"). Gender forms folded alike.
ATTENDEE_WORDS = (
    "teilnehmer", "teilnehmerin", "teilnehmerinnen", "teilnehmende", "teilnehmenden", "teilnehmender",
    "teilnehmer*in", "teilnehmer*innen", "teilnehmer:in", "teilnehmer:innen", "teilnehmer/in", "teilnehmer/-in",
    "teilnehmer_in", "teilnehmer_innen", "teilnehmerin/teilnehmer", "tn", "attendee", "attendees", "participant",
    "ticket holder", "ticketinhaber", "ticketinhaberin", "ticketinhaber*in", "gast", "guest", "besucher",
    "besucherin", "besucher*in", "person",
)
BOOKER_WORDS = (
    "bucher", "bucherin", "bucher*in", "bucher:in", "buchende", "buchender", "buchenden", "buchungskontakt",
    "besteller", "bestellerin", "besteller*in", "besteller:in", "bestellende", "kaufer", "kauferin", "kaufer*in",
    "buyer", "purchaser", "customer", "kunde", "kundin", "rechnungsempfanger", "rechnung", "invoice", "billing",
    "auftraggeber", "auftraggeberin", "ansprechpartner", "ansprechpartnerin", "anmelder", "anmelderin",
    "anmeldende", "registrant", "contact", "kontakt", "order",
)
_ROLE_RANK = {"attendee": -1000, "": 0, "booker": 1000}  # the attendee's columns win over the booker's
_JOIN = r"\s*(?:[:\-–|/]\s*)?"


def _role_patterns() -> list[tuple[re.Pattern[str], str]]:
    patterns = []
    for role, words in (("attendee", ATTENDEE_WORDS), ("booker", BOOKER_WORDS)):
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        patterns.append((re.compile(rf"^(?:des |der |the )?(?:{alternatives})(?:s|n)?{_JOIN}(?P<rest>.*)$"), role))
        # pretix's "Name Teilnehmer*in: Vorname" ("Attendee name: Given name"): a part of the role's name
        patterns.append((re.compile(rf"^name (?:des |der )?(?:{alternatives})(?:s|n)?\s*:\s*(?P<rest>.+)$"), role))
        patterns.append((re.compile(rf"^(?P<rest>.*?)\s*(?:\((?:{alternatives})\)|{_JOIN}(?:des |der |of |the )?"
                                    rf"(?:{alternatives})(?:s|n)?)$"), role))
    return patterns


_ROLES = _role_patterns()
_REMARK = re.compile(r"\s*\((?:[^()]*)\)|\s*\[[^\]]*\]|\*")
_ASKING = re.compile(r"^(?:bitte (?:geben sie )?|ihre?n? |ihr |your |please enter (?:your )?|enter your |what is your |"
                     r"wie lautet ihre? |name der |name des |name ihrer |name of (?:your |the )?)")




def header_role(header: str) -> tuple[str, str]:
    """(role, the header without it): ("attendee", "vorname") for "Teilnehmer*in: Vorname",
    ("booker", "e-mail") for "Bucher E-Mail", ("", key) for a header without a role word."""
    key = clean_header(header)
    for candidate in dict.fromkeys((key, _REMARK.sub("", key).strip(" :?*"))):
        for pattern, role in _ROLES:
            match = pattern.match(candidate)
            if match:
                return role, match["rest"].strip(" :-–|/")
    return "", key


def header_variants(key: str) -> list[str]:
    """A header as written, then without remarks ("E-Mail (für die Bestätigung)", "Vorname *",
    "Organisation (optional)") and without the asking words of a form ("Ihre E-Mail-Adresse",
    "Name der Organisation", "What is your email address?")."""
    found = [key]
    bare = _REMARK.sub("", key).strip(" :?*")
    asked = _ASKING.sub("", bare).strip(" :?*")
    for variant in (bare, asked):
        if variant and variant not in found:
            found.append(variant)
    return found


def _lookup(key: str) -> tuple[str, int] | None:
    for field, names in FIELD_HEADERS.items():
        if key in names:
            return field, names.index(key)
    return None


def header_field(header: str) -> tuple[str, int] | None:
    """(field, rank) when a header names a canonical field; lower rank = better. A header with
    an attendee word ranks before the plain one, a booker's after it; a header that needed its
    remarks taken off after one that did not."""
    key = clean_header(header)
    role, rest = header_role(header)
    for n, variant in enumerate(header_variants(key)):
        hit = _lookup(variant)
        if hit:
            return hit[0], hit[1] + n * 50 + _ROLE_RANK[role]
    if role:
        if not rest:
            return ("full_name", _ROLE_RANK[role]) if role == "attendee" else None
        for n, variant in enumerate(header_variants(rest)):
            hit = _lookup(variant)
            if hit:
                return hit[0], hit[1] + n * 50 + _ROLE_RANK[role]
    return None


def is_free_text_header(header: str) -> bool:
    key = clean_header(header)
    return any(word in key for word in FREE_TEXT_WORDS)


def mark_value(text: str) -> bool | None:
    """True/False for a mark cell (x, ja, yes, 1, ✓ ...), None when it is no mark."""
    key = strip_accents(text).strip(" .")
    if key in TRUE_MARKS:
        return True
    if key in FALSE_MARKS:
        return False
    return None


# Rows that are not people: totals, separators between blocks of a list.
TOTAL_WORDS = frozenset({
    "summe", "summen", "gesamt", "gesamtsumme", "insgesamt", "zwischensumme", "total", "totals", "sum", "subtotal",
    "grand total", "anzahl", "count", "gesamtzahl", "ergebnis", "σ",
})
SEPARATOR_WORDS = frozenset({
    "nachmeldungen", "nachmeldung", "nachgemeldet", "warteliste", "waitlist", "waiting list", "absagen", "abgesagt",
    "stornierungen", "storniert", "referentinnen und referenten", "referent*innen", "referenten", "gaste", "guests",
    "team", "orga", "presse", "press", "vip", "ehrengaste", "sonstige", "weitere", "neu", "new",
})
