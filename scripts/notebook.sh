#!/usr/bin/env bash
# Open the example notebook (examples/notebooks/scenarios.ipynb) in Debian's Jupyter, with the
# finsam package of a build directory: what `make notebook` runs once the Python module is built.
#
#   scripts/notebook.sh BUILD_DIR [JUPYTER OPTIONS…]
#
# Installs python3-notebook if it is missing (scripts/install-deps.sh). The server runs until
# Control-C; its page opens in a browser where there is one (else it prints the address).
# Options go to Jupyter: --no-browser, --ip=127.0.0.1, --port=8888, --NotebookApp.token=… .
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:?usage: scripts/notebook.sh BUILD_DIR [JUPYTER OPTIONS…]}" && pwd)"
shift
"$here/scripts/install-deps.sh" python3-notebook
if [ ! -d "$build/python/finsam" ]; then
  echo "finsam: no Python package in $build/python; build it first: cmake --build $build --target finsam_python" >&2
  exit 2
fi
root=()
if [ "$(id -u)" -eq 0 ]; then root=(--allow-root); fi  # Jupyter refuses root without it (containers, CI)
cd "$here/examples/notebooks"
export PYTHONPATH="$build/python${PYTHONPATH:+:$PYTHONPATH}"
exec /usr/bin/python3 -m notebook scenarios.ipynb "${root[@]}" "$@"
