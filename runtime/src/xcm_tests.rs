//! Tests of the runtime's XCM: what the barrier admits, a sibling's paid request for a round,
//! and the messages the delivery pallet queues for subscribers.

use crate::{
	configs::xcm::{LocationToAccountId, XcmConfig},
	tests::preset_ext,
	AccountId, Balances, OracleDelivery, ParachainSystem, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System, XcmpQueue, UNIT,
};
use codec::{Decode, Encode};
use frame_support::{
	assert_ok,
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use oracle_primitives::rounds::{OnRoundResolved, RoundOutcome};
use pallet_oracle_delivery::types::{CallTarget, DeliveredRound, SendFailure, Trigger};
use xcm::{latest::prelude::*, VersionedXcm};
use xcm_builder::InspectMessageQueues;
use xcm_executor::{traits::ConvertLocation, XcmExecutor};

/// The consumer chain of the tests.
const CONSUMER: u32 = 2001;
/// Where the consumer has its receiver pallet, and the index of `deliver` in it.
const TARGET: CallTarget = CallTarget {
	pallet_index: 60,
	call_index: 0,
	max_weight: frame_support::weights::Weight::from_parts(10_000_000_000, 1_000_000),
};

fn sibling(para: u32) -> Location {
	Location::new(1, [Parachain(para)])
}

fn sovereign(para: u32) -> AccountId {
	LocationToAccountId::convert_location(&sibling(para)).expect("siblings have an account")
}

fn execute(origin: Location, message: Xcm<RuntimeCall>) -> Outcome {
	let mut id = message.using_encoded(sp_io::hashing::blake2_256);
	XcmExecutor::<XcmConfig>::prepare_and_execute(
		origin,
		message,
		&mut id,
		frame_support::weights::Weight::from_parts(100_000_000_000, 1024 * 1024),
		frame_support::weights::Weight::zero(),
	)
}

/// A sibling's message paying `fee` of this chain's token from its sovereign account to call
/// `call` as that account.
pub(crate) fn paid_transact(fee: u128, call: RuntimeCall) -> Xcm<RuntimeCall> {
	let fee: Asset = (Here, fee).into();
	Xcm(vec![
		WithdrawAsset(fee.clone().into()),
		BuyExecution { fees: fee, weight_limit: Unlimited },
		Transact {
			origin_kind: OriginKind::SovereignAccount,
			fallback_max_weight: None,
			call: call.encode().into(),
		},
		RefundSurplus,
		DepositAsset { assets: AllCounted(1).into(), beneficiary: sibling(CONSUMER) },
	])
}

fn outcome(feed_id: u32, round_id: u32, value: i128) -> RoundOutcome<AccountId, u32> {
	RoundOutcome {
		feed_id,
		round_id,
		value: Some(value),
		decimals: 8,
		closed_at_ms: 1_700_000_000_000,
		reference: Some(value),
		band: Some((value, value)),
		previous: None,
		faults: 0,
		spanned_at: None,
		started_at: 1,
		opened_at: 1,
		closed_at: System::block_number(),
		answers: Vec::new(),
		missing: Vec::new(),
		pending: Vec::new(),
	}
}

fn subscribe_consumer(feeds: &[u32]) {
	assert_ok!(OracleDelivery::subscribe(
		RuntimeOrigin::root(),
		CONSUMER,
		BoundedVec::truncate_from(feeds.to_vec()),
		TARGET,
		Trigger::EveryRound,
	));
}

/// The rounds of every message queued for `para`, decoded as the receiver decodes its call.
fn queued_rounds(para: u32) -> Vec<(CallTarget, Vec<DeliveredRound>)> {
	<XcmpQueue as InspectMessageQueues>::get_messages()
		.into_iter()
		.filter(|(destination, _)| {
			Location::try_from(destination.clone()).ok() == Some(sibling(para))
		})
		.flat_map(|(_, messages)| messages)
		.map(|message| {
			let Ok(message) = Xcm::<()>::try_from(message) else { panic!("a v5 message") };
			let transact = message
				.0
				.iter()
				.find_map(|instruction| match instruction {
					Transact { origin_kind: OriginKind::Xcm, call, .. } => Some(call.clone()),
					_ => None,
				})
				.expect("a Transact");
			assert_eq!(
				message.0.first(),
				Some(&UnpaidExecution {
					weight_limit: Limited(TARGET.max_weight),
					check_origin: None
				})
			);
			let bytes = transact.encoded().to_vec();
			let (index, mut rest) = bytes.split_at(2);
			let rounds = Vec::<DeliveredRound>::decode(&mut rest).expect("the rounds decode");
			let states = Vec::<pallet_oracle_delivery::types::StatusUpdate>::decode(&mut rest)
				.expect("the feed states decode");
			assert!(states.is_empty() && rest.is_empty());
			(CallTarget { pallet_index: index[0], call_index: index[1], ..TARGET }, rounds)
		})
		.collect()
}

#[test]
fn a_resolved_round_is_queued_for_the_subscriber_as_its_deliver_call() {
	preset_ext("development").execute_with(|| {
		ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(CONSUMER.into());
		subscribe_consumer(&[0, 2]);
		<Runtime as pallet_oracle_aggregation::Config>::OnRoundResolved::on_rounds_resolved(&[
			outcome(0, 7, 6_512_345_678_900),
			outcome(1, 3, 1),
			outcome(2, 9, -5),
		]);
		let rounds = queued_rounds(CONSUMER);
		assert_eq!(rounds.len(), 1, "one message");
		let (target, rounds) = &rounds[0];
		assert_eq!(*target, TARGET);
		let ids: Vec<_> = rounds.iter().map(|r| (r.feed_id, r.round_id, r.value)).collect();
		assert_eq!(ids, vec![(0, 7, 6_512_345_678_900), (2, 9, -5)]);
		assert!(rounds.iter().all(|r| r.decimals == 8 && r.timestamp_ms == 1_700_000_000_000));
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::OracleDelivery(pallet_oracle_delivery::Event::RoundsDelivered {
				para: CONSUMER,
				rounds: 2,
				..
			})
		)));
	});
}

#[test]
fn a_subscriber_without_a_channel_gets_a_recorded_failure_not_a_failed_block() {
	preset_ext("development").execute_with(|| {
		subscribe_consumer(&[0]);
		<Runtime as pallet_oracle_aggregation::Config>::OnRoundResolved::on_rounds_resolved(&[
			outcome(0, 7, 1),
		]);
		assert!(queued_rounds(CONSUMER).is_empty());
		let sub = pallet_oracle_delivery::Subscriptions::<Runtime>::get(CONSUMER, 0).unwrap();
		assert_eq!(sub.last_failure.map(|(_, failure)| failure), Some(SendFailure::Transport));
		assert_eq!(sub.feeds[0].pending.map(|round| round.round_id), Some(7));

		// The channel opens: the next round takes the pending one's place.
		ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(CONSUMER.into());
		<Runtime as pallet_oracle_aggregation::Config>::OnRoundResolved::on_rounds_resolved(&[
			outcome(0, 8, 2),
		]);
		let rounds = queued_rounds(CONSUMER);
		assert_eq!(rounds.len(), 1);
		assert_eq!(rounds[0].1.iter().map(|r| r.round_id).collect::<Vec<_>>(), vec![8]);
	});
}

#[test]
fn a_sibling_pays_for_a_fresh_round_from_its_sovereign_account() {
	preset_ext("development").execute_with(|| {
		let account = sovereign(CONSUMER);
		Balances::set_balance(&account, 10 * UNIT);
		let fee = <Runtime as pallet_oracle_aggregation::Config>::RoundRequestFee::get();
		let call = RuntimeCall::OracleAggregation(pallet_oracle_aggregation::Call::request_round {
			feed_id: 0,
		});
		let outcome = execute(sibling(CONSUMER), paid_transact(UNIT, call));
		assert!(matches!(outcome, Outcome::Complete { .. }), "{outcome:?}");
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::OracleAggregation(pallet_oracle_aggregation::Event::RoundRequested {
				feed_id: 0,
				..
			})
		)));
		// The round's fee and the execution were paid from the sovereign account (the rest of
		// the withdrawn fee went back to it).
		let left = pallet_balances::Pallet::<Runtime>::free_balance(&account);
		assert!(left < 10 * UNIT - fee, "{left}");
		assert!(left > 9 * UNIT - fee, "{left}");
	});
}

#[test]
fn the_barrier_refuses_unpaid_execution() {
	preset_ext("development").execute_with(|| {
		let account = sovereign(CONSUMER);
		Balances::set_balance(&account, 10 * UNIT);
		let call = RuntimeCall::OracleAggregation(pallet_oracle_aggregation::Call::request_round {
			feed_id: 0,
		});
		let unpaid = Xcm(vec![
			UnpaidExecution { weight_limit: Unlimited, check_origin: None },
			Transact {
				origin_kind: OriginKind::SovereignAccount,
				fallback_max_weight: None,
				call: call.encode().into(),
			},
		]);
		for origin in [sibling(CONSUMER), Location::parent()] {
			let outcome = execute(origin, unpaid.clone());
			assert!(
				matches!(
					outcome,
					Outcome::Error(InstructionError { error: XcmError::Barrier, .. })
						| Outcome::Incomplete {
							error: InstructionError { error: XcmError::Barrier, .. },
							..
						}
				),
				"{outcome:?}"
			);
		}
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&account), 10 * UNIT);
	});
}

#[test]
fn a_sibling_subscribes_itself_through_xcm_and_pays_the_deposit() {
	preset_ext("development").execute_with(|| {
		let account = sovereign(CONSUMER);
		Balances::set_balance(&account, 10 * UNIT);
		let call = RuntimeCall::OracleDelivery(pallet_oracle_delivery::Call::subscribe {
			para: CONSUMER,
			feeds: BoundedVec::truncate_from(vec![0, 1]),
			target: TARGET,
			trigger: Trigger::EveryRound,
		});
		let outcome = execute(sibling(CONSUMER), paid_transact(UNIT, call));
		assert!(matches!(outcome, Outcome::Complete { .. }), "{outcome:?}");
		let sub = pallet_oracle_delivery::Subscriptions::<Runtime>::get(CONSUMER, 0)
			.expect("the subscription exists");
		assert_eq!(sub.owner, Some(account));

		// Another sibling cannot subscribe the consumer: the call fails (the message completes,
		// the dispatch does not).
		let other = sovereign(2002);
		Balances::set_balance(&other, 10 * UNIT);
		let call = RuntimeCall::OracleDelivery(pallet_oracle_delivery::Call::subscribe {
			para: CONSUMER,
			feeds: BoundedVec::truncate_from(vec![2]),
			target: CallTarget { pallet_index: 61, ..TARGET },
			trigger: Trigger::EveryRound,
		});
		let _ = execute(sibling(2002), paid_transact(UNIT, call));
		assert_eq!(pallet_oracle_delivery::SubscriptionCount::<Runtime>::get(), 1);
	});
}

#[test]
fn every_message_a_full_subscription_sends_fits_the_channel() {
	use pallet_oracle_delivery::types::{FeedState, RoundSla, StatusUpdate};
	let max = <Runtime as pallet_oracle_delivery::Config>::MaxFeedsPerSubscription::get();
	let rounds: Vec<DeliveredRound> = (0..max)
		.map(|feed_id| DeliveredRound {
			feed_id,
			round_id: u32::MAX,
			value: i128::MIN,
			decimals: 38,
			fingerprint: [0xff; 16],
			timestamp_ms: u64::MAX,
			sla: RoundSla::default(),
		})
		.collect();
	let states: Vec<StatusUpdate> = (0..max)
		.map(|feed_id| StatusUpdate { feed_id, state: FeedState::Removed })
		.collect();
	// Far below the HRMP message size relay chains configure (the default 100 KiB), even with
	// both rounds and states in one.
	let message = OracleDelivery::message(TARGET, &rounds, &states);
	let size = VersionedXcm::from(message).encoded_size();
	assert!(size < 2 * 1024, "{size} bytes");
}

/// Whether `outcome` is the barrier's refusal.
fn refused(outcome: &Outcome) -> bool {
	matches!(
		outcome,
		Outcome::Error(InstructionError { error: XcmError::Barrier, .. })
			| Outcome::Incomplete { error: InstructionError { error: XcmError::Barrier, .. }, .. }
	)
}

/// A paid program of sibling `2002` around `inner`: it buys its execution from its sovereign
/// account as a request for a round does.
fn paid(inner: Instruction<RuntimeCall>) -> Xcm<RuntimeCall> {
	let fee: Asset = (Here, UNIT).into();
	Xcm(vec![
		WithdrawAsset(fee.clone().into()),
		BuyExecution { fees: fee, weight_limit: Unlimited },
		inner,
		RefundSurplus,
		DepositAsset { assets: AllCounted(1).into(), beneficiary: sibling(2002) },
	])
}

/// A sibling cannot have this chain send for it: a paid program that would put a message in
/// a subscriber's channel (an onward transfer, a report of its holding or of its error, a
/// status or pallet query answered to the subscriber, or one of those in an appendix or an
/// error handler) is refused whole, queues nothing for the subscriber and costs the sender
/// nothing here, so the chain is no relay into its subscribers' queues.
#[test]
fn a_sibling_cannot_relay_messages_to_a_subscriber_through_this_chain() {
	preset_ext("development").execute_with(|| {
		ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(CONSUMER.into());
		subscribe_consumer(&[0]);
		let attacker = sovereign(2002);
		Balances::set_balance(&attacker, 10 * UNIT);
		let to_subscriber = QueryResponseInfo {
			destination: sibling(CONSUMER),
			query_id: 7,
			max_weight: frame_support::weights::Weight::zero(),
		};
		let junk = Xcm::<()>(vec![ClearOrigin; 8]);
		let onward = InitiateTransfer {
			destination: sibling(CONSUMER),
			remote_fees: None,
			preserve_origin: false,
			assets: BoundedVec::new(),
			remote_xcm: junk.clone(),
		};
		let attempts: Vec<Instruction<RuntimeCall>> = vec![
			onward,
			ReportHolding { response_info: to_subscriber.clone(), assets: AllCounted(1).into() },
			ReportError(to_subscriber.clone()),
			ReportTransactStatus(to_subscriber.clone()),
			QueryPallet { module_name: b"System".to_vec(), response_info: to_subscriber.clone() },
			SetAppendix(Xcm(vec![ReportError(to_subscriber.clone())])),
			SetErrorHandler(Xcm(vec![ReportError(to_subscriber.clone())])),
			Transact {
				origin_kind: OriginKind::SovereignAccount,
				fallback_max_weight: None,
				call: RuntimeCall::PolkadotXcm(pallet_xcm::Call::send {
					dest: Box::new(sibling(CONSUMER).into()),
					message: Box::new(VersionedXcm::from(junk.clone())),
				})
				.encode()
				.into(),
			},
		];
		for attempt in attempts {
			let name = format!("{attempt:?}");
			let outcome = execute(sibling(2002), paid(attempt));
			assert!(refused(&outcome), "{name}: {outcome:?}");
			let queued: Vec<_> = <XcmpQueue as InspectMessageQueues>::get_messages()
				.into_iter()
				.filter(|(destination, messages)| {
					Location::try_from(destination.clone()).ok() == Some(sibling(CONSUMER))
						&& !messages.is_empty()
				})
				.collect();
			assert!(queued.is_empty(), "{name} queued {queued:?}");
		}
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&attacker), 10 * UNIT);
	});
}

/// A sibling's paid program reaches only what siblings use here, as its sovereign account: a
/// call outside the round requests and subscriptions, a native or `Xcm` origin, or a program
/// from an account inside the sibling (not the sibling itself) is refused before anything is
/// withdrawn.
#[test]
fn a_sibling_reaches_only_round_requests_and_subscriptions_as_its_sovereign_account() {
	preset_ext("development").execute_with(|| {
		let account = sovereign(2002);
		Balances::set_balance(&account, 10 * UNIT);
		let remark = RuntimeCall::System(frame_system::Call::remark_with_event {
			remark: b"relayed".to_vec(),
		});
		let request =
			RuntimeCall::OracleAggregation(pallet_oracle_aggregation::Call::request_round {
				feed_id: 0,
			});
		let transact = |origin_kind, call: &RuntimeCall| Transact {
			origin_kind,
			fallback_max_weight: None,
			call: call.encode().into(),
		};
		let inside = |message: Xcm<RuntimeCall>| {
			let mut descended =
				vec![DescendOrigin(AccountId32 { network: None, id: [7; 32] }.into())];
			descended.extend(message.0);
			Xcm(descended)
		};
		for (name, message) in [
			("a remark", paid(transact(OriginKind::SovereignAccount, &remark))),
			("a native origin", paid(transact(OriginKind::Native, &request))),
			("an Xcm origin", paid(transact(OriginKind::Xcm, &request))),
			(
				"an account inside the sibling",
				inside(paid(transact(OriginKind::SovereignAccount, &request))),
			),
		] {
			let outcome = execute(sibling(2002), message);
			assert!(refused(&outcome), "{name}: {outcome:?}");
		}
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&account), 10 * UNIT);
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::System(frame_system::Event::Remarked { .. })
				| RuntimeEvent::OracleAggregation(
					pallet_oracle_aggregation::Event::RoundRequested { .. }
				)
		)));
	});
}

/// What the message queue is charged for processing `message` from sibling `para`, within a
/// third of a block: the processor's result and the weight it consumed.
fn queue_cost(
	para: u32,
	message: Xcm<RuntimeCall>,
) -> (Result<bool, frame_support::traits::ProcessMessageError>, frame_support::weights::Weight) {
	use frame_support::{traits::ProcessMessage, weights::WeightMeter};
	type Processor = xcm_builder::ProcessXcmMessage<
		cumulus_primitives_core::AggregateMessageOrigin,
		XcmExecutor<XcmConfig>,
		RuntimeCall,
	>;
	let budget = sp_runtime::Perbill::from_percent(35)
		* crate::configs::RuntimeBlockWeights::get().max_block;
	let mut meter = WeightMeter::with_limit(budget);
	let encoded = VersionedXcm::from(message).encode();
	let mut id = [0u8; 32];
	let result = Processor::process_message(
		&encoded,
		cumulus_primitives_core::AggregateMessageOrigin::Sibling(para.into()),
		&mut meter,
		&mut id,
	);
	(result, meter.consumed())
}

/// A message this chain refuses costs its message queue nothing beyond reading it, however
/// large: junk filling a message, a program that would send onward, a call siblings may not
/// make, or a request that does not buy its own weight is dropped as unsupported before it is
/// weighed, so that no sibling can fill the queue's budget (and delay others' requests) with
/// messages that never execute. A request that pays is executed and charged at most its
/// benchmarked weight, a small part of the 1 ms and 64 KiB per instruction once assumed.
#[test]
fn a_refused_message_costs_the_queue_nothing_beyond_reading_it() {
	use frame_support::{traits::ProcessMessageError, weights::Weight};
	preset_ext("development").execute_with(|| {
		ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(CONSUMER.into());
		let account = sovereign(2002);
		Balances::set_balance(&account, 10 * UNIT);
		let request =
			RuntimeCall::OracleAggregation(pallet_oracle_aggregation::Call::request_round {
				feed_id: 0,
			});
		let remark =
			RuntimeCall::System(frame_system::Call::remark { remark: vec![0u8; 16 * 1024] });
		let fee: Asset = (Here, UNIT).into();
		let underpaid = Xcm(vec![
			WithdrawAsset(fee.clone().into()),
			BuyExecution { fees: fee.clone(), weight_limit: Limited(Weight::from_parts(1, 1)) },
			Transact {
				origin_kind: OriginKind::SovereignAccount,
				fallback_max_weight: None,
				call: request.encode().into(),
			},
			RefundSurplus,
			DepositAsset { assets: AllCounted(1).into(), beneficiary: sibling(2002) },
		]);
		let onward = InitiateTransfer {
			destination: sibling(CONSUMER),
			remote_fees: None,
			preserve_origin: false,
			assets: BoundedVec::new(),
			remote_xcm: Xcm(vec![ClearOrigin; 8]),
		};
		let refused: Vec<(&str, Xcm<RuntimeCall>)> = vec![
			("junk", Xcm(vec![ClearOrigin; 20])),
			("onward", paid(onward)),
			(
				"remark",
				paid(Transact {
					origin_kind: OriginKind::SovereignAccount,
					fallback_max_weight: None,
					call: remark.encode().into(),
				}),
			),
			("underpaid", underpaid),
		];
		for (name, message) in refused {
			let (result, consumed) = queue_cost(2002, message);
			assert_eq!(result, Err(ProcessMessageError::Unsupported), "{name}");
			assert_eq!(consumed, Weight::zero(), "{name} consumed {consumed:?}");
		}
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&account), 10 * UNIT);
		// A request that pays runs, charged its call's weight and, for its five instructions,
		// less than half a millisecond and 32 KiB of proof all told (5 ms and 320 KiB at the
		// flat price once assumed).
		use frame_support::dispatch::GetDispatchInfo;
		let call_weight = request.get_dispatch_info().call_weight;
		let (result, consumed) = queue_cost(2002, paid_transact(UNIT, request));
		assert_eq!(result, Ok(true));
		let overhead = consumed.saturating_sub(call_weight);
		assert!(overhead.all_lte(Weight::from_parts(500_000_000, 32 * 1024)), "{consumed:?}");
		assert!(
			System::events().iter().any(|record| matches!(
				record.event,
				RuntimeEvent::OracleAggregation(
					pallet_oracle_aggregation::Event::RoundRequested { .. }
				)
			)),
			"the request ran"
		);
	});
}
