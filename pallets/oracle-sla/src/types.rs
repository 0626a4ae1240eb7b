//! SLA terms, the record published for every closed round, operator statistics and the
//! offences reported to staking.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
pub use oracle_primitives::{values::deviation, wire::RoundSla, FeedId, RoundId, Value};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{IntegerSquareRoot, One, Saturating},
	FixedU128, Perbill, Permill,
};
use sp_staking::{
	offence::{Kind, Offence},
	SessionIndex,
};

/// What a feed's operators are held to. Set per feed by the admin origin; feeds without their
/// own terms use the runtime's defaults.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct SlaTerms<BlockNumber> {
	/// A submission within this distance of the round's reference (the median of its
	/// in-bounds answers) is *accepted*; one further off (or outside the feed's bounds) is a
	/// deviation offence.
	pub deviation_tolerance: Permill,
	/// An absolute floor on the tolerance, in the feed's fixed point: a submission within
	/// this distance of the reference is accepted whatever `deviation_tolerance` says, so that
	/// a feed whose values come near zero (where any relative difference is huge) stays
	/// judgeable. 0 for none.
	pub tolerance_floor: u128,
	/// A submission at most this many blocks after the round started is *on time*.
	pub max_latency: BlockNumber,
	/// The share of the feed's rounds that must resolve with quorum.
	pub target_availability: Permill,
	/// The slash of a deviation offence at exactly the tolerance; it grows in proportion to
	/// the deviation (twice the tolerance, twice the slash) up to `max_deviation_slash`. At
	/// least the runtime's disabling threshold, so that every deviation offence disables its
	/// operator.
	pub deviation_slash: Perbill,
	/// The largest slash of one deviation offence.
	pub max_deviation_slash: Perbill,
	/// The slash of an unavailability offence at exactly the allowed misses; it grows in
	/// proportion to the misses up to `max_miss_slash`.
	pub miss_slash: Perbill,
	/// The largest slash of one unavailability offence; below the runtime's disabling
	/// threshold, so that missed rounds never disable an operator.
	pub max_miss_slash: Perbill,
	/// The share of its assigned rounds an operator is allowed to miss. Missing more than the
	/// allowance plus a statistical margin, over enough rounds, is an unavailability offence,
	/// reported at a session's end (see [`Tally::is_offence`]).
	pub missed_rounds_threshold: Permill,
}

/// Why SLA terms are refused (the pallet's `InvalidTerms` error carries it).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	frame_support::PalletError,
)]
pub enum TermsError {
	/// `deviation_tolerance` is zero: every honest rounding difference would be an offence.
	ZeroTolerance,
	/// `max_latency` is zero: only the round's first submission could be on time.
	ZeroLatency,
	/// `missed_rounds_threshold` is zero: a single missed round would be an offence.
	ZeroMissThreshold,
	/// A slash is larger than its cap.
	SlashAboveCap,
	/// A cap is larger than the runtime's `MaxSlash`.
	CapAboveLimit,
	/// `max_miss_slash` is not below the runtime's `DisablingThreshold`: an unavailability
	/// offence, which a block author can cause by leaving an operator's reports out, could
	/// disable an honest operator.
	MissSlashWouldDisable,
	/// `deviation_slash` is below the runtime's `DisablingThreshold`: a deviation offence might
	/// not disable its operator, which could then lie again until the era ends.
	DeviationSlashBelowDisabling,
}

impl<BlockNumber: sp_runtime::traits::Zero + PartialEq> SlaTerms<BlockNumber> {
	/// Checks the terms against themselves, the runtime's largest slash `limit` and its
	/// `disabling` threshold (the slash from which an offence disables its operator): every
	/// unavailability slash must stay below it (`max_miss_slash < disabling`) and every
	/// deviation slash reach it (`deviation_slash >= disabling`; a deviation offence is slashed
	/// at least `deviation_slash`).
	pub fn validate(&self, limit: Perbill, disabling: Perbill) -> Result<(), TermsError> {
		if self.deviation_tolerance.is_zero() {
			return Err(TermsError::ZeroTolerance);
		}
		if self.max_latency.is_zero() {
			return Err(TermsError::ZeroLatency);
		}
		if self.missed_rounds_threshold.is_zero() {
			return Err(TermsError::ZeroMissThreshold);
		}
		if self.deviation_slash > self.max_deviation_slash || self.miss_slash > self.max_miss_slash
		{
			return Err(TermsError::SlashAboveCap);
		}
		if self.max_deviation_slash > limit || self.max_miss_slash > limit {
			return Err(TermsError::CapAboveLimit);
		}
		if self.max_miss_slash >= disabling {
			return Err(TermsError::MissSlashWouldDisable);
		}
		if self.deviation_slash < disabling {
			return Err(TermsError::DeviationSlashBelowDisabling);
		}
		Ok(())
	}

	/// The slash of a submission `deviation` away from the resolved value: `deviation_slash`
	/// times `deviation / deviation_tolerance`, at most `max_deviation_slash`.
	pub fn deviation_fraction(&self, deviation: Permill) -> Perbill {
		// An answer judged beyond tolerance is slashed at least `deviation_slash`, however its
		// deviation rounds, so that it always reaches the disabling threshold.
		scaled(
			self.deviation_slash,
			u128::from(deviation.deconstruct()),
			u128::from(self.deviation_tolerance.deconstruct()),
			self.max_deviation_slash,
		)
		.max(self.deviation_slash)
	}
}

/// `base × numerator / denominator`, at most `cap` (and `cap` for a zero denominator).
pub(crate) fn scaled(base: Perbill, numerator: u128, denominator: u128, cap: Perbill) -> Perbill {
	let parts = u128::from(base.deconstruct())
		.saturating_mul(numerator)
		.checked_div(denominator)
		.unwrap_or(u128::MAX);
	let parts = u32::try_from(parts).unwrap_or(u32::MAX);
	Perbill::from_parts(parts).min(cap)
}

/// Whether `value` is further than `tolerance` from `reference`, exactly (no rounding).
pub fn beyond_tolerance(value: Value, reference: Value, tolerance: Permill, floor: u128) -> bool {
	value.abs_diff(reference) > tolerance.mul_floor(reference.unsigned_abs()).max(floor)
}

/// How many of `sorted` (ascending) are within tolerance of `reference`, that is not
/// [`beyond_tolerance`] of it: those in `reference ± max(tolerance × |reference|, floor)`,
/// found by two binary searches.
pub fn within_tolerance_count(
	sorted: &[Value],
	reference: Value,
	tolerance: Permill,
	floor: u128,
) -> usize {
	let reach = tolerance.mul_floor(reference.unsigned_abs()).max(floor);
	let (low, high) =
		(reference.saturating_sub_unsigned(reach), reference.saturating_add_unsigned(reach));
	sorted
		.partition_point(|value| *value <= high)
		.saturating_sub(sorted.partition_point(|value| *value < low))
}

/// How a round closed.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum RoundStatus {
	/// With quorum, into a new value.
	Resolved,
	/// Without quorum, at the round's timeout; the feed keeps its last value.
	TimedOut,
}

/// A submission further from the resolved value than the feed's tolerance.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct OutOfTolerance<AccountId> {
	/// Who submitted it.
	pub operator: AccountId,
	/// What it submitted.
	pub value: Value,
	/// How far from the resolved value, relative to it (100 % at most).
	pub deviation: Permill,
}

/// The SLA record of one closed round.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxOperators))]
pub struct SlaRecord<AccountId, BlockNumber, MaxOperators: Get<u32>>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The feed.
	pub feed_id: FeedId,
	/// The round.
	pub round_id: RoundId,
	/// Resolved or timed out.
	pub status: RoundStatus,
	/// The resolved value (`None` when the round timed out).
	pub value: Option<Value>,
	/// The operators of the session, each assigned to the round.
	pub expected: u32,
	/// The operators that submitted a value.
	pub submitted: u32,
	/// Submissions within the tolerance of the resolved value (none when timed out).
	pub accepted: u32,
	/// Submissions later than `max_latency` after the round started.
	pub late: u32,
	/// The operators that submitted nothing.
	pub missing: BoundedVec<AccountId, MaxOperators>,
	/// The submissions beyond the tolerance (or outside the feed's bounds), each an offence.
	pub out_of_tolerance: BoundedVec<OutOfTolerance<AccountId>, MaxOperators>,
	/// The smallest and largest in-bounds submission.
	pub spread: Option<(Value, Value)>,
	/// The median absolute deviation of the in-bounds submissions from their median, relative
	/// to that median.
	pub dispersion: Permill,
	/// Blocks from the round's start (its first submission) to its close.
	pub latency: BlockNumber,
	/// Whether the quorum was met (the round resolved).
	pub quorum_met: bool,
	/// The feed's share of rounds resolved with quorum so far, this one included.
	pub availability: Permill,
	/// The feed's `target_availability` when the round closed.
	pub target_availability: Permill,
	/// The block the round closed in.
	pub closed_at: BlockNumber,
}

impl<AccountId, BlockNumber, MaxOperators> SlaRecord<AccountId, BlockNumber, MaxOperators>
where
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxOperators: Get<u32>,
{
	/// The round's summary as subscribers receive it with the round.
	pub fn summary(&self) -> RoundSla {
		RoundSla {
			expected: self.expected,
			submitted: self.submitted,
			accepted: self.accepted,
			deviating: u32::try_from(self.out_of_tolerance.len()).unwrap_or(u32::MAX),
			dispersion: self.dispersion,
			availability: self.availability,
		}
	}
}

/// A feed's rounds so far, for its availability.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct FeedSummary {
	/// Rounds closed.
	pub rounds: u32,
	/// Rounds resolved with quorum.
	pub resolved: u32,
	/// Rounds timed out without quorum.
	pub timed_out: u32,
	/// The last closed round (0 for none).
	pub latest_round: RoundId,
	/// Submissions judged beyond tolerance in the feed's rounds.
	pub out_of_tolerance: u32,
}

impl FeedSummary {
	/// Rounds resolved with quorum, as a share of all closed rounds (100 % before any).
	pub fn availability(&self) -> Permill {
		if self.rounds == 0 {
			return Permill::one();
		}
		Permill::from_rational(self.resolved, self.rounds)
	}
}

/// A feed's own terms, if it has any, and its rounds so far: one entry of
/// [`crate::FeedStates`].
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct FeedState<BlockNumber> {
	/// The feed.
	pub feed_id: FeedId,
	/// Its own terms; `None`: the runtime's defaults apply.
	pub terms: Option<SlaTerms<BlockNumber>>,
	/// Its rounds so far.
	pub summary: FeedSummary,
}

impl<BlockNumber> FeedState<BlockNumber> {
	/// A feed with no terms of its own and no rounds yet.
	pub fn new(feed_id: FeedId) -> Self {
		FeedState { feed_id, terms: None, summary: FeedSummary::default() }
	}
}

/// A feed's SLA as the runtime API returns it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct FeedSla<BlockNumber> {
	/// The terms in force (the feed's own or the runtime's defaults).
	pub terms: SlaTerms<BlockNumber>,
	/// Whether the feed has its own terms.
	pub custom_terms: bool,
	/// Its rounds so far.
	pub summary: FeedSummary,
	/// Its availability so far.
	pub availability: Permill,
	/// Whether the availability meets the target.
	pub meets_target: bool,
}

/// An operator's record over every round it was assigned, kept across sessions.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct OperatorStats {
	/// Rounds closed while it was an operator.
	pub assigned: u32,
	/// Rounds it submitted a value to.
	pub submitted: u32,
	/// Submissions within the tolerance of the resolved value.
	pub accepted: u32,
	/// Submissions later than `max_latency`.
	pub late: u32,
	/// Rounds it submitted nothing to.
	pub missed: u32,
	/// Submissions beyond the tolerance.
	pub out_of_tolerance: u32,
	/// Blocks from round start to its submissions, summed.
	pub latency_sum: u64,
	/// Offences reported against it.
	pub penalties: u32,
	/// What slashes took from its own stake, in the staking currency's smallest unit.
	pub slashed: u128,
	/// Era reward points earned by accepted, on-time submissions.
	pub reward_points: u64,
	/// Good evidence (accepted, on time), decayed by the runtime's `ReputationDecay` at every
	/// assigned round.
	pub good: FixedU128,
	/// Bad evidence (missed, beyond tolerance; a late acceptance is half good, half bad),
	/// decayed likewise.
	pub bad: FixedU128,
}

impl OperatorStats {
	/// The Beta reputation `(good + 1) / (good + bad + 2)`: 50 % without evidence, towards
	/// 100 % for a record of good rounds and towards 0 % for bad ones.
	pub fn score(&self) -> Permill {
		let one = FixedU128::one();
		let numerator = self.good.saturating_add(one);
		let denominator =
			self.good.saturating_add(self.bad).saturating_add(one).saturating_add(one);
		Permill::from_rational(numerator.into_inner(), denominator.into_inner())
	}

	/// Blocks from round start to its submissions, on average (rounded down).
	pub fn average_latency(&self) -> u64 {
		self.latency_sum.checked_div(u64::from(self.submitted)).unwrap_or(0)
	}

	/// Adds one assigned round's evidence after decaying the old.
	pub(crate) fn add_evidence(&mut self, decay: Perbill, good: FixedU128, bad: FixedU128) {
		let decay = FixedU128::from_perbill(decay);
		self.good = self.good.saturating_mul(decay).saturating_add(good);
		self.bad = self.bad.saturating_mul(decay).saturating_add(bad);
	}
}

/// An operator's statistics with the figures derived from them, as the runtime API returns
/// them.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct OperatorReport {
	/// The stored statistics.
	pub stats: OperatorStats,
	/// Its reputation.
	pub score: Permill,
	/// Blocks from round start to its submissions, on average.
	pub average_latency: u64,
}

/// Millionths of a round in a round: the unit of [`Tally::allowance`] and of the square root of
/// [`Tally::variance`].
const MILLIONTHS: u128 = 1_000_000;

/// An operator's assigned and missed rounds since it was last judged: those of the current
/// session, and those of earlier sessions that were too few to judge.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Tally<AccountId> {
	/// The operator.
	pub operator: AccountId,
	/// Rounds closed while it was an operator, since it was last judged.
	pub assigned: u32,
	/// Of those, the rounds it submitted nothing to.
	pub missed: u32,
	/// The misses it is allowed: the sum of each assigned round's feed threshold `p`, in
	/// millionths of a round.
	pub allowance: u64,
	/// The variance of the misses of an operator that misses each assigned round independently
	/// with probability `p`: the sum of each round's `p × (1 − p)`, in millionths squared
	/// (10⁻¹² of a round²).
	pub variance: u128,
	/// The missed rounds' feeds' `miss_slash`, summed (parts per billion).
	pub slash: u64,
	/// The missed rounds' feeds' `max_miss_slash`, summed (parts per billion).
	pub cap: u64,
}

impl<AccountId> Tally<AccountId> {
	/// An empty tally of `operator`.
	pub fn new(operator: AccountId) -> Self {
		Tally { operator, assigned: 0, missed: 0, allowance: 0, variance: 0, slash: 0, cap: 0 }
	}

	/// Adds an assigned round of a feed held to `terms`, which the operator `missed` or not.
	pub fn add_round<BlockNumber>(&mut self, terms: &SlaTerms<BlockNumber>, missed: bool) {
		let threshold = terms.missed_rounds_threshold.deconstruct();
		let rest = Permill::one().deconstruct().saturating_sub(threshold);
		self.assigned.saturating_inc();
		self.allowance.saturating_accrue(u64::from(threshold));
		self.variance
			.saturating_accrue(u128::from(threshold).saturating_mul(u128::from(rest)));
		if missed {
			self.missed.saturating_inc();
			self.slash.saturating_accrue(u64::from(terms.miss_slash.deconstruct()));
			self.cap.saturating_accrue(u64::from(terms.max_miss_slash.deconstruct()));
		}
	}

	/// Whether the tally has enough rounds to be judged: at least `min_rounds` assigned.
	pub fn is_judged(&self, min_rounds: u32) -> bool {
		self.assigned >= min_rounds
	}

	/// The misses tolerated, in millionths of a round: the allowance, plus three standard
	/// deviations (the square root of `variance`, rounded up) of the misses of an operator
	/// that misses each round independently at exactly its feed's threshold, plus `floor`
	/// whole rounds.
	pub fn tolerated(&self, floor: u32) -> u128 {
		let root = self.variance.integer_sqrt();
		let deviation =
			if root.saturating_mul(root) < self.variance { root.saturating_add(1) } else { root };
		u128::from(self.allowance)
			.saturating_add(deviation.saturating_mul(3))
			.saturating_add(u128::from(floor).saturating_mul(MILLIONTHS))
	}

	/// Whether the operator is an unavailability offender: its tally is judged (at least
	/// `min_rounds` assigned) and it missed more rounds than [`Self::tolerated`] with `floor`.
	///
	/// The margin of three standard deviations keeps the chance that an operator missing
	/// rounds independently at exactly its allowed rate is reported in one judgement at about
	/// 0.1 % (the normal approximation's one-sided tail beyond 3σ is 0.13 %; the floor and the
	/// rounding up lower it further), while an operator missing at three times the rate is
	/// reported almost always once it has a few dozen rounds. The pallet's tests measure both.
	pub fn is_offence(&self, min_rounds: u32, floor: u32) -> bool {
		self.is_judged(min_rounds)
			&& u128::from(self.missed).saturating_mul(MILLIONTHS) > self.tolerated(floor)
	}

	/// The slash of an offender: the missed rounds' average `miss_slash` times the misses over
	/// the allowance (an offender misses more than its allowance, so at least that average),
	/// at most the missed rounds' average `max_miss_slash` (the cap for a zero allowance).
	/// Valid terms keep every cap, and so this slash, below the disabling threshold.
	pub fn fraction(&self) -> Perbill {
		let missed = u64::from(self.missed).max(1);
		let base =
			u32::try_from(self.slash.checked_div(missed).unwrap_or_default()).unwrap_or(u32::MAX);
		let cap =
			u32::try_from(self.cap.checked_div(missed).unwrap_or_default()).unwrap_or(u32::MAX);
		scaled(
			Perbill::from_parts(base),
			u128::from(self.missed).saturating_mul(MILLIONTHS),
			u128::from(self.allowance),
			Perbill::from_parts(cap),
		)
	}
}

/// The kind of an offence, in events and in the offence's slot.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum OffenceKind {
	/// A submission beyond tolerance in a round of a feed.
	Deviation { feed_id: FeedId, round_id: RoundId },
	/// Too many missed rounds, judged when the session ended.
	Unavailability { session: SessionIndex },
}

/// Which offence class a [`SlaOffence`] is, so that `pallet-offences` tells them apart.
pub trait OffenceClass {
	/// The offence kind `pallet-offences` records.
	const ID: Kind;
}

/// A submission beyond a feed's tolerance.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Deviation {}
impl OffenceClass for Deviation {
	const ID: Kind = *b"oracle:deviation";
}

/// More missed rounds than the terms tolerate.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Unavailability {}
impl OffenceClass for Unavailability {
	const ID: Kind = *b"oracle:unavailab";
}

/// An offence of one operator: a deviation in one round or unavailability in one session. Its
/// slot is the [`OffenceKind`] (feed and round, or session) with the offender, so that an
/// operator is never reported twice for the same round or session and each offender's slash is
/// its own (`pallet-offences` would otherwise apply the latest fraction to every offender of a
/// slot).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SlaOffence<Offender, Class> {
	/// The round or session.
	pub kind: OffenceKind,
	/// The session it happened in.
	pub session_index: SessionIndex,
	/// The session's validators.
	pub validator_set_count: u32,
	/// The operator, identified for staking.
	pub offender: Offender,
	/// Its slash.
	pub fraction: Perbill,
	/// Deviation or unavailability.
	pub class: core::marker::PhantomData<Class>,
}

/// A submission beyond a feed's tolerance, reported when its round closes.
pub type DeviationOffence<Offender> = SlaOffence<Offender, Deviation>;
/// Too many missed rounds, reported when the session that judged them ends.
pub type UnavailabilityOffence<Offender> = SlaOffence<Offender, Unavailability>;

impl<Offender: Clone + Encode, Class: OffenceClass> Offence<Offender>
	for SlaOffence<Offender, Class>
{
	const ID: Kind = Class::ID;
	type Slot = (OffenceKind, [u8; 32]);

	fn offenders(&self) -> alloc::vec::Vec<Offender> {
		alloc::vec![self.offender.clone()]
	}

	fn session_index(&self) -> SessionIndex {
		self.session_index
	}

	fn validator_set_count(&self) -> u32 {
		self.validator_set_count
	}

	fn slot(&self) -> Self::Slot {
		(self.kind, sp_io::hashing::blake2_256(&self.offender.encode()))
	}

	fn slash_fraction(&self, _offenders_count: u32) -> Perbill {
		self.fraction
	}
}

impl<BlockNumber> oracle_primitives::ByFeed for FeedState<BlockNumber> {
	fn feed_id(&self) -> FeedId {
		self.feed_id
	}
}
