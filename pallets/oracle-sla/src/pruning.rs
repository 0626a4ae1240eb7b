//! The records of removed feeds, pruned when blocks have weight to spare.

use crate::{pallet::*, types::FeedId};
use frame_support::pallet_prelude::*;
use oracle_primitives::rounds::OnFeedChanged;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Prunes records of removed feeds with the `remaining` weight of a block; returns the
	/// weight used.
	pub(crate) fn prune(remaining: Weight) -> Weight {
		let db = T::DbWeight::get();
		let mut used = db.reads(1);
		if remaining.any_lt(used) {
			return Weight::zero();
		}
		let Some(feed_id) = Pruning::<T>::iter_keys().next() else { return used };
		// One write per record and one to finish.
		let per_record = db.writes(1);
		let affordable = remaining
			.saturating_sub(used)
			.saturating_sub(db.writes(1))
			.checked_div_per_component(&per_record)
			.unwrap_or(u64::MAX);
		let limit = u32::try_from(affordable).unwrap_or(u32::MAX).min(T::MaxSlaHistory::get());
		if limit.is_zero() {
			return used;
		}
		let result = Records::<T>::clear_prefix(feed_id, limit, None);
		used.saturating_accrue(per_record.saturating_mul(u64::from(result.backend)));
		if result.maybe_cursor.is_none() {
			Pruning::<T>::remove(feed_id);
			used.saturating_accrue(db.writes(1));
		}
		used
	}
}

/// A removed feed loses its SLA state at once; its records are pruned when blocks have weight
/// to spare.
impl<T: Config> OnFeedChanged for Pallet<T> {
	fn on_feed_removed(feed_id: FeedId) {
		FeedStates::<T>::mutate(|states| states.retain(|state| state.feed_id != feed_id));
		if Records::<T>::iter_key_prefix(feed_id).next().is_some() {
			Pruning::<T>::insert(feed_id, ());
		}
	}
}
