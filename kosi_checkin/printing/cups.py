"""Printing through CUPS with its command-line tools (``lp``, ``lpstat``): the PDF goes to the
printer as it is, vector QR codes and embedded fonts included. Every failure is a PrinterError
with one sentence for the user."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from kosi_checkin.domain.errors import PrinterError
from kosi_checkin.i18n import _

TIMEOUT = 15  # seconds; lp hands the job to the scheduler and returns at once


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(list(args), capture_output=True, text=True, timeout=TIMEOUT)
    except FileNotFoundError as exc:
        raise PrinterError(_("CUPS is not installed here ({command} is missing); save the badges as a PDF "
                             "or print through the print dialog.").format(command=args[0])) from exc
    except subprocess.TimeoutExpired as exc:
        raise PrinterError(_("The printing system does not answer ({command}).").format(command=args[0])) from exc


def available() -> bool:
    """True when the CUPS tools are installed and the scheduler runs."""
    if shutil.which("lp") is None or shutil.which("lpstat") is None:
        return False
    try:
        return _run("lpstat", "-r").stdout.strip().endswith("is running")
    except PrinterError:
        return False


def printers() -> list[str]:
    """The names of the printers (queues) CUPS knows; empty without CUPS."""
    if shutil.which("lpstat") is None:
        return []
    try:
        result = _run("lpstat", "-e")
    except PrinterError:
        return []
    return [line.strip() for line in result.stdout.splitlines() if line.strip()] if result.returncode == 0 else []


def default_printer() -> str:
    if shutil.which("lpstat") is None:
        return ""
    result = _run("lpstat", "-d")
    match = re.search(r":\s*(\S+)\s*$", result.stdout.strip())
    return match.group(1) if result.returncode == 0 and match else ""


def send(pdf: Path, printer: str, *, title: str = "", copies: int = 1,
         options: dict[str, str] | None = None) -> str:
    """Queue ``pdf`` on ``printer``; returns the job id CUPS gave (e.g. "Etiketten-42")."""
    if not printer:
        raise PrinterError(_("Choose a printer."))
    command = ["lp", "-d", printer, "-n", str(max(1, copies))]
    if title:
        command += ["-t", title]
    for key, value in (options or {}).items():
        command += ["-o", f"{key}={value}"]
    result = _run(*command, "--", str(pdf))
    match = re.search(r"request id is (\S+)", result.stdout)
    if result.returncode != 0 or match is None:
        reason = (result.stderr or result.stdout).strip().removeprefix("lp: ") or _("no reason given")
        known = printers()
        hint = _(" Printers here: {names}.").format(names=", ".join(known)) if known else ""
        raise PrinterError(_("The printer {printer} did not take the job: {reason}.").format(
            printer=printer, reason=reason.rstrip(".")) + hint)
    return match.group(1)


def job_state(job_id: str) -> str:
    """"pending", "completed" or "unknown" (for tests and the status line)."""
    for which, state in (("not-completed", "pending"), ("completed", "completed")):
        result = _run("lpstat", "-W", which, "-o")
        if any(line.split()[:1] == [job_id] for line in result.stdout.splitlines()):
            return state
    return "unknown"
