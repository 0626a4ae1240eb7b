//! # Oracle SLA pallet
//!
//! Publishes a service-level record for every closed round of the oracle's feeds, keeps each
//! operator's reputation, pays accurate and timely operators era reward points and reports
//! wrong and missing values as offences, which staking turns into slashes of the operator's
//! stake and its nominators'.
//!
//! ## Overview
//!
//! - **Terms.** Every feed is held to [`types::SlaTerms`]: a deviation tolerance, a maximum
//!   latency, a target availability, slash fractions with caps and the share of rounds an
//!   operator is allowed to miss. [`Config::DefaultTerms`] apply until
//!   [`Config::AdminOrigin`] sets a feed's own with [`Pallet::set_terms`]. A feed's terms and
//!   its summary live in [`FeedStates`], one value for all feeds.
//! - **Records.** The aggregation pallet hands over the rounds closed in a block
//!   ([`pallet_oracle_aggregation::traits::OnRoundResolved`]). For each, the pallet classifies
//!   every operator (accepted, late, beyond tolerance, missing). Answers are judged against the
//!   round's band, its in-bounds answers without the `f` lowest and highest, never the feed's
//!   own value, and only in rounds that resolved (with at least `2f + 1` answers): with at most
//!   `f` liars the band lies within the honest answers, so an honest operator within tolerance
//!   of the others is never reported. An answer that `f + 1` in-bounds answers agree with is
//!   within tolerance (one of them is honest), and the tolerance widens by the round's move
//!   from the feed's previous value, so that an honest answer fetched a block or two apart from
//!   the others in a fast market is not an offence. Latency counts from the block the round
//!   opened to every operator; an answer is late only if it also landed after the blocks since
//!   had `f + 1` distinct authors, as colluding authors may keep it out until then. Operators
//!   pending in a round's grace period are judged when it ends ([`Pallet::graces_over`]): one
//!   that answered meanwhile was there, one that did not is missing. The pallet measures the
//!   spread, the
//!   dispersion (median absolute deviation) and the latency, updates the feed's availability,
//!   stores a [`types::SlaRecord`] in [`Records`] and emits it in [`Event::SlaPublished`]. The
//!   last [`Config::MaxSlaHistory`] records of a feed are kept: each new one prunes the record
//!   that falls out of the ring, and a removed feed's records are pruned in bounded steps when
//!   blocks have weight to spare.
//! - **Reputation.** [`Stats`] keeps each operator's counters and its Beta reputation
//!   `(good + 1) / (good + bad + 2)`, whose evidence decays by [`Config::ReputationDecay`] at
//!   every assigned round ([`types::OperatorStats::score`]).
//! - **Rewards.** Every accepted, on-time submission earns [`Config::RewardPoints`] era reward
//!   points through [`Config::Rewards`] (staking's `RewardsReporter`), so operators and their
//!   nominators are paid by the normal staking payout.
//! - **Offences.** A submission beyond tolerance is a [`types::DeviationOffence`], reported
//!   when its round closes (an operator beyond tolerance in several rounds closing in the same
//!   block is reported for the worst of them). Missed rounds are judged when a session ends
//!   ([`Pallet::end_session`]), over at least [`Config::MinJudgedRounds`] assigned rounds (a
//!   shorter tally is carried into the next session): missing more than the allowed share plus
//!   three standard deviations plus [`Config::MissAllowanceFloor`] rounds is a
//!   [`types::UnavailabilityOffence`] ([`types::Tally::is_offence`]). Both go to
//!   [`Config::ReportOffence`] (`pallet-offences`, which passes them to staking: the slash is
//!   deferred and can be cancelled by staking's admin origin). Slashes scale with severity and
//!   are capped; each offence names one operator and one round (or session), so nobody is
//!   reported twice for the same round. Terms keep every unavailability slash below
//!   [`Config::DisablingThreshold`] and every deviation slash at or above it, so that with a
//!   disabling strategy that disables from that severity a lie disables its operator and
//!   missed rounds (which a block author can cause by censoring reports) never do.
//! - **Reads.** Storage, [`Pallet::feed_sla`], [`Pallet::operator_report`] and the runtime API
//!   crate `pallet-oracle-sla-runtime-api`.
//!
//! `docs/oracle-sla.md` in the repository explains the classification, the reputation and the
//! slashing in full.
//!
//! ## How to use
//!
//! Make the pallet the aggregation pallet's `OnRoundResolved`, report its offences to
//! `pallet-offences`, reward through staking, and call [`Pallet::end_session`] from the
//! session manager before a session ends:
//!
//! ```ignore
//! impl pallet_oracle_sla::Config for Runtime {
//!     type AdminOrigin = EnsureRoot<AccountId>;
//!     type Feeds = OracleAggregation;
//!     type ValidatorSet = Historical;
//!     type ReportOffence = Offences;
//!     type Rewards = Staking;
//!     type MaxOperators = MaxOperators;
//!     type MaxFeeds = MaxFeeds;
//!     type MaxSlaHistory = ConstU32<64>;
//!     type DefaultTerms = DefaultSlaTerms;
//!     type MaxSlash = MaxSlash;
//!     type RewardPoints = ConstU32<1>;
//!     type ReputationDecay = ReputationDecay;
//!     type MinJudgedRounds = ConstU32<30>;
//!     type MissAllowanceFloor = ConstU32<2>;
//!     type DisablingThreshold = DisablingThreshold;
//!     type WeightInfo = pallet_oracle_sla::weights::SubstrateWeight<Runtime>;
//! }
//!
//! impl pallet_oracle_aggregation::Config for Runtime {
//!     type OnRoundResolved = OracleSla;
//!     // ...
//! }
//!
//! pub struct SessionManager;
//! impl pallet_session::SessionManager<AccountId> for SessionManager {
//!     fn end_session(index: SessionIndex) {
//!         OracleSla::end_session(index);
//!         <NoteHistoricalRoot<Runtime, Staking> as pallet_session::SessionManager<_>>::end_session(index)
//!     }
//!     // new_session and start_session forward to NoteHistoricalRoot<Runtime, Staking>.
//! }
//! ```
//!
//! ## Example
//!
//! Hold BTC/USD to 0.5 % and 99.5 % availability, then read a round's record and an
//! operator's reputation:
//!
//! ```ignore
//! let terms = SlaTerms { deviation_tolerance: Permill::from_parts(5_000), ..DefaultSlaTerms::get() };
//! OracleSla::set_terms(RuntimeOrigin::root(), btc_usd, terms)?;
//! // ... rounds close ...
//! let record = pallet_oracle_sla::Records::<Runtime>::get(btc_usd, round_id);
//! let report = OracleSla::operator_report(&alice);
//! ```

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::float_arithmetic))]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "set-up code for worst cases and fuzzing, outside any block's execution"
)]
mod benchmarking;
pub mod defaults;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// The log target of the pallet.
pub const LOG_TARGET: &str = "runtime::oracle-sla";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::types::*;
	use alloc::{collections::BTreeMap, vec::Vec};
	use frame_support::{
		pallet_prelude::*,
		traits::{Contains, RewardsReporter, ValidatorSet, ValidatorSetWithIdentification},
	};
	use frame_system::pallet_prelude::*;
	use pallet_oracle_aggregation::{
		aggregate,
		traits::{GraceOutcome, OnRoundResolved, RoundOutcome},
		types::{FeedId, RoundId, Value},
	};
	use sp_runtime::{
		traits::{Convert, Saturating, Zero},
		FixedPointNumber, FixedU128, Perbill, Permill,
	};
	use sp_staking::{offence::ReportOffence, SessionIndex};

	/// How staking identifies an operator in an offence.
	pub type IdentificationTuple<T> = (
		<T as frame_system::Config>::AccountId,
		<<T as Config>::ValidatorSet as ValidatorSetWithIdentification<
			<T as frame_system::Config>::AccountId,
		>>::Identification,
	);
	/// The SLA terms of this runtime.
	pub type SlaTermsOf<T> = SlaTerms<BlockNumberFor<T>>;
	/// The SLA record of this runtime.
	pub type SlaRecordOf<T> = SlaRecord<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxOperators,
	>;
	/// A feed's SLA state in this runtime.
	pub type FeedStateOf<T> = FeedState<BlockNumberFor<T>>;
	/// Every feed's SLA state in this runtime.
	pub type FeedStatesOf<T> = BoundedVec<FeedStateOf<T>, <T as Config>::MaxFeeds>;
	/// The session tallies of this runtime.
	pub type TalliesOf<T> =
		BoundedVec<Tally<<T as frame_system::Config>::AccountId>, <T as Config>::MaxOperators>;

	/// The layout of this pallet's storage: 1 at launch; a change of layout comes with a
	/// migration to the next version, listed in the runtime's `Migrations`.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who sets and clears a feed's terms.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The feeds that exist.
		type Feeds: Contains<FeedId>;

		/// The session's validators (the operators), identified by their accounts, with their
		/// identification for offences.
		type ValidatorSet: ValidatorSetWithIdentification<
			Self::AccountId,
			ValidatorId = Self::AccountId,
		>;

		/// Where offences go (`pallet-offences`).
		type ReportOffence: ReportOffence<
				Self::AccountId,
				IdentificationTuple<Self>,
				DeviationOffence<IdentificationTuple<Self>>,
			> + ReportOffence<
				Self::AccountId,
				IdentificationTuple<Self>,
				UnavailabilityOffence<IdentificationTuple<Self>>,
			>;

		/// Where reward points go (staking's era points).
		type Rewards: RewardsReporter<Self::AccountId>;

		/// The most operators a round can have; at least the aggregation pallet's.
		#[pallet::constant]
		type MaxOperators: Get<u32>;

		/// The most feeds; at least the aggregation pallet's.
		#[pallet::constant]
		type MaxFeeds: Get<u32>;

		/// Records kept per feed.
		#[pallet::constant]
		type MaxSlaHistory: Get<u32>;

		/// The terms of feeds without their own.
		#[pallet::constant]
		type DefaultTerms: Get<SlaTermsOf<Self>>;

		/// The largest slash cap terms may set.
		#[pallet::constant]
		type MaxSlash: Get<Perbill>;

		/// Era reward points per accepted, on-time submission.
		#[pallet::constant]
		type RewardPoints: Get<u32>;

		/// How much of an operator's reputation evidence survives each assigned round.
		#[pallet::constant]
		type ReputationDecay: Get<Perbill>;

		/// The assigned rounds an operator's tally needs to be judged for unavailability. A
		/// session that ends with fewer carries the tally into the next one (while the operator
		/// stays a validator), so that a few missed rounds are never judged on their own.
		#[pallet::constant]
		type MinJudgedRounds: Get<u32>;

		/// Missed rounds that are never an unavailability offence, whatever the rate: the
		/// tolerated misses of every judgement include this many whole rounds.
		#[pallet::constant]
		type MissAllowanceFloor: Get<u32>;

		/// The slash from which an offence disables its operator, as the runtime's disabling
		/// strategy applies it (the same value must configure both). Terms keep every
		/// unavailability slash below it and every deviation slash at or above it.
		#[pallet::constant]
		type DisablingThreshold: Get<Perbill>;

		/// Weights of the calls and of the per-round and session-end work.
		type WeightInfo: WeightInfo;
	}

	/// Every feed's own terms (none: [`Config::DefaultTerms`] apply) and rounds so far, sorted
	/// by feed id. One value, so that the rounds closing in a block read and write their feeds'
	/// terms and summaries once, however many there are. A feed gets its entry with its first
	/// closed round or its own terms, and loses it when it is removed.
	#[pallet::storage]
	pub type FeedStates<T: Config> = StorageValue<_, FeedStatesOf<T>, ValueQuery>;

	/// The SLA records of each feed's last [`Config::MaxSlaHistory`] closed rounds.
	#[pallet::storage]
	pub type Records<T: Config> =
		StorageDoubleMap<_, Twox64Concat, FeedId, Twox64Concat, RoundId, SlaRecordOf<T>>;

	/// Each operator's counters and reputation, kept across sessions.
	#[pallet::storage]
	pub type Stats<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, OperatorStats>;

	/// Each operator's assigned and missed rounds since it was last judged. When a session
	/// ends, a tally of at least [`Config::MinJudgedRounds`] rounds is judged and cleared; a
	/// shorter one is carried into the next session if its operator is still a validator, and
	/// dropped otherwise.
	#[pallet::storage]
	pub type SessionTally<T: Config> = StorageValue<_, TalliesOf<T>, ValueQuery>;

	/// Removed feeds whose records are still being pruned.
	#[pallet::storage]
	pub type Pruning<T: Config> = StorageMap<_, Twox64Concat, FeedId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A feed's terms were set.
		TermsSet { feed_id: FeedId, terms: SlaTermsOf<T> },
		/// A feed's terms were cleared: the defaults apply.
		TermsCleared { feed_id: FeedId },
		/// The SLA record of a closed round.
		SlaPublished { record: SlaRecordOf<T> },
		/// An offence was reported against an operator.
		OffenceReported { operator: T::AccountId, kind: OffenceKind, fraction: Perbill },
		/// An offence could not be reported (the operator has no identification for staking,
		/// or it was reported before).
		OffenceNotReported { operator: T::AccountId, kind: OffenceKind },
		/// A slash took stake from an operator.
		OperatorSlashed { operator: T::AccountId, amount: u128 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No feed has this id.
		UnknownFeed,
		/// The terms are invalid; the payload says why.
		InvalidTerms(TermsError),
		/// The feed has no terms of its own.
		NoTerms,
		/// More feeds than [`Config::MaxFeeds`] would have an SLA state.
		TooManyFeeds,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::prune(remaining)
		}

		fn integrity_test() {
			assert!(
				Self::validate_terms(&T::DefaultTerms::get()).is_ok(),
				"the default SLA terms are invalid"
			);
			assert!(T::MaxSlaHistory::get() > 0, "MaxSlaHistory must keep a record");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set a feed's own SLA terms.
		///
		/// - Origin: [`Config::AdminOrigin`].
		/// - The terms apply to rounds closing from the next block on.
		/// - Errors: [`Error::UnknownFeed`]; [`Error::InvalidTerms`] with the reason (zero
		///   tolerance, latency or miss threshold, a slash above its cap, a cap above
		///   [`Config::MaxSlash`], a `max_miss_slash` not below or a `deviation_slash` below
		///   [`Config::DisablingThreshold`]); [`Error::TooManyFeeds`] if the feed has no SLA
		///   state yet and [`Config::MaxFeeds`] feeds have one.
		/// - Emits [`Event::TermsSet`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_terms())]
		pub fn set_terms(
			origin: OriginFor<T>,
			feed_id: FeedId,
			terms: SlaTermsOf<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_terms(feed_id, terms)
		}

		/// Drop a feed's own terms: the runtime's defaults apply again.
		///
		/// - Origin: [`Config::AdminOrigin`].
		/// - Errors: [`Error::NoTerms`] if the feed has none of its own.
		/// - Emits [`Event::TermsCleared`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::clear_terms())]
		pub fn clear_terms(origin: OriginFor<T>, feed_id: FeedId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_clear_terms(feed_id)
		}
	}

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
		fn do_set_terms(feed_id: FeedId, terms: SlaTermsOf<T>) -> DispatchResult {
			ensure!(T::Feeds::contains(&feed_id), Error::<T>::UnknownFeed);
			Self::validate_terms(&terms).map_err(Error::<T>::InvalidTerms)?;
			let mut states = FeedStates::<T>::get();
			let index = Self::state_index(&mut states, feed_id).ok_or(Error::<T>::TooManyFeeds)?;
			if let Some(state) = states.get_mut(index) {
				state.terms = Some(terms);
			}
			FeedStates::<T>::put(states);
			Self::deposit_event(Event::TermsSet { feed_id, terms });
			Ok(())
		}

		fn do_clear_terms(feed_id: FeedId) -> DispatchResult {
			let mut states = FeedStates::<T>::get();
			let state = states
				.binary_search_by_key(&feed_id, |state| state.feed_id)
				.ok()
				.and_then(|index| states.get_mut(index))
				.filter(|state| state.terms.is_some())
				.ok_or(Error::<T>::NoTerms)?;
			state.terms = None;
			FeedStates::<T>::put(states);
			Self::deposit_event(Event::TermsCleared { feed_id });
			Ok(())
		}

		/// Checks `terms` against the runtime's [`Config::MaxSlash`] and
		/// [`Config::DisablingThreshold`].
		fn validate_terms(terms: &SlaTermsOf<T>) -> Result<(), TermsError> {
			terms.validate(T::MaxSlash::get(), T::DisablingThreshold::get())
		}

		/// The position of `feed_id`'s state in `states`, inserted fresh if it has none; `None`
		/// if it has none and `states` is full.
		fn state_index(states: &mut FeedStatesOf<T>, feed_id: FeedId) -> Option<usize> {
			match states.binary_search_by_key(&feed_id, |state| state.feed_id) {
				Ok(index) => Some(index),
				Err(index) => {
					states.try_insert(index, FeedState::new(feed_id)).ok().map(|()| index)
				},
			}
		}

		/// A feed's SLA state, if it has one.
		pub fn feed_state(feed_id: FeedId) -> Option<FeedStateOf<T>> {
			let states = FeedStates::<T>::get();
			let index = states.binary_search_by_key(&feed_id, |state| state.feed_id).ok()?;
			states.get(index).copied()
		}

		/// The terms a feed is held to.
		pub fn terms(feed_id: FeedId) -> SlaTermsOf<T> {
			Self::feed_state(feed_id)
				.and_then(|state| state.terms)
				.unwrap_or_else(T::DefaultTerms::get)
		}

		/// A feed's terms, rounds and availability; `None` for an unknown feed.
		pub fn feed_sla(feed_id: FeedId) -> Option<FeedSla<BlockNumberFor<T>>> {
			if !T::Feeds::contains(&feed_id) {
				return None;
			}
			let state = Self::feed_state(feed_id).unwrap_or_else(|| FeedState::new(feed_id));
			let own = state.terms;
			let terms = own.unwrap_or_else(T::DefaultTerms::get);
			let summary = state.summary;
			let availability = summary.availability();
			Some(FeedSla {
				terms,
				custom_terms: own.is_some(),
				summary,
				availability,
				meets_target: availability >= terms.target_availability,
			})
		}

		/// An operator's statistics and reputation; `None` if it never had a round.
		pub fn operator_report(operator: &T::AccountId) -> Option<OperatorReport> {
			Stats::<T>::get(operator).map(|stats| OperatorReport {
				stats,
				score: stats.score(),
				average_latency: stats.average_latency(),
			})
		}

		/// Judges the rounds closed in one block: records, reputation, rewards and deviation
		/// offences. Per round O(operators); the feeds' states and every operator's statistics
		/// are read and written once. An operator beyond tolerance in several rounds of the
		/// block is reported once, for its worst deviation (staking slashes an operator once
		/// per era, by its largest offence, anyway), so at most one offence per operator.
		/// Returns the weight used.
		pub fn rounds_resolved(
			outcomes: &[RoundOutcome<T::AccountId, BlockNumberFor<T>>],
		) -> Weight {
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
				most_operators =
					most_operators.max(u32::try_from(judged.len()).unwrap_or(u32::MAX));

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
					expected: submitted
						.saturating_add(u32::try_from(absent.len()).unwrap_or(u32::MAX)),
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
			T::WeightInfo::rounds_resolved(rounds, most_operators)
				.saturating_add(T::WeightInfo::report_offence().saturating_mul(reported.into()))
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
				let terms = states
					.binary_search_by_key(&outcome.feed_id, |state| state.feed_id)
					.ok()
					.and_then(|index| states.get(index))
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
		fn dispersion(values: &mut [Value]) -> Permill {
			let Some(center) = aggregate::median(values) else { return Permill::zero() };
			let mut distances: Vec<Value> = values
				.iter()
				.map(|v| Value::try_from(v.abs_diff(center)).unwrap_or(Value::MAX))
				.collect();
			let mad = aggregate::median(&mut distances).unwrap_or(0);
			if center == 0 {
				return Permill::zero();
			}
			Permill::from_rational(
				mad.unsigned_abs().min(center.unsigned_abs()),
				center.unsigned_abs(),
			)
		}

		/// Reports `operator`'s offence of `Class` with its identification; counts the penalty
		/// and emits the outcome.
		fn report<Class: OffenceClass>(
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

		/// Prunes records of removed feeds with the `remaining` weight of a block; returns the
		/// weight used.
		fn prune(remaining: Weight) -> Weight {
			let db = T::DbWeight::get();
			let mut used = db.reads(1);
			if remaining.any_lt(used) {
				return Weight::zero();
			}
			let Some(feed_id) = Pruning::<T>::iter_keys().next() else { return used };
			// One write per record and one to finish.
			let per_record = db.writes(1);
			let affordable = remaining
				.saturating_sub(used)
				.saturating_sub(db.writes(1))
				.checked_div_per_component(&per_record)
				.unwrap_or(u64::MAX);
			let limit = u32::try_from(affordable).unwrap_or(u32::MAX).min(T::MaxSlaHistory::get());
			if limit.is_zero() {
				return used;
			}
			let result = Records::<T>::clear_prefix(feed_id, limit, None);
			used.saturating_accrue(per_record.saturating_mul(u64::from(result.backend)));
			if result.maybe_cursor.is_none() {
				Pruning::<T>::remove(feed_id);
				used.saturating_accrue(db.writes(1));
			}
			used
		}

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
				ensure!(
					record.feed_id == feed_id && record.round_id == round_id,
					"record keyed wrong"
				);
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
						ensure!(
							record.quorum_met && record.value.is_some(),
							"resolved without value"
						);
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

	impl<T: Config> OnRoundResolved<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
		fn on_rounds_resolved(
			outcomes: &[RoundOutcome<T::AccountId, BlockNumberFor<T>>],
		) -> Weight {
			Self::rounds_resolved(outcomes)
		}

		fn on_graces_over(outcomes: &[GraceOutcome<T::AccountId, BlockNumberFor<T>>]) -> Weight {
			Self::graces_over(outcomes)
		}

		fn on_feed_removed(feed_id: FeedId) {
			FeedStates::<T>::mutate(|states| states.retain(|state| state.feed_id != feed_id));
			if Records::<T>::iter_key_prefix(feed_id).next().is_some() {
				Pruning::<T>::insert(feed_id, ());
			}
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
}
