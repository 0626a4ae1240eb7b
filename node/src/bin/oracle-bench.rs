//! Runs pallet benchmarks against a runtime blob built with the `runtime-benchmarks` feature:
//!
//! ```text
//! oracle-bench --runtime <wasm> --pallet pallet_oracle_aggregation --extrinsic '*' \
//!     --genesis-builder-preset development --output <weights.rs> --template <template.hbs>
//! ```
//!
//! It takes the arguments of `benchmark pallet`.

use clap::Parser;
use frame_benchmarking_cli::PalletCmd;

/// The host functions of the runtime beyond Substrate's: Cumulus' proof-size recording.
type HostFunctions =
	(cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions,);

fn main() -> sc_cli::Result<()> {
	let cmd = PalletCmd::parse();
	cmd.run_with_spec::<sp_runtime::traits::BlakeTwo256, HostFunctions>(None)
}
