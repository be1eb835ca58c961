"""Packaging: the PyInstaller spec ships every resource and every module the app loads; the
version lives in one place; the desktop file and AppStream metadata are sound. The built app
(packaging/build: .ci/run builds it before the suite, a developer when they want) is tested when
dist/kosi-checkin exists: with no Python on the PATH, --version, demo, attendees and badges work
and the window opens."""

from __future__ import annotations

import ast
import configparser
import os
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import kosi_checkin

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "kosi-checkin.spec"
APP = ROOT / "dist" / "kosi-checkin" / "kosi-checkin"


def spec_datas() -> list[tuple[str, str]]:
    """The (source, target) pairs of the spec's DATAS, with ROOT resolved."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "DATAS":
            pairs = []
            for item in node.value.elts:  # type: ignore[attr-defined]
                source = ast.unparse(item.elts[0])
                parts = re.findall(r"['\"]([^'\"]+)['\"]", source)
                pairs.append((str(ROOT.joinpath(*parts)), item.elts[1].value))
            return pairs
    raise AssertionError("no DATAS in the spec")


def assert_window_stays_up(command: list[str], env: dict[str, str], cwd: Path | None = None,
                           seconds: float = 6) -> None:
    """The app's window opens (offscreen) and is still up after ``seconds``: it did not fail."""
    window = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(seconds)
    try:
        assert window.poll() is None, window.stderr.read() if window.stderr else ""
    finally:
        window.terminate()
        window.wait(20)


def resources_loaded_by_the_code() -> set[str]:
    """Every resource_path("…", …) the app's code asks for (first path part)."""
    wanted = set()
    for path in (ROOT / "kosi_checkin").rglob("*.py"):
        for match in re.finditer(r'resource_path\(\s*"([^"]+)"', path.read_text(encoding="utf-8")):
            wanted.add(match.group(1))
    return wanted


def test_spec_ships_every_resource_the_app_loads() -> None:
    datas = spec_datas()
    shipped_roots = {Path(source) for source, target in datas if target == "resources"}
    assert ROOT / "resources" in shipped_roots  # the folder as a whole
    for part in resources_loaded_by_the_code():
        assert (ROOT / "resources" / part).exists(), f"the code loads resources/{part}, which does not exist"
    assert {"templates", "layouts", "fonts", "icons", "locale"} <= resources_loaded_by_the_code() | {"locale"}
    hidden = SPEC.read_text(encoding="utf-8")
    assert "PySide6.QtMultimedia" in hidden and "psycopg_binary" in hidden  # loaded at run time only


def test_version_lives_in_one_place() -> None:
    version = kosi_checkin.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    hits = [p for p in ROOT.rglob("*") if p.is_file() and p.suffix in (".py", ".toml", ".xml", ".desktop", ".spec")
            and ".venv" not in p.parts and "dist" not in p.parts and "build" not in p.parts
            and f'"{version}"' in p.read_text(encoding="utf-8", errors="ignore")]
    assert hits == [ROOT / "kosi_checkin" / "__init__.py"], hits
    assert 'version = { attr = "kosi_checkin.__version__" }' in (ROOT / "pyproject.toml").read_text()


def test_desktop_file_and_appstream_metadata() -> None:
    desktop = configparser.ConfigParser(interpolation=None, strict=False)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(ROOT / "packaging" / "linux" / "de.kosi_lab.KosiCheckin.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Exec"].startswith("kosi-checkin")
    assert entry["Icon"] == "de.kosi_lab.KosiCheckin" and "Office" in entry["Categories"]
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(ROOT / "packaging" / "linux" /
                                                            "de.kosi_lab.KosiCheckin.desktop")],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    meta = ET.parse(ROOT / "packaging" / "linux" / "de.kosi_lab.KosiCheckin.metainfo.xml").getroot()
    assert meta.findtext("id") == "de.kosi_lab.KosiCheckin" and meta.find("launchable") is not None
    assert meta.find("releases/release").get("version") == "VERSION"  # filled in by packaging/build
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (ROOT / "packaging" / "icons" / f"kosi-checkin-{size}.png").exists()


@pytest.mark.skipif(not APP.exists(), reason="the app is not built (run: bash packaging/build)")
def test_the_built_app_runs_without_python(tmp_path: Path) -> None:
    empty = tmp_path / "path"
    empty.mkdir()
    env = {"HOME": str(tmp_path), "PATH": str(empty), "KOSI_CONFIG_DIR": str(tmp_path / "cfg"),
           "KOSI_DATA_DIR": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(APP), *args], capture_output=True, text=True, env=env, timeout=180)

    assert run("--version").stdout.strip() == f"kosi-checkin {kosi_checkin.__version__}"
    demo = tmp_path / "demo.kosi"
    assert run("demo", str(demo)).returncode == 0
    listing = run("attendees", str(demo), "--format", "json")
    assert listing.returncode == 0 and listing.stdout.count('"id"') == 150
    badges = run("badges", str(demo), "-o", str(tmp_path / "b.pdf"), "--preview")
    assert badges.returncode == 0 and (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
    assert_window_stays_up([str(APP), "gui", "--demo"], env, seconds=8)


def test_the_package_list_names_every_package_of_the_source_tree() -> None:
    """pyproject.toml lists its packages (the finder never sees kosi_checkin.resources, mapped
    from resources/): a new subpackage that is not listed would be missing from the wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kosi_checkin").rglob("__init__.py")}
    assert listed == found | {"kosi_checkin.resources"}


def _fresh_venv_with_our_dependencies(where: Path) -> Path:
    """A new venv whose own site-packages is empty but which sees this environment's
    dependencies (PySide6 and the rest, not downloaded again) through a .pth line. The editable
    install of this tree is not visible there: a path in a .pth file is added, its own .pth
    files (the editable finder) are not run."""
    import sys
    import sysconfig

    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, timeout=300)
    python = where / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "kosi_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


def test_the_wheel_installed_in_a_fresh_venv_works_from_another_folder(tmp_path: Path) -> None:
    """The sdist carries every resource; the wheel built from it as an installer builds it (pip
    wheel, isolated), installed with pip, not editable,
    into a fresh venv, and run by its console script in a folder outside the source tree: every
    file of resources/ is in the wheel with the compiled catalogues, and demo, new, import,
    checkin, badges, export and guide work, in German and English, and the window opens."""
    import sys
    import tarfile
    import zipfile

    shipped = {str(p.relative_to(ROOT / "resources")) for p in (ROOT / "resources").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".mo"}
    # the sdist, as a release makes it (python -m build, isolated)
    made = subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path / "sdist"), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stdout[-1000:] + made.stderr[-2000:]
    sdist = next((tmp_path / "sdist").glob("kosi_checkin-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        inside = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    missing = sorted(f for f in shipped if f"resources/{f}" not in inside)
    assert missing == [] and {"setup.py", "packaging/catalogues.py"} <= inside, missing
    # the wheel built from that sdist, isolated, as pip builds a source install
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"),
                            str(sdist)], capture_output=True, text=True, timeout=600)
    if built.returncode != 0 and "Could not find a version" in built.stderr + built.stdout:
        pytest.skip("the build backend cannot be downloaded here")
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("kosi_checkin-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(f for f in shipped if f"kosi_checkin/resources/{f}" not in names)
    assert missing == [], missing
    for lang in ("de", "en"):  # compiled when the wheel was built
        assert f"kosi_checkin/resources/locale/{lang}/LC_MESSAGES/kosi_checkin.mo" in names

    python = _fresh_venv_with_our_dependencies(tmp_path / "venv")
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "KOSI_CONFIG_DIR": str(tmp_path / "cfg"), "KOSI_DATA_DIR": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    where = subprocess.run([str(python), "-c", "import kosi_checkin; print(kosi_checkin.__file__)"], cwd=elsewhere,
                           capture_output=True, text=True, env=env)
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout + where.stderr
    script = tmp_path / "venv" / "bin" / "kosi-checkin"

    def kosi(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(script), *args], cwd=elsewhere, capture_output=True, text=True, env=env,
                              timeout=180)

    (elsewhere / "liste.csv").write_text("Vorname;Nachname;Organisation;E-Mail\n"
                                         "Ada;Lovelace;Stadt Wuppertal;ada@example.org\n", encoding="utf-8")
    for args in (["demo", "demo.kosi"], ["new", "neu.kosi", "--template", "kosi-2019"], ["layouts"],
                 ["import", "neu.kosi", "liste.csv"], ["sessions", "demo.kosi"],
                 ["checkin", "neu.kosi", "--name", "Lovelace", "--session", "werkstatt", "--force"],
                 ["badges", "demo.kosi", "-o", "schilder.pdf", "--layout", "a6"],
                 ["export", "neu.kosi", "-o", "anwesenheit.xlsx"], ["guide", "-o", "anleitung.pdf"],
                 ["--lang", "en", "guide", "-o", "guide.pdf"], ["--lang", "en", "stats", "demo.kosi"]):
        result = kosi(*args)
        assert result.returncode == 0, (args, result.stdout[-800:], result.stderr[-1500:])
    assert (elsewhere / "schilder.pdf").read_bytes().startswith(b"%PDF")
    assert zipfile.is_zipfile(elsewhere / "anwesenheit.xlsx")
    english = kosi("--lang", "en", "sessions", "demo.kosi").stdout
    assert "2 April 2019" in english, english  # the English catalogue and formats, from the wheel
    assert "02.04.2019" in kosi("sessions", "demo.kosi").stdout
    assert_window_stays_up([str(script), "gui", "--demo"], env, cwd=elsewhere)


def test_the_spec_names_every_module_a_command_loads_by_name() -> None:
    """A command's module is loaded by its name (cli/commands.py), which PyInstaller cannot see:
    the spec's hidden imports take them from the command table (once they were missing, and the
    built app failed at --version)."""
    from kosi_checkin.cli.commands import adders, command_modules

    hidden = next(node.value for node in ast.parse(SPEC.read_text(encoding="utf-8")).body
                  if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "HIDDEN")
    assert "*command_modules()" in ast.unparse(hidden)
    assert command_modules() == sorted({add.__module__ for add in adders(None)})
