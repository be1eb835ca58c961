"""Asking for a shared event server's password (when neither the URL nor ~/.pgpass has one)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from kosi_checkin.i18n import _
from kosi_checkin.shared.url import display


def password_dialog(parent: QWidget | None, url: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(_("Event server"))
    dialog.setLabelText(_("Password for {server}:").format(server=display(url)))
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    return dialog


def ask_server_password(parent: QWidget, url: str) -> bool:
    """Ask, and keep it for this run only (in the process's environment for libpq), never in
    the settings."""
    dialog = password_dialog(parent, url)
    ok = bool(dialog.exec())
    password = dialog.textValue()
    if not ok or not password:
        return False
    os.environ["PGPASSWORD"] = password
    return True
