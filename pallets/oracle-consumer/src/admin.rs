//! This chain's administration of what it receives: a feed's maximum age, guard, freezing and
//! removal, and pausing the whole receiver.

use crate::{pallet::*, types::*};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Sets or clears a kept feed's `max_age`.
	pub fn do_set_max_age(feed_id: FeedId, max_age_ms: Option<u64>) -> DispatchResult {
		ensure!(Latest::<T>::contains_key(feed_id), Error::<T>::UnknownFeed);
		ensure!(max_age_ms != Some(0), Error::<T>::ZeroMaxAge);
		match max_age_ms {
			Some(max_age) => MaxAge::<T>::insert(feed_id, max_age),
			None => MaxAge::<T>::remove(feed_id),
		}
		Self::deposit_event(Event::MaxAgeSet { feed_id, max_age_ms });
		Ok(())
	}

	/// Removes a kept feed and freezes it.
	pub fn do_remove_feed(feed_id: FeedId) -> DispatchResult {
		ensure!(Latest::<T>::contains_key(feed_id), Error::<T>::UnknownFeed);
		let frozen = Frozen::<T>::contains_key(feed_id);
		if !frozen {
			ensure!(Frozen::<T>::count() < T::MaxFeeds::get(), Error::<T>::TooManyFrozen);
		}
		Latest::<T>::remove(feed_id);
		History::<T>::remove(feed_id);
		MaxAge::<T>::remove(feed_id);
		OracleStatus::<T>::remove(feed_id);
		Self::drop_held(feed_id);
		if Guards::<T>::take(feed_id).is_some() {
			// Its bounds are in the scale of the removed rounds.
			Self::deposit_event(Event::GuardSet { feed_id, guard: None });
		}
		Self::deposit_event(Event::FeedRemoved { feed_id });
		if !frozen {
			Frozen::<T>::insert(feed_id, ());
			Self::deposit_event(Event::FeedFrozen { feed_id });
		}
		Ok(())
	}

	/// Sets or removes a feed's guard.
	pub fn do_set_guard(feed_id: FeedId, guard: Option<Guard>) -> DispatchResult {
		match guard {
			Some(guard) => {
				ensure!(guard.is_valid(), Error::<T>::BadGuard);
				ensure!(
					Guards::<T>::contains_key(feed_id) || Guards::<T>::count() < T::MaxFeeds::get(),
					Error::<T>::TooManyGuards
				);
				Guards::<T>::insert(feed_id, guard);
			},
			None => Guards::<T>::remove(feed_id),
		}
		// A held round was judged by the guard it was held under.
		Self::drop_held(feed_id);
		Self::deposit_event(Event::GuardSet { feed_id, guard });
		Ok(())
	}

	/// Drops a feed's held round, if any.
	pub(crate) fn drop_held(feed_id: FeedId) {
		if let Some(held) = Held::<T>::take(feed_id) {
			Self::deposit_event(Event::HeldRoundDropped { feed_id, round_id: held.round_id });
		}
	}

	/// Freezes a feed.
	pub fn do_freeze_feed(feed_id: FeedId) -> DispatchResult {
		ensure!(!Frozen::<T>::contains_key(feed_id), Error::<T>::AlreadyFrozen);
		ensure!(Frozen::<T>::count() < T::MaxFeeds::get(), Error::<T>::TooManyFrozen);
		Frozen::<T>::insert(feed_id, ());
		Self::drop_held(feed_id);
		Self::deposit_event(Event::FeedFrozen { feed_id });
		Ok(())
	}

	/// Unfreezes a feed.
	pub fn do_unfreeze_feed(feed_id: FeedId) -> DispatchResult {
		ensure!(Frozen::<T>::contains_key(feed_id), Error::<T>::NotFrozen);
		Frozen::<T>::remove(feed_id);
		Self::deposit_event(Event::FeedUnfrozen { feed_id });
		Ok(())
	}

	/// Pauses or resumes the receiver.
	pub fn do_set_paused(paused: bool) -> DispatchResult {
		ensure!(Paused::<T>::get() != paused, Error::<T>::PauseUnchanged);
		Paused::<T>::put(paused);
		Self::deposit_event(Event::PauseSet { paused });
		Ok(())
	}
}
