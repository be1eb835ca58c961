"""Helpers of the badge tests: the command line as a subprocess, PDFs rendered and decoded."""

from __future__ import annotations

import os
import pwd
import subprocess
import time
from pathlib import Path

import pypdfium2
import zxingcpp
from command_line import CLI, kosi  # noqa: F401  # the badge tests take them from here

MM = 72 / 25.4


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


def printed_file(job: str, timeout: float = 60) -> Path:
    """The PDF cups-pdf made of ``job`` (e.g. "KoSI-Test-PDF-7"), once the job has completed."""
    number = job.rsplit("-", 1)[1]
    folders = {Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF", Path.home() / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for folder in folders:
            for candidate in folder.glob(f"*job_{number}.pdf"):
                if candidate.stat().st_size > 0 and _completed(job):
                    return candidate
        time.sleep(0.2)
    raise AssertionError(f"the printed file of job {job} did not arrive within {timeout} s")


def _completed(job: str) -> bool:
    out = subprocess.run(["lpstat", "-W", "completed", "-o"], capture_output=True, text=True).stdout
    return any(line.split()[:1] == [job] for line in out.splitlines())
