//! Benchmarks of the calls, each in its worst case: every delivered feed already kept with a
//! full history, which is read, shifted and written back.

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
			Pallet::<T>::do_deliver(xcm::latest::Location::here(), delivery)
				.expect("the rounds are new and the feeds within MaxFeeds");
		}
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` rounds, each of a kept feed with a full history.
	#[benchmark]
	fn deliver(n: Linear<1, { T::MaxRoundsPerDelivery::get() }>) -> Result<(), BenchmarkError> {
		assert!(n <= T::MaxFeeds::get(), "MaxFeeds holds a full delivery");
		keep_feeds::<T>(n);
		let next = T::HistoryLen::get().saturating_add(1);
		let rounds: DeliveryOf<T> =
			BoundedVec::truncate_from((0..n).map(|feed_id| delivered(feed_id, next)).collect());
		let origin =
			T::OracleOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rounds);

		for feed_id in 0..n {
			assert_eq!(Latest::<T>::get(feed_id).map(|round| round.round_id), Some(next));
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
		keep_feeds::<T>(1);
		MaxAge::<T>::insert(0, 1_000);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0);
		assert!(Latest::<T>::get(0).is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
