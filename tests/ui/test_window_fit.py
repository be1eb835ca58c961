"""Every main window and dialog fits a 1366×768 laptop, in German and English: it opens within
the screen's available area, its smallest size fits too, and no button lies outside it. Once on
Qt's offscreen platform (the screen's size from its configfile option; no window frames), once in
real X windows under Xvfb with a window manager (openbox), frames and title bars included. The
probe runs in a process of its own per run: the screen is fixed when Qt starts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("window_fit_probe.py")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from app_windows import NAMES  # noqa: E402

WINDOWS = set(NAMES)


def check_report(done: subprocess.CompletedProcess[str], framed: bool) -> None:
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    width, height = report["screen"]
    assert width <= 1366 and height <= 768 and width > 1300 and height > 700
    assert {w["name"] for w in report["windows"]} == WINDOWS
    for w in report["windows"]:
        assert w["inside"], w
        assert w["min_width"] <= width and w["min_height"] <= height, w
        assert w["cut_buttons"] == [], w
    if framed:  # the window manager's frames were measured (a title bar makes the frame taller)
        assert any(w["framed"] for w in report["windows"])


@pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("openbox")), reason="needs Xvfb and openbox")
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_window_fits_in_a_real_x_window_with_frames(tmp_path: Path, lang: str) -> None:
    number = 80 + (os.getpid() + (lang == "en")) % 9
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    env = {**os.environ, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb", "KOSI_DATA_DIR": str(tmp_path / "d"),
           "KOSI_CONFIG_DIR": str(tmp_path / "c")}
    wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.8)
    try:
        done = subprocess.run([sys.executable, str(PROBE), lang, str(tmp_path)], capture_output=True, text=True,
                              env=env, timeout=300)
    finally:
        wm.terminate()
        server.terminate()
        wm.wait(10)
        server.wait(10)
    check_report(done, framed=True)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_window_fits_a_1366x768_screen(tmp_path: Path, lang: str) -> None:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96}]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "KOSI_DATA_DIR": str(tmp_path / "d"),
           "KOSI_CONFIG_DIR": str(tmp_path / "c")}
    done = subprocess.run([sys.executable, str(PROBE), lang, str(tmp_path)], capture_output=True, text=True, env=env,
                          timeout=300)
    check_report(done, framed=False)
    assert json.loads(done.stdout.strip().splitlines()[-1])["screen"] == [1366, 768]
