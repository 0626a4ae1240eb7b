//! Benchmarks of the calls and of the pushes, each in its worst case.

use super::*;
use crate::types::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use oracle_primitives::rounds::JudgedRound;
use sp_runtime::{traits::Saturating, Permill};

/// The receiver of the benchmarks.
const TARGET: CallTarget = CallTarget {
	pallet_index: 50,
	call_index: 0,
	max_weight: frame_support::weights::Weight::from_parts(10_000_000_000, 1_000_000),
};

fn para(index: u32) -> ParaId {
	2_000u32.saturating_add(index)
}

/// A funded sovereign account of `para`.
fn funded_sovereign<T: Config>(para: ParaId) -> T::AccountId {
	let who = Pallet::<T>::sovereign(para).expect("a sibling parachain has a sovereign account");
	// Enough for a deposit and many fees, however the runtime prices them.
	let amount = T::Currency::minimum_balance()
		.saturating_add(Pallet::<T>::deposit_for(T::MaxFeedsPerSubscription::get()))
		.saturating_add(T::DeliveryFee::get())
		.saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// Subscription 0 of `para`, owned by its funded sovereign account with the deposit `feeds`
/// need, every round due, and a route to `para`.
fn funded_subscription<T: Config>(para: ParaId, feeds: Vec<FeedDelivery<BlockNumberFor<T>>>) {
	let who = funded_sovereign::<T>(para);
	T::BenchmarkHelper::open_route(para);
	Subscriptions::<T>::insert(
		para,
		0,
		Subscription {
			owner: Some(who),
			deposit: Pallet::<T>::deposit_for(feeds.len() as u32),
			target: TARGET,
			trigger: trigger::<T>(),
			feeds: BoundedVec::truncate_from(feeds),
			delivered: 0,
			failures: 0,
			last_failure: None,
			states_unsent: false,
		},
	);
}

/// The largest list of existing feeds (the calls check each).
fn existing_feeds<T: Config>() -> FeedsOf<T> {
	BoundedVec::truncate_from(T::BenchmarkHelper::feeds(T::MaxFeedsPerSubscription::get()))
}

/// The largest list of feeds from `first` on (the pushes do not check existence).
fn full_feeds<T: Config>(first: FeedId) -> FeedsOf<T> {
	let feeds: Vec<FeedId> = (0..T::MaxFeedsPerSubscription::get())
		.map(|i| first.saturating_add(i))
		.collect();
	BoundedVec::truncate_from(feeds)
}

fn trigger<T: Config>() -> Trigger<BlockNumberFor<T>> {
	Trigger::Deviation { threshold: Permill::from_percent(1), heartbeat: 10u32.into() }
}

/// Fills parachain `para` up to one short of its bounds with subscriptions to other receivers,
/// so that the overlap check reads them all.
fn fill_para<T: Config>(para: ParaId, feeds: &FeedsOf<T>) {
	let others = T::MaxSubscriptionsPerPara::get().saturating_sub(1);
	for index in 0..others {
		let target = CallTarget { pallet_index: 100u8.saturating_add(index as u8), ..TARGET };
		Pallet::<T>::do_subscribe(para, None, feeds.clone(), target, Trigger::EveryRound)
			.expect("within the bounds");
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A sibling's sovereign account, with the parachain's other subscriptions all checked for
	/// overlaps and every feed checked.
	#[benchmark]
	fn subscribe() {
		let feeds = existing_feeds::<T>();
		let para = para(1);
		let who = funded_sovereign::<T>(para);
		fill_para::<T>(para, &feeds);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), para, feeds, TARGET, trigger::<T>());

		assert_eq!(ParaSubscriptions::<T>::get(para), T::MaxSubscriptionsPerPara::get());
	}

	/// The deposit grows, every other subscription of the parachain is checked.
	#[benchmark]
	fn update_subscription() {
		let feeds = existing_feeds::<T>();
		let para = para(1);
		let who = funded_sovereign::<T>(para);
		fill_para::<T>(para, &feeds);
		let first = BoundedVec::truncate_from(feeds.iter().take(1).copied().collect::<Vec<_>>());
		let id = Pallet::<T>::do_subscribe(para, Some(who.clone()), first, TARGET, trigger::<T>())
			.expect("within the bounds");

		#[extrinsic_call]
		_(RawOrigin::Signed(who), para, id, feeds.clone(), TARGET, Trigger::EveryRound);

		assert_eq!(Subscriptions::<T>::get(para, id).map(|sub| sub.feeds.len()), Some(feeds.len()));
	}

	#[benchmark]
	fn unsubscribe() {
		let feeds = existing_feeds::<T>();
		let para = para(1);
		let who = funded_sovereign::<T>(para);
		let id = Pallet::<T>::do_subscribe(para, Some(who.clone()), feeds, TARGET, trigger::<T>())
			.expect("within the bounds");

		#[extrinsic_call]
		_(RawOrigin::Signed(who), para, id);

		assert!(Subscriptions::<T>::get(para, id).is_none());
	}

	/// `s` subscriptions, each of its own parachain with its full list of feeds, every feed
	/// resolving a round: each subscription is due, pays and is sent (or deferred, which costs
	/// less) with a round of every feed.
	///
	/// The SLA summaries a push reads are the records the SLA pallet wrote for the same rounds
	/// earlier in the block (it sees closed rounds first): read from the block's changes, they
	/// add nothing to the proof, and the SLA pallet's own weight covers writing them.
	#[benchmark(pov_mode = MaxEncodedLen {
		OracleSla::Records: Ignored,
		ParachainSystem::RelevantMessagingState: Measured
	})]
	fn rounds_resolved(s: Linear<0, { T::MaxSubscriptions::get() }>) {
		let per = T::MaxFeedsPerSubscription::get();
		let mut outcomes = Vec::new();
		for index in 0..s {
			let para = para(index);
			let first = index.saturating_mul(per);
			let feeds = full_feeds::<T>(first);
			funded_subscription::<T>(
				para,
				feeds.iter().map(|feed_id| FeedDelivery::new(*feed_id, [0; 16])).collect(),
			);
			for feed_id in feeds {
				outcomes.push(JudgedRound {
					feed_id,
					round_id: 1,
					value: Some(i128::MAX),
					decimals: 18,
					closed_at_ms: u64::MAX,
					sla: RoundSla {
						expected: u32::MAX,
						submitted: u32::MAX,
						accepted: u32::MAX,
						deviating: u32::MAX,
						dispersion: Permill::one(),
						availability: Permill::one(),
					},
				});
			}
		}

		#[block]
		{
			Pallet::<T>::push(&outcomes);
		}

		let sent = s.min(T::MaxPushesPerBlock::get());
		let delivered: u32 = Subscriptions::<T>::iter().map(|(_, _, sub)| sub.delivered).sum();
		assert_eq!(delivered, sent);
	}

	/// `s` subscriptions, each of its own parachain with the largest list of existing feeds,
	/// every feed's state changed since it was told: each subscription pays and is sent (or
	/// deferred, which costs less) the state of every feed.
	#[benchmark(pov_mode = MaxEncodedLen {
		ParachainSystem::RelevantMessagingState: Measured
	})]
	fn push_states(s: Linear<0, { T::MaxSubscriptions::get() }>) {
		let feeds = existing_feeds::<T>();
		for index in 0..s {
			let para = para(index);
			funded_subscription::<T>(
				para,
				feeds
					.iter()
					.map(|feed_id| FeedDelivery::in_state(*feed_id, [0; 16], FeedState::Removed))
					.collect(),
			);
		}
		StatesChanged::<T>::put(true);

		#[block]
		{
			Pallet::<T>::push_states();
		}

		let sent = s.min(T::MaxPushesPerBlock::get());
		let delivered: u32 = Subscriptions::<T>::iter().map(|(_, _, sub)| sub.delivered).sum();
		assert_eq!(delivered, sent);
	}

	/// `s` subscriptions, each of its own parachain with its full list of feeds, each naming
	/// the reconfigured feed with a round pending: each is rewritten.
	#[benchmark]
	fn feed_updated(s: Linear<0, { T::MaxSubscriptions::get() }>) {
		let feeds = full_feeds::<T>(0);
		for index in 0..s {
			let entries = feeds
				.iter()
				.map(|feed_id| FeedDelivery {
					pending: Some(PendingRound {
						feed_id: *feed_id,
						round_id: 1,
						value: i128::MAX,
						decimals: 18,
						timestamp_ms: u64::MAX,
						sla: RoundSla::default(),
					}),
					..FeedDelivery::new(*feed_id, [0; 16])
				})
				.collect();
			funded_subscription::<T>(para(index), entries);
		}

		#[block]
		{
			Pallet::<T>::reconfigure(0, [1; 16]);
		}

		let rewritten = Subscriptions::<T>::iter()
			.filter(|(_, _, sub)| {
				sub.feeds
					.iter()
					.any(|entry| entry.fingerprint == [1; 16] && entry.pending.is_none())
			})
			.count() as u32;
		assert_eq!(rewritten, s);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
