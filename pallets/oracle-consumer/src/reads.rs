//! Reads: a feed's latest, history and fresh value by this chain's own clock, and the
//! `pallet-oracle` data-provider traits over them.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::UnixTime};

impl<T: Config> Pallet<T> {
	/// This chain's time, in ms since the Unix epoch.
	pub(crate) fn now_ms() -> u64 {
		u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX)
	}

	/// The `max_age` (ms) a feed's value is held to.
	pub fn max_age(feed_id: FeedId) -> u64 {
		MaxAge::<T>::get(feed_id).unwrap_or_else(T::DefaultMaxAge::get)
	}

	/// The latest round of a feed, fresh or not.
	pub fn latest(feed_id: FeedId) -> Option<ReceivedRoundOf<T>> {
		Latest::<T>::get(feed_id)
	}

	/// A feed's kept rounds, oldest first.
	pub fn history(feed_id: FeedId) -> Vec<ReceivedRoundOf<T>> {
		History::<T>::get(feed_id).into_inner()
	}

	/// The latest round of a feed if it is served: the receiver is not paused, the feed not
	/// frozen here nor paused or removed on the oracle chain, and this chain's time is within the feed's `max_age` of the earlier of the
	/// round's arrival and its resolution.
	pub fn fresh(feed_id: FeedId) -> Result<ReceivedRoundOf<T>, ReadError> {
		if Paused::<T>::get() {
			return Err(ReadError::ReceiverPaused);
		}
		if Frozen::<T>::contains_key(feed_id) {
			return Err(ReadError::Frozen);
		}
		match OracleStatus::<T>::get(feed_id) {
			Some(FeedState::Paused) => return Err(ReadError::Paused),
			Some(FeedState::Removed) => return Err(ReadError::Removed),
			Some(FeedState::Active) | None => {},
		}
		let round = Latest::<T>::get(feed_id).ok_or(ReadError::NoValue)?;
		let since = round.received_at_ms.min(round.timestamp_ms);
		let age_ms = Self::now_ms().saturating_sub(since);
		let max_age_ms = Self::max_age(feed_id);
		if age_ms > max_age_ms {
			return Err(ReadError::Stale { age_ms, max_age_ms });
		}
		Ok(round)
	}

	/// The feeds kept, ascending.
	pub fn feeds() -> Vec<FeedId> {
		let mut feeds: Vec<FeedId> = Latest::<T>::iter_keys().collect();
		feeds.sort_unstable();
		feeds
	}
}

/// The fresh value of a feed (see [`Pallet::fresh`]).
impl<T: Config> pallet_oracle::DataProvider<FeedId, Value> for Pallet<T> {
	fn get(feed_id: &FeedId) -> Option<Value> {
		Self::fresh(*feed_id).ok().map(|round| round.value)
	}
}

/// The served value of the feed that prices `key` ([`Config::FeedOf`]), over 10^decimals:
/// `None` for a key no feed prices, a value not served (see [`Pallet::fresh`]), a negative value
/// or one beyond `FixedU128`.
impl<T: Config> pallet_oracle::DataProvider<T::FeedKey, sp_runtime::FixedU128> for Pallet<T> {
	fn get(key: &T::FeedKey) -> Option<sp_runtime::FixedU128> {
		let feed_id = <T::FeedOf as sp_runtime::traits::Convert<_, _>>::convert(key.clone())?;
		let round = Self::fresh(feed_id).ok()?;
		to_fixed(round.value, round.decimals)
	}
}

/// Every kept feed with its fresh value (if any), timestamped with its resolution time (ms) on
/// the oracle chain.
impl<T: Config>
	pallet_oracle::DataProviderExtended<FeedId, pallet_oracle::TimestampedValue<Value, u64>>
	for Pallet<T>
{
	fn get_all_values(
	) -> impl Iterator<Item = (FeedId, Option<pallet_oracle::TimestampedValue<Value, u64>>)> {
		Self::feeds().into_iter().map(|feed_id| {
			let value = Self::fresh(feed_id).ok().map(|round| pallet_oracle::TimestampedValue {
				value: round.value,
				timestamp: round.timestamp_ms,
			});
			(feed_id, value)
		})
	}
}
