#!/usr/bin/env bash
# Builds the node and runs a development chain: Alice operates alone, a block every 3 s, no relay
# chain, RPC on ws://127.0.0.1:9944. Extra arguments go to the node, e.g. `-l oracle=debug`.
# shellcheck source=scripts/prerequisites.sh
source "$(dirname "${BASH_SOURCE[0]}")/prerequisites.sh"

require_rust
require_native_build_tools

say "building oracle-node (release) into $CARGO_TARGET_DIR"
(cd "$ROOT" && cargo build --release --locked -p oracle-node)

say "starting the development chain: ws://127.0.0.1:9944 (Ctrl-C stops it)"
exec "$CARGO_TARGET_DIR/release/oracle-node" --dev --tmp "$@"
