# Shared by the benchmark scripts (sourced, not run): the binary check and the installation of
# missing Debian packages.

# Exits 2 unless $1 is an executable phusong.
need_phusong() {
  [ -x "$1" ] || {
    echo "no phusong binary at $1: cargo build --release --locked --bin phusong, then" \
      "PHUSONG=\$CARGO_TARGET_DIR/release/phusong (or the dev build of" \
      "'source scripts/setup.sh && cargo build --locked --all-targets')" >&2
    exit 2
  }
}

# Installs the Debian packages named, if any (quietly, without recommends).
install_packages() {
  [ $# -gt 0 ] || return 0
  echo "installing $*" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
