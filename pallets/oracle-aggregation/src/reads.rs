//! Reads of the feeds' state and values: one feed's round state in `States` and its storing
//! with its projections, the latest and the fresh round, and the traits other pallets read
//! through (`Contains`, `FeedStates`, `DataProvider`).

use super::*;
use crate::types::*;
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{DefensiveTruncateFrom, UnixTime},
};
use frame_system::pallet_prelude::BlockNumberFor;
use oracle_primitives::{find, find_mut, rounds::FeedStates, ReadError};
use sp_runtime::traits::{SaturatedConversion, Saturating};

impl<T: Config> Pallet<T> {
	/// The latest closed round of feed `feed_id`.
	pub fn latest_round(feed_id: FeedId) -> Option<RoundData<BlockNumberFor<T>>> {
		Latest::<T>::get(feed_id)?.round
	}

	/// The round state of feed `feed_id`.
	pub fn state(feed_id: FeedId) -> Option<FeedState<BlockNumberFor<T>>> {
		find(&States::<T>::get(), feed_id).copied()
	}

	/// Stores `states` and their projection into [`Heads`].
	pub(crate) fn put_states(states: BoundedVec<FeedState<BlockNumberFor<T>>, T::MaxFeeds>) {
		let heads = states.iter().map(FeedHead::from).collect::<Vec<_>>();
		// As many heads as states.
		Heads::<T>::put(BoundedVec::defensive_truncate_from(heads));
		States::<T>::put(states);
	}

	/// Applies `f` to the state of feed `feed_id` and stores the result if `f` succeeds.
	pub(crate) fn mutate_state<R>(
		feed_id: FeedId,
		f: impl FnOnce(&mut FeedState<BlockNumberFor<T>>) -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		let mut states = States::<T>::get();
		let state = find_mut(states.as_mut(), feed_id).ok_or(Error::<T>::UnknownFeed)?;
		let result = f(state)?;
		Self::put_states(states);
		Ok(result)
	}

	/// The latest round of feed `feed_id` if its value is fresh: at most `max_age` blocks
	/// old, and at most `max_age × ExpectedBlockTime` old by the block's timestamp, so that
	/// a value outlives neither a block count nor a stall of the chain (the first block
	/// after a stall is one block later but much later in time). A latest round that timed
	/// out carries the last resolved value with that value's block and time
	/// (`answered_in_round` < `round_id`): it is fresh as long as that value is. A paused
	/// feed, a feed that never resolved and a stale value are errors.
	pub fn fresh_round(feed_id: FeedId) -> Result<RoundData<BlockNumberFor<T>>, ReadError> {
		let latest = Latest::<T>::get(feed_id).ok_or(ReadError::UnknownFeed)?;
		if latest.status == FeedStatus::Paused {
			return Err(ReadError::Paused);
		}
		let round = latest.round.ok_or(ReadError::NoValue)?;
		if round.answered_in_round == 0 {
			return Err(ReadError::NoValue);
		}
		if latest.disputed {
			return Err(ReadError::Disputed);
		}
		let now = frame_system::Pallet::<T>::block_number();
		let now_ms = u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX);
		let max_age_ms = latest
			.max_age
			.saturated_into::<u64>()
			.saturating_mul(T::ExpectedBlockTime::get());
		let age_ms = now_ms.saturating_sub(round.updated_at_ms);
		if now.saturating_sub(round.updated_at) > latest.max_age || age_ms > max_age_ms {
			return Err(ReadError::Stale { age_ms, max_age_ms });
		}
		Ok(round)
	}
}

/// Whether a feed exists (one read of its configuration's key).
impl<T: Config> frame_support::traits::Contains<types::FeedId> for Pallet<T> {
	fn contains(feed_id: &types::FeedId) -> bool {
		Feeds::<T>::contains_key(feed_id)
	}
}

/// Every feed's status, from [`Heads`] (one read of about 41 bytes per feed), and a feed's
/// configuration fingerprint, from [`Feeds`].
impl<T: Config> FeedStates for Pallet<T> {
	fn statuses() -> alloc::vec::Vec<(types::FeedId, types::FeedStatus)> {
		Heads::<T>::get().iter().map(|head| (head.feed_id, head.status)).collect()
	}

	fn fingerprint(feed_id: types::FeedId) -> Option<feed_config::ConfigFingerprint> {
		Feeds::<T>::get(feed_id).map(|config| config.fingerprint())
	}
}

/// Fresh values only: a stale, timed-out or missing value reads as `None`.
impl<T: Config> pallet_oracle::DataProvider<types::FeedId, types::Value> for Pallet<T> {
	fn get(feed_id: &types::FeedId) -> Option<types::Value> {
		Self::fresh_round(*feed_id).ok().map(|round| round.value)
	}
}

/// Every feed with its fresh value (if any), timestamped with the resolution's time in ms.
impl<T: Config>
	pallet_oracle::DataProviderExtended<
		types::FeedId,
		pallet_oracle::TimestampedValue<types::Value, u64>,
	> for Pallet<T>
{
	fn get_all_values(
	) -> impl Iterator<Item = (types::FeedId, Option<pallet_oracle::TimestampedValue<types::Value, u64>>)>
	{
		States::<T>::get().into_iter().map(|state| state.feed_id).map(|feed_id| {
			let value =
				Self::fresh_round(feed_id).ok().map(|round| pallet_oracle::TimestampedValue {
					value: round.value,
					timestamp: round.updated_at_ms,
				});
			(feed_id, value)
		})
	}
}
