//! Offences: deviations reported as their rounds close, unavailability judged when a session
//! ends, both through staking's offence path; and what slashes take, counted.

use crate::{pallet::*, types::*, WeightInfo, LOG_TARGET};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{ValidatorSet, ValidatorSetWithIdentification},
};
use sp_runtime::{
	traits::{Convert, Saturating},
	Perbill,
};
use sp_staking::{offence::ReportOffence, SessionIndex};

impl<T: Config> Pallet<T> {
	/// Reports `operator`'s submission to `feed_id`'s round `round_id` as beyond tolerance.
	pub(crate) fn report_deviation(
		operator: T::AccountId,
		feed_id: FeedId,
		round_id: RoundId,
		fraction: Perbill,
		session_index: SessionIndex,
		validator_set_count: u32,
	) {
		let kind = OffenceKind::Deviation { feed_id, round_id };
		Self::report::<Deviation>(operator, kind, fraction, session_index, validator_set_count);
	}

	/// Reports `operator`'s offence of `Class` with its identification; counts the penalty
	/// and emits the outcome.
	pub(crate) fn report<Class: OffenceClass>(
		operator: T::AccountId,
		kind: OffenceKind,
		fraction: Perbill,
		session_index: SessionIndex,
		validator_set_count: u32,
	) where
		T::ReportOffence: ReportOffence<
			T::AccountId,
			IdentificationTuple<T>,
			SlaOffence<IdentificationTuple<T>, Class>,
		>,
	{
		let identification = <T::ValidatorSet as ValidatorSetWithIdentification<
			T::AccountId,
		>>::IdentificationOf::convert(operator.clone());
		let reported = match identification {
			Some(identification) => T::ReportOffence::report_offence(
				Vec::new(),
				SlaOffence {
					kind,
					session_index,
					validator_set_count,
					offender: (operator.clone(), identification),
					fraction,
					class: core::marker::PhantomData::<Class>,
				},
			)
			.is_ok(),
			None => false,
		};
		if reported {
			Stats::<T>::mutate(&operator, |stats| {
				stats.get_or_insert_with(Default::default).penalties.saturating_inc()
			});
			Self::deposit_event(Event::OffenceReported { operator, kind, fraction });
		} else {
			log::warn!(target: LOG_TARGET, "offence {:?} of {:?} not reported", kind, operator);
			Self::deposit_event(Event::OffenceNotReported { operator, kind });
		}
	}

	/// Judges the tallies when session `session` ends. A tally of at least
	/// [`Config::MinJudgedRounds`] assigned rounds is judged and cleared: its operator is
	/// reported for unavailability if it missed more rounds than tolerated (its allowance,
	/// three standard deviations and [`Config::MissAllowanceFloor`] rounds; see
	/// [`Tally::is_offence`]). A shorter tally is carried into the next session if its
	/// operator is one of the session's validators, and dropped otherwise. At most
	/// [`Config::MaxOperators`] tallies. Returns the weight used.
	pub fn end_session(session: SessionIndex) -> Weight {
		let tallies = SessionTally::<T>::take();
		let operators = u32::try_from(tallies.len()).unwrap_or(u32::MAX);
		let min_rounds = T::MinJudgedRounds::get();
		let floor = T::MissAllowanceFloor::get();
		let (judged, short): (Vec<_>, Vec<_>) =
			tallies.into_iter().partition(|t| t.is_judged(min_rounds));
		let offenders: Vec<_> =
			judged.into_iter().filter(|t| t.is_offence(min_rounds, floor)).collect();
		let reported = u32::try_from(offenders.len()).unwrap_or(u32::MAX);
		if short.is_empty() && offenders.is_empty() {
			return T::WeightInfo::end_session(operators);
		}
		let validators = T::ValidatorSet::validators();
		let carried: Vec<_> =
			short.into_iter().filter(|t| validators.contains(&t.operator)).collect();
		if !carried.is_empty() {
			SessionTally::<T>::put(BoundedVec::truncate_from(carried));
		}
		let validator_set_count = u32::try_from(validators.len()).unwrap_or(u32::MAX);
		for tally in offenders {
			let fraction = tally.fraction();
			Self::report::<Unavailability>(
				tally.operator,
				OffenceKind::Unavailability { session },
				fraction,
				session,
				validator_set_count,
			);
		}
		// Reading the validators and writing the carried tallies back, beyond what the
		// generated weight of a session end with offenders measured.
		T::WeightInfo::end_session(operators)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
			.saturating_add(T::WeightInfo::report_offence().saturating_mul(reported.into()))
	}
}

/// Counts what slashes take from operators' own stake (nominators' losses are theirs).
impl<T: Config, Balance: Copy + Into<u128>> sp_staking::OnStakingUpdate<T::AccountId, Balance>
	for Pallet<T>
{
	fn on_slash(
		stash: &T::AccountId,
		_slashed_active: Balance,
		_slashed_unlocking: &alloc::collections::BTreeMap<sp_staking::EraIndex, Balance>,
		slashed_total: Balance,
	) {
		let amount: u128 = slashed_total.into();
		if amount == 0 {
			return;
		}
		let known = Stats::<T>::mutate_exists(stash, |stats| match stats {
			Some(stats) => {
				stats.slashed.saturating_accrue(amount);
				true
			},
			None => false,
		});
		if known {
			Self::deposit_event(Event::OperatorSlashed { operator: stash.clone(), amount });
		}
	}
}
