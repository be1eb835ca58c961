"""Every answer colour of the desk against its text reads at a contrast of at least 4.5:1
(WCAG 2's formula), and a printed badge never looks like a check-in."""

from __future__ import annotations

from kosi_checkin.checkin.answers import Kind, Tone
from kosi_checkin.ui.desk.answer_panel import COLOURS, ICONS


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_answer_colour_has_contrast() -> None:
    assert set(COLOURS) == set(Tone) == set(ICONS)
    for tone, (background, text) in COLOURS.items():
        assert contrast(background, text) >= 4.5, (tone, contrast(background, text))


def test_a_printed_badge_is_not_green() -> None:
    assert Kind.PRINTED.value[1] is not Kind.WELCOME.value[1]
    assert ICONS[Kind.PRINTED.value[1]] != ICONS[Kind.WELCOME.value[1]]


def test_a_screen_reader_reads_the_answer(qtbot) -> None:  # type: ignore[no-untyped-def]
    from kosi_checkin.checkin.answers import Answer
    from kosi_checkin.ui.desk.answer_panel import AnswerPanel

    panel = AnswerPanel()
    qtbot.addWidget(panel)
    assert panel.accessibleName() and panel.accessibleDescription()
    panel.show_answer(Answer(Kind.WELCOME, "Willkommen, Anna Becker!", "Werkstatt", door_note="Podium"), "F4")
    description = panel.accessibleDescription()
    assert "Willkommen, Anna Becker!" in description and "Podium" in description and "F4" in description
