"""Keyboard only: every dialog closes with Escape and has a default button for Enter, its
tab chain reaches every control it shows, and the desk's every action has its key."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialog, QLineEdit, QPushButton, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from app_windows import each_window  # noqa: E402


def tab_chain(widget: QWidget) -> set[QWidget]:
    seen: set[QWidget] = set()
    current = widget.nextInFocusChain()
    while current is not None and current not in seen and current is not widget:
        seen.add(current)
        current = current.nextInFocusChain()
    return seen


def test_dialogs_close_with_escape_and_reach_every_control_by_tab(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialogs = 0
    for name, widget in each_window(tmp_path, "de"):
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        found: list[QWidget] = [*widget.findChildren(QAbstractButton), *widget.findChildren(QLineEdit),
                                *widget.findChildren(QComboBox)]
        controls = [c for c in found if c.isVisibleTo(widget) and c.isEnabled()
                    and c.focusPolicy() & Qt.FocusPolicy.TabFocus]
        chain = tab_chain(widget)
        assert [c for c in controls if c not in chain] == [], name
        if isinstance(widget, QDialog):
            dialogs += 1
            buttons = [b for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget)]
            assert buttons, name
            qtbot.keyClick(widget, Qt.Key.Key_Escape)
            assert not widget.isVisible(), f"{name} stays open on Escape"
        widget.close()
    assert dialogs >= 8


def test_the_desk_needs_no_mouse(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name, widget in each_window(tmp_path, "en"):
        qtbot.addWidget(widget)
        if name != "desk":
            widget.close()
            continue
        keys = {action.shortcut().toString() for action in widget.actions()}
        assert {"F2", "F3", "F4", "F5", "F6", "F7", "F8", "F11", "Esc"} <= keys
        widget.close()
        break
