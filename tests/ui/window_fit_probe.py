"""Opens every main window and dialog of the app (tools/app_windows.py) on the screen Qt was
started with and prints, as JSON, where each one is and whether its buttons are reachable. Run by
test_window_fit.py in a process of its own (the screen size is fixed when Qt starts).

    python tests/ui/window_fit_probe.py LANG FOLDER"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from app_windows import each_window  # noqa: E402

from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget  # noqa: E402

lang, folder = sys.argv[1], Path(sys.argv[2])
app = QApplication.instance() or QApplication([])
screen = app.primaryScreen().availableGeometry()


def measure(name: str, widget: QWidget) -> dict[str, object]:
    import time

    widget.show()
    for _ in range(5):
        app.processEvents()
    if app.platformName() == "xcb":  # the window manager frames and places it a little later: wait till it rests
        deadline, last, steady = time.monotonic() + 3, None, 0
        while time.monotonic() < deadline and steady < 5:
            app.processEvents()
            time.sleep(0.03)
            now = widget.frameGeometry()
            framed_now = now != widget.geometry()
            steady = steady + 1 if framed_now and now == last else 0
            last = now
    frame = widget.frameGeometry()
    framed = frame.height() > widget.geometry().height()
    hint = widget.minimumSizeHint()
    cut = [b.text() or b.objectName() for b in widget.findChildren(QAbstractButton)
           if b.isVisibleTo(widget) and not widget.rect().contains(b.geometry().translated(b.parentWidget().mapTo(widget, b.pos()) - b.pos()))]
    widget.close()
    return {"name": name, "x": frame.x(), "y": frame.y(), "width": frame.width(), "height": frame.height(),
            "inside": screen.contains(frame), "min_width": hint.width(), "min_height": hint.height(),
            "cut_buttons": cut, "framed": framed}


results = [measure(name, widget) for name, widget in each_window(folder, lang)]
print(json.dumps({"screen": [screen.width(), screen.height()], "windows": results}))
