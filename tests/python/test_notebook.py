"""examples/notebooks/scenarios.ipynb runs top to bottom in a Jupyter kernel (nbclient) and
shows the key figures of examples/README.md; `make notebook`'s server (scripts/notebook.sh)
serves it on loopback."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import finsam
from conftest import EXAMPLES, ROOT

NOTEBOOK = EXAMPLES / "notebooks" / "scenarios.ipynb"

CHECK = """\
import json, finsam
print(json.dumps({
    "finsam": finsam.__file__,
    "base_2011": [str(v) for v in base.contributions()["final"].loc[2011]],
    "state_total_2011": str(state.totals().loc[2011, "contributions"]),
    "state_fk_2011": str(state.contributions()["final"].loc[2011, "fk"]),
    "sater_2011": str(sater.contributions()["final"].loc[2011, "sater"]),
    "sater_difference_2011": str(diff.loc[("sater-joins", 2011, "final_contribution", "Säters kommun"), "difference"]),
    "rounded_costs_2012": str(totals.round(-3).loc[2012, "costs"]),
    "shp_forecast": str(follow.interventions.loc["sammanhangsplatser", "forecast"]),
    "forecast_result": str(follow.result["forecast_result"]),
    "cash_march": str(report.liquidity().months.loc[(2011, 3), "cash_end"]),
}))
"""


def test_the_scenarios_notebook_runs_and_shows_the_key_figures(tmp_path: Path, monkeypatch):
    # private Jupyter and IPython directories (CI may have no writable home); no debugger chatter
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # the kernel runs in the notebook's directory: give it this package by an absolute path
    monkeypatch.setenv("PYTHONPATH", str(Path(finsam.__file__).resolve().parent.parent))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    nb.cells.append(nbformat.v4.new_code_cell(CHECK))
    client = NotebookClient(nb, timeout=300, startup_timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    asyncio.run(client.async_execute())  # an event loop of our own, closed afterwards

    outputs = [c.outputs for c in nb.cells if c.cell_type == "code"]
    assert not [o for out in outputs for o in out if o.output_type == "error"]
    figures = json.loads("".join(o.text for o in outputs[-1] if o.output_type == "stream"))
    # the kernel used this build's package
    assert Path(figures["finsam"]) == Path(finsam.__file__)
    # README 2.3: 3 640 000 × 50/25/15/10 % = 1 820 000 / 910 000 / 546 000 / 364 000
    assert figures["base_2011"] == ["1820000.00", "910000.00", "546000.00", "364000.00"]
    # README 2.4: the state pays 1.5 × 1 820 000 = 2 730 000; total 2 730 000 × 100/50 = 5 460 000
    assert figures["state_total_2011"] == "5460000.00"
    assert figures["state_fk_2011"] == "2730000.00"
    # README 2.5: Säter 36 400 × 136 250/47 647 = 104 088.4001 → 104 088 (0 in the base plan)
    assert figures["sater_2011"] == "104088.00"
    assert figures["sater_difference_2011"] == "104088.00"
    # README 4.2: 1 202 000 × 2 300 000 / 1 431 112 = 1 931 784.51… → 1 931 785; the forecast
    # result 3 640 000 + 254 900 − 3 075 833 = 819 067; README 4.3: March ends at 271 755
    assert figures["shp_forecast"] == "1931785.00"
    assert figures["forecast_result"] == "819067.00"
    assert figures["cash_march"] == "271755.00"
    # README 2.x: 3 602 500 to thousands, halves away from zero: 3 603 000
    assert figures["rounded_costs_2012"] == "3603000.00"

    # the plots are shown as images, the tables as HTML, the explanation as text
    kinds = [{k for o in out if o.output_type in ("display_data", "execute_result") for k in o.data}
             for out in outputs]
    assert sum("image/png" in k for k in kinds) == 4
    assert sum("text/html" in k for k in kinds) >= 8
    tables = [o.data["text/html"] for out in outputs for o in out
              if o.output_type == "execute_result" and 'class="finsam-tables"' in o.data.get("text/html", "")]
    assert len(tables) == 5  # the comparison, three budget tables and the follow-up table
    # the comparison of sater-joins 2011, in Swedish and by name: Säter 0 → 104 tkr
    assert "Scenario: sater-joins jämfört med grundplanen, budget 2011 (tkr)" in tables[0]
    assert '<tr><td>Säters kommun</td><td class="num">0</td><td class="num">104</td><td class="num">104</td></tr>' in tables[0]
    # Säter's cost share 2011, 94 937 kr, is 95 tkr in the distribution table
    assert "Säters kommun" in tables[2] and '<td class="num">95</td>' in tables[2]
    # the explanation speaks Swedish, as the plots do
    explained = [o.data["text/plain"] for out in outputs for o in out
                 if o.output_type == "execute_result" and "Kostnadsandel för Säters kommun" in o.data.get("text/plain", "")]
    assert len(explained) == 1 and "kostnadsandel = Σ delar = 94 937,00 kr" in explained[0]
    forecast = [o.data["text/plain"] for out in outputs for o in out
                if o.output_type == "execute_result" and o.data.get("text/plain", "").startswith("Prognos 2011 för Sammanhangsplatser")]
    assert len(forecast) == 1 and "→ avrundat till kr (half_up): 1 931 785,00 kr" in forecast[0]
    assert "Uppföljning per insats 2011 t.o.m. augusti" in tables[4]


def test_make_notebook_serves_the_example_on_loopback(tmp_path: Path):
    # scripts/notebook.sh is what `make notebook` runs once the module is built: Jupyter on
    # 127.0.0.1 with this build's package, the notebook page fetched, then the server stopped.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "finsam-test-token"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_DATA_DIR=str(tmp_path / "data"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), IPYTHONDIR=str(tmp_path / "ipython"), BROWSER="true")
    build = Path(finsam.__file__).resolve().parent.parent.parent  # BUILD/python/finsam
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "notebook.sh"), str(build), "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             "--port-retries=0", f"--NotebookApp.token={token}"],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        page, deadline = None, time.monotonic() + 120
        while page is None:
            assert server.poll() is None, log.read_text(encoding="utf-8", errors="replace")
            try:
                with urllib.request.urlopen(f"{base}/notebooks/scenarios.ipynb?token={token}", timeout=10) as r:
                    assert r.status == 200
                    page = r.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "the notebook server did not answer within 120 s"
                time.sleep(0.5)
        assert "<title>Jupyter Notebook</title>" in page and "scenarios.ipynb" in page
        with urllib.request.urlopen(f"{base}/api/contents/scenarios.ipynb?token={token}", timeout=10) as r:
            content = json.loads(r.read())
        assert content["content"]["cells"][0]["source"].startswith("# Scenarier för Södra Dalarnas samordningsförbund")
        # without the token the page is not served (loopback, but still not open)
        try:
            urllib.request.urlopen(f"{base}/api/contents/scenarios.ipynb", timeout=10)
            raise AssertionError("served without the token")
        except urllib.error.HTTPError as e:
            e.close()
            assert e.code == 403
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode is not None
