#!/usr/bin/env bash
# Install the Debian 12 packages finsam needs, only those that are missing.
# Used by `make demo`, `make test`, `make notebook` and .ci/run; uses sudo when not root.
# Extra packages can be named as arguments (e.g. chromium for the HTML printing tests).
#
# Another apt or dpkg run (unattended-upgrades, a second terminal) holds the dpkg lock: the
# script then waits for it (apt's DPkg::Lock::Timeout, and a retry while apt-get says it could
# not get a lock) instead of failing, up to FINSAM_APT_WAIT seconds (default 600).
set -euo pipefail

packages=(
  g++ cmake make pkg-config            # toolchain
  libboost-dev libboost-test-dev       # Boost.Multiprecision (headers) and Boost.Test
  nlohmann-json3-dev                   # JSON (SAX parser keeps number text exact)
  pybind11-dev python3-dev             # Python extension finsam._core
  python3-numpy python3-pandas python3-pytest python3-matplotlib
  libxlsxwriter-dev                    # XLSX budget tables: number formats and SUM formulas
  python3-openpyxl python3-pil         # tests: read the XLSX back; check the Chromium screenshot
  poppler-utils                        # tests: read the printed PDF back (pdftotext, pdfinfo)
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
wait_seconds=${FINSAM_APT_WAIT:-600}
retry_seconds=${FINSAM_APT_RETRY:-5}

# apt-get with the lock wait: apt waits for the dpkg frontend lock itself; a lock it does not
# wait for (the package lists' during `update`) makes it fail with "Could not get lock", and
# then the command is tried again every FINSAM_APT_RETRY seconds (default 5).
apt_get() {
  local start=$SECONDS out status
  while :; do
    status=0
    out=$($sudo apt-get -o DPkg::Lock::Timeout="$wait_seconds" "$@" 2>&1) || status=$?
    if [ "$status" -eq 0 ]; then
      [ -n "$out" ] && printf '%s\n' "$out"
      return 0
    fi
    if ! grep -qiE "could not get lock|unable to acquire the dpkg frontend lock|unable to lock" <<<"$out"; then
      printf '%s\n' "$out" >&2
      return "$status"
    fi
    if [ $((SECONDS - start)) -ge "$wait_seconds" ]; then
      printf '%s\n' "$out" >&2
      echo "finsam: apt is still locked by another run after ${wait_seconds} s; try again when it has finished" >&2
      return "$status"
    fi
    echo "finsam: waiting for another apt/dpkg run to finish (apt-get $1)..."
    sleep "$retry_seconds"
  done
}

apt_get update -qq
apt_get install -y -qq --no-install-recommends "${missing[@]}"
