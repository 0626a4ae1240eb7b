#!/usr/bin/env bash
# Runs the relay-chain tests: a rococo-local relay with two validators and the oracle parachain
# with two collator-operators, alice and bob (network.toml), under zombienet's native provider.
#
#   zombienet/run.sh                 every test: smoke, oracle, fault
#   zombienet/run.sh 0001-smoke      the tests whose file names start with the arguments
#
# It makes sure of everything first, building or installing only what is missing:
# - the relay binaries (`polkadot` and its two PVF workers) in ORACLE_RELAY_BIN, by default
#   ~/.cache/oracle-relay/<polkadot-sdk release>; built from zombienet/relay the first time;
# - `oracle-node` and `price-server` in CARGO_TARGET_DIR (release);
# - zombienet and @polkadot/api, exactly as zombienet/package-lock.json locks them.
# Then it starts the local price server (ORACLE_PRICE_SERVER, default http://127.0.0.1:8500;
# an already running one is used as it is) and runs each test in a network of its own. Each
# network's logs stay in $ZOMBIENET_LOGS (default /tmp/oracle-zombienet)/<test>/.
#
# ORACLE_RELAY_CHECK=1 only reports whether the relay binaries are cached (exit 0) or not (1).
# ORACLE_ZOMBIENET_BUILT=1 uses oracle-node and price-server as they are in CARGO_TARGET_DIR.
# shellcheck source=scripts/prerequisites.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/prerequisites.sh"

RELEASE="stable2609.2"
RELAY_BIN="${ORACLE_RELAY_BIN:-$HOME/.cache/oracle-relay/$RELEASE}"
RELAY_TOOLS=(polkadot polkadot-prepare-worker polkadot-execute-worker)
ZN="$ROOT/zombienet"
LOGS="${ZOMBIENET_LOGS:-/tmp/oracle-zombienet}"
export ORACLE_PRICE_SERVER="${ORACLE_PRICE_SERVER:-http://127.0.0.1:8500}"

relay_cached() {
	local tool
	for tool in "${RELAY_TOOLS[@]}"; do
		[ -x "$RELAY_BIN/$tool" ] || return 1
	done
}

if [ "${ORACLE_RELAY_CHECK:-0}" = 1 ]; then
	relay_cached
	exit
fi

require_rust
require_native_build_tools
require_node_js

if relay_cached; then
	say "relay binaries: $RELAY_BIN ($("$RELAY_BIN/polkadot" --version))"
else
	say "building the relay binaries (polkadot-sdk $RELEASE, rococo-local only; long the first time)"
	started=$(date +%s)
	(cd "$ROOT" && cargo build --release --locked -p oracle-relay)
	mkdir -p "$RELAY_BIN"
	for tool in "${RELAY_TOOLS[@]}"; do
		cp "$CARGO_TARGET_DIR/release/$tool" "$RELAY_BIN/$tool.tmp"
		mv "$RELAY_BIN/$tool.tmp" "$RELAY_BIN/$tool"
	done
	say "relay binaries built in $(( $(date +%s) - started )) s and cached in $RELAY_BIN"
fi

if [ "${ORACLE_ZOMBIENET_BUILT:-0}" = 1 ]; then
	# The caller has just built them (CI, right after the workspace's tests).
	for binary in oracle-node price-server; do
		[ -x "$CARGO_TARGET_DIR/release/$binary" ] || die "no $binary in $CARGO_TARGET_DIR/release"
	done
else
	build_node
fi

if [ ! -x "$ZN/node_modules/.bin/zombienet" ] ||
	[ "$ZN/package-lock.json" -nt "$ZN/node_modules/.package-lock.json" ]; then
	say "installing zombienet and @polkadot/api"
	(cd "$ZN" && npm ci --no-audit --no-fund --loglevel=error)
fi

price_port="${ORACLE_PRICE_SERVER##*:}"
price_port="${price_port%%/*}"
if (exec 3<>"/dev/tcp/127.0.0.1/$price_port") 2>/dev/null; then
	say "using the price server already listening on $ORACLE_PRICE_SERVER"
else
	say "starting the price server on $ORACLE_PRICE_SERVER"
	"$CARGO_TARGET_DIR/release/price-server" --port "$price_port" --tick-ms 2000 \
		>"${TMPDIR:-/tmp}/oracle-zombienet-prices.log" 2>&1 &
	prices=$!
	trap 'kill "$prices" 2>/dev/null || true' EXIT
	for _ in $(seq 50); do
		(exec 3<>"/dev/tcp/127.0.0.1/$price_port") 2>/dev/null && break
		sleep 0.1
	done
fi

export PATH="$RELAY_BIN:$CARGO_TARGET_DIR/release:$PATH"
tests=()
if [ $# -eq 0 ]; then
	tests=("$ZN"/*.zndsl)
else
	for prefix in "$@"; do
		tests+=("$ZN/$prefix"*.zndsl)
	done
fi

mkdir -p "$LOGS"
total_started=$(date +%s)
failed=()
for test in "${tests[@]}"; do
	[ -f "$test" ] || die "no such test: $test"
	name="$(basename "$test" .zndsl)"
	rm -rf "${LOGS:?}/$name"
	say "zombienet test $name (logs: $LOGS/$name)"
	started=$(date +%s)
	if (cd "$ZN" && node_modules/.bin/zombienet -p native -d "$LOGS/$name" -f test "$test"); then
		say "$name passed in $(( $(date +%s) - started )) s"
	else
		say "$name FAILED after $(( $(date +%s) - started )) s"
		failed+=("$name")
	fi
done
if [ ${#failed[@]} -gt 0 ]; then
	die "failed: ${failed[*]}"
fi
say "all ${#tests[@]} relay-chain tests passed in $(( $(date +%s) - total_started )) s"
