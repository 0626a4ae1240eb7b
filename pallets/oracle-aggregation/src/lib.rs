//! # Oracle aggregation pallet
//!
//! Price feeds are configured on chain; each operator's offchain worker fetches the feeds' HTTP
//! sources and submits signed values; on chain the submissions of a round are resolved by mean or
//! median into the feed's running buffer of rounds.
//!
//! ## Overview
//!
//! - **Operators.** The accounts elected by staking to collate and operate the oracle in the
//!   current session, each with the `oracle` session key ([`KEY_TYPE`], sr25519) that its node
//!   signs reports with. The pallet is a session handler: `pallet-session` hands it the new
//!   validator set and their `oracle` keys at every session change and it stores them, bounded
//!   by [`Config::MaxOperators`], in [`Operators`].
//! - **Feeds.** [`Config::FeedAdminOrigin`] creates, updates, pauses and removes feeds
//!   ([`Pallet::create_feed`] and friends). A feed's [`feed_config::FeedConfig`] names its sources
//!   (URL, JSON path, transform, weight, API key), how the offchain worker combines them, how
//!   the chain combines the operators' values, its quorum, timing, bounds and buffer length. It
//!   is validated in full when set.
//! - **Reports.** The [`offchain`] worker of each operator node fetches every source of every
//!   due feed, and of every other feed once its polling interval passed, concurrently with one
//!   deadline and at most [`Config::MaxRequestsPerRun`] requests a run (the feeds that waited
//!   longest first, so none starves, and a bounded memory), parses the responses exactly into
//!   fixed point
//!   ([`parse`]), drops failures and outliers, aggregates ([`aggregate`]) and submits one report
//!   per run, signed by its `oracle` key over the report and this chain's genesis hash, as an
//!   unsigned [`Pallet::submit`]. The transaction pool refuses reports that are not signed by a
//!   current operator for this chain, come from an operator disabled for an offence
//!   ([`Config::DisabledOperators`]), or record nothing.
//! - **Rounds, safe against a third of the operators.** With `n` operators the chain tolerates
//!   `f = ⌊(n − 1) / 3⌋` arbitrary ones, whatever values and timing they pick. All of an
//!   operator's values for a feed's next round are stored together ([`Submissions`]). At the
//!   start of each block in which something is due, the pallet (1) opens a round only when it is
//!   due: one block after its heartbeat since the last value (so that an answer sent early
//!   cannot open it before the honest workers, who see it due in the heartbeat block, can
//!   answer), a paid request, or `f + 1` answers that moved by the feed's threshold (answers
//!   wait otherwise, and expire); (2) gives every operator the same answer window of
//!   `resolution_delay` blocks in which answers can land, from the block after the one the
//!   round opened in (whose state every worker reads once it imports it); (3) resolves it after
//!   the window (or once everyone answered) only with `max(quorum, 2f + 1)` in-bounds answers,
//!   by their median or trimmed mean, which then lie within the honest answers, and otherwise
//!   times it out `round_timeout` blocks after it opened. The round goes into the feed's buffer
//!   ([`Rounds`]), the running mean is updated, and the outcome, with every operator's answer and
//!   the band of the in-bounds answers without the `f` lowest and highest to judge them against,
//!   goes to [`Config::OnRoundResolved`]. A round that times out while more than `f` in-bounds
//!   answers moved by the threshold marks the feed **disputed**: reads fail until a round
//!   resolves, so that `f` operators holding rounds back cannot keep an old value fresh.
//! - **Changes under way.** A feed's `decimals` never change. Pausing a feed, or an update that
//!   changes how values are read or rounds decided, voids its open round and waiting answers
//!   without judging anyone ([`Event::RoundVoided`]). Answers outside the feed's bounds do not
//!   count and are not offences: they raise [`Event::BoundsBreached`].
//! - **Commit–reveal, per feed.** A feed with `commit_reveal` takes, for each round, first a
//!   commitment from each operator ([`commit_reveal::commitment`]: a hash of the chain, feed, round,
//!   value, a secret salt and the operator), for exactly one answer window (never closed early,
//!   so that no committer chooses when reveals open), and only then the values, each of which
//!   must open its operator's commitment, for another answer window of at least `f + 1` blocks
//!   (so that `f` colluding authors of consecutive blocks cannot keep every reveal out). No value of a round is in the transaction pool or in storage
//!   before every operator could commit, so none can be copied or answered; a commitment never
//!   revealed is a miss. Values being hidden, such a round opens early on `f + 1` commitments.
//! - **Storage for capacity.** The feeds' round state is one value ([`States`]) and what a
//!   report is checked against a compact projection of it ([`Heads`]), so a report and the
//!   round check read a fixed number of items however many feeds they cover; per closed round
//!   the check reads only the round leaving the buffer. 1,000 feeds × 31 operators report and
//!   resolve in one block within 75 % of its ref time and proof size. Readers get a feed's
//!   status, `max_age` and latest round in one read from [`Latest`].
//! - **Reads.** [`Pallet::latest_round`] and [`Pallet::fresh_round`] (fresh: the feed is active
//!   and its last value at most `max_age` blocks old, and no older than that many blocks take by
//!   the block's timestamp), view functions, the runtime API crate
//!   `pallet-oracle-aggregation-runtime-api`, and `pallet_oracle::DataProvider` /
//!   `DataProviderExtended` for consumers written against polkadot-sdk's `pallet-oracle`.
//! - **Untrusted input.** Source URLs are checked against the chain's [`hosts::HostRules`];
//!   response bodies are read by a strict scanner ([`parse`]) with a size limit. The scanner,
//!   the decimal parser and transforms, the sources' aggregation and configuration validation
//!   are fuzzed (`fuzz/`, with the properties in `fuzzing`, whose corpus the tests replay).
//!
//! `docs/oracle-aggregation.md` in the repository describes the fields, rounds, storage and the
//! operator node's offchain storage in full.
//!
//! ## How to use
//!
//! In the runtime, put the pallet into the session keys next to Aura (`oracle:
//! OracleAggregation` in `impl_opaque_keys!`), make it part of the session handler, let
//! operator reports be bare extrinsics (`frame_system::offchain::CreateBare`), and hand the
//! closed rounds to the SLA pallet. The oracle chain's runtime configures it so
//! (`runtime/src/configs/mod.rs`):
//!
#![doc = docify::embed!("../../runtime/src/configs/mod.rs", aggregation_config)]
//!
//! ## Example
//!
//! Once operators have reported and a round resolved, a reader gets the value only while it is
//! fresh, and otherwise learns why not:
//!
#![doc = docify::embed!("src/tests.rs", a_reader_gets_a_fresh_value_or_the_reason)]
//!
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::float_arithmetic))]

extern crate alloc;

pub use oracle_primitives::ReadError;
pub use pallet::*;
pub use session::OperatorsInTurn;
pub use weights::WeightInfo;

pub mod aggregate;
pub mod commit_reveal;
mod events;
pub mod feed_config;
mod feeds;
#[cfg(any(test, feature = "fuzzing"))]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "set-up code for worst cases and fuzzing, outside any block's execution"
)]
pub mod fuzzing;
pub mod hosts;
mod invariants;
pub mod offchain;
pub mod parse;
mod reads;
mod reports;
mod rounds;
mod session;
mod step;
mod storage;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "set-up code for worst cases and fuzzing, outside any block's execution"
)]
mod benchmarking;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod offchain_tests;
#[cfg(test)]
mod tests;

use frame_support::pallet_macros::import_section;
use sp_core::crypto::KeyTypeId;

/// The key type of the `oracle` session key: `orcl`.
///
/// An operator's node holds the private key in its keystore and signs its submissions with it.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"orcl");

/// The application crypto of the `oracle` session key: sr25519 under [`KEY_TYPE`].
pub mod crypto {
	use super::KEY_TYPE;
	use sp_application_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, KEY_TYPE);
}

/// The `InvalidTransaction::Custom` code with which the transaction pool refuses a report of an
/// operator disabled for an offence.
pub const REFUSED_DISABLED: u8 = 1;

/// The `InvalidTransaction::Custom` code with which the transaction pool refuses a report that
/// reveals a value of a commit–reveal round still collecting commitments, whatever else it
/// carries: such a value must not travel before every operator could commit.
pub const REFUSED_EARLY_REVEAL: u8 = 2;

/// The public `oracle` key of an operator.
pub type OracleId = crypto::Public;

/// The most grace periods a round check ends: the others end at the next checks.
pub const GRACE_ENDS_PER_CHECK: usize = 64;

/// Where the pallet logs: `RUST_LOG=oracle=debug` or `-l oracle=debug` on the node.
pub const LOG_TARGET: &str = "oracle";

/// The storage and genesis are in `storage.rs`, the events and errors in `events.rs`.
#[import_section(storage::storage)]
#[import_section(events::events)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::{feed_config::*, hosts::HostRules, types::*};
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, Credit, Inspect},
			DisabledValidators, FindAuthor, OnUnbalanced, UnixTime,
		},
	};
	use frame_system::{
		offchain::CreateBare,
		pallet_prelude::{BlockNumberFor, *},
	};
	use oracle_primitives::rounds::{OnFeedChanged, OnRoundResolved};
	use sp_runtime::{traits::Saturating, RuntimeAppPublic};

	/// The configuration of a feed in this runtime.
	pub type FeedConfigOf<T> = FeedConfig<BlockNumberFor<T>, <T as Config>::MaxSources>;
	/// A signed report of this runtime.
	pub type ReportOf<T> =
		Report<<T as Config>::AuthorityId, BlockNumberFor<T>, <T as Config>::MaxFeeds>;
	/// The signature of an `oracle` key.
	pub type SignatureOf<T> = <<T as Config>::AuthorityId as RuntimeAppPublic>::Signature;
	/// An operator's values, one per feed, ascending by feed: its answer for the feed's open
	/// round, or for a closed round while the feed has rounds in a grace period (an answer
	/// for a round shows the operator was there for every earlier round in a grace period).
	pub type SubmissionsOf<T> = BoundedVec<Submission<BlockNumberFor<T>>, <T as Config>::MaxFeeds>;
	/// Each author's last authored block ([`LastAuthored`]).
	pub type LastAuthoredOf<T> = BoundedVec<
		(<T as frame_system::Config>::AccountId, BlockNumberFor<T>),
		<T as Config>::MaxOperators,
	>;
	/// The block from which each operator is one ([`OperatorsSince`]).
	pub type OperatorsSinceOf<T> = BoundedVec<BlockNumberFor<T>, <T as Config>::MaxOperators>;
	/// The rounds in a grace period, with their start and latest end ([`GraceEnds`]).
	pub type GraceEndsOf<T> = BoundedVec<
		(FeedId, RoundId, BlockNumberFor<T>, BlockNumberFor<T>),
		<T as Config>::MaxFeeds,
	>;

	/// The proof size of reading `count` values of type `V` at their largest, which the
	/// benchmarks of the calls and hooks that read them beyond what was measured do not cover.
	pub(crate) fn proof_of<V: MaxEncodedLen>(count: u64) -> Weight {
		let size = u64::try_from(V::max_encoded_len()).unwrap_or(u64::MAX);
		Weight::from_parts(0, size.saturating_mul(count))
	}

	/// The operators pending in a closed round's grace period.
	pub type PendingOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxOperators>;
	/// The balance of the currency round requests are paid in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// A round request fee taken from its payer.
	pub type CreditOf<T> = Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

	/// The layout of this pallet's storage: 1 at launch; a change of layout comes with a
	/// migration to the next version, listed in the runtime's `Migrations`.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + CreateBare<Call<Self>> {
		/// The `oracle` session key: the identifier an operator's submissions are signed with.
		type AuthorityId: Member
			+ Parameter
			+ RuntimeAppPublic
			+ Ord
			+ MaybeSerializeDeserialize
			+ MaxEncodedLen;

		/// The most operators a session can have. A larger validator set is cut to this size
		/// (and logged), so keep it at least as large as staking's validator count.
		#[pallet::constant]
		type MaxOperators: Get<u32>;

		/// Who creates, changes, pauses and removes feeds.
		type FeedAdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most feeds there can be; also the most values in one report.
		#[pallet::constant]
		type MaxFeeds: Get<u32>;

		/// The most sources a feed can have.
		#[pallet::constant]
		type MaxSources: Get<u32>;

		/// The longest running buffer a feed can keep.
		#[pallet::constant]
		type MaxBufferLen: Get<u32>;

		/// The currency round requests are paid in.
		type Currency: Balanced<Self::AccountId>;

		/// What `request_round` costs.
		#[pallet::constant]
		type RoundRequestFee: Get<BalanceOf<Self>>;

		/// Where round request fees go (`()` burns them).
		type OnRoundRequestFee: OnUnbalanced<CreditOf<Self>>;

		/// The chain's clock, for the timestamps of resolved rounds.
		type UnixTime: UnixTime;

		/// Told about every closed round, once per block: the judge of the operators (the SLA
		/// pallet), which hands the judged rounds on.
		type OnRoundResolved: OnRoundResolved<Self::AccountId, BlockNumberFor<Self>>;

		/// Told about feeds updated, paused, resumed and removed.
		type OnFeedChanged: OnFeedChanged;

		/// The transaction-pool priority of operator reports.
		#[pallet::constant]
		type ReportPriority: Get<TransactionPriority>;

		/// How many blocks a report stays valid in the transaction pool: for late answers to
		/// closed rounds in a grace period (at least `MaxAuthorSpan`).
		#[pallet::constant]
		type ReportLongevity: Get<u32>;

		/// The oldest (in blocks since its `at`) a report may be for its answers to open
		/// rounds, so that a signed report cannot be replayed into a later round.
		#[pallet::constant]
		type MaxReportAge: Get<u32>;

		/// How long (ms) the offchain worker waits for all of a run's HTTP responses together.
		#[pallet::constant]
		type FetchDeadline: Get<u64>;

		/// The shortest polling interval (seconds) a feed may have: the worker requests a feed
		/// that is not due at most this often (see `FeedConfig::poll_interval`).
		#[pallet::constant]
		type MinPollInterval: Get<u32>;

		/// The most HTTP requests one run of the offchain worker makes (and so, with the 64 KiB
		/// body limit, the bytes it holds). Feeds over it wait for a later run, the one polled
		/// longest ago first. At least `MaxSources`.
		#[pallet::constant]
		type MaxRequestsPerRun: Get<u32>;

		/// The chain's block time (ms), from which the shortest answer window a feed may have
		/// follows (see [`Pallet::min_answer_window`]).
		#[pallet::constant]
		type ExpectedBlockTime: Get<u64>;

		/// Which of the session's validators are disabled, by their position in the session
		/// (`pallet-session`, whose disabling strategy staking drives when it slashes). A
		/// disabled operator's reports are refused until it is re-enabled or the validator set
		/// changes, so that once an offence has cost it stake, further reports cannot be made
		/// for free within the era; it is not expected to answer rounds meanwhile.
		type DisabledOperators: frame_support::traits::DisabledValidators;

		/// Who authored the block, from its digest (Aura's author through the session's
		/// validators). A round's missing operators are judged only once the blocks after its
		/// opening had `f + 1` distinct authors, one of whom at least is honest and includes
		/// their answers.
		type FindAuthor: FindAuthor<Self::AccountId>;

		/// The most blocks a commit–reveal phase, or a closed round's grace period, waits for
		/// `f + 1` distinct block authors; after it, missing operators are judged whatever the
		/// authors. At most `ReportLongevity`, so that a report left out of blocks stays valid
		/// for the whole period.
		#[pallet::constant]
		type MaxAuthorSpan: Get<u32>;

		/// The most round requests (`request_round`) accepted in one block.
		#[pallet::constant]
		type MaxRequestsPerBlock: Get<u32>;

		/// Weights of the calls and of round resolution.
		type WeightInfo: WeightInfo;
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Closes the rounds that are due: resolved when the quorum is met and every operator
		/// answered or the answer window passed, timed out at the round timeout; moves
		/// commit–reveal rounds from commitments to reveals.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let idle = T::WeightInfo::on_initialize_idle();
			let checked = match NextCheck::<T>::get() {
				Some(at) if at <= now => idle.saturating_add(Self::check_rounds(now)),
				_ => idle,
			};
			// After the check, which counts the authors of the blocks before this one.
			checked.saturating_add(Self::note_author(now))
		}

		fn offchain_worker(now: BlockNumberFor<T>) {
			offchain::run::<T>(now);
		}

		fn integrity_test() {
			assert!(T::MaxOperators::get() > 0, "MaxOperators must be at least 1");
			assert!(T::MaxFeeds::get() > 0, "MaxFeeds must be at least 1");
			assert!(T::MaxSources::get() > 0, "MaxSources must be at least 1");
			assert!(T::MaxBufferLen::get() > 0, "MaxBufferLen must be at least 1");
			assert!(T::MinPollInterval::get() > 0, "MinPollInterval must be at least 1 s");
			assert!(
				T::MaxRequestsPerRun::get() >= T::MaxSources::get(),
				"MaxRequestsPerRun must fit every source of a feed"
			);
			assert!(T::MaxAuthorSpan::get() > 0, "MaxAuthorSpan must be at least 1");
			assert!(
				T::MaxReportAge::get() <= T::ReportLongevity::get(),
				"MaxReportAge must not exceed ReportLongevity"
			);
			assert!(
				T::ReportLongevity::get() >= T::MaxAuthorSpan::get(),
				"a report left out of blocks must stay valid for MaxAuthorSpan blocks"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a feed from `config`; it gets the next feed id and starts active.
		///
		/// - Origin: `FeedAdminOrigin`.
		/// - The configuration is validated in full: `InvalidConfig` says why it is refused
		///   ([`ConfigError`]: `BadUrl`, `BadJsonPath`, `BadMinSources`, `ImpossibleQuorum`,
		///   `BoundsInverted`, ...).
		/// - Errors: the configuration errors, `TooManyFeeds`, `FeedIdOverflow`.
		/// - Event: `FeedCreated`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_feed())]
		pub fn create_feed(origin: OriginFor<T>, config: FeedConfigOf<T>) -> DispatchResult {
			T::FeedAdminOrigin::ensure_origin(origin)?;
			Self::do_create_feed(config).map(|_| ())
		}

		/// Replaces the configuration of feed `feed_id`. Its rounds and status are kept; a
		/// shorter `buffer_len` drops the oldest rounds of the buffer. A change of how values
		/// are read or a round is decided (sources, source aggregation, bounds, aggregation,
		/// quorum, answer window or timeout) voids the open round and the answers waiting for
		/// the next one, without judging anyone: they were given under the old rules.
		/// `commit_reveal` and `decimals` cannot change (a round's answers would change kind,
		/// a reader's value its scale): create another feed. The new configuration's
		/// fingerprint goes to `OnFeedChanged::on_feed_updated`, whose weight is charged too.
		///
		/// - Origin: `FeedAdminOrigin`.
		/// - Errors: `UnknownFeed`, `CommitRevealFixed`, `DecimalsFixed` and the configuration
		///   errors of `create_feed`.
		/// - Events: `FeedUpdated`, and `RoundVoided` when answers were dropped.
		#[pallet::call_index(1)]
		// Voiding sweeps the operators' values as `remove_feed` does, whose benchmark measures
		// that sweep at its largest.
		#[pallet::weight(
			T::WeightInfo::update_feed()
				.saturating_add(T::WeightInfo::remove_feed())
				.saturating_add(T::OnFeedChanged::feed_updated_weight())
		)]
		pub fn update_feed(
			origin: OriginFor<T>,
			feed_id: FeedId,
			config: FeedConfigOf<T>,
		) -> DispatchResult {
			T::FeedAdminOrigin::ensure_origin(origin)?;
			Self::do_update_feed(feed_id, config)
		}

		/// Pauses or resumes feed `feed_id`. A paused feed accepts no submissions; pausing voids
		/// its open round and the answers waiting for the next one, without judging anyone (an
		/// operator whose answer the pause refused is not missing).
		///
		/// - Origin: `FeedAdminOrigin`.
		/// - Errors: `UnknownFeed`, `StatusUnchanged`.
		/// - Events: `FeedStatusChanged`, and `RoundVoided` when answers were dropped.
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::set_feed_status().saturating_add(T::WeightInfo::remove_feed())
		)]
		pub fn set_feed_status(
			origin: OriginFor<T>,
			feed_id: FeedId,
			status: FeedStatus,
		) -> DispatchResult {
			T::FeedAdminOrigin::ensure_origin(origin)?;
			Self::do_set_feed_status(feed_id, status)
		}

		/// Removes feed `feed_id` with its rounds and the operators' values for its open round.
		///
		/// - Origin: `FeedAdminOrigin`.
		/// - Errors: `UnknownFeed`.
		/// - Event: `FeedRemoved`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_feed().saturating_add(Pallet::<T>::grace_removal_weight()))]
		pub fn remove_feed(origin: OriginFor<T>, feed_id: FeedId) -> DispatchResult {
			T::FeedAdminOrigin::ensure_origin(origin)?;
			Self::do_remove_feed(feed_id)
		}

		/// Records an operator's values for the open rounds of several feeds.
		///
		/// - Origin: none; the report is signed by the operator's `oracle` key and checked in
		///   transaction-pool validation, which refuses reports of non-operators, bad signatures
		///   and reports of which no value would be recorded. Valid reports are free.
		/// - Each entry is recorded unless its feed is unknown or paused, its round is not the
		///   feed's open round, or the operator already answered that round; values outside the
		///   feed's bounds are recorded as rejected (they count as answers, not in the aggregate).
		///   A commit–reveal feed takes a commitment while its round collects them and then the
		///   reveal of that commitment; other feeds take plain values.
		/// - Errors: `NotOperator`, `OperatorDisabled`, `EmptyReport`, `UnsortedReport`, and
		///   when no entry is recorded the reason of the first: `UnknownFeed`, `FeedPaused`,
		///   `StaleRound`, `FutureRound`, `AlreadySubmitted`, `ExpectedValue`,
		///   `ExpectedCommitment`, `ExpectedReveal`, `NotCommitted`, `RevealMismatch`.
		/// - Event: `Reported`. Rounds close at the start of the next block.
		#[pallet::call_index(4)]
		#[pallet::weight((T::WeightInfo::submit(report.values.len() as u32), DispatchClass::Normal, Pays::No))]
		pub fn submit(
			origin: OriginFor<T>,
			report: ReportOf<T>,
			_signature: SignatureOf<T>,
		) -> DispatchResult {
			ensure_none(origin)?;
			Self::do_submit(report)
		}

		/// Pays `RoundRequestFee` for a fresh round of feed `feed_id`: operators submit at their
		/// next offchain run whatever the heartbeat and deviation say.
		///
		/// - Origin: signed; the fee is withdrawn from the caller.
		/// - Errors: `TooManyRequests`, `UnknownFeed`, `FeedPaused`, `RoundAlreadyOpen`,
		///   `AlreadyRequested`, or the
		///   currency's error when the fee cannot be paid.
		/// - Event: `RoundRequested`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::request_round().saturating_add(T::DbWeight::get().reads_writes(1, 1)))]
		pub fn request_round(origin: OriginFor<T>, feed_id: FeedId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_round(who, feed_id)
		}

		/// Sets what source URLs may name beyond public hosts: with `allow_loopback`,
		/// `localhost` and loopback addresses (a development chain's local price server).
		/// Private, link-local and unspecified addresses are never allowed. Feeds already
		/// configured keep their URLs, but the offchain worker fetches no URL the rules refuse.
		///
		/// - Origin: root (not the feed admin, whose URLs these rules constrain).
		/// - Errors: `HostRulesUnchanged`.
		/// - Event: `HostRulesSet`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_host_rules())]
		pub fn set_host_rules(origin: OriginFor<T>, rules: HostRules) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_set_host_rules(rules)
		}
	}

	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The latest closed round of a feed, resolved or timed out.
		pub fn feed_latest_round(feed_id: FeedId) -> Option<RoundData<BlockNumberFor<T>>> {
			Self::latest_round(feed_id)
		}

		/// The latest round of a feed if its value is fresh, or why it is not.
		pub fn feed_fresh_round(
			feed_id: FeedId,
		) -> Result<RoundData<BlockNumberFor<T>>, ReadError> {
			Self::fresh_round(feed_id)
		}

		/// A round still in the feed's running buffer.
		pub fn feed_round(
			feed_id: FeedId,
			round_id: RoundId,
		) -> Option<RoundData<BlockNumberFor<T>>> {
			Rounds::<T>::get(feed_id, round_id)
		}
	}

	#[allow(deprecated)]
	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let Call::submit { report, signature } = call else {
				return InvalidTransaction::Call.into();
			};
			let now = frame_system::Pallet::<T>::block_number();
			if report.at > now {
				return InvalidTransaction::Future.into();
			}
			let longevity = BlockNumberFor::<T>::from(T::ReportLongevity::get());
			if now.saturating_sub(report.at) > longevity {
				return InvalidTransaction::Stale.into();
			}
			let Some((index, operator)) = Self::operator_of(&report.key) else {
				return InvalidTransaction::BadSigner.into();
			};
			if T::DisabledOperators::is_disabled(index) {
				return InvalidTransaction::Custom(REFUSED_DISABLED).into();
			}
			if !report.key.verify(&Self::report_payload(report), signature) {
				return InvalidTransaction::BadProof.into();
			}
			match Self::classify(&operator, report, now) {
				Ok((classified, _)) if classified.early_reveals > 0 => {
					return InvalidTransaction::Custom(REFUSED_EARLY_REVEAL).into();
				},
				Ok((classified, _)) if classified.recorded() > 0 => {},
				Ok(_) => return InvalidTransaction::Stale.into(),
				Err(_) => return InvalidTransaction::Call.into(),
			}
			ValidTransaction::with_tag_prefix("OracleReport")
				.priority(T::ReportPriority::get())
				.and_provides((operator, report.at))
				.longevity(u64::from(T::ReportLongevity::get()))
				.propagate(true)
				.build()
		}
	}
}
