//! Feed administration: creating, updating, pausing and removing feeds, the source host
//! rules, and paid requests for a fresh round.

use super::*;
use crate::{hosts::HostRules, types::*};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::Balanced,
		tokens::{Fortitude, Precision, Preservation},
		OnUnbalanced,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use oracle_primitives::{position, rounds::OnFeedChanged};

impl<T: Config> Pallet<T> {
	/// The shortest answer window (`resolution_delay`) a feed may have, in blocks:
	/// `1 + ⌈FetchDeadline / ExpectedBlockTime⌉`. A round opens to every operator in a block
	/// whose state their workers read once it is imported; a worker fetches for at most
	/// `FetchDeadline` and its report lands in the first block authored after that. The
	/// window counts the blocks after the opening one in which answers can land, and the
	/// round closes at the start of the block after them, so an honest worker always has at
	/// least two blocks (two authors) to land in.
	pub fn min_answer_window() -> BlockNumberFor<T> {
		let fetching = T::FetchDeadline::get().div_ceil(T::ExpectedBlockTime::get().max(1));
		let blocks = u32::try_from(fetching.saturating_add(1)).unwrap_or(u32::MAX);
		BlockNumberFor::<T>::from(blocks)
	}

	/// Sets the host rules without an origin check.
	pub fn do_set_host_rules(rules: HostRules) -> DispatchResult {
		ensure!(SourceHostRules::<T>::get() != rules, Error::<T>::HostRulesUnchanged);
		SourceHostRules::<T>::put(rules);
		Self::deposit_event(Event::HostRulesSet { rules });
		Ok(())
	}

	/// Checks a feed's configuration against the pallet's bounds and the current host rules.
	fn validate_config(config: &FeedConfigOf<T>) -> DispatchResult {
		config
			.validate(
				T::MaxOperators::get(),
				T::MaxBufferLen::get(),
				Self::min_answer_window(),
				&SourceHostRules::<T>::get(),
				T::MinPollInterval::get(),
			)
			.map_err(|error| Error::<T>::from(error).into())
	}

	/// Creates a feed without an origin check.
	pub fn do_create_feed(config: FeedConfigOf<T>) -> Result<FeedId, DispatchError> {
		Self::validate_config(&config)?;
		let feed_id = NextFeedId::<T>::get();
		let next = feed_id.checked_add(1).ok_or(Error::<T>::FeedIdOverflow)?;
		let params = config.round_params();
		let mut states = States::<T>::get();
		// Ids only grow, so pushing keeps the states ascending.
		states
			.try_push(FeedState {
				feed_id,
				status: FeedStatus::Active,
				params,
				latest_round: 0,
				open: None,
				requested: false,
				buffer_sum: 0,
				buffer_count: 0,
				out_of_bounds: 0,
				answer: Default::default(),
				grace_from: 0,
			})
			.map_err(|_| Error::<T>::TooManyFeeds)?;

		NextFeedId::<T>::put(next);
		Self::put_states(states);
		Latest::<T>::insert(
			feed_id,
			LatestRound {
				status: FeedStatus::Active,
				max_age: params.max_age,
				round: None,
				disputed: false,
			},
		);
		let name = config.name.clone();
		Feeds::<T>::insert(feed_id, config);
		Self::deposit_event(Event::FeedCreated { feed_id, name });
		Ok(feed_id)
	}

	pub(crate) fn do_update_feed(feed_id: FeedId, config: FeedConfigOf<T>) -> DispatchResult {
		let old = Feeds::<T>::get(feed_id).ok_or(Error::<T>::UnknownFeed)?;
		let void = old.reads_differently(&config);
		let (max_age, voided) = Self::mutate_state(feed_id, |state| {
			ensure!(
				config.commit_reveal == state.params.commit_reveal,
				Error::<T>::CommitRevealFixed
			);
			ensure!(config.decimals == state.params.decimals, Error::<T>::DecimalsFixed);
			Self::validate_config(&config)?;
			let new_len = config.buffer_len;
			if new_len < state.params.buffer_len {
				// Drop the rounds that no longer fit and recount the buffer from what is left.
				let keep_from = state.latest_round.saturating_sub(new_len);
				let oldest = state.latest_round.saturating_sub(state.params.buffer_len);
				let (mut sum, mut count) = (0i128, 0u32);
				for round_id in oldest.saturating_add(1)..=state.latest_round {
					if round_id <= keep_from {
						Rounds::<T>::remove(feed_id, round_id);
					} else if let Some(round) = Rounds::<T>::get(feed_id, round_id) {
						if round.resolved() {
							sum = sum.saturating_add(round.value);
							count = count.saturating_add(1);
						}
					}
				}
				state.buffer_sum = sum;
				state.buffer_count = count;
			}
			state.params = config.round_params();
			let voided = void.then(|| Self::void_round(state)).flatten();
			Ok((state.params.max_age, voided))
		})?;
		Latest::<T>::mutate(feed_id, |latest| {
			if let Some(latest) = latest {
				latest.max_age = max_age;
			}
		});
		let fingerprint = config.fingerprint();
		Feeds::<T>::insert(feed_id, config);
		T::OnFeedChanged::on_feed_updated(feed_id, fingerprint);
		Self::deposit_event(Event::FeedUpdated { feed_id });
		if let Some(round_id) = voided {
			Self::deposit_event(Event::RoundVoided { feed_id, round_id });
		}
		Ok(())
	}

	/// Forgets feed `state`'s open round and every operator's answer for its next round,
	/// without judging anyone. Returns the round voided when there was something to drop.
	pub(crate) fn void_round(state: &mut FeedState<BlockNumberFor<T>>) -> Option<RoundId> {
		let round_id = state.latest_round.saturating_add(1);
		let was_open = state.open.take().is_some();
		// Late answers for closed rounds in their grace period stay.
		let dropped = Self::drop_answers(state.feed_id, state.latest_round, state.grace_from);
		(was_open || dropped).then_some(round_id)
	}

	/// Drops every operator's answer for feed `feed_id`'s rounds after `after`; whether
	/// there was any. At most one set of answers per current operator (ex-operators' sets
	/// are dropped at session changes).
	///
	/// While the feed has rounds in a grace period (`grace_from` not 0), a dropped value
	/// stays as a mark for round `after` instead: it shows its operator was there for them.
	pub(crate) fn drop_answers(feed_id: FeedId, after: RoundId, grace_from: RoundId) -> bool {
		let holders: Vec<T::AccountId> = Submissions::<T>::iter_keys().collect();
		let mut dropped = false;
		for operator in holders {
			Submissions::<T>::mutate_exists(&operator, |entry| {
				if let Some(values) = entry {
					let before = values.len();
					for value in values.iter_mut() {
						if value.feed_id == feed_id
							&& value.round_id > after
							&& Self::mark_presence(value, after, grace_from)
						{
							dropped = true;
						}
					}
					values.retain(|s| s.feed_id != feed_id || s.round_id <= after);
					dropped |= values.len() != before;
					if values.is_empty() {
						*entry = None;
					}
				}
			});
		}
		dropped
	}

	pub(crate) fn do_set_feed_status(feed_id: FeedId, status: FeedStatus) -> DispatchResult {
		let voided = Self::mutate_state(feed_id, |state| {
			ensure!(state.status != status, Error::<T>::StatusUnchanged);
			state.status = status;
			if status == FeedStatus::Paused {
				state.requested = false;
				return Ok(Self::void_round(state));
			}
			Ok(None)
		})?;
		if let Some(round_id) = voided {
			Self::deposit_event(Event::RoundVoided { feed_id, round_id });
		}
		Latest::<T>::mutate(feed_id, |latest| {
			if let Some(latest) = latest {
				latest.status = status;
			}
		});
		T::OnFeedChanged::on_feed_status_changed(feed_id, status);
		Self::deposit_event(Event::FeedStatusChanged { feed_id, status });
		Ok(())
	}

	pub(crate) fn do_remove_feed(feed_id: FeedId) -> DispatchResult {
		let mut states = States::<T>::get();
		let index = position(&states, feed_id).map_err(|_| Error::<T>::UnknownFeed)?;
		states.remove(index);
		Self::put_states(states);
		Latest::<T>::remove(feed_id);
		Feeds::<T>::remove(feed_id);
		// At most `MaxBufferLen` rounds are kept per feed.
		let _ = Rounds::<T>::clear_prefix(feed_id, T::MaxBufferLen::get(), None);
		Self::drop_answers(feed_id, 0, 0);
		// Its rounds' grace periods end without judging anyone.
		let _ = Graces::<T>::clear_prefix(feed_id, T::MaxFeeds::get(), None);
		GraceEnds::<T>::mutate(|ends| ends.retain(|(feed, ..)| *feed != feed_id));
		Self::deposit_event(Event::FeedRemoved { feed_id });
		T::OnFeedChanged::on_feed_removed(feed_id);
		Ok(())
	}

	pub(crate) fn do_request_round(who: T::AccountId, feed_id: FeedId) -> DispatchResult {
		// At most `MaxRequestsPerBlock` requests a block, so that paid requests cannot
		// make the operators' workers fetch more feeds at once than they fetch in a run.
		let now = frame_system::Pallet::<T>::block_number();
		let (at, count) = RequestsInBlock::<T>::get();
		let count = if at == now { count } else { 0 };
		ensure!(count < T::MaxRequestsPerBlock::get(), Error::<T>::TooManyRequests);
		Self::mutate_state(feed_id, |state| {
			ensure!(state.status == FeedStatus::Active, Error::<T>::FeedPaused);
			ensure!(state.open.is_none(), Error::<T>::RoundAlreadyOpen);
			ensure!(!state.requested, Error::<T>::AlreadyRequested);
			let fee = T::Currency::withdraw(
				&who,
				T::RoundRequestFee::get(),
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			)?;
			T::OnRoundRequestFee::on_unbalanced(fee);
			state.requested = true;
			Ok(())
		})?;
		RequestsInBlock::<T>::put((now, count.saturating_add(1)));
		Self::deposit_event(Event::RoundRequested { feed_id, who });
		Ok(())
	}
}
