//! Tests of the delivery pallet: who may subscribe, what is sent, failures and retries.

use crate::{mock::*, types::*, Error, Event, ParaSubscriptions, SubscriptionCount, Subscriptions};
use codec::Decode;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use sp_runtime::{DispatchError, Permill, TokenError};
use xcm::latest::prelude::*;

const TARGET: CallTarget = CallTarget {
	pallet_index: 42,
	call_index: 0,
	max_weight: frame_support::weights::Weight::from_parts(10_000_000_000, 1_000_000),
};

fn feeds(ids: &[FeedId]) -> BoundedVec<FeedId, frame_support::traits::ConstU32<3>> {
	BoundedVec::truncate_from(ids.to_vec())
}

fn subscribe_as(
	origin: RuntimeOrigin,
	para: ParaId,
	ids: &[FeedId],
	trigger: Trigger<u64>,
) -> sp_runtime::DispatchResult {
	OracleDelivery::subscribe(origin, para, feeds(ids), TARGET, trigger)
}

fn hold_of(who: u64) -> u64 {
	Balances::balance_on_hold(&crate::HoldReason::SubscriptionDeposit.into(), &who)
}

/// The rounds and feed states of a message, decoded as the receiver decodes its call.
fn decoded(message: &Xcm<()>) -> (CallTarget, Vec<DeliveredRound>, Vec<StatusUpdate>) {
	match message.0.as_slice() {
		[UnpaidExecution { weight_limit: Limited(limit), check_origin: None }, Transact { origin_kind: OriginKind::Xcm, call, .. }] =>
		{
			let bytes = call.encoded().to_vec();
			let (index, mut rest) = bytes.split_at(2);
			let rounds = Vec::<DeliveredRound>::decode(&mut rest).expect("rounds decode");
			let states = Vec::<StatusUpdate>::decode(&mut rest).expect("states decode");
			assert!(rest.is_empty(), "nothing after the states");
			(
				CallTarget { pallet_index: index[0], call_index: index[1], max_weight: *limit },
				rounds,
				states,
			)
		},
		other => panic!("unexpected message {other:?}"),
	}
}

/// The rounds of a message that carries no feed state.
fn delivered(message: &Xcm<()>) -> (CallTarget, Vec<DeliveredRound>) {
	let (target, rounds, states) = decoded(message);
	assert!(states.is_empty(), "no feed state with the rounds");
	(target, rounds)
}

/// The feed states of a message that carries no round.
fn told(message: &Xcm<()>) -> Vec<(FeedId, FeedState)> {
	let (target, rounds, states) = decoded(message);
	assert_eq!(target, TARGET);
	assert!(rounds.is_empty(), "no round with the feed states");
	states.into_iter().map(|update| (update.feed_id, update.state)).collect()
}

/// Moves to the next block and runs its start, where feed states are told.
fn next_block() {
	use frame_support::traits::Hooks;
	System::set_block_number(System::block_number() + 1);
	OracleDelivery::on_initialize(System::block_number());
}

fn para_location(para: ParaId) -> Location {
	Location::new(1, [Parachain(para)])
}

#[test]
fn a_resolved_round_is_pushed_to_the_subscriber() {
	run_test(|| {
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1, 3], Trigger::EveryRound));
		System::assert_last_event(
			Event::Subscribed { para: PARA, subscription: 0, owner: None, feeds: feeds(&[1, 3]) }
				.into(),
		);
		close(&[outcome(0, 9, Some(5)), outcome(1, 4, Some(-7)), outcome(3, 2, Some(11))]);

		let messages = sent();
		assert_eq!(messages.len(), 1);
		assert_eq!(messages[0].0, para_location(PARA));
		let (target, rounds) = delivered(&messages[0].1);
		assert_eq!(target, TARGET);
		assert_eq!(
			rounds,
			vec![
				DeliveredRound {
					feed_id: 1,
					round_id: 4,
					value: -7,
					decimals: 8,
					fingerprint: fingerprint_of(1),
					timestamp_ms: 1_700_000_000_004,
					sla: summary(1, 4),
				},
				DeliveredRound {
					feed_id: 3,
					round_id: 2,
					value: 11,
					decimals: 8,
					fingerprint: fingerprint_of(3),
					timestamp_ms: 1_700_000_000_002,
					sla: summary(3, 2),
				},
			]
		);
		let message = sp_io::hashing::blake2_256(&codec::Encode::encode(&messages[0].1));
		System::assert_last_event(
			Event::RoundsDelivered { para: PARA, subscription: 0, rounds: 2, message }.into(),
		);
		let sub = Subscriptions::<Test>::get(PARA, 0).unwrap();
		assert_eq!(sub.delivered, 1);
		assert_eq!(sub.feeds[0].sent_round, 4);
		assert!(sub.feeds.iter().all(|entry| entry.pending.is_none()));

		// The same rounds again, and a timed-out round, send nothing.
		close(&[outcome(1, 4, Some(-7)), outcome(3, 3, None)]);
		assert_eq!(sent().len(), 1);
	});
}

#[test]
fn a_sibling_subscribes_from_its_sovereign_account_and_pays() {
	run_test(|| {
		let who = sovereign(PARA);
		assert_ok!(subscribe_as(RuntimeOrigin::signed(who), PARA, &[1, 2], Trigger::EveryRound));
		assert_eq!(hold_of(who), 100 + 2 * 10);
		System::assert_last_event(
			Event::Subscribed {
				para: PARA,
				subscription: 0,
				owner: Some(who),
				feeds: feeds(&[1, 2]),
			}
			.into(),
		);

		close(&[outcome(1, 1, Some(1))]);
		close(&[outcome(2, 1, Some(1))]);
		assert_eq!(sent().len(), 2);
		// 5 burnt per message.
		assert_eq!(Balances::total_balance(&who), 1_000 - 10);

		// One feed fewer: 10 released.
		assert_ok!(OracleDelivery::update_subscription(
			RuntimeOrigin::signed(who),
			PARA,
			0,
			feeds(&[2]),
			TARGET,
			Trigger::EveryRound
		));
		assert_eq!(hold_of(who), 110);
		let sub = Subscriptions::<Test>::get(PARA, 0).unwrap();
		assert_eq!(sub.feeds.len(), 1);
		assert_eq!(sub.feeds[0].sent_round, 1, "a kept feed keeps its last delivery");
		System::assert_last_event(
			Event::SubscriptionUpdated { para: PARA, subscription: 0, feeds: feeds(&[2]) }.into(),
		);

		assert_ok!(OracleDelivery::unsubscribe(RuntimeOrigin::signed(who), PARA, 0));
		assert_eq!(hold_of(who), 0);
		assert_eq!(Balances::total_balance(&who), 990);
		assert_eq!(SubscriptionCount::<Test>::get(), 0);
		assert!(!ParaSubscriptions::<Test>::contains_key(PARA));
		System::assert_last_event(Event::Unsubscribed { para: PARA, subscription: 0 }.into());
	});
}

#[test]
fn nobody_else_points_messages_at_a_parachain() {
	run_test(|| {
		// An ordinary account, another parachain's sovereign account, no origin.
		for origin in [RuntimeOrigin::signed(7), RuntimeOrigin::signed(sovereign(OTHER_PARA))] {
			assert_noop!(
				subscribe_as(origin, PARA, &[1], Trigger::EveryRound),
				Error::<Test>::NotSovereign
			);
		}
		assert_noop!(
			subscribe_as(RuntimeOrigin::none(), PARA, &[1], Trigger::EveryRound),
			DispatchError::BadOrigin
		);

		// A subscription the admin made is the admin's to change.
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1], Trigger::EveryRound));
		assert_noop!(
			OracleDelivery::unsubscribe(RuntimeOrigin::signed(sovereign(PARA)), PARA, 0),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			OracleDelivery::update_subscription(
				RuntimeOrigin::signed(sovereign(PARA)),
				PARA,
				0,
				feeds(&[2]),
				TARGET,
				Trigger::EveryRound
			),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			OracleDelivery::unsubscribe(RuntimeOrigin::signed(sovereign(OTHER_PARA)), PARA, 0),
			Error::<Test>::NotSovereign
		);
		assert_noop!(
			OracleDelivery::unsubscribe(RuntimeOrigin::root(), PARA, 1),
			Error::<Test>::UnknownSubscription
		);
		assert_ok!(OracleDelivery::unsubscribe(RuntimeOrigin::root(), PARA, 0));
	});
}

#[test]
fn bad_subscriptions_are_refused() {
	run_test(|| {
		let root = RuntimeOrigin::root;
		assert_noop!(subscribe_as(root(), PARA, &[], Trigger::EveryRound), Error::<Test>::NoFeeds);
		assert_noop!(
			subscribe_as(root(), PARA, &[2, 1], Trigger::EveryRound),
			Error::<Test>::UnsortedFeeds
		);
		assert_noop!(
			subscribe_as(root(), PARA, &[1, 1], Trigger::EveryRound),
			Error::<Test>::UnsortedFeeds
		);
		assert_noop!(
			subscribe_as(root(), PARA, &[1, 10], Trigger::EveryRound),
			Error::<Test>::UnknownFeed
		);
		use frame_support::weights::Weight;
		for max_weight in [Weight::zero(), Weight::from_parts(1, 0), Weight::from_parts(0, 1)] {
			assert_noop!(
				OracleDelivery::subscribe(
					root(),
					PARA,
					feeds(&[1]),
					CallTarget { max_weight, ..TARGET },
					Trigger::EveryRound
				),
				Error::<Test>::NoDeliveryWeight
			);
		}
		for trigger in [
			Trigger::Deviation { threshold: Permill::zero(), heartbeat: 10 },
			Trigger::Deviation { threshold: Permill::from_percent(1), heartbeat: 0 },
		] {
			assert_noop!(subscribe_as(root(), PARA, &[1], trigger), Error::<Test>::BadTrigger);
		}
		// A poor sovereign account cannot hold the deposit.
		let poor = sovereign(2003);
		assert_noop!(
			subscribe_as(RuntimeOrigin::signed(poor), 2003, &[1], Trigger::EveryRound),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn subscriptions_are_bounded_and_do_not_overlap() {
	run_test(|| {
		let root = RuntimeOrigin::root;
		assert_ok!(subscribe_as(root(), PARA, &[1, 2], Trigger::EveryRound));
		// The same receiver and feed 2 again.
		assert_noop!(
			subscribe_as(root(), PARA, &[2, 3], Trigger::EveryRound),
			Error::<Test>::OverlappingFeeds
		);
		// The same receiver under another weight is still the same receiver.
		let heavier = CallTarget { max_weight: TARGET.max_weight.saturating_mul(2), ..TARGET };
		assert_noop!(
			OracleDelivery::subscribe(root(), PARA, feeds(&[2]), heavier, Trigger::EveryRound),
			Error::<Test>::OverlappingFeeds
		);
		// Another receiver may have it, and another parachain.
		assert_ok!(OracleDelivery::subscribe(
			root(),
			PARA,
			feeds(&[2]),
			CallTarget { pallet_index: 43, ..TARGET },
			Trigger::EveryRound
		));
		assert_ok!(subscribe_as(root(), OTHER_PARA, &[2], Trigger::EveryRound));
		assert_ok!(subscribe_as(root(), PARA, &[3], Trigger::EveryRound));
		assert_noop!(
			subscribe_as(root(), PARA, &[4], Trigger::EveryRound),
			Error::<Test>::TooManyParaSubscriptions
		);
		assert_noop!(
			subscribe_as(root(), OTHER_PARA, &[4], Trigger::EveryRound),
			Error::<Test>::TooManySubscriptions
		);
		// An update may not overlap either.
		assert_noop!(
			OracleDelivery::update_subscription(
				root(),
				PARA,
				3,
				feeds(&[1, 3]),
				TARGET,
				Trigger::EveryRound
			),
			Error::<Test>::OverlappingFeeds
		);
		assert_eq!(SubscriptionCount::<Test>::get(), 4);
	});
}

#[test]
fn a_failed_send_is_recorded_and_retried_with_the_next_round() {
	run_test(|| {
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1, 2], Trigger::EveryRound));
		fail_sends(Some(SendError::Transport("NoChannel")));
		close(&[outcome(1, 5, Some(50))]);
		assert!(sent().is_empty());
		System::assert_last_event(
			Event::DeliveryFailed { para: PARA, subscription: 0, failure: SendFailure::Transport }
				.into(),
		);
		let sub = Subscriptions::<Test>::get(PARA, 0).unwrap();
		assert_eq!(sub.failures, 1);
		assert_eq!(sub.last_failure, Some((2, SendFailure::Transport)));
		assert_eq!(sub.feeds[0].pending.map(|round| round.round_id), Some(5));

		// Too big, then the channel works: the next round of any of its feeds takes the
		// pending one with it.
		fail_sends(Some(SendError::ExceedsMaxMessageSize));
		close(&[outcome(2, 1, Some(20))]);
		assert_eq!(Subscriptions::<Test>::get(PARA, 0).unwrap().failures, 2);
		fail_sends(None);
		// A block without rounds of its feeds does not retry.
		close(&[outcome(3, 1, Some(1))]);
		assert!(sent().is_empty());
		close(&[outcome(2, 2, Some(21))]);
		let messages = sent();
		assert_eq!(messages.len(), 1);
		let (_, rounds) = delivered(&messages[0].1);
		let ids: Vec<_> = rounds.iter().map(|round| (round.feed_id, round.round_id)).collect();
		assert_eq!(ids, vec![(1, 5), (2, 2)]);
		let sub = Subscriptions::<Test>::get(PARA, 0).unwrap();
		assert_eq!((sub.failures, sub.last_failure, sub.delivered), (0, None, 1));
	});
}

#[test]
fn a_newer_round_replaces_a_pending_one() {
	run_test(|| {
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1], Trigger::EveryRound));
		fail_sends(Some(SendError::Unroutable));
		close(&[outcome(1, 5, Some(50))]);
		fail_sends(None);
		close(&[outcome(1, 6, Some(60))]);
		let (_, rounds) = delivered(&sent()[0].1);
		assert_eq!(rounds.iter().map(|round| round.round_id).collect::<Vec<_>>(), vec![6]);
	});
}

#[test]
fn an_owner_that_cannot_pay_gets_nothing() {
	run_test(|| {
		let who = sovereign(PARA);
		assert_ok!(subscribe_as(RuntimeOrigin::signed(who), PARA, &[1], Trigger::EveryRound));
		// Leave it the existential deposit and 4 to spend: less than the fee.
		let free = Balances::balance(&who);
		assert_ok!(Balances::burn(RuntimeOrigin::signed(who), free - 5, true));
		close(&[outcome(1, 1, Some(1))]);
		assert!(sent().is_empty());
		System::assert_last_event(
			Event::DeliveryFailed { para: PARA, subscription: 0, failure: SendFailure::Unpaid }
				.into(),
		);
	});
}

#[test]
fn pushes_per_block_are_bounded_and_the_rest_go_next_time() {
	run_test(|| {
		let root = RuntimeOrigin::root;
		assert_ok!(subscribe_as(root(), PARA, &[1], Trigger::EveryRound));
		assert_ok!(subscribe_as(root(), OTHER_PARA, &[1], Trigger::EveryRound));
		assert_ok!(subscribe_as(root(), 2003, &[1], Trigger::EveryRound));
		close(&[outcome(1, 1, Some(1))]);
		assert_eq!(sent().len(), 2);
		let deferred: Vec<_> = Subscriptions::<Test>::iter()
			.filter(|(_, _, sub)| sub.last_failure.map(|f| f.1) == Some(SendFailure::Deferred))
			.map(|(para, ..)| para)
			.collect();
		assert_eq!(deferred.len(), 1);
		close(&[outcome(1, 2, Some(2))]);
		let to_deferred =
			sent().iter().filter(|(dest, _)| *dest == para_location(deferred[0])).count();
		assert_eq!(to_deferred, 1);
	});
}

#[test]
fn a_deviation_trigger_pushes_moves_and_heartbeats_only() {
	run_test(|| {
		let trigger = Trigger::Deviation { threshold: Permill::from_percent(1), heartbeat: 10 };
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1], trigger));
		// The first round is due (block 2).
		close(&[outcome(1, 1, Some(10_000))]);
		assert_eq!(sent().len(), 1);
		// 0.99 %: not due; 1 %: due.
		close(&[outcome(1, 2, Some(10_099))]);
		assert_eq!(sent().len(), 1);
		close(&[outcome(1, 3, Some(9_900))]);
		assert_eq!(sent().len(), 2);
		// The heartbeat: 10 blocks after the last delivery (block 4), at block 14.
		for round_id in 4..=12 {
			close(&[outcome(1, round_id, Some(9_900))]);
		}
		assert_eq!(System::block_number(), 13);
		assert_eq!(sent().len(), 2);
		close(&[outcome(1, 13, Some(9_900))]);
		assert_eq!(sent().len(), 3);
	});
}

#[test]
fn a_block_without_resolved_rounds_reads_nothing() {
	run_test(|| {
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1], Trigger::EveryRound));
		let weight = OracleDelivery::push(&[outcome(1, 1, None)]);
		assert_eq!(weight, frame_support::weights::Weight::zero());
		assert!(sent().is_empty());
	});
}

#[test]
fn the_weights_grow_with_the_subscriptions() {
	use crate::WeightInfo;
	let one = <() as WeightInfo>::rounds_resolved(1);
	let many = <() as WeightInfo>::rounds_resolved(4);
	assert!(many.all_gt(one));
}

#[test]
fn a_paused_resumed_or_removed_feed_is_told_to_its_subscribers_next_block() {
	run_test(|| {
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1, 3], Trigger::EveryRound));
		assert_ok!(subscribe_as(RuntimeOrigin::root(), OTHER_PARA, &[2], Trigger::EveryRound));
		close(&[outcome(1, 1, Some(5)), outcome(2, 1, Some(6)), outcome(3, 1, Some(7))]);
		let before = sent().len();
		set_paused(1, true);
		next_block();
		let messages = sent();
		assert_eq!(messages.len(), before + 1, "one message, to the subscriber of feed 1 only");
		let (to, message) = messages.last().unwrap();
		assert_eq!(*to, para_location(PARA));
		assert_eq!(told(message), vec![(1, FeedState::Paused)]);
		System::assert_has_event(
			Event::StatesDelivered {
				para: PARA,
				subscription: 0,
				states: 1,
				message: sp_io::hashing::blake2_256(&codec::Encode::encode(message)),
			}
			.into(),
		);
		// Told once: nothing more in the blocks after.
		next_block();
		assert_eq!(sent().len(), before + 1);
		// Resumed, and another feed removed, in one block: one message with both.
		set_paused(1, false);
		remove(3);
		next_block();
		assert_eq!(
			told(&sent().last().unwrap().1),
			vec![(1, FeedState::Active), (3, FeedState::Removed)]
		);
		assert_eq!(sent().len(), before + 2);
		let entries = &Subscriptions::<Test>::get(PARA, 0).unwrap().feeds;
		assert_eq!(entries[0].told, FeedState::Active);
		assert_eq!(entries[1].told, FeedState::Removed);
	});
}

#[test]
fn a_state_that_could_not_be_sent_goes_once_the_subscriber_is_reachable() {
	run_test(|| {
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1, 3], Trigger::EveryRound));
		fail_sends(Some(SendError::Transport("no channel")));
		set_paused(1, true);
		next_block();
		System::assert_last_event(
			Event::DeliveryFailed { para: PARA, subscription: 0, failure: SendFailure::Transport }
				.into(),
		);
		assert!(Subscriptions::<Test>::get(PARA, 0).unwrap().states_unsent);
		// Not tried again every block while the subscriber is unreachable.
		assert!(!crate::StatesChanged::<Test>::get());
		next_block();
		assert_eq!(crate::StatesRetryAt::<Test>::get(), Some(2 + crate::STATES_RETRY as u64));
		fail_sends(None);
		next_block();
		assert!(sent().is_empty());
		// A push of rounds gets through: the state follows in the next block.
		close(&[outcome(3, 1, Some(7))]);
		assert_eq!(sent().len(), 1);
		next_block();
		assert_eq!(told(&sent()[1].1), vec![(1, FeedState::Paused)]);
		assert!(!Subscriptions::<Test>::get(PARA, 0).unwrap().states_unsent);
	});
}

#[test]
fn states_beyond_the_pushes_of_a_block_go_in_the_next() {
	run_test(|| {
		// Three receivers of feed 1 (two pushes a block).
		for para in [PARA, OTHER_PARA, 2003] {
			assert_ok!(subscribe_as(RuntimeOrigin::root(), para, &[1], Trigger::EveryRound));
		}
		set_paused(1, true);
		next_block();
		assert_eq!(sent().len(), 2);
		assert!(crate::StatesChanged::<Test>::get());
		next_block();
		assert_eq!(sent().len(), 3);
		for (_, message) in sent() {
			assert_eq!(told(&message), vec![(1, FeedState::Paused)]);
		}
		assert!(!crate::StatesChanged::<Test>::get());
	});
}

#[test]
fn a_subscription_is_told_the_states_of_feeds_that_do_not_run() {
	run_test(|| {
		set_paused(2, true);
		next_block();
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1, 2], Trigger::EveryRound));
		next_block();
		assert_eq!(told(&sent()[0].1), vec![(2, FeedState::Paused)]);
		// Dropped from the subscription and added back: told again, whatever was told before.
		assert_ok!(OracleDelivery::update_subscription(
			RuntimeOrigin::root(),
			PARA,
			0,
			feeds(&[1]),
			TARGET,
			Trigger::EveryRound
		));
		assert_ok!(OracleDelivery::update_subscription(
			RuntimeOrigin::root(),
			PARA,
			0,
			feeds(&[1, 2]),
			TARGET,
			Trigger::EveryRound
		));
		next_block();
		assert_eq!(told(&sent()[1].1), vec![(2, FeedState::Paused)]);
		// A new receiver is told too.
		assert_ok!(OracleDelivery::update_subscription(
			RuntimeOrigin::root(),
			PARA,
			0,
			feeds(&[1, 2]),
			CallTarget { pallet_index: 43, ..TARGET },
			Trigger::EveryRound
		));
		next_block();
		assert_eq!(
			decoded(&sent()[2].1).2,
			vec![StatusUpdate { feed_id: 2, state: FeedState::Paused }]
		);
		sent();
		remove(1);
		assert_noop!(
			subscribe_as(RuntimeOrigin::root(), OTHER_PARA, &[1], Trigger::EveryRound),
			Error::<Test>::UnknownFeed
		);
		set_paused(2, false);
		next_block();
		assert_eq!(
			decoded(&sent()[3].1).2,
			vec![
				StatusUpdate { feed_id: 1, state: FeedState::Removed },
				StatusUpdate { feed_id: 2, state: FeedState::Active },
			]
		);
	});
}

#[test]
fn a_round_pending_when_its_feed_is_paused_goes_no_further() {
	run_test(|| {
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1, 3], Trigger::EveryRound));
		// A round of feed 1 resolves while the channel is down: it waits.
		fail_sends(Some(SendError::Transport("no channel")));
		close(&[outcome(1, 1, Some(5))]);
		assert!(Subscriptions::<Test>::get(PARA, 0).unwrap().feeds[0].pending.is_some());
		fail_sends(None);
		// The feed is paused; the subscriber is told, and the waiting round dropped.
		set_paused(1, true);
		next_block();
		assert_eq!(told(&sent()[0].1), vec![(1, FeedState::Paused)]);
		assert!(Subscriptions::<Test>::get(PARA, 0).unwrap().feeds[0].pending.is_none());
		// The next push carries feed 3's round only.
		close(&[outcome(3, 1, Some(7))]);
		let (_, rounds) = delivered(&sent()[1].1);
		assert_eq!(rounds.iter().map(|round| round.feed_id).collect::<Vec<_>>(), vec![3]);
	});
}

#[test]
fn a_reconfigured_feeds_rounds_carry_its_new_fingerprint() {
	run_test(|| {
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1, 3], Trigger::EveryRound));
		let before = fingerprint_of(1);
		reconfigure(1);
		assert_ne!(fingerprint_of(1), before);
		let sub = Subscriptions::<Test>::get(PARA, 0).unwrap();
		assert_eq!(sub.feeds[0].fingerprint, fingerprint_of(1));
		assert_eq!(sub.feeds[1].fingerprint, fingerprint_of(3));
		close(&[outcome(1, 1, Some(5)), outcome(3, 1, Some(7))]);
		let (_, rounds) = delivered(&sent()[0].1);
		let fingerprints: Vec<_> = rounds.iter().map(|round| round.fingerprint).collect();
		assert_eq!(fingerprints, vec![fingerprint_of(1), fingerprint_of(3)]);
		// A feed added later, and a new subscription, start from the configuration now.
		reconfigure(2);
		assert_ok!(OracleDelivery::update_subscription(
			RuntimeOrigin::root(),
			PARA,
			0,
			feeds(&[1, 2]),
			TARGET,
			Trigger::EveryRound
		));
		let sub = Subscriptions::<Test>::get(PARA, 0).unwrap();
		assert_eq!(sub.feeds[0].sent_round, 1, "a kept feed keeps what it delivered");
		assert_eq!(sub.feeds[1].fingerprint, fingerprint_of(2));
	});
}

/// A round that resolved under a feed's configuration before it was changed, and is still
/// waiting for a push, is not sent labelled with the new configuration: it is dropped.
#[test]
fn a_round_pending_from_the_configuration_before_goes_no_further() {
	run_test(|| {
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1, 3], Trigger::EveryRound));
		fail_sends(Some(SendError::Transport("no channel")));
		close(&[outcome(1, 1, Some(5))]);
		assert!(Subscriptions::<Test>::get(PARA, 0).unwrap().feeds[0].pending.is_some());
		fail_sends(None);
		reconfigure(1);
		close(&[outcome(3, 1, Some(7))]);
		let (_, rounds) = delivered(&sent()[0].1);
		let ids: Vec<_> = rounds.iter().map(|round| (round.feed_id, round.round_id)).collect();
		assert_eq!(ids, vec![(3, 1)], "no round of the configuration before");
		// The feed's next round, of the new configuration, goes out.
		close(&[outcome(1, 2, Some(6))]);
		let (_, rounds) = delivered(&sent()[1].1);
		assert_eq!(rounds.len(), 1);
		assert_eq!((rounds[0].round_id, rounds[0].fingerprint), (2, fingerprint_of(1)));
	});
}

/// Rounds and feed states share the block's pushes: in a block whose rounds went out to as
/// many subscribers as a block may send to, no feed state goes out; the states go in the
/// blocks after, within the same bound, deferred subscribers first.
#[test]
fn rounds_and_feed_states_share_the_pushes_of_a_block() {
	use frame_support::traits::{Get, Hooks};
	run_test(|| {
		let most = <<Test as crate::Config>::MaxPushesPerBlock as Get<u32>>::get() as usize;
		for para in [PARA, PARA + 1, PARA + 2] {
			assert_ok!(subscribe_as(RuntimeOrigin::root(), para, &[1, 2], Trigger::EveryRound));
		}
		set_paused(2, true);
		close(&[outcome(1, 1, Some(5))]);
		assert_eq!(sent().len(), most, "rounds to as many subscribers as a block sends to");
		OracleDelivery::on_initialize(System::block_number());
		assert_eq!(sent().len(), most, "no feed state beyond the block's pushes");
		assert!(crate::StatesChanged::<Test>::get(), "the states wait for the next block");

		next_block();
		assert_eq!(sent().len(), 2 * most);
		assert!(sent()[most..]
			.iter()
			.all(|(_, message)| told(message) == vec![(2, FeedState::Paused)]));
		next_block();
		assert_eq!(sent().len(), 2 * most + 1, "the last subscriber is told");
	});
}

#[test]
fn a_state_not_sent_is_tried_again_later_without_rounds() {
	run_test(|| {
		// A subscription whose only feed is paused never pushes rounds again.
		assert_ok!(subscribe_as(RuntimeOrigin::root(), PARA, &[1], Trigger::EveryRound));
		fail_sends(Some(SendError::Transport("no channel")));
		set_paused(1, true);
		next_block();
		fail_sends(None);
		for _ in 1..crate::STATES_RETRY {
			next_block();
		}
		assert!(sent().is_empty());
		next_block();
		assert_eq!(told(&sent()[0].1), vec![(1, FeedState::Paused)]);
		assert_eq!(crate::StatesRetryAt::<Test>::get(), None);
	});
}

#[test]
fn the_migration_to_version_2_gives_each_entry_its_fingerprint() {
	use crate::migrations::v2::{v1, MigrateV1ToV2};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	run_test(|| {
		let pending = PendingRound {
			feed_id: 1,
			round_id: 5,
			value: 50,
			decimals: 8,
			timestamp_ms: 1,
			sla: summary(1, 5),
		};
		let entry = |feed_id, pending| v1::FeedDelivery::<u64> {
			feed_id,
			sent_round: 4,
			sent_value: 40,
			sent_at: 1,
			pending,
			told: FeedState::Active,
		};
		let old = v1::Subscription::<u64, u64, u64> {
			owner: None,
			deposit: 0,
			target: TARGET,
			trigger: Trigger::EveryRound,
			feeds: vec![entry(1, Some(pending)), entry(3, None)],
			delivered: 7,
			failures: 1,
			last_failure: Some((1, SendFailure::Transport)),
			states_unsent: false,
		};
		frame_support::storage::unhashed::put(
			&Subscriptions::<Test>::hashed_key_for(PARA, 0),
			&old,
		);
		SubscriptionCount::<Test>::put(1);
		ParaSubscriptions::<Test>::insert(PARA, 1);
		crate::NextSubscriptionId::<Test>::put(1);
		StorageVersion::new(1).put::<OracleDelivery>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(OracleDelivery::on_chain_storage_version(), StorageVersion::new(2));
		let sub = Subscriptions::<Test>::get(PARA, 0).expect("the subscription decodes");
		let entries: Vec<_> = sub
			.feeds
			.iter()
			.map(|entry| (entry.feed_id, entry.fingerprint, entry.sent_round, entry.pending))
			.collect();
		assert_eq!(
			entries,
			vec![(1, fingerprint_of(1), 4, None), (3, fingerprint_of(3), 4, None)],
			"fingerprints filled in, the round of an unknown configuration dropped"
		);
		assert_eq!((sub.delivered, sub.failures), (7, 1));
	});
}
