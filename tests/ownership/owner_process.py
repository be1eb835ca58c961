"""An owner of an event for the tests, without a window: the app's ownership (lock + hand-over
server) in a real Qt event loop, optionally making check-ins of its own and opening and closing
the event's files in a loop (what a file dialog does, which drops SQLite's fcntl locks).

    python owner_process.py EVENT STOPFILE [--checkins N --acks FILE] [--hazard]

Prints "READY <pid>", then "REQUEST <json>" for each second start handed over; ends when
STOPFILE exists (and its own check-ins are done)."""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kosi_checkin.checkin.desk import Desk  # noqa: E402
from kosi_checkin.checkin.targets import by_key  # noqa: E402
from kosi_checkin.services.events import open_event  # noqa: E402
from kosi_checkin.ui.app import finish  # noqa: E402
from kosi_checkin.ui.ownership import registry  # noqa: E402


class Recorder:
    def show_main(self, location: object) -> None:
        print("REQUEST " + json.dumps({"op": "gui", "event": str(location)}), flush=True)

    def open_desk(self, location: object, session: object, name: object, mode: str, fullscreen: bool) -> None:
        if session:  # as the app's own launcher does: an unknown session is the asker's error (exit 2)
            from kosi_checkin.checkin.clock import event_clock
            from kosi_checkin.checkin.targets import resolve_target

            conn, event = open_event(str(location))
            conn.close()
            resolve_target(event, str(session), event_clock(event.timezone)())
        print("REQUEST " + json.dumps({"op": "desk", "event": str(location), "session": session, "name": name,
                                       "mode": mode, "fullscreen": fullscreen}), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("event")
    parser.add_argument("stop")
    parser.add_argument("--checkins", type=int, default=0)
    parser.add_argument("--acks")
    parser.add_argument("--hazard", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    registry().launcher = Recorder()
    owner = registry().claim(Path(args.event))
    conn, event = open_event(args.event)
    desk = Desk(conn, event, "Owner")
    owner.journal_changed.connect(desk.refresh)
    rng = random.Random(args.seed)
    guests = sorted(desk.guests)
    sessions = [s.id for s in event.sessions]
    files = [args.event, args.event + "-wal", args.event + "-shm"]
    acks = os.open(args.acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT) if args.acks else None
    left = [args.checkins]

    def step() -> None:
        if args.hazard:  # what a file dialog did: each close drops this process's fcntl locks
            for name in files:
                try:
                    os.close(os.open(name, os.O_RDONLY))
                except FileNotFoundError:
                    pass
        if left[0] > 0:
            left[0] -= 1
            guest, session = rng.choice(guests), rng.choice(sessions)
            answer = desk.check_in(guest, by_key(event, session), force=True)  # type: ignore[arg-type]
            if answer.kind.code == "welcome" and acks is not None:
                for s in answer.sessions:
                    os.write(acks, f"ACK {guest} {s.id}\n".encode())
        if left[0] <= 0 and Path(args.stop).exists():
            timer.stop()
            app.quit()

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(step)
    timer.start()
    print(f"READY {os.getpid()}", flush=True)
    try:
        return app.exec()
    finally:
        conn.close()
        finish(app)


if __name__ == "__main__":
    sys.exit(main())
