"""A desk without a window, as a separate process (the tests and bench/bench_desks.py start
several): it opens the shared event like the desk window does (a lasting local copy, offline
allowed), keeps the copy live with the sync loop on a thread, scans the guests it is given at a
steady rate, and reports on stdout:

    ACK <uuid> <guest> <t_answer>       green: checked in (the server admitted it, or queued offline)
    AMBER <guest> <desk> <t_answer>     already checked in (at the desk named)
    SEEN <uuid> <t_seen>                an entry of another desk arrived in this desk's copy
    LAT <seconds>                       scan → answer
    DONE <queued>                       finished; how many check-ins still wait in the outbox

Run: python desk_process.py URL DESK_NAME RATE GUEST_ID...   (with its own KOSI_DATA_DIR)"""

from __future__ import annotations

import sys
import threading
import time

from kosi_checkin.checkin.desk import Desk
from kosi_checkin.checkin.targets import by_key
from kosi_checkin.services.events import open_event
from kosi_checkin.shared.session import cache_path
from kosi_checkin.shared.sync import SyncLoop


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    url, name, rate, guests = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
    assert "PySide6" not in sys.modules
    conn, event = open_event(url, desk=True)
    desk = Desk(conn, event, name)
    target = by_key(event, "werkstatt")
    loop = SyncLoop(url, cache_path(url))
    stop = threading.Event()
    seen_before = {r[0] for r in conn.execute("SELECT uuid FROM journal")}
    last_seq = [int(conn.execute("SELECT coalesce(max(seq), 0) FROM journal").fetchone()[0])]

    mine: set[str] = set()
    lock = threading.Lock()

    def on_round(_round: object) -> None:  # on the sync thread, with its own connection
        rows = loop.conn.execute("SELECT seq, uuid FROM journal WHERE seq > ? ORDER BY seq", (last_seq[0],)).fetchall()
        if rows:
            last_seq[0] = rows[-1][0]
        for _seq, uuid in rows:
            with lock:
                if uuid not in seen_before and uuid not in mine:
                    seen_before.add(uuid)
                    say(f"SEEN {uuid} {time.time():.6f}")

    worker = threading.Thread(target=loop.run, args=(on_round, stop.is_set), daemon=True)
    worker.start()
    say("READY")
    sys.stdin.readline()  # the test starts all desks at once
    period = 1.0 / rate
    next_scan = time.monotonic()
    for guest in guests:
        time.sleep(max(0.0, next_scan - time.monotonic()))
        next_scan += period
        start = time.perf_counter()
        answer = desk.check_in(guest, target)
        took = time.perf_counter() - start
        say(f"LAT {took:.6f}")
        if answer.kind.code == "welcome":
            for session in answer.sessions:
                entry = desk.presence.entry(guest, session.id)
                with lock:
                    mine.add(entry.uuid)  # type: ignore[union-attr]
                say(f"ACK {entry.uuid} {guest} {time.time():.6f}")  # type: ignore[union-attr]
        elif answer.kind.code == "already" and answer.earlier is not None:
            say(f"AMBER {guest} {answer.earlier.desk.replace(' ', '_')} {time.time():.6f}")
    deadline = time.monotonic() + 30  # wait for the outbox to empty (the server may be coming back)
    while time.monotonic() < deadline and conn.execute("SELECT count(*) FROM outbox").fetchone()[0]:
        time.sleep(0.2)
    time.sleep(2.0)  # go on watching the others for a moment
    say(f"DONE {conn.execute('SELECT count(*) FROM outbox').fetchone()[0]}")
    stop.set()
    worker.join(5)
    conn.shared.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
