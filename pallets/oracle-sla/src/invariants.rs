//! The invariants of the pallet's storage, checked by `try_state`.

use crate::{pallet::*, types::*};
use alloc::{collections::BTreeMap, vec::Vec};
use frame_support::{pallet_prelude::*, traits::Contains};
use sp_runtime::{traits::Saturating, FixedPointNumber, FixedU128, Perbill};

impl<T: Config> Pallet<T> {
	/// Invariants of the pallet's storage.
	///
	/// - Every record's counters add up: `expected = submitted + missing`, `late ≤
	///   submitted`; a resolved round has `accepted + out of tolerance = submitted` and
	///   its quorum met; a timed-out round has no value, accepted or out-of-tolerance
	///   submission.
	/// - A feed keeps at most [`Config::MaxSlaHistory`] records, all within that many
	///   rounds of its latest.
	/// - Feed states are sorted by feed id, one per existing feed, with valid terms, and
	///   each summary's rounds are the resolved plus the timed out.
	/// - Every operator's counters add up (`submitted + missed = assigned`, `accepted +
	///   out of tolerance ≤ submitted`, `late ≤ submitted`) and its decayed evidence stays
	///   within the geometric bound `1 / (1 - decay)` per side.
	/// - The session tally (rounds since each operator was last judged, carried across
	///   sessions while too few to judge) lists each operator once, with `missed ≤
	///   assigned`, an allowance of at most a round and a variance of at most a quarter of a
	///   round² per assigned round (a threshold `p` adds `p`, and `p × (1 − p) ≤ ¼`).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let history = T::MaxSlaHistory::get();
		let mut per_feed: BTreeMap<FeedId, (u32, RoundId)> = BTreeMap::new();
		for (feed_id, round_id, record) in Records::<T>::iter() {
			ensure!(record.feed_id == feed_id && record.round_id == round_id, "record keyed wrong");
			let missing = u32::try_from(record.missing.len()).unwrap_or(u32::MAX);
			let beyond = u32::try_from(record.out_of_tolerance.len()).unwrap_or(u32::MAX);
			ensure!(
				record.expected == record.submitted.saturating_add(missing),
				"expected is not submitted plus missing"
			);
			ensure!(record.late <= record.submitted, "more late than submitted");
			match record.status {
				RoundStatus::Resolved => {
					// The rest answered outside the feed's bounds: not judged.
					ensure!(
						record.accepted.saturating_add(beyond) <= record.submitted,
						"accepted plus out of tolerance is more than submitted"
					);
					ensure!(record.quorum_met && record.value.is_some(), "resolved without value");
				},
				RoundStatus::TimedOut => ensure!(
					record.accepted == 0
						&& beyond == 0 && record.value.is_none()
						&& !record.quorum_met,
					"a timed-out round judged submissions"
				),
			}
			let entry = per_feed.entry(feed_id).or_insert((0, round_id));
			entry.0.saturating_inc();
			entry.1 = entry.1.min(round_id);
		}
		let states = FeedStates::<T>::get();
		ensure!(
			states.windows(2).all(|pair| match pair {
				[a, b] => a.feed_id < b.feed_id,
				_ => true,
			}),
			"feed states not sorted by feed id, or a feed twice"
		);
		for state in &states {
			ensure!(T::Feeds::contains(&state.feed_id), "the SLA state of a removed feed");
			let summary = state.summary;
			ensure!(
				summary.rounds == summary.resolved.saturating_add(summary.timed_out),
				"summary rounds are not resolved plus timed out"
			);
			if let Some(terms) = state.terms {
				ensure!(Self::validate_terms(&terms).is_ok(), "a feed's terms are invalid");
			}
		}
		for (feed_id, (count, oldest)) in per_feed {
			ensure!(count <= history, "a feed keeps more records than MaxSlaHistory");
			if Pruning::<T>::contains_key(feed_id) {
				continue;
			}
			let summary = Self::feed_state(feed_id).ok_or("records without a summary")?.summary;
			ensure!(
				summary.latest_round.saturating_sub(oldest) < history,
				"a record older than the ring"
			);
		}
		let decay = T::ReputationDecay::get();
		let bound = if decay == Perbill::one() {
			None
		} else {
			// 1 / (1 - decay), plus rounding slack.
			FixedU128::from_perbill(Perbill::one().saturating_sub(decay))
				.reciprocal()
				.map(|b| b.saturating_add(FixedU128::from_u32(1)))
		};
		for (_, stats) in Stats::<T>::iter() {
			ensure!(
				stats.submitted.saturating_add(stats.missed) == stats.assigned,
				"operator submitted plus missed is not assigned"
			);
			ensure!(
				stats.accepted.saturating_add(stats.out_of_tolerance) <= stats.submitted,
				"operator judged more than it submitted"
			);
			ensure!(stats.late <= stats.submitted, "operator late more than it submitted");
			if let Some(bound) = bound {
				ensure!(stats.good <= bound && stats.bad <= bound, "evidence beyond its bound");
			}
		}
		let tallies = SessionTally::<T>::get();
		let mut operators: Vec<_> = tallies.iter().map(|t| &t.operator).collect();
		operators.sort();
		operators.dedup();
		ensure!(operators.len() == tallies.len(), "an operator is tallied twice");
		ensure!(tallies.iter().all(|t| t.missed <= t.assigned), "missed more than assigned");
		ensure!(
			tallies.iter().all(|t| {
				let assigned = u128::from(t.assigned);
				u128::from(t.allowance) <= assigned.saturating_mul(1_000_000)
					&& t.variance <= assigned.saturating_mul(250_000_000_000)
			}),
			"a tally's allowance or variance exceeds its rounds"
		);
		Ok(())
	}
}
