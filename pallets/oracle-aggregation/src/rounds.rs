//! The round engine: at each due check, opens, resolves or times out every feed's round from
//! the operators' answers, moves commit–reveal rounds to their reveals, ends grace periods and
//! hands the closed rounds to the listeners.

use super::*;
use crate::{
	reads::feed_index,
	traits::{Answer, GraceOutcome, OnRoundResolved, RoundOutcome},
	types::*,
};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{DefensiveTruncateFrom, DisabledValidators, UnixTime},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

/// What a round check does with the answers for a feed's next round while it is not open.
pub(crate) enum Trigger<BlockNumber> {
	/// The round is due: it opens now.
	Open,
	/// It is not: answers from before `expire_before` are dropped, the others wait; the
	/// feed is checked again at `next`, if any answer is left.
	Wait { expire_before: BlockNumber, next: Option<BlockNumber> },
}

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
		// When each operator joined: it is expected to answer rounds opened since.
		let since = OperatorsSince::<T>::get();
		let expected_from = |opened_at: BlockNumberFor<T>| -> Vec<u32> {
			expected
				.iter()
				.copied()
				.filter(|index| {
					usize::try_from(*index)
						.ok()
						.and_then(|index| since.get(index))
						.is_none_or(|since| *since <= opened_at)
				})
				.collect()
		};
		// Whether the blocks after `from` had `f + 1` distinct authors, one of them at least
		// honest, who included every answer sent to it.
		let authors = LastAuthored::<T>::get();
		// Every author after `from` counts: a worker's answer to `from` reaches the next
		// block's author, as the fetch deadline is below the block time (see
		// `min_answer_window`).
		let spanned = |from: BlockNumberFor<T>| Self::authors_since(&authors, from) > faults;
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
			if ended.len() < GRACE_ENDS_PER_CHECK && (now >= until || spanned(from)) {
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
		// A round opened (or its reveals opened) by the check of block `from` is seen by the
		// workers once they import that block, so their answers land from block `from + 1`:
		// a window of `length` blocks is blocks `from + 1 ..= from + length`, and it is over
		// at the check of the next block.
		let window_end = |from: BlockNumberFor<T>, length: BlockNumberFor<T>| {
			from.saturating_add(length).saturating_add(One::one())
		};

		for (feed_id, answers) in by_feed {
			let Some(state) = feed_index(&states, feed_id).and_then(|i| states.get_mut(i)) else {
				continue;
			};
			let round_id = state.latest_round.saturating_add(1);
			let mut answers: Vec<_> =
				answers.into_iter().filter(|(_, s)| s.round_id == round_id).collect();
			let is_open = matches!(state.open, Some(open) if open.round_id == round_id);
			let first_answer = answers.iter().map(|(_, s)| s.at).min();
			if !is_open {
				match Self::trigger(state, &answers, faults, now) {
					// The round opens to everyone now. Of the answers that waited for it
					// (the candidates that opened it, or made it checked), those older than
					// the shortest answer window are dropped, and their operators answer
					// again: every answer it counts is fetched within about one window of
					// the others (in a fast market one fetched long before would be judged
					// against later prices).
					Trigger::Open => {
						let fresh_from = now.saturating_sub(Self::min_answer_window());
						if answers.iter().any(|(_, s)| s.at < fresh_from) {
							expired.push((feed_id, fresh_from));
							answers.retain(|(_, s)| s.at >= fresh_from);
						}
					},
					Trigger::Wait { expire_before, next } => {
						// Not due: the answers wait as candidates; old ones are dropped.
						if answers.iter().any(|(_, s)| s.at < expire_before) {
							expired.push((feed_id, expire_before));
						}
						if let Some(at) = next {
							next_check = Some(next_check.map_or(at, |n| n.min(at)));
						}
						continue;
					},
				}
			}
			// The round opens to every operator at the first check after its first answer;
			// its window and timeout count from there, not from that answer.
			let open = state.open.filter(|open| open.round_id == round_id);
			let Some(started_at) = open.map(|open| open.started_at).or(first_answer) else {
				continue;
			};
			let opened_at = open.map_or(now, |open| open.opened_at);
			let expected_here = expected_from(opened_at);
			let window = state.params.resolution_delay;
			// A commit–reveal round's reveals get at least `f + 1` blocks, so that no `f`
			// colluding authors of consecutive blocks can keep every reveal out.
			let reveal_window = window.max(BlockNumberFor::<T>::from(faults.saturating_add(1)));
			let commit_reveal = state.params.commit_reveal;
			let mut reveal_from = open.and_then(|open| open.reveal_from);
			// The round as it stays open until the check at `at`.
			let entries = u32::try_from(answers.len()).unwrap_or(u32::MAX);
			let stays_open = |reveal_from| OpenRound {
				round_id,
				started_at,
				opened_at,
				submissions: entries,
				reveal_from,
			};
			if commit_reveal && reveal_from.is_none() {
				// Commit phase: it closes at the end of its window, never earlier, so that
				// no committer chooses when the reveals open; values are revealed from then
				// on.
				// It also waits for `f + 1` distinct authors since the opening (at most
				// `MaxAuthorSpan` blocks), so that colluding authors cannot keep an honest
				// commitment out.
				let commit_end = window_end(opened_at, window);
				let spanned_now = spanned(opened_at) || now >= window_end(opened_at, span);
				let at = if now >= commit_end && spanned_now {
					reveal_from = Some(now);
					window_end(now, reveal_window)
				} else if now >= commit_end {
					now.saturating_add(One::one())
				} else {
					commit_end
				};
				state.open = Some(stays_open(reveal_from));
				next_check = Some(next_check.map_or(at, |next| next.min(at)));
				continue;
			}
			// The answers: values (revealed ones, with commit–reveal). A commitment not
			// revealed is no answer.
			let values: Vec<(u32, Submission<BlockNumberFor<T>>, Value, bool)> = answers
				.iter()
				.filter_map(|(i, s)| s.value().map(|(value, in_bounds)| (*i, *s, value, in_bounds)))
				.collect();
			let submissions = u32::try_from(values.len()).unwrap_or(u32::MAX);
			let in_bounds: Vec<Value> =
				values.iter().filter(|(_, _, _, ok)| *ok).map(|(_, _, v, _)| *v).collect();
			let in_bounds_count = u32::try_from(in_bounds.len()).unwrap_or(u32::MAX);
			let quorum = in_bounds_count >= state.params.quorum.max(min_quorum);
			// Answers are counted from here: the round's opening, or with commit–reveal the
			// opening of its reveals, after which no new commitment and so no new answer
			// can come: it closes at the end of the reveal window whatever it has.
			let (counted_from, everyone, resolve_at, timeout_at) = match reveal_from {
				Some(from) => {
					// The reveals, too, wait for `f + 1` distinct authors (at most
					// `MaxAuthorSpan` blocks): an unrevealed commitment is a miss only
					// when an honest author could have included its reveal.
					let end = window_end(from, reveal_window);
					let waits = now >= end && !spanned(from) && now < window_end(from, span);
					let end = if waits { now.saturating_add(One::one()) } else { end };
					(from, !answers.iter().any(|(_, s)| s.is_commitment()), end, end)
				},
				None => (
					opened_at,
					expected_here.iter().all(|index| values.iter().any(|(i, ..)| i == index)),
					window_end(opened_at, window),
					window_end(opened_at, state.params.round_timeout),
				),
			};

			// Before its window ends a round closes only when everyone has answered.
			let (value, reference, band) = if quorum && (everyone || now >= resolve_at) {
				// One copy, sorted by the first call; the others find it sorted.
				let mut values = in_bounds.clone();
				let reference = aggregate::median(&mut values);
				let band = aggregate::trimmed_band(
					&mut values,
					usize::try_from(faults).unwrap_or(usize::MAX),
				);
				(Self::aggregate(state.params.aggregation, &mut values, faults), reference, band)
			} else {
				(None, None, None)
			};
			if value.is_none() && now < timeout_at && !everyone {
				// Still open: remember it for readers and the offchain workers.
				state.open = Some(stays_open(reveal_from));
				let at = if quorum { resolve_at } else { timeout_at };
				next_check = Some(next_check.map_or(at, |next| next.min(at)));
				continue;
			}

			let out_of_bounds = submissions.saturating_sub(in_bounds_count);
			// A round that times out while more than `f` in-bounds answers say the value
			// moved: at least one honest operator saw the move, so the old value is not
			// served as fresh while those who hold it back keep rounds from resolving.
			let moved = if value.is_none() && state.answer.round_id != 0 {
				let last = state.answer.value;
				let threshold = state.params.deviation_threshold;
				let moved = in_bounds
					.iter()
					.filter(|v| aggregate::deviation(**v, last) >= threshold)
					.count();
				u32::try_from(moved).unwrap_or(u32::MAX)
			} else {
				0
			};
			let disputed = moved > faults;
			// The feed's value before this round, for the judgement of its answers.
			let previous = (state.answer.round_id != 0).then_some(state.answer.value);
			let round = Self::close_round(
				state,
				round_id,
				value,
				started_at,
				now,
				timestamp_ms,
				submissions,
				out_of_bounds,
				disputed,
			);
			closed.push((feed_id, round_id));
			if disputed {
				Self::deposit_event(Event::FeedDisputed { feed_id, round_id, moved });
			}
			if out_of_bounds > 0 {
				Self::deposit_event(Event::BoundsBreached {
					feed_id,
					round_id,
					answers: out_of_bounds,
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
			// A commitment never revealed is a miss.
			let answered: Vec<u32> = values.iter().map(|(index, ..)| *index).collect();
			let absent: Vec<T::AccountId> = expected_here
				.iter()
				.filter(|index| !answered.contains(index))
				.filter_map(|index| operators.get(usize::try_from(*index).ok()?))
				.map(|(operator, _)| operator.clone())
				.collect();
			// A plain round's window may have had fewer than `f + 1` distinct authors, all
			// of them colluding: whoever did not answer is pending until the blocks after
			// the opening had `f + 1` (or for `MaxAuthorSpan` blocks), and their answers
			// meanwhile count as late. (A commit–reveal round's phases waited for them.)
			let grace = reveal_from.is_none()
				&& !absent.is_empty()
				&& !spanned(opened_at)
				&& now < window_end(opened_at, span);
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
				reference: value.and(reference),
				band: value.and(band),
				previous,
				faults,
				spanned_at: Self::spanned_at(&authors, counted_from, faults),
				started_at,
				opened_at: counted_from,
				closed_at: now,
				// Only the expected operators' answers are judged: one that joined after the
				// round opened fetched later than the others, and in a fast market its value
				// may be as far from theirs as the market moved since (it still counts).
				answers: values
					.iter()
					.filter(|(index, ..)| expected_here.contains(index))
					.filter_map(|(index, s, value, in_bounds)| {
						let (operator, _) = operators.get(usize::try_from(*index).ok()?)?;
						Some(Answer {
							operator: operator.clone(),
							value: *value,
							at: s.at,
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
					let Some(state) =
						feed_index(&states, value.feed_id).and_then(|index| states.get(index))
					else {
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
					let is_closed = feed_index(&states, s.feed_id)
						.and_then(|index| states.get(index))
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

	/// Whether answers for a feed's next round, not yet open, open it now. A round is due
	/// when the feed never resolved, its heartbeat passed since its last value, a paid
	/// request is pending, or at least `f + 1` in-bounds answers moved by the feed's
	/// `deviation_threshold` from its last value (with commit–reveal, `f + 1` commitments,
	/// as values are hidden): so that no `f` operators can make rounds
	/// more frequent than the heartbeat on their own. Otherwise, or while the feed is paused,
	/// the answers wait, each for at most `round_timeout` blocks, for the round to become
	/// due.
	pub(crate) fn trigger(
		state: &FeedState<BlockNumberFor<T>>,
		answers: &[(u32, Submission<BlockNumberFor<T>>)],
		faults: u32,
		now: BlockNumberFor<T>,
	) -> Trigger<BlockNumberFor<T>> {
		let params = &state.params;
		let heartbeat_at = state.answer.updated_at.saturating_add(params.heartbeat);
		let never_resolved = state.answer.round_id == 0;
		// With commit–reveal the values are hidden until the round opens: a commitment is an
		// operator's claim that the round is due, which honest workers make only when it is.
		let witnesses = answers
			.iter()
			.filter(|(_, s)| match s.answer {
				Answered::Value { value, in_bounds } => {
					in_bounds
						&& aggregate::deviation(value, state.answer.value)
							>= params.deviation_threshold
				},
				Answered::Committed(_) => true,
			})
			.count();
		let enough = u32::try_from(witnesses).unwrap_or(u32::MAX) > faults;
		let active = state.status == FeedStatus::Active;
		// The heartbeat opens a round one block after it is due: workers see it due in the
		// block `heartbeat_at` once they import it, so their answers land from the next
		// block; an answer sent early cannot open the round before they can answer.
		let heartbeat_open = heartbeat_at.saturating_add(One::one());
		if active && (never_resolved || now >= heartbeat_open || state.requested || enough) {
			return Trigger::Open;
		}
		let expire_before = now.saturating_sub(params.round_timeout);
		// While answers wait: checked again when the heartbeat comes or the oldest expires.
		let next = answers.iter().map(|(_, s)| s.at).filter(|at| *at >= expire_before).min().map(
			|oldest| {
				let expiry = oldest.saturating_add(params.round_timeout);
				expiry.saturating_add(One::one()).min(heartbeat_open)
			},
		);
		Trigger::Wait { expire_before, next }
	}

	/// A round's value from its in-bounds answers, `faults` of which may be arbitrary.
	pub(crate) fn aggregate(
		aggregation: Aggregation,
		values: &mut [Value],
		faults: u32,
	) -> Option<Value> {
		match aggregation {
			Aggregation::Mean => {
				aggregate::trimmed_mean(values, usize::try_from(faults).unwrap_or(usize::MAX))
			},
			Aggregation::Median => aggregate::median(values),
		}
	}

	/// Writes the closed round `round_id` into the buffer, dropping the round that falls
	/// out of it, and updates the buffer's sum in `state`.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn close_round(
		state: &mut FeedState<BlockNumberFor<T>>,
		round_id: RoundId,
		value: Option<Value>,
		started_at: BlockNumberFor<T>,
		now: BlockNumberFor<T>,
		timestamp_ms: u64,
		submissions: u32,
		out_of_bounds: u32,
		disputed: bool,
	) -> RoundData<BlockNumberFor<T>> {
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
				disputed,
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
