"""Helpers of the badge tests: the command line as a subprocess, PDFs rendered and decoded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2
import zxingcpp

CLI = [sys.executable, "-m", "kosi_checkin"]
MM = 72 / 25.4


def kosi(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=180, env=env)


def decoded(pdf: Path, dpi: int = 150) -> list[list[zxingcpp.Result]]:
    """Per page, the QR codes zxing-cpp finds in the PDF rendered at ``dpi``."""
    document = pypdfium2.PdfDocument(str(pdf))
    pages: list[list[zxingcpp.Result]] = []
    try:
        for page in document:
            image = page.render(scale=dpi / 72).to_pil()
            pages.append(list(zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)))
    finally:
        document.close()
    return pages


def decoded_codes(pdf: Path, dpi: int = 150) -> list[str]:
    return [r.text for page in decoded(pdf, dpi) for r in page]


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pdffonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type, embedded ("yes"/"no"), subset."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        # name type [type2] encoding emb sub uni object ID
        fonts.append({"name": parts[0], "embedded": parts[-5], "subset": parts[-4]})
    return fonts
