//! Tests of the runtime as a whole: genesis presets, session keys and the staked operator set.

use crate::{
	configs::SessionsPerEra, genesis_config_presets as presets, AccountId, OracleAggregation,
	Runtime, RuntimeGenesisConfig, RuntimeOrigin, Session, SessionKeys, Staking, System,
};
use codec::Encode;
use frame_support::{assert_ok, genesis_builder_helper::build_state};
use sp_core::crypto::KeyTypeId;
use sp_keyring::Sr25519Keyring;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{traits::OpaqueKeys, BuildStorage};
use std::sync::Arc;

/// Merges `patch` into `base` the way chain-spec building applies a preset: objects are merged
/// key by key, anything else is replaced.
fn json_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				json_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The full genesis config of the preset `name`: its patch over the default config, as JSON.
fn preset_config(name: &str) -> Vec<u8> {
	let patch = presets::get_preset(&name.into()).expect("the preset exists");
	let patch: serde_json::Value = serde_json::from_slice(&patch).expect("presets are json");
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).expect("the default serialises");
	json_merge(&mut config, patch);
	serde_json::to_vec(&config).expect("json serialises")
}

/// Externalities whose storage is the genesis of the preset `name`, with a keystore.
pub(crate) fn preset_ext(name: &str) -> sp_io::TestExternalities {
	let preset = preset_config(name);
	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.register_extension(KeystoreExt(Arc::new(MemoryKeystore::new())));
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(preset))
		.expect("the preset builds into storage");
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn aura_authorities() -> Vec<crate::AuraId> {
	pallet_aura::Authorities::<Runtime>::get().into_inner()
}

fn oracle_operators() -> Vec<AccountId> {
	pallet_oracle_aggregation::Operators::<Runtime>::get()
		.into_iter()
		.map(|(account, _)| account)
		.collect()
}

fn accounts(keys: &[Sr25519Keyring]) -> Vec<AccountId> {
	keys.iter().map(|k| k.to_account_id()).collect()
}

fn aura_keys(keys: &[Sr25519Keyring]) -> Vec<crate::AuraId> {
	keys.iter().map(|k| k.public().into()).collect()
}

/// The runtime's invariants: the session's validators are exactly Aura's authorities and the
/// oracle's operators, keyed by their session keys (no test changes a sitting validator's keys,
/// so its registered keys are the ones in use); every pallet's `try_state` holds (all pallets'
/// with the `try-runtime` feature, the oracle pallet's always).
fn try_state() {
	let validators = Session::validators();
	let keys: Vec<SessionKeys> = validators
		.iter()
		.map(|v| pallet_session::NextKeys::<Runtime>::get(v).expect("validators have keys"))
		.collect();
	let operators = pallet_oracle_aggregation::Operators::<Runtime>::get();
	assert_eq!(operators.len(), validators.len());
	for ((validator, keys), (operator, oracle_key)) in validators.iter().zip(&keys).zip(&operators)
	{
		assert_eq!(validator, operator);
		assert_eq!(&keys.oracle, oracle_key);
	}
	let session_aura: Vec<_> = keys.iter().map(|k| k.aura.clone()).collect();
	assert_eq!(aura_authorities(), session_aura);
	pallet_oracle_aggregation::Pallet::<Runtime>::do_try_state()
		.expect("the oracle pallet's invariants hold");
	pallet_oracle_sla::Pallet::<Runtime>::do_try_state().expect("the SLA pallet's invariants hold");
	#[cfg(feature = "try-runtime")]
	{
		use frame_support::traits::{TryState, TryStateSelect};
		<crate::AllPalletsWithSystem as TryState<_>>::try_state(
			System::block_number(),
			TryStateSelect::All,
		)
		.expect("the runtime's try_state invariants hold");
	}
}

#[test]
fn every_preset_builds_into_raw_storage() {
	let names = presets::preset_names();
	assert_eq!(names.len(), 3);
	for name in names {
		let patch = presets::get_preset(&name).expect("listed presets exist");
		let json: serde_json::Value = serde_json::from_slice(&patch).expect("preset is json");
		assert!(json.get("parachainInfo").is_some(), "{name}: zombienet needs parachainInfo");
		// The patch, merged over the default config as chain-spec building does, builds.
		let preset = preset_config(&name);
		let mut ext = sp_io::TestExternalities::new(Default::default());
		ext.execute_with(|| build_state::<RuntimeGenesisConfig>(preset))
			.unwrap_or_else(|e| panic!("{name} does not build: {e}"));
		// Count the keys the genesis wrote.
		let keys = ext.execute_with(|| {
			let mut count = 0usize;
			let mut key = Vec::new();
			while let Some(next) = sp_io::storage::next_key(&key) {
				count += 1;
				key = next;
			}
			count
		});
		assert!(keys > 50, "{name}: only {keys} keys");
	}
	// The default config builds too (it is what a spec without preset starts from).
	assert!(RuntimeGenesisConfig::default().build_storage().is_ok());
}

#[test]
fn development_preset_has_alice_as_sole_operator_and_sudo() {
	preset_ext("development").execute_with(|| {
		let alice = Sr25519Keyring::Alice;
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice.to_account_id()));
		assert_eq!(Session::validators(), accounts(&[alice]));
		assert_eq!(aura_authorities(), aura_keys(&[alice]));
		assert_eq!(oracle_operators(), accounts(&[alice]));
		assert_eq!(pallet_staking::Validators::<Runtime>::count(), 1);
		assert_eq!(
			staging_parachain_info::Pallet::<Runtime>::parachain_id(),
			presets::PARACHAIN_ID.into()
		);
		for dev in Sr25519Keyring::well_known() {
			assert!(pallet_balances::Pallet::<Runtime>::free_balance(dev.to_account_id()) > 0);
		}
		try_state();
	});
}

#[test]
fn local_testnet_preset_has_alice_and_bob_as_operators() {
	preset_ext("local_testnet").execute_with(|| {
		let both = [Sr25519Keyring::Alice, Sr25519Keyring::Bob];
		let sorted = |mut v: Vec<AccountId>| {
			v.sort();
			v
		};
		assert_eq!(sorted(Session::validators()), sorted(accounts(&both)));
		assert_eq!(sorted(oracle_operators()), sorted(accounts(&both)));
		let mut aura = aura_authorities();
		aura.sort();
		let mut expected = aura_keys(&both);
		expected.sort();
		assert_eq!(aura, expected);
		// Aura's order is the session's order (try_state checks it key by key).
		try_state();
	});
}

#[test]
fn session_keys_carry_aura_and_oracle_keys() {
	let alice = Sr25519Keyring::Alice;
	let keys = presets::dev_session_keys(&alice);
	let raw = SessionKeys::decode_into_raw_public_keys(&keys.encode()).expect("keys decode");
	assert_eq!(
		raw,
		vec![
			(alice.public().0.to_vec(), KeyTypeId(*b"aura")),
			(alice.public().0.to_vec(), pallet_oracle_aggregation::KEY_TYPE),
		]
	);
	assert_eq!(SessionKeys::key_ids(), &[KeyTypeId(*b"aura"), KeyTypeId(*b"orcl")]);
}

#[test]
fn generated_session_keys_prove_ownership_and_are_accepted() {
	preset_ext("development").execute_with(|| {
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let generated = SessionKeys::generate(&charlie.encode(), None);
		assert!(generated
			.keys
			.ownership_proof_is_valid(&charlie.encode(), &generated.proof.encode()));
		// Ownership by another account does not verify.
		let dave = Sr25519Keyring::Dave.to_account_id();
		assert!(!generated
			.keys
			.ownership_proof_is_valid(&dave.encode(), &generated.proof.encode()));
		assert_ok!(Session::set_keys(
			RuntimeOrigin::signed(charlie.clone()),
			generated.keys.clone(),
			generated.proof.encode(),
		));
		assert_eq!(pallet_session::NextKeys::<Runtime>::get(&charlie), Some(generated.keys));
	});
}

/// Rotates sessions until the era index has moved on by `eras`.
fn rotate_eras(eras: u32) {
	let target = pallet_staking::ActiveEra::<Runtime>::get().map(|e| e.index).unwrap_or(0) + eras;
	let mut guard = 0;
	while pallet_staking::ActiveEra::<Runtime>::get().map(|e| e.index).unwrap_or(0) < target {
		Session::rotate_session();
		guard += 1;
		assert!(guard <= (eras + 1) * SessionsPerEra::get() + 2, "eras do not advance");
	}
	// The session after the era change applies the queued keys of the new set.
	Session::rotate_session();
}

#[test]
fn staking_elects_the_aura_authorities_and_oracle_operators_across_eras() {
	preset_ext("development").execute_with(|| {
		let alice = Sr25519Keyring::Alice;
		let bob = Sr25519Keyring::Bob;
		let bob_account = bob.to_account_id();

		// Bob bonds, registers session keys and declares himself a validator.
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(bob_account.clone()),
			presets::OPERATOR_STAKE,
			pallet_staking::RewardDestination::Staked,
		));
		let generated = SessionKeys::generate(&bob_account.encode(), None);
		let bob_keys = generated.keys.clone();
		assert_ok!(Session::set_keys(
			RuntimeOrigin::signed(bob_account.clone()),
			generated.keys,
			generated.proof.encode(),
		));
		assert_ok!(Staking::validate(
			RuntimeOrigin::signed(bob_account.clone()),
			Default::default()
		));
		assert_ok!(Staking::set_validator_count(RuntimeOrigin::root(), 2));

		// Until the next era, Alice alone is the operator set.
		Session::rotate_session();
		assert_eq!(aura_authorities(), aura_keys(&[alice]));

		rotate_eras(1);
		let mut expected = accounts(&[alice, bob]);
		expected.sort();
		let mut validators = Session::validators();
		validators.sort();
		assert_eq!(validators, expected);
		let mut operators = oracle_operators();
		operators.sort();
		assert_eq!(operators, expected);
		assert!(aura_authorities().contains(&bob_keys.aura));
		assert!(aura_authorities().contains(&alice.public().into()));
		assert_eq!(pallet_aura::Pallet::<Runtime>::authorities_len(), 2);
		assert!(
			pallet_oracle_aggregation::Pallet::<Runtime>::operator_of(&bob_keys.oracle).is_some()
		);

		// Bob stops validating: one era later he is out of Aura and of the oracle.
		assert_ok!(Staking::chill(RuntimeOrigin::signed(bob_account.clone())));
		rotate_eras(1);
		assert_eq!(Session::validators(), accounts(&[alice]));
		assert_eq!(aura_authorities(), aura_keys(&[alice]));
		assert_eq!(oracle_operators(), accounts(&[alice]));
		assert!(
			pallet_oracle_aggregation::Pallet::<Runtime>::operator_of(&bob_keys.oracle).is_none()
		);
		try_state();
	});
}

#[test]
fn slash_defer_window_is_shorter_than_bonding() {
	use crate::configs::{BondingDuration, SlashDeferDuration};
	assert!(SlashDeferDuration::get() < BondingDuration::get());
	assert!(SlashDeferDuration::get() > 0, "a slash must be cancellable before it applies");
}

#[test]
fn runtime_integrity() {
	use frame_support::traits::IntegrityTest;
	sp_io::TestExternalities::default().execute_with(|| {
		<crate::AllPalletsWithSystem as IntegrityTest>::integrity_test();
	});
}

/// A chain started from any preset records each oracle pallet's storage layout version, so that
/// a migration can tell what it upgrades from.
#[test]
fn genesis_records_each_oracle_pallets_storage_version() {
	use frame_support::traits::{GetStorageVersion, StorageVersion};
	for preset in ["development", "local_testnet", "live"] {
		preset_ext(preset).execute_with(|| {
			let versions = [
				(
					crate::OracleAggregation::on_chain_storage_version(),
					crate::OracleAggregation::in_code_storage_version(),
				),
				(
					crate::OracleSla::on_chain_storage_version(),
					crate::OracleSla::in_code_storage_version(),
				),
				(
					crate::OracleDelivery::on_chain_storage_version(),
					crate::OracleDelivery::in_code_storage_version(),
				),
			];
			let expected = [1, 1, 2].map(StorageVersion::new);
			for ((on_chain, in_code), expected) in versions.into_iter().zip(expected) {
				assert_eq!(in_code, expected);
				assert_eq!(on_chain, in_code, "{preset}");
			}
		});
	}
}

/// The buffer study's recommendation, as its tool writes it.
const BUFFER_STUDY: &str = include_str!("../../docs/buffer-study/recommended.json");

#[test]
fn preset_feeds_follow_the_buffer_study() {
	use pallet_oracle_aggregation::types::Aggregation;
	let study: serde_json::Value = serde_json::from_str(BUFFER_STUDY).expect("the study's json");
	let number = |key: &str| study[key].as_u64().unwrap_or_else(|| panic!("{key} in {study}"));
	// The quorum rule reproduces the study's choice for the study's federation.
	assert_eq!(study["quorum_rule"], "2f+1");
	assert_eq!(u64::from(presets::study_quorum(number("operators") as u32)), number("quorum"));
	assert_eq!(study["aggregation"], "Median");
	assert_eq!(study["read_running_mean"], false);
	for local in [true, false] {
		for config in presets::preset_feeds(local, 1) {
			assert_eq!(config.aggregation, Aggregation::Median);
			assert_eq!(config.quorum, presets::study_quorum(1));
			assert_eq!(u64::from(config.heartbeat), number("heartbeat"));
			assert_eq!(
				u64::from(config.deviation_threshold.deconstruct()),
				number("deviation_threshold_ppm")
			);
			assert_eq!(u64::from(config.buffer_len), number("buffer_len"));
			assert_eq!(u64::from(config.resolution_delay), number("resolution_delay"));
			assert_eq!(u64::from(config.round_timeout), number("round_timeout"));
			assert_eq!(u64::from(config.max_age), number("max_age"));
			assert_eq!(Some(config.commit_reveal), study["commit_reveal"].as_bool());
		}
	}
	// The genesis of the development preset holds exactly those feeds.
	preset_ext("development").execute_with(|| {
		for (feed_id, config) in (0..).zip(presets::preset_feeds(true, 1)) {
			assert_eq!(pallet_oracle_aggregation::Feeds::<Runtime>::get(feed_id), Some(config));
		}
	});
}

#[test]
fn development_feeds_fetch_six_venues_of_the_local_price_server() {
	use pallet_oracle_aggregation::{offchain::source_value, types::FeedStatus};
	use price_server::{Market, Server, Symbol};

	let symbols = ["BTC=98000", "ETH=3500", "DOT=7.5"].map(|s| Symbol::parse(s).expect("valid"));
	let mut server =
		Server { market: Market::new(1, symbols.to_vec(), 1_000, 500), faults: Default::default() };
	preset_ext("development").execute_with(|| {
		let names: Vec<_> = (0..3)
			.map(|feed_id| {
				let config =
					pallet_oracle_aggregation::Feeds::<Runtime>::get(feed_id).expect("a feed");
				let ticker = String::from_utf8(config.name.to_vec()).expect("utf-8");
				let ticker = ticker.trim_end_matches("/USD").to_string();
				assert!(config.sources.len() >= 5);
				let truth = server.market.truth(&ticker, 0).expect("a served symbol");
				for source in config.sources.iter() {
					let url = String::from_utf8(source.url.to_vec()).expect("utf-8");
					let target = url
						.strip_prefix(presets::LOCAL_PRICE_SERVER)
						.unwrap_or_else(|| panic!("{url} is not on the local price server"));
					let response = server.respond(target, 0, 0);
					let value = source_value(source, config.decimals, response.body.as_bytes())
						.unwrap_or_else(|e| panic!("{url}: {e:?} in {}", response.body));
					// Eight decimals on both sides: the venue's quote, exactly.
					assert!(truth.min <= value && value <= truth.max, "{url}: {value}");
				}
				let state = OracleAggregation::state(feed_id).expect("a state");
				assert_eq!(state.status, FeedStatus::Active);
				config.name.to_vec()
			})
			.collect();
		assert_eq!(names, [b"BTC/USD".to_vec(), b"ETH/USD".to_vec(), b"DOT/USD".to_vec()]);
		try_state();
	});
	preset_ext("live").execute_with(|| {
		for feed_id in 0..3 {
			let config = pallet_oracle_aggregation::Feeds::<Runtime>::get(feed_id).expect("a feed");
			for source in config.sources.iter() {
				assert!(source.url.starts_with(b"https://"), "live sources are the venues'");
			}
		}
	});
	preset_ext("local_testnet").execute_with(|| {
		assert!(pallet_oracle_aggregation::Feeds::<Runtime>::get(0).is_none());
	});
}

mod sla {
	//! The SLA pallet against the real staking, session and offences pallets.

	use super::*;
	use crate::{configs::SlashDeferDuration, Balance, Balances, OracleSla, RuntimeEvent};
	use frame_support::traits::fungible::Inspect;
	use oracle_primitives::rounds::{Answer, OnRoundResolved, RoundOutcome};
	use sp_runtime::Perbill;

	const PRICE: i128 = 9_800_000_000_000;

	fn active_era() -> u32 {
		pallet_staking::ActiveEra::<Runtime>::get().map(|e| e.index).unwrap_or(0)
	}

	fn stake(who: &AccountId) -> Balance {
		pallet_staking::Ledger::<Runtime>::get(who).map(|l| l.total).unwrap_or(0)
	}

	/// Closes round `round_id` of feed 0 with `answers` (operator, value) against `PRICE`.
	fn close_round(round_id: u32, answers: &[(&AccountId, i128)], missing: &[&AccountId]) {
		let now = System::block_number();
		let outcome = RoundOutcome {
			feed_id: 0,
			round_id,
			value: Some(PRICE),
			decimals: 8,
			closed_at_ms: 0,
			reference: Some(PRICE),
			band: Some((PRICE, PRICE)),
			previous: None,
			// A federation of four.
			faults: 1,
			spanned_at: Some(now),
			started_at: now,
			opened_at: now,
			closed_at: now,
			answers: answers
				.iter()
				.map(|(operator, value)| Answer {
					operator: (*operator).clone(),
					value: *value,
					at: now,
					in_bounds: true,
				})
				.collect(),
			missing: missing.iter().map(|m| (*m).clone()).collect(),
			pending: Vec::new(),
		};
		<OracleSla as OnRoundResolved<AccountId, u32>>::on_rounds_resolved(&[outcome]);
	}

	/// Charlie nominates Alice with `amount`; from the next era on he backs her.
	fn charlie_nominates_alice(amount: Balance) -> AccountId {
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(charlie.clone()),
			amount,
			pallet_staking::RewardDestination::Stash,
		));
		assert_ok!(Staking::nominate(
			RuntimeOrigin::signed(charlie.clone()),
			vec![Sr25519Keyring::Alice.to_account_id().into()],
		));
		rotate_eras(1);
		charlie
	}

	fn offences_of_kind(kind: &[u8; 16]) -> usize {
		System::events()
			.iter()
			.filter(|r| {
				matches!(&r.event, RuntimeEvent::Offences(pallet_offences::Event::Offence {
					kind: k, ..
				}) if k == kind)
			})
			.count()
	}

	#[test]
	fn sla_calls_refuse_with_typed_errors() {
		use frame_support::assert_noop;
		use pallet_oracle_sla::{
			types::{SlaTerms, TermsError},
			Error,
		};
		use sp_runtime::Permill;
		preset_ext("development").execute_with(|| {
			let terms = crate::configs::DefaultSlaTerms::get();
			let alice = RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id());
			assert_noop!(
				OracleSla::set_terms(alice.clone(), 0, terms),
				sp_runtime::DispatchError::BadOrigin
			);
			assert_noop!(
				OracleSla::set_terms(RuntimeOrigin::root(), 99, terms),
				Error::<Runtime>::UnknownFeed
			);
			let invalid = [
				(
					SlaTerms { deviation_tolerance: Permill::zero(), ..terms },
					TermsError::ZeroTolerance,
				),
				(SlaTerms { max_latency: 0, ..terms }, TermsError::ZeroLatency),
				(
					SlaTerms { missed_rounds_threshold: Permill::zero(), ..terms },
					TermsError::ZeroMissThreshold,
				),
				(
					SlaTerms { deviation_slash: Perbill::from_percent(20), ..terms },
					TermsError::SlashAboveCap,
				),
				(
					SlaTerms {
						deviation_slash: Perbill::from_percent(30),
						max_deviation_slash: Perbill::from_percent(30),
						..terms
					},
					TermsError::CapAboveLimit,
				),
				(
					SlaTerms { max_miss_slash: Perbill::from_percent(1), ..terms },
					TermsError::MissSlashWouldDisable,
				),
				(
					SlaTerms { deviation_slash: Perbill::from_parts(9_999_999), ..terms },
					TermsError::DeviationSlashBelowDisabling,
				),
			];
			for (bad, reason) in invalid {
				assert_noop!(
					OracleSla::set_terms(RuntimeOrigin::root(), 0, bad),
					Error::<Runtime>::InvalidTerms(reason)
				);
			}
			assert_noop!(OracleSla::clear_terms(alice, 0), sp_runtime::DispatchError::BadOrigin);
			assert_noop!(
				OracleSla::clear_terms(RuntimeOrigin::root(), 0),
				Error::<Runtime>::NoTerms
			);
			// `TooManyFeeds` cannot happen here: the runtime allows as many SLA states as feeds.
			assert_eq!(
				<Runtime as pallet_oracle_sla::Config>::MaxFeeds::get(),
				<Runtime as pallet_oracle_aggregation::Config>::MaxFeeds::get()
			);
			assert_ok!(OracleSla::set_terms(RuntimeOrigin::root(), 0, terms));
			assert_ok!(OracleSla::clear_terms(RuntimeOrigin::root(), 0));
			try_state();
		});
	}

	#[test]
	fn a_liar_and_its_nominator_lose_stake_after_the_defer_window() {
		preset_ext("development").execute_with(|| {
			let alice = Sr25519Keyring::Alice.to_account_id();
			let charlie = charlie_nominates_alice(presets::OPERATOR_STAKE / 2);
			let (alice_before, charlie_before) = (stake(&alice), stake(&charlie));
			let era = active_era();

			// 3 % off with a 1 % tolerance: a 3 % slash.
			close_round(1, &[(&alice, PRICE + PRICE * 3 / 100)], &[]);
			assert_eq!(offences_of_kind(b"oracle:deviation"), 1);
			let due = era + SlashDeferDuration::get() + 1;
			assert_eq!(pallet_staking::UnappliedSlashes::<Runtime>::get(due).len(), 1);
			assert_eq!(pallet_oracle_sla::Stats::<Runtime>::get(&alice).unwrap().penalties, 1);

			// Nothing is taken during the defer window.
			rotate_eras(SlashDeferDuration::get());
			assert_eq!((stake(&alice), stake(&charlie)), (alice_before, charlie_before));
			rotate_eras(1);
			assert_eq!(stake(&alice), alice_before - Perbill::from_percent(3) * alice_before);
			assert_eq!(stake(&charlie), charlie_before - Perbill::from_percent(3) * charlie_before);
			let stats = pallet_oracle_sla::Stats::<Runtime>::get(&alice).unwrap();
			assert_eq!(stats.slashed, Perbill::from_percent(3) * alice_before);
			try_state();
		});
	}

	#[test]
	fn a_cancelled_slash_does_not_land() {
		preset_ext("development").execute_with(|| {
			let alice = Sr25519Keyring::Alice.to_account_id();
			let charlie = charlie_nominates_alice(presets::OPERATOR_STAKE / 2);
			let (alice_before, charlie_before) = (stake(&alice), stake(&charlie));
			let due = active_era() + SlashDeferDuration::get() + 1;
			close_round(1, &[(&alice, PRICE * 2)], &[]);
			assert_eq!(pallet_staking::UnappliedSlashes::<Runtime>::get(due).len(), 1);

			// The dispute: Root cancels the slash before it applies.
			assert_ok!(Staking::cancel_deferred_slash(RuntimeOrigin::root(), due, vec![0]));
			rotate_eras(SlashDeferDuration::get() + 2);
			assert_eq!((stake(&alice), stake(&charlie)), (alice_before, charlie_before));
			assert_eq!(pallet_oracle_sla::Stats::<Runtime>::get(&alice).unwrap().slashed, 0);
			try_state();
		});
	}

	#[test]
	fn an_honest_operator_is_never_reported() {
		preset_ext("development").execute_with(|| {
			let alice = Sr25519Keyring::Alice.to_account_id();
			for round in 1..=20 {
				// Within the 1 % tolerance either side.
				close_round(
					round,
					&[(&alice, PRICE + PRICE / 101 - i128::from(round) * PRICE / 1_100)],
					&[],
				);
			}
			Session::rotate_session();
			assert_eq!(offences_of_kind(b"oracle:deviation"), 0);
			assert_eq!(offences_of_kind(b"oracle:unavailab"), 0);
			assert_eq!(pallet_oracle_sla::Stats::<Runtime>::get(&alice).unwrap().accepted, 20);
			try_state();
		});
	}

	#[test]
	fn a_missing_operator_is_reported_when_the_session_ends() {
		preset_ext("development").execute_with(|| {
			let alice = Sr25519Keyring::Alice.to_account_id();
			// Bob joins as a second operator.
			let bob = Sr25519Keyring::Bob.to_account_id();
			assert_ok!(Staking::bond(
				RuntimeOrigin::signed(bob.clone()),
				presets::OPERATOR_STAKE,
				pallet_staking::RewardDestination::Staked,
			));
			let generated = SessionKeys::generate(&bob.encode(), None);
			assert_ok!(Session::set_keys(
				RuntimeOrigin::signed(bob.clone()),
				generated.keys,
				generated.proof.encode(),
			));
			assert_ok!(Staking::validate(RuntimeOrigin::signed(bob.clone()), Default::default()));
			assert_ok!(Staking::set_validator_count(RuntimeOrigin::root(), 2));
			rotate_eras(1);
			assert!(Session::validators().contains(&bob));
			let min_rounds = crate::configs::MinJudgedRounds::get();
			assert_eq!(min_rounds, 30);

			// Bob misses all of a session's 10 rounds: too few rounds to judge, so the session
			// ends without an offence and his tally is carried.
			for round in 1..=10 {
				close_round(round, &[(&alice, PRICE)], &[&bob]);
			}
			Session::rotate_session();
			assert_eq!(offences_of_kind(b"oracle:unavailab"), 0);
			let carried = pallet_oracle_sla::SessionTally::<Runtime>::get();
			let bobs = carried.iter().find(|t| t.operator == bob).expect("Bob's tally is carried");
			assert_eq!((bobs.assigned, bobs.missed), (10, 10));

			// 20 rounds more, 5 of them missed: 15 of 30. 30 rounds at 20 % tolerate their
			// allowance of 6, three standard deviations (3 × √4.8 = 6.57) and the floor of 2:
			// 14.57 rounds; 15 are an offence.
			let session = Session::current_index();
			for round in 11..=min_rounds {
				if round <= 15 {
					close_round(round, &[(&alice, PRICE)], &[&bob]);
				} else {
					close_round(round, &[(&alice, PRICE), (&bob, PRICE)], &[]);
				}
			}
			assert_eq!(offences_of_kind(b"oracle:unavailab"), 0);
			System::reset_events();
			Session::rotate_session();
			assert_eq!(offences_of_kind(b"oracle:unavailab"), 1);
			assert!(System::events().iter().any(|r| r.event
				== RuntimeEvent::OracleSla(pallet_oracle_sla::Event::OffenceReported {
					operator: bob.clone(),
					kind: pallet_oracle_sla::types::OffenceKind::Unavailability { session },
					// 15 misses over an allowance of 6: 2.5 × 0.1 %.
					fraction: Perbill::from_parts(2_500_000),
				})));
			let due = active_era() + SlashDeferDuration::get() + 1;
			let slashes = pallet_staking::UnappliedSlashes::<Runtime>::get(due);
			assert_eq!(slashes.len(), 1);
			assert_eq!(slashes[0].validator, bob);
			// Reported, slashed later, but not disabled.
			assert!(pallet_session::Pallet::<Runtime>::disabled_validators().is_empty());
			assert!(pallet_oracle_sla::SessionTally::<Runtime>::get().is_empty());
			try_state();
		});
	}

	#[test]
	fn accepted_values_earn_era_points_paid_out_by_staking() {
		preset_ext("development").execute_with(|| {
			let alice = Sr25519Keyring::Alice.to_account_id();
			rotate_eras(1);
			// The era's start time is stamped at the end of its first block.
			pallet_timestamp::Now::<Runtime>::put(1_000_000);
			<Staking as frame_support::traits::Hooks<u32>>::on_finalize(System::block_number());
			let era = active_era();
			for round in 1..=5 {
				close_round(round, &[(&alice, PRICE)], &[]);
			}
			let points = pallet_staking::ErasRewardPoints::<Runtime>::get(era);
			assert_eq!(points.individual.get(&alice), Some(&5));
			assert_eq!(pallet_oracle_sla::Stats::<Runtime>::get(&alice).unwrap().reward_points, 5);

			// Half an hour later the era ends and pays out.
			pallet_timestamp::Now::<Runtime>::put(1_000_000 + 30 * 60 * 1_000);
			rotate_eras(1);
			let reward = pallet_staking::ErasValidatorReward::<Runtime>::get(era).unwrap_or(0);
			assert!(reward > 0, "the era has a payout");
			let before = Balances::total_balance(&alice);
			assert_ok!(Staking::payout_stakers(
				RuntimeOrigin::signed(alice.clone()),
				alice.clone(),
				era
			));
			assert!(Balances::total_balance(&alice) > before);
			try_state();
		});
	}

	/// A report for feed 0's round 1 by the operator whose `oracle` key is `key`, as its node
	/// would sign it, and what the transaction pool says of it.
	#[allow(deprecated)]
	fn pool_verdict(
		key: &pallet_oracle_aggregation::OracleId,
		sign: impl FnOnce(&[u8]) -> pallet_oracle_aggregation::SignatureOf<Runtime>,
		payload_of: impl FnOnce(&pallet_oracle_aggregation::ReportOf<Runtime>) -> Vec<u8>,
	) -> sp_runtime::transaction_validity::TransactionValidity {
		use frame_support::unsigned::ValidateUnsigned;
		use pallet_oracle_aggregation::types::{Report, ReportAnswer, ReportValue};
		let report = Report {
			key: key.clone(),
			at: System::block_number(),
			values: frame_support::BoundedVec::truncate_from(vec![ReportValue {
				feed_id: 0,
				round_id: 1,
				answer: ReportAnswer::Value(PRICE),
			}]),
		};
		let signature = sign(&payload_of(&report));
		OracleAggregation::validate_unsigned(
			sp_runtime::transaction_validity::TransactionSource::External,
			&pallet_oracle_aggregation::Call::submit { report, signature },
		)
	}

	/// Alice's operator key signs for this chain only: the same report signed with another
	/// genesis hash (a testnet or a fork where the key also operates) is refused.
	#[test]
	fn a_report_signed_for_another_genesis_is_refused() {
		use sp_core::Pair;
		use sp_runtime::transaction_validity::InvalidTransaction;
		preset_ext("development").execute_with(|| {
			let alice = Sr25519Keyring::Alice;
			let key: pallet_oracle_aggregation::OracleId = alice.public().into();
			let sign = |payload: &[u8]| alice.pair().sign(payload).into();
			let here = pool_verdict(&key, sign, OracleAggregation::report_payload);
			assert!(here.is_ok(), "{here:?}");
			let other_genesis = sp_core::H256::repeat_byte(0xee);
			assert_ne!(System::block_hash(0), other_genesis);
			let elsewhere = pool_verdict(&key, sign, |report| {
				(pallet_oracle_aggregation::types::REPORT_CONTEXT, other_genesis, report).encode()
			});
			assert_eq!(elsewhere, Err(InvalidTransaction::BadProof.into()));
			try_state();
		});
	}

	/// Bob, Charlie and Dave join Alice as operators (four: staking's disabling strategy may
	/// disable up to a third of them); returns each one's oracle key.
	fn four_operators() -> Vec<(AccountId, pallet_oracle_aggregation::OracleId)> {
		let mut joined = Vec::new();
		for keyring in [Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave] {
			let who = keyring.to_account_id();
			assert_ok!(Staking::bond(
				RuntimeOrigin::signed(who.clone()),
				presets::OPERATOR_STAKE,
				pallet_staking::RewardDestination::Staked,
			));
			let generated = SessionKeys::generate(&who.encode(), None);
			joined.push((who.clone(), generated.keys.oracle.clone()));
			assert_ok!(Session::set_keys(
				RuntimeOrigin::signed(who.clone()),
				generated.keys,
				generated.proof.encode(),
			));
			assert_ok!(Staking::validate(RuntimeOrigin::signed(who), Default::default()));
		}
		assert_ok!(Staking::set_validator_count(RuntimeOrigin::root(), 4));
		rotate_eras(1);
		assert_eq!(oracle_operators().len(), 4);
		let alice = Sr25519Keyring::Alice;
		joined.push((alice.to_account_id(), alice.public().into()));
		joined
	}

	/// Staking slashes an operator once per era, by its largest offence: without disabling, an
	/// operator slashed for one lie could lie again for free until the era ends. Its offence
	/// disables it, and its next report is refused in the pool; the others' are not.
	#[test]
	fn an_offenders_next_report_is_refused_in_the_pool() {
		use sp_core::Pair;
		use sp_runtime::{transaction_validity::InvalidTransaction, RuntimeAppPublic};
		preset_ext("development").execute_with(|| {
			let operators = four_operators();
			let alice = Sr25519Keyring::Alice;
			let alice_key: pallet_oracle_aggregation::OracleId = alice.public().into();
			let sign_alice = |payload: &[u8]| alice.pair().sign(payload).into();
			assert!(pool_verdict(&alice_key, sign_alice, OracleAggregation::report_payload).is_ok());

			// Alice answers 3 % off, the others right.
			let answers: Vec<(&AccountId, i128)> = operators
				.iter()
				.map(|(who, _)| {
					(
						who,
						if *who == alice.to_account_id() { PRICE + PRICE * 3 / 100 } else { PRICE },
					)
				})
				.collect();
			close_round(1, &answers, &[]);
			assert_eq!(offences_of_kind(b"oracle:deviation"), 1);

			let index =
				Session::validators().iter().position(|v| *v == alice.to_account_id()).unwrap()
					as u32;
			assert!(pallet_session::Pallet::<Runtime>::disabled_validators().contains(&index));
			assert_eq!(
				pool_verdict(&alice_key, sign_alice, OracleAggregation::report_payload),
				Err(InvalidTransaction::Custom(pallet_oracle_aggregation::REFUSED_DISABLED).into())
			);
			// Bob, honest, still reports.
			let (_, bob_key) = &operators[0];
			let sign_bob =
				|payload: &[u8]| bob_key.sign(&payload.to_vec()).expect("in the keystore");
			assert!(pool_verdict(bob_key, sign_bob, OracleAggregation::report_payload).is_ok());
			try_state();
		});
	}

	/// `who`'s index among the session's validators (and so among Aura's authorities).
	fn index_of(who: &AccountId) -> u32 {
		Session::validators().iter().position(|v| v == who).expect("a validator") as u32
	}

	/// Closes round `round_id` with every one of `operators` answering `PRICE`, except
	/// `liar`, 3 % off (a 3 % slash, above the `DisablingThreshold`), and `missing`.
	fn close_round_of(
		round_id: u32,
		operators: &[(AccountId, pallet_oracle_aggregation::OracleId)],
		liar: Option<&AccountId>,
		missing: Option<&AccountId>,
	) {
		let answers: Vec<(&AccountId, i128)> = operators
			.iter()
			.map(|(who, _)| who)
			.filter(|who| Some(*who) != missing)
			.map(|who| (who, if Some(who) == liar { PRICE + PRICE * 3 / 100 } else { PRICE }))
			.collect();
		let missing: Vec<&AccountId> = missing.into_iter().collect();
		close_round(round_id, &answers, &missing);
	}

	/// The attack on availability: a block author censoring an honest operator's reports makes
	/// it miss rounds. However many it misses, its unavailability offence (slashed below the
	/// `DisablingThreshold`) does not disable it, though the disabling limit has room, and its
	/// reports are still accepted; a liar's deviation offence disables the liar.
	#[test]
	fn an_unavailable_operator_stays_enabled_and_a_liar_is_disabled() {
		use sp_runtime::{transaction_validity::InvalidTransaction, RuntimeAppPublic};
		preset_ext("development").execute_with(|| {
			let operators = four_operators();
			let (bob, bob_key) = &operators[0];
			let (charlie, charlie_key) = &operators[1];
			// Four validators: one may be disabled.
			assert_eq!(Session::validators().len(), 4);

			// Bob misses every round until he is judged.
			let rounds = crate::configs::MinJudgedRounds::get();
			for round in 1..=rounds {
				close_round_of(round, &operators, None, Some(bob));
			}
			// The session ends within the era: the validator set stays, and with it the
			// disabled validators.
			assert!(!pallet_session::QueuedChanged::<Runtime>::get());
			System::reset_events();
			Session::rotate_session();
			assert_eq!(offences_of_kind(b"oracle:unavailab"), 1);
			// Staking took the offence in the active era and handed it to the session's
			// disabling strategy, which left Bob enabled.
			let threshold = crate::configs::DisablingThreshold::get();
			assert!(System::events().iter().any(|r| matches!(
				&r.event,
				RuntimeEvent::Staking(pallet_staking::Event::SlashReported {
					validator,
					fraction,
					..
				}) if validator == bob && *fraction < threshold
			)));
			assert!(pallet_session::DisabledValidators::<Runtime>::get().is_empty());
			assert!(Session::disabled_validators().is_empty());
			let sign_bob =
				|payload: &[u8]| bob_key.sign(&payload.to_vec()).expect("in the keystore");
			assert!(pool_verdict(bob_key, sign_bob, OracleAggregation::report_payload).is_ok());

			// Charlie answers 3 % off: a deviation offence, and he is disabled.
			close_round_of(rounds + 1, &operators, Some(charlie), None);
			assert_eq!(offences_of_kind(b"oracle:deviation"), 1);
			assert_eq!(Session::disabled_validators(), vec![index_of(charlie)]);
			let sign_charlie =
				|payload: &[u8]| charlie_key.sign(&payload.to_vec()).expect("in the keystore");
			assert_eq!(
				pool_verdict(charlie_key, sign_charlie, OracleAggregation::report_payload),
				Err(InvalidTransaction::Custom(pallet_oracle_aggregation::REFUSED_DISABLED).into())
			);
			// Bob still reports.
			assert!(pool_verdict(bob_key, sign_bob, OracleAggregation::report_payload).is_ok());
			try_state();
		});
	}

	/// The session's disabling strategy on its own: below the `DisablingThreshold` it neither
	/// disables nor re-enables, where the inner strategy alone would do both; from the
	/// threshold on it decides as the inner strategy.
	#[test]
	fn the_disabling_strategy_leaves_offences_below_the_threshold_out() {
		use pallet_session::disabling::{
			DisablingStrategy, UpToLimitWithReEnablingDisablingStrategy,
		};
		use sp_staking::offence::OffenceSeverity;
		type Strategy = <Runtime as pallet_session::Config>::DisablingStrategy;
		type Inner = UpToLimitWithReEnablingDisablingStrategy<3>;
		preset_ext("development").execute_with(|| {
			let operators = four_operators();
			let (bob, charlie) = (&operators[0].0, &operators[1].0);
			let (bob_index, charlie_index) = (index_of(bob), index_of(charlie));
			let threshold = crate::configs::DisablingThreshold::get();
			let below = OffenceSeverity(Perbill::from_parts(threshold.deconstruct() - 1));
			let at = OffenceSeverity(threshold);
			type Disabled = Vec<(u32, OffenceSeverity)>;
			let strategy = |severity: OffenceSeverity, disabled: &Disabled| {
				let decision =
					<Strategy as DisablingStrategy<Runtime>>::decision(bob, severity, disabled);
				(decision.disable, decision.reenable)
			};
			let inner = |severity: OffenceSeverity, disabled: &Disabled| {
				let decision =
					<Inner as DisablingStrategy<Runtime>>::decision(bob, severity, disabled);
				(decision.disable, decision.reenable)
			};

			// Nobody disabled: the inner strategy would disable Bob for any offence.
			let none = Disabled::new();
			assert_eq!(inner(below, &none), (Some(bob_index), None));
			assert_eq!(strategy(below, &none), (None, None));
			assert_eq!(strategy(at, &none), (Some(bob_index), None));

			// At the limit with a lighter offender disabled: the inner strategy would swap them.
			let lighter = vec![(charlie_index, OffenceSeverity(Perbill::from_parts(1)))];
			let both = (Some(bob_index), Some(charlie_index));
			assert_eq!(inner(below, &lighter), both);
			assert_eq!(strategy(below, &lighter), (None, None));
			assert_eq!(strategy(at, &lighter), both);
		});
	}

	/// A disabled operator cannot author blocks either: Aura refuses (panics on) a block in the
	/// slot of a disabled authority, and accepts one in an enabled authority's slot.
	#[test]
	fn aura_refuses_a_block_authored_by_a_disabled_operator() {
		use frame_support::traits::Hooks;
		use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
		use sp_runtime::{generic::Digest, DigestItem};
		preset_ext("development").execute_with(|| {
			let operators = four_operators();
			let charlie = &operators[1].0;
			close_round_of(1, &operators, Some(charlie), None);
			assert_eq!(Session::disabled_validators(), vec![index_of(charlie)]);
			let index = u64::from(index_of(charlie));
			// Aura's authorities are the session's validators, in order.
			try_state();
			let authorities = pallet_aura::Pallet::<Runtime>::authorities_len() as u64;
			assert_eq!(authorities, 4);

			// The first slot after the current one in which `author` authors.
			let slot_of = |author: u64| {
				let next = u64::from(pallet_aura::CurrentSlot::<Runtime>::get()) + 1;
				next + (author + authorities - next % authorities) % authorities
			};
			// Starts the next block in `slot`, as its author's pre-runtime digest says.
			let author_block = |slot: u64| {
				let number = System::block_number() + 1;
				let digest = Digest {
					logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())],
				};
				System::initialize(&number, &System::parent_hash(), &digest);
				pallet_aura::Pallet::<Runtime>::on_initialize(number);
			};

			let enabled = (index + 1) % authorities;
			author_block(slot_of(enabled));
			let slot = u64::from(pallet_aura::CurrentSlot::<Runtime>::get());
			assert_eq!(slot % authorities, enabled);

			let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
				author_block(slot_of(index));
			}));
			let payload = refused.expect_err("the disabled author's block is refused");
			let message = payload
				.downcast_ref::<String>()
				.cloned()
				.or_else(|| payload.downcast_ref::<&str>().map(|m| m.to_string()))
				.unwrap_or_default();
			assert!(message.contains("is disabled"), "{message}");
		});
	}

	/// Runs the oracle pallet's round check at the start of the next block.
	fn next_block() {
		use frame_support::traits::Hooks;
		let now = System::block_number() + 1;
		System::set_block_number(now);
		OracleAggregation::on_initialize(now);
	}

	/// Operator `key`'s signed report of `value` for feed 0's round `round_id`.
	fn submit(
		key: &pallet_oracle_aggregation::OracleId,
		round_id: u32,
		value: i128,
	) -> frame_support::dispatch::DispatchResult {
		use pallet_oracle_aggregation::types::{Report, ReportAnswer, ReportValue};
		use sp_core::Pair;
		use sp_runtime::RuntimeAppPublic;
		let report = Report {
			key: key.clone(),
			at: System::block_number(),
			values: frame_support::BoundedVec::truncate_from(vec![ReportValue {
				feed_id: 0,
				round_id,
				answer: ReportAnswer::Value(value),
			}]),
		};
		let payload = OracleAggregation::report_payload(&report);
		let alice = Sr25519Keyring::Alice;
		let signature = if *key == alice.public().into() {
			alice.pair().sign(&payload).into()
		} else {
			key.sign(&payload).expect("generated into the test keystore")
		};
		OracleAggregation::submit(RuntimeOrigin::none(), report, signature)
	}

	/// The attack on early resolution, on the real runtime: seven staked operators, two liars
	/// (Alice and Bob) and one honest operator answering first, the four others a block after
	/// the round opened to them. The round waits for them and resolves within the honest
	/// answers; the liars are reported and slashed after the defer window, and every honest
	/// stash keeps all of its stake.
	#[test]
	fn the_early_liars_attack_leaves_every_honest_stash_untouched() {
		preset_ext("development").execute_with(|| {
			let mut operators: Vec<(AccountId, pallet_oracle_aggregation::OracleId)> = vec![(
				Sr25519Keyring::Alice.to_account_id(),
				Sr25519Keyring::Alice.public().into(),
			)];
			for keyring in [
				Sr25519Keyring::Bob,
				Sr25519Keyring::Charlie,
				Sr25519Keyring::Dave,
				Sr25519Keyring::Eve,
				Sr25519Keyring::Ferdie,
				Sr25519Keyring::BobStash,
			] {
				let who = keyring.to_account_id();
				assert_ok!(Staking::bond(
					RuntimeOrigin::signed(who.clone()),
					presets::OPERATOR_STAKE,
					pallet_staking::RewardDestination::Stash,
				));
				let generated = SessionKeys::generate(&who.encode(), None);
				operators.push((who.clone(), generated.keys.oracle.clone()));
				assert_ok!(Session::set_keys(
					RuntimeOrigin::signed(who.clone()),
					generated.keys,
					generated.proof.encode(),
				));
				assert_ok!(Staking::validate(RuntimeOrigin::signed(who), Default::default()));
			}
			assert_ok!(Staking::set_validator_count(RuntimeOrigin::root(), 7));
			rotate_eras(1);
			assert_eq!(oracle_operators().len(), 7);
			let before: Vec<Balance> = operators.iter().map(|(who, _)| stake(who)).collect();
			let era = active_era();

			let round = OracleAggregation::state(0).unwrap().latest_round + 1;
			let lie = PRICE * 2;
			let honest =
				[PRICE, PRICE + PRICE / 1_000, PRICE - PRICE / 1_000, PRICE + 7, PRICE - 7];
			assert_ok!(submit(&operators[0].1, round, lie));
			assert_ok!(submit(&operators[1].1, round, lie));
			assert_ok!(submit(&operators[2].1, round, honest[0]));
			next_block();
			next_block();
			for ((_, key), value) in operators.iter().skip(3).zip(honest.iter().skip(1)) {
				assert_ok!(submit(key, round, *value));
			}
			next_block();
			let resolved = OracleAggregation::latest_round(0).unwrap();
			assert_eq!(resolved.round_id, round);
			let (low, high) = (*honest.iter().min().unwrap(), *honest.iter().max().unwrap());
			assert!(low <= resolved.value && resolved.value <= high, "{}", resolved.value);
			assert_eq!(offences_of_kind(b"oracle:deviation"), 2);

			rotate_eras(SlashDeferDuration::get() + 1);
			assert!(active_era() > era + SlashDeferDuration::get());
			for (index, ((who, _), staked)) in operators.iter().zip(&before).enumerate() {
				if index < 2 {
					assert!(stake(who) < *staked, "liar {index} was not slashed");
				} else {
					assert_eq!(stake(who), *staked, "honest operator {index} lost stake");
				}
			}
			try_state();
		});
	}
}

/// Only the development preset, whose feeds fetch the local price server, lets source URLs
/// name loopback hosts; on `local_testnet` and `live` a feed fetching the operators' own
/// machines is refused, and private or link-local addresses are refused everywhere.
#[test]
fn only_the_development_preset_allows_loopback_sources() {
	use pallet_oracle_aggregation::feed_config::ConfigError;
	let with_url = |url: &str| {
		let mut config = presets::preset_feeds(false, 1).swap_remove(0);
		config.sources[0].url = frame_support::BoundedVec::truncate_from(url.as_bytes().to_vec());
		config
	};
	let error = |error| pallet_oracle_aggregation::Error::<Runtime>::InvalidConfig(error).into();
	for (preset, loopback) in [("development", true), ("local_testnet", false), ("live", false)] {
		preset_ext(preset).execute_with(|| {
			let create = |url: &str| {
				pallet_oracle_aggregation::Pallet::<Runtime>::do_create_feed(with_url(url))
					.map(|_| ())
			};
			let expected = if loopback { Ok(()) } else { Err(error(ConfigError::LoopbackHost)) };
			assert_eq!(create("http://127.0.0.1:8500/binance/x"), expected, "{preset}");
			assert_eq!(create("http://localhost:8500/binance/x"), expected, "{preset}");
			assert_eq!(
				create("http://169.254.169.254/latest/meta-data"),
				Err(error(ConfigError::LinkLocalHost)),
				"{preset}"
			);
			assert_eq!(
				create("http://192.168.0.10/x"),
				Err(error(ConfigError::PrivateHost)),
				"{preset}"
			);
			assert_eq!(create("https://api.binance.com/x"), Ok(()), "{preset}");
		});
	}
}
