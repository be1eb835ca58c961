"""User settings (language, recent event files, desk name), saved as JSON atomically.

Window geometry is Qt's business and lives in QSettings, in ``ui/`` only.
"""

from __future__ import annotations

import json
import os

from kosi_checkin.domain.values import asdict, dataclass, field, fields
from kosi_checkin.places import config_folder, legacy_config_folder

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from pathlib import Path

MAX_RECENT = 8


@dataclass
class Settings:
    language: str = "de"
    recent_files: list[str] = field(default_factory=list)
    desk_name: str = ""
    scan_gap_ms: int = 35  # a scanner's keys come faster than this; people type slower
    desk_sound: bool = True
    # badges
    printer_calibration: dict[str, dict[str, float]] = field(default_factory=dict)  # printer → dx, dy, scale
    badge_printer: str = ""  # the printer "Badge drucken" at the desk sends to ("" = save a PDF)
    badge_layout: str = ""  # the layout for badges printed one at a time ("" = the default)
    welcomed: bool = False  # the welcome dialog was shown on a first start
    backup_minutes: int = 10  # a running desk backs the event file up this often (0: only on close)

    @property
    def last_event(self) -> str | None:
        return self.recent_files[0] if self.recent_files else None

    def remember(self, path: str | Path) -> None:
        """Recent events: files by their full path, servers by their URL without the password."""
        from kosi_checkin.shared.url import is_shared, without_password

        text = without_password(str(path)) if is_shared(str(path)) else os.path.realpath(path)  # Path.resolve()
        self.recent_files = [text, *[p for p in self.recent_files if p != text]][:MAX_RECENT]


def settings_file() -> str:
    """Where the settings are kept (as text: a command's start reads them without loading pathlib)."""
    return os.path.join(config_folder(), "settings.json")


def move_legacy_settings() -> bool:
    """Settings saved by a version that used the Linux folders everywhere move to this platform's
    folder once (copied: the old file stays as it was). True when they moved."""
    if os.environ.get("KOSI_CONFIG_DIR"):
        return False
    new, old = settings_file(), os.path.join(legacy_config_folder(), "settings.json")
    if os.path.exists(new) or not os.path.isfile(old) or os.path.realpath(old) == os.path.realpath(new):
        return False
    os.makedirs(os.path.dirname(new), exist_ok=True)
    part = new.removesuffix(".json") + ".json.part"
    with open(old, "rb") as source, open(part, "wb") as target:
        target.write(source.read())
    os.replace(part, new)
    return True


def load_settings() -> Settings:
    move_legacy_settings()
    try:
        with open(settings_file(), encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return Settings()
    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in data.items() if k in known}) if isinstance(data, dict) else Settings()
    if settings.language not in ("de", "en"):
        settings.language = "de"
    return settings


def save_settings(settings: Settings) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written file."""
    path = settings_file()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    import tempfile  # only when saving

    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(settings), handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
