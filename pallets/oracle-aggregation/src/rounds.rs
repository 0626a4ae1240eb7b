//! The round engine: at each due check, opens, resolves or times out every feed's round from
//! the operators' answers, moves commit–reveal rounds to their reveals, ends grace periods and
//! hands the closed rounds to the listeners.

use super::*;
use crate::{
	step::{Closing, Context, RoundStep},
	types::*,
};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{DefensiveTruncateFrom, DisabledValidators, UnixTime},
};
use frame_system::pallet_prelude::BlockNumberFor;
use oracle_primitives::{
	find, find_mut,
	rounds::{Answer, GraceOutcome, OnRoundResolved, RoundOutcome},
};
use sp_runtime::traits::{One, Saturating};

/// The operators' values by feed, each with the operator's position in the session.
pub(crate) type AnswersByFeed<T> = BTreeMap<FeedId, Vec<(u32, Submission<BlockNumberFor<T>>)>>;

impl<T: Config> Pallet<T> {
	/// The faults a session of `operators` operators tolerates, `f = ⌊(n − 1) / 3⌋`, and the
	/// quorum a round needs at least whatever its feed says, `2f + 1` in-bounds answers: of
	/// any `2f + 1` answers at least `f + 1` are honest, so their median, and their mean
	/// without the `f` lowest and highest, lie within the honest answers.
	pub fn fault_tolerance(operators: u32) -> (u32, u32) {
		let faults = operators.saturating_sub(1) / 3;
		(faults, faults.saturating_mul(2).saturating_add(1))
	}

	/// Closes every round that is due at `now` and schedules the next check. Returns the
	/// weight used.
	pub(crate) fn check_rounds(now: BlockNumberFor<T>) -> Weight {
		let operators = Operators::<T>::get();
		// Every current operator's values, grouped by feed.
		let mut by_feed: AnswersByFeed<T> = BTreeMap::new();
		let mut held: Vec<(T::AccountId, SubmissionsOf<T>)> = Vec::new();
		for ((account, _), index) in operators.iter().zip(0u32..) {
			let values = Submissions::<T>::get(account);
			for submission in values.iter() {
				by_feed.entry(submission.feed_id).or_default().push((index, *submission));
			}
			held.push((account.clone(), values));
		}
		let mut states = States::<T>::get();
		// Open rounds whose answers are all gone (their operators left the set at a session
		// change) are checked too, so that they still close at their time.
		for state in states.iter() {
			if state.open.is_some() {
				by_feed.entry(state.feed_id).or_default();
			}
		}
		let feeds = u32::try_from(by_feed.len()).unwrap_or(u32::MAX);
		let (faults, min_quorum) =
			Self::fault_tolerance(u32::try_from(operators.len()).unwrap_or(u32::MAX));
		// Disabled operators are not expected to answer: their reports are refused.
		let disabled = T::DisabledOperators::disabled_validators();
		let expected: Vec<u32> = (0u32..)
			.take(operators.len())
			.filter(|index| !disabled.contains(index))
			.collect();
		// When each operator joined, and the blocks' last authors.
		let since = OperatorsSince::<T>::get();
		let authors = LastAuthored::<T>::get();
		let cx = Context::<T> {
			now,
			faults,
			min_quorum,
			expected: &expected,
			since: &since,
			authors: &authors,
		};
		let span = BlockNumberFor::<T>::from(T::MaxAuthorSpan::get());
		// `OperatorsSince`, `LastAuthored` and `GraceEnds`, read and written, at their largest.
		let mut hook_weight = T::DbWeight::get()
			.reads_writes(3, 1)
			.saturating_add(proof_of::<OperatorsSinceOf<T>>(1))
			.saturating_add(proof_of::<LastAuthoredOf<T>>(1))
			.saturating_add(proof_of::<GraceEndsOf<T>>(1));

		// Grace periods that end now: their pending operators' late answers are in `held`.
		// At most `GRACE_ENDS_PER_CHECK` a block, the oldest first; the others end at the
		// next checks.
		let mut ended = Vec::new();
		let mut ongoing = Vec::new();
		for grace in GraceEnds::<T>::get() {
			let (_, _, from, until) = grace;
			if ended.len() < GRACE_ENDS_PER_CHECK && (now >= until || cx.spanned(from)) {
				ended.push(grace);
			} else {
				ongoing.push(grace);
			}
		}
		let graces_before = ended.len().saturating_add(ongoing.len());
		let mut grace_outcomes: Vec<GraceOutcome<T::AccountId, BlockNumberFor<T>>> =
			Vec::with_capacity(ended.len());
		for (feed_id, round_id, _, _) in &ended {
			let pending = Graces::<T>::take(feed_id, round_id).unwrap_or_default();
			let mut late = Vec::new();
			let mut missing = Vec::new();
			let mut unjudged = Vec::new();
			for account in pending {
				let Some(index) = operators.iter().position(|(a, _)| *a == account) else {
					// No longer an operator (its answers went with it): not judged.
					unjudged.push(account);
					continue;
				};
				// Its answer for this round or a later one: it was there.
				let answered = held.get(index).and_then(|(_, values)| {
					values.iter().find(|s| s.feed_id == *feed_id && s.round_id >= *round_id)
				});
				match answered {
					Some(answer) => late.push((account, answer.at)),
					// Disabled since: not expected to answer.
					None if u32::try_from(index).is_ok_and(|i| disabled.contains(&i)) => {
						unjudged.push(account)
					},
					None => missing.push(account),
				}
			}
			Self::deposit_event(Event::GraceOver {
				feed_id: *feed_id,
				round_id: *round_id,
				late: u32::try_from(late.len()).unwrap_or(u32::MAX),
				missing: u32::try_from(missing.len()).unwrap_or(u32::MAX),
			});
			grace_outcomes.push(GraceOutcome {
				feed_id: *feed_id,
				round_id: *round_id,
				late,
				missing,
				unjudged,
			});
		}
		let ended_count = u64::try_from(ended.len()).unwrap_or(u64::MAX);
		hook_weight.saturating_accrue(
			T::DbWeight::get()
				.reads_writes(ended_count, ended_count)
				.saturating_add(proof_of::<PendingOf<T>>(ended_count)),
		);
		let mut closed: Vec<(FeedId, RoundId)> = Vec::new();
		// Feeds whose waiting answers from before a block are dropped.
		let mut expired: Vec<(FeedId, BlockNumberFor<T>)> = Vec::new();
		let mut outcomes: Vec<RoundOutcome<T::AccountId, BlockNumberFor<T>>> = Vec::new();
		let mut next_check: Option<BlockNumberFor<T>> = None;
		let timestamp_ms = u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX);

		for (feed_id, answers) in by_feed {
			let Some(state) = find_mut(states.as_mut(), feed_id) else {
				continue;
			};
			let step = Self::step(state, answers, &cx);
			if let Some(before) = step.expire_before {
				expired.push((feed_id, before));
			}
			if let Some(at) = step.next {
				next_check = Some(next_check.map_or(at, |next| next.min(at)));
			}
			let closing = match step.round {
				RoundStep::Unchanged => continue,
				// Still open: remembered for readers and the offchain workers.
				RoundStep::Open(open) => {
					state.open = Some(open);
					continue;
				},
				RoundStep::Close(closing) => closing,
			};
			let round_id = closing.round_id;
			// The feed's value before this round, for the judgement of its answers.
			let previous = (state.answer.round_id != 0).then_some(state.answer.value);
			let round = Self::close_round(state, &closing, now, timestamp_ms);
			closed.push((feed_id, round_id));
			let (value, submissions) = (closing.value, closing.submissions);
			if closing.disputed {
				Self::deposit_event(Event::FeedDisputed {
					feed_id,
					round_id,
					moved: closing.moved,
				});
			}
			if closing.out_of_bounds > 0 {
				Self::deposit_event(Event::BoundsBreached {
					feed_id,
					round_id,
					answers: closing.out_of_bounds,
				});
			}
			match value {
				Some(value) => Self::deposit_event(Event::RoundResolved {
					feed_id,
					round_id,
					value,
					running_mean: round.running_mean,
					submissions,
				}),
				None => {
					Self::deposit_event(Event::RoundTimedOut { feed_id, round_id, submissions })
				},
			}
			let account = |index: &u32| {
				operators
					.get(usize::try_from(*index).ok()?)
					.map(|(operator, _)| operator.clone())
			};
			let absent: Vec<T::AccountId> = closing.absent.iter().filter_map(account).collect();
			let grace = closing.grace && !absent.is_empty();
			let room = ongoing.len() < usize::try_from(T::MaxFeeds::get()).unwrap_or(usize::MAX);
			let (missing, pending) = if grace && !room {
				// No room for another grace period: nobody absent is judged, rather than an
				// honest operator that colluding authors left out.
				log::warn!(target: LOG_TARGET, "grace periods full; round {round_id} of feed {feed_id} judges no absent operator");
				(Vec::new(), Vec::new())
			} else if grace {
				Graces::<T>::insert(
					feed_id,
					round_id,
					PendingOf::<T>::defensive_truncate_from(absent.clone()),
				);
				let opened_at = closing.opened_at;
				ongoing.push((feed_id, round_id, opened_at, window_end(opened_at, span)));
				hook_weight.saturating_accrue(
					T::DbWeight::get().writes(1).saturating_add(proof_of::<PendingOf<T>>(1)),
				);
				(Vec::new(), absent)
			} else {
				(absent, Vec::new())
			};
			outcomes.push(RoundOutcome {
				feed_id,
				round_id,
				value,
				decimals: state.params.decimals,
				closed_at_ms: timestamp_ms,
				reference: closing.reference,
				band: closing.band,
				previous,
				faults,
				spanned_at: closing.spanned_at,
				started_at: closing.started_at,
				opened_at: closing.counted_from,
				closed_at: now,
				answers: closing
					.answers
					.iter()
					.filter_map(|(index, at, value, in_bounds)| {
						Some(Answer {
							operator: account(index)?,
							value: *value,
							at: *at,
							in_bounds: *in_bounds,
						})
					})
					.collect(),
				missing,
				pending,
			});
		}
		if !outcomes.is_empty() {
			hook_weight.saturating_accrue(T::OnRoundResolved::on_rounds_resolved(&outcomes));
		}
		if !grace_outcomes.is_empty() {
			hook_weight.saturating_accrue(T::OnRoundResolved::on_graces_over(&grace_outcomes));
		}

		// Each feed's oldest round in a grace period, for the reports' checks.
		let mut graces_changed = ongoing.len() != graces_before || !ended.is_empty();
		for state in states.iter_mut() {
			let grace_from = ongoing
				.iter()
				.filter(|(feed, ..)| *feed == state.feed_id)
				.map(|(_, round, ..)| *round)
				.min()
				.unwrap_or(0);
			if state.grace_from != grace_from {
				state.grace_from = grace_from;
				graces_changed = true;
			}
		}
		if graces_changed {
			GraceEnds::<T>::put(BoundedVec::truncate_from(ongoing.clone()));
			if feeds == 0 {
				// Every feed's state written for its `grace_from`, which a check of no feed
				// does not cover.
				let all = u32::try_from(states.len()).unwrap_or(u32::MAX);
				hook_weight.saturating_accrue(T::WeightInfo::check_rounds(
					u32::try_from(operators.len()).unwrap_or(u32::MAX),
					all,
				));
			}
		}
		if !ongoing.is_empty() {
			let next = now.saturating_add(One::one());
			next_check = Some(next_check.map_or(next, |at| at.min(next)));
		}

		// Drop the values of closed rounds, but late answers for rounds still in their grace
		// period, and expired candidates, from the operators' sets.
		if !closed.is_empty() || !expired.is_empty() || !ended.is_empty() {
			for (account, mut values) in held {
				let before = values.len();
				// An expired candidate of a feed with rounds in a grace period stays as a
				// mark that its operator was there.
				let mut marked = false;
				for value in values.iter_mut() {
					let Some(state) = find(&states, value.feed_id) else {
						continue;
					};
					let is_expired = value.round_id > state.latest_round
						&& expired
							.iter()
							.any(|(feed, before)| value.feed_id == *feed && value.at < *before);
					if is_expired
						&& Self::mark_presence(value, state.latest_round, state.grace_from)
					{
						marked = true;
					}
				}
				values.retain(|s| {
					let is_closed = find(&states, s.feed_id)
						.is_some_and(|state| s.round_id <= state.latest_round);
					if is_closed {
						// Kept while it shows the operator was there for a round of the
						// feed still in its grace period.
						return ongoing
							.iter()
							.any(|(feed, round, ..)| *feed == s.feed_id && *round <= s.round_id);
					}
					!expired.iter().any(|(feed, before)| s.feed_id == *feed && s.at < *before)
				});
				if values.len() == before && !marked {
					continue;
				}
				if values.is_empty() {
					Submissions::<T>::remove(&account);
				} else {
					Submissions::<T>::insert(&account, values);
				}
			}
		}
		if feeds > 0 || graces_changed {
			Self::put_states(states);
		}
		match next_check {
			Some(at) => NextCheck::<T>::put(at),
			None => NextCheck::<T>::kill(),
		}
		let operators = u32::try_from(operators.len()).unwrap_or(u32::MAX);
		T::WeightInfo::check_rounds(operators, feeds).saturating_add(hook_weight)
	}

	/// Writes the round `closing` closes into the buffer, dropping the round that falls out of
	/// it, and updates the feed's `state`: its buffer's sum, its last value if the round
	/// resolved, its latest round.
	pub(crate) fn close_round(
		state: &mut FeedState<BlockNumberFor<T>>,
		closing: &Closing<BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
		timestamp_ms: u64,
	) -> RoundData<BlockNumberFor<T>> {
		let (round_id, value, started_at) = (closing.round_id, closing.value, closing.started_at);
		let (submissions, out_of_bounds) = (closing.submissions, closing.out_of_bounds);
		let feed_id = state.feed_id;
		let buffer_len = state.params.buffer_len;
		if let Some(evicted) = round_id.checked_sub(buffer_len).filter(|r| *r > 0) {
			if let Some(old) = Rounds::<T>::take(feed_id, evicted) {
				if old.resolved() {
					state.buffer_sum = state.buffer_sum.saturating_sub(old.value);
					state.buffer_count = state.buffer_count.saturating_sub(1);
				}
			}
		}
		let round = match value {
			Some(value) => {
				// Bounds keep `buffer_len` values within `i128` (checked at configuration).
				state.buffer_sum = state.buffer_sum.saturating_add(value);
				state.buffer_count = state.buffer_count.saturating_add(1);
				RoundData {
					round_id,
					value,
					running_mean: Self::running_mean(state),
					started_at,
					updated_at: now,
					updated_at_ms: timestamp_ms,
					answered_in_round: round_id,
					submissions,
					out_of_bounds,
				}
			},
			None => RoundData {
				round_id,
				value: state.answer.value,
				running_mean: Self::running_mean(state),
				started_at,
				updated_at: state.answer.updated_at,
				updated_at_ms: state.answer.updated_at_ms,
				answered_in_round: state.answer.round_id,
				submissions,
				out_of_bounds,
			},
		};
		if value.is_some() {
			state.answer = LastAnswer {
				value: round.value,
				round_id,
				updated_at: now,
				updated_at_ms: timestamp_ms,
			};
		}
		Rounds::<T>::insert(feed_id, round_id, round);
		Latest::<T>::insert(
			feed_id,
			LatestRound {
				status: state.status,
				max_age: state.params.max_age,
				round: Some(round),
				disputed: closing.disputed,
			},
		);
		state.latest_round = round_id;
		state.open = None;
		state.requested = false;
		state.out_of_bounds = state.out_of_bounds.saturating_add(out_of_bounds);
		round
	}

	pub(crate) fn running_mean(state: &FeedState<BlockNumberFor<T>>) -> Value {
		if state.buffer_count == 0 {
			return 0;
		}
		state.buffer_sum.div_euclid(i128::from(state.buffer_count))
	}

	/// What removing a feed's grace periods costs beyond `remove_feed`'s benchmark: the
	/// rounds' pending operators and `GraceEnds`, at their largest.
	pub fn grace_removal_weight() -> Weight {
		let graces = u64::from(T::MaxAuthorSpan::get());
		T::DbWeight::get()
			.reads_writes(graces.saturating_add(1), graces.saturating_add(1))
			.saturating_add(proof_of::<GraceEndsOf<T>>(1))
			.saturating_add(proof_of::<PendingOf<T>>(graces))
	}

	/// Turns `value`, an answer about to be dropped, into a mark that its operator was there
	/// for the feed's rounds up to `latest`, when the feed has rounds in a grace period
	/// (`grace_from` not 0) and it is a value; whether it did.
	pub(crate) fn mark_presence(
		value: &mut Submission<BlockNumberFor<T>>,
		latest: RoundId,
		grace_from: RoundId,
	) -> bool {
		if grace_from == 0 || grace_from > latest || value.is_commitment() {
			return false;
		}
		value.round_id = latest;
		true
	}
}
