//! A feed's terms: setting and clearing them, and reading a feed's SLA state and an
//! operator's standing.

use crate::{pallet::*, types::*};
use frame_support::{pallet_prelude::*, traits::Contains};
use frame_system::pallet_prelude::*;
use oracle_primitives::{find, find_mut, position};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_set_terms(feed_id: FeedId, terms: SlaTermsOf<T>) -> DispatchResult {
		ensure!(T::Feeds::contains(&feed_id), Error::<T>::UnknownFeed);
		Self::validate_terms(&terms).map_err(Error::<T>::InvalidTerms)?;
		let mut states = FeedStates::<T>::get();
		let index = Self::state_index(&mut states, feed_id).ok_or(Error::<T>::TooManyFeeds)?;
		if let Some(state) = states.get_mut(index) {
			state.terms = Some(terms);
		}
		FeedStates::<T>::put(states);
		Self::deposit_event(Event::TermsSet { feed_id, terms });
		Ok(())
	}

	pub(crate) fn do_clear_terms(feed_id: FeedId) -> DispatchResult {
		let mut states = FeedStates::<T>::get();
		let state = find_mut(states.as_mut(), feed_id)
			.filter(|state| state.terms.is_some())
			.ok_or(Error::<T>::NoTerms)?;
		state.terms = None;
		FeedStates::<T>::put(states);
		Self::deposit_event(Event::TermsCleared { feed_id });
		Ok(())
	}

	/// Checks `terms` against the runtime's [`Config::MaxSlash`] and
	/// [`Config::DisablingThreshold`].
	pub(crate) fn validate_terms(terms: &SlaTermsOf<T>) -> Result<(), TermsError> {
		terms.validate(T::MaxSlash::get(), T::DisablingThreshold::get())
	}

	/// The position of `feed_id`'s state in `states`, inserted fresh if it has none; `None`
	/// if it has none and `states` is full.
	pub(crate) fn state_index(states: &mut FeedStatesOf<T>, feed_id: FeedId) -> Option<usize> {
		match position(states, feed_id) {
			Ok(index) => Some(index),
			Err(index) => states.try_insert(index, FeedState::new(feed_id)).ok().map(|()| index),
		}
	}

	/// A feed's SLA state, if it has one.
	pub fn feed_state(feed_id: FeedId) -> Option<FeedStateOf<T>> {
		find(&FeedStates::<T>::get(), feed_id).copied()
	}

	/// The terms a feed is held to.
	pub fn terms(feed_id: FeedId) -> SlaTermsOf<T> {
		Self::feed_state(feed_id)
			.and_then(|state| state.terms)
			.unwrap_or_else(T::DefaultTerms::get)
	}

	/// A feed's terms, rounds and availability; `None` for an unknown feed.
	pub fn feed_sla(feed_id: FeedId) -> Option<FeedSla<BlockNumberFor<T>>> {
		if !T::Feeds::contains(&feed_id) {
			return None;
		}
		let state = Self::feed_state(feed_id).unwrap_or_else(|| FeedState::new(feed_id));
		let own = state.terms;
		let terms = own.unwrap_or_else(T::DefaultTerms::get);
		let summary = state.summary;
		let availability = summary.availability();
		Some(FeedSla {
			terms,
			custom_terms: own.is_some(),
			summary,
			availability,
			meets_target: availability >= terms.target_availability,
		})
	}

	/// An operator's statistics and reputation; `None` if it never had a round.
	pub fn operator_report(operator: &T::AccountId) -> Option<OperatorReport> {
		Stats::<T>::get(operator).map(|stats| OperatorReport {
			stats,
			score: stats.score(),
			average_latency: stats.average_latency(),
		})
	}
}
