"""The demo event: the KoSI 2019 template with ~150 fictional, deterministic guests."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from kosi_checkin.domain.folding import strip_accents
from kosi_checkin.domain.model import Attendee, AttendeeId, SessionId
from kosi_checkin.services.event_config import load_template
from kosi_checkin.services.events import create_event
from kosi_checkin.storage.db import transaction
from kosi_checkin.storage.repositories import AttendeeRepository

DEMO_SIZE = 150
SEED = 20190402

FIRST_NAMES = (
    "Özlem", "Jürgen", "Łukasz", "Zoë", "Thị Lan", "Siobhán", "Søren", "François", "Ayşe", "Dragoș", "Björn",
    "Małgorzata", "Anna-Lena", "Hannelore", "Mehmet", "Katharina", "Tobias", "Sophie", "Ngozi", "Jörg",
    "Maximiliane", "Friedrich", "Leonie", "Chiara", "Samir", "Elif", "Birgit", "Dirk", "Marie", "Ole",
    "Renée", "Agnieszka", "Paweł", "Dominik", "Fatma", "Nikolai", "Ingrid", "Hüseyin", "Sibylle", "Tunde",
    "Lea", "Jan", "Miriam", "Konstantin", "Žaneta", "Gülşen", "Matthias", "Julia", "Florian", "Wiebke",
)
LAST_NAMES = (
    "Çelik", "Weiß", "Wójcik", "van der Berg", "Nguyễn", "O'Connor", "Müller", "Schäfer", "Yılmaz",
    "Groß", "von der Beck", "Schmitz-Özdemir", "Adeyemi", "Krüger", "Hoffmann", "Nowak", "Becker",
    "Schneider", "de Krause", "Dąbrowski", "Lindqvist", "Popescu", "Zimmermann", "Köhler", "Şahin",
    "Brandt", "El-Amrani", "Voigt", "Fischer", "Öztürk", "Meyer", "Hartmann", "Kowalczyk", "Jansen",
    "Lemaître", "Richter", "Neumann", "Wagner", "Fuchs", "Bäumer",
)
TITLES = ("", "", "", "", "", "Dr.", "Dr.", "Prof. Dr.", "Dipl.-Ing.", "Prof.")
ORGANISATIONS = {
    "Verwaltung": (
        ("Stadt Wuppertal", "stadt.wuppertal.example"),
        ("Stadt Dortmund", "stadtdo.example"),
        ("Landeshauptstadt Düsseldorf", "duesseldorf.example"),
        ("Stadt Solingen", "solingen.example"),
        ("Ministerium für Heimat, Kommunales, Bau und Gleichstellung NRW", "mhkbg.nrw.example"),
    ),
    "Wissenschaft": (
        ("Wuppertal Institut für Klima, Umwelt, Energie gGmbH", "wupperinst.example"),
        ("Bergische Universität Wuppertal", "uni-wuppertal.example"),
        ("TU Dortmund, Sozialforschungsstelle", "tu-dortmund.example"),
        ("Hochschule Düsseldorf", "hs-duesseldorf.example"),
    ),
    "Unternehmen": (
        ("Bergisch Digital GmbH", "bergisch-digital.example"),
        ("Ölberg Manufaktur GmbH", "oelberg-manufaktur.example"),
        ("Elberfelder Gestaltungswerk GmbH & Co. KG", "gestaltungswerk.example"),
    ),
    "Zivilgesellschaft": (
        ("Zentrum für gute Taten e. V.", "gute-taten.example"),
        ("Utopiastadt gGmbH", "utopiastadt.example"),
        ("Freiwilligenagentur Dortmund", "fwa-dortmund.example"),
        ("Verein „Zukunft Elberfeld“ e. V.", "zukunft-elberfeld.example"),
        ("Färberei e. V.", "faerberei.example"),
    ),
}
SECTOR_WEIGHTS = (("Verwaltung", 35), ("Wissenschaft", 25), ("Unternehmen", 15), ("Zivilgesellschaft", 25))
DOOR_NOTES = ("Rollstuhl: Aufzug zeigen", "Bringt Begleitperson mit", "Hörschleife: Platz vorne anbieten")


def _email(first: str, last: str, domain: str, n: int) -> str:
    local = f"{first}.{last}".replace(" ", "").replace("'", "")
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        local = local.replace(umlaut, spelled)
    local = strip_accents(local)
    return f"{local}{n if n % 7 == 0 else ''}@{domain}"


def demo_attendees(rng: random.Random) -> list[Attendee]:
    people: list[Attendee] = []
    seen: set[tuple[str, str]] = set()
    sectors = [s for s, _w in SECTOR_WEIGHTS]
    weights = [w for _s, w in SECTOR_WEIGHTS]
    # The guest of the examples in the brief and the README.
    people.append(
        Attendee(
            id=AttendeeId(""), title="Dr.", first_name="Özlem", last_name="Çelik", organisation="Stadt Wuppertal",
            sector="Verwaltung", email="oezlem.celik@stadt.wuppertal.example",
            sessions=frozenset({SessionId("werkstatt"), SessionId("konferenz"), SessionId("forum-a"), SessionId("podium")}),
            category="Referent*in", door_note="Referent*in – bitte zum Podium",
        )
    )
    seen.add(("Özlem", "Çelik"))
    while len(people) < DEMO_SIZE:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        sector = rng.choices(sectors, weights)[0]
        organisation, domain = rng.choice(ORGANISATIONS[sector])
        sessions: set[SessionId] = set()
        if rng.random() < 0.45:
            sessions.add(SessionId("werkstatt"))
        if not sessions or rng.random() < 0.8:
            sessions.add(SessionId("konferenz"))
            forum = rng.choice(("forum-a", "forum-b", "forum-c", "forum-a", "forum-b", "forum-c", ""))
            if forum:
                sessions.add(SessionId(forum))
            if rng.random() < 0.55:
                sessions.add(SessionId("podium"))
        roll = rng.random()
        category = (
            "Referent*in" if roll < 0.05 else "Podium" if roll < 0.08 else "Team" if roll < 0.12 else
            "Presse" if roll < 0.14 else "Teilnehmende"
        )
        door_note = rng.choice(DOOR_NOTES) if rng.random() < 0.04 else ""
        if category == "Podium":
            sessions.add(SessionId("podium"))
            door_note = door_note or "Podium – bitte zur Bühne begleiten"
        people.append(
            Attendee(
                id=AttendeeId(""),
                title=rng.choice(TITLES),
                first_name=first,
                last_name=last,
                organisation=organisation,
                sector=sector,
                email=_email(first, last, domain, len(people)),
                sessions=frozenset(sessions),
                category=category,
                door_note=door_note,
                ticket_codes=(f"KOSI{1000 + len(people)}",),
            )
        )
    return people


def create_demo(path: str | Path) -> sqlite3.Connection:
    """A new event file: the kosi-2019 template and the demo guests."""
    conn = create_event(path, load_template("kosi-2019"))
    rng = random.Random(SEED)
    repo = AttendeeRepository(conn)
    with transaction(conn):
        for attendee in demo_attendees(rng):
            repo.add(attendee, code_kinds={c: "order" for c in attendee.ticket_codes}, rng=rng)
    return conn
