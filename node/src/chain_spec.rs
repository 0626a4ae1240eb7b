//! The chain specs embedded in the node.

use oracle_runtime::genesis_config_presets::PARACHAIN_ID;
use polkadot_omni_node_lib::chain_spec::{ChainSpec, DiskChainSpecLoader, Extensions, LoadSpec};
use sc_chain_spec::ChainType;
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// The relay chain the embedded specs name: the local test relay chain.
const RELAY_CHAIN: &str = "rococo-local";

/// The generic chain spec type of the omni node.
type GenericChainSpec = polkadot_omni_node_lib::chain_spec::GenericChainSpec;

/// Token properties shown by wallets and polkadot.js.
fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), "ORC".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn runtime_code() -> Result<&'static [u8], String> {
	oracle_runtime::WASM_BINARY
		.ok_or_else(|| "the node was built without the runtime's wasm (SKIP_WASM_BUILD)".into())
}

/// A chain spec of the runtime's genesis preset `preset`.
fn preset_chain_spec(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(
		runtime_code()?,
		Extensions::new(RELAY_CHAIN.into(), PARACHAIN_ID),
	)
	.with_name(name)
	.with_id(id)
	.with_chain_type(chain_type)
	.with_genesis_config_preset_name(preset)
	.with_properties(properties())
	.build())
}

/// The `development` chain: Alice operates alone.
pub fn development_chain_spec() -> Result<GenericChainSpec, String> {
	preset_chain_spec(
		"Oracle Development",
		"oracle_dev",
		ChainType::Development,
		DEV_RUNTIME_PRESET,
	)
}

/// The `live` chain: as `development`, with the feeds fetching the venues' real endpoints.
pub fn live_chain_spec() -> Result<GenericChainSpec, String> {
	preset_chain_spec(
		"Oracle Live Development",
		"oracle_live",
		ChainType::Development,
		oracle_runtime::genesis_config_presets::LIVE_PRESET,
	)
}

/// The `local_testnet` chain: Alice and Bob operate.
pub fn local_testnet_chain_spec() -> Result<GenericChainSpec, String> {
	preset_chain_spec(
		"Oracle Local Testnet",
		"oracle_local_testnet",
		ChainType::Local,
		LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// Token properties of the consumer chain.
fn consumer_properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), "CON".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

/// A chain spec of the consumer runtime's genesis preset `preset`: the reference chain that
/// receives the oracle's rounds over XCM (para 2001).
fn consumer_chain_spec(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<GenericChainSpec, String> {
	let code = consumer_runtime::WASM_BINARY.ok_or_else(|| {
		"the node was built without the consumer runtime's wasm (SKIP_WASM_BUILD)".to_string()
	})?;
	Ok(GenericChainSpec::builder(
		code,
		Extensions::new(RELAY_CHAIN.into(), consumer_runtime::genesis_config_presets::PARACHAIN_ID),
	)
	.with_name(name)
	.with_id(id)
	.with_chain_type(chain_type)
	.with_genesis_config_preset_name(preset)
	.with_properties(consumer_properties())
	.build())
}

/// Resolves `--chain`: `dev` (also what `--dev` selects), `live` and `local` (also the
/// default) are the oracle chain's; `consumer-dev` and `consumer-local` the consumer chain's;
/// anything else is read as a chain spec file.
pub struct OracleChainSpecLoader;

impl LoadSpec for OracleChainSpecLoader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		Ok(match id {
			"dev" | "development" => Box::new(development_chain_spec()?),
			"live" => Box::new(live_chain_spec()?),
			"" | "local" | "local_testnet" => Box::new(local_testnet_chain_spec()?),
			"consumer-dev" => Box::new(consumer_chain_spec(
				"Oracle Consumer Development",
				"consumer_dev",
				ChainType::Development,
				DEV_RUNTIME_PRESET,
			)?),
			"consumer-local" => Box::new(consumer_chain_spec(
				"Oracle Consumer Local Testnet",
				"consumer_local_testnet",
				ChainType::Local,
				LOCAL_TESTNET_RUNTIME_PRESET,
			)?),
			path => DiskChainSpecLoader.load_spec(path)?,
		})
	}
}
