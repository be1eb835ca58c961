"""The one place that turns exceptions into dialogs."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from kosi_checkin.domain.errors import KosiError
from kosi_checkin.i18n import _

log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    if isinstance(exc, KosiError):
        return str(exc)
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return _("Sorry, something unexpected went wrong ({kind}: {message}). Nothing was changed.").format(
        kind=type(exc).__name__, message=exc
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    QMessageBox.warning(parent, _("KoSI Check-in"), error_text(exc))
