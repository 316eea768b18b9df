"""Shared fixtures: the example plans and the `finsam` command line to compare with.

ctest runs these tests with PYTHONPATH=<build>/python and FINSAM_CLI=<build>/finsam; by hand:
    PYTHONPATH=build/python FINSAM_CLI=build/finsam /usr/bin/python3 -m pytest tests/python
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, List, Optional, Tuple

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
HANINGE = EXAMPLES / "socsam-haninge-2005.json"
DALARNA = EXAMPLES / "sodra-dalarna-2011.json"
#: Both examples with their variants (None is the base plan).
EXAMPLE_RUNS = [(HANINGE, None), (DALARNA, None), (DALARNA, "state-plus-50"), (DALARNA, "sater-joins")]


class Cli:
    """The `finsam` executable of the same build."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, *args: str) -> Tuple[int, str, str]:
        p = subprocess.run([str(self.path), *args], capture_output=True, text=True, check=False)
        return p.returncode, p.stdout, p.stderr

    def json(self, *args: str) -> Any:
        """Run with --format json and parse stdout; the exit status must be 0."""
        rc, out, err = self.run(*args, "--format", "json")
        assert rc == 0, f"finsam {' '.join(args)} exited {rc}: {out}{err}"
        return json.loads(out)

    def plan(self, path: Path, variant: Optional[str] = None) -> Any:
        return self.json("plan", str(path), *(["--variant", variant] if variant else []))

    def problems(self, path: Path) -> List[Tuple[str, str]]:
        """(pointer, message) of `finsam validate FILE --format json`, which must exit 2."""
        rc, out, err = self.run("validate", str(path), "--format", "json")
        assert rc == 2, f"finsam validate exited {rc}: {out}{err}"
        return [(e["path"], e["message"]) for e in json.loads(out)["errors"]]


@pytest.fixture(scope="session")
def cli() -> Cli:
    path = Path(os.environ.get("FINSAM_CLI", ROOT / "build" / "finsam"))
    assert path.is_file(), f"no finsam executable at {path}; set FINSAM_CLI"
    return Cli(path)
