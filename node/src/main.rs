//! `oracle-node`: the collator and oracle operator node of the oracle parachain.
//!
//! A thin binary on `polkadot-omni-node-lib`: the node logic is polkadot-sdk's omni node; this
//! binary adds the runtime's chain specs, so that `--dev` and `--chain local` need no spec file.
//!
//! - `oracle-node --dev`: the `development` preset alone, with manual seal (a block every 3 s, no
//!   relay chain), offchain workers with HTTP on.
//! - `oracle-node --chain local …`: the `local_testnet` preset (Alice and Bob operate).
//! - `oracle-node --chain consumer-local …` (or `consumer-dev`): the consumer chain (para 2001),
//!   the reference receiver of the oracle's rounds over XCM.
//! - `oracle-node --chain <file>`: any chain spec file.
//!
//! Everything else (collator mode with `-- --chain <relay spec>`, `export-genesis-head`,
//! `export-genesis-wasm`, `build-spec`, `key`, benchmarks) is the omni node's.

mod chain_spec;

use polkadot_omni_node_lib::{
	run, runtime::DefaultRuntimeResolver, CliConfig as CliConfigT, RunConfig, NODE_VERSION,
};

struct CliConfig;

impl CliConfigT for CliConfig {
	fn impl_version() -> String {
		format!("{}-omni-{NODE_VERSION}", env!("CARGO_PKG_VERSION"))
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/oracle-parachain/issues".into()
	}

	fn copyright_start_year() -> u16 {
		2026
	}
}

fn main() {
	let config = RunConfig::new(
		Box::new(DefaultRuntimeResolver),
		Box::new(chain_spec::OracleChainSpecLoader),
	);
	if let Err(error) = run::<CliConfig>(config) {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
