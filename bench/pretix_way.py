"""`kosi-checkin` with the badge QR codes drawn the way pretix draws them (pretix/base/pdf.py:
ReportLab's QrCodeWidget in a scaled Drawing, rendered with renderPDF, one rectangle per dark
module) — the side-by-side reference of bench/bench_badges.py. Same layout, texts and codes;
error correction M and a 4-module quiet zone, as ours.

    .venv/bin/python bench/pretix_way.py badges EVENT -o OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.graphics import renderPDF  # noqa: E402
from reportlab.graphics.barcode.qr import QrCodeWidget  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from kosi_checkin.badges import render  # noqa: E402
from kosi_checkin.cli import main as cli  # noqa: E402


def pretix_draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> float:
    widget = QrCodeWidget(text, barLevel="M", barBorder=4)
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)
    return size / (right - left)


render.draw_qr = pretix_draw_qr  # type: ignore[assignment]  # the reference: only the QR drawing differs

if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:]))
