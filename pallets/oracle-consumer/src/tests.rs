//! Tests of the consumer pallet: deliveries, refusals, staleness, administration and reads.

use crate::{
	mock::*, types::*, Error, Event, Frozen, Guards, Held, History, Latest, MaxAge, Paused,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, BoundedVec};
use pallet_oracle::{DataProvider, DataProviderExtended};
use sp_runtime::DispatchError;

fn delivery(rounds: Vec<DeliveredRound>) -> BoundedVec<DeliveredRound, ConstU32Four> {
	BoundedVec::truncate_from(rounds)
}
type ConstU32Four = frame_support::traits::ConstU32<4>;

fn deliver(rounds: Vec<DeliveredRound>) -> sp_runtime::DispatchResult {
	OracleConsumer::deliver(RuntimeOrigin::signed(ORACLE), delivery(rounds), Default::default())
}

fn tell(statuses: Vec<(FeedId, FeedState)>) -> sp_runtime::DispatchResult {
	let statuses = statuses.into_iter().map(|(feed_id, state)| StatusUpdate { feed_id, state });
	OracleConsumer::deliver(
		RuntimeOrigin::signed(ORACLE),
		delivery(vec![]),
		BoundedVec::truncate_from(statuses.collect()),
	)
}

#[test]
fn a_delivery_stores_each_round_and_emits_it() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, 5, 6_000_000_000_000), round(7, 2, -42)]));

		let latest = OracleConsumer::latest(1).unwrap();
		assert_eq!(latest.round_id, 5);
		assert_eq!(latest.value, 6_000_000_000_000);
		assert_eq!(latest.decimals, 8);
		assert_eq!(latest.fingerprint, Some(CONFIG));
		assert_eq!(latest.timestamp_ms, START_MS - 1_000);
		assert_eq!(latest.sla, round(1, 5, 0).sla);
		assert_eq!(latest.received_at_ms, START_MS);
		assert_eq!(latest.received_in, 1);
		assert_eq!(OracleConsumer::latest(7).unwrap().value, -42);
		assert_eq!(OracleConsumer::history(1), vec![latest]);
		assert_eq!(Latest::<Test>::count(), 2);
		assert_eq!(OracleConsumer::feeds(), vec![1, 7]);

		System::assert_has_event(
			Event::RoundReceived {
				from: oracle_location(),
				feed_id: 1,
				round_id: 5,
				value: 6_000_000_000_000,
			}
			.into(),
		);
		System::assert_last_event(
			Event::RoundReceived { from: oracle_location(), feed_id: 7, round_id: 2, value: -42 }
				.into(),
		);
	});
}

#[test]
fn the_history_keeps_the_last_rounds_oldest_first() {
	run_test(|| {
		for round_id in 1..=5 {
			assert_ok!(deliver(vec![round(1, round_id, i128::from(round_id) * 10)]));
		}
		let ids: Vec<RoundId> =
			OracleConsumer::history(1).iter().map(|round| round.round_id).collect();
		assert_eq!(ids, vec![3, 4, 5]);
		assert_eq!(OracleConsumer::latest(1).unwrap().round_id, 5);
	});
}

fn refused(feed_id: FeedId, round_id: RoundId, reason: Refusal) -> RuntimeEvent {
	Event::RoundRefused { from: oracle_location(), feed_id, round_id, reason }.into()
}

#[test]
fn a_round_that_does_not_increase_is_refused_and_the_others_are_kept() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, 5, 100)]));
		// The same round again, an older one, and round 0 of a new feed: none is kept.
		for (feed_id, round_id) in [(1, 5), (1, 4), (2, 0)] {
			assert_ok!(deliver(vec![round(feed_id, round_id, 999)]));
			System::assert_last_event(refused(feed_id, round_id, Refusal::NotNewer));
		}
		// A replayed round beside a good one: the good one is kept, the replay is not.
		assert_ok!(deliver(vec![round(0, 1, 7), round(1, 5, 999)]));
		System::assert_has_event(
			Event::RoundReceived { from: oracle_location(), feed_id: 0, round_id: 1, value: 7 }
				.into(),
		);
		System::assert_last_event(refused(1, 5, Refusal::NotNewer));
		assert_eq!(OracleConsumer::latest(1).unwrap().value, 100);
		assert_eq!(OracleConsumer::history(1).len(), 1);
		assert_eq!(OracleConsumer::latest(0).unwrap().value, 7);
		assert!(OracleConsumer::latest(2).is_none());
	});
}

/// A round id at the end of its range (a faulty or captured oracle chain) leaves its feed
/// unable to take another round; the feeds delivered with it keep taking theirs.
#[test]
fn a_feed_stuck_at_the_last_round_id_keeps_no_other_feed_out() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, RoundId::MAX, 1), round(2, 1, 10)]));
		for next in 2..=4 {
			assert_ok!(deliver(vec![round(1, next, 1), round(2, next, 10 * i128::from(next))]));
			System::assert_has_event(refused(1, next, Refusal::NotNewer));
			assert_eq!(OracleConsumer::latest(2).unwrap().round_id, next);
		}
		assert_eq!(OracleConsumer::latest(2).unwrap().value, 40);
	});
}

/// A feed's scale is pinned by its first kept round: a round of the feed in other decimals is
/// refused (its value read as the same feed would be off by a power of ten), the feed keeps
/// serving its last value of its own scale until that goes stale, when reads fail closed, and
/// the other feeds of the delivery land. Removing the feed lets it start anew at the new scale.
#[test]
fn a_round_of_another_scale_is_never_served_as_the_same_feed() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, 1, 6_000_000_000_000)]));
		let mut rescaled = round(1, 2, 60_000);
		rescaled.decimals = 0;
		assert_ok!(deliver(vec![rescaled, round(2, 1, 5)]));
		System::assert_has_event(refused(1, 2, Refusal::ScaleChanged { kept: 8 }));
		assert_eq!(OracleConsumer::latest(2).unwrap().value, 5);
		let kept = OracleConsumer::latest(1).unwrap();
		assert_eq!((kept.round_id, kept.value, kept.decimals), (1, 6_000_000_000_000, 8));
		assert_eq!(
			<OracleConsumer as DataProvider<FeedId, Value>>::get(&1),
			Some(6_000_000_000_000)
		);
		// Later rounds of the new scale are refused too; the value goes stale and reads fail.
		set_time(START_MS + DefaultMaxAge::get() + 1);
		rescaled.round_id = 3;
		assert_ok!(deliver(vec![rescaled]));
		System::assert_last_event(refused(1, 3, Refusal::ScaleChanged { kept: 8 }));
		assert_eq!(<OracleConsumer as DataProvider<FeedId, Value>>::get(&1), None);
		assert!(matches!(OracleConsumer::fresh(1), Err(ReadError::Stale { .. })));
		// The admin removes the feed and lets it back: it starts anew at the new scale.
		assert_ok!(OracleConsumer::remove_feed(RuntimeOrigin::root(), 1));
		assert_ok!(OracleConsumer::unfreeze_feed(RuntimeOrigin::root(), 1));
		rescaled.round_id = 4;
		assert_ok!(deliver(vec![rescaled]));
		assert_eq!(OracleConsumer::latest(1).unwrap().decimals, 0);
	});
}

#[test]
fn a_foreign_origin_is_refused() {
	run_test(|| {
		for origin in [RuntimeOrigin::signed(FOREIGN), RuntimeOrigin::root(), RuntimeOrigin::none()]
		{
			assert_noop!(
				OracleConsumer::deliver(origin, delivery(vec![round(1, 1, 1)]), Default::default()),
				DispatchError::BadOrigin
			);
		}
		assert_eq!(Latest::<Test>::count(), 0);
	});
}

#[test]
fn malformed_deliveries_are_refused() {
	run_test(|| {
		assert_noop!(deliver(vec![]), Error::<Test>::EmptyDelivery);
		assert_noop!(
			deliver(vec![round(2, 1, 1), round(1, 1, 1)]),
			Error::<Test>::UnsortedDelivery
		);
		assert_noop!(
			deliver(vec![round(1, 1, 1), round(1, 2, 1)]),
			Error::<Test>::UnsortedDelivery
		);
		let mut bad = round(1, 1, 1);
		bad.decimals = MAX_DECIMALS + 1;
		assert_ok!(deliver(vec![bad]));
		System::assert_last_event(refused(1, 1, Refusal::BadDecimals));
		assert!(OracleConsumer::latest(1).is_none());
		bad.decimals = MAX_DECIMALS;
		assert_ok!(deliver(vec![bad]));
		assert_eq!(OracleConsumer::latest(1).unwrap().decimals, MAX_DECIMALS);
	});
}

#[test]
fn more_feeds_than_the_bound_are_refused() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, 1, 1), round(2, 1, 1), round(3, 1, 1)]));
		// Two new feeds would make five of at most four: the first is kept, the second not.
		assert_ok!(deliver(vec![round(4, 1, 1), round(5, 1, 1)]));
		System::assert_last_event(refused(5, 1, Refusal::TooManyFeeds));
		assert_eq!(OracleConsumer::feeds(), vec![1, 2, 3, 4]);
		// Known feeds do not count again.
		assert_ok!(deliver(vec![round(1, 2, 1), round(2, 2, 1), round(4, 2, 1)]));
		assert_eq!(OracleConsumer::latest(4).unwrap().round_id, 2);
		assert_ok!(deliver(vec![round(5, 1, 1)]));
		System::assert_last_event(refused(5, 1, Refusal::TooManyFeeds));
		// Removing one makes room.
		assert_ok!(OracleConsumer::remove_feed(RuntimeOrigin::root(), 2));
		assert_ok!(OracleConsumer::unfreeze_feed(RuntimeOrigin::root(), 2));
		assert_ok!(deliver(vec![round(5, 1, 1)]));
		assert_eq!(OracleConsumer::feeds(), vec![1, 3, 4, 5]);
	});
}

#[test]
fn a_delivery_beyond_its_bound_does_not_decode() {
	run_test(|| {
		let call = crate::Call::<Test>::deliver {
			rounds: delivery(vec![round(1, 1, 1), round(2, 1, 1), round(3, 1, 1), round(4, 1, 1)]),
			statuses: Default::default(),
		};
		let mut encoded = call.encode();
		// Five rounds in the encoding of a bound of four.
		let five: Vec<DeliveredRound> = (1..=5).map(|feed| round(feed, 1, 1)).collect();
		encoded.truncate(1);
		encoded.extend(five.encode());
		encoded.push(0);
		assert!(<crate::Call<Test> as codec::Decode>::decode(&mut &encoded[..]).is_err());
	});
}

#[test]
fn values_go_stale_by_this_chains_clock() {
	run_test(|| {
		// Resolved 1 s before it arrives.
		assert_ok!(deliver(vec![round(1, 1, 77)]));
		assert_eq!(OracleConsumer::fresh(1).map(|round| round.value), Ok(77));
		assert_eq!(<OracleConsumer as DataProvider<FeedId, Value>>::get(&1), Some(77));

		// The age counts from the resolution: 59 s after arrival it is 60 s old.
		set_time(START_MS + 59_000);
		assert_eq!(OracleConsumer::fresh(1).map(|round| round.value), Ok(77));
		set_time(START_MS + 59_001);
		assert_eq!(
			OracleConsumer::fresh(1),
			Err(ReadError::Stale { age_ms: 60_001, max_age_ms: 60_000 })
		);
		assert_eq!(<OracleConsumer as DataProvider<FeedId, Value>>::get(&1), None);
		assert_eq!(OracleConsumer::fresh(9), Err(ReadError::NoValue));

		// A feed's own max_age.
		assert_ok!(OracleConsumer::set_max_age(RuntimeOrigin::root(), 1, Some(120_000)));
		assert_eq!(OracleConsumer::fresh(1).map(|round| round.value), Ok(77));
		System::assert_last_event(
			Event::MaxAgeSet { feed_id: 1, max_age_ms: Some(120_000) }.into(),
		);
		assert_ok!(OracleConsumer::set_max_age(RuntimeOrigin::root(), 1, None));
		assert!(OracleConsumer::fresh(1).is_err());
		assert!(!MaxAge::<Test>::contains_key(1));
	});
}

#[test]
fn a_round_delayed_in_transit_is_as_old_as_it_is() {
	run_test(|| {
		// Resolved 50 s before it arrives: fresh for another 10 s only.
		let mut delayed = round(1, 1, 5);
		delayed.timestamp_ms = START_MS - 50_000;
		assert_ok!(deliver(vec![delayed]));
		set_time(START_MS + 10_001);
		assert!(matches!(OracleConsumer::fresh(1), Err(ReadError::Stale { .. })));
	});
}

#[test]
fn an_oracle_clock_ahead_cannot_make_a_value_younger_than_its_arrival() {
	run_test(|| {
		let mut ahead = round(1, 1, 5);
		ahead.timestamp_ms = START_MS + 3_600_000;
		assert_ok!(deliver(vec![ahead]));
		set_time(START_MS + 60_001);
		assert_eq!(
			OracleConsumer::fresh(1),
			Err(ReadError::Stale { age_ms: 60_001, max_age_ms: 60_000 })
		);
	});
}

#[test]
fn extended_reads_list_every_feed_with_fresh_values_only() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, 1, 10), round(2, 1, 20)]));
		assert_ok!(OracleConsumer::set_max_age(RuntimeOrigin::root(), 2, Some(1_000)));
		set_time(START_MS + 30_000);
		let all: Vec<_> =
			<OracleConsumer as DataProviderExtended<_, _>>::get_all_values().collect();
		assert_eq!(
			all,
			vec![
				(
					1,
					Some(pallet_oracle::TimestampedValue {
						value: 10,
						timestamp: START_MS - 1_000
					})
				),
				(2, None),
			]
		);
	});
}

#[test]
fn administration_needs_the_admin_origin_and_a_kept_feed() {
	run_test(|| {
		assert_noop!(
			OracleConsumer::set_max_age(RuntimeOrigin::root(), 1, Some(5)),
			Error::<Test>::UnknownFeed
		);
		assert_noop!(
			OracleConsumer::remove_feed(RuntimeOrigin::root(), 1),
			Error::<Test>::UnknownFeed
		);
		assert_ok!(deliver(vec![round(1, 1, 1)]));
		assert_noop!(
			OracleConsumer::set_max_age(RuntimeOrigin::signed(ORACLE), 1, Some(5)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			OracleConsumer::remove_feed(RuntimeOrigin::signed(ORACLE), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			OracleConsumer::set_max_age(RuntimeOrigin::root(), 1, Some(0)),
			Error::<Test>::ZeroMaxAge
		);
	});
}

#[test]
fn a_removed_feed_stays_out_until_the_admin_lets_it_back() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, 9, 1)]));
		assert_ok!(OracleConsumer::set_max_age(RuntimeOrigin::root(), 1, Some(5_000)));
		assert_ok!(OracleConsumer::remove_feed(RuntimeOrigin::root(), 1));
		System::assert_has_event(Event::FeedRemoved { feed_id: 1 }.into());
		System::assert_last_event(Event::FeedFrozen { feed_id: 1 }.into());
		assert!(OracleConsumer::latest(1).is_none());
		assert!(!History::<Test>::contains_key(1));
		assert!(!MaxAge::<Test>::contains_key(1));
		assert_eq!(Latest::<Test>::count(), 0);
		// The oracle chain keeps delivering the feed: the removal stands.
		assert_ok!(deliver(vec![round(1, 10, 2)]));
		System::assert_last_event(refused(1, 10, Refusal::Frozen));
		assert!(OracleConsumer::latest(1).is_none());
		assert_eq!(OracleConsumer::fresh(1), Err(ReadError::Frozen));
		// Until the admin lets it back; it then starts anew.
		assert_ok!(OracleConsumer::unfreeze_feed(RuntimeOrigin::root(), 1));
		System::assert_last_event(Event::FeedUnfrozen { feed_id: 1 }.into());
		assert_ok!(deliver(vec![round(1, 1, 2)]));
		assert_eq!(OracleConsumer::latest(1).unwrap().round_id, 1);
	});
}

#[test]
fn a_feed_paused_or_removed_on_the_oracle_chain_fails_closed_here() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, 1, 10), round(2, 1, 20)]));
		// Paused there: not served here, though the value is fresh.
		assert_ok!(tell(vec![(1, FeedState::Paused)]));
		System::assert_last_event(
			Event::OracleStatusSet {
				from: oracle_location(),
				feed_id: 1,
				state: FeedState::Paused,
			}
			.into(),
		);
		assert_eq!(OracleConsumer::fresh(1), Err(ReadError::Paused));
		assert_eq!(served(1), None);
		assert_eq!(served(2), Some(20));
		// Resumed: served again.
		assert_ok!(tell(vec![(1, FeedState::Active)]));
		assert_eq!(served(1), Some(10));
		// A round that was on its way when the feed was paused arrives after the pause: it is
		// kept, and the pause stands until the oracle chain says the feed is active.
		assert_ok!(tell(vec![(1, FeedState::Paused)]));
		assert_ok!(deliver(vec![round(1, 2, 11)]));
		assert_eq!(OracleConsumer::latest(1).unwrap().round_id, 2);
		assert_eq!(served(1), None);
		// A round that was pending when the feed was paused arrives with the pause: the round
		// is kept, the pause stands.
		assert_ok!(OracleConsumer::deliver(
			RuntimeOrigin::signed(ORACLE),
			delivery(vec![round(1, 3, 12)]),
			BoundedVec::truncate_from(vec![StatusUpdate { feed_id: 1, state: FeedState::Paused }]),
		));
		assert_eq!(OracleConsumer::latest(1).unwrap().round_id, 3);
		assert_eq!(OracleConsumer::fresh(1), Err(ReadError::Paused));
		// Removed there: never served again, and no round of it kept.
		assert_ok!(tell(vec![(1, FeedState::Removed), (2, FeedState::Removed)]));
		assert_eq!(OracleConsumer::fresh(1), Err(ReadError::Removed));
		assert_eq!(served(2), None);
		assert_ok!(deliver(vec![round(1, 4, 13)]));
		System::assert_last_event(refused(1, 4, Refusal::RemovedAtOracle));
		// A state of a feed not kept here is not recorded.
		assert_ok!(tell(vec![(3, FeedState::Paused)]));
		System::assert_last_event(
			Event::StatusIgnored { from: oracle_location(), feed_id: 3 }.into(),
		);
		assert!(!crate::OracleStatus::<Test>::contains_key(3));
		// This chain's removal clears the oracle's word with the rest.
		assert_ok!(OracleConsumer::remove_feed(RuntimeOrigin::root(), 2));
		assert!(!crate::OracleStatus::<Test>::contains_key(2));
	});
}

#[test]
fn feed_states_are_checked_like_rounds() {
	run_test(|| {
		assert_noop!(tell(vec![]), Error::<Test>::EmptyDelivery);
		assert_noop!(
			tell(vec![(2, FeedState::Paused), (1, FeedState::Paused)]),
			Error::<Test>::UnsortedDelivery
		);
		assert_noop!(
			tell(vec![(1, FeedState::Paused), (1, FeedState::Active)]),
			Error::<Test>::UnsortedDelivery
		);
		let statuses =
			BoundedVec::truncate_from(vec![StatusUpdate { feed_id: 1, state: FeedState::Paused }]);
		assert_noop!(
			OracleConsumer::deliver(RuntimeOrigin::signed(FOREIGN), delivery(vec![]), statuses),
			DispatchError::BadOrigin
		);
	});
}

/// A guard with only `max_move` set.
fn move_guard(percent: u32) -> Guard {
	Guard { max_move: Some(sp_runtime::Permill::from_percent(percent)), ..Default::default() }
}

fn held(feed_id: FeedId, round_id: RoundId, value: Value) -> RuntimeEvent {
	Event::RoundHeld { from: oracle_location(), feed_id, round_id, value }.into()
}

fn served(feed_id: FeedId) -> Option<Value> {
	<OracleConsumer as DataProvider<FeedId, Value>>::get(&feed_id)
}

/// Moves to the next block, a second later.
fn next_block() {
	set_time(pallet_timestamp::Now::<Test>::get() + 1_000);
}

/// Delivers `rounds` in the next block.
fn deliver_later(rounds: Vec<DeliveredRound>) -> sp_runtime::DispatchResult {
	next_block();
	deliver(rounds)
}

#[test]
fn a_value_past_the_largest_move_is_held_and_never_served_unconfirmed() {
	run_test(|| {
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 1, Some(move_guard(10))));
		assert_ok!(deliver(vec![round(1, 1, 100_000)]));
		// A 30 % jump in one round is held; the last value is still the one served.
		assert_ok!(deliver_later(vec![round(1, 2, 130_000)]));
		System::assert_last_event(held(1, 2, 130_000));
		assert_eq!(served(1), Some(100_000));
		assert_eq!(OracleConsumer::latest(1).unwrap().round_id, 1);
		assert_eq!(Held::<Test>::get(1).unwrap().value, 130_000);
		// The same round again, or an older one, is refused against the held round.
		assert_ok!(deliver_later(vec![round(1, 2, 130_000)]));
		System::assert_last_event(refused(1, 2, Refusal::NotNewer));
		// A next round back near the last value: the spike is dropped, never served.
		assert_ok!(deliver_later(vec![round(1, 3, 101_000)]));
		System::assert_has_event(Event::HeldRoundDropped { feed_id: 1, round_id: 2 }.into());
		assert_eq!(served(1), Some(101_000));
		assert!(!Held::<Test>::contains_key(1));
		let ids: Vec<RoundId> = OracleConsumer::history(1).iter().map(|r| r.round_id).collect();
		assert_eq!(ids, vec![1, 3]);
		// A spike replaced by another spike stays held.
		assert_ok!(deliver_later(vec![round(1, 4, 200_000)]));
		assert_ok!(deliver_later(vec![round(1, 5, 50_000)]));
		System::assert_last_event(held(1, 5, 50_000));
		assert_eq!(served(1), Some(101_000));
		// A move the next round confirms is kept, the held round first.
		assert_ok!(deliver_later(vec![round(1, 6, 52_000)]));
		assert_eq!(served(1), Some(52_000));
		let ids: Vec<RoundId> = OracleConsumer::history(1).iter().map(|r| r.round_id).collect();
		assert_eq!(ids, vec![3, 5, 6]);
		System::assert_has_event(
			Event::RoundReceived {
				from: oracle_location(),
				feed_id: 1,
				round_id: 5,
				value: 50_000,
			}
			.into(),
		);
	});
}

/// A guard with a `max_move` of `step` % per round and of `window` % within a minute.
fn window_guard(step: u32, window: u32) -> Guard {
	Guard {
		max_window_move: Some(WindowMove {
			max_move: sp_runtime::Permill::from_percent(window),
			window_ms: 60_000,
		}),
		..move_guard(step)
	}
}

/// An oracle chain walking a feed away by steps each within the largest move per round is
/// stopped by the largest move within a window: the step that takes the value further than
/// that from a value kept in the window is held, never served unconfirmed, and dropped when
/// the next round comes back; confirmed only by a next round from a later block within the
/// limits of it, as any held round; and once the window has passed, the same step is kept at
/// once.
#[test]
fn a_drift_of_small_steps_past_the_largest_move_within_a_window_is_held() {
	run_test(|| {
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 1, Some(window_guard(5, 8))));
		assert_ok!(deliver(vec![round(1, 1, 100_000)]));
		assert_ok!(deliver_later(vec![round(1, 2, 104_000)]));
		assert_eq!(served(1), Some(104_000));
		// 4.3 % from the latest, 8.5 % from the first value a second ago: held.
		assert_ok!(deliver_later(vec![round(1, 3, 108_500)]));
		System::assert_last_event(held(1, 3, 108_500));
		assert_eq!(served(1), Some(104_000));
		// The next round back near the values of the window drops it: never served.
		assert_ok!(deliver_later(vec![round(1, 4, 104_500)]));
		System::assert_has_event(Event::HeldRoundDropped { feed_id: 1, round_id: 3 }.into());
		assert_eq!(served(1), Some(104_500));
		// Held again, then confirmed from a later block by a round within the limits of it:
		// both are kept.
		assert_ok!(deliver_later(vec![round(1, 5, 108_500)]));
		System::assert_last_event(held(1, 5, 108_500));
		assert_ok!(deliver_later(vec![round(1, 6, 108_600)]));
		assert_eq!(served(1), Some(108_600));
		let ids: Vec<RoundId> = OracleConsumer::history(1).iter().map(|r| r.round_id).collect();
		assert_eq!(ids, vec![4, 5, 6]);
		assert!(!Held::<Test>::contains_key(1));
		// A minute on, the values kept before are out of the window: a step within the largest
		// move per round from the latest is kept at once.
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 2, Some(window_guard(5, 8))));
		assert_ok!(deliver(vec![round(2, 1, 100_000)]));
		assert_ok!(deliver_later(vec![round(2, 2, 104_000)]));
		set_time(pallet_timestamp::Now::<Test>::get() + 59_000);
		assert_ok!(deliver_later(vec![round(2, 3, 108_500)]));
		assert_eq!(OracleConsumer::latest(2).map(|latest| latest.value), Some(108_500));
		assert!(!Held::<Test>::contains_key(2));
		// A window of no time is refused.
		let mut guard = window_guard(5, 8);
		guard.max_window_move = Some(WindowMove { window_ms: 0, ..guard.max_window_move.unwrap() });
		assert_noop!(
			OracleConsumer::set_guard(RuntimeOrigin::root(), 1, Some(guard)),
			Error::<Test>::BadGuard
		);
	});
}

#[test]
fn an_oracle_cannot_confirm_its_own_jump_or_chain_moves_within_a_block() {
	run_test(|| {
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 1, Some(move_guard(10))));
		assert_ok!(deliver(vec![round(1, 1, 100_000)]));
		// A jump and its "confirmation" in two messages of the same block: both held.
		assert_ok!(deliver_later(vec![round(1, 2, 1_000_000)]));
		assert_ok!(deliver(vec![round(1, 3, 1_000_000)]));
		System::assert_last_event(held(1, 3, 1_000_000));
		assert_eq!(served(1), Some(100_000));
		// Steps each within the largest move, chained within one block: only the first lands.
		assert_ok!(deliver_later(vec![round(1, 4, 105_000)]));
		assert_eq!(served(1), Some(105_000));
		assert_ok!(deliver(vec![round(1, 5, 110_000)]));
		assert_ok!(deliver(vec![round(1, 6, 115_000)]));
		System::assert_last_event(held(1, 6, 115_000));
		assert_eq!(served(1), Some(105_000));
		// Without a largest move, rounds of one block are all kept.
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 1, None));
		assert_ok!(deliver(vec![round(1, 7, 120_000)]));
		assert_ok!(deliver(vec![round(1, 8, 125_000)]));
		assert_eq!(served(1), Some(125_000));
	});
}

#[test]
fn bounds_quality_and_round_step_refuse_a_round_and_keep_the_others() {
	run_test(|| {
		let guard = Guard {
			min_value: Some(1_000),
			max_value: Some(1_000_000),
			min_accepted: 3,
			max_dispersion: Some(sp_runtime::Permill::from_parts(1_000)),
			max_round_step: Some(10),
			..Default::default()
		};
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 1, Some(guard)));
		System::assert_last_event(Event::GuardSet { feed_id: 1, guard: Some(guard) }.into());
		assert_ok!(deliver(vec![round(1, 1, 5_000)]));

		let mut weak = round(1, 2, 5_000);
		weak.sla.accepted = 2;
		let mut dispersed = round(1, 2, 5_000);
		dispersed.sla.dispersion = sp_runtime::Permill::from_parts(1_001);
		for (bad, reason) in [
			(round(1, 2, 999), Refusal::OutOfBounds),
			(round(1, 2, 1_000_001), Refusal::OutOfBounds),
			(weak, Refusal::BelowQuality),
			(dispersed, Refusal::BelowQuality),
			// A jump to the end of the round ids would brick the feed for good.
			(round(1, RoundId::MAX, 5_000), Refusal::RoundJump),
			(round(1, 12, 5_000), Refusal::RoundJump),
		] {
			// Each arrives with a good round of another feed, which lands.
			let other = Latest::<Test>::get(2).map_or(1, |latest| latest.round_id + 1);
			assert_ok!(deliver(vec![bad, round(2, other, 7)]));
			System::assert_has_event(refused(1, bad.round_id, reason));
			assert_eq!(OracleConsumer::latest(1).unwrap().round_id, 1);
			assert_eq!(OracleConsumer::latest(2).unwrap().round_id, other);
		}
		assert_ok!(deliver(vec![round(1, 11, 1_000_000)]));
		assert_eq!(OracleConsumer::latest(1).unwrap().round_id, 11);
	});
}

#[test]
fn a_frozen_feed_and_a_paused_receiver_fail_closed() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, 1, 10), round(2, 1, 20)]));
		assert_ok!(OracleConsumer::freeze_feed(RuntimeOrigin::root(), 1));
		System::assert_last_event(Event::FeedFrozen { feed_id: 1 }.into());
		assert_eq!(OracleConsumer::fresh(1), Err(ReadError::Frozen));
		assert_eq!(served(1), None);
		assert_eq!(served(2), Some(20));
		assert_ok!(deliver(vec![round(1, 2, 11), round(2, 2, 21)]));
		System::assert_has_event(refused(1, 2, Refusal::Frozen));
		assert_eq!(OracleConsumer::latest(1).unwrap().round_id, 1);
		assert_eq!(served(2), Some(21));
		assert_ok!(OracleConsumer::unfreeze_feed(RuntimeOrigin::root(), 1));
		assert_eq!(served(1), Some(10));

		assert_ok!(OracleConsumer::set_paused(RuntimeOrigin::root(), true));
		System::assert_last_event(Event::PauseSet { paused: true }.into());
		assert_eq!(OracleConsumer::fresh(2), Err(ReadError::ReceiverPaused));
		assert_eq!(served(1), None);
		assert_ok!(deliver(vec![round(1, 3, 12)]));
		System::assert_last_event(refused(1, 3, Refusal::ReceiverPaused));
		assert_eq!(OracleConsumer::latest(1).unwrap().round_id, 1);
		// The oracle chain's word on its feeds is still taken.
		assert_ok!(tell(vec![(2, FeedState::Paused)]));
		assert_eq!(crate::OracleStatus::<Test>::get(2), Some(FeedState::Paused));
		assert_ok!(tell(vec![(2, FeedState::Active)]));
		assert_ok!(OracleConsumer::set_paused(RuntimeOrigin::root(), false));
		assert_eq!(served(2), Some(21));
		assert_ok!(deliver(vec![round(1, 3, 12)]));
		assert_eq!(served(1), Some(12));
	});
}

#[test]
fn guardrail_administration_is_checked() {
	run_test(|| {
		let admin = RuntimeOrigin::root;
		let foreign = || RuntimeOrigin::signed(ORACLE);
		assert_noop!(
			OracleConsumer::set_guard(foreign(), 1, Some(move_guard(1))),
			DispatchError::BadOrigin
		);
		assert_noop!(OracleConsumer::freeze_feed(foreign(), 1), DispatchError::BadOrigin);
		assert_noop!(OracleConsumer::unfreeze_feed(foreign(), 1), DispatchError::BadOrigin);
		assert_noop!(OracleConsumer::set_paused(foreign(), true), DispatchError::BadOrigin);
		let inverted = Guard { min_value: Some(2), max_value: Some(1), ..Default::default() };
		assert_noop!(
			OracleConsumer::set_guard(admin(), 1, Some(inverted)),
			Error::<Test>::BadGuard
		);
		let stuck = Guard { max_round_step: Some(0), ..Default::default() };
		assert_noop!(OracleConsumer::set_guard(admin(), 1, Some(stuck)), Error::<Test>::BadGuard);
		for feed_id in 0..4 {
			assert_ok!(OracleConsumer::set_guard(admin(), feed_id, Some(move_guard(1))));
			assert_ok!(OracleConsumer::freeze_feed(admin(), feed_id));
		}
		assert_noop!(
			OracleConsumer::set_guard(admin(), 4, Some(move_guard(1))),
			Error::<Test>::TooManyGuards
		);
		assert_noop!(OracleConsumer::freeze_feed(admin(), 4), Error::<Test>::TooManyFrozen);
		assert_noop!(OracleConsumer::freeze_feed(admin(), 1), Error::<Test>::AlreadyFrozen);
		// A guard can be replaced or removed within the bound.
		assert_ok!(OracleConsumer::set_guard(admin(), 1, Some(move_guard(2))));
		assert_ok!(OracleConsumer::set_guard(admin(), 1, None));
		assert_eq!(Guards::<Test>::count(), 3);
		assert_ok!(OracleConsumer::unfreeze_feed(admin(), 1));
		assert_noop!(OracleConsumer::unfreeze_feed(admin(), 1), Error::<Test>::NotFrozen);
		assert_eq!(Frozen::<Test>::count(), 3);
		assert_noop!(OracleConsumer::set_paused(admin(), false), Error::<Test>::PauseUnchanged);
		assert_ok!(OracleConsumer::set_paused(admin(), true));
		assert_noop!(OracleConsumer::set_paused(admin(), true), Error::<Test>::PauseUnchanged);
		assert!(Paused::<Test>::get());
	});
}

#[test]
fn freezing_or_re_guarding_drops_a_held_round() {
	run_test(|| {
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 1, Some(move_guard(10))));
		assert_ok!(deliver(vec![round(1, 1, 100)]));
		assert_ok!(deliver(vec![round(1, 2, 200)]));
		assert!(Held::<Test>::contains_key(1));
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 1, Some(move_guard(20))));
		System::assert_has_event(Event::HeldRoundDropped { feed_id: 1, round_id: 2 }.into());
		assert!(!Held::<Test>::contains_key(1));
		assert_ok!(deliver(vec![round(1, 3, 200)]));
		assert_ok!(OracleConsumer::freeze_feed(RuntimeOrigin::root(), 1));
		System::assert_has_event(Event::HeldRoundDropped { feed_id: 1, round_id: 3 }.into());
		assert!(!Held::<Test>::contains_key(1));
		// Removing the feed removes its guard: its bounds are in the scale of its rounds.
		assert_ok!(OracleConsumer::remove_feed(RuntimeOrigin::root(), 1));
		System::assert_has_event(Event::GuardSet { feed_id: 1, guard: None }.into());
		assert!(!Guards::<Test>::contains_key(1));
	});
}

#[test]
fn a_lending_pallet_reads_fixed_point_prices_by_its_own_keys() {
	run_test(|| {
		use sp_runtime::FixedU128;
		let read = |key| <OracleConsumer as DataProvider<CurrencyId, FixedU128>>::get(&key);
		// DOT at 6.5 (8 decimals), USDT at 1.0002 (4 decimals).
		let mut usdt = round(1, 1, 10_002);
		usdt.decimals = 4;
		assert_ok!(deliver(vec![round(0, 1, 650_000_000), usdt]));
		assert_eq!(read(CurrencyId::Dot), Some(FixedU128::from_rational(65, 10)));
		assert_eq!(read(CurrencyId::Usdt), Some(FixedU128::from_rational(10_002, 10_000)));
		assert_eq!(read(CurrencyId::Unpriced), None);
		// Reads fail closed as the raw ones do.
		assert_ok!(OracleConsumer::freeze_feed(RuntimeOrigin::root(), 0));
		assert_eq!(read(CurrencyId::Dot), None);
		set_time(START_MS + DefaultMaxAge::get() + 1);
		assert_eq!(read(CurrencyId::Usdt), None);
		// The conversion: negative values and values beyond FixedU128 have none.
		assert_eq!(to_fixed(-1, 8), None);
		assert_eq!(to_fixed(i128::MAX, 0), None);
		assert_eq!(to_fixed(i128::MAX, 38), Some(FixedU128::from_inner(1_701_411_834_604_692_317)));
		assert_eq!(to_fixed(123, 20), Some(FixedU128::from_inner(1)));
		assert_eq!(to_fixed(5, 0), Some(FixedU128::from_u32(5)));
	});
}

/// The oracle chain encodes deliveries itself: the wire format must not change by accident.
#[test]
fn the_wire_format_is_fixed() {
	let delivered = DeliveredRound {
		feed_id: 0x0102_0304,
		round_id: 5,
		value: -2,
		decimals: 8,
		fingerprint: [0x11; 16],
		timestamp_ms: 0x0a0b,
		sla: RoundSla {
			expected: 4,
			submitted: 3,
			accepted: 2,
			deviating: 1,
			dispersion: sp_runtime::Permill::from_parts(7),
			availability: sp_runtime::Permill::from_parts(1_000_000),
		},
	};
	let mut expected = vec![0x04, 0x03, 0x02, 0x01, 5, 0, 0, 0];
	expected.push(0xfe);
	expected.extend([0xff; 15]);
	expected.push(8);
	expected.extend([0x11; 16]);
	expected.extend([0x0b, 0x0a, 0, 0, 0, 0, 0, 0]);
	expected.extend([4, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0]);
	expected.extend([7, 0, 0, 0, 0x40, 0x42, 0x0f, 0]);
	assert_eq!(delivered.encode(), expected);
	let status = StatusUpdate { feed_id: 0x0102_0304, state: FeedState::Paused };
	assert_eq!(status.encode(), vec![0x04, 0x03, 0x02, 0x01, 1]);
	assert_eq!(FeedState::Active.encode(), vec![0]);
	assert_eq!(FeedState::Removed.encode(), vec![2]);
	// The call: its index (0), then each vector with a compact length before its items.
	let call = crate::Call::<Test>::deliver {
		rounds: delivery(vec![delivered]),
		statuses: BoundedVec::truncate_from(vec![status]),
	};
	let mut call_expected = vec![0, 4];
	call_expected.extend(expected);
	call_expected.extend([4, 0x04, 0x03, 0x02, 0x01, 1]);
	assert_eq!(call.encode(), call_expected);
}

#[test]
fn the_weights_grow_with_the_rounds() {
	use crate::WeightInfo;
	let one = <() as WeightInfo>::deliver(1, 0);
	let four = <() as WeightInfo>::deliver(4, 0);
	assert!(four.all_gt(one));
	assert!(four.proof_size() > one.proof_size());
	let told = <() as WeightInfo>::deliver(1, 4);
	assert!(told.all_gt(one));
}

/// The barrier entry a receiving runtime ships: from the oracle chain's location it admits a
/// delivery to this pallet and nothing else.
mod barrier {
	use super::*;
	use crate::barrier::{AllowDeliveriesFrom, NotFrom};
	use frame_support::{parameter_types, traits::ProcessMessageError, weights::Weight};
	use xcm::latest::prelude::*;
	use xcm_executor::traits::{ConvertOrigin, Properties, ShouldExecute};

	parameter_types! {
		pub Oracle: Location = oracle_location();
		pub MaxWeight: Weight = Weight::from_parts(1_000_000, 10_000);
	}
	type Allow = AllowDeliveriesFrom<Test, Oracle, MaxWeight>;

	fn check(
		origin: &Location,
		mut message: Vec<Instruction<()>>,
		weight: Weight,
	) -> Result<(), ProcessMessageError> {
		let mut properties = Properties { weight_credit: Weight::zero(), message_id: None };
		Allow::should_execute(origin, &mut message, weight, &mut properties)
	}

	fn transact(kind: OriginKind, call: &RuntimeCall) -> Instruction<()> {
		Transact { origin_kind: kind, fallback_max_weight: None, call: call.encode().into() }
	}

	#[test]
	fn only_a_delivery_from_the_oracle_chain_within_the_bound_passes() {
		run_test(|| {
			let deliver = RuntimeCall::OracleConsumer(crate::Call::deliver {
				rounds: delivery(vec![round(1, 1, 1)]),
				statuses: Default::default(),
			});
			let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
			let light = Weight::from_parts(1_000, 1_000);
			let oracle = oracle_location();
			// The oracle chain declares the most a delivery may take; any limit covering the
			// message passes.
			let unpaid = UnpaidExecution { weight_limit: Limited(light), check_origin: None };
			assert_eq!(
				check(&oracle, vec![unpaid.clone(), transact(OriginKind::Xcm, &deliver)], light),
				Ok(())
			);
			let generous = UnpaidExecution {
				weight_limit: Limited(MaxWeight::get().saturating_mul(2)),
				check_origin: None,
			};
			assert_eq!(
				check(&oracle, vec![generous, transact(OriginKind::Xcm, &deliver)], light),
				Ok(())
			);

			let unsupported = Err(ProcessMessageError::Unsupported);
			let sibling = Location::new(1, [Parachain(2002)]);
			type Case =
				(&'static str, Location, Vec<Instruction<()>>, Result<(), ProcessMessageError>);
			let refused: Vec<Case> = vec![
				(
					"another chain",
					sibling,
					vec![unpaid.clone(), transact(OriginKind::Xcm, &deliver)],
					unsupported,
				),
				(
					"another call",
					oracle.clone(),
					vec![unpaid.clone(), transact(OriginKind::Xcm, &remark)],
					unsupported,
				),
				(
					"another origin kind",
					oracle.clone(),
					vec![unpaid.clone(), transact(OriginKind::SovereignAccount, &deliver)],
					unsupported,
				),
				(
					"another instruction",
					oracle.clone(),
					vec![unpaid.clone(), transact(OriginKind::Xcm, &deliver), ClearOrigin],
					unsupported,
				),
				(
					"an origin to check",
					oracle.clone(),
					vec![
						UnpaidExecution {
							weight_limit: Limited(light),
							check_origin: Some(oracle.clone()),
						},
						transact(OriginKind::Xcm, &deliver),
					],
					unsupported,
				),
				(
					"no weight limit",
					oracle.clone(),
					vec![
						UnpaidExecution { weight_limit: Unlimited, check_origin: None },
						transact(OriginKind::Xcm, &deliver),
					],
					unsupported,
				),
				(
					"a limit below the weight",
					oracle.clone(),
					vec![
						UnpaidExecution {
							weight_limit: Limited(Weight::from_parts(999, 1_000)),
							check_origin: None,
						},
						transact(OriginKind::Xcm, &deliver),
					],
					Err(ProcessMessageError::Overweight(light)),
				),
			];
			for (name, origin, message, expected) in refused {
				assert_eq!(check(&origin, message, light), expected, "{name}");
			}
			let heavy = MaxWeight::get().saturating_add(Weight::from_parts(1, 0));
			// Beyond the runtime's bound, whatever the limit the message declares.
			let declared = UnpaidExecution { weight_limit: Limited(heavy), check_origin: None };
			assert_eq!(
				check(&oracle, vec![declared, transact(OriginKind::Xcm, &deliver)], heavy),
				Err(ProcessMessageError::Overweight(heavy))
			);
		});
	}

	/// An origin converter in `NotFrom` converts every location but the excluded one.
	#[test]
	fn not_from_leaves_the_oracle_chain_without_the_origin() {
		struct Any;
		impl ConvertOrigin<RuntimeOrigin> for Any {
			fn convert_origin(
				_origin: impl Into<Location>,
				_kind: OriginKind,
			) -> Result<RuntimeOrigin, Location> {
				Ok(RuntimeOrigin::root())
			}
		}
		type Converter = NotFrom<Oracle, Any>;
		let oracle = oracle_location();
		assert_eq!(
			<Converter as ConvertOrigin<RuntimeOrigin>>::convert_origin(
				oracle.clone(),
				OriginKind::Native
			)
			.err(),
			Some(oracle)
		);
		assert!(<Converter as ConvertOrigin<RuntimeOrigin>>::convert_origin(
			Location::new(1, [Parachain(2002)]),
			OriginKind::Native
		)
		.is_ok());
	}
}

/// A round of the same feed under another configuration on the oracle chain.
fn reconfigured(round: DeliveredRound) -> DeliveredRound {
	DeliveredRound { fingerprint: [8; 16], ..round }
}

#[test]
fn a_round_under_a_new_configuration_is_kept_and_evented() {
	run_test(|| {
		assert_ok!(deliver(vec![round(1, 1, 100)]));
		set_time(START_MS + 6_000);
		assert_ok!(deliver(vec![reconfigured(round(1, 2, 101))]));
		System::assert_has_event(
			Event::FeedConfigChanged {
				from: oracle_location(),
				feed_id: 1,
				round_id: 2,
				fingerprint: [8; 16],
			}
			.into(),
		);
		assert_eq!(OracleConsumer::latest(1).unwrap().fingerprint, Some([8; 16]));
		// The same configuration again raises nothing.
		set_time(START_MS + 12_000);
		assert_ok!(deliver(vec![reconfigured(round(1, 3, 102))]));
		let changes = System::events()
			.iter()
			.filter(|record| {
				matches!(
					record.event,
					RuntimeEvent::OracleConsumer(Event::FeedConfigChanged { .. })
				)
			})
			.count();
		assert_eq!(changes, 1);
	});
}

/// The oracle chain's admin changes a feed's sources or bounds: where this chain pinned the
/// configuration it reviewed, the feed's rounds are refused (its reviewed value still served
/// until stale) while the other feeds of the delivery land, until this chain pins the new one.
#[test]
fn a_round_under_another_configuration_than_the_pinned_one_is_refused() {
	run_test(|| {
		let pinned = Guard { fingerprint: Some(CONFIG), ..Default::default() };
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 1, Some(pinned)));
		assert_ok!(deliver(vec![round(1, 1, 100)]));
		set_time(START_MS + 6_000);
		assert_ok!(deliver(vec![reconfigured(round(1, 2, 50)), reconfigured(round(2, 1, 7))]));
		System::assert_has_event(
			Event::RoundRefused {
				from: oracle_location(),
				feed_id: 1,
				round_id: 2,
				reason: Refusal::ConfigChanged { delivered: [8; 16] },
			}
			.into(),
		);
		assert_eq!(OracleConsumer::fresh(1).map(|kept| kept.value), Ok(100));
		assert_eq!(OracleConsumer::latest(2).map(|kept| kept.value), Some(7));
		// Pinned anew, the feed's next round lands.
		let repinned = Guard { fingerprint: Some([8; 16]), ..Default::default() };
		assert_ok!(OracleConsumer::set_guard(RuntimeOrigin::root(), 1, Some(repinned)));
		set_time(START_MS + 12_000);
		assert_ok!(deliver(vec![reconfigured(round(1, 3, 51))]));
		assert_eq!(OracleConsumer::fresh(1).map(|kept| kept.value), Ok(51));
	});
}

#[test]
fn the_migration_to_version_2_keeps_rounds_and_guards() {
	use crate::migrations::v2::{v1, MigrateV1ToV2};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	run_test(|| {
		let old_round = |round_id| v1::ReceivedRound::<u64> {
			round_id,
			value: 100,
			decimals: 8,
			timestamp_ms: START_MS - 1_000,
			sla: round(1, 1, 0).sla,
			received_at_ms: START_MS,
			received_in: 1,
		};
		let old_guard = v1::Guard {
			min_value: Some(1),
			max_value: None,
			max_move: Some(sp_runtime::Permill::from_percent(5)),
			min_accepted: 2,
			max_dispersion: None,
			max_round_step: Some(9),
			max_window_move: None,
		};
		use frame_support::storage::unhashed::put;
		put(&Latest::<Test>::hashed_key_for(1), &old_round(2));
		put(&History::<Test>::hashed_key_for(1), &vec![old_round(1), old_round(2)]);
		put(&Held::<Test>::hashed_key_for(1), &old_round(3));
		put(&Guards::<Test>::hashed_key_for(1), &old_guard);
		// The counters of the counted maps, as version 1 kept them.
		put(&Latest::<Test>::counter_storage_final_key(), &1u32);
		put(&Guards::<Test>::counter_storage_final_key(), &1u32);
		StorageVersion::new(1).put::<OracleConsumer>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(OracleConsumer::on_chain_storage_version(), StorageVersion::new(2));
		let latest = Latest::<Test>::get(1).expect("the latest round decodes");
		assert_eq!((latest.round_id, latest.value, latest.fingerprint), (2, 100, None));
		let history: Vec<_> = History::<Test>::get(1).iter().map(|kept| kept.round_id).collect();
		assert_eq!(history, vec![1, 2]);
		assert_eq!(Held::<Test>::get(1).map(|held| held.round_id), Some(3));
		let guard = Guards::<Test>::get(1).expect("the guard decodes");
		assert_eq!(
			(guard.min_accepted, guard.max_round_step, guard.fingerprint),
			(2, Some(9), None)
		);
		assert_eq!((Latest::<Test>::count(), Guards::<Test>::count()), (1, 1));
	});
}
