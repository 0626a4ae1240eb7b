//! A rococo-local relay-chain node for the zombienet tests.
//!
//! This is the stock polkadot command line of the polkadot-sdk release the collator is built
//! from, with only the rococo runtime compiled in. It exists so that the relay shares the
//! collator's build instead of compiling a second, full polkadot node.

fn main() {
	if let Err(error) = polkadot_cli::run() {
		eprintln!("Error: {error}");
		std::process::exit(1);
	}
}
