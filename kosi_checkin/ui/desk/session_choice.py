"""The desk's session: chosen in its drop-down, or "automatic" (the session the clock is in,
followed each second)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox

from kosi_checkin import formats
from kosi_checkin.checkin.clock import Clock
from kosi_checkin.checkin.targets import Target, by_key, target_at, targets
from kosi_checkin.domain.model import Event
from kosi_checkin.i18n import _

AUTO = "auto"


class SessionChoice(QObject):
    """``chosen`` is emitted when the volunteer picks another entry."""

    chosen = Signal()

    def __init__(self, box: QComboBox, event: Event, clock: Clock, session_key: str | None) -> None:
        super().__init__(box)
        self.box, self.kosi_event, self.clock = box, event, clock
        self.auto = session_key is None
        self.target: Target = self._clock_target()
        self.fill(session_key)
        box.currentIndexChanged.connect(self._picked)

    def fill(self, session_key: str | None) -> None:
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItem(_("Automatic (by the clock)"), AUTO)
        for target in targets(self.kosi_event):
            self.box.addItem(_entry_text(target), target.key)
        if session_key is not None:
            index = self.box.findData(session_key)
            if index >= 0:
                self.box.setCurrentIndex(index)
                self.target = by_key(self.kosi_event, session_key) or self.target
        self.box.blockSignals(False)

    def follow_clock(self) -> None:
        """Automatic: move on to the session the clock is in now."""
        if self.auto:
            target = self._clock_target()
            if target.key != self.target.key:
                self.target = target

    def _clock_target(self) -> Target:
        found = target_at(self.kosi_event, self.clock())
        return found if found is not None else targets(self.kosi_event)[0]

    def _picked(self, index: int) -> None:
        key = self.box.itemData(index)
        self.auto = key == AUTO
        chosen = None if self.auto else by_key(self.kosi_event, key)
        self.target = chosen or self._clock_target()
        self.chosen.emit()


def _entry_text(target: Target) -> str:
    first = target.sessions[0] if target.sessions else None
    if target.kind == "session" and first is not None and first.start is not None:
        return f"{formats.time(first.start)} {target.label}"
    return target.label
