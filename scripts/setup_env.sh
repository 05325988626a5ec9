#!/usr/bin/env bash
# Set up what `make test` needs on this machine: Debian packages, then .venv on QGIS's own Python.
#
#   scripts/setup_env.sh VENV
#
# The scientific stack depends on the platform:
# - "distro": the distribution ships shapely >= 2 built against its own GEOS / PROJ / numpy (Debian 13
#   and later). Its packages are used as they are ($APT_PY_DISTRO) and pip is constrained to the
#   versions found, so nothing from PyPI replaces them (a PyPI numpy would not match GDAL's).
# - "source": the distribution's shapely is older (Debian 12). shapely and pyproj are built from source
#   against the system GEOS / PROJ ($APT_PY_SOURCE lists the build dependencies), with numpy < 2 to match
#   Debian 12's GDAL bindings (requirements-source.txt).
# The Makefile passes the package lists: APT_PKGS (always), APT_PY_DISTRO, APT_PY_SOURCE.
set -euo pipefail
venv=${1:?usage: setup_env.sh VENV}
: "${APT_PKGS:?}" "${APT_PY_DISTRO:?}" "${APT_PY_SOURCE:?}"

sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
updated=0
apt_update() { [ $updated = 1 ] || { $sudo apt-get update -qq; updated=1; }; }

missing() { local p out=""; for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || out="$out $p"; done; echo "$out"; }
install() {
  local need
  need=$(missing "$@")
  [ -z "$need" ] && return 0
  echo "Installing Debian packages:$need"
  apt_update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $need
}

# Which stack? Installed shapely decides first; else the version the archive offers.
shapely_version() {
  local v
  v=$(dpkg-query -W -f='${Version}' python3-shapely 2>/dev/null || true)
  [ -n "$v" ] || v=$(apt-cache policy python3-shapely 2>/dev/null | sed -n 's/^ *Candidate: //p')
  [ "$v" = "(none)" ] && v=""
  echo "$v"
}
v=$(shapely_version)
if [ -z "$v" ]; then apt_update; v=$(shapely_version); fi
if [ -n "$v" ] && dpkg --compare-versions "$v" ge 2.0; then platform=distro; else platform=source; fi
echo "Platform: $(. /etc/os-release && echo "$PRETTY_NAME"); python3-shapely ${v:-not offered} -> $platform stack"

install $APT_PKGS
if [ $platform = distro ]; then install $APT_PY_DISTRO; else install $APT_PY_SOURCE; fi

[ -x "$venv/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$venv"
py="$venv/bin/python"
pip=("$py" -m pip install -q --disable-pip-version-check)
mkdir -p build
if [ $platform = distro ]; then
  # Pin pip to what the distribution installed: a requirement may never pull a PyPI copy of these.
  "$py" - >build/constraints.txt <<'PY'
from importlib.metadata import PackageNotFoundError, version
for name in ("numpy", "shapely", "pyproj", "pandas", "geopandas", "scipy", "networkx", "pyogrio"):
    try:
        print(f"{name}=={version(name)}")
    except PackageNotFoundError:
        pass
PY
  "${pip[@]}" -c build/constraints.txt -r requirements-dev.txt -r requirements-dask.txt
else
  "${pip[@]}" "numpy>=1.24,<2" "cython<3" setuptools wheel
  "${pip[@]}" --no-binary shapely "shapely>=2.0,<2.2"
  PROJ_DIR=/usr "${pip[@]}" --no-build-isolation --no-binary pyproj "pyproj==3.6.1"
  "${pip[@]}" -r requirements-source.txt -r requirements-dev.txt -r requirements-dask.txt
fi
echo "$platform" >"$venv/.platform"
"$py" - <<'PY'
import numpy, pyproj, scipy, shapely
from qgis.core import Qgis
print(f"QGIS {Qgis.QGIS_VERSION}; numpy {numpy.__version__}; shapely {shapely.__version__} "
      f"(GEOS {shapely.geos_version_string}); pyproj {pyproj.__version__} (PROJ {pyproj.proj_version_str}); "
      f"scipy {scipy.__version__}")
PY
