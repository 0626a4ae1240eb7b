//! Benchmarks of the calls, each in its worst case: every delivered feed already kept with a
//! full history, guarded, with a held round that the delivery confirms, so that two rounds are
//! appended to its history; the admin calls each drop a held round.

use super::*;
use crate::types::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use sp_runtime::Permill;

fn delivered(feed_id: FeedId, round_id: RoundId) -> DeliveredRound {
	DeliveredRound {
		feed_id,
		round_id,
		value: i128::MAX,
		decimals: MAX_DECIMALS,
		fingerprint: [0xff; 16],
		timestamp_ms: u64::MAX,
		sla: RoundSla {
			expected: u32::MAX,
			submitted: u32::MAX,
			accepted: u32::MAX,
			deviating: u32::MAX,
			dispersion: Permill::one(),
			availability: Permill::one(),
		},
	}
}

/// Keeps feeds `0..feeds`, each with a full history whose latest round is `HistoryLen`.
fn keep_feeds<T: Config>(feeds: u32) {
	for round_id in 1..=T::HistoryLen::get() {
		let rounds: alloc::vec::Vec<_> =
			(0..feeds).map(|feed_id| delivered(feed_id, round_id)).collect();
		for chunk in rounds.chunks(T::MaxRoundsPerDelivery::get() as usize) {
			let delivery = BoundedVec::truncate_from(chunk.to_vec());
			Pallet::<T>::do_deliver(xcm::latest::Location::here(), delivery, Default::default())
				.expect("the rounds are new and the feeds within MaxFeeds");
		}
	}
}

/// A guard with every check on, which the rounds of [`guard_feeds`] pass.
fn full_guard() -> Guard {
	Guard {
		min_value: Some(0),
		max_value: Some(i128::MAX),
		max_move: Some(Permill::from_percent(1)),
		min_accepted: 1,
		max_dispersion: Some(Permill::one()),
		max_round_step: Some(RoundId::MAX),
		// Every kept round is within the window, and none is far from the rounds delivered,
		// so that each is looked at.
		max_window_move: Some(WindowMove {
			max_move: Permill::from_percent(1),
			window_ms: u64::MAX,
		}),
		fingerprint: Some([0xff; 16]),
	}
}

/// The value of the latest rounds of [`guard_feeds`]; the held rounds and the histories are
/// twice it.
const KEPT_VALUE: Value = 1_000_000_000_000_000_000_000_000_000;

/// Keeps feeds `0..feeds` as [`keep_feeds`] does, at [`KEPT_VALUE`], each with [`full_guard`]
/// and a held round `HistoryLen + 1` at twice the value.
fn guard_feeds<T: Config>(feeds: u32) {
	keep_feeds::<T>(feeds);
	let held = T::HistoryLen::get().saturating_add(1);
	for feed_id in 0..feeds {
		Latest::<T>::mutate(feed_id, |latest| {
			if let Some(latest) = latest {
				latest.value = KEPT_VALUE;
			}
		});
		History::<T>::mutate(feed_id, |history| {
			for kept in history.iter_mut() {
				kept.value = KEPT_VALUE * 2;
			}
		});
		Pallet::<T>::do_set_guard(feed_id, Some(full_guard())).expect("a valid guard");
	}
	let rounds: alloc::vec::Vec<_> = (0..feeds)
		.map(|feed_id| DeliveredRound { value: KEPT_VALUE * 2, ..delivered(feed_id, held) })
		.collect();
	for chunk in rounds.chunks(T::MaxRoundsPerDelivery::get() as usize) {
		let delivery = BoundedVec::truncate_from(chunk.to_vec());
		Pallet::<T>::do_deliver(xcm::latest::Location::here(), delivery, Default::default())
			.expect("the rounds are new and the feeds kept");
	}
	for feed_id in 0..feeds {
		assert!(Held::<T>::contains_key(feed_id), "the move is held");
	}
	// A held round is confirmed from a later block only.
	let next = frame_system::Pallet::<T>::block_number() + 1u32.into();
	frame_system::Pallet::<T>::set_block_number(next);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` rounds, each of a guarded feed with a full history and a held round it confirms,
	/// which the oracle chain had said it paused (read, kept); and `s` feed states, each of a kept feed
	/// that no round of the delivery touches (where `MaxFeeds` holds both; in a runtime it
	/// does), so that each state costs its own accesses.
	#[benchmark]
	fn deliver(
		n: Linear<1, { T::MaxRoundsPerDelivery::get() }>,
		s: Linear<0, { T::MaxRoundsPerDelivery::get() }>,
	) -> Result<(), BenchmarkError> {
		let most = T::MaxRoundsPerDelivery::get();
		assert!(most <= T::MaxFeeds::get(), "MaxFeeds holds a full delivery");
		let first_told = if most.saturating_mul(2) <= T::MaxFeeds::get() { most } else { 0 };
		guard_feeds::<T>(first_told.saturating_add(s).max(n));
		for feed_id in 0..n {
			OracleStatus::<T>::insert(feed_id, FeedState::Paused);
		}
		let statuses: StatusesOf<T> = BoundedVec::truncate_from(
			(first_told..first_told.saturating_add(s))
				.map(|feed_id| StatusUpdate { feed_id, state: FeedState::Removed })
				.collect(),
		);
		let next = T::HistoryLen::get().saturating_add(2);
		let rounds: DeliveryOf<T> = BoundedVec::truncate_from(
			(0..n)
				.map(|feed_id| DeliveredRound {
					value: KEPT_VALUE * 2 + 1,
					..delivered(feed_id, next)
				})
				.collect(),
		);
		let origin =
			T::OracleOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rounds, statuses);

		for feed_id in 0..n {
			assert_eq!(Latest::<T>::get(feed_id).map(|round| round.round_id), Some(next));
			assert!(!Held::<T>::contains_key(feed_id), "the held round was confirmed");
		}
		for feed_id in first_told..first_told.saturating_add(s) {
			assert_eq!(OracleStatus::<T>::get(feed_id), Some(FeedState::Removed));
		}
		Ok(())
	}

	#[benchmark]
	fn set_max_age() -> Result<(), BenchmarkError> {
		keep_feeds::<T>(1);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0, Some(1_000));
		assert_eq!(MaxAge::<T>::get(0), Some(1_000));
		Ok(())
	}

	#[benchmark]
	fn remove_feed() -> Result<(), BenchmarkError> {
		guard_feeds::<T>(1);
		MaxAge::<T>::insert(0, 1_000);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0);
		assert!(Latest::<T>::get(0).is_none());
		assert!(Frozen::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn set_guard() -> Result<(), BenchmarkError> {
		guard_feeds::<T>(1);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0, Some(full_guard()));
		assert!(!Held::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn freeze_feed() -> Result<(), BenchmarkError> {
		guard_feeds::<T>(1);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0);
		assert!(Frozen::<T>::contains_key(0));
		assert!(!Held::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn unfreeze_feed() -> Result<(), BenchmarkError> {
		Pallet::<T>::do_freeze_feed(0).expect("not frozen yet");
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0);
		assert!(!Frozen::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn set_paused() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, true);
		assert!(Paused::<T>::get());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
