#!/usr/bin/env bash
# Installs what building and testing phusong needs on a fresh Debian machine, and nothing
# that is already there. PROJ is built from the source bundled in the proj-sys crate (Debian
# 12's PROJ 9.1 is older than the 9.6 it binds), which needs cmake, a C++ compiler and
# SQLite (library and the sqlite3 tool that builds proj.db). gdal-bin gives ogrinfo, with
# which the tests check that the store is a GeoPackage QGIS can open.
set -euo pipefail

need=()
command -v cmake >/dev/null || need+=(cmake)
command -v g++ >/dev/null || need+=(g++)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v ogrinfo >/dev/null || need+=(gdal-bin)
command -v npm >/dev/null || need+=(nodejs npm)
[ -f /usr/include/sqlite3.h ] || need+=(libsqlite3-dev)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: cargo is missing; install Rust with rustup" >&2; exit 1; }
# Compiled dependencies live outside the clone, so that a fresh clone reuses them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/phusong-target}"
