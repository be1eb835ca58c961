"""Shared fixtures. The offscreen Qt platform is set here, before any Qt import, so GUI
tests need no display; the end-to-end test under Xvfb sets its own environment."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))
from catalogues import compile_all, stale  # noqa: E402

if stale():  # a catalogue edited since packaging/setup compiled it: the tests see what the wheel will
    compile_all()

import pytest  # noqa: E402

from kosi_checkin.domain.model import Event  # noqa: E402
from kosi_checkin.i18n import set_language  # noqa: E402
from kosi_checkin.services.event_config import load_template  # noqa: E402
from kosi_checkin.services.events import create_event  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread() -> Iterator[None]:
    """As the app does (kosi_checkin/ui/gui_gc.py): no automatic cyclic collection, which may run
    on a worker thread and delete a dialog there; collected here, on the main thread, after each test."""
    gc.disable()
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own settings and data folders, and German as the language."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KOSI_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("KOSI_DATA_DIR", str(base / "data"))
    set_language("de")


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((DATA / "EXPECTED.json").read_text(encoding="utf-8"))


@pytest.fixture
def kosi() -> Event:
    return load_template("kosi-2019")


@pytest.fixture
def event_file(tmp_path: Path, kosi: Event) -> Path:
    path = tmp_path / "event.kosi"
    create_event(path, kosi).close()
    return path


# A real CUPS queue for the printing tests: Debian's cups with the cups-pdf backend (installed by
# `packaging/setup --test`), its scheduler started here without systemd. cups-pdf writes every job
# it prints as a PDF into the job owner's ~/PDF, so a test can open what the "printer" received.
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




# A real PostgreSQL server for the shared-event tests: Debian's postgresql (installed by
# `packaging/setup --test`), a throw-away cluster started without systemd as the postgres user,
# reached over a Unix socket; each test creates its own database in it.
class PgServer:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.data = base / "data"
        self.port = 5400 + os.getpid() % 500
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        self.bin = bins[-1]

    def _as_postgres(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["runuser", "-u", "postgres", "--", *args], capture_output=True, text=True, check=check,
                              timeout=60)

    def init(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        shutil.chown(self.base, "postgres", "postgres")
        self.base.chmod(0o755)
        self._as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")

    def start(self) -> None:
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.base / "log"), "-w", "-o",
                          f"-k {self.base} -p {self.port} -c listen_addresses='' -c fsync=on", "start")

    def stop(self) -> None:
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.base}&port={self.port}"

    def create_database(self, name: str) -> str:
        self._as_postgres(str(self.bin / "psql"), "-h", str(self.base), "-p", str(self.port), "-U", "postgres", "-c",
                          f'CREATE DATABASE "{name}"')
        return self.url(name)

    def terminate_backends(self, database: str) -> None:
        self._as_postgres(str(self.bin / "psql"), "-h", str(self.base), "-p", str(self.port), "-U", "postgres", "-c",
                          f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' "
                          "AND pid <> pg_backend_pid()")


@pytest.fixture(scope="session")
def pg_server() -> PgServer:
    if not Path("/usr/lib/postgresql").exists() or shutil.which("runuser") is None:
        pytest.skip("PostgreSQL is not installed (bash packaging/setup --test installs it)")
    if os.geteuid() != 0:
        pytest.skip("starting a PostgreSQL cluster as the postgres user needs root here")
    server = PgServer(Path(f"/tmp/kosi-pg-{os.getpid()}"))
    server.init()
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> str:
    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    return pg_server.create_database(name)
