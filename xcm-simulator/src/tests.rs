//! Deliveries, refusals, failures and on-demand rounds across the simulated chains.

use crate::{
	consumer, oracle, reset, ConsumerPara, OraclePara, StrangerPara, CONSUMER_PARA, ORACLE_PARA,
	STRANGER_PARA,
};
use codec::Encode;
use frame_support::{assert_ok, traits::fungible::Inspect, BoundedVec};
use pallet_oracle_consumer::types::{DeliveredRound, ReceivedRound};
use pallet_oracle_delivery::types::{CallTarget, SendFailure, Trigger};
use sp_runtime::{DispatchError, Permill};
use xcm::{latest::prelude::*, VersionedLocation, VersionedXcm};
use xcm_simulator::{mock_message_queue, TestExt};

/// The consumer's receiver, as a subscription names it.
fn receiver() -> CallTarget {
	CallTarget {
		pallet_index: consumer::receiver_pallet_index(),
		call_index: 0,
		max_weight: <consumer::MaxDeliveryWeight as frame_support::traits::Get<_>>::get(),
	}
}

/// The consumer chain, as the oracle chain and the stranger see it.
fn consumer_location() -> Location {
	Location::new(1, [Parachain(CONSUMER_PARA)])
}

/// The oracle chain, as the consumer sees it.
fn oracle_location() -> Location {
	Location::new(1, [Parachain(ORACLE_PARA)])
}

/// Root of the oracle chain subscribes the consumer to `feeds` at every round.
fn subscribe_consumer(feeds: Vec<u32>) {
	assert_ok!(oracle::OracleDelivery::subscribe(
		oracle::RuntimeOrigin::root(),
		CONSUMER_PARA,
		BoundedVec::truncate_from(feeds),
		receiver(),
		Trigger::EveryRound,
	));
}

/// The consumer's `deliver` of `rounds`, encoded as its runtime decodes it.
fn deliver_call(rounds: Vec<DeliveredRound>) -> Vec<u8> {
	consumer::RuntimeCall::OracleConsumer(pallet_oracle_consumer::Call::deliver {
		rounds: BoundedVec::truncate_from(rounds),
		statuses: Default::default(),
	})
	.encode()
}

/// The oracle chain's message delivering `call` to the consumer's receiver, as its pushes do.
fn unpaid_delivery(call: Vec<u8>) -> Xcm<()> {
	Xcm(vec![
		UnpaidExecution { weight_limit: Limited(receiver().max_weight), check_origin: None },
		Transact { origin_kind: OriginKind::Xcm, fallback_max_weight: None, call: call.into() },
	])
}

/// A round as the oracle chain would deliver it.
fn delivered(feed_id: u32, round_id: u32, value: i128) -> DeliveredRound {
	DeliveredRound {
		feed_id,
		round_id,
		value,
		decimals: 8,
		timestamp_ms: 1_000,
		sla: oracle::summary(round_id),
	}
}

/// The transact status a call failing with `error` leaves.
fn failed_with(error: impl Into<DispatchError>) -> MaybeErrorCode {
	error.into().encode().into()
}

/// Sends `message` to `destination` from Root of the chain this runs in (the oracle's runtime).
fn send_from_oracle_runtime(destination: Location, message: Xcm<()>) {
	assert_ok!(oracle::PolkadotXcm::send(
		oracle::RuntimeOrigin::root(),
		Box::new(VersionedLocation::from(destination)),
		Box::new(VersionedXcm::from(message)),
	));
}

/// What the message queue of `$chain` (running `$runtime`) made of the messages it executed,
/// in order, since the last call: `Ok` for a message that completed, the error otherwise.
/// Clears the chain's events.
macro_rules! outcomes {
	($chain:ident, $runtime:ident) => {
		$chain::execute_with(|| {
			let outcomes = $runtime::System::events()
				.into_iter()
				.filter_map(|record| match record.event {
					$runtime::RuntimeEvent::MsgQueue(mock_message_queue::Event::Success {
						..
					}) => Some(Ok(())),
					$runtime::RuntimeEvent::MsgQueue(mock_message_queue::Event::Fail {
						error,
						..
					}) => Some(Err(error)),
					_ => None,
				})
				.collect::<Vec<Result<(), XcmError>>>();
			$runtime::System::reset_events();
			outcomes
		})
	};
}

/// The consumer chain's outcomes (see `outcomes!`).
fn consumer_outcomes() -> Vec<Result<(), XcmError>> {
	outcomes!(ConsumerPara, consumer)
}

/// The oracle chain's outcomes (see `outcomes!`).
fn oracle_outcomes() -> Vec<Result<(), XcmError>> {
	outcomes!(OraclePara, oracle)
}

/// The consumer's whole state of the receiver: latest rounds and histories.
fn consumer_rounds() -> Vec<(u32, ReceivedRound<u64>, Vec<ReceivedRound<u64>>)> {
	ConsumerPara::execute_with(|| {
		consumer::OracleConsumer::feeds()
			.into_iter()
			.filter_map(|feed| {
				let latest = consumer::OracleConsumer::latest(feed)?;
				Some((feed, latest, consumer::OracleConsumer::history(feed)))
			})
			.collect()
	})
}

/// Paid execution on the receiving chain, with `fees` of its token from the sender's
/// sovereign account there, followed by `instructions`; the rest is refunded to that account.
fn paid(fees: u128, sender: Location, instructions: Vec<Instruction<()>>) -> Xcm<()> {
	let fees: Asset = (Here, fees).into();
	let mut message =
		vec![WithdrawAsset(fees.clone().into()), BuyExecution { fees, weight_limit: Unlimited }];
	message.extend(instructions);
	message.extend([
		RefundSurplus,
		DepositAsset { assets: AllCounted(1).into(), beneficiary: sender },
	]);
	Xcm(message)
}

#[test]
fn a_resolved_round_arrives_on_the_consumer_chain() {
	reset();
	let first = OraclePara::execute_with(|| {
		let feed = oracle::create_feed("BTC/USD");
		subscribe_consumer(vec![feed]);
		oracle::resolve_round(feed, 1, [10_000_000_000_000, 10_050_000_000_000, 9_900_000_000_000])
	});
	assert_eq!(consumer_outcomes(), vec![Ok(())]);
	let expected_first = ReceivedRound {
		round_id: 1,
		value: 10_000_000_000_000,
		decimals: 8,
		timestamp_ms: first.updated_at_ms,
		sla: oracle::summary(1),
		received_at_ms: 12_000,
		received_in: 1,
	};
	assert_eq!(consumer_rounds(), vec![(0, expected_first, vec![expected_first])]);
	ConsumerPara::execute_with(|| {
		assert_eq!(consumer::OracleConsumer::fresh(0), Ok(expected_first));
	});

	// The next round arrives a block later on the consumer chain, after the first.
	ConsumerPara::execute_with(consumer::next_block);
	let second = OraclePara::execute_with(|| {
		let round = oracle::resolve_round(
			0,
			2,
			[10_100_000_000_000, 10_120_000_000_000, 10_110_000_000_000],
		);
		let subscription =
			pallet_oracle_delivery::Subscriptions::<oracle::Runtime>::get(CONSUMER_PARA, 0)
				.expect("the subscription exists");
		assert_eq!(subscription.delivered, 2);
		assert_eq!(subscription.failures, 0);
		round
	});
	assert_eq!(second.value, 10_110_000_000_000);
	let expected_second = ReceivedRound {
		round_id: 2,
		value: second.value,
		decimals: 8,
		timestamp_ms: second.updated_at_ms,
		sla: oracle::summary(2),
		received_at_ms: 24_000,
		received_in: 2,
	};
	assert_eq!(
		consumer_rounds(),
		vec![(0, expected_second, vec![expected_first, expected_second])]
	);
	ConsumerPara::execute_with(|| {
		consumer::System::assert_has_event(
			pallet_oracle_consumer::Event::RoundReceived {
				from: oracle_location(),
				feed_id: 0,
				round_id: 2,
				value: second.value,
			}
			.into(),
		);
	});
}

#[test]
fn a_round_id_that_does_not_increase_is_refused() {
	reset();
	OraclePara::execute_with(|| {
		let feed = oracle::create_feed("BTC/USD");
		subscribe_consumer(vec![feed]);
		oracle::resolve_round(feed, 1, [100, 100, 100]);
		oracle::resolve_round(feed, 2, [200, 200, 200]);
	});
	let before = consumer_rounds();
	assert_eq!(before[0].1.round_id, 2);
	consumer_outcomes();

	// The oracle chain itself (by Root) sends an older round, then the same round again with
	// another value: the receiver keeps neither (the call itself succeeds, refusing each round
	// with an event), and nothing changes.
	for stale in [delivered(0, 1, 1), delivered(0, 2, 999)] {
		OraclePara::execute_with(|| {
			send_from_oracle_runtime(
				consumer_location(),
				unpaid_delivery(deliver_call(vec![stale])),
			);
		});
		assert_eq!(consumer_outcomes(), vec![Ok(())]);
		assert_eq!(consumer_rounds(), before);
	}

	// A delivery mixing a newer round of one feed with a stale round of another: the stale
	// round is refused, the newer one kept.
	OraclePara::execute_with(|| {
		send_from_oracle_runtime(
			consumer_location(),
			unpaid_delivery(deliver_call(vec![delivered(0, 2, 5), delivered(1, 1, 5)])),
		);
	});
	assert_eq!(consumer_outcomes(), vec![Ok(())]);
	let after = consumer_rounds();
	assert_eq!(after[0], before[0], "the stale round changed nothing");
	assert_eq!(after.get(1).map(|(feed, latest, _)| (*feed, latest.round_id)), Some((1, 1)));
}

#[test]
fn a_foreign_origin_is_refused() {
	reset();
	let genuine = delivered(0, 7, 42);
	let bad_origin = failed_with(DispatchError::BadOrigin);
	let stranger = Location::new(1, [Parachain(STRANGER_PARA)]);

	// Unpaid, as the oracle chain sends: the barrier stops it.
	StrangerPara::execute_with(|| {
		send_from_oracle_runtime(consumer_location(), unpaid_delivery(deliver_call(vec![genuine])));
	});
	assert_eq!(consumer_outcomes(), vec![Err(XcmError::Barrier)]);

	// Paid, so that it executes: the receiver's origin check refuses the stranger's `Xcm`
	// origin and its sovereign account alike; as a native origin it has none here.
	for (origin_kind, outcome) in [
		(OriginKind::Xcm, Ok(())),
		(OriginKind::SovereignAccount, Ok(())),
		(OriginKind::Native, Err(XcmError::BadOrigin)),
	] {
		StrangerPara::execute_with(|| {
			send_from_oracle_runtime(
				consumer_location(),
				paid(
					10_000_000_000,
					stranger.clone(),
					vec![
						Transact {
							origin_kind,
							fallback_max_weight: None,
							call: deliver_call(vec![genuine]).into(),
						},
						ExpectTransactStatus(bad_origin.clone()),
					],
				),
			);
		});
		assert_eq!(consumer_outcomes(), vec![outcome], "{origin_kind:?} refused by origin");
	}

	// Claiming the oracle chain's location: the chain aliases no origin, so the message stops
	// before the call.
	StrangerPara::execute_with(|| {
		send_from_oracle_runtime(
			consumer_location(),
			paid(
				10_000_000_000,
				stranger.clone(),
				vec![
					AliasOrigin(oracle_location()),
					Transact {
						origin_kind: OriginKind::Xcm,
						fallback_max_weight: None,
						call: deliver_call(vec![genuine]).into(),
					},
				],
			),
		);
	});
	assert_eq!(consumer_outcomes(), vec![Err(XcmError::NoPermission)]);
	assert_eq!(consumer_rounds(), vec![]);

	// On the oracle chain, the stranger cannot subscribe the consumer (its sovereign account is
	// not the consumer's) nor cancel the consumer's subscription.
	OraclePara::execute_with(|| {
		let feed = oracle::create_feed("BTC/USD");
		subscribe_consumer(vec![feed]);
	});
	oracle_outcomes();
	let subscribe = oracle::RuntimeCall::OracleDelivery(pallet_oracle_delivery::Call::subscribe {
		para: CONSUMER_PARA,
		feeds: BoundedVec::truncate_from(vec![0]),
		target: receiver(),
		trigger: Trigger::EveryRound,
	});
	let unsubscribe =
		oracle::RuntimeCall::OracleDelivery(pallet_oracle_delivery::Call::unsubscribe {
			para: CONSUMER_PARA,
			subscription: 0,
		});
	for (call, error) in [
		(subscribe, pallet_oracle_delivery::Error::<oracle::Runtime>::NotSovereign),
		(unsubscribe, pallet_oracle_delivery::Error::<oracle::Runtime>::NotSovereign),
	] {
		StrangerPara::execute_with(|| {
			send_from_oracle_runtime(
				Location::new(1, [Parachain(ORACLE_PARA)]),
				paid(
					10_000_000_000,
					stranger.clone(),
					vec![
						Transact {
							origin_kind: OriginKind::SovereignAccount,
							fallback_max_weight: None,
							call: call.encode().into(),
						},
						ExpectTransactStatus(failed_with(error)),
					],
				),
			);
		});
		assert_eq!(oracle_outcomes(), vec![Ok(())]);
	}
	OraclePara::execute_with(|| {
		let subscriptions: Vec<_> =
			pallet_oracle_delivery::Subscriptions::<oracle::Runtime>::iter().collect();
		assert_eq!(subscriptions.len(), 1);
		assert_eq!(subscriptions[0].0, CONSUMER_PARA);
		assert_eq!(subscriptions[0].2.owner, None);
	});
}

#[test]
fn a_failed_send_is_recorded_and_retried_with_the_next_round() {
	reset();
	OraclePara::execute_with(|| {
		let feed = oracle::create_feed("BTC/USD");
		subscribe_consumer(vec![feed]);
		oracle::cut_link(true);
		// The round resolves although its push fails.
		let round = oracle::resolve_round(feed, 1, [100, 100, 100]);
		assert_eq!(round.value, 100);
		let failed_at = oracle::System::block_number();
		oracle::System::assert_has_event(
			pallet_oracle_delivery::Event::DeliveryFailed {
				para: CONSUMER_PARA,
				subscription: 0,
				failure: SendFailure::Transport,
			}
			.into(),
		);
		let subscription =
			pallet_oracle_delivery::Subscriptions::<oracle::Runtime>::get(CONSUMER_PARA, 0)
				.expect("the subscription exists");
		assert_eq!(subscription.delivered, 0);
		assert_eq!(subscription.failures, 1);
		assert_eq!(subscription.last_failure, Some((failed_at, SendFailure::Transport)));
		assert_eq!(subscription.feeds[0].pending.map(|round| round.round_id), Some(1));
		oracle::cut_link(false);
	});
	assert_eq!(consumer_rounds(), vec![]);

	// The link is back: the next round goes out, and the subscription's record is clean.
	OraclePara::execute_with(|| {
		oracle::resolve_round(0, 2, [200, 200, 200]);
		let subscription =
			pallet_oracle_delivery::Subscriptions::<oracle::Runtime>::get(CONSUMER_PARA, 0)
				.expect("the subscription exists");
		assert_eq!(subscription.delivered, 1);
		assert_eq!(subscription.failures, 0);
		assert_eq!(subscription.last_failure, None);
		assert_eq!(subscription.feeds[0].pending, None);
		assert_eq!(subscription.feeds[0].sent_round, 2);
	});
	let rounds = consumer_rounds();
	assert_eq!(rounds.len(), 1);
	assert_eq!((rounds[0].1.round_id, rounds[0].1.value), (2, 200));

	// A subscription of a chain the network cannot reach fails the same way, and the chain
	// goes on resolving and delivering to the others.
	OraclePara::execute_with(|| {
		assert_ok!(oracle::OracleDelivery::subscribe(
			oracle::RuntimeOrigin::root(),
			2099,
			BoundedVec::truncate_from(vec![0]),
			receiver(),
			Trigger::EveryRound,
		));
		oracle::resolve_round(0, 3, [300, 300, 300]);
		let unreachable = pallet_oracle_delivery::Subscriptions::<oracle::Runtime>::get(2099, 1)
			.expect("the subscription exists");
		assert_eq!(unreachable.failures, 1);
		assert!(matches!(unreachable.last_failure, Some((_, SendFailure::NotApplicable))));
	});
	assert_eq!(consumer_rounds()[0].1.round_id, 3);
}

#[test]
fn an_on_demand_request_from_the_consumer_resolves_and_arrives() {
	reset();
	OraclePara::execute_with(|| {
		oracle::create_feed("BTC/USD");
		oracle::create_feed("ETH/USD");
	});
	oracle_outcomes();
	let sovereign = oracle::sovereign(CONSUMER_PARA);

	// The consumer chain (by its Root) subscribes itself to feed 1 and asks for a round of it,
	// paying from its sovereign account on the oracle chain.
	let subscribe = oracle::RuntimeCall::OracleDelivery(pallet_oracle_delivery::Call::subscribe {
		para: CONSUMER_PARA,
		feeds: BoundedVec::truncate_from(vec![1]),
		target: receiver(),
		trigger: Trigger::Deviation { threshold: Permill::from_percent(1), heartbeat: 100 },
	});
	let request =
		oracle::RuntimeCall::OracleAggregation(pallet_oracle_aggregation::Call::request_round {
			feed_id: 1,
		});
	let execution_fees = 1_000_000_000_000;
	ConsumerPara::execute_with(|| {
		assert_ok!(consumer::PolkadotXcm::send(
			consumer::RuntimeOrigin::root(),
			Box::new(VersionedLocation::from(oracle_location())),
			Box::new(VersionedXcm::from(paid(
				execution_fees,
				consumer_location(),
				vec![
					Transact {
						origin_kind: OriginKind::SovereignAccount,
						fallback_max_weight: None,
						call: subscribe.encode().into(),
					},
					ExpectTransactStatus(MaybeErrorCode::Success),
					Transact {
						origin_kind: OriginKind::SovereignAccount,
						fallback_max_weight: None,
						call: request.encode().into(),
					},
					ExpectTransactStatus(MaybeErrorCode::Success),
				],
			))),
		));
	});
	assert_eq!(oracle_outcomes(), vec![Ok(())]);

	let paid_before_delivery = OraclePara::execute_with(|| {
		let state = oracle::OracleAggregation::state(1).expect("the feed exists");
		assert!(state.requested);
		let subscription =
			pallet_oracle_delivery::Subscriptions::<oracle::Runtime>::get(CONSUMER_PARA, 0)
				.expect("the consumer subscribed itself");
		assert_eq!(subscription.owner, Some(sovereign.clone()));
		let deposit = oracle::SubscriptionDeposit::get() + oracle::FeedDeposit::get();
		assert_eq!(subscription.deposit, deposit);
		assert_eq!(oracle::Balances::reserved_balance(&sovereign), deposit);
		let spent = oracle::SOVEREIGN_FUNDS - oracle::Balances::total_balance(&sovereign);
		// The round's fee and the execution; the surplus came back.
		assert!(spent > oracle::REQUEST_FEE + 9 * 1_000_000_000, "{spent}");
		assert!(spent < oracle::REQUEST_FEE + execution_fees, "{spent}");

		// Operators answer the request; the round resolves and is pushed.
		let round =
			oracle::resolve_round(1, 1, [300_000_000_000, 300_100_000_000, 299_900_000_000]);
		assert!(!oracle::OracleAggregation::state(1).expect("the feed exists").requested);
		let subscription =
			pallet_oracle_delivery::Subscriptions::<oracle::Runtime>::get(CONSUMER_PARA, 0)
				.expect("the subscription exists");
		assert_eq!(subscription.delivered, 1);
		assert_eq!(
			oracle::SOVEREIGN_FUNDS - oracle::Balances::total_balance(&sovereign),
			spent + oracle::DeliveryFee::get()
		);
		round
	});
	assert_eq!(paid_before_delivery.value, 300_000_000_000);
	let rounds = consumer_rounds();
	assert_eq!(rounds.len(), 1);
	assert_eq!(rounds[0].0, 1);
	assert_eq!(
		(rounds[0].1.round_id, rounds[0].1.value, rounds[0].1.timestamp_ms),
		(1, paid_before_delivery.value, paid_before_delivery.updated_at_ms)
	);
}

/// The consumer grants the oracle chain only the delivery of rounds: a program from the oracle
/// chain (sent by its Root) that calls anything else, or delivers without declaring its weight,
/// is stopped by the consumer's barrier and changes nothing; a delivery passes.
#[test]
fn the_oracle_chain_can_only_deliver_rounds_to_the_consumer() {
	reset();
	let remark =
		consumer::RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] })
			.encode();
	let attempts: Vec<Xcm<()>> = vec![
		Xcm(vec![
			UnpaidExecution { weight_limit: Limited(receiver().max_weight), check_origin: None },
			Transact {
				origin_kind: OriginKind::Xcm,
				fallback_max_weight: None,
				call: remark.clone().into(),
			},
		]),
		Xcm(vec![
			UnpaidExecution { weight_limit: Limited(receiver().max_weight), check_origin: None },
			Transact {
				origin_kind: OriginKind::SovereignAccount,
				fallback_max_weight: None,
				call: remark.into(),
			},
		]),
		Xcm(vec![
			UnpaidExecution { weight_limit: Unlimited, check_origin: None },
			Transact {
				origin_kind: OriginKind::Xcm,
				fallback_max_weight: None,
				call: deliver_call(vec![delivered(0, 1, 1)]).into(),
			},
		]),
	];
	for message in attempts {
		OraclePara::execute_with(|| send_from_oracle_runtime(consumer_location(), message));
		assert_eq!(consumer_outcomes(), vec![Err(XcmError::Barrier)]);
	}
	assert_eq!(consumer_rounds(), vec![]);
	OraclePara::execute_with(|| {
		send_from_oracle_runtime(
			consumer_location(),
			unpaid_delivery(deliver_call(vec![delivered(0, 1, 1)])),
		)
	});
	assert_eq!(consumer_outcomes(), vec![Ok(())]);
	assert_eq!(consumer_rounds().len(), 1);
}
