"""Files written for the user (an export, signature lists, certificates, badges): a folder that
cannot take them, or a write that fails on the way (a full disk, a file where a folder should be),
is a message naming the path, never a crash; what was half written is removed by the writer."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kosi_checkin.domain.errors import UsageError
from kosi_checkin.i18n import _


def check_writable(folder: Path) -> None:
    """Before the work: the folder is there and takes files."""
    if not folder.is_dir():
        raise UsageError(_("The folder {folder} does not exist.").format(folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(_("The folder {folder} cannot be written to.").format(folder=folder))


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """While writing ``path``: an operating system's refusal becomes the user's message."""
    try:
        yield
    except OSError as exc:
        raise UsageError(_("{path} cannot be written: {reason}").format(path=path, reason=exc.strerror or exc)) from exc
