# shellcheck shell=bash
# Sourced by the project's scripts: makes sure the build prerequisites are there, installing them
# where this machine allows (Debian/Ubuntu as root, or with sudo), and failing with a clear
# message where it does not.
#
# Sets CARGO_TARGET_DIR to a build directory outside the checkout (shared by every clone), unless
# it is already set.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/oracle-target}"
mkdir -p "$CARGO_TARGET_DIR"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31merror: %s\033[0m\n' "$*" >&2; exit 1; }

# Installs Debian packages, as root or through sudo.
apt_install() {
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null 2>&1 || die "need to install $*: run as root or install sudo"
		sudo="sudo"
	fi
	command -v apt-get >/dev/null 2>&1 ||
		die "need $*; this is not a Debian/Ubuntu system: install them with your package manager"
	say "installing $*"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# Rust: rustup installs the toolchain, components and wasm target pinned in rust-toolchain.toml.
require_rust() {
	command -v rustup >/dev/null 2>&1 ||
		die "rustup is not installed: see https://rustup.rs, then run this again"
	local channel
	channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' "$ROOT/rust-toolchain.toml")"
	[ -n "$channel" ] || die "no channel in rust-toolchain.toml"
	# Explicit, so that it works with RUSTUP_AUTO_INSTALL=0 too.
	if ! rustup toolchain list | grep -q "^$channel"; then
		say "installing Rust $channel"
		rustup toolchain install "$channel" --profile minimal
	fi
	(cd "$ROOT" && rustup target list --installed | grep -qx wasm32v1-none) ||
		(cd "$ROOT" && rustup target add wasm32v1-none)
	(cd "$ROOT" && rustup component list --installed | grep -q '^rust-src') ||
		(cd "$ROOT" && rustup component add rust-src)
}

# polkadot-sdk needs protoc (libp2p) and libclang (RocksDB's bindings), and a C++ compiler.
require_native_build_tools() {
	local missing=()
	command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
	if ! ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 &&
		! ls /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1; then
		missing+=(libclang-dev)
	fi
	command -v c++ >/dev/null 2>&1 || missing+=(g++)
	command -v make >/dev/null 2>&1 || missing+=(make)
	if [ ${#missing[@]} -gt 0 ]; then
		apt_install "${missing[@]}"
	fi
	command -v protoc >/dev/null 2>&1 || die "protoc is still missing (package protobuf-compiler)"
}

# Node.js 18+ and npm for the polkadot.js end-to-end scripts.
require_node_js() {
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		apt_install nodejs npm
	fi
	local major
	major="$(node -p 'process.versions.node.split(".")[0]')"
	[ "$major" -ge 18 ] || die "Node.js $major is too old for @polkadot/api 16: need 18 or newer"
}

# The polkadot.js packages of the end-to-end scripts, exactly as locked.
install_e2e_packages() {
	if [ ! -d "$ROOT/e2e/node_modules/@polkadot/api" ] ||
		[ "$ROOT/e2e/package-lock.json" -nt "$ROOT/e2e/node_modules/.package-lock.json" ]; then
		say "installing the end-to-end scripts' npm packages"
		(cd "$ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}
