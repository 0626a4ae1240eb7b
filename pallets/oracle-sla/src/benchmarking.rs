//! Benchmarks of the calls, of judging closed rounds, of reporting an offence and of the
//! session-end judgement, each in its worst case.

use super::*;
use crate::types::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{Contains, Get, ValidatorSet},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use oracle_primitives::rounds::{Answer, RoundOutcome};
use sp_runtime::{Perbill, Permill};

/// A feed that exists in the benchmarked runtime (the presets and the mock have feed 0).
const FEED: FeedId = 0;

fn terms<T: Config>() -> SlaTermsOf<T> {
	SlaTerms { deviation_tolerance: Permill::from_percent(2), ..T::DefaultTerms::get() }
}

/// Gives feeds `from..MaxFeeds` their own terms and `rounds` closed rounds: the feed states'
/// value at (or next to) its largest.
fn fill_states<T: Config>(from: FeedId, rounds: u32) {
	let states: Vec<_> = (from..T::MaxFeeds::get())
		.map(|feed_id| FeedState {
			feed_id,
			terms: Some(terms::<T>()),
			summary: FeedSummary {
				rounds,
				resolved: rounds,
				latest_round: rounds,
				..Default::default()
			},
		})
		.collect();
	FeedStates::<T>::put(BoundedVec::truncate_from(states));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Feed 0 gets its state first, in front of every other feed's.
	#[benchmark]
	fn set_terms() {
		assert!(T::Feeds::contains(&FEED), "the benchmarked runtime has feed {FEED}");
		fill_states::<T>(FEED.saturating_add(1), 0);
		let terms = terms::<T>();
		#[extrinsic_call]
		_(RawOrigin::Root, FEED, terms);
		assert_eq!(Pallet::<T>::feed_state(FEED).and_then(|state| state.terms), Some(terms));
	}

	#[benchmark]
	fn clear_terms() {
		fill_states::<T>(FEED, 0);
		#[extrinsic_call]
		_(RawOrigin::Root, FEED);
		assert_eq!(Pallet::<T>::feed_state(FEED).map(|state| state.terms), Some(None));
	}

	/// `r` rounds of different feeds, each with `o` operators answering in time, every answer
	/// beyond tolerance of the band and accepted only because the others agree with it (the
	/// costliest judgement), every operator with statistics and a session tally, every feed (up
	/// to `MaxFeeds`) with its own terms and a summary, each round with a record to evict.
	#[benchmark]
	fn rounds_resolved(r: Linear<1, 100>, o: Linear<1, { T::MaxOperators::get() }>) {
		let operators: Vec<T::AccountId> = (0..o).map(|i| account("operator", i, 0)).collect();
		let history = T::MaxSlaHistory::get();
		let round_id = history.saturating_add(1);
		let started_at: BlockNumberFor<T> = 10u32.into();
		let mut tallies = Vec::new();
		for operator in &operators {
			Stats::<T>::insert(
				operator,
				OperatorStats { assigned: 1, missed: 1, ..Default::default() },
			);
			tallies.push(Tally { assigned: 1, missed: 1, ..Tally::new(operator.clone()) });
		}
		SessionTally::<T>::put(BoundedVec::truncate_from(tallies));
		fill_states::<T>(0, history);
		let outcomes: Vec<_> = (0..r)
			.map(|feed_id| {
				Records::<T>::insert(
					feed_id,
					1,
					SlaRecord {
						feed_id,
						round_id: 1,
						status: RoundStatus::TimedOut,
						value: None,
						expected: 0,
						submitted: 0,
						accepted: 0,
						late: 0,
						missing: BoundedVec::new(),
						out_of_tolerance: BoundedVec::new(),
						spread: None,
						dispersion: Permill::zero(),
						latency: 0u32.into(),
						quorum_met: false,
						availability: Permill::one(),
						target_availability: Permill::one(),
						closed_at: 0u32.into(),
					},
				);
				RoundOutcome {
					feed_id,
					round_id,
					value: Some(1_000_000),
					decimals: 8,
					closed_at_ms: 0,
					reference: Some(1_000_000),
					band: Some((1_000_000, 1_000_000)),
					previous: Some(1_000_000),
					faults: o.saturating_sub(1) / 3,
					spanned_at: Some(started_at),
					started_at,
					opened_at: started_at,
					closed_at: started_at + 2u32.into(),
					answers: operators
						.iter()
						.zip(0i128..)
						.map(|(operator, i)| Answer {
							operator: operator.clone(),
							value: 2_000_000i128.saturating_add(i),
							at: started_at,
							in_bounds: true,
						})
						.collect(),
					missing: Vec::new(),
					pending: Vec::new(),
				}
			})
			.collect();
		#[block]
		{
			Pallet::<T>::rounds_resolved(&outcomes);
		}
		let record = Records::<T>::get(0, round_id).expect("the round's record");
		assert_eq!((record.accepted, record.out_of_tolerance.len()), (o, 0), "backed, not beyond");
		assert!(Records::<T>::get(0, 1).is_none(), "the record leaving the ring is evicted");
		assert_eq!(Stats::<T>::get(&operators[0]).map(|s| s.accepted), Some(r));
	}

	/// One deviation offence of a sitting validator, as far as the runtime's offence handler
	/// takes it.
	#[benchmark]
	fn report_offence() {
		let validators = T::ValidatorSet::validators();
		let offender = validators.first().cloned().expect("the benchmarked runtime has validators");
		let session = T::ValidatorSet::session_index();
		let count = u32::try_from(validators.len()).unwrap_or(u32::MAX);
		Stats::<T>::insert(&offender, OperatorStats::default());
		#[block]
		{
			Pallet::<T>::report_deviation(
				offender.clone(),
				FEED,
				1,
				Perbill::from_percent(1),
				session,
				count,
			);
		}
		assert_eq!(Stats::<T>::get(&offender).map(|s| s.penalties), Some(1));
	}

	/// The session ends with `o` operators tallied, each a round short of `MinJudgedRounds`:
	/// every tally is looked up among the validators and those of validators are carried into
	/// the next session (a judged tally costs less; each offender adds a `report_offence`).
	#[benchmark]
	fn end_session(o: Linear<1, { T::MaxOperators::get() }>) {
		let validators = T::ValidatorSet::validators();
		let assigned = T::MinJudgedRounds::get().saturating_sub(1);
		let tallies: Vec<_> = (0..o)
			.map(|i| Tally {
				assigned,
				allowance: u64::from(assigned).saturating_mul(200_000),
				variance: u128::from(assigned).saturating_mul(160_000_000_000),
				..Tally::new(
					validators
						.get(i as usize)
						.cloned()
						.unwrap_or_else(|| account::<T::AccountId>("operator", i, 0)),
				)
			})
			.collect();
		SessionTally::<T>::put(BoundedVec::truncate_from(tallies));
		#[block]
		{
			Pallet::<T>::end_session(1);
		}
		assert!(SessionTally::<T>::get().len() <= o as usize);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
