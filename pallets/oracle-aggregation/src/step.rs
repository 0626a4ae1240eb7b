//! One feed's round at a round check, decided from the feed's state, the answers for its next
//! round and what the check knows of the session and its authors ([`Context`]). Nothing here
//! reads or writes storage, so each rule of the round engine is tested on its own; the check
//! ([`crate::rounds`]) gathers the inputs and applies the [`Step`].

use crate::{aggregate, commit_reveal, pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating};

/// What a round check does with the answers for a feed's next round while it is not open.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Trigger<BlockNumber> {
	/// The round is due: it opens now.
	Open,
	/// It is not: answers from before `expire_before` are dropped, the others wait; the
	/// feed is checked again at `next`, if any answer is left.
	Wait { expire_before: BlockNumber, next: Option<BlockNumber> },
}

/// What a round check knows beyond the feed whose round it decides.
pub(crate) struct Context<'a, T: Config> {
	/// The block being checked.
	pub now: BlockNumberFor<T>,
	/// `f`, the faults the session tolerates.
	pub faults: u32,
	/// `2f + 1`: the fewest in-bounds answers that resolve any round.
	pub min_quorum: u32,
	/// The session's operators, by position, that are expected to answer: the ones not
	/// disabled (their reports are refused).
	pub expected: &'a [u32],
	/// When each operator, by position, joined: it is expected to answer rounds opened since.
	pub since: &'a [BlockNumberFor<T>],
	/// Each recent author's last authored block ([`LastAuthored`]).
	pub authors: &'a [(T::AccountId, BlockNumberFor<T>)],
}

impl<T: Config> Context<'_, T> {
	/// Whether the blocks after `from` had `f + 1` distinct authors, one of them at least
	/// honest, who included every answer sent to it. Every author after `from` counts: a
	/// worker's answer to `from` reaches the next block's author, as the fetch deadline is
	/// below the block time (see `min_answer_window`).
	pub fn spanned(&self, from: BlockNumberFor<T>) -> bool {
		Pallet::<T>::authors_since(self.authors, from) > self.faults
	}

	/// Whether the operators absent since `from` may be judged: the blocks after it had
	/// `f + 1` distinct authors, or `MaxAuthorSpan` blocks passed, the longest anything waits
	/// for them.
	pub fn authors_enough(&self, from: BlockNumberFor<T>) -> bool {
		let span = BlockNumberFor::<T>::from(T::MaxAuthorSpan::get());
		self.spanned(from) || self.now >= window_end(from, span)
	}

	/// The operators, by position, expected to answer a round opened at `opened_at`.
	pub fn expected_from(&self, opened_at: BlockNumberFor<T>) -> Vec<u32> {
		self.expected
			.iter()
			.copied()
			.filter(|index| {
				usize::try_from(*index)
					.ok()
					.and_then(|index| self.since.get(index))
					.is_none_or(|since| *since <= opened_at)
			})
			.collect()
	}
}

/// What a round check does with a feed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct Step<BlockNumber> {
	/// The feed's answers for its next round that landed before this block are dropped.
	pub expire_before: Option<BlockNumber>,
	/// The check the feed needs next, if any.
	pub next: Option<BlockNumber>,
	/// What becomes of its round.
	pub round: RoundStep<BlockNumber>,
}

/// What becomes of a feed's round at a check.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum RoundStep<BlockNumber> {
	/// Nothing: not due, or nothing to open.
	Unchanged,
	/// It is open, as given, until the next check.
	Open(OpenRound<BlockNumber>),
	/// It closes, resolved or timed out.
	Close(Closing<BlockNumber>),
}

/// A round a check closes, as its step decided.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct Closing<BlockNumber> {
	/// The round.
	pub round_id: RoundId,
	/// Its value; `None` when it timed out.
	pub value: Option<Value>,
	/// The median of its in-bounds answers, when it resolved.
	pub reference: Option<Value>,
	/// The band its answers are judged against, when it resolved.
	pub band: Option<(Value, Value)>,
	/// The block of its first answer.
	pub started_at: BlockNumber,
	/// The block it opened to every operator at.
	pub opened_at: BlockNumber,
	/// The block its answers count from: its opening, or with commit–reveal the opening of
	/// its reveals.
	pub counted_from: BlockNumber,
	/// The block by which the blocks after `counted_from` had `f + 1` distinct authors.
	pub spanned_at: Option<BlockNumber>,
	/// Its answers with a value (a commitment never revealed is none).
	pub submissions: u32,
	/// Those of them out of the feed's bounds.
	pub out_of_bounds: u32,
	/// When it timed out: its in-bounds answers that say the value moved from the last one.
	pub moved: u32,
	/// Whether more than `f` did: the old value is not served as fresh.
	pub disputed: bool,
	/// The expected operators' answers with a value, which are judged: by position, the block
	/// each landed in, the value and whether it was in bounds.
	pub answers: Vec<(u32, BlockNumber, Value, bool)>,
	/// The expected operators, by position, that gave no value.
	pub absent: Vec<u32>,
	/// Whether the absent are pending, in a grace period, rather than missing: a plain round
	/// whose blocks after its opening may all have had colluding authors.
	pub grace: bool,
}

impl<T: Config> Pallet<T> {
	/// What the check `cx` does with the round of the feed in `state`, given the operators'
	/// answers for the feed, each with the operator's position.
	pub(crate) fn step(
		state: &FeedState<BlockNumberFor<T>>,
		answers: Vec<(u32, Submission<BlockNumberFor<T>>)>,
		cx: &Context<T>,
	) -> Step<BlockNumberFor<T>> {
		let (now, faults) = (cx.now, cx.faults);
		let round_id = state.latest_round.saturating_add(1);
		let mut answers: Vec<_> =
			answers.into_iter().filter(|(_, s)| s.round_id == round_id).collect();
		let is_open = matches!(state.open, Some(open) if open.round_id == round_id);
		let first_answer = answers.iter().map(|(_, s)| s.at).min();
		let mut expire_before = None;
		if !is_open {
			match Self::trigger(state, &answers, faults, now) {
				// The round opens to everyone now. Of the answers that waited for it (the
				// candidates that opened it, or made it checked), those older than the
				// shortest answer window are dropped, and their operators answer again:
				// every answer it counts is fetched within about one window of the others
				// (in a fast market one fetched long before would be judged against later
				// prices).
				Trigger::Open => {
					let fresh_from = now.saturating_sub(Self::min_answer_window());
					if answers.iter().any(|(_, s)| s.at < fresh_from) {
						expire_before = Some(fresh_from);
						answers.retain(|(_, s)| s.at >= fresh_from);
					}
				},
				// Not due: the answers wait as candidates; old ones are dropped.
				Trigger::Wait { expire_before: before, next } => {
					let expire_before =
						answers.iter().any(|(_, s)| s.at < before).then_some(before);
					return Step { expire_before, next, round: RoundStep::Unchanged };
				},
			}
		}
		// The round opens to every operator at the first check after its first answer; its
		// window and timeout count from there, not from that answer.
		let open = state.open.filter(|open| open.round_id == round_id);
		let Some(started_at) = open.map(|open| open.started_at).or(first_answer) else {
			return Step { expire_before, next: None, round: RoundStep::Unchanged };
		};
		let opened_at = open.map_or(now, |open| open.opened_at);
		let expected = cx.expected_from(opened_at);
		let window = state.params.resolution_delay;
		let reveal_window = commit_reveal::reveal_window(window, faults);
		let reveal_from = open.and_then(|open| open.reveal_from);
		// The round as it stays open until the next check.
		let entries = u32::try_from(answers.len()).unwrap_or(u32::MAX);
		let stays_open = |reveal_from| OpenRound {
			round_id,
			started_at,
			opened_at,
			submissions: entries,
			reveal_from,
		};
		let stays = |reveal_from, at| Step {
			expire_before,
			next: Some(at),
			round: RoundStep::Open(stays_open(reveal_from)),
		};
		if state.params.commit_reveal && reveal_from.is_none() {
			let (reveal_from, at) = commit_reveal::commit_phase(
				now,
				window_end(opened_at, window),
				cx.authors_enough(opened_at),
				reveal_window,
			);
			return stays(reveal_from, at);
		}
		// The answers: values (revealed ones, with commit–reveal). A commitment not revealed
		// is no answer.
		let values: Vec<(u32, BlockNumberFor<T>, Value, bool)> = answers
			.iter()
			.filter_map(|(i, s)| s.value().map(|(value, in_bounds)| (*i, s.at, value, in_bounds)))
			.collect();
		let submissions = u32::try_from(values.len()).unwrap_or(u32::MAX);
		let in_bounds: Vec<Value> =
			values.iter().filter(|(.., ok)| *ok).map(|(_, _, v, _)| *v).collect();
		let in_bounds_count = u32::try_from(in_bounds.len()).unwrap_or(u32::MAX);
		let quorum = in_bounds_count >= state.params.quorum.max(cx.min_quorum);
		// Answers are counted from here: the round's opening, or with commit–reveal the
		// opening of its reveals, after which no new commitment and so no new answer can
		// come: it closes at the end of the reveal window whatever it has.
		let (counted_from, everyone, resolve_at, timeout_at) = match reveal_from {
			Some(from) => {
				let end =
					commit_reveal::reveal_end(now, from, reveal_window, cx.authors_enough(from));
				(from, !answers.iter().any(|(_, s)| s.is_commitment()), end, end)
			},
			None => (
				opened_at,
				expected.iter().all(|index| values.iter().any(|(i, ..)| i == index)),
				window_end(opened_at, window),
				window_end(opened_at, state.params.round_timeout),
			),
		};

		// Before its window ends a round closes only when everyone has answered.
		let (value, reference, band) = if quorum && (everyone || now >= resolve_at) {
			// One copy, sorted by the first call; the others find it sorted.
			let mut values = in_bounds.clone();
			let reference = aggregate::median(&mut values);
			let band =
				aggregate::trimmed_band(&mut values, usize::try_from(faults).unwrap_or(usize::MAX));
			(Self::aggregate(state.params.aggregation, &mut values, faults), reference, band)
		} else {
			(None, None, None)
		};
		if value.is_none() && now < timeout_at && !everyone {
			return stays(reveal_from, if quorum { resolve_at } else { timeout_at });
		}

		// A round that times out while more than `f` in-bounds answers say the value moved: at
		// least one honest operator saw the move, so the old value is not served as fresh
		// while those who hold it back keep rounds from resolving.
		let moved = if value.is_none() && state.answer.round_id != 0 {
			let (last, threshold) = (state.answer.value, state.params.deviation_threshold);
			let moved = in_bounds.iter().filter(|v| aggregate::moved(**v, last, threshold)).count();
			u32::try_from(moved).unwrap_or(u32::MAX)
		} else {
			0
		};
		// A commitment never revealed is a miss.
		let absent: Vec<u32> = expected
			.iter()
			.copied()
			.filter(|index| !values.iter().any(|(i, ..)| i == index))
			.collect();
		// A plain round's window may have had fewer than `f + 1` distinct authors, all of
		// them colluding: whoever did not answer is pending until the blocks after the
		// opening had `f + 1` (or for `MaxAuthorSpan` blocks), and their answers meanwhile
		// count as late. (A commit–reveal round's phases waited for them.)
		let grace = reveal_from.is_none() && !absent.is_empty() && !cx.authors_enough(opened_at);
		Step {
			expire_before,
			next: None,
			round: RoundStep::Close(Closing {
				round_id,
				value,
				reference: value.and(reference),
				band: value.and(band),
				started_at,
				opened_at,
				counted_from,
				spanned_at: Self::spanned_at(cx.authors, counted_from, faults),
				submissions,
				out_of_bounds: submissions.saturating_sub(in_bounds_count),
				moved,
				disputed: moved > faults,
				// Only the expected operators' answers are judged: one that joined after the
				// round opened fetched later than the others, and in a fast market its value
				// may be as far from theirs as the market moved since (it still counts).
				answers: values.into_iter().filter(|(i, ..)| expected.contains(i)).collect(),
				absent,
				grace,
			}),
		}
	}

	/// Whether answers for a feed's next round, not yet open, open it now. A round is due
	/// by [`FeedState::due`] as the workers saw the previous block (the feed never resolved,
	/// its heartbeat passed since its last value, or a paid request is pending), or when at
	/// least `f + 1` in-bounds answers moved by the feed's `deviation_threshold` from its
	/// last value (with commit–reveal, `f + 1` commitments, as values are hidden): so that no
	/// `f` operators can make rounds more frequent than the heartbeat on their own.
	/// Otherwise, or while the feed is paused, the answers wait, each for at most
	/// `round_timeout` blocks, for the round to become due.
	pub(crate) fn trigger(
		state: &FeedState<BlockNumberFor<T>>,
		answers: &[(u32, Submission<BlockNumberFor<T>>)],
		faults: u32,
		now: BlockNumberFor<T>,
	) -> Trigger<BlockNumberFor<T>> {
		let params = &state.params;
		// With commit–reveal the values are hidden until the round opens: a commitment is an
		// operator's claim that the round is due, which honest workers make only when it is.
		let witnesses = answers
			.iter()
			.filter(|(_, s)| match s.answer {
				Answered::Value { value, in_bounds } => {
					in_bounds
						&& aggregate::moved(value, state.answer.value, params.deviation_threshold)
				},
				Answered::Committed(_) => true,
			})
			.count();
		let enough = u32::try_from(witnesses).unwrap_or(u32::MAX) > faults;
		let active = state.status == FeedStatus::Active;
		let seen = now.saturating_sub(One::one());
		if state.due(seen).is_some() || (active && enough) {
			return Trigger::Open;
		}
		// The first block in which the heartbeat opens the round.
		let heartbeat_open = state.heartbeat_at().saturating_add(One::one());
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
}

/// The step alone, outside any externalities: a storage access would panic.
#[cfg(test)]
mod tests {
	use super::*;
	use crate::mock::{feed_config, Test};

	type Step = super::Step<u64>;
	const LAST: Value = 10_000;
	/// Four operators: `f = 1`, quorum 3. The feed's window is 2 blocks, its timeout 5.
	const OPERATORS: [u32; 4] = [0, 1, 2, 3];

	fn state(open: Option<OpenRound<u64>>) -> FeedState<u64> {
		FeedState {
			feed_id: 0,
			status: FeedStatus::Active,
			params: feed_config().round_params(),
			latest_round: 1,
			open,
			requested: false,
			buffer_sum: LAST,
			buffer_count: 1,
			out_of_bounds: 0,
			answer: LastAnswer { value: LAST, round_id: 1, updated_at: 1, updated_at_ms: 0 },
			grace_from: 0,
		}
	}

	/// Round 2, opened at block 5 by an answer in it.
	fn opened(reveal_from: Option<u64>) -> Option<OpenRound<u64>> {
		Some(OpenRound { round_id: 2, started_at: 5, opened_at: 5, submissions: 0, reveal_from })
	}

	fn answer(index: u32, at: u64, answer: Answered) -> (u32, Submission<u64>) {
		(index, Submission { feed_id: 0, round_id: 2, answer, at })
	}

	fn value(index: u32, at: u64, value: Value) -> (u32, Submission<u64>) {
		answer(index, at, Answered::Value { value, in_bounds: true })
	}

	fn step(
		state: &FeedState<u64>,
		answers: Vec<(u32, Submission<u64>)>,
		now: u64,
		authors: &[(u64, u64)],
	) -> Step {
		let cx = Context::<Test> {
			now,
			faults: 1,
			min_quorum: 3,
			expected: &OPERATORS,
			since: &[0, 0, 0, 0],
			authors,
		};
		Pallet::<Test>::step(state, answers, &cx)
	}

	fn closing(step: Step) -> Closing<u64> {
		match step.round {
			RoundStep::Close(closing) => closing,
			other => panic!("not closed: {other:?}"),
		}
	}

	#[test]
	fn a_round_with_quorum_waits_for_its_window_then_resolves_judging_the_absent() {
		let answers = vec![value(0, 6, 10_000), value(1, 6, 10_010), value(2, 7, 10_020)];
		let authors = [(1, 6), (2, 7)];
		let state = state(opened(None));
		// Quorum, but not everyone and the window (blocks 6 and 7) not over: open until 8.
		let open = step(&state, answers.clone(), 7, &authors);
		assert_eq!(open.next, Some(8));
		assert!(matches!(open.round, RoundStep::Open(open) if open.submissions == 3));
		let closing = closing(step(&state, answers, 8, &authors));
		assert_eq!((closing.value, closing.reference), (Some(10_010), Some(10_010)));
		assert_eq!(closing.band, Some((10_010, 10_010)));
		assert_eq!((closing.submissions, closing.out_of_bounds, closing.disputed), (3, 0, false));
		assert_eq!(closing.answers.len(), 3);
		// Two distinct authors after the opening, one of them honest: the absent is missing.
		assert_eq!((closing.absent, closing.grace, closing.spanned_at), (vec![3], false, Some(7)));
	}

	#[test]
	fn the_absent_of_a_window_only_colluders_authored_are_pending() {
		let answers = vec![value(0, 6, 10_000), value(1, 6, 10_010), value(2, 7, 10_020)];
		// One author since the opening, who may be the one fault.
		let closing = closing(step(&state(opened(None)), answers, 8, &[(1, 6)]));
		assert_eq!(closing.value, Some(10_010));
		assert_eq!((closing.absent, closing.grace, closing.spanned_at), (vec![3], true, None));
	}

	#[test]
	fn a_round_without_quorum_times_out_disputed_when_more_than_f_saw_a_move() {
		let answers = vec![value(0, 6, 20_000), value(1, 6, 20_000)];
		let state = state(opened(None));
		let open = step(&state, answers.clone(), 10, &[]);
		assert_eq!(open.next, Some(11));
		let closing = closing(step(&state, answers, 11, &[(1, 6), (2, 7)]));
		assert_eq!((closing.value, closing.moved, closing.disputed), (None, 2, true));
		assert_eq!((closing.reference, closing.band), (None, None));
		assert_eq!(closing.absent, vec![2, 3]);
	}

	#[test]
	fn an_answer_waits_for_the_heartbeat_the_workers_could_see() {
		// Last resolved at 1, heartbeat 10: workers see the round due in block 11's state.
		let answers = vec![value(0, 11, LAST)];
		let waiting = step(&state(None), answers.clone(), 11, &[]);
		assert_eq!(waiting.round, RoundStep::Unchanged);
		assert_eq!(waiting.next, Some(12));
		let opening = step(&state(None), answers, 12, &[]);
		assert_eq!(opening.expire_before, None);
		let open = OpenRound {
			round_id: 2,
			started_at: 11,
			opened_at: 12,
			submissions: 1,
			reveal_from: None,
		};
		assert_eq!(opening.round, RoundStep::Open(open));
		// No quorum: checked again at its timeout, the end of blocks 13 to 17.
		assert_eq!(opening.next, Some(18));
	}

	#[test]
	fn a_paused_feed_opens_no_round_whatever_its_answers_say() {
		let mut paused = state(None);
		paused.status = FeedStatus::Paused;
		paused.requested = true;
		let answers = vec![value(0, 20, 20_000), value(1, 20, 20_000), value(2, 20, 20_000)];
		assert_eq!(step(&paused, answers, 30, &[]).round, RoundStep::Unchanged);
	}

	#[test]
	fn the_commit_phase_ends_after_its_window_and_f_plus_one_authors() {
		let mut state = state(opened(None));
		state.params.commit_reveal = true;
		let answers: Vec<_> =
			OPERATORS.iter().map(|i| answer(*i, 6, Answered::Committed([7; 16]))).collect();
		let authors = [(1, 6), (2, 7)];
		// Everyone committed, yet the phase runs to the end of its window.
		let early = step(&state, answers.clone(), 7, &authors);
		assert_eq!(early.next, Some(8));
		assert!(matches!(early.round, RoundStep::Open(open) if open.reveal_from.is_none()));
		// Over, with two authors since the opening: reveals from 8, for at least f + 1 blocks.
		let reveals = step(&state, answers.clone(), 8, &authors);
		assert_eq!(reveals.next, Some(11));
		assert!(matches!(reveals.round, RoundStep::Open(open) if open.reveal_from == Some(8)));
		// Over, but only one author since: the phase waits a block at a time.
		let waits = step(&state, answers, 8, &[(1, 6)]);
		assert_eq!(waits.next, Some(9));
		assert!(matches!(waits.round, RoundStep::Open(open) if open.reveal_from.is_none()));
	}

	#[test]
	fn an_unrevealed_commitment_is_absent_when_the_reveals_close() {
		let mut state = state(opened(Some(8)));
		state.params.commit_reveal = true;
		let answers = vec![
			value(0, 9, 10_000),
			value(1, 9, 10_010),
			value(2, 10, 10_020),
			answer(3, 6, Answered::Committed([3; 16])),
		];
		let authors = [(1, 9), (2, 10)];
		assert_eq!(step(&state, answers.clone(), 10, &authors).next, Some(11));
		let closing = closing(step(&state, answers, 11, &authors));
		assert_eq!((closing.value, closing.counted_from), (Some(10_010), 8));
		// The reveals waited for an honest author: no grace period, the committer is missing.
		assert_eq!((closing.absent, closing.grace), (vec![3], false));
	}
}
