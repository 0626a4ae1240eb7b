//! The judgement of closed rounds: every operator's answer classified against the round's
//! band, its record published, reputation and reward points updated, deviations reported, and
//! the judged rounds handed on; the operators pending in a grace period judged when it ends.

use crate::{pallet::*, types::*, WeightInfo, LOG_TARGET};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{RewardsReporter, ValidatorSet},
};
use frame_system::pallet_prelude::*;
use oracle_primitives::{
	find,
	rounds::{GraceOutcome, JudgedRound, OnRoundResolved, OnRoundsJudged, RoundOutcome},
	values::median,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	FixedU128, Perbill, Permill,
};

/// An operator's judgement in one round.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Judgement {
	Accepted { late: bool },
	Beyond(Permill),
	Unjudged,
	Missed,
}

/// A submission's latency (blocks after the round opened) and whether it was late.
type Latency = (u64, bool);

impl<T: Config> Pallet<T> {
	/// Judges the rounds closed in one block: records, reputation, rewards and deviation
	/// offences. Per round O(operators); the feeds' states and every operator's statistics
	/// are read and written once. An operator beyond tolerance in several rounds of the
	/// block is reported once, for its worst deviation (staking slashes an operator once
	/// per era, by its largest offence, anyway), so at most one offence per operator.
	/// Returns the weight used.
	pub fn rounds_resolved(outcomes: &[RoundOutcome<T::AccountId, BlockNumberFor<T>>]) -> Weight {
		let decay = T::ReputationDecay::get();
		let half = FixedU128::from_rational(1, 2);
		let one = FixedU128::from_u32(1);
		let mut stats: BTreeMap<T::AccountId, OperatorStats> = BTreeMap::new();
		let mut tallies = SessionTally::<T>::get();
		let mut states = FeedStates::<T>::get();
		let mut points: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		// Each operator's worst deviation of the block.
		let mut offences: BTreeMap<T::AccountId, (FeedId, RoundId, Perbill)> = BTreeMap::new();
		let mut most_operators: u32 = 0;
		let mut judged_rounds: Vec<JudgedRound> = Vec::with_capacity(outcomes.len());

		for outcome in outcomes {
			let feed_id = outcome.feed_id;
			let index = Self::state_index(&mut states, feed_id);
			if index.is_none() {
				log::warn!(
					target: LOG_TARGET,
					"more feeds than MaxFeeds; feed {} has no SLA summary",
					feed_id,
				);
			}
			let state = index
				.and_then(|index| states.get(index))
				.copied()
				.unwrap_or_else(|| FeedState::new(feed_id));
			let terms = state.terms.unwrap_or_else(T::DefaultTerms::get);
			let mut summary = state.summary;
			summary.rounds.saturating_inc();
			if outcome.value.is_some() {
				summary.resolved.saturating_inc();
			} else {
				summary.timed_out.saturating_inc();
			}
			summary.latest_round = outcome.round_id;

			let max_latency: u64 = terms.max_latency.try_into().unwrap_or(u64::MAX);
			// The tolerance, widened by how far the value moved since the feed's last
			// resolved round: in a fast market an honest answer fetched a block or two
			// before or after the others (a restarted node's, say) differs from them by
			// about as much. Liars still cannot move the band beyond the honest answers.
			let moved = match (outcome.value, outcome.previous) {
				(Some(value), Some(previous)) => deviation(value, previous),
				_ => Permill::zero(),
			};
			let tolerance = terms.deviation_tolerance.saturating_add(moved);
			let mut accepted: u32 = 0;
			let mut late: u32 = 0;
			let mut beyond = Vec::new();
			// The in-bounds values, in order: how many agree with an answer is found in
			// them by binary search.
			let mut values: Vec<Value> =
				outcome.answers.iter().filter(|a| a.in_bounds).map(|a| a.value).collect();
			values.sort_unstable();
			let faults = usize::try_from(outcome.faults).unwrap_or(usize::MAX);
			// Every assigned operator with its submission's latency and lateness (none if
			// missing) and its judgement.
			let mut judged: Vec<(&T::AccountId, Option<Latency>, Judgement)> =
				Vec::with_capacity(outcome.answers.len().saturating_add(outcome.missing.len()));
			for answer in &outcome.answers {
				let latency: u64 =
					answer.at.saturating_sub(outcome.opened_at).try_into().unwrap_or(u64::MAX);
				// Late only if it also landed after the blocks since the opening had `f + 1`
				// distinct authors: before, colluding authors may have kept it out.
				let is_late = latency > max_latency
					&& outcome.spanned_at.as_ref().is_some_and(|spanned| answer.at > *spanned);
				late.saturating_accrue(u32::from(is_late));
				// Whether `f + 1` in-bounds answers (this one included) lie within tolerance
				// of this one: then at least one of them is honest, so it is within
				// tolerance of an honest answer. In a fast market an honest answer fetched
				// a few blocks before or after the others may be beyond tolerance of the
				// band, but those fetched with it agree with it.
				let backed = || {
					answer.in_bounds
						&& within_tolerance_count(
							&values,
							answer.value,
							tolerance,
							terms.tolerance_floor,
						) > faults
				};
				// Judged against the band of the in-bounds answers without the `f` lowest
				// and highest (never the feed's own value): an answer within the band is
				// within tolerance, one outside it by its distance to the nearest end. In a
				// fast market honest answers may spread beyond the tolerance; none of them
				// is further from the band than from the median, and no liar can move the
				// band beyond the honest answers.
				let judgement = match outcome.band {
					None => Judgement::Unjudged,
					// Outside the feed's bounds: a circuit-breaker event of the feed (the
					// true price may have crossed a bound), not an offence; such an answer
					// earns nothing, as it did not count.
					Some(_) if !answer.in_bounds => Judgement::Unjudged,
					Some((low, high))
						if !beyond_tolerance(
							answer.value,
							answer.value.clamp(low, high),
							tolerance,
							terms.tolerance_floor,
						) || backed() =>
					{
						accepted.saturating_inc();
						Judgement::Accepted { late: is_late }
					},
					Some((low, high)) => {
						let deviation = deviation(answer.value, answer.value.clamp(low, high));
						beyond.push(OutOfTolerance {
							operator: answer.operator.clone(),
							value: answer.value,
							deviation,
						});
						Judgement::Beyond(deviation)
					},
				};
				judged.push((&answer.operator, Some((latency, is_late)), judgement));
			}
			for operator in &outcome.missing {
				judged.push((operator, None, Judgement::Missed));
			}
			// Operators pending in the round's grace period are judged when it ends.
			most_operators = most_operators.max(u32::try_from(judged.len()).unwrap_or(u32::MAX));

			for (operator, latency, judgement) in judged {
				let entry = stats
					.entry(operator.clone())
					.or_insert_with(|| Stats::<T>::get(operator).unwrap_or_default());
				entry.assigned.saturating_inc();
				if let Some((latency, is_late)) = latency {
					entry.submitted.saturating_inc();
					entry.late.saturating_accrue(u32::from(is_late));
					entry.latency_sum.saturating_accrue(latency);
				}
				match judgement {
					Judgement::Accepted { late: false } => {
						entry.accepted.saturating_inc();
						entry.add_evidence(decay, one, FixedU128::zero());
						let reward = T::RewardPoints::get();
						entry.reward_points.saturating_accrue(u64::from(reward));
						points.entry(operator.clone()).or_default().saturating_accrue(reward);
					},
					Judgement::Accepted { late: true } => {
						entry.accepted.saturating_inc();
						entry.add_evidence(decay, half, half);
					},
					Judgement::Beyond(deviation) => {
						entry.out_of_tolerance.saturating_inc();
						entry.add_evidence(decay, FixedU128::zero(), one);
						summary.out_of_tolerance.saturating_inc();
						let fraction = terms.deviation_fraction(deviation);
						let worst = offences.entry(operator.clone()).or_insert((
							feed_id,
							outcome.round_id,
							fraction,
						));
						if fraction > worst.2 {
							*worst = (feed_id, outcome.round_id, fraction);
						}
					},
					Judgement::Unjudged => {},
					Judgement::Missed => {
						entry.missed.saturating_inc();
						entry.add_evidence(decay, FixedU128::zero(), one);
					},
				}
				Self::tally(&mut tallies, operator, &terms, judgement == Judgement::Missed);
			}

			let spread = values.first().copied().zip(values.last().copied());
			let dispersion = Self::dispersion(&mut values);
			let availability = summary.availability();
			let submitted = u32::try_from(outcome.answers.len()).unwrap_or(u32::MAX);
			// Until the grace period ends, the pending operators are listed as missing.
			let absent: Vec<T::AccountId> =
				outcome.missing.iter().chain(outcome.pending.iter()).cloned().collect();
			let record = SlaRecord {
				feed_id,
				round_id: outcome.round_id,
				status: if outcome.value.is_some() {
					RoundStatus::Resolved
				} else {
					RoundStatus::TimedOut
				},
				value: outcome.value,
				expected: submitted.saturating_add(u32::try_from(absent.len()).unwrap_or(u32::MAX)),
				submitted,
				accepted,
				late,
				missing: BoundedVec::truncate_from(absent),
				out_of_tolerance: BoundedVec::truncate_from(beyond),
				spread,
				dispersion,
				latency: outcome.closed_at.saturating_sub(outcome.started_at),
				quorum_met: outcome.value.is_some(),
				availability,
				target_availability: terms.target_availability,
				closed_at: outcome.closed_at,
			};
			if let Some(evicted) = outcome.round_id.checked_sub(T::MaxSlaHistory::get()) {
				Records::<T>::remove(feed_id, evicted);
			}
			Records::<T>::insert(feed_id, outcome.round_id, &record);
			if let Some(state) = index.and_then(|index| states.get_mut(index)) {
				state.summary = summary;
			}
			judged_rounds.push(JudgedRound {
				feed_id,
				round_id: outcome.round_id,
				value: outcome.value,
				decimals: outcome.decimals,
				closed_at_ms: outcome.closed_at_ms,
				sla: record.summary(),
			});
			Self::deposit_event(Event::SlaPublished { record });
		}

		for (operator, entry) in stats {
			Stats::<T>::insert(operator, entry);
		}
		SessionTally::<T>::put(tallies);
		FeedStates::<T>::put(states);
		if !points.is_empty() {
			T::Rewards::reward_by_ids(points);
		}
		let reported = u32::try_from(offences.len()).unwrap_or(u32::MAX);
		if !offences.is_empty() {
			let session_index = T::ValidatorSet::session_index();
			let validator_set_count =
				u32::try_from(T::ValidatorSet::validators().len()).unwrap_or(u32::MAX);
			for (operator, (feed_id, round_id, fraction)) in offences {
				Self::report_deviation(
					operator,
					feed_id,
					round_id,
					fraction,
					session_index,
					validator_set_count,
				);
			}
		}
		let rounds = u32::try_from(outcomes.len()).unwrap_or(u32::MAX);
		// The rounds go on only once judged: whoever comes next reads their summaries.
		let next = if judged_rounds.is_empty() {
			Weight::zero()
		} else {
			T::OnRoundsJudged::on_rounds_judged(&judged_rounds)
		};
		T::WeightInfo::rounds_resolved(rounds, most_operators)
			.saturating_add(T::WeightInfo::report_offence().saturating_mul(reported.into()))
			.saturating_add(next)
	}

	/// Judges the operators that were pending in closed rounds' grace periods, now over:
	/// one whose answer landed during the period was there (its value came after the round
	/// closed, so it is neither judged nor rewarded, and the delay is not held against it:
	/// colluding authors may have kept it out), one without is missing. The round's record
	/// is amended and published again. Returns the weight used.
	pub fn graces_over(outcomes: &[GraceOutcome<T::AccountId, BlockNumberFor<T>>]) -> Weight {
		let decay = T::ReputationDecay::get();
		let one = FixedU128::from_u32(1);
		let states = FeedStates::<T>::get();
		let mut tallies = SessionTally::<T>::get();
		let mut stats: BTreeMap<T::AccountId, OperatorStats> = BTreeMap::new();
		let mut most_operators: u32 = 0;
		for outcome in outcomes {
			let terms = find(&states, outcome.feed_id)
				.and_then(|state| state.terms)
				.unwrap_or_else(T::DefaultTerms::get);
			let judged = outcome.late.len().saturating_add(outcome.missing.len());
			most_operators = most_operators.max(u32::try_from(judged).unwrap_or(u32::MAX));
			for (operator, _) in &outcome.late {
				let entry = stats
					.entry(operator.clone())
					.or_insert_with(|| Stats::<T>::get(operator).unwrap_or_default());
				entry.assigned.saturating_inc();
				entry.submitted.saturating_inc();
				Self::tally(&mut tallies, operator, &terms, false);
			}
			for operator in &outcome.missing {
				let entry = stats
					.entry(operator.clone())
					.or_insert_with(|| Stats::<T>::get(operator).unwrap_or_default());
				entry.assigned.saturating_inc();
				entry.missed.saturating_inc();
				entry.add_evidence(decay, FixedU128::zero(), one);
				Self::tally(&mut tallies, operator, &terms, true);
			}
			let amended = Records::<T>::mutate(outcome.feed_id, outcome.round_id, |record| {
				let record = record.as_mut()?;
				let late = u32::try_from(outcome.late.len()).unwrap_or(u32::MAX);
				// Who answered during the period, and who is not judged, is not missing.
				record.missing.retain(|operator| {
					!outcome.late.iter().any(|(a, _)| a == operator)
						&& !outcome.unjudged.contains(operator)
				});
				record.submitted.saturating_accrue(late);
				let unjudged = u32::try_from(outcome.unjudged.len()).unwrap_or(u32::MAX);
				record.expected.saturating_reduce(unjudged);
				Some(record.clone())
			});
			if let Some(record) = amended {
				Self::deposit_event(Event::SlaPublished { record });
			}
		}
		for (operator, entry) in stats {
			Stats::<T>::insert(operator, entry);
		}
		SessionTally::<T>::put(tallies);
		let rounds = u32::try_from(outcomes.len()).unwrap_or(u32::MAX);
		T::WeightInfo::rounds_resolved(rounds, most_operators)
	}

	/// Adds a round of a feed held to `terms` to `operator`'s tally (a fresh one if it has
	/// none; none beyond [`Config::MaxOperators`] tallies).
	pub(crate) fn tally(
		tallies: &mut TalliesOf<T>,
		operator: &T::AccountId,
		terms: &SlaTermsOf<T>,
		missed: bool,
	) {
		let index = match tallies.iter().position(|t| &t.operator == operator) {
			Some(index) => index,
			None => {
				if tallies.try_push(Tally::new(operator.clone())).is_err() {
					log::warn!(
						target: LOG_TARGET,
						"more operators in the session than MaxOperators; {:?} is not tallied",
						operator,
					);
					return;
				}
				tallies.len().saturating_sub(1)
			},
		};
		if let Some(tally) = tallies.get_mut(index) {
			tally.add_round(terms, missed);
		}
	}

	/// The median absolute deviation of `values` from their median, relative to the
	/// median; zero for no values or a zero median.
	pub(crate) fn dispersion(values: &mut [Value]) -> Permill {
		let Some(center) = median(values) else { return Permill::zero() };
		let mut distances: Vec<Value> = values
			.iter()
			.map(|v| Value::try_from(v.abs_diff(center)).unwrap_or(Value::MAX))
			.collect();
		let mad = median(&mut distances).unwrap_or(0);
		if center == 0 {
			return Permill::zero();
		}
		Permill::from_rational(mad.unsigned_abs().min(center.unsigned_abs()), center.unsigned_abs())
	}
}

impl<T: Config> OnRoundResolved<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn on_rounds_resolved(outcomes: &[RoundOutcome<T::AccountId, BlockNumberFor<T>>]) -> Weight {
		Self::rounds_resolved(outcomes)
	}

	fn on_graces_over(outcomes: &[GraceOutcome<T::AccountId, BlockNumberFor<T>>]) -> Weight {
		Self::graces_over(outcomes)
	}
}
