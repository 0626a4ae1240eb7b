#!/usr/bin/env bash
# Builds the node and the local price server and runs a development chain: Alice operates alone,
# a block every 3 s, no relay chain, RPC on ws://127.0.0.1:9944. The price server serves the
# development preset's feeds (BTC/USD, ETH/USD, DOT/USD) on http://127.0.0.1:8500, so prices
# resolve offline; if something already listens there, it is used as it is. The dashboard is
# served on http://127.0.0.1:8080 (DASHBOARD_PORT). Extra arguments go to the node, e.g.
# `-l oracle=debug`.
# shellcheck source=scripts/prerequisites.sh
source "$(dirname "${BASH_SOURCE[0]}")/prerequisites.sh"

require_rust
require_native_build_tools

build_node

if (exec 3<>/dev/tcp/127.0.0.1/8500) 2>/dev/null; then
	say "something already listens on 127.0.0.1:8500; using it as the price server"
else
	say "starting the price server on http://127.0.0.1:8500 (true prices: /true/BTC)"
	"$CARGO_TARGET_DIR/release/price-server" --port 8500 &
	prices=$!
fi

dashboard_port="${DASHBOARD_PORT:-8080}"
if ! (require_node_js && install_dashboard_packages); then
	say "no dashboard: it needs Node.js 20 or newer and its npm packages (see above)"
elif (exec 3<>"/dev/tcp/127.0.0.1/$dashboard_port") 2>/dev/null; then
	say "something already listens on 127.0.0.1:$dashboard_port; no dashboard started"
else
	node "$ROOT/dashboard/server.mjs" --port "$dashboard_port" >/dev/null &
	dashboard=$!
	say "dashboard: http://127.0.0.1:$dashboard_port (live feeds, rounds, SLA, operators, source health)"
fi
trap 'kill ${prices:-} ${dashboard:-} 2>/dev/null' EXIT

say "starting the development chain: ws://127.0.0.1:9944 (Ctrl-C stops it)"
"$CARGO_TARGET_DIR/release/oracle-node" --dev --tmp "$@"
