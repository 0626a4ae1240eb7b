#!/usr/bin/env bash
# Runs the whole test suite: every crate's unit and runtime tests (the runtime's wasm is built on
# the way), the end-to-end tests that start a real `oracle-node --dev`, and the dashboard's
# browser tests against one.
#
# ORACLE_NODE_TESTS=auto (set by CI) runs the end-to-end tests only when the node binary is
# already built, and says loudly when it skips them; the default, `always`, builds the node.
# shellcheck source=scripts/prerequisites.sh
source "$(dirname "${BASH_SOURCE[0]}")/prerequisites.sh"

mode="${ORACLE_NODE_TESTS:-always}"
say "scripts/tests/prerequisites.sh (the prerequisite detection)"
bash "$ROOT/scripts/tests/prerequisites.sh"
require_rust
require_native_build_tools

run_node_tests=yes
if [ "$mode" = "auto" ] && [ ! -x "$CARGO_TARGET_DIR/release/oracle-node" ]; then
	run_node_tests=no
fi

cd "$ROOT" || exit 1
if [ "$run_node_tests" = yes ]; then
	require_node_js
	install_e2e_packages
	say "cargo test --release --workspace (node end-to-end tests included)"
	# The relay-chain node of the zombienet tests builds on its own (zombienet/run.sh), and the
	# buffer study below: with it, the workspace would unify features differently and rebuild
	# the node's dependencies.
	cargo test "${WORKSPACE_TEST_ARGS[@]}"

	# The dashboard in headless Chromium against a real dev node and the price server (which
	# takes port 8500, where the development preset's feeds read their prices).
	require_chromium
	install_dashboard_packages
	say "dashboard browser tests (node --test dashboard/test/)"
	(cd "$ROOT/dashboard" && node --test --test-concurrency=1 test/)
else
	cat >&2 <<-MSG
	################################################################################
	##  SKIPPED: the node end-to-end tests and the dashboard's browser tests.
	##  No oracle-node binary is built in
	##  $CARGO_TARGET_DIR yet, and with ORACLE_NODE_TESTS=auto this run does not
	##  start the cold node build (about an hour on 2 cores). Build it once
	##  (scripts/run-dev.sh) and the
	##  next run includes them; ORACLE_NODE_TESTS=always builds it here.
	################################################################################
	MSG
	say "cargo test --release (pallets and runtime, runtime wasm included)"
	cargo test --release --locked -p pallet-oracle-aggregation -p pallet-oracle-sla \
		-p pallet-oracle-delivery -p pallet-oracle-consumer -p oracle-runtime -p consumer-runtime \
		-p price-server
fi

say "cargo test --release -p buffer-study"
cargo test --release --locked -p buffer-study

# The benchmarks run once each on the mock runtime, so that a broken benchmark fails here and
# not when weights are regenerated.
say "cargo test --release (the pallets, --features runtime-benchmarks)"
cargo test --release --locked -p pallet-oracle-aggregation -p pallet-oracle-sla \
	-p pallet-oracle-delivery -p pallet-oracle-consumer --features runtime-benchmarks
