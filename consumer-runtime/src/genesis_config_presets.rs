//! Genesis presets: `development` (Alice collates) and `local_testnet` (Alice and Bob); both
//! endow the well-known dev accounts, make Alice sudo and use para id [`PARACHAIN_ID`].

use crate::{
	AccountId, AuraConfig, BalancesConfig, ParachainInfoConfig, RuntimeGenesisConfig, SudoConfig,
	UNIT,
};
use alloc::{vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;

/// The para id of the presets.
pub const PARACHAIN_ID: u32 = 2001;

/// What each endowed account holds at genesis.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

fn consumer_genesis(collators: Vec<Sr25519Keyring>, root: AccountId, id: ParaId) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: Sr25519Keyring::well_known()
				.map(|k| (k.to_account_id(), ENDOWMENT))
				.collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: id },
		aura: AuraConfig { authorities: collators.iter().map(|k| k.public().into()).collect() },
		sudo: SudoConfig { key: Some(root) },
	})
}

/// The preset called `id`, as JSON, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_str() {
		DEV_RUNTIME_PRESET => consumer_genesis(
			vec![Sr25519Keyring::Alice],
			Sr25519Keyring::Alice.to_account_id(),
			PARACHAIN_ID.into(),
		),
		LOCAL_TESTNET_RUNTIME_PRESET => consumer_genesis(
			vec![Sr25519Keyring::Alice, Sr25519Keyring::Bob],
			Sr25519Keyring::Alice.to_account_id(),
			PARACHAIN_ID.into(),
		),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
