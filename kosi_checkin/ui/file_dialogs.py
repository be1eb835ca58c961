"""The app's file dialogs: always Qt's own (never the desktop's), with an icon provider that
names and draws entries from their names alone.

Why: on POSIX, closing *any* descriptor of a file drops every fcntl lock the process holds on
it, SQLite's included. Qt's default icon provider asks QMimeDatabase for each entry's type, which
opens files whose name it does not know (the event's .kosi, -wal and -shm among them) to sniff
their content; a native dialog may do anything. Either silently unlocks the open event file
(see README, *One owner*). tests/ui/test_file_dialogs.py watches the files while every dialog
lists the event's folder."""

from __future__ import annotations

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget

from kosi_checkin.i18n import _


class NamesOnlyIconProvider(QAbstractFileIconProvider):
    """A folder or a file icon, and a type from the file name: no file is ever opened."""

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QFileInfo):
            what = QAbstractFileIconProvider.IconType.Folder if what.isDir() else QAbstractFileIconProvider.IconType.File
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:  # noqa: A003 (Qt's name)
        if info.isDir():
            return _("Folder")
        suffix = info.suffix()
        return _("{suffix} file").format(suffix=suffix.upper()) if suffix else _("File")


def file_dialog(parent: QWidget | None, caption: str, directory: str = "", name_filter: str = "",
                save: bool = False) -> QFileDialog:
    """A dialog to open an existing file, or (``save``) to name a file to write; ``directory``
    may end in a suggested file name."""
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setOptions(QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.DontUseCustomDirectoryIcons)
    dialog.setIconProvider(NamesOnlyIconProvider())
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog


def _run(dialog: QFileDialog) -> str:
    try:
        if dialog.exec() and dialog.selectedFiles():
            return dialog.selectedFiles()[0]
        return ""
    finally:
        dialog.deleteLater()


def open_file_name(parent: QWidget | None, caption: str, directory: str = "", name_filter: str = "") -> str:
    """The chosen file, or "" when cancelled."""
    return _run(file_dialog(parent, caption, directory, name_filter))


def save_file_name(parent: QWidget | None, caption: str, directory: str = "", name_filter: str = "") -> str:
    """The file name to write to, or "" when cancelled (Qt asks before overwriting)."""
    return _run(file_dialog(parent, caption, directory, name_filter, save=True))


def folder_name(parent: QWidget | None, caption: str, directory: str = "") -> str:
    """A folder to write into, or "" when cancelled (a dialog of the same safe kind)."""
    dialog = file_dialog(parent, caption, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run(dialog)
