"""The "Einlass-Anleitung": one page for volunteers at the door (how to scan, what each colour
means, what to do when …), as a PDF made by the app and as the text of the Help menu, in German
or English (the app's language)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kosi_checkin.badges.render import BOLD, REGULAR, register_fonts
from kosi_checkin.i18n import _


def sections() -> list[tuple[str, list[str]]]:
    """The guide's text: (heading, paragraphs); the same for the PDF and the Help menu."""
    return [
        (_("Scanning"), [
            _("Hold the QR code of the badge or e-ticket under the hand scanner. The answer fills the screen at once; "
              "then the desk is ready for the next guest. No need to click anything first."),
            _("No code? Type the name (or organisation, or e-mail) into the search box: typos and missing accents are "
              "forgiven. ↑ ↓ pick the guest, Enter checks them in."),
            _("No scanner? F7 turns on the laptop's camera: hold the code in front of it."),
        ]),
        (_("What the colours mean"), [
            _("GREEN ✔ Welcome: checked in. Read out the note if there is one (e.g. speakers to the podium)."),
            _("AMBER ⚠ Already checked in (time and desk shown), or not registered for this session: F2 admits "
              "the guest anyway if that is all right."),
            _("RED ✖ Unknown, damaged or forged code, or a code of another event: search the name instead. "
              "\u201c{not_saved}\u201d in red: the check-in was NOT recorded; tell the organiser.").format(
                not_saved=_("Not saved")),
            _("A red banner at the top (several desks): the server cannot be reached; go on as usual, "
              "the desk sends its check-ins when the connection is back."),
        ]),
        (_("Keys"), [
            _("F2 admit anyway · F3 details of the guest · F4 undo the last check-in (2 minutes) · F5 walk-in "
              "(a guest who did not register) · F6 change the session · F7 camera · F8 print the guest's badge · "
              "F11 full screen · Esc ready for the next guest."),
        ]),
        (_("What to do when …"), [
            _("… the badge is lost: scan or search the guest, F8 prints a new one (say why: lost)."),
            _("… the name on the badge is wrong: F8, choose \u201cTypo\u201d, correct the name, print."),
            _("… someone checked in the wrong guest: F4 at once, or F3 and undo there."),
            _("… a guest is not on the list: F5, fill in name, organisation and sector."),
            _("… the laptop crashed or the power went: start it again; every green check-in is saved."),
            _("… anything else: ask the organiser. The organiser PIN protects import, export and settings."),
        ]),
    ]


def write_guide(path: Path, event_name: str = "") -> None:
    register_fonts()
    title = ParagraphStyle("t", fontName=BOLD, fontSize=20, leading=24, spaceAfter=2 * mm)
    heading = ParagraphStyle("h", fontName=BOLD, fontSize=14, leading=17, spaceBefore=4 * mm, spaceAfter=1 * mm)
    body = ParagraphStyle("b", fontName=REGULAR, fontSize=11.5, leading=14.5, spaceAfter=1.8 * mm)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=14 * mm,
                            bottomMargin=12 * mm, title=_("Door guide"), author="KoSI Check-in")
    story: list[object] = [Paragraph(_("Door guide for volunteers"), title)]
    if event_name:
        story.append(Paragraph(event_name, body))
    legend = Table([[_("Welcome"), _("Look again"), _("Stop: search the name")]], colWidths=[58 * mm] * 3)
    legend.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), BOLD, 11), ("TEXTCOLOR", (0, 0), (0, 0), colors.white),
        ("TEXTCOLOR", (2, 0), (2, 0), colors.white), ("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#1b6e34")),
        ("BACKGROUND", (1, 0), (1, 0), colors.HexColor("#f2b705")), ("BACKGROUND", (2, 0), (2, 0), colors.HexColor("#b3261e")),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    story += [legend, Spacer(0, 2 * mm)]
    for name, paragraphs in sections():
        story.append(Paragraph(name, heading))
        story += [Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), body) for text in paragraphs]
    doc.build(story)


def guide_text() -> str:
    """The same guide as plain text with simple HTML for the Help window."""
    parts = [f"<h2>{_('Door guide for volunteers')}</h2>"]
    for name, paragraphs in sections():
        parts.append(f"<h3>{name}</h3>")
        parts += [f"<p>{text}</p>" for text in paragraphs]
    return "\n".join(parts)
