#!/usr/bin/env bash
# The gates on the code's form, each failing on the first finding: rustfmt's layout
# (.rustfmt.toml), clippy without a warning on the workspace's crates (their tests, and the
# pallets' benchmarks, included), and shellcheck on the shell scripts.
#
# CI runs it after scripts/test.sh, in the same build directory: clippy checks the dependencies
# once (about 5 min on 2 cores), then only what changed.
# shellcheck source=scripts/prerequisites.sh
source "$(dirname "${BASH_SOURCE[0]}")/prerequisites.sh"

require_rust
require_native_build_tools
cd "$ROOT" || exit 1

say "cargo fmt --all --check"
cargo fmt --all --check

say "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --release --locked --workspace --exclude oracle-relay --exclude buffer-study \
	--all-targets -- -D warnings
say "cargo clippy --features runtime-benchmarks -- -D warnings (the pallets' benchmarks)"
cargo clippy --release --locked -p pallet-oracle-aggregation -p pallet-oracle-sla \
	-p pallet-oracle-delivery -p pallet-oracle-consumer --features runtime-benchmarks \
	--all-targets -- -D warnings

if ! command -v shellcheck >/dev/null 2>&1; then
	apt_install shellcheck
fi
say "shellcheck (scripts, zombienet, CI)"
shellcheck -x scripts/*.sh scripts/tests/*.sh zombienet/*.sh .ci/run
