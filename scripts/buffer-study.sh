#!/usr/bin/env bash
# Runs the buffer study (tools/buffer-study) and regenerates docs/buffer-study.md, its plots and
# docs/buffer-study/recommended.json, which the runtime's preset feeds are tested against.
# Seeded: a re-run reproduces the committed files. Extra arguments go to the tool
# (--seed N, --hours H, --threads T, --out DIR).
# shellcheck source=scripts/prerequisites.sh
source "$(dirname "${BASH_SOURCE[0]}")/prerequisites.sh"
require_rust
require_native_build_tools
cd "$ROOT" || exit 1
say "cargo build --release -p buffer-study"
cargo build --release --locked -p buffer-study
"$CARGO_TARGET_DIR/release/buffer-study" "$@"
