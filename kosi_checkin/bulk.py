"""Bulk work (an import of 10,000 rows) creates many objects that all stay alive; Python's
cyclic garbage collector then walks them again and again for nothing. Pause it meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block without cyclic garbage collection (reference counting still frees
    memory); the collector is switched back on afterwards if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
