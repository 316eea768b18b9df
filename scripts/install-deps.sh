#!/usr/bin/env bash
# Install the Debian 12 packages finsam needs, only those that are missing.
# Used by `make demo`, `make test` and .ci/run; uses sudo when not root.
# Extra packages can be named as arguments (e.g. chromium for the HTML rendering test).
set -euo pipefail

packages=(
  g++ cmake make pkg-config            # toolchain
  libboost-dev libboost-test-dev       # Boost.Multiprecision (headers) and Boost.Test
  nlohmann-json3-dev                   # JSON (SAX parser keeps number text exact)
  pybind11-dev python3-dev             # Python extension finsam._core
  python3-numpy python3-pandas python3-pytest python3-matplotlib
  libxlsxwriter-dev                    # XLSX budget tables: number formats and SUM formulas
  python3-openpyxl python3-pil         # tests: read the XLSX back; check the Chromium screenshot
  python3-nbclient python3-ipykernel python3-nbformat   # runs examples/notebooks in tests/python
  python3-distributed                  # finsam.sweep(..., client=): Dask over a cluster
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "finsam: installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
