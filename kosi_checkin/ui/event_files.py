"""Choosing, creating and publishing events from the main window: each asks the user and
returns the location to open (a file, or a server URL), or None when cancelled or failed (the
failure already shown). Nothing here keeps state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QInputDialog, QMainWindow, QWidget

from kosi_checkin.domain.errors import UsageError
from kosi_checkin.domain.model import Event
from kosi_checkin.i18n import _
from kosi_checkin.services.event_config import load_config, load_template, signature_file, template_names
from kosi_checkin.services.events import create_event
from kosi_checkin.shared.url import display, is_shared
from kosi_checkin.ui.errors import show_error
from kosi_checkin.ui.file_dialogs import open_file_name, save_file_name
from kosi_checkin.ui.waiting import wait_for

EVENT_FILTER = "KoSI-Veranstaltung (*.kosi);;SQLite (*.sqlite *.db);;* (*)"


def server_url_dialog(parent: QWidget | None, title: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(_("Server address (postgresql://user@host/database):"))
    dialog.setTextValue("postgresql://")
    dialog.setMinimumWidth(480)
    return dialog


def ask_server_url(parent: QWidget, title: str) -> str:
    dialog = server_url_dialog(parent, title)
    ok = bool(dialog.exec())
    url = dialog.textValue().strip() if ok else ""
    if url and not is_shared(url):
        show_error(parent, UsageError(_("The address starts with postgresql://")))
        return ""
    return url


def choose_event_file(parent: QWidget) -> Path | None:
    path = open_file_name(parent, _("Open event"), "", EVENT_FILTER)
    return Path(path) if path else None


def choose_list_file(parent: QWidget) -> Path | None:
    path = open_file_name(parent, _("Import registration list"), "",
                          _("Registration lists (*.csv *.xlsx *.txt *.tsv);;All files (*)"))
    return Path(path) if path else None


def ask_new_event_path(parent: QWidget) -> Path | None:
    path = save_file_name(parent, _("Save the new event as"), "", EVENT_FILTER)
    if not path:
        return None
    return Path(path if path.endswith(".kosi") or "." in Path(path).name else path + ".kosi")


def create_event_file(parent: QWidget, load: Callable[[], Event], signature: Callable[[], Path | None] = lambda: None
                      ) -> Path | None:
    """The event described by ``load`` in a new file the user names."""
    try:
        event = load()
        target = ask_new_event_path(parent)
        if target is None:
            return None
        create_event(target, event, signature=signature()).close()
    except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
        show_error(parent, exc)
        return None
    return target


def new_from_template(parent: QWidget) -> Path | None:
    names = template_names()
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("New event"))
    box = QComboBox()
    box.addItems(names)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(_("Template:"), box)
    form.addRow(buttons)
    dialog.setMinimumWidth(420)  # the title "Neue Veranstaltung" whole in its title bar, not "Neue Ve…taltung"
    ok = bool(dialog.exec())
    name = box.currentText()
    return create_event_file(parent, lambda: load_template(name)) if ok and name else None


def new_from_config(parent: QWidget) -> Path | None:
    source = open_file_name(parent, _("Event description (TOML)"), "", "TOML (*.toml)")
    if not source:
        return None
    return create_event_file(parent, lambda: load_config(source), lambda: signature_file(source))


def publish_event(parent: QMainWindow, path: Path) -> str | None:
    """Upload an event file for several desks; the shared event's URL to work on from now."""
    from kosi_checkin.shared.session import publish

    url = ask_server_url(parent, _("Publish this event to a server"))
    if not url:
        return None
    try:  # on a thread of its own: the window goes on while the server is waited on (no cancel: it lands or not)
        guests = wait_for(parent, _("Publishing the event to {server} …").format(server=display(url)),
                          lambda: publish(path, url), cancellable=False)
    except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
        show_error(parent, exc)
        return None
    parent.statusBar().showMessage(_("Published: {n} guests. Desks open the same address.").format(n=guests), 15000)
    return url
