//! Tests of the consumer runtime: deliveries from the oracle chain through XCM pass the barrier
//! and land in the consumer pallet; anyone else's are refused.

use crate::{
	configs::{XcmConfig, ORACLE_PARA_ID},
	genesis_config_presets, OracleConsumer, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, System,
};
use codec::{Decode, Encode};
use frame_support::{genesis_builder_helper::build_state, BoundedVec};
use pallet_oracle_consumer::types::{DeliveredRound, RoundSla};
use xcm::latest::prelude::*;
use xcm_executor::XcmExecutor;

/// Merges a preset's patch into the default genesis config, as chain-spec building does.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The full genesis config of a preset, from its patch and the default of `Config`.
pub(crate) fn full_preset<Config: serde::Serialize + Default>(patch: Vec<u8>) -> Vec<u8> {
	let mut config = serde_json::to_value(Config::default()).expect("the default serialises");
	merge(&mut config, serde_json::from_slice(&patch).expect("presets are json"));
	serde_json::to_vec(&config).expect("json serialises")
}

fn ext() -> sp_io::TestExternalities {
	let patch = genesis_config_presets::get_preset(&"development".into()).expect("a preset");
	let preset = full_preset::<RuntimeGenesisConfig>(patch);
	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.execute_with(|| build_state::<RuntimeGenesisConfig>(preset))
		.expect("the preset builds");
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The oracle chain, its development preset at block 1.
pub(crate) fn oracle_ext_bare() -> sp_io::TestExternalities {
	use oracle_runtime::{genesis_config_presets as presets, RuntimeGenesisConfig as Genesis};
	let patch = presets::get_preset(&"development".into()).expect("a preset");
	let preset = full_preset::<Genesis>(patch);
	let mut ext = sp_io::TestExternalities::new(Default::default());
	ext.execute_with(|| build_state::<Genesis>(preset))
		.expect("the oracle preset builds");
	ext.execute_with(|| oracle_runtime::System::set_block_number(1));
	ext
}

/// The oracle chain (its development preset) with this chain subscribed to feeds 0 and 2,
/// and a channel to it.
fn oracle_ext() -> sp_io::TestExternalities {
	let mut ext = oracle_ext_bare();
	ext.execute_with(|| {
		oracle_runtime::ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(
			genesis_config_presets::PARACHAIN_ID.into(),
		);
		oracle_runtime::OracleDelivery::subscribe(
			oracle_runtime::RuntimeOrigin::root(),
			genesis_config_presets::PARACHAIN_ID,
			BoundedVec::truncate_from(vec![0, 2]),
			pallet_oracle_delivery::types::CallTarget {
				pallet_index: 60,
				call_index: 0,
				// The recipe's bound: the largest delivery, as this chain weighs it.
				max_weight:
					<crate::configs::MaxDeliveryWeight as frame_support::traits::Get<_>>::get(),
			},
			pallet_oracle_delivery::types::Trigger::EveryRound,
		)
		.expect("Root subscribes the consumer chain");
	});
	ext
}

/// Closes rounds on the oracle chain and returns the messages it queued for this chain.
fn oracle_pushes(ext: &mut sp_io::TestExternalities, rounds: &[(u32, u32, i128)]) -> Vec<Vec<u8>> {
	use oracle_primitives::rounds::{OnRoundResolved, RoundOutcome};
	use xcm_builder::InspectMessageQueues;
	ext.execute_with(|| {
		let outcomes: Vec<_> = rounds
			.iter()
			.map(|(feed_id, round_id, value)| RoundOutcome {
				feed_id: *feed_id,
				round_id: *round_id,
				value: Some(*value),
				decimals: 8,
				closed_at_ms: 1_700_000_000_000,
				reference: Some(*value),
				band: Some((*value, *value)),
				previous: None,
				faults: 0,
				spanned_at: None,
				started_at: 1,
				opened_at: 1,
				closed_at: 1,
				answers: Vec::new(),
				missing: Vec::new(),
				pending: Vec::new(),
			})
			.collect();
		<oracle_runtime::Runtime as pallet_oracle_aggregation::Config>::OnRoundResolved::on_rounds_resolved(&outcomes);
		let queued = <oracle_runtime::XcmpQueue as InspectMessageQueues>::get_messages();
		<oracle_runtime::XcmpQueue as InspectMessageQueues>::clear_messages();
		queued.into_iter().flat_map(|(_, messages)| messages).map(|m| m.encode()).collect()
	})
}

fn round(feed_id: u32, round_id: u32) -> DeliveredRound {
	DeliveredRound {
		feed_id,
		round_id,
		value: 6_500_000_000_000,
		decimals: 8,
		fingerprint: [0; 16],
		timestamp_ms: 0,
		sla: RoundSla::default(),
	}
}

/// The message the oracle chain sends: `UnpaidExecution` + `Transact` of pallet 60, call 0.
fn delivery(rounds: Vec<DeliveredRound>) -> Xcm<RuntimeCall> {
	let call = RuntimeCall::OracleConsumer(pallet_oracle_consumer::Call::deliver {
		rounds: BoundedVec::truncate_from(rounds),
		statuses: Default::default(),
	});
	let encoded = call.encode();
	assert_eq!(&encoded[..2], &[60, 0], "the target the oracle chain's subscription names");
	Xcm(vec![
		UnpaidExecution {
			weight_limit: Limited(
				<crate::configs::MaxDeliveryWeight as frame_support::traits::Get<_>>::get(),
			),
			check_origin: None,
		},
		Transact { origin_kind: OriginKind::Xcm, fallback_max_weight: None, call: encoded.into() },
		SetTopic([7; 32]),
	])
}

/// Whether the barrier stopped the message.
fn stopped_by_barrier(outcome: &Outcome) -> bool {
	matches!(
		outcome,
		Outcome::Error(InstructionError { error: XcmError::Barrier, .. })
			| Outcome::Incomplete { error: InstructionError { error: XcmError::Barrier, .. }, .. }
	)
}

fn execute(origin: Location, message: Xcm<RuntimeCall>) -> Outcome {
	let mut id = [0; 32];
	XcmExecutor::<XcmConfig>::prepare_and_execute(
		origin,
		message,
		&mut id,
		frame_support::weights::Weight::from_parts(100_000_000_000, 1024 * 1024),
		frame_support::weights::Weight::zero(),
	)
}

#[test]
fn a_delivery_from_the_oracle_chain_is_stored() {
	ext().execute_with(|| {
		let outcome =
			execute(Location::new(1, [Parachain(ORACLE_PARA_ID)]), delivery(vec![round(0, 3)]));
		assert!(matches!(outcome, Outcome::Complete { .. }), "{outcome:?}");
		assert_eq!(
			OracleConsumer::latest(0).map(|r| (r.round_id, r.value)),
			Some((3, 6_500_000_000_000))
		);
	});
}

#[test]
fn another_chain_cannot_deliver() {
	ext().execute_with(|| {
		// Unpaid: the barrier stops it.
		let outcome = execute(Location::new(1, [Parachain(2002)]), delivery(vec![round(0, 3)]));
		assert!(stopped_by_barrier(&outcome), "{outcome:?}");
		assert!(OracleConsumer::latest(0).is_none());
	});
}

#[test]
fn a_stale_round_from_the_oracle_chain_changes_nothing() {
	ext().execute_with(|| {
		let oracle = Location::new(1, [Parachain(ORACLE_PARA_ID)]);
		let _ = execute(oracle.clone(), delivery(vec![round(0, 3)]));
		// The message executes; the call in it is refused, and nothing changes.
		let _ = execute(oracle, delivery(vec![round(0, 3)]));
		assert_eq!(OracleConsumer::history(0).len(), 1);
	});
}

#[test]
fn the_runtime_is_consistent() {
	use frame_support::traits::{GetStorageVersion, IntegrityTest, StorageVersion};
	ext().execute_with(|| {
		<crate::AllPalletsWithSystem as IntegrityTest>::integrity_test();
		assert!(!Runtime::metadata_versions().is_empty());
		// Genesis records the receiver's storage layout version.
		assert_eq!(OracleConsumer::in_code_storage_version(), StorageVersion::new(2));
		assert_eq!(
			OracleConsumer::on_chain_storage_version(),
			OracleConsumer::in_code_storage_version()
		);
	});
}

/// The whole path without a relay chain: the message the oracle runtime queues for a
/// subscription, executed by this runtime as coming from the oracle chain, stores the round.
#[test]
fn a_round_resolved_on_the_oracle_chain_arrives_here() {
	let mut oracle = oracle_ext();
	let messages = oracle_pushes(&mut oracle, &[(0, 7, 6_512_345_678_900), (1, 4, 1), (2, 9, -5)]);
	assert_eq!(messages.len(), 1);
	ext().execute_with(|| {
		let message = xcm::VersionedXcm::<RuntimeCall>::decode(&mut &messages[0][..])
			.expect("the message decodes here");
		let message = Xcm::<RuntimeCall>::try_from(message).expect("a v5 message");
		let outcome = execute(Location::new(1, [Parachain(ORACLE_PARA_ID)]), message);
		assert!(matches!(outcome, Outcome::Complete { .. }), "{outcome:?}");
		let latest: Vec<_> = OracleConsumer::feeds()
			.into_iter()
			.filter_map(|feed| OracleConsumer::latest(feed).map(|r| (feed, r.round_id, r.value)))
			.collect();
		assert_eq!(latest, vec![(0, 7, 6_512_345_678_900), (2, 9, -5)]);
		assert_eq!(OracleConsumer::latest(0).map(|r| r.decimals), Some(8));
	});
}

/// Executes on this chain, as coming from the oracle chain, each message it queued.
fn execute_from_oracle(messages: &[Vec<u8>]) {
	for encoded in messages {
		let message = xcm::VersionedXcm::<RuntimeCall>::decode(&mut &encoded[..])
			.expect("the message decodes here");
		let message = Xcm::<RuntimeCall>::try_from(message).expect("a v5 message");
		let outcome = execute(Location::new(1, [Parachain(ORACLE_PARA_ID)]), message);
		assert!(matches!(outcome, Outcome::Complete { .. }), "{outcome:?}");
	}
}

#[test]
fn a_feed_paused_or_removed_on_the_oracle_chain_fails_closed_here_within_one_message() {
	use frame_support::traits::Hooks;
	use pallet_oracle_consumer::types::ReadError;
	use xcm_builder::InspectMessageQueues;
	let mut oracle = oracle_ext();
	let rounds = oracle_pushes(&mut oracle, &[(0, 7, 6_512_345_678_900), (2, 9, -5)]);
	// The oracle chain's feed admin pauses feed 0 and removes feed 2; the next block tells the
	// subscriber.
	let told = oracle.execute_with(|| {
		use oracle_runtime::{OracleAggregation, OracleDelivery, RuntimeOrigin};
		frame_support::assert_ok!(OracleAggregation::set_feed_status(
			RuntimeOrigin::root(),
			0,
			pallet_oracle_aggregation::types::FeedStatus::Paused,
		));
		frame_support::assert_ok!(OracleAggregation::remove_feed(RuntimeOrigin::root(), 2));
		oracle_runtime::System::set_block_number(2);
		OracleDelivery::on_initialize(2);
		let queued = <oracle_runtime::XcmpQueue as InspectMessageQueues>::get_messages();
		queued
			.into_iter()
			.flat_map(|(_, messages)| messages)
			.map(|m| m.encode())
			.collect::<Vec<_>>()
	});
	assert_eq!(told.len(), 1, "one message tells both");
	ext().execute_with(|| {
		execute_from_oracle(&rounds);
		assert!(OracleConsumer::latest(0).is_some());
		assert_ne!(OracleConsumer::fresh(0), Err(ReadError::Paused));
		execute_from_oracle(&told);
		assert_eq!(OracleConsumer::fresh(0), Err(ReadError::Paused));
		assert_eq!(OracleConsumer::fresh(2), Err(ReadError::Removed));
	});
}

/// The oracle chain holds exactly the power to deliver rounds here: any other program from its
/// location (a call of another pallet with an `Xcm`, native, sovereign or Root origin, an
/// onward transfer, a delivery as its sovereign account) is refused by the barrier, and changes
/// nothing.
#[test]
fn the_oracle_chain_can_only_deliver_rounds() {
	ext().execute_with(|| {
		let oracle = Location::new(1, [Parachain(ORACLE_PARA_ID)]);
		let remark = RuntimeCall::System(frame_system::Call::remark_with_event {
			remark: b"from the oracle chain".to_vec(),
		});
		let unpaid = |kind: OriginKind, call: &RuntimeCall| {
			Xcm(vec![
				UnpaidExecution { weight_limit: Unlimited, check_origin: None },
				Transact {
					origin_kind: kind,
					fallback_max_weight: None,
					call: call.encode().into(),
				},
			])
		};
		let onward = Xcm(vec![
			UnpaidExecution { weight_limit: Unlimited, check_origin: None },
			InitiateTransfer {
				destination: Location::new(1, [Parachain(2002)]),
				remote_fees: None,
				preserve_origin: false,
				assets: BoundedVec::new(),
				remote_xcm: Xcm(vec![ClearOrigin]),
			},
		]);
		let mut in_sovereign = delivery(vec![round(0, 1)]);
		if let Some(Transact { origin_kind, .. }) = in_sovereign.0.get_mut(1) {
			*origin_kind = OriginKind::SovereignAccount;
		}
		let attempts = [
			("a remark with an Xcm origin", unpaid(OriginKind::Xcm, &remark)),
			("a remark with a native origin", unpaid(OriginKind::Native, &remark)),
			("a remark as its sovereign account", unpaid(OriginKind::SovereignAccount, &remark)),
			("a remark as Root", unpaid(OriginKind::Superuser, &remark)),
			("an onward transfer", onward),
			("a delivery as its sovereign account", in_sovereign),
		];
		for (name, message) in attempts {
			let outcome = execute(oracle.clone(), message);
			assert!(stopped_by_barrier(&outcome), "{name}: {outcome:?}");
		}
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::System(frame_system::Event::Remarked { .. })
		)));
		assert!(OracleConsumer::latest(0).is_none());
		// A delivery still lands.
		let outcome = execute(oracle, delivery(vec![round(0, 1)]));
		assert!(matches!(outcome, Outcome::Complete { .. }), "{outcome:?}");
		assert_eq!(OracleConsumer::latest(0).map(|round| round.round_id), Some(1));
	});
}
