"""The main window's menu bar, described as data: which entries, their shortcuts, which ask for
the organiser PIN in desk mode. The window hands in what each entry does (by key)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from kosi_checkin.domain.values import dataclass
from kosi_checkin.i18n import _

Shortcut = QKeySequence.StandardKey | str | None
Slot = Callable[[], object]
SEPARATOR = "-"
LANGUAGES = (("de", "Deutsch"), ("en", "English"))


@dataclass(frozen=True)
class Entry:
    key: str  # what the window's slot for it is called; "-": a separator
    text: str = ""
    shortcut: Shortcut = None
    organiser: bool = False  # asks for the PIN in desk mode


def layout() -> list[tuple[str, list[Entry]]]:
    """The menus in the UI language (called again when it changes)."""
    std = QKeySequence.StandardKey
    return [
        (_("&File"), [
            Entry("welcome", _("&Welcome …")),
            Entry("new_from_template", _("New event from &template …"), std.New, True),
            Entry("new_from_config", _("New event from TOML &file …"), organiser=True),
            Entry("choose_event", _("&Open event …"), std.Open, True),
            Entry("choose_server", _("Open a shared event on a &server …"), organiser=True),
            Entry("publish", _("&Publish this event to a server …"), organiser=True),
            Entry("recent", _("&Recent events")),
            Entry(SEPARATOR),
            Entry("import", _("&Import registration list …"), "Ctrl+I", True),
            Entry(SEPARATOR),
            Entry("backup", _("Make a &backup now")),
            Entry("restore", _("&Restore from a backup …"), organiser=True),
            Entry(SEPARATOR),
            Entry("quit", _("&Quit"), std.Quit),
        ]),
        (_("&Door"), [
            Entry("desk", _("Open the check-in &desk"), "F9"),
            Entry("station", _("Open a badge &print station")),
            Entry("kiosk", _("Open the self-service &kiosk")),
        ]),
        (_("&Badges"), [
            Entry("badges", _("&Print badges …"), std.Print, True),
            Entry("printer_setup", _("Printer &set-up and calibration …"), organiser=True),
            Entry("logo", _("Event &logo for badges …"), organiser=True),
        ]),
        (_("&Report"), [
            Entry("export", _("&Export attendance …"), "Ctrl+Shift+E", True),
            Entry("signatures", _("&Signature lists …"), organiser=True),
            Entry("certificates", _("&Certificates of attendance …"), organiser=True),
            Entry("stats", _("S&tatistics"), "F10"),
        ]),
        (_("&Guests"), [
            Entry("edit", _("&Edit guest …"), "Ctrl+E", True),
            Entry("late", _("Mark &present afterwards …"), "Ctrl+Shift+A", True),
            Entry("delete", _("&Delete guest on request …"), organiser=True),
            Entry("find", _("&Find"), std.Find),
        ]),
        (_("&Settings"), [
            Entry("lock", _("Switch to &desk mode"), "Ctrl+L"),
            Entry("unlock", _("Switch to &organiser mode …")),
            Entry("pin", _("Organiser &PIN …"), organiser=True),
            Entry(SEPARATOR),
            Entry("language", _("&Language")),
        ]),
        (_("&Help"), [
            Entry("guide", _("&Door guide for volunteers"), "F1"),
        ]),
    ]


def build(bar: QMenuBar, slots: Mapping[str, Slot], guard: Callable[[Slot], None], recent: Sequence[str],
          open_recent: Callable[[str], object], language: str, set_language: Callable[[str], object]) -> dict[str, QAction]:
    """Fill the menu bar; returns the entries' actions by key (the window enables them)."""
    bar.clear()
    actions: dict[str, QAction] = {}
    for title, entries in layout():
        menu = bar.addMenu(title)
        for entry in entries:
            if entry.key == SEPARATOR:
                menu.addSeparator()
            elif entry.key == "recent":
                _recent_menu(menu.addMenu(entry.text), recent, lambda p: guard(lambda: open_recent(p)))
            elif entry.key == "language":
                _language_menu(menu.addMenu(entry.text), language, lambda c: guard(lambda: set_language(c)))
            else:
                actions[entry.key] = _action(menu, entry, slots[entry.key], guard)
    return actions


def _action(menu: QMenu, entry: Entry, slot: Slot, guard: Callable[[Slot], None]) -> QAction:
    action = menu.addAction(entry.text)
    action.triggered.connect((lambda: guard(slot)) if entry.organiser else (lambda: slot()))
    if entry.shortcut is not None:
        action.setShortcut(QKeySequence(entry.shortcut))
    return action


def _recent_menu(menu: QMenu, recent: Sequence[str], open_recent: Callable[[str], object]) -> None:
    for path in recent:
        action = menu.addAction(path)
        action.triggered.connect(lambda _checked=False, p=path: open_recent(p))
    menu.setEnabled(bool(recent))


def _language_menu(menu: QMenu, current: str, choose: Callable[[str], object]) -> None:
    for code, label in LANGUAGES:
        action = menu.addAction(label)
        action.triggered.connect(lambda _checked=False, c=code: choose(c))
        action.setCheckable(True)
        action.setChecked(current == code)
