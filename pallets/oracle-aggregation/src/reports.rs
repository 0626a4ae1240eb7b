//! Operators' reports: what an operator signs, whose key it is, and how each value of a report
//! is sorted out against the feeds' heads (accepted, out of bounds, committed, late or ignored)
//! and recorded.

use super::*;
use crate::{commit_reveal, types::*};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{DefensiveTruncateFrom, DisabledValidators},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{One, Saturating, Zero};

/// A report's values sorted out against the chain's state.
pub(crate) struct Classified<BlockNumber> {
	/// The operator's values after the report: the old ones merged with the recorded ones.
	pub submissions: Vec<Submission<BlockNumber>>,
	pub accepted: u32,
	pub out_of_bounds: u32,
	pub committed: u32,
	pub ignored: u32,
	/// Reveals sent while their round still collects commitments.
	pub early_reveals: u32,
	/// Answers for closed rounds in their grace period, by feed and round.
	pub late: Vec<(FeedId, RoundId)>,
}

impl<BlockNumber> Classified<BlockNumber> {
	pub(crate) fn recorded(&self) -> u32 {
		self.accepted
			.saturating_add(self.out_of_bounds)
			.saturating_add(self.committed)
			.saturating_add(u32::try_from(self.late.len()).unwrap_or(u32::MAX))
	}
}

/// A report sorted out, with the reason of the first value that is not recorded.
pub(crate) type Classification<T> = (Classified<BlockNumberFor<T>>, Option<Error<T>>);

/// Feed `feed_id`'s head in `heads`, which ascend by feed id.
pub(crate) fn head_of(heads: &[FeedHead], feed_id: FeedId) -> Option<&FeedHead> {
	oracle_primitives::find(heads, feed_id)
}

impl<T: Config> Pallet<T> {
	/// What an operator signs for `report`: the report bound to this chain by its genesis
	/// hash, so that a report signed for another chain where the same key operates (a
	/// testnet, a fork) is refused here.
	pub fn report_payload(report: &ReportOf<T>) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		(REPORT_CONTEXT, genesis, report).encode()
	}

	/// The account and session position of the operator whose `oracle` key is `key`, if
	/// `key` belongs to a current operator.
	pub fn operator_of(key: &T::AuthorityId) -> Option<(u32, T::AccountId)> {
		Operators::<T>::get()
			.into_iter()
			.zip(0u32..)
			.find(|((_, k), _)| k == key)
			.map(|((account, _), index)| (index, account))
	}

	/// Sorts a report's values into recorded and ignored against the current state,
	/// without writing. The error is that of the first ignored value.
	pub(crate) fn classify(
		operator: &T::AccountId,
		report: &ReportOf<T>,
		now: BlockNumberFor<T>,
	) -> Result<Classification<T>, Error<T>> {
		ensure!(!report.values.is_empty(), Error::<T>::EmptyReport);
		ensure!(
			report.values.windows(2).all(|pair| match pair {
				[a, b] => a.feed_id < b.feed_id,
				_ => true,
			}),
			Error::<T>::UnsortedReport
		);
		let existing = Submissions::<T>::get(operator);
		let heads = Heads::<T>::get();
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let mut merged = Vec::with_capacity(existing.len().saturating_add(report.values.len()));
		let mut classified = Classified {
			submissions: Vec::new(),
			accepted: 0,
			out_of_bounds: 0,
			committed: 0,
			ignored: 0,
			early_reveals: 0,
			late: Vec::new(),
		};
		let mut first_error = None;
		let max_age = BlockNumberFor::<T>::from(T::MaxReportAge::get());
		let mut old = existing.into_iter().peekable();
		for item in report.values.iter() {
			// Keep the operator's values for feeds before this one.
			while let Some(previous) = old.next_if(|s| s.feed_id < item.feed_id) {
				merged.push(previous);
			}
			// The operator's entry for this feed: its answer for the open round, or for a
			// closed round in a grace period.
			let previous = old.next_if(|s| s.feed_id == item.feed_id);
			// An answer for an open round must be recent (`MaxReportAge`): an operator's
			// signed report cannot be replayed into a later round, judged against values
			// fetched long after. Late answers, which are not judged, may be older.
			let checked = Self::check_value(&heads, item, previous.as_ref(), operator, &genesis)
				.and_then(|answer| {
					ensure!(now.saturating_sub(report.at) <= max_age, Error::<T>::OutdatedReport);
					Ok(answer)
				});
			match checked {
				Ok(answer) => {
					match answer {
						Answered::Value { in_bounds: true, .. } => {
							classified.accepted.saturating_inc()
						},
						Answered::Value { in_bounds: false, .. } => {
							classified.out_of_bounds.saturating_inc()
						},
						Answered::Committed(_) => classified.committed.saturating_inc(),
					}
					// It replaces an answer for a closed round: it shows as much.
					merged.push(Submission {
						feed_id: item.feed_id,
						round_id: item.round_id,
						answer,
						at: now,
					});
				},
				Err(Error::<T>::StaleRound) => {
					match Self::check_late(&heads, item, previous.as_ref()) {
						Ok(answer) => {
							classified.late.push((item.feed_id, item.round_id));
							merged.push(Submission {
								feed_id: item.feed_id,
								round_id: item.round_id,
								answer,
								at: now,
							});
						},
						Err(error) => {
							classified.ignored.saturating_inc();
							first_error.get_or_insert(error);
							merged.extend(previous);
						},
					}
				},
				Err(error) => {
					classified.ignored.saturating_inc();
					if matches!(error, Error::<T>::ExpectedCommitment)
						&& matches!(item.answer, ReportAnswer::Reveal { .. })
					{
						classified.early_reveals.saturating_inc();
					}
					first_error.get_or_insert(error);
					merged.extend(previous);
				},
			}
		}
		merged.extend(old);
		classified.submissions = merged;
		Ok((classified, first_error))
	}

	/// What `item` records if it can be recorded, given the operator's previous answer for
	/// the same feed: a value (with whether it is in bounds) or a commitment.
	///
	/// A feed without commit–reveal takes one value per round. A commit–reveal feed takes
	/// one commitment per round until its commit phase closes, then the reveal of that
	/// commitment, whose value and salt must give it (see [`commit_reveal::commitment`]).
	pub(crate) fn check_value(
		heads: &[FeedHead],
		item: &ReportValue,
		previous: Option<&Submission<BlockNumberFor<T>>>,
		operator: &T::AccountId,
		genesis: &T::Hash,
	) -> Result<Answered, Error<T>> {
		let head = head_of(heads, item.feed_id).ok_or(Error::<T>::UnknownFeed)?;
		let open = head.latest_round.saturating_add(1);
		ensure!(item.round_id >= open, Error::<T>::StaleRound);
		// A paused feed takes nothing: pausing voided its round, so nobody misses it.
		ensure!(head.status == FeedStatus::Active, Error::<T>::FeedPaused);
		ensure!(item.round_id <= open, Error::<T>::FutureRound);
		// What the operator already gave for this round, if anything.
		let given = previous.filter(|s| s.round_id == item.round_id).map(|s| s.answer);
		let in_bounds = |value: Value| head.min_value <= value && value <= head.max_value;
		match (head.revealing, item.answer) {
			(None, ReportAnswer::Value(value)) => {
				ensure!(given.is_none(), Error::<T>::AlreadySubmitted);
				Ok(Answered::Value { value, in_bounds: in_bounds(value) })
			},
			(None, _) => Err(Error::<T>::ExpectedValue),
			(Some(false), ReportAnswer::Commit(hash)) => {
				ensure!(given.is_none(), Error::<T>::AlreadySubmitted);
				Ok(Answered::Committed(hash))
			},
			(Some(false), _) => Err(Error::<T>::ExpectedCommitment),
			(Some(true), ReportAnswer::Reveal { value, salt }) => match given {
				Some(Answered::Committed(hash)) => {
					let opens = commit_reveal::opens(
						&hash,
						genesis,
						item.feed_id,
						item.round_id,
						value,
						&salt,
						operator,
					);
					ensure!(opens, Error::<T>::RevealMismatch);
					Ok(Answered::Value { value, in_bounds: in_bounds(value) })
				},
				Some(Answered::Value { .. }) => Err(Error::<T>::AlreadySubmitted),
				None => Err(Error::<T>::NotCommitted),
			},
			(Some(true), _) => Err(Error::<T>::ExpectedReveal),
		}
	}

	/// Whether `item`, for a closed round, is a late answer: a plain value for a round at
	/// or after the feed's `grace_from`, when the operator holds no answer for that round
	/// or a later one (which shows as much). Whether the operator is pending in a grace
	/// period is checked when the period ends.
	pub(crate) fn check_late(
		heads: &[FeedHead],
		item: &ReportValue,
		previous: Option<&Submission<BlockNumberFor<T>>>,
	) -> Result<Answered, Error<T>> {
		let head = head_of(heads, item.feed_id).ok_or(Error::<T>::UnknownFeed)?;
		ensure!(head.grace_from != 0 && item.round_id >= head.grace_from, Error::<T>::StaleRound);
		ensure!(previous.is_none_or(|s| s.round_id < item.round_id), Error::<T>::AlreadySubmitted);
		match item.answer {
			ReportAnswer::Value(value) => Ok(Answered::Value {
				value,
				in_bounds: head.min_value <= value && value <= head.max_value,
			}),
			_ => Err(Error::<T>::StaleRound),
		}
	}

	pub(crate) fn do_submit(report: ReportOf<T>) -> DispatchResult {
		let (index, operator) = Self::operator_of(&report.key).ok_or(Error::<T>::NotOperator)?;
		ensure!(!T::DisabledOperators::is_disabled(index), Error::<T>::OperatorDisabled);
		let now = frame_system::Pallet::<T>::block_number();
		let (classified, first_error) = Self::classify(&operator, &report, now)?;
		if classified.recorded() == 0 {
			return Err(first_error.unwrap_or(Error::<T>::EmptyReport).into());
		}
		// One value per feed, and no more feeds than `MaxFeeds`.
		let submissions = SubmissionsOf::<T>::defensive_truncate_from(classified.submissions);
		Submissions::<T>::insert(&operator, submissions);
		for (feed_id, round_id) in classified.late {
			Self::deposit_event(Event::AnsweredLate {
				feed_id,
				round_id,
				operator: operator.clone(),
			});
		}
		let next = now.saturating_add(One::one());
		NextCheck::<T>::mutate(|at| {
			*at = Some(at.map_or(next, |at| at.min(next)));
		});
		Self::deposit_event(Event::Reported {
			operator,
			accepted: classified.accepted,
			out_of_bounds: classified.out_of_bounds,
			committed: classified.committed,
			ignored: classified.ignored,
		});
		Ok(())
	}
}
