#!/usr/bin/env bash
# Fuzzes what an operator's offchain worker reads from the network and from the chain
# (fuzz/fuzz_targets): each target runs on its committed corpus (fuzz/corpus/<target>) for a
# given time, adding what it finds to the corpus; a crash stops it with the input under
# fuzz/artifacts/<target>/.
#
#   scripts/fuzz.sh [seconds per target, default 300] [target...]
#
# Targets: json_path, decimal, aggregation, feed_config (all by default). FUZZ_JOBS (default 1)
# runs that many fuzzing processes per target. `cargo fuzz` needs nightly compiler flags: with
# the pinned stable toolchain they are unlocked with RUSTC_BOOTSTRAP=1 (no other toolchain is
# needed). Builds go to $CARGO_TARGET_DIR/x86_64-unknown-linux-gnu, apart from the node's.
# shellcheck source=scripts/prerequisites.sh
source "$(dirname "${BASH_SOURCE[0]}")/prerequisites.sh"
require_rust

CARGO_FUZZ_VERSION=0.13.2
SECONDS_PER_TARGET="${1:-300}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(json_path decimal aggregation feed_config)
JOBS="${FUZZ_JOBS:-1}"

if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
	say "installing cargo-fuzz $CARGO_FUZZ_VERSION"
	cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

export RUSTC_BOOTSTRAP=1
cd "$ROOT" || exit 1
# No AddressSanitizer: the code under test has no `unsafe`. Debug assertions and overflow
# checks are on, so arithmetic overflow is a crash too.
FUZZ_ARGS=(--sanitizer none --release --debug-assertions)
say "building the fuzz targets"
cargo fuzz build "${FUZZ_ARGS[@]}"
# With one process libFuzzer reports on stderr (kept in /tmp/fuzz-<target>.log); with several,
# each writes fuzz-<n>.log in the current directory, moved to /tmp/fuzz-<target>-<n>.log.
PARALLEL=()
[ "$JOBS" -gt 1 ] && PARALLEL=(-jobs="$JOBS" -workers="$JOBS")
for target in "${TARGETS[@]}"; do
	say "fuzzing $target for ${SECONDS_PER_TARGET}s ($JOBS process(es))"
	mkdir -p "fuzz/corpus/$target"
	cargo fuzz run "${FUZZ_ARGS[@]}" "$target" "fuzz/corpus/$target" -- \
		-max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 "${PARALLEL[@]}" 2>&1 | tee "/tmp/fuzz-$target.log"
	for log in fuzz-*.log; do
		[ -e "$log" ] && mv "$log" "/tmp/fuzz-$target-${log#fuzz-}"
	done
	grep -h 'stat::number_of_executed_units' "/tmp/fuzz-$target"*.log |
		awk -v t="$target" '{n += $2} END {printf "%s: %d executions\n", t, n}'
done
