"""Build the application: QApplication, translations, the context, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from kosi_checkin.config import load_settings
from kosi_checkin.domain.errors import KosiError
from kosi_checkin.i18n import LANGUAGES, set_language
from kosi_checkin.paths import resource_path
from kosi_checkin.ui.context import AppContext, bring_to_front
from kosi_checkin.ui.gui_gc import collect_on_gui_thread
from kosi_checkin.ui.ownership import HandedOver, registry
from kosi_checkin.ui.qt_language import use_qt_language

GUI_SWITCH_INTERVAL = 0.0002  # seconds


def create_application(lang: str) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("KoSI Check-in")
    app.setOrganizationName("KoSI")
    app.setDesktopFileName("de.kosi_lab.KosiCheckin")
    app.setWindowIcon(QIcon(str(resource_path("icons", "kosi-checkin-256.png"))))
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    app.setFont(font)
    use_qt_language(lang)
    collect_on_gui_thread(app)  # never a window deleted on a worker thread (ui/gui_gc.py)
    # A busy Python worker (the name search of a big event, an import) hands the interpreter's
    # lock to the GUI thread after at most this long; Python's 5 ms made every key event of a
    # scan wait for it (one scan 1.1 s while a 100,000-guest search was built; 0.2 ms: 40 ms,
    # as without the worker). An idle GUI thread does not ask for the lock: no cost then.
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    return app


class Windows:
    """The app's answer to a second start (see ui/ownership.py): raise the main window on the
    event, or open a desk, kiosk or print station on it."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.open: list[QWidget] = []  # the windows opened here, kept until they are gone

    def keep(self, window: QWidget) -> None:
        self.open.append(window)
        window.destroyed.connect(lambda *_a, w=window: self.open.remove(w) if w in self.open else None)

    def show_main(self, location: Path | str) -> None:
        from kosi_checkin.ui.main_window import MainWindow

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.event_path is not None \
                    and self.context.owners.get(widget.event_path) is self.context.owners.get(location):
                bring_to_front(widget)
                return
        window = MainWindow(self.context)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.keep(window)
        window.show()
        window.open_event(location)
        bring_to_front(window)

    def open_desk(self, location: Path | str, session: str | None, name: str | None, mode: str,
                  fullscreen: bool) -> None:
        from kosi_checkin.ui.desk.launch import open_desk_window

        window = open_desk_window(self.context, location, session, name, mode)
        self.keep(window)
        window.showFullScreen() if fullscreen or mode == "kiosk" else window.show()
        bring_to_front(window)


def finish(app: QCoreApplication) -> None:
    """After the event loop: windows deleted (their connections closed, the desk's last backup
    made), background jobs done, then the locks given back: nothing keeps the process alive."""
    for widget in QApplication.topLevelWidgets():
        widget.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    registry().release_all()


def _start(lang: str | None) -> tuple[QApplication, AppContext]:
    settings = load_settings()
    language = lang if lang in LANGUAGES else settings.language
    set_language(language)
    app = create_application(language)
    context = AppContext(settings)
    context.windows = registry().launcher = Windows(context)
    return app, context


def _claim(context: AppContext, event: Path | str) -> int | None:
    """Own the event before any window opens: None when owned, else the exit code (0: another
    app has it and was asked to show it; 9: that app does not answer)."""
    import sys

    try:
        context.owners.claim(event)
    except HandedOver:
        return 0
    except KosiError as exc:
        from kosi_checkin.i18n import _

        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return exc.exit_code
    return None


def main(event: Path | str | None, lang: str | None = None, explicit: bool = False) -> int:
    """The main window on ``event``; ``explicit`` (`gui EVENT`): no first-start welcome over it."""
    app, context = _start(lang)
    from kosi_checkin.ui.main_window import MainWindow

    if event is not None:
        code = _claim(context, event)
        if code is not None:
            return code
    window = MainWindow(context)
    window.show()
    if event is not None:
        window.open_event(event)
        context.owners.release(event)  # the window holds its own claim now
    if not context.settings.welcomed and not explicit:  # first start: the demo behind, the welcome in front
        context.settings.welcomed = True
        context.save()
        window.show_welcome()
    try:
        return app.exec()
    finally:
        finish(app)


def main_desk(event: Path | str, lang: str | None, session: str | None, name: str | None, fullscreen: bool,
              mode: str = "desk") -> int:
    """`kosi-checkin desk`: straight into the desk view."""
    app, context = _start(lang)
    code = _claim(context, event)
    if code is not None:
        return code
    try:
        assert context.windows is not None
        context.windows.open_desk(event, session, name, mode, fullscreen)
    finally:
        context.owners.release(event)  # the desk holds its own claim
    try:
        return app.exec()
    finally:
        finish(app)
