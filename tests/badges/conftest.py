"""A real CUPS queue for the printing tests: Debian's cups with the cups-pdf backend (installed by
`packaging/setup --test`), its scheduler started here without systemd. cups-pdf writes every job
it prints as a PDF into the job owner's ~/PDF, so a test can open what the "printer" received."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

QUEUE = "KoSI-Test-PDF"
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")


def _scheduler_running() -> bool:
    result = subprocess.run(["lpstat", "-r"], capture_output=True, text=True)
    return result.stdout.strip().endswith("is running")


@pytest.fixture(scope="session")
def cups_queue() -> str:
    if not (shutil.which("lp") and shutil.which("cupsd") and Path("/usr/lib/cups/backend/cups-pdf").exists()):
        pytest.skip("CUPS with cups-pdf is not installed (bash packaging/setup --test installs it)")
    if not _scheduler_running():
        if os.geteuid() != 0:
            pytest.skip("the CUPS scheduler is not running and only root can start it here")
        subprocess.run(["cupsd"], check=True)
        for _ in range(50):
            if _scheduler_running():
                break
            time.sleep(0.1)
    names = subprocess.run(["lpstat", "-e"], capture_output=True, text=True).stdout.split()
    if QUEUE not in names:
        subprocess.run(["lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-E", "-P", str(PPD)], check=True,
                       capture_output=True)
    return QUEUE


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    from kosi_checkin.services.demo import create_demo

    path = tmp_path / "demo.kosi"
    create_demo(path).close()
    return path
