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

# Prints the libclang that clang-sys (bindgen's loader, for RocksDB's bindings) would link, found
# the way clang-sys 1.9 searches, and fails when there is none:
# - LIBCLANG_PATH alone when it is set: that file, or a library in that directory;
# - else `llvm-config --prefix`'s bin/lib/lib64, the directories of LD_LIBRARY_PATH and
#   LIBRARY_PATH, then the system's (/usr/local/llvm*/lib*, /usr/local/lib*[/*[/*]],
#   /usr/lib*[/*[/*]]);
# - a library is a file named `libclang.so` or `libclang-<version>.so`: a versioned file such as
#   `libclang.so.1` or `libclang-14.so.1` cannot be linked, and `libclang-cpp.so*` (a fresh
#   Debian image's `libclang-cpp14`) is another library.
# ORACLE_SYSROOT, when set, is put in front of the system directories (the tests use it).
find_libclang() {
	local root="${ORACLE_SYSROOT:-}" dirs=() dir prefix file
	if [ -n "${LIBCLANG_PATH:-}" ]; then
		if [ -f "$LIBCLANG_PATH" ] && is_linkable_libclang "$LIBCLANG_PATH"; then
			echo "$LIBCLANG_PATH"
			return 0
		fi
		dirs=("$LIBCLANG_PATH")
	else
		if prefix="$(llvm-config --prefix 2>/dev/null)" && [ -n "$prefix" ]; then
			dirs+=("$prefix/bin" "$prefix/lib" "$prefix/lib64")
		fi
		local list parts
		for list in "${LD_LIBRARY_PATH:-}" "${LIBRARY_PATH:-}"; do
			IFS=: read -r -a parts <<<"$list"
			dirs+=("${parts[@]}")
		done
		dirs+=("$root"/usr/local/llvm*/lib* "$root"/usr/local/lib*/*/* "$root"/usr/local/lib*/*
			"$root"/usr/local/lib* "$root"/usr/lib*/*/* "$root"/usr/lib*/* "$root"/usr/lib*)
	fi
	for dir in "${dirs[@]}"; do
		[ -d "$dir" ] || continue
		for file in "$dir"/libclang.so "$dir"/libclang-*.so; do
			if [ -e "$file" ] && is_linkable_libclang "$file"; then
				echo "$file"
				return 0
			fi
		done
	done
	return 1
}

# Whether a path names a libclang that can be linked: `libclang.so` or `libclang-<version>.so`.
is_linkable_libclang() {
	case "$(basename "$1")" in
	libclang.so) return 0 ;;
	libclang-cpp*) return 1 ;;
	libclang-*.so) return 0 ;;
	*) return 1 ;;
	esac
}

# Prints, one a line, the Debian packages that the node's build needs and does not find, judged
# by what the build runs or loads: protoc as prost-build runs it ($PROTOC, else `protoc` on
# PATH); libclang as clang-sys finds it (above); the C and C++ compilers as the cc crate runs them
# ($CC/$CXX, else cc/c++), and make (RocksDB's and zstd's build scripts).
missing_build_tools() {
	"${PROTOC:-protoc}" --version >/dev/null 2>&1 || echo protobuf-compiler
	find_libclang >/dev/null || echo libclang-dev
	{ "${CC:-cc}" --version && "${CXX:-c++}" --version; } >/dev/null 2>&1 || echo g++
	make --version >/dev/null 2>&1 || echo make
}

# polkadot-sdk needs protoc (libp2p), libclang (RocksDB's bindings) and C/C++ compilers.
require_native_build_tools() {
	local missing=()
	mapfile -t missing < <(missing_build_tools)
	if [ ${#missing[@]} -gt 0 ]; then
		apt_install "${missing[@]}"
	fi
	mapfile -t missing < <(missing_build_tools)
	[ ${#missing[@]} -eq 0 ] || die "still missing after installing: ${missing[*]}"
}

# Cargo unifies features over the packages of one invocation: `cargo build -p oracle-node` and
# `cargo test --workspace` compile the node and about 300 of its dependencies differently. So
# every script that needs the node builds it exactly as the workspace's tests do (these
# arguments, `--no-run`), and whichever runs first, the others reuse its artifacts. The binaries
# land in $CARGO_TARGET_DIR/release/ (the node's and the price server's integration tests need
# them). The relay node of the zombienet tests and the buffer study build on their own, as their
# scripts say.
WORKSPACE_TEST_ARGS=(--release --locked --workspace --exclude oracle-relay --exclude buffer-study)
build_node() {
	say "building oracle-node and price-server as the workspace's tests do (release) into $CARGO_TARGET_DIR"
	(cd "$ROOT" && cargo test "${WORKSPACE_TEST_ARGS[@]}" --no-run)
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

# The dashboard's packages (polkadot.js, and playwright-core for its browser tests), exactly as
# locked. playwright-core needs Node.js 20 or newer; it downloads no browser.
install_dashboard_packages() {
	local major
	major="$(node -p 'process.versions.node.split(".")[0]')"
	[ "$major" -ge 20 ] || die "Node.js $major is too old for the dashboard's browser tests: need 20 or newer"
	if [ ! -d "$ROOT/dashboard/node_modules/@polkadot/api" ] ||
		[ "$ROOT/dashboard/package-lock.json" -nt "$ROOT/dashboard/node_modules/.package-lock.json" ]; then
		say "installing the dashboard's npm packages"
		(cd "$ROOT/dashboard" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}

# Debian's Chromium for the dashboard's browser tests (headless; npm downloads no browser).
require_chromium() {
	if [ -n "${CHROMIUM:-}" ]; then
		[ -x "$CHROMIUM" ] || die "CHROMIUM=$CHROMIUM is not an executable"
		return
	fi
	command -v chromium >/dev/null 2>&1 || apt_install chromium
	CHROMIUM="$(command -v chromium)"
	export CHROMIUM
}

# The polkadot.js packages of the end-to-end scripts, exactly as locked.
install_e2e_packages() {
	if [ ! -d "$ROOT/e2e/node_modules/@polkadot/api" ] ||
		[ "$ROOT/e2e/package-lock.json" -nt "$ROOT/e2e/node_modules/.package-lock.json" ]; then
		say "installing the end-to-end scripts' npm packages"
		(cd "$ROOT/e2e" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}
