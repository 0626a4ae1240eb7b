//! Genesis presets.
//!
//! - `development`: Alice is the only operator (validator, collator and oracle operator) and the
//!   sudo key; the well-known dev accounts are endowed.
//! - `local_testnet`: Alice and Bob are operators; same endowments and sudo.
//!
//! Operators are staking validators bonded at genesis with their own account as stash; their
//! session keys use the same sr25519 key for `aura` and `oracle`, as a node started with
//! `--alice`/`--bob` (or zombienet) inserts them.

use crate::{
	AccountId, BalancesConfig, ParachainInfoConfig, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, StakingConfig, SudoConfig, EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use pallet_staking::StakerStatus;
use serde_json::Value;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;
use sp_runtime::Perbill;

/// The parachain id of both presets (and of the zombienet network).
pub const PARACHAIN_ID: u32 = 2000;

/// What each endowed account holds at genesis.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// What each genesis operator bonds.
pub const OPERATOR_STAKE: crate::Balance = 100_000 * UNIT;

/// The session keys of a dev operator: its sr25519 key as both `aura` and `oracle` key.
pub fn dev_session_keys(account: &Sr25519Keyring) -> SessionKeys {
	SessionKeys { aura: account.public().into(), oracle: account.public().into() }
}

/// A genesis with `operators` bonded as validators, `endowed` accounts funded and `root` as sudo.
fn oracle_genesis(
	operators: Vec<Sr25519Keyring>,
	endowed: Vec<AccountId>,
	root: AccountId,
	id: ParaId,
) -> Value {
	let operator_count = operators.len() as u32;
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|account| (account, ENDOWMENT)).collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: id },
		staking: StakingConfig {
			validator_count: operator_count,
			minimum_validator_count: 1,
			stakers: operators
				.iter()
				.map(|operator| {
					let account = operator.to_account_id();
					(account.clone(), account, OPERATOR_STAKE, StakerStatus::<AccountId>::Validator)
				})
				.collect(),
			slash_reward_fraction: Perbill::from_percent(10),
			min_validator_bond: OPERATOR_STAKE / 10,
			min_nominator_bond: 10 * UNIT + EXISTENTIAL_DEPOSIT,
		},
		session: SessionConfig {
			keys: operators
				.iter()
				.map(|operator| {
					let account = operator.to_account_id();
					(account.clone(), account, dev_session_keys(operator))
				})
				.collect(),
		},
		sudo: SudoConfig { key: Some(root) },
	})
}

/// The `development` preset.
fn development_config_genesis() -> Value {
	oracle_genesis(
		vec![Sr25519Keyring::Alice],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		PARACHAIN_ID.into(),
	)
}

/// The `local_testnet` preset.
fn local_testnet_genesis() -> Value {
	oracle_genesis(
		vec![Sr25519Keyring::Alice, Sr25519Keyring::Bob],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		PARACHAIN_ID.into(),
	)
}

/// The preset called `id`, as JSON, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_str() {
		DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
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
