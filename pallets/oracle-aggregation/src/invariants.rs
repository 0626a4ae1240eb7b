//! The pallet's storage invariants, checked by `try_state` and after every test.

use super::*;
use crate::types::*;
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Invariants of the pallet's storage.
	///
	/// - No account and no `oracle` key appears twice in [`Operators`].
	/// - Every feed has a configuration, a state and a
	///   [`Latest`] entry, with the state's round parameters copied from the configuration;
	///   ids are below [`NextFeedId`]; [`States`] is strictly ascending by id and [`Heads`]
	///   is its projection.
	/// - [`Latest`] holds the feed's status, `max_age` and latest kept round; the state's
	///   last answer is that round's.
	/// - A feed's kept rounds lie within its last `buffer_len` rounds, its latest round is
	///   kept (once there is one), and the buffer's sum and count match the resolved ones.
	/// - Values are held only by current operators, ascending by feed, for the open round of
	///   an existing feed, commitments only for commit–reveal feeds; [`NextCheck`] is set
	///   while any value is held.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let operators = Operators::<T>::get();
		let mut accounts: Vec<_> = operators.iter().map(|(a, _)| a).collect();
		accounts.sort();
		accounts.dedup();
		ensure!(accounts.len() == operators.len(), "an operator account is listed twice");
		let mut keys: Vec<_> = operators.iter().map(|(_, k)| k).collect();
		keys.sort();
		keys.dedup();
		ensure!(keys.len() == operators.len(), "an oracle key is listed twice");

		let states = States::<T>::get();
		ensure!(
			states.windows(2).all(|w| matches!(w, [a, b] if a.feed_id < b.feed_id)),
			"feed states are not strictly ascending by id"
		);
		let heads: Vec<FeedHead> = states.iter().map(FeedHead::from).collect();
		ensure!(Heads::<T>::get().into_inner() == heads, "Heads is not the states' projection");
		for state in states.iter() {
			let feed_id = state.feed_id;
			ensure!(feed_id < NextFeedId::<T>::get(), "a feed id is not below NextFeedId");
			let config = Feeds::<T>::get(feed_id).ok_or("a feed state has no config")?;
			ensure!(config.round_params() == state.params, "round parameters differ");
			let (mut sum, mut resolved, mut kept) = (0i128, 0u32, 0u32);
			for (round_id, round) in Rounds::<T>::iter_prefix(feed_id) {
				ensure!(round.round_id == round_id, "a round is stored under another id");
				ensure!(round_id <= state.latest_round, "a round after the latest one");
				ensure!(
					round_id > state.latest_round.saturating_sub(state.params.buffer_len),
					"a round outside the buffer"
				);
				kept.saturating_inc();
				if round.resolved() {
					sum = sum.saturating_add(round.value);
					resolved.saturating_inc();
				}
			}
			ensure!(kept <= state.params.buffer_len, "more rounds than buffer_len");
			ensure!(
				state.latest_round == 0 || Rounds::<T>::contains_key(feed_id, state.latest_round),
				"the latest round is not kept"
			);
			ensure!(
				sum == state.buffer_sum && resolved == state.buffer_count,
				"the buffer's sum or count is wrong"
			);
			let latest = Latest::<T>::get(feed_id).ok_or("a feed has no Latest entry")?;
			ensure!(
				latest.status == state.status && latest.max_age == state.params.max_age,
				"Latest's status or max_age differs from the state"
			);
			ensure!(
				latest.round == Rounds::<T>::get(feed_id, state.latest_round),
				"Latest's round is not the latest kept round"
			);
			if let Some(round) = latest.round {
				ensure!(
					round.answered_in_round == state.answer.round_id
						&& round.value == state.answer.value,
					"the last answer differs from the latest round's"
				);
			}
			ensure!(
				!latest.disputed || latest.round.is_some_and(|r| !r.resolved()),
				"a feed is disputed although its latest round resolved"
			);
		}
		ensure!(Latest::<T>::iter_keys().count() == states.len(), "a Latest entry has no feed");
		ensure!(Feeds::<T>::iter_keys().count() == states.len(), "a config has no state");

		let mut holders = 0u32;
		for (account, values) in Submissions::<T>::iter() {
			holders.saturating_inc();
			ensure!(!values.is_empty(), "an empty set of values is stored");
			ensure!(operators.iter().any(|(a, _)| a == &account), "a non-operator holds values");
			ensure!(
				values.windows(2).all(|w| matches!(w, [a, b] if a.feed_id < b.feed_id)),
				"an operator's values are not ascending by feed"
			);
			for value in values.iter() {
				let state = Self::state(value.feed_id).ok_or("a value for an unknown feed")?;
				if value.round_id <= state.latest_round {
					// For a closed round: kept while the feed has a round at or before it in
					// a grace period.
					ensure!(
						state.grace_from != 0 && value.round_id >= state.grace_from,
						"a value for a closed round before the feed's grace_from"
					);
					ensure!(!value.is_commitment(), "a commitment for a closed round");
					continue;
				}
				ensure!(
					value.round_id == state.latest_round.saturating_add(1),
					"a value for a round that is not open"
				);
				ensure!(
					!value.is_commitment() || state.params.commit_reveal,
					"a commitment for a feed without commit–reveal"
				);
				ensure!(
					state.params.commit_reveal
						|| state.open.is_none_or(|open| open.reveal_from.is_none()),
					"reveals are open for a feed without commit–reveal"
				);
			}
		}
		ensure!(holders == 0 || NextCheck::<T>::get().is_some(), "values but no check due");

		// Empty until the first session change after an upgrade that added it.
		let since = OperatorsSince::<T>::get();
		ensure!(
			since.is_empty() || since.len() == operators.len(),
			"OperatorsSince does not match Operators"
		);
		let authors = LastAuthored::<T>::get();
		ensure!(
			authors.iter().enumerate().all(|(index, (author, _))| {
				!authors.iter().skip(index.saturating_add(1)).any(|(a, _)| a == author)
			}),
			"an author is listed twice in LastAuthored"
		);

		// Grace periods: each listed once, with its pending operators, for a closed round
		// at or after its feed's `grace_from`, which is the feed's oldest; a check is due.
		let ends = GraceEnds::<T>::get();
		for (index, (feed_id, round_id, from, until)) in ends.iter().enumerate() {
			ensure!(
				!ends
					.iter()
					.skip(index.saturating_add(1))
					.any(|(f, r, ..)| f == feed_id && r == round_id),
				"a grace period listed twice"
			);
			ensure!(from < until, "a grace period that ends before it starts");
			ensure!(
				Graces::<T>::contains_key(feed_id, round_id),
				"a grace period without its operators"
			);
			let state = Self::state(*feed_id).ok_or("a grace period of an unknown feed")?;
			ensure!(*round_id <= state.latest_round, "a grace period of a round not closed");
			ensure!(
				state.grace_from != 0 && *round_id >= state.grace_from,
				"a grace period before its feed's grace_from"
			);
		}
		ensure!(
			Graces::<T>::iter_keys().count() == ends.len(),
			"grace operators without a grace period"
		);
		for state in states.iter().filter(|s| s.grace_from != 0) {
			ensure!(
				ends.iter().any(|(f, r, ..)| *f == state.feed_id && *r == state.grace_from),
				"a feed's grace_from names no grace period"
			);
		}
		ensure!(
			ends.is_empty() || NextCheck::<T>::get().is_some(),
			"grace periods but no check due"
		);
		Ok(())
	}
}
