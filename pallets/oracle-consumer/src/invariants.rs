//! The invariants of the pallet's storage, checked by `try_state`.

use crate::{pallet::*, types::*};
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: the counter counts the feeds, which are at most
	/// [`Config::MaxFeeds`]; each feed's history ends with its latest round and its round ids
	/// increase; only kept feeds have a history or a `max_age`, and no `max_age` is 0.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut feeds: u32 = 0;
		for (feed_id, latest) in Latest::<T>::iter() {
			feeds = feeds.saturating_add(1);
			let history = History::<T>::get(feed_id);
			ensure!(history.last() == Some(&latest), "a history does not end with the latest");
			ensure!(
				history.windows(2).all(|pair| match pair {
					[older, newer] => older.round_id < newer.round_id,
					_ => true,
				}),
				"a history's round ids do not increase"
			);
		}
		ensure!(feeds == Latest::<T>::count(), "the feed counter is off");
		ensure!(feeds <= T::MaxFeeds::get(), "more feeds than MaxFeeds");
		for feed_id in History::<T>::iter_keys() {
			ensure!(Latest::<T>::contains_key(feed_id), "a history without a latest round");
		}
		for (feed_id, max_age) in MaxAge::<T>::iter() {
			ensure!(Latest::<T>::contains_key(feed_id), "a max_age of no kept feed");
			ensure!(max_age > 0, "a max_age of 0");
		}
		for (feed_id, held) in Held::<T>::iter() {
			let latest = Latest::<T>::get(feed_id).ok_or("a held round of no kept feed")?;
			let guard = Guards::<T>::get(feed_id).ok_or("a held round without a guard")?;
			ensure!(held.round_id > latest.round_id, "a held round not newer than the latest");
			ensure!(guard.limits_moves(), "a held round of a feed whose moves are not limited");
			ensure!(!Frozen::<T>::contains_key(feed_id), "a held round of a frozen feed");
		}
		for (feed_id, state) in OracleStatus::<T>::iter() {
			ensure!(Latest::<T>::contains_key(feed_id), "an oracle status of no kept feed");
			ensure!(state != FeedState::Active, "an active feed with an oracle status");
		}
		let guards = Guards::<T>::iter().try_fold(0u32, |count, (_, guard)| {
			ensure!(guard.is_valid(), "an invalid guard");
			Ok::<u32, sp_runtime::TryRuntimeError>(count.saturating_add(1))
		})?;
		ensure!(guards == Guards::<T>::count(), "the guard counter is off");
		ensure!(guards <= T::MaxFeeds::get(), "more guards than MaxFeeds");
		let frozen = Frozen::<T>::iter_keys().count() as u32;
		ensure!(frozen == Frozen::<T>::count(), "the frozen counter is off");
		ensure!(frozen <= T::MaxFeeds::get(), "more frozen feeds than MaxFeeds");
		Ok(())
	}
}
