"""The line every benchmark prints first: what machine the figures come from."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"Machine: {os.cpu_count()} cores, {cpu or platform.processor()}, Python {platform.python_version()}"
