//! The SLA terms and judging parameters the oracle's runtime runs with, defined once so that
//! the runtime and the buffer study, which simulates the runtime to choose them, cannot drift
//! apart.

use crate::types::SlaTerms;
use sp_runtime::{Perbill, Permill};

/// What operators are held to unless a feed has its own terms: within 1 % of the resolved
/// value, within 2 blocks of the round's start (the development feeds' resolution delay), 99 %
/// of rounds resolved; 1 % slashed for a value at the tolerance (the [`DISABLING_THRESHOLD`]:
/// every lie disables), growing with the deviation up to 10 %; a fifth of the rounds allowed to
/// be missed, and 0.1 % slashed at that rate when the misses go beyond its margin, growing with
/// the misses up to 0.5 % (below the [`DISABLING_THRESHOLD`]: missed rounds never disable).
pub const TERMS: SlaTerms<u32> = SlaTerms {
	deviation_tolerance: Permill::from_percent(1),
	tolerance_floor: 0,
	max_latency: 2,
	target_availability: Permill::from_percent(99),
	deviation_slash: Perbill::from_percent(1),
	max_deviation_slash: Perbill::from_percent(10),
	miss_slash: Perbill::from_parts(1_000_000),
	max_miss_slash: Perbill::from_parts(5_000_000),
	missed_rounds_threshold: Permill::from_percent(20),
};

/// [`TERMS`] for a chain whose block numbers are `BlockNumber`.
pub fn terms<BlockNumber: From<u32>>() -> SlaTerms<BlockNumber> {
	let SlaTerms {
		deviation_tolerance,
		tolerance_floor,
		max_latency,
		target_availability,
		deviation_slash,
		max_deviation_slash,
		miss_slash,
		max_miss_slash,
		missed_rounds_threshold,
	} = TERMS;
	SlaTerms {
		deviation_tolerance,
		tolerance_floor,
		max_latency: max_latency.into(),
		target_availability,
		deviation_slash,
		max_deviation_slash,
		miss_slash,
		max_miss_slash,
		missed_rounds_threshold,
	}
}

/// No feed's terms may slash more than a quarter of the stake for one offence.
pub const MAX_SLASH: Perbill = Perbill::from_percent(25);

/// Reputation evidence keeps 99.5 % of its weight per assigned round: its half-life is about
/// 140 rounds.
pub const REPUTATION_DECAY: Perbill = Perbill::from_parts(995_000_000);

/// Missed rounds are judged over at least 30 assigned rounds. With the preset feeds an operator
/// is assigned about nine rounds a session, so a tally is judged about every three sessions; a
/// few rounds, of which a block author can make an honest operator miss one by leaving its
/// report out, are never judged on their own.
pub const MIN_JUDGED_ROUNDS: u32 = 30;

/// Two missed rounds are never an offence, whatever the rate.
pub const MISS_ALLOWANCE_FLOOR: u32 = 2;

/// An offence slashed at least 1 % disables its operator for the era (the session's
/// `DisablingStrategy`); [`TERMS`] keep every deviation slash at or above it and every
/// unavailability slash below it.
pub const DISABLING_THRESHOLD: Perbill = Perbill::from_percent(1);
