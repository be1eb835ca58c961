"""The main window's guest list at 100,000 guests (issue 19). Run: .venv/bin/python bench/bench_main_window.py

With a real main window (offscreen, 1366x768) on a real event file of generated guests:
- opening the event until the list is shown, and the longest the window did not answer meanwhile
  (above 10,000 guests the list is read and made on a worker);
- a filter keystroke to the repainted list (the key's events and the event loop's round that
  lays out and paints the list), typed key by key with explicit time stamps (no
  sleeps: the figure does not depend on the machine's load), for names as they are typed
  ("S", "Sc", … "Schmidt") and with a typo; first while the search index is still being built
  on a worker, then with it and the short words' rows (made on a worker while nobody types);
  medians over all keystrokes, over those of the words of four letters or more (where typos
  are forgiven), and by the letter of the word typed.
Target: keystroke -> repainted list < 10 ms at 100,000 guests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import subprocess  # noqa: E402

from bench_desk import make_event, peak_rss_mb, type_char  # noqa: E402
from bench_foundation import machine  # noqa: E402

QUERIES = ["Schmidt", "Müller", "Wuppertal", "Hoffmann", "Schmidd", "Krüger", "Weber Stadt", "Öztürk", "Lang"]


class PaintCounter:
    """Counts the paint events of a widget: a keystroke is timed until the list is painted
    once, as the event loop paints it for a user. (Up to session 12 the list was repainted by
    force right after the key, before the view had laid out the new rows: it was then painted
    twice, and the figure held a paint no user waits for.)"""

    def __init__(self, widget) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
                if watched is widget and event.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self._filter = Filter()
        widget.installEventFilter(self._filter)


def window_memory(path: Path, guests: int) -> float:
    """Peak memory (MB) of a process that opens the event in the main window and waits until the
    list, its search index and its short words' rows are made (run on its own: the event's
    generation in the benchmark's process would count)."""
    from kosi_checkin.config import Settings
    from kosi_checkin.ui.app import create_application
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.main_window import MainWindow

    app = create_application("de")
    window = MainWindow(AppContext(Settings()))
    window.resize(1366, 768)
    window.show()
    window.open_event(path)
    while (window.loading or window.model is None or window.model.total < guests or not window.model.index_is_ready
           or not window.model.short_words_are_looked_up):
        app.processEvents()
        time.sleep(0.005)
    window.close()
    return peak_rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--guests", type=int, default=100_000)
    parser.add_argument("--memory", metavar="EVENT", help=argparse.SUPPRESS)  # the child that measures memory
    options = parser.parse_args()
    guests = options.guests
    if options.memory:
        print(f"{window_memory(Path(options.memory), guests):.0f}")
        return
    from kosi_checkin.config import Settings
    from kosi_checkin.ui.app import create_application
    from kosi_checkin.ui.context import AppContext
    from kosi_checkin.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        os.environ["KOSI_CONFIG_DIR"] = str(Path(folder) / "config")
        path = Path(folder) / "big.kosi"
        make_event(path, guests)
        app = create_application("de")
        window = MainWindow(AppContext(Settings()))
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        start = time.perf_counter()
        window.open_event(path)
        back = time.perf_counter() - start  # the window answers again (a big list loads on a worker)
        stalls, last = [back], time.perf_counter()
        while window.loading or window.model is None or window.model.total < guests:
            app.processEvents()
            now = time.perf_counter()
            stalls.append(now - last)  # the event loop's longest round while the list loads
            last = now
            time.sleep(0.001)
        app.processEvents()
        opened = time.perf_counter() - start
        viewport, stamp = window.table.viewport(), [0]
        paints = PaintCounter(viewport)

        by_length: dict[int, list[float]] = {}  # by the length of the word being typed (4: four or more)

        def type_queries() -> tuple[list[float], list[float]]:
            every, long_words = [], []
            by_length.clear()
            for query in QUERIES:
                window.search.clear()
                app.processEvents()
                for char in query:
                    began = time.perf_counter()
                    type_char(window.search, char, stamp)
                    before = paints.count
                    app.processEvents()  # the view lays the rows out and paints them, as for a user
                    if paints.count == before:  # not painted in that round: paint now
                        viewport.repaint()
                    every.append(time.perf_counter() - began)
                    if len(window.search.text().split()[-1]) >= 4:
                        long_words.append(every[-1])
                    by_length.setdefault(min(4, len(window.search.text().split()[-1])), []).append(every[-1])
            return every, long_words

        assert window.model is not None
        building = type_queries() if not window.model.index_is_ready else ([], [])
        while not (window.model.index_is_ready and window.model.short_words_are_looked_up):  # both made on workers
            app.processEvents()
            time.sleep(0.005)
        every, long_words = type_queries()
        window.search.setText("Schmidd")
        app.processEvents()
        found = [window.model.row(i).attendee.last_name.lower() for i in range(window.model.rowCount())]
        assert found and all("schmi" in name for name in found), found[:5]  # Schmidt, Müller-Schmidt, Schmitt
        window.close()
        memory = subprocess.run([sys.executable, __file__, "--guests", str(guests), "--memory", str(path)], check=True,
                                capture_output=True, text=True, env={**os.environ}).stdout.split()[-1]

    ms = lambda values: f"{statistics.median(values) * 1000:.1f} ms" if values else "-"  # noqa: E731
    print(f"Machine: {machine()}")
    print(f"{guests:,} guests; keystrokes of {', '.join(QUERIES)}\n")
    print(f"{'measure':<70} {'figure':>10}  target")
    print(f"{'open the event until the list is shown':<70} {opened:>8.2f} s  -")
    print(f"{'  the window not answering meanwhile, longest':<70} {max(stalls) * 1000:>7.0f} ms  -")
    print(f"{'filter keystroke -> repainted list, median of all':<70} {ms(every):>10}  < 10 ms")
    print(f"{'the same, words of four letters or more (typos forgiven)':<70} {ms(long_words):>10}  < 10 ms")
    for length, label in ((1, "the first letter of a word"), (2, "its second"), (3, "its third")):
        print(f"{'  the same, ' + label:<70} {ms(by_length.get(length, [])):>10}  < 10 ms")
    print(f"{'all keystrokes, slowest':<70} {max(every) * 1000:>7.1f} ms  -")
    print(f"{'while the search index is built on a worker, median':<70} {ms(building[0]):>10}  -")
    print(f"{'peak memory, list, search index and short words made':<70} {memory:>7} MB  -")


if __name__ == "__main__":
    main()
