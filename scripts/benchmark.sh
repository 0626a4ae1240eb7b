#!/usr/bin/env bash
# Regenerates the weights of our pallets from their benchmarks.
#
# Builds the runtimes with `runtime-benchmarks` and the `oracle-bench` runner (the node's
# `benchmark pallet` needs a node built with that feature), runs every benchmark on the
# development preset of the runtime that holds the pallet and writes the pallet's
# `src/weights.rs`: the oracle runtime for oracle-aggregation, oracle-sla and oracle-delivery,
# the consumer runtime for oracle-consumer. `xcm` measures, with pallet-xcm-benchmarks on the
# oracle runtime, the XCM instructions that runtime executes (those its weigher prices) into
# `runtime/src/weights/xcm_generic.rs` and `xcm_fungible.rs`.
#
#   scripts/benchmark.sh                 # every pallet, and the XCM instructions
#   scripts/benchmark.sh oracle-sla xcm  # some of them
#
# STEPS and REPEAT can be overridden from the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/oracle-target}"
STEPS="${STEPS:-10}"
REPEAT="${REPEAT:-3}"

pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(oracle-aggregation oracle-sla oracle-delivery oracle-consumer xcm)
for pallet in "${pallets[@]}"; do
	case "$pallet" in
	oracle-aggregation | oracle-sla | oracle-delivery | oracle-consumer | xcm) ;;
	*)
		echo "unknown pallet '$pallet': expected oracle-aggregation, oracle-sla," \
			"oracle-delivery, oracle-consumer or xcm" >&2
		exit 2
		;;
	esac
done

cargo build --release --locked -p oracle-node --features bench-cli --bin oracle-bench
# `check` runs each runtime's build script, which builds its wasm with the feature.
for runtime in oracle-runtime consumer-runtime; do
	cargo check --release --locked -p "$runtime" --features runtime-benchmarks
	name="${runtime//-/_}"
	cp "$CARGO_TARGET_DIR/release/wbuild/$runtime/$name.compact.compressed.wasm" \
		"$CARGO_TARGET_DIR/$name.benchmarks.wasm"
done

# The instructions `configs::xcm::AdmissibleWeigher` prices, and nothing else: the others are
# never executed here.
declare -A xcm_instructions=(
	[generic]="buy_execution,transact,refund_surplus,set_topic,query_response"
	[fungible]="withdraw_asset,deposit_asset"
)
for pallet in "${pallets[@]}"; do
	if [ "$pallet" = xcm ]; then
		for kind in generic fungible; do
			"$CARGO_TARGET_DIR/release/oracle-bench" \
				--runtime "$CARGO_TARGET_DIR/oracle_runtime.benchmarks.wasm" \
				--genesis-builder-preset development \
				--pallet "pallet_xcm_benchmarks::$kind" \
				--extrinsic "${xcm_instructions[$kind]}" \
				--steps "$STEPS" \
				--repeat "$REPEAT" \
				--heap-pages 4096 \
				--template scripts/weight-template.hbs \
				--output "runtime/src/weights/xcm_$kind.rs"
		done
		continue
	fi
	runtime=oracle_runtime
	[ "$pallet" = oracle-consumer ] && runtime=consumer_runtime
	"$CARGO_TARGET_DIR/release/oracle-bench" \
		--runtime "$CARGO_TARGET_DIR/$runtime.benchmarks.wasm" \
		--genesis-builder-preset development \
		--pallet "pallet_${pallet//-/_}" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--heap-pages 4096 \
		--template scripts/weight-template.hbs \
		--output "pallets/$pallet/src/weights.rs"
done
