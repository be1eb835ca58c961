"""A grammar of registration lists as tools and offices write them, with the truth known: who is
on the list, with which title, sessions and category. Used by the generative tests and by
bench/bench_import_recovery.py. Every choice is drawn from ``random.Random(seed)``.

What varies: header synonyms and abbreviations in German and English (gender forms, attendee
prefixes, booker columns beside the attendee's), names in two cells or one ("Becker, Anna",
titles inside or in their own column, salutations), session marks (x, 1, ja, ✓ …, sparse) or
choice texts, the parallel forums as letters, numbers or names, categories in other words, column
order, noise rows (title rows above the header, ids under it, blank, shifted, separators,
totals), encodings, delimiters, CSV or XLSX."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ["Anna", "Jürgen", "Özlem", "Hans-Georg", "Eva", "Jörg", "Marie-Luise", "Tim", "Ute", "Björn", "Chiara",
         "Mehmet", "Sophie", "Lars", "Agnieszka", "Kerstin", "Friedrich", "Zoë", "Ümit", "Lena", "Paul", "Ines"]
LAST = ["Becker", "Weiß", "Çelik", "von Bülow", "Krause", "Öztürk", "Schäfer", "Müller-Lüdenscheidt", "Roth",
        "van der Berg", "Nowak", "Hoffmann", "de la Cruz", "Schmidt", "Lange", "Zimmermann", "Kühn", "Wagner",
        "Yılmaz", "Brandt", "Fischer", "Groß"]
ORGS = ["Stadt Wuppertal", "Wuppertal Institut", "Zentrum für gute Taten e. V.", "Bergische Universität",
        "Jobcenter Wuppertal", "Stadtwerke GmbH", "Nachbarschaftsheim e. V.", "Ministerium für Heimat NRW"]
TITLES = ["", "", "", "Dr.", "Prof. Dr.", "Dr.-Ing.", "Prof."]

# (session id, header words that name it, choice texts that name it)
SESSIONS = {
    "werkstatt": (["Werkstatt", "4. Werkstatt Verstetigung", "Teilnahme Werkstatt", "Werkstatt (vormittags)",
                   "Teilnahme[Werkstatt]", "Workshop Werkstatt"], ["Werkstatt", "4. Werkstatt Verstetigung"]),
    "konferenz": (["Konferenz", "Abschlusskonferenz", "Teilnahme Konferenz", "Teilnahme[Abschlusskonferenz]",
                   "Konferenz (nachmittags)"], ["Abschlusskonferenz", "Konferenz"]),
    "podium": (["Podium", "Podiumsdiskussion", "Teilnahme Podium"], ["Podiumsdiskussion", "Podium"]),
}
FORUMS = ["forum-a", "forum-b", "forum-c"]
FORUM_HEADERS = ["Forum", "AF", "Arbeitsforum", "Arbeitsforen", "Welches Arbeitsforum?", "Arbeitsforum (A/B/C)"]
FORUM_VALUES = {  # style -> forum id -> text
    "letter": {"forum-a": "A", "forum-b": "B", "forum-c": "C"},
    "lower": {"forum-a": "a", "forum-b": "b", "forum-c": "c"},
    "number": {"forum-a": "1", "forum-b": "2", "forum-c": "3"},
    "short": {"forum-a": "Forum A", "forum-b": "Forum B", "forum-c": "Forum C"},
    "title": {"forum-a": "Arbeitsforum A: Kooperation von Verwaltung und Zivilgesellschaft",
              "forum-b": "Arbeitsforum B: Reallabore und Experimentierräume in der Stadtentwicklung",
              "forum-c": "Arbeitsforum C: Verstetigung und Transfer sozialer Innovationen"},
}
CATEGORIES = {  # the event's category -> how lists write it
    "Teilnehmende": ["Teilnehmer", "Teilnehmerin", "Teilnehmende", "Participant", "Gast", "Standard"],
    "Referent*in": ["Referentin", "Referent", "Referent*in", "Speaker", "Referent:in", "Vortragende"],
    "Podium": ["Podium", "Podiumsgast", "Panel"],
    "Presse": ["Presse", "Press", "Journalistin"],
    "Team": ["Team", "Orga", "Staff"],
}

HEADERS = {
    "de": {
        "first": ["Vorname", "Vorname Teilnehmer*in", "Teilnehmer Vorname", "Vorname (TN)", "TN-Vorname",
                  "Teilnehmende: Vorname"],
        "last": ["Nachname", "Name", "Familienname", "Teilnehmer Nachname", "Nachname (Teilnehmer*in)"],
        "full": ["Name", "Vor- und Nachname", "Name Teilnehmer*in", "Teilnehmer*in", "Teilnehmende"],
        "title": ["Titel", "Akad. Titel", "Akademischer Titel"],
        "org": ["Organisation", "Institution", "Einrichtung", "Organisation / Institution", "Firma",
                "Teilnehmer Organisation"],
        "email": ["E-Mail", "E-Mail-Adresse", "Email", "Teilnehmer E-Mail", "Mail"],
        "category": ["Kategorie", "Teilnehmerkategorie", "Teilnahmekategorie"],
        "salutation": ["Anrede"],
        "choice": ["Teilnahme an", "Ich nehme teil an", "Veranstaltungsteile", "Auswahl"],
        "booker": ["Bucher Vorname", "Bucher Nachname", "Bucher E-Mail", "Besteller Firma"],
        "salutations": ["Frau", "Herr", "Divers"],
        "and": [" und ", ", ", "; "],
    },
    "en": {
        "first": ["First name", "First Name", "Attendee first name", "Given name", "Attendee name: Given name"],
        "last": ["Last name", "Surname", "Attendee last name", "Family name", "Attendee name: Family name"],
        "full": ["Name", "Full name", "Attendee name", "Your name"],
        "title": ["Title", "Academic title"],
        "org": ["Company", "Organisation", "Organization", "Affiliation", "Attendee company"],
        "email": ["Email", "E-mail", "Email address", "Attendee email"],
        "category": ["Category", "Badge category"],
        "salutation": ["Salutation"],
        "choice": ["Sessions", "Which sessions will you attend?", "Attending"],
        "booker": ["Buyer first name", "Buyer last name", "Buyer email", "Buyer company"],
        "salutations": ["Ms", "Mr", "Mx"],
        "and": [", ", " and ", "; "],
    },
}
MARKS_TRUE = ["x", "X", "1", "ja", "Ja", "yes", "✓"]
MARKS_FALSE = ["", "", "", "nein", "0", "-"]


@dataclass
class Guest:
    title: str
    first: str
    last: str
    organisation: str
    email: str
    sessions: set[str]
    category: str = ""


@dataclass
class GeneratedList:
    path: Path
    guests: list[Guest]  # the truth: who must be imported, with what
    has_category: bool
    shape: list[str] = field(default_factory=list)  # what the grammar chose (for a failure's message)


def _guest(rng: random.Random, n: int, used: set[tuple[str, str]]) -> Guest:
    while True:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if (first, last) not in used:
            used.add((first, last))
            break
        first = f"{first}{n}"
        if (first, last) not in used:
            used.add((first, last))
            break
    sessions = {s for s in SESSIONS if rng.random() < 0.5}
    if rng.random() < 0.6:
        sessions.add(rng.choice(FORUMS))
    email = f"{first.lower()}.{n}@example.org".replace("ü", "ue").replace("ö", "oe").replace("ä", "ae")
    email = "".join(c for c in email if c.isascii())
    return Guest(rng.choice(TITLES), first, last, rng.choice(ORGS), email, sessions,
                 rng.choice(list(CATEGORIES)))


def generate(seed: int, folder: Path) -> GeneratedList:
    rng = random.Random(seed)
    lang = rng.choice(["de", "de", "en"])
    words = HEADERS[lang]
    used: set[tuple[str, str]] = set()
    guests = [_guest(rng, n, used) for n in range(rng.randint(4, 24))]
    shape = [lang]
    columns: list[tuple[str, object]] = []  # (header, how to fill a guest's cell)

    split_names = rng.random() < 0.6
    title_column = rng.random() < 0.5
    prefixed = rng.random() < 0.3  # attendee columns named as such, with the booker's beside them
    if split_names:
        first_header = rng.choice(words["first"])
        last_choices = [h for h in words["last"] if not (h == "Name" and first_header.startswith("Teilnehmer"))]
        columns.append((first_header, "first"))
        columns.append((rng.choice(last_choices), "last"))
        shape.append("split names")
    else:
        style = rng.choice(["first last", "last, first"])
        columns.append((rng.choice(words["full"]), "full:" + style))
        shape.append(f"full name ({style})")
    if title_column:
        columns.append((rng.choice(words["title"]), "title"))
    shape.append("title column" if title_column else "titles in the name")
    if rng.random() < 0.3:
        columns.append((rng.choice(words["salutation"]), "salutation"))
    columns.append((rng.choice(words["org"]), "org"))
    columns.append((rng.choice(words["email"]), "email"))
    if prefixed:
        for header in words["booker"]:
            columns.append((header, "booker"))
        shape.append("booker columns")
    session_style = rng.choice(["marks", "marks", "choice"])
    shape.append(f"sessions as {session_style}")
    if session_style == "marks":
        true_mark, false_mark = rng.choice(MARKS_TRUE), rng.choice(MARKS_FALSE)
        for sid, (headers, _texts) in SESSIONS.items():
            columns.append((rng.choice(headers), ("mark", sid, true_mark, false_mark)))
    else:
        joiner = rng.choice(words["and"])
        columns.append((rng.choice(words["choice"]), ("choice", joiner)))
    forum_style = rng.choice(list(FORUM_VALUES))
    columns.append((rng.choice(FORUM_HEADERS) if forum_style != "title" else rng.choice(FORUM_HEADERS[:3]),
                    ("forum", forum_style)))
    shape.append(f"forums as {forum_style}")
    has_category = rng.random() < 0.4
    if has_category:
        columns.append((rng.choice(words["category"]), "category"))
    if rng.random() < 0.3:
        columns.append(("Anmerkungen" if lang == "de" else "Comments", "comment"))
    head, rest = columns[:1], columns[1:]
    rng.shuffle(rest)
    columns = head + rest if rng.random() < 0.5 else rest[:1] + head + rest[1:]

    salutation = rng.choice(words["salutations"])

    def cell(guest: Guest, how: object) -> str:
        if how == "first":
            return guest.first if title_column or not guest.title else f"{guest.title} {guest.first}"
        if how == "last":
            return guest.last
        if isinstance(how, str) and how.startswith("full:"):
            titles = "" if title_column or not guest.title else guest.title + " "
            if how == "full:first last":
                return f"{titles}{guest.first} {guest.last}"
            return f"{guest.last}, {titles}{guest.first}"
        if how == "title":
            return guest.title
        if how == "salutation":
            return salutation
        if how == "org":
            return guest.organisation
        if how == "email":
            return guest.email
        if how == "booker":
            return "Sekretariat"
        if how == "category":
            return rng.choice(CATEGORIES[guest.category])
        if how == "comment":
            return rng.choice(["", "vegetarisch", "kommt später", "Rollstuhl"])
        assert isinstance(how, tuple)
        if how[0] == "mark":
            return how[2] if how[1] in guest.sessions else how[3]
        if how[0] == "choice":
            texts = [rng.choice(SESSIONS[s][1]) for s in SESSIONS if s in guest.sessions]
            return how[1].join(texts)
        forum = next((s for s in guest.sessions if s in FORUMS), None)
        return FORUM_VALUES[how[1]][forum] if forum else ""

    header = [h for h, _how in columns]
    rows: list[list[str]] = []
    truth: list[Guest] = []
    for guest in guests:
        rows.append([cell(guest, how) for _h, how in columns])
        truth.append(guest)
    if not has_category:
        for guest in truth:
            guest.category = ""
    noise: list[str] = []
    above: list[list[str]] = []
    if rng.random() < 0.3:
        above = [["Anmeldungen KoSI-Lab, Stand 27.03.2019"] + [""] * (len(header) - 1), [""] * len(header)]
        noise.append("title rows")
    if rng.random() < 0.2:
        rows.insert(0, [f"q{i + 1}" if i % 2 else f"Q{i + 1:02d}" for i in range(len(header))])
        noise.append("id row")
    if rng.random() < 0.3 and len(rows) > 3:
        rows.insert(rng.randint(1, len(rows) - 1), [""] * len(header))
        noise.append("blank row")
    if rng.random() < 0.25 and len(truth) > 3:
        victim = rng.randrange(len(truth))
        index = next(i for i, r in enumerate(rows) if r[columns.index(next(c for c in columns if c[1] == "email"))]
                     == truth[victim].email)
        rows[index] = rows[index] + ["verschoben", "noch eine Zelle"]
        truth.pop(victim)
        noise.append("shifted row")
    if rng.random() < 0.2 and len(rows) > 2:
        separator = [""] * len(header)
        separator[0] = rng.choice(["Nachmeldungen", "Warteliste:", "--- Nachmeldungen ---"])
        rows.insert(rng.randint(1, len(rows)), separator)
        noise.append("separator row")
    if rng.random() < 0.3:
        totals = [""] * len(header)
        totals[0] = rng.choice(["Summe", "Gesamt", "Total", "Summe:"])
        for i, (_h, how) in enumerate(columns):
            if isinstance(how, tuple) and how[0] == "mark":
                totals[i] = str(sum(1 for g in truth if how[1] in g.sessions))
        rows.append(totals)
        noise.append("totals row")
    shape += noise

    container = rng.choice(["csv", "csv", "xlsx"])
    table = above + [header] + rows
    if container == "xlsx":
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for line in table:
            sheet.append([value if value != "" else None for value in line])
        path = folder / f"list-{seed}.xlsx"
        workbook.save(path)
        shape.append("xlsx")
    else:
        delimiter = rng.choice([";", ",", "\t"])
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=rng.choice(["\r\n", "\n"])).writerows(table)
        text = buffer.getvalue()
        encodings = ["utf-8", "utf-8-sig", "utf-16"]
        try:
            text.encode("cp1252")
            encodings.append("cp1252")
        except UnicodeEncodeError:
            pass
        encoding = rng.choice(encodings)
        path = folder / f"list-{seed}.csv"
        path.write_bytes(text.encode(encoding))
        shape.append(f"csv {encoding} {delimiter!r}")
    return GeneratedList(path, truth, has_category, shape)


def compare(generated: GeneratedList, people: list[object]) -> dict[str, int]:
    """Counts of what was recovered: guests found (by name), and of those, right titles,
    sessions and categories; plus guests imported that are not in the truth."""
    found = {(p.values.get("first_name", ""), p.values.get("last_name", "")): p for p in people}  # type: ignore[attr-defined]
    score = {"guests": len(generated.guests), "found": 0, "titles": 0, "sessions": 0, "categories": 0,
             "strays": max(0, len(found) - len(generated.guests))}
    for guest in generated.guests:
        person = found.get((guest.first, guest.last))
        if person is None:
            continue
        score["found"] += 1
        score["titles"] += person.values.get("title", "") == guest.title  # type: ignore[attr-defined]
        score["sessions"] += set(person.sessions) == guest.sessions  # type: ignore[attr-defined]
        score["categories"] += person.values.get("category", "") == guest.category  # type: ignore[attr-defined]
    return score
