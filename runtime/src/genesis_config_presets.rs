//! Genesis presets.
//!
//! - `development`: Alice is the only operator (validator, collator and oracle operator) and the
//!   sudo key; the well-known dev accounts are endowed.
//!   Three feeds, BTC/USD, ETH/USD and DOT/USD, each fetch six venues' ticker endpoints from
//!   the local price server (`tools/price-server`) at [`LOCAL_PRICE_SERVER`].
//! - `live`: as `development`, with the same feeds fetching the venues' real public endpoints.
//! - `local_testnet`: Alice and Bob are operators; same endowments and sudo; no feeds.
//!
//! Operators are staking validators bonded at genesis with their own account as stash; their
//! session keys use the same sr25519 key for `aura` and `oracle`, as a node started with
//! `--alice`/`--bob` (or zombienet) inserts them.

use crate::{
	AccountId, BalancesConfig, BlockNumber, OracleAggregationConfig, ParachainInfoConfig, Runtime,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, StakingConfig, SudoConfig,
	EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{format, string::String, vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use frame_support::BoundedVec;
use pallet_oracle_aggregation::{
	feed_config::{FeedConfig, Source, SourceAggregation, Transform},
	hosts::HostRules,
	types::Aggregation,
	FeedConfigOf,
};
use pallet_staking::StakerStatus;
use serde_json::Value;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{Perbill, Permill};

/// The parachain id of both presets (and of the zombienet network).
pub const PARACHAIN_ID: u32 = 2000;

/// What each endowed account holds at genesis.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// What each genesis operator bonds.
pub const OPERATOR_STAKE: crate::Balance = 100_000 * UNIT;

/// The name of the preset whose feeds fetch the venues' real endpoints.
pub const LIVE_PRESET: &str = "live";

/// Where the `development` preset's feeds fetch: the local price server's default address.
pub const LOCAL_PRICE_SERVER: &str = "http://127.0.0.1:8500";

/// An asset quoted in US dollars, with the names the venues give it.
struct Asset {
	/// `BTC`.
	ticker: &'static str,
	/// Kraken's name of the asset in requests (`XBT`) and of the pair in responses
	/// (`XXBTZUSD`).
	kraken: (&'static str, &'static str),
	/// CoinGecko's id: `bitcoin`.
	coingecko: &'static str,
	/// The lowest and highest plausible prices, in whole dollars (the feed's circuit breaker).
	bounds: (i128, i128),
}

const ASSETS: [Asset; 3] = [
	Asset {
		ticker: "BTC",
		kraken: ("XBT", "XXBTZUSD"),
		coingecko: "bitcoin",
		bounds: (1_000, 10_000_000),
	},
	Asset {
		ticker: "ETH",
		kraken: ("ETH", "XETHZUSD"),
		coingecko: "ethereum",
		bounds: (10, 1_000_000),
	},
	Asset { ticker: "DOT", kraken: ("DOT", "DOTUSD"), coingecko: "polkadot", bounds: (0, 10_000) },
];

/// Decimal places of the presets' feeds.
const FEED_DECIMALS: u8 = 8;

fn bounded<S: frame_support::traits::Get<u32>>(text: &str) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(text.as_bytes().to_vec())
}

/// The six ticker endpoints of `asset` as sources: `(venue, base URL, path, JSON path)`.
fn venue_endpoints(asset: &Asset) -> [(&'static str, &'static str, String, String); 6] {
	let upper = asset.ticker;
	[
		(
			"binance",
			"https://api.binance.com",
			format!("/api/v3/ticker/price?symbol={upper}USDT"),
			"price".into(),
		),
		(
			"coinbase",
			"https://api.coinbase.com",
			format!("/v2/prices/{upper}-USD/spot"),
			"data.amount".into(),
		),
		(
			"kraken",
			"https://api.kraken.com",
			format!("/0/public/Ticker?pair={}USD", asset.kraken.0),
			format!("result.{}.c[0]", asset.kraken.1),
		),
		(
			"okx",
			"https://www.okx.com",
			format!("/api/v5/market/ticker?instId={upper}-USDT"),
			"data[0].last".into(),
		),
		(
			"bybit",
			"https://api.bybit.com",
			format!("/v5/market/tickers?category=spot&symbol={upper}USDT"),
			"result.list[0].lastPrice".into(),
		),
		(
			"coingecko",
			"https://api.coingecko.com",
			format!("/api/v3/simple/price?ids={}&vs_currencies=usd", asset.coingecko),
			format!("{}.usd", asset.coingecko),
		),
	]
}

/// The buffer parameters of the preset feeds, as the buffer study (`docs/buffer-study.md`)
/// recommends them: a round at least every 50 blocks (5 min) or on a 0.25 % move, median of
/// the operators' values, eight rounds in the buffer, stale after two heartbeats, values
/// given in the clear (commit–reveal off: the study measured its cost above what it allows).
pub const STUDY_HEARTBEAT: BlockNumber = 50;
/// The study's deviation threshold: 0.25 %.
pub const STUDY_DEVIATION_THRESHOLD: Permill = Permill::from_parts(2_500);
/// The study's buffer length.
pub const STUDY_BUFFER_LEN: u32 = 8;
/// Whether the study's feeds use commit–reveal.
pub const STUDY_COMMIT_REVEAL: bool = false;

/// The study's quorum for `operators` operators: `2f + 1` with `f` the most liars a federation
/// of that size is meant to tolerate (fewer than a third), the least the chain takes whatever a
/// feed says; 5 of the study's 7.
pub fn study_quorum(operators: u32) -> u32 {
	operators.saturating_sub(1) / 3 * 2 + 1
}

/// The feed of `asset` over its six venues for a federation of `operators`; `local` fetches
/// them from the local price server (under `/{venue}`) instead of the venues themselves.
fn feed(asset: &Asset, local: bool, operators: u32) -> FeedConfigOf<Runtime> {
	let sources: Vec<Source> = venue_endpoints(asset)
		.iter()
		.map(|(venue, host, path, json_path)| {
			let url: String = if local {
				format!("{LOCAL_PRICE_SERVER}/{venue}{path}")
			} else {
				format!("{host}{path}")
			};
			Source {
				name: bounded(venue),
				url: bounded(&url),
				json_path: bounded(json_path),
				transform: Transform { shift: 0, invert: false },
				weight: 1,
				api_key: None,
			}
		})
		.collect();
	let unit = 10i128.pow(u32::from(FEED_DECIMALS));
	FeedConfig {
		name: bounded(&format!("{}/USD", asset.ticker)),
		decimals: FEED_DECIMALS,
		sources: BoundedVec::truncate_from(sources),
		min_sources: 3,
		max_source_deviation: Permill::from_percent(1),
		source_aggregation: SourceAggregation::Median,
		aggregation: Aggregation::Median,
		quorum: study_quorum(operators),
		resolution_delay: 2,
		round_timeout: 10,
		heartbeat: STUDY_HEARTBEAT,
		deviation_threshold: STUDY_DEVIATION_THRESHOLD,
		buffer_len: STUDY_BUFFER_LEN,
		min_value: asset.bounds.0.saturating_mul(unit).max(1),
		max_value: asset.bounds.1.saturating_mul(unit),
		max_age: STUDY_HEARTBEAT.saturating_mul(2),
		commit_reveal: STUDY_COMMIT_REVEAL,
		poll_interval: 0,
	}
}

/// The presets' feeds for a federation of `operators`: BTC/USD, ETH/USD and DOT/USD, from the
/// local price server or live.
pub fn preset_feeds(local: bool, operators: u32) -> Vec<FeedConfigOf<Runtime>> {
	ASSETS.iter().map(|asset| feed(asset, local, operators)).collect()
}

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
	feeds: Vec<FeedConfigOf<Runtime>>,
	host_rules: HostRules,
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
		oracle_aggregation: OracleAggregationConfig { host_rules, feeds },
	})
}

/// The `development` preset, or with `local` false the `live` one.
fn development_config_genesis(local: bool) -> Value {
	oracle_genesis(
		vec![Sr25519Keyring::Alice],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		PARACHAIN_ID.into(),
		preset_feeds(local, 1),
		// The development chain's feeds fetch the local price server.
		HostRules { allow_loopback: local },
	)
}

/// The `local_testnet` preset.
fn local_testnet_genesis() -> Value {
	oracle_genesis(
		vec![Sr25519Keyring::Alice, Sr25519Keyring::Bob],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		PARACHAIN_ID.into(),
		Vec::new(),
		HostRules::default(),
	)
}

/// The preset called `id`, as JSON, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_str() {
		DEV_RUNTIME_PRESET => development_config_genesis(true),
		LIVE_PRESET => development_config_genesis(false),
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
	vec![
		PresetId::from(DEV_RUNTIME_PRESET),
		PresetId::from(LIVE_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
