#!/usr/bin/env bash
# Regenerates the weights of the oracle pallets from their benchmarks.
#
# Builds the runtime with `runtime-benchmarks` and the `oracle-bench` runner (the node's
# `benchmark pallet` needs a node built with that feature), runs every benchmark on the
# development preset and writes each pallet's `src/weights.rs`.
#
#   scripts/benchmark.sh                 # both pallets
#   scripts/benchmark.sh oracle-sla      # one of them: oracle-aggregation or oracle-sla
#
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

pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(oracle-aggregation oracle-sla)
for pallet in "${pallets[@]}"; do
	case "$pallet" in
	oracle-aggregation | oracle-sla) ;;
	*)
		echo "unknown pallet '$pallet': expected oracle-aggregation or oracle-sla" >&2
		exit 2
		;;
	esac
	"$CARGO_TARGET_DIR/release/oracle-bench" \
		--runtime "$saved" \
		--genesis-builder-preset development \
		--pallet "pallet_${pallet//-/_}" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--heap-pages 4096 \
		--template scripts/weight-template.hbs \
		--output "pallets/$pallet/src/weights.rs"
done
