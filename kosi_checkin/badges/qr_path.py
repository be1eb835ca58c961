"""A QR code drawn as vector graphics: its dark modules merged into horizontal runs, all in one
path (ReportLab's own QR widget draws one rectangle per module, about five times slower)."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_matrix(text: str) -> list[list[bool]]:
    """Modules of the smallest QR code for ``text`` (error correction M), without quiet zone.
    Badge codes are upper-case letters and digits, so qrcode picks alphanumeric mode."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text, optimize=0)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> float:
    """Draw the code with its quiet zone into the square (x, y, size) in points, lower-left
    origin; returns the module size."""
    matrix = qr_matrix(text)
    count = len(matrix) + 2 * QUIET_ZONE
    module = size / count
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    top = y + size - QUIET_ZONE * module
    for r, row in enumerate(matrix):
        c = 0
        width = len(row)
        while c < width:
            if row[c]:
                start = c
                while c < width and row[c]:
                    c += 1
                path.rect(x + (QUIET_ZONE + start) * module, top - (r + 1) * module, (c - start) * module, module)
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
    return module
