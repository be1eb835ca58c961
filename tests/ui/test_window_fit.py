"""Every main window and dialog fits a 1366×768 laptop, in German and English: it opens within
the screen's available area, its smallest size fits too, and no button lies outside it. Qt's
offscreen platform takes the screen's size from its configfile option; it draws no window frames
(the fit keeps room for them, ui/screen_fit.py). The probe runs in a process of its own per
language: the screen is fixed when Qt starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("window_fit_probe.py")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from app_windows import NAMES  # noqa: E402

WINDOWS = set(NAMES)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_window_fits_a_1366x768_screen(tmp_path: Path, lang: str) -> None:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                               "logicalDpi": 96}]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "KOSI_DATA_DIR": str(tmp_path / "d"),
           "KOSI_CONFIG_DIR": str(tmp_path / "c")}
    done = subprocess.run([sys.executable, str(PROBE), lang, str(tmp_path)], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["screen"] == [1366, 768]
    width, height = report["screen"]
    seen = {w["name"] for w in report["windows"]}
    assert seen == WINDOWS
    for w in report["windows"]:
        assert w["inside"], w
        assert w["min_width"] <= width and w["min_height"] <= height, w
        assert w["cut_buttons"] == [], w
