#!/usr/bin/env bash
# Builds the node and the local price server and runs a development chain: Alice operates alone,
# a block every 3 s, no relay chain, RPC on ws://127.0.0.1:9944. The price server serves the
# development preset's feeds (BTC/USD, ETH/USD, DOT/USD) on http://127.0.0.1:8500, so prices
# resolve offline; if something already listens there, it is used as it is. Extra arguments go
# to the node, e.g. `-l oracle=debug`.
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
	trap 'kill "$prices" 2>/dev/null' EXIT
fi

say "starting the development chain: ws://127.0.0.1:9944 (Ctrl-C stops it)"
"$CARGO_TARGET_DIR/release/oracle-node" --dev --tmp "$@"
