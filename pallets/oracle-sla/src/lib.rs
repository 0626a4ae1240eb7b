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
//!   ([`oracle_primitives::rounds::OnRoundResolved`]). For each, the pallet classifies
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
//! - **Handing on.** Once judged, the block's rounds go to [`Config::OnRoundsJudged`] (the
//!   delivery pallet), each with the summary of its record
//!   ([`oracle_primitives::rounds::JudgedRound`]): whatever comes after the judgement sees a
//!   round only with its record written.
//! - **Reads.** Storage, [`Pallet::feed_sla`], [`Pallet::operator_report`] and the runtime API
//!   crate `pallet-oracle-sla-runtime-api`.
//!
//! `docs/oracle-sla.md` in the repository explains the classification, the reputation and the
//! slashing in full.
//!
//! ## How to use
//!
//! Make the pallet the aggregation pallet's `OnRoundResolved` (and one of its `OnFeedChanged`),
//! hand the judged rounds to the delivery pallet, report its offences to `pallet-offences`,
//! reward through staking, and call [`Pallet::end_session`] from the session manager before a
//! session ends. The oracle chain's runtime (`runtime/src/configs/`):
//!
#![doc = docify::embed!("../../runtime/src/configs/mod.rs", sla_config)]
//!
//! and its session manager, which judges the session's missed rounds before staking ends the
//! session:
//!
#![doc = docify::embed!("../../runtime/src/configs/staking.rs", sla_then_staking)]
//!
//! ## Example
//!
//! Hold a feed to a tighter tolerance, then read a round's record and an operator's standing:
//!
#![doc = docify::embed!("src/tests.rs", tighter_terms_then_a_record_and_a_report)]
//!
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
mod invariants;
mod judge;
#[cfg(test)]
mod mock;
mod offences;
mod pruning;
mod terms;
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
	use frame_support::{
		pallet_prelude::*,
		traits::{Contains, RewardsReporter, ValidatorSetWithIdentification},
	};
	use frame_system::pallet_prelude::*;
	use oracle_primitives::rounds::OnRoundsJudged;
	use sp_runtime::Perbill;
	use sp_staking::offence::ReportOffence;

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

		/// Told about the rounds once they are judged, with their summaries: the delivery
		/// pallet, which sends them to subscribers.
		type OnRoundsJudged: OnRoundsJudged;

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
}
