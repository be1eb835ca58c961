"""The command line as the tests run it: ``python -m kosi_checkin`` in a process of its own, its
output as text."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

CLI = [sys.executable, "-m", "kosi_checkin"]


def kosi(*args: str, env: dict[str, str] | None = None, timeout: float = 180,
         **options: Any) -> subprocess.CompletedProcess[str]:
    """``kosi-checkin ARGS`` run to its end (``options``: more of ``subprocess.run``'s, e.g. ``input``, ``cwd``)."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, env=env, **options)
