"""A window that has not been asked to go online carries no network code.

The CQC API client pulls in http, ssl and OpenSSL (about 9 MB resident); the app makes no
network call unless the writer asks for a refresh, so a started window must not have
loaded them. Run in a fresh interpreter: this test process has loaded them already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, os, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from columnist.ui.app import create_main_window
window = create_main_window(None)
window.show()
app.processEvents()
print(json.dumps(sorted(m for m in ("ssl", "http.client", "urllib.request",
                                   "columnist.ratings.api_client") if m in sys.modules)),
      flush=True)
os._exit(0)  # the answer is out; skip tearing down a live window at interpreter exit
"""


def test_a_started_window_has_loaded_no_network_module(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COLUMNIST_DATA_DIR=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    assert loaded == []
