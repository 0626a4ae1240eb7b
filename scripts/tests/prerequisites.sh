#!/usr/bin/env bash
# Tests of scripts/prerequisites.sh's detection: it must judge a prerequisite by what the build
# loads, not by a near match. Each case lays out a fake file system and asks the detection, with
# nothing of the real machine in its way (no LIBCLANG_PATH, LD_LIBRARY_PATH, LIBRARY_PATH or
# llvm-config unless the case sets them). Prints one line a case and `N passed, N failed`.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

# Runs the detection in a clean shell: `check <name> <expected: present|missing> <sysroot>
# [VAR=value …]` with the files of the case already under <sysroot>.
check() {
	local name="$1" expected="$2" root="$3" got
	shift 3
	# shellcheck disable=SC2016 # expanded by the inner shell
	got="$(env -i HOME="$WORK" PATH="$WORK/bin:/usr/bin:/bin" ORACLE_SYSROOT="$root" "$@" \
		bash -c 'source "$0" >/dev/null 2>&1 || exit 3; if find_libclang >/dev/null; then echo present; else echo missing; fi' \
		"$HERE/../prerequisites.sh" 2>&1)"
	if [ "$got" = "$expected" ]; then
		passed=$((passed + 1))
		echo "ok: $name"
	else
		failed=$((failed + 1))
		echo "FAILED: $name: expected $expected, got ${got:-nothing}"
	fi
}

# Creates the files (relative to a new sysroot) and prints the sysroot.
sysroot() {
	local root file
	root="$(mktemp -d "$WORK/root.XXXX")"
	for file in "$@"; do
		mkdir -p "$root/$(dirname "$file")"
		: >"$root/$file"
	done
	echo "$root"
}

# A stand-in for llvm-config that would name a prefix: the real one must not leak into the cases.
mkdir -p "$WORK/bin"
printf '#!/bin/sh\nexit 1\n' >"$WORK/bin/llvm-config"
chmod +x "$WORK/bin/llvm-config"

# A fresh Debian 12 image: libclang-cpp14 only. clang-sys does not link libclang-cpp.
fresh="$(sysroot usr/lib/x86_64-linux-gnu/libclang-cpp.so.14 usr/lib/llvm-14/lib/libclang-cpp.so.14)"
check "only libclang-cpp.so.14 (a fresh image)" missing "$fresh"
# libclang1-14 without libclang-dev: versioned names only, which ld cannot link.
runtime_only="$(sysroot usr/lib/x86_64-linux-gnu/libclang-14.so.1 usr/lib/llvm-14/lib/libclang.so.1)"
check "only versioned libclang.so.1 and libclang-14.so.1" missing "$runtime_only"
# libclang-cpp14-dev's unversioned libclang-cpp.so matches clang-sys's glob but is not libclang.
cpp_dev="$(sysroot usr/lib/llvm-14/lib/libclang-cpp.so)"
check "only libclang-cpp.so" missing "$cpp_dev"
# libclang-dev installed: /usr/lib/llvm-14/lib/libclang.so.
dev="$(sysroot usr/lib/x86_64-linux-gnu/libclang-cpp.so.14 usr/lib/llvm-14/lib/libclang.so)"
check "libclang.so in /usr/lib/llvm-14/lib (libclang-dev)" present "$dev"
versioned="$(sysroot usr/lib/x86_64-linux-gnu/libclang-14.so)"
check "libclang-14.so in /usr/lib/x86_64-linux-gnu" present "$versioned"
local_llvm="$(sysroot usr/local/llvm18/lib/libclang.so)"
check "libclang.so in /usr/local/llvm18/lib" present "$local_llvm"
# LIBCLANG_PATH is the only place clang-sys looks when it is set.
empty="$(sysroot)"
check "LIBCLANG_PATH naming a directory with libclang.so" present "$empty" \
	LIBCLANG_PATH="$dev/usr/lib/llvm-14/lib"
check "LIBCLANG_PATH naming the file" present "$empty" \
	LIBCLANG_PATH="$dev/usr/lib/llvm-14/lib/libclang.so"
check "LIBCLANG_PATH set elsewhere hides the system's libclang.so" missing "$dev" \
	LIBCLANG_PATH="$fresh/usr/lib/llvm-14/lib"
check "libclang.so on LD_LIBRARY_PATH" present "$empty" \
	LD_LIBRARY_PATH="/nonexistent:$dev/usr/lib/llvm-14/lib"
# llvm-config's prefix.
mkdir -p "$WORK/llvm-bin"
printf '#!/bin/sh\necho %s/usr/lib/llvm-14\n' "$dev" >"$WORK/llvm-bin/llvm-config"
chmod +x "$WORK/llvm-bin/llvm-config"
check "libclang.so under llvm-config --prefix" present "$empty" PATH="$WORK/llvm-bin:/usr/bin:/bin"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
