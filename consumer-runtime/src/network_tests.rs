//! The oracle chain and this chain, each its real runtime with the XCM configuration it ships,
//! exchanging messages as the relay chain carries them: every page one chain's XCMP queue hands
//! out for the other goes into the other's XCMP queue, and its message queue executes it within
//! the weight the runtime gives it. A third parachain (`STRANGER`) is modelled by the pages it
//! sends, since a receiver knows a sender only by the channel a page comes in on.
//!
//! The oracle chain runs its development preset (Alice, its only operator, answers rounds with
//! signed reports); rounds resolve in its blocks' `on_initialize`, and the delivery pallet pushes
//! them through its XCMP queue as it does on a live chain.

use crate::{
	configs::{LocationToAccountId, MaxDeliveryWeight, ORACLE_PARA_ID},
	genesis_config_presets::PARACHAIN_ID as CONSUMER,
	tests::{full_preset, oracle_ext_bare},
	Balances, OracleConsumer, PolkadotXcm, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	System, UNIT,
};
use codec::Encode;
use cumulus_primitives_core::{
	AbridgedHrmpChannel, ParaId, XcmpMessageFormat, XcmpMessageHandler, XcmpMessageSource,
};
use frame_support::{
	assert_ok,
	genesis_builder_helper::build_state,
	traits::{fungible::Mutate, Get, Hooks, ServiceQueues},
	weights::Weight,
	BoundedVec,
};
use pallet_message_queue::Event as QueueEvent;
use pallet_oracle_consumer::types::{DeliveredRound, ReceivedRound, RoundSla};
use pallet_oracle_delivery::types::{CallTarget, SendFailure, Trigger};
use sp_runtime::{DispatchError, Permill};
use xcm::{latest::prelude::*, VersionedLocation, VersionedXcm};
use xcm_executor::traits::ConvertLocation;

/// The oracle chain's para id.
const ORACLE: u32 = ORACLE_PARA_ID;
/// A parachain that is not the oracle chain.
const STRANGER: u32 = 2002;
/// A price of the development preset's feed 0 (BTC/USD, 8 decimals) within its bounds.
const PRICE: i128 = 9_800_000_000_000;
/// The oracle chain's block time, in ms.
const ORACLE_BLOCK_MS: u64 = 6_000;
/// This chain's block time, in ms.
const CONSUMER_BLOCK_MS: u64 = 12_000;

/// What a chain's message queue made of a message it took from a sibling.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Processed {
	/// Executed to its end.
	Complete,
	/// Executed, and stopped by `XcmError` at an instruction.
	Failed(XcmError),
	/// Stopped by the barrier before its first instruction: nothing of it ran.
	Barred,
	/// Not executed: refused by the weigher, or undecodable.
	Refused(frame_support::traits::ProcessMessageError),
}

/// A channel that takes what these tests send.
fn channel() -> AbridgedHrmpChannel {
	AbridgedHrmpChannel {
		max_capacity: 100,
		max_total_size: 1_000_000,
		max_message_size: 102_400,
		msg_count: 0,
		total_size: 0,
		mqc_head: None,
	}
}

/// Opens (or, with no recipients, closes) the outbound channels of the chain this runs in.
fn set_channels<R: cumulus_pallet_parachain_system::Config>(recipients: &[u32]) {
	cumulus_pallet_parachain_system::RelevantMessagingState::<R>::put(
		cumulus_pallet_parachain_system::relay_state_snapshot::MessagingStateSnapshot {
			dmq_mqc_head: Default::default(),
			relay_dispatch_queue_remaining_capacity: Default::default(),
			ingress_channels: Vec::new(),
			egress_channels: recipients.iter().map(|para| ((*para).into(), channel())).collect(),
		},
	);
}

/// An XCMP page holding `messages`, as a sibling's XCMP queue writes it.
fn page(messages: &[Xcm<()>]) -> Vec<u8> {
	let mut page = XcmpMessageFormat::ConcatenatedVersionedXcm.encode();
	for message in messages {
		page.extend(VersionedXcm::from(message.clone()).encode());
	}
	page
}

/// Takes every page the XCMP queue of the chain this runs in has for its siblings.
fn outbound<Queue: XcmpMessageSource>() -> Vec<(u32, Vec<u8>)> {
	let mut pages = Vec::new();
	loop {
		let taken = Queue::take_outbound_messages(usize::MAX, &[]);
		if taken.is_empty() {
			return pages;
		}
		pages.extend(taken.into_iter().map(|(para, page)| (u32::from(para), page)));
	}
}

/// Hands `pages` from `sender` to the XCMP queue of the chain this runs in and lets its message
/// queue serve them within `budget`, as its block would.
fn inbound<Queue: XcmpMessageHandler, Service: ServiceQueues>(
	sender: u32,
	pages: &[Vec<u8>],
	budget: Weight,
) {
	Queue::handle_xcmp_messages(
		pages.iter().map(|page| (ParaId::from(sender), 1, &page[..])),
		Weight::MAX,
	);
	Service::service_queues(budget);
}

/// The outcomes of the messages the message queue of `R` served since the last call, in
/// order; clears the events. A message that did not complete failed at an instruction if the
/// executor reported that instruction's error (pallet-xcm's `ProcessXcmError`), else the
/// barrier stopped it before it ran.
fn served<R>() -> Vec<Processed>
where
	R: pallet_message_queue::Config + pallet_xcm::Config,
	<R as frame_system::Config>::RuntimeEvent:
		TryInto<QueueEvent<R>> + TryInto<pallet_xcm::Event<R>> + Clone,
{
	let mut outcomes = Vec::new();
	let mut failed_at = None;
	for record in frame_system::Pallet::<R>::events() {
		if let Ok(pallet_xcm::Event::ProcessXcmError { error, .. }) =
			TryInto::<pallet_xcm::Event<R>>::try_into(record.event.clone())
		{
			failed_at = Some(error);
			continue;
		}
		let outcome = match TryInto::<QueueEvent<R>>::try_into(record.event) {
			Ok(QueueEvent::Processed { success: true, .. }) => Processed::Complete,
			Ok(QueueEvent::Processed { success: false, .. }) => match failed_at {
				Some(error) => Processed::Failed(error),
				None => Processed::Barred,
			},
			Ok(QueueEvent::ProcessingFailed { error, .. }) => Processed::Refused(error),
			_ => continue,
		};
		failed_at = None;
		outcomes.push(outcome);
	}
	frame_system::Pallet::<R>::reset_events();
	outcomes
}

/// The two chains, and the pages on their way.
struct Network {
	oracle: sp_io::TestExternalities,
	consumer: sp_io::TestExternalities,
	/// Pages the oracle chain sent to parachains other than this one.
	elsewhere: Vec<(u32, Vec<u8>)>,
}

impl Network {
	/// The oracle chain (development preset, channel to this chain, this chain's sovereign
	/// account there funded) and this chain (development preset, channel to the oracle chain,
	/// the stranger's sovereign account funded).
	fn new() -> Self {
		let mut oracle = oracle_ext_bare();
		oracle.execute_with(|| {
			set_channels::<oracle_runtime::Runtime>(&[CONSUMER]);
			oracle_runtime::Balances::set_balance(
				&oracle_sovereign(CONSUMER),
				1_000 * oracle_runtime::UNIT,
			);
			oracle_runtime::Balances::set_balance(
				&oracle_sovereign(STRANGER),
				1_000 * oracle_runtime::UNIT,
			);
			pallet_timestamp::Now::<oracle_runtime::Runtime>::put(ORACLE_BLOCK_MS);
		});
		let patch =
			crate::genesis_config_presets::get_preset(&"development".into()).expect("a preset");
		let preset = full_preset::<crate::RuntimeGenesisConfig>(patch);
		let mut consumer = sp_io::TestExternalities::new(Default::default());
		consumer
			.execute_with(|| build_state::<crate::RuntimeGenesisConfig>(preset))
			.expect("the preset builds");
		consumer.execute_with(|| {
			System::set_block_number(1);
			pallet_timestamp::Now::<Runtime>::put(CONSUMER_BLOCK_MS);
			set_channels::<Runtime>(&[ORACLE]);
			Balances::set_balance(&consumer_sovereign(STRANGER), 1_000 * UNIT);
		});
		Self { oracle, consumer, elsewhere: Vec::new() }
	}

	/// Runs `f` on the oracle chain, then carries what it sent.
	fn oracle<R>(&mut self, f: impl FnOnce() -> R) -> R {
		let result = self.oracle.execute_with(f);
		self.carry();
		result
	}

	/// Runs `f` on this chain, then carries what it sent.
	fn consumer<R>(&mut self, f: impl FnOnce() -> R) -> R {
		let result = self.consumer.execute_with(f);
		self.carry();
		result
	}

	/// Carries every page either chain has for the other until neither has any, each served by
	/// its recipient's message queue within the weight its runtime gives the queue.
	fn carry(&mut self) {
		loop {
			let from_oracle = self.oracle.execute_with(outbound::<oracle_runtime::XcmpQueue>);
			let from_consumer = self.consumer.execute_with(outbound::<crate::XcmpQueue>);
			if from_oracle.is_empty() && from_consumer.is_empty() {
				return;
			}
			let (here, elsewhere): (Vec<_>, Vec<_>) =
				from_oracle.into_iter().partition(|(para, _)| *para == CONSUMER);
			self.elsewhere.extend(elsewhere);
			self.deliver_to_consumer(ORACLE, here.into_iter().map(|(_, page)| page).collect());
			let to_oracle: Vec<_> = from_consumer
				.into_iter()
				.filter(|(para, _)| *para == ORACLE)
				.map(|(_, page)| page)
				.collect();
			self.oracle.execute_with(|| {
				let budget =
					<oracle_runtime::Runtime as pallet_message_queue::Config>::IdleMaxServiceWeight::get()
						.expect("the oracle chain serves its queue from idle weight");
				inbound::<oracle_runtime::XcmpQueue, oracle_runtime::MessageQueue>(
					CONSUMER, &to_oracle, budget,
				);
			});
		}
	}

	/// Hands `pages` from `sender` to this chain and serves them.
	fn deliver_to_consumer(&mut self, sender: u32, pages: Vec<Vec<u8>>) {
		self.consumer.execute_with(|| {
			let budget = <Runtime as pallet_message_queue::Config>::ServiceWeight::get()
				.expect("this chain serves its queue at every block");
			inbound::<crate::XcmpQueue, crate::MessageQueue>(sender, &pages, budget);
		});
	}

	/// `sender`'s page holding `message` arrives on this chain.
	fn send_to_consumer(&mut self, sender: u32, message: Xcm<()>) {
		self.deliver_to_consumer(sender, vec![page(&[message])]);
	}

	/// `sender`'s page holding `message` arrives on the oracle chain.
	fn send_to_oracle(&mut self, sender: u32, message: Xcm<()>) {
		self.oracle.execute_with(|| {
			let budget =
				<oracle_runtime::Runtime as pallet_message_queue::Config>::IdleMaxServiceWeight::get()
					.expect("the oracle chain serves its queue from idle weight");
			inbound::<oracle_runtime::XcmpQueue, oracle_runtime::MessageQueue>(
				sender,
				&[page(&[message])],
				budget,
			);
		});
	}

	/// What this chain's message queue made of the messages it served since the last call.
	fn consumer_served(&mut self) -> Vec<Processed> {
		self.consumer.execute_with(served::<Runtime>)
	}

	/// What the oracle chain's message queue made of the messages it served since the last
	/// call.
	fn oracle_served(&mut self) -> Vec<Processed> {
		self.oracle.execute_with(served::<oracle_runtime::Runtime>)
	}

	/// This chain's next block.
	fn consumer_block(&mut self) {
		self.consumer.execute_with(|| {
			let now = System::block_number() + 1;
			System::set_block_number(now);
			pallet_timestamp::Now::<Runtime>::put(u64::from(now) * CONSUMER_BLOCK_MS);
		});
	}

	/// Alice answers `value` for feed `feed_id`'s next round, and the oracle chain's blocks go
	/// on until it resolves (its pushes carried at each). Returns the round as resolved. A round
	/// opens when its feed's trigger says so: `value` must move past the feed's deviation
	/// threshold from its last one (0.25 % for the preset's feeds), as the heartbeat is far.
	fn resolve(
		&mut self,
		feed_id: u32,
		value: i128,
	) -> pallet_oracle_aggregation::types::RoundData<u32> {
		let round_id = self.oracle.execute_with(|| {
			let round_id = oracle_runtime::OracleAggregation::state(feed_id)
				.expect("the feed exists")
				.latest_round
				.saturating_add(1);
			assert_ok!(alice_reports(feed_id, round_id, value));
			round_id
		});
		for _ in 0..10 {
			let resolved = self.oracle(|| {
				oracle_block();
				oracle_runtime::OracleAggregation::latest_round(feed_id)
					.filter(|round| round.round_id == round_id)
			});
			if let Some(round) = resolved {
				return round;
			}
		}
		panic!("round {round_id} of feed {feed_id} did not resolve");
	}
}

/// The oracle chain's next block, 6 s later: its rounds close and its deliveries go out.
fn oracle_block() {
	use oracle_runtime::{OracleAggregation, OracleDelivery, System};
	let now = System::block_number() + 1;
	System::set_block_number(now);
	pallet_timestamp::Now::<oracle_runtime::Runtime>::put(u64::from(now) * ORACLE_BLOCK_MS);
	OracleAggregation::on_initialize(now);
	OracleDelivery::on_initialize(now);
}

/// Alice's signed report of `value` for round `round_id` of feed `feed_id`, on the oracle chain.
fn alice_reports(
	feed_id: u32,
	round_id: u32,
	value: i128,
) -> frame_support::dispatch::DispatchResult {
	use oracle_runtime::{OracleAggregation, RuntimeOrigin, System};
	use pallet_oracle_aggregation::types::{Report, ReportAnswer, ReportValue};
	use sp_core::Pair;
	let alice = sp_keyring::Sr25519Keyring::Alice;
	let report = Report {
		key: alice.public().into(),
		at: System::block_number(),
		values: BoundedVec::truncate_from(vec![ReportValue {
			feed_id,
			round_id,
			answer: ReportAnswer::Value(value),
		}]),
	};
	let signature = alice.pair().sign(&OracleAggregation::report_payload(&report)).into();
	OracleAggregation::submit(RuntimeOrigin::none(), report, signature)
}

/// The fingerprint of feed `feed_id`'s configuration on the oracle chain.
fn configuration(feed_id: u32) -> pallet_oracle_consumer::types::ConfigFingerprint {
	pallet_oracle_aggregation::Feeds::<oracle_runtime::Runtime>::get(feed_id)
		.expect("the feed exists")
		.fingerprint()
}

/// `para`'s sovereign account on the oracle chain.
fn oracle_sovereign(para: u32) -> oracle_runtime::AccountId {
	oracle_runtime::configs::xcm::LocationToAccountId::convert_location(&sibling(para))
		.expect("siblings have an account")
}

/// `para`'s sovereign account on this chain.
fn consumer_sovereign(para: u32) -> crate::AccountId {
	LocationToAccountId::convert_location(&sibling(para)).expect("siblings have an account")
}

fn sibling(para: u32) -> Location {
	Location::new(1, [Parachain(para)])
}

/// This chain's receiver, as a subscription names it: the recipe's pallet, call and bound.
fn receiver() -> CallTarget {
	CallTarget { pallet_index: 60, call_index: 0, max_weight: MaxDeliveryWeight::get() }
}

/// Root of the oracle chain subscribes this chain to `feeds` at every round.
fn subscribe(feeds: Vec<u32>) {
	assert_ok!(oracle_runtime::OracleDelivery::subscribe(
		oracle_runtime::RuntimeOrigin::root(),
		CONSUMER,
		BoundedVec::truncate_from(feeds),
		receiver(),
		Trigger::EveryRound,
	));
}

/// The subscription `id` of this chain on the oracle chain.
fn subscription(
	id: pallet_oracle_delivery::types::SubscriptionId,
) -> pallet_oracle_delivery::SubscriptionOf<oracle_runtime::Runtime> {
	pallet_oracle_delivery::Subscriptions::<oracle_runtime::Runtime>::get(CONSUMER, id)
		.expect("the subscription exists")
}

/// This chain's `deliver` of `rounds`, encoded as its runtime decodes it.
fn deliver_call(rounds: Vec<DeliveredRound>) -> Vec<u8> {
	RuntimeCall::OracleConsumer(pallet_oracle_consumer::Call::deliver {
		rounds: BoundedVec::truncate_from(rounds),
		statuses: Default::default(),
	})
	.encode()
}

/// A delivery of `call` as the oracle chain's pushes send it.
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
		fingerprint: [0; 16],
		timestamp_ms: 1_000,
		sla: RoundSla::default(),
	}
}

/// Paid execution with `fees` of the receiving chain's token from `sender`'s sovereign account
/// there, then `instructions`; the rest is refunded to that account.
fn paid(fees: u128, sender: u32, instructions: Vec<Instruction<()>>) -> Xcm<()> {
	let fees: Asset = (Here, fees).into();
	let mut message =
		vec![WithdrawAsset(fees.clone().into()), BuyExecution { fees, weight_limit: Unlimited }];
	message.extend(instructions);
	message.extend([
		RefundSurplus,
		DepositAsset { assets: AllCounted(1).into(), beneficiary: sibling(sender) },
	]);
	Xcm(message)
}

/// The transact status a call failing with `error` leaves.
fn failed_with(error: impl Into<DispatchError>) -> MaybeErrorCode {
	error.into().encode().into()
}

/// This chain's receiver state: each feed's latest round and history.
fn received() -> Vec<(u32, ReceivedRound<u32>, Vec<ReceivedRound<u32>>)> {
	OracleConsumer::feeds()
		.into_iter()
		.filter_map(|feed| {
			Some((feed, OracleConsumer::latest(feed)?, OracleConsumer::history(feed)))
		})
		.collect()
}

/// A round resolved by the oracle chain's operators travels through both chains' real XCM
/// configurations and lands as resolved, with the SLA summary the oracle chain recorded; the
/// next round arrives after it and joins the history.
#[test]
fn a_resolved_round_travels_to_this_chain_and_lands() {
	let mut network = Network::new();
	network.oracle(|| subscribe(vec![0]));
	let first = network.resolve(0, PRICE);
	assert_eq!(first.value, PRICE);
	assert_eq!(network.consumer_served(), vec![Processed::Complete]);
	// The summary the oracle chain's SLA pallet recorded for the round.
	let sla = network.oracle(|| {
		pallet_oracle_sla::Records::<oracle_runtime::Runtime>::get(0, first.round_id)
			.expect("the round has an SLA record")
			.summary()
	});
	assert_eq!((sla.expected, sla.submitted, sla.accepted), (1, 1, 1));
	let expected_first = ReceivedRound {
		round_id: first.round_id,
		value: PRICE,
		decimals: 8,
		fingerprint: Some(network.oracle(|| configuration(0))),
		timestamp_ms: first.updated_at_ms,
		sla,
		received_at_ms: CONSUMER_BLOCK_MS,
		received_in: 1,
	};
	network.consumer(|| {
		assert_eq!(received(), vec![(0, expected_first, vec![expected_first])]);
		assert_eq!(OracleConsumer::fresh(0), Ok(expected_first));
	});

	network.consumer_block();
	let second = network.resolve(0, PRICE + PRICE / 100);
	network.consumer(|| {
		System::assert_has_event(
			pallet_oracle_consumer::Event::RoundReceived {
				from: sibling(ORACLE),
				feed_id: 0,
				round_id: second.round_id,
				value: second.value,
			}
			.into(),
		)
	});
	assert_eq!(network.consumer_served(), vec![Processed::Complete]);
	network.oracle(|| {
		let subscription = subscription(0);
		assert_eq!((subscription.delivered, subscription.failures), (2, 0));
	});
	network.consumer(|| {
		let (feed, latest, history) = received().pop().expect("feed 0 has rounds");
		assert_eq!(
			(feed, latest.round_id, latest.value),
			(0, second.round_id, PRICE + PRICE / 100)
		);
		assert_eq!((latest.received_in, latest.timestamp_ms), (2, second.updated_at_ms));
		assert_eq!(history.len(), 2);
	});
}

/// The oracle chain's Root changes how a feed is read (its sources' largest deviation): where
/// this chain pinned the configuration it reviewed, the feed's next round is refused and the
/// reviewed value still served; once it pins the new configuration, the next round lands and
/// the change is evented.
#[test]
fn a_feed_reconfigured_on_the_oracle_chain_is_refused_where_its_configuration_is_pinned() {
	use pallet_oracle_consumer::types::{Guard, Refusal};
	let mut network = Network::new();
	network.oracle(|| subscribe(vec![0]));
	let first = network.resolve(0, PRICE);
	assert_eq!(network.consumer_served(), vec![Processed::Complete]);
	let reviewed = network.oracle(|| configuration(0));
	let pin = |fingerprint| Guard { fingerprint: Some(fingerprint), ..Default::default() };
	network.consumer(|| {
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 0, Some(pin(reviewed))));
	});

	let changed = network.oracle(|| {
		let mut config = pallet_oracle_aggregation::Feeds::<oracle_runtime::Runtime>::get(0)
			.expect("the feed exists");
		config.max_source_deviation = Permill::from_percent(50);
		assert_ok!(oracle_runtime::OracleAggregation::update_feed(
			oracle_runtime::RuntimeOrigin::root(),
			0,
			config
		));
		configuration(0)
	});
	assert_ne!(changed, reviewed);
	network.consumer_block();
	let second = network.resolve(0, PRICE + PRICE / 100);
	network.consumer(|| {
		System::assert_has_event(
			pallet_oracle_consumer::Event::RoundRefused {
				from: sibling(ORACLE),
				feed_id: 0,
				round_id: second.round_id,
				reason: Refusal::ConfigChanged { delivered: changed },
			}
			.into(),
		);
		let served = OracleConsumer::fresh(0).expect("the reviewed value is still served");
		assert_eq!((served.round_id, served.value), (first.round_id, PRICE));
	});
	assert_eq!(network.consumer_served(), vec![Processed::Complete]);

	network.consumer(|| {
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 0, Some(pin(changed))));
	});
	network.consumer_block();
	let third = network.resolve(0, PRICE + PRICE / 50);
	network.consumer(|| {
		System::assert_has_event(
			pallet_oracle_consumer::Event::FeedConfigChanged {
				from: sibling(ORACLE),
				feed_id: 0,
				round_id: third.round_id,
				fingerprint: changed,
			}
			.into(),
		);
		let served = OracleConsumer::fresh(0).expect("the new round is served");
		assert_eq!((served.round_id, served.fingerprint), (third.round_id, Some(changed)));
	});
	assert_eq!(network.consumer_served(), vec![Processed::Complete]);
}

/// A round id that does not increase is refused, whoever on the oracle chain sends it (its
/// Root can send any message): an older round, the same round with another value; in a
/// delivery mixing a stale round with a newer one of another feed, the newer one lands.
#[test]
fn a_round_id_that_does_not_increase_is_refused() {
	let mut network = Network::new();
	network.oracle(|| subscribe(vec![0]));
	network.resolve(0, PRICE);
	let second = network.resolve(0, PRICE + PRICE / 100);
	network.consumer_served();
	let before = network.consumer(received);
	assert_eq!(before[0].1.round_id, second.round_id);

	for stale in [delivered(0, second.round_id - 1, 1), delivered(0, second.round_id, 999)] {
		network.send_to_consumer(ORACLE, unpaid_delivery(deliver_call(vec![stale])));
		assert_eq!(network.consumer_served(), vec![Processed::Complete]);
		assert_eq!(network.consumer(received), before);
	}
	network.send_to_consumer(
		ORACLE,
		unpaid_delivery(deliver_call(vec![delivered(0, second.round_id, 5), delivered(1, 1, 5)])),
	);
	assert_eq!(network.consumer_served(), vec![Processed::Complete]);
	let after = network.consumer(received);
	assert_eq!(after[0], before[0], "the stale round changed nothing");
	assert_eq!(after.get(1).map(|(feed, latest, _)| (*feed, latest.round_id)), Some((1, 1)));
}

/// Another parachain cannot pass its values off as the oracle chain's: unpaid, the barrier
/// stops it before it runs; paid, the receiver refuses its `Xcm` origin, its sovereign account
/// and its native sibling origin alike; claiming the oracle chain's location stops the message.
/// On the oracle chain, it cannot subscribe this chain nor cancel this chain's subscription.
#[test]
fn another_parachain_cannot_deliver_nor_manage_this_chains_subscription() {
	let mut network = Network::new();
	let genuine = deliver_call(vec![delivered(0, 7, 42)]);
	let transact = |origin_kind| Transact {
		origin_kind,
		fallback_max_weight: None,
		call: genuine.clone().into(),
	};

	network.send_to_consumer(STRANGER, unpaid_delivery(genuine.clone()));
	assert_eq!(network.consumer_served(), vec![Processed::Barred]);
	for origin_kind in [OriginKind::Xcm, OriginKind::SovereignAccount, OriginKind::Native] {
		let refused = ExpectTransactStatus(failed_with(DispatchError::BadOrigin));
		network.send_to_consumer(
			STRANGER,
			paid(10 * UNIT, STRANGER, vec![transact(origin_kind), refused]),
		);
		assert_eq!(network.consumer_served(), vec![Processed::Complete], "{origin_kind:?}");
	}
	network.send_to_consumer(
		STRANGER,
		paid(10 * UNIT, STRANGER, vec![AliasOrigin(sibling(ORACLE)), transact(OriginKind::Xcm)]),
	);
	assert_eq!(network.consumer_served(), vec![Processed::Failed(XcmError::NoPermission)]);
	assert_eq!(network.consumer(received), vec![]);

	network.oracle(|| subscribe(vec![0]));
	let before = network.oracle(|| subscription(0));
	let subscribe =
		oracle_runtime::RuntimeCall::OracleDelivery(pallet_oracle_delivery::Call::subscribe {
			para: CONSUMER,
			feeds: BoundedVec::truncate_from(vec![0]),
			target: receiver(),
			trigger: Trigger::EveryRound,
		});
	let unsubscribe =
		oracle_runtime::RuntimeCall::OracleDelivery(pallet_oracle_delivery::Call::unsubscribe {
			para: CONSUMER,
			subscription: 0,
		});
	network.oracle_served();
	for call in [subscribe, unsubscribe] {
		network.send_to_oracle(
			STRANGER,
			paid(
				oracle_runtime::UNIT,
				STRANGER,
				vec![Transact {
					origin_kind: OriginKind::SovereignAccount,
					fallback_max_weight: None,
					call: call.encode().into(),
				}],
			),
		);
		// The stranger pays for the attempt; the call fails as its sovereign account's.
		assert_eq!(network.oracle_served(), vec![Processed::Complete]);
	}
	network.oracle(|| {
		let subscriptions: Vec<_> =
			pallet_oracle_delivery::Subscriptions::<oracle_runtime::Runtime>::iter().collect();
		assert_eq!(subscriptions.len(), 1);
		assert_eq!(subscriptions[0].2.encode(), before.encode());
	});
}

/// A push to this chain while its channel is closed fails, is recorded, and keeps the round
/// pending; the oracle chain goes on resolving. Once the channel is open, the next round goes
/// out and the subscription's record is clean.
#[test]
fn a_push_over_a_closed_channel_is_recorded_and_the_next_round_arrives() {
	let mut network = Network::new();
	network.oracle(|| {
		subscribe(vec![0]);
		set_channels::<oracle_runtime::Runtime>(&[]);
	});
	let first = network.resolve(0, PRICE);
	network.oracle(|| {
		let subscription = subscription(0);
		assert_eq!((subscription.delivered, subscription.failures), (0, 1));
		assert!(matches!(subscription.last_failure, Some((_, SendFailure::Transport))));
		assert_eq!(subscription.feeds[0].pending.map(|round| round.round_id), Some(first.round_id));
		set_channels::<oracle_runtime::Runtime>(&[CONSUMER]);
	});
	assert_eq!(network.consumer_served(), vec![]);
	assert_eq!(network.consumer(received), vec![]);

	let second = network.resolve(0, PRICE + PRICE / 50);
	assert_eq!(network.consumer_served(), vec![Processed::Complete]);
	network.oracle(|| {
		let subscription = subscription(0);
		assert_eq!((subscription.delivered, subscription.failures), (1, 0));
		assert_eq!(subscription.last_failure, None);
		assert_eq!(subscription.feeds[0].pending, None);
		assert_eq!(subscription.feeds[0].sent_round, second.round_id);
	});
	let rounds = network.consumer(received);
	assert_eq!(rounds.len(), 1);
	assert_eq!((rounds[0].1.round_id, rounds[0].1.value), (second.round_id, PRICE + PRICE / 50));
	assert!(network.elsewhere.is_empty());
}

/// This chain's Root subscribes it to a feed and pays for a fresh round, both over XCM and from
/// its sovereign account on the oracle chain; the operators answer, and the round arrives here
/// through the subscription.
#[test]
fn an_on_demand_round_asked_for_over_xcm_resolves_and_arrives() {
	let mut network = Network::new();
	let sovereign = oracle_sovereign(CONSUMER);
	let funds = network.oracle(|| oracle_runtime::Balances::free_balance(&sovereign));
	let subscribe =
		oracle_runtime::RuntimeCall::OracleDelivery(pallet_oracle_delivery::Call::subscribe {
			para: CONSUMER,
			feeds: BoundedVec::truncate_from(vec![1]),
			target: receiver(),
			trigger: Trigger::Deviation { threshold: Permill::from_percent(1), heartbeat: 100 },
		});
	let request = oracle_runtime::RuntimeCall::OracleAggregation(
		pallet_oracle_aggregation::Call::request_round { feed_id: 1 },
	);
	let execution_fees = oracle_runtime::UNIT;
	network.consumer(|| {
		assert_ok!(PolkadotXcm::send(
			RuntimeOrigin::root(),
			Box::new(VersionedLocation::from(sibling(ORACLE))),
			Box::new(VersionedXcm::from(paid(
				execution_fees,
				CONSUMER,
				[subscribe, request]
					.into_iter()
					.map(|call| Transact {
						origin_kind: OriginKind::SovereignAccount,
						fallback_max_weight: None,
						call: call.encode().into(),
					})
					.collect(),
			))),
		));
	});
	assert_eq!(network.oracle_served(), vec![Processed::Complete]);
	let spent = network.oracle(|| {
		use frame_support::traits::fungible::{Inspect, InspectHold};
		assert!(oracle_runtime::OracleAggregation::state(1).expect("the feed exists").requested);
		let subscription = subscription(0);
		assert_eq!(subscription.owner, Some(sovereign.clone()));
		assert_eq!(
			oracle_runtime::Balances::total_balance_on_hold(&sovereign),
			subscription.deposit
		);
		let spent = funds - oracle_runtime::Balances::total_balance(&sovereign);
		let fee =
			<oracle_runtime::Runtime as pallet_oracle_aggregation::Config>::RoundRequestFee::get();
		// The round's fee and the execution; the surplus came back.
		assert!(spent > fee && spent < fee + execution_fees, "{spent}");
		spent
	});

	let round = network.resolve(1, 300_000_000_000);
	assert_eq!(network.consumer_served(), vec![Processed::Complete]);
	network.oracle(|| {
		use frame_support::traits::fungible::Inspect;
		assert!(!oracle_runtime::OracleAggregation::state(1).expect("the feed exists").requested);
		assert_eq!(subscription(0).delivered, 1);
		let fee = <oracle_runtime::Runtime as pallet_oracle_delivery::Config>::DeliveryFee::get();
		assert_eq!(funds - oracle_runtime::Balances::total_balance(&sovereign), spent + fee);
	});
	let rounds = network.consumer(received);
	assert_eq!(rounds.len(), 1);
	assert_eq!(
		(rounds[0].0, rounds[0].1.round_id, rounds[0].1.value, rounds[0].1.timestamp_ms),
		(1, round.round_id, round.value, round.updated_at_ms)
	);
}

/// This chain grants the oracle chain only the delivery of rounds: a message from the oracle
/// chain's location (its Root can send any) calling anything else, or delivering without
/// declaring its weight, is stopped by the barrier before it runs and changes nothing; a
/// delivery lands.
#[test]
fn the_oracle_chain_can_only_deliver_rounds_here() {
	let mut network = Network::new();
	let remark =
		RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] }).encode();
	let attempts = [
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
		network.send_to_consumer(ORACLE, message);
		assert_eq!(network.consumer_served(), vec![Processed::Barred]);
	}
	network.consumer(|| {
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::System(frame_system::Event::Remarked { .. })
		)));
		assert_eq!(received(), vec![]);
	});
	network.send_to_consumer(ORACLE, unpaid_delivery(deliver_call(vec![delivered(0, 1, 1)])));
	assert_eq!(network.consumer_served(), vec![Processed::Complete]);
	assert_eq!(network.consumer(received).len(), 1);
}
