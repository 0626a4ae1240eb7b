#!/usr/bin/env bash
# Regenerates the weights of the oracle-aggregation pallet from its benchmarks.
#
# Builds the runtime with `runtime-benchmarks` and the `oracle-bench` runner (the node's
# `benchmark pallet` needs a node built with that feature), runs every benchmark on the
# development preset and writes `pallets/oracle-aggregation/src/weights.rs`.
# STEPS and REPEAT can be overridden from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/oracle-target}"
STEPS="${STEPS:-10}"
REPEAT="${REPEAT:-3}"

cargo build --release --locked -p oracle-node --features bench-cli --bin oracle-bench
# `check` runs the runtime's build script, which builds the wasm with the feature.
cargo check --release --locked -p oracle-runtime --features runtime-benchmarks
wasm="$CARGO_TARGET_DIR/release/wbuild/oracle-runtime/oracle_runtime.compact.compressed.wasm"
saved="$CARGO_TARGET_DIR/oracle_runtime.benchmarks.wasm"
cp "$wasm" "$saved"

"$CARGO_TARGET_DIR/release/oracle-bench" \
	--runtime "$saved" \
	--genesis-builder-preset development \
	--pallet pallet_oracle_aggregation \
	--extrinsic '*' \
	--steps "$STEPS" \
	--repeat "$REPEAT" \
	--heap-pages 4096 \
	--template scripts/weight-template.hbs \
	--output pallets/oracle-aggregation/src/weights.rs
