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
//!   ([`Pallet::create_feed`] and friends). A feed's [`types::FeedConfig`] names its sources
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
//!   commitment from each operator ([`types::commitment`]: a hash of the chain, feed, round,
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
//! In the runtime, put the pallet into the session keys next to Aura, make it part of the
//! session handler, and let operator reports be bare extrinsics:
//!
//! ```ignore
//! impl_opaque_keys! {
//!     pub struct SessionKeys {
//!         pub aura: Aura,
//!         pub oracle: OracleAggregation,
//!     }
//! }
//!
//! impl pallet_oracle_aggregation::Config for Runtime {
//!     type AuthorityId = pallet_oracle_aggregation::OracleId;
//!     type MaxOperators = ConstU32<100>;
//!     type FeedAdminOrigin = EnsureRoot<AccountId>;
//!     type MaxFeeds = ConstU32<1_000>;
//!     type MaxSources = ConstU32<10>;
//!     type MaxBufferLen = ConstU32<64>;
//!     type Currency = Balances;
//!     type RoundRequestFee = RoundRequestFee;
//!     type OnRoundRequestFee = ();
//!     type UnixTime = Timestamp;
//!     type OnRoundResolved = ();
//!     type ReportPriority = ReportPriority;
//!     type ReportLongevity = ConstU32<64>;
//!     type FetchDeadline = ConstU64<2_000>;
//!     type MinPollInterval = ConstU32<5>;
//!     type MaxRequestsPerRun = ConstU32<256>;
//!     type ExpectedBlockTime = ConstU64<6_000>;
//!     type DisabledOperators = Session;
//!     type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
//!     type MaxAuthorSpan = ConstU32<64>;
//!     type MaxReportAge = ConstU32<5>;
//!     type MaxRequestsPerBlock = ConstU32<8>;
//!     type WeightInfo = pallet_oracle_aggregation::weights::SubstrateWeight<Runtime>;
//! }
//!
//! impl<C> frame_system::offchain::CreateBare<C> for Runtime where RuntimeCall: From<C> {
//!     fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
//!         UncheckedExtrinsic::new_bare(call)
//!     }
//! }
//! ```
//!
//! ## Example
//!
//! An integrator creates a feed through sudo and, once operators have reported, reads it:
//!
//! ```ignore
//! OracleAggregation::create_feed(RuntimeOrigin::root(), btc_usd_config)?;
//! // ... operators report, the round resolves at the start of a later block ...
//! match OracleAggregation::fresh_round(0) {
//!     Ok(round) => log::info!("BTC/USD {} (round {})", round.value, round.round_id),
//!     Err(ReadError::Stale) => log::warn!("BTC/USD is older than its max_age"),
//!     Err(other) => log::warn!("no BTC/USD value: {other:?}"),
//! }
//! ```

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::float_arithmetic))]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

pub mod aggregate;
#[cfg(any(test, feature = "fuzzing"))]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "set-up code for worst cases and fuzzing, outside any block's execution"
)]
pub mod fuzzing;
pub mod hosts;
pub mod offchain;
pub mod parse;
pub mod traits;
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

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::{
		traits::{Answer, GraceOutcome, OnRoundResolved, RoundOutcome},
		types::*,
	};
	use alloc::{collections::BTreeMap, vec::Vec};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, Credit, Inspect},
			tokens::{Fortitude, Precision, Preservation},
			DefensiveTruncateFrom, DisabledValidators, FindAuthor, OnUnbalanced, OneSessionHandler,
			UnixTime,
		},
	};
	use frame_system::{
		offchain::CreateBare,
		pallet_prelude::{BlockNumberFor, *},
	};
	use sp_runtime::{
		traits::{One, SaturatedConversion, Saturating, Zero},
		RuntimeAppPublic,
	};

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

		/// Told about every closed round.
		type OnRoundResolved: OnRoundResolved<Self::AccountId, BlockNumberFor<Self>>;

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

	/// The operators of the current session, in session order, with their `oracle` keys.
	///
	/// Written by the session handler at genesis and at every session change.
	#[pallet::storage]
	pub type Operators<T: Config> =
		StorageValue<_, BoundedVec<(T::AccountId, T::AuthorityId), T::MaxOperators>, ValueQuery>;

	/// The id the next feed gets.
	#[pallet::storage]
	pub type NextFeedId<T> = StorageValue<_, FeedId, ValueQuery>;

	/// The configuration of each feed: its sources and how it aggregates and reports.
	#[pallet::storage]
	pub type Feeds<T: Config> = StorageMap<_, Twox64Concat, FeedId, FeedConfigOf<T>>;

	/// The round state of every feed, ascending by feed id: status, latest closed round, open
	/// round, running buffer.
	///
	/// One value for all feeds, so that the round check reads and writes it once per block
	/// however many feeds close (a per-feed read would cost a trie path per feed in the proof).
	#[pallet::storage]
	pub type States<T: Config> =
		StorageValue<_, BoundedVec<FeedState<BlockNumberFor<T>>, T::MaxFeeds>, ValueQuery>;

	/// What reports are checked against, for every feed ascending by id: status, latest closed
	/// round and bounds. A compact projection of [`States`], written with it, so that a report
	/// reads about 41 bytes per feed.
	#[pallet::storage]
	pub type Heads<T: Config> = StorageValue<_, BoundedVec<FeedHead, T::MaxFeeds>, ValueQuery>;

	/// What a reader needs for one feed in one read: its status, `max_age` and latest closed
	/// round. Written whenever a round closes or the feed's status or `max_age` changes.
	#[pallet::storage]
	pub type Latest<T: Config> =
		StorageMap<_, Twox64Concat, FeedId, LatestRound<BlockNumberFor<T>>>;

	/// The running buffer: the last `buffer_len` closed rounds of each feed.
	#[pallet::storage]
	pub type Rounds<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		FeedId,
		Twox64Concat,
		RoundId,
		RoundData<BlockNumberFor<T>>,
	>;

	/// Each operator's values for the open rounds, all feeds together, so that a report costs
	/// one read and one write however many values it carries.
	#[pallet::storage]
	pub type Submissions<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, SubmissionsOf<T>, ValueQuery>;

	/// The block at which open rounds are next checked for resolution or timeout.
	#[pallet::storage]
	pub type NextCheck<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// The block at which each current operator was last seen authoring a block (at most
	/// [`Config::MaxOperators`] authors, the oldest dropped first). An author authored a block
	/// after block `b` exactly when its entry is above `b`, which is how the distinct authors
	/// of a window are counted.
	#[pallet::storage]
	pub type LastAuthored<T: Config> = StorageValue<_, LastAuthoredOf<T>, ValueQuery>;

	/// The block from which each current operator, in session order, is an operator: it is
	/// expected to answer only rounds opened from then on.
	#[pallet::storage]
	pub type OperatorsSince<T: Config> = StorageValue<_, OperatorsSinceOf<T>, ValueQuery>;

	/// Closed rounds in their grace period, by feed and round: the expected operators that
	/// had not answered when the round closed, while the blocks of its window had fewer than
	/// `f + 1` distinct authors. Their answers keep being accepted (into [`Submissions`], as
	/// late) until those blocks and the ones after had `f + 1` distinct authors, at least one
	/// of them honest, or for [`Config::MaxAuthorSpan`] blocks.
	#[pallet::storage]
	pub type Graces<T: Config> =
		StorageDoubleMap<_, Twox64Concat, FeedId, Twox64Concat, RoundId, PendingOf<T>>;

	/// The rounds in [`Graces`], oldest first, with the block their answers count from and
	/// the check at which their period ends at the latest; read by every round check, the
	/// pending operators only when a period ends. When it is full, a round that would need
	/// another period judges none of its absent operators.
	#[pallet::storage]
	pub type GraceEnds<T: Config> = StorageValue<_, GraceEndsOf<T>, ValueQuery>;

	/// Round requests accepted in the current block: the block and how many.
	#[pallet::storage]
	pub type RequestsInBlock<T: Config> = StorageValue<_, (BlockNumberFor<T>, u32), ValueQuery>;

	/// What source URLs may name beyond public hosts (by default nothing): checked when a
	/// feed is created or updated, and by the offchain worker before each request.
	#[pallet::storage]
	pub type SourceHostRules<T> = StorageValue<_, HostRules, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The host rules, set before the feeds are created.
		pub host_rules: HostRules,
		/// Feeds created at genesis, getting ids 0, 1, 2, ... in order.
		pub feeds: Vec<FeedConfigOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			SourceHostRules::<T>::put(self.host_rules);
			for config in &self.feeds {
				if let Err(error) = Pallet::<T>::do_create_feed(config.clone()) {
					panic!("genesis feed {:?} is invalid: {:?}", config.name, error);
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A feed was created.
		FeedCreated { feed_id: FeedId, name: BoundedVec<u8, MaxNameLen> },
		/// A feed's configuration was replaced.
		FeedUpdated { feed_id: FeedId },
		/// A feed was paused or resumed.
		FeedStatusChanged { feed_id: FeedId, status: FeedStatus },
		/// A feed and its rounds were removed.
		FeedRemoved { feed_id: FeedId },
		/// The host rules for source URLs changed.
		HostRulesSet { rules: HostRules },
		/// An operator's report was recorded: `accepted` values in bounds, `out_of_bounds`
		/// values recorded as rejected, `committed` commitments to values of commit–reveal
		/// feeds, `ignored` entries not recorded (wrong round or phase, unknown or paused feed,
		/// already submitted, a reveal that does not match).
		Reported {
			operator: T::AccountId,
			accepted: u32,
			out_of_bounds: u32,
			committed: u32,
			ignored: u32,
		},
		/// A round resolved.
		RoundResolved {
			feed_id: FeedId,
			round_id: RoundId,
			value: Value,
			running_mean: Value,
			submissions: u32,
		},
		/// A round closed without quorum; the feed's value stays that of an earlier round.
		RoundTimedOut { feed_id: FeedId, round_id: RoundId, submissions: u32 },
		/// Someone paid for a fresh round of a feed.
		RoundRequested { feed_id: FeedId, who: T::AccountId },
		/// The feed's open round, or the answers waiting for it, were dropped without judging
		/// anyone: the feed was paused, or its configuration changed how values are read.
		RoundVoided { feed_id: FeedId, round_id: RoundId },
		/// A round timed out while more than `f` in-bounds answers had moved by the feed's
		/// `deviation_threshold` from its last value: the last value is disputed and reads of
		/// the feed fail until a round resolves.
		FeedDisputed { feed_id: FeedId, round_id: RoundId, moved: u32 },
		/// A closed round received answers outside the feed's bounds: a circuit-breaker alert
		/// (the true price may have left the bounds), not an offence of the operators.
		BoundsBreached { feed_id: FeedId, round_id: RoundId, answers: u32 },
		/// An operator pending in a closed round's grace period answered it: it is late, not
		/// missing. Its value does not count and is not judged.
		AnsweredLate { feed_id: FeedId, round_id: RoundId, operator: T::AccountId },
		/// A closed round's grace period ended: `late` pending operators answered during it,
		/// `missing` did not.
		GraceOver { feed_id: FeedId, round_id: RoundId, late: u32, missing: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No feed has this id.
		UnknownFeed,
		/// There are already `MaxFeeds` feeds.
		TooManyFeeds,
		/// Feed ids are exhausted.
		FeedIdOverflow,
		/// The feed is paused.
		FeedPaused,
		/// The feed already has this status.
		StatusUnchanged,
		/// The host rules are already these.
		HostRulesUnchanged,
		/// A round is open; it must close before another is requested.
		RoundAlreadyOpen,
		/// A round was already requested and not yet started.
		AlreadyRequested,
		/// `MaxRequestsPerBlock` rounds were already requested in this block.
		TooManyRequests,
		/// The report's key is not the `oracle` key of a current operator.
		NotOperator,
		/// The operator is disabled for an offence (see [`Config::DisabledOperators`]).
		OperatorDisabled,
		/// The report was made more than `MaxReportAge` blocks ago: too old to answer an open
		/// round.
		OutdatedReport,
		/// The report carries no value.
		EmptyReport,
		/// The report's values are not strictly ascending by feed.
		UnsortedReport,
		/// The operator already submitted a value for this round.
		AlreadySubmitted,
		/// The round is closed.
		StaleRound,
		/// The round is not open yet.
		FutureRound,
		/// A commit–reveal feed's round takes commitments now, not values.
		ExpectedCommitment,
		/// A commit–reveal feed's round takes reveals now: its commit phase is over.
		ExpectedReveal,
		/// The feed has no commit–reveal: it takes plain values.
		ExpectedValue,
		/// A reveal without a commitment of this operator for the round.
		NotCommitted,
		/// A reveal whose value and salt do not give the operator's commitment.
		RevealMismatch,
		/// A feed's `commit_reveal` is fixed when it is created.
		CommitRevealFixed,
		/// A feed's `decimals` are fixed when it is created: a value of another scale is another
		/// feed, so that no reader ever reads a value in a scale it did not expect.
		DecimalsFixed,
		/// The feed configuration is invalid, for the reason given.
		InvalidConfig(ConfigError),
	}

	impl<T> From<ConfigError> for Error<T> {
		fn from(error: ConfigError) -> Self {
			Error::InvalidConfig(error)
		}
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
		/// fingerprint goes to `OnRoundResolved::on_feed_updated`, whose weight is charged too.
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
				.saturating_add(T::OnRoundResolved::feed_updated_weight())
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

	/// A report sorted out, with the reason of the first value that is not recorded.
	pub(crate) type Classification<T> = (Classified<BlockNumberFor<T>>, Option<Error<T>>);

	/// Feed `feed_id`'s head in `heads`, which ascend by feed id.
	fn head_of(heads: &[FeedHead], feed_id: FeedId) -> Option<&FeedHead> {
		heads
			.binary_search_by_key(&feed_id, |h| h.feed_id)
			.ok()
			.and_then(|index| heads.get(index))
	}

	/// Where feed `feed_id` is in `states`, which ascend by feed id.
	fn feed_index<B>(states: &[FeedState<B>], feed_id: FeedId) -> Option<usize> {
		states.binary_search_by_key(&feed_id, |s| s.feed_id).ok()
	}

	/// What a round check does with the answers for a feed's next round while it is not open.
	pub(crate) enum Trigger<BlockNumber> {
		/// The round is due: it opens now.
		Open,
		/// It is not: answers from before `expire_before` are dropped, the others wait; the
		/// feed is checked again at `next`, if any answer is left.
		Wait { expire_before: BlockNumber, next: Option<BlockNumber> },
	}

	/// The operators' values by feed, each with the operator's position in the session.
	type AnswersByFeed<T> = BTreeMap<FeedId, Vec<(u32, Submission<BlockNumberFor<T>>)>>;

	impl<BlockNumber> Classified<BlockNumber> {
		fn recorded(&self) -> u32 {
			self.accepted
				.saturating_add(self.out_of_bounds)
				.saturating_add(self.committed)
				.saturating_add(u32::try_from(self.late.len()).unwrap_or(u32::MAX))
		}
	}

	impl<T: Config> Pallet<T> {
		/// The operators of the current session with their `oracle` keys.
		pub fn operators() -> BoundedVec<(T::AccountId, T::AuthorityId), T::MaxOperators> {
			Operators::<T>::get()
		}

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

		/// The shortest answer window (`resolution_delay`) a feed may have, in blocks:
		/// `1 + ⌈FetchDeadline / ExpectedBlockTime⌉`. A round opens to every operator in a block
		/// whose state their workers read once it is imported; a worker fetches for at most
		/// `FetchDeadline` and its report lands in the first block authored after that. The
		/// window counts the blocks after the opening one in which answers can land, and the
		/// round closes at the start of the block after them, so an honest worker always has at
		/// least two blocks (two authors) to land in.
		pub fn min_answer_window() -> BlockNumberFor<T> {
			let fetching = T::FetchDeadline::get().div_ceil(T::ExpectedBlockTime::get().max(1));
			let blocks = u32::try_from(fetching.saturating_add(1)).unwrap_or(u32::MAX);
			BlockNumberFor::<T>::from(blocks)
		}

		/// The faults a session of `operators` operators tolerates, `f = ⌊(n − 1) / 3⌋`, and the
		/// quorum a round needs at least whatever its feed says, `2f + 1` in-bounds answers: of
		/// any `2f + 1` answers at least `f + 1` are honest, so their median, and their mean
		/// without the `f` lowest and highest, lie within the honest answers.
		pub fn fault_tolerance(operators: u32) -> (u32, u32) {
			let faults = operators.saturating_sub(1) / 3;
			(faults, faults.saturating_mul(2).saturating_add(1))
		}

		/// The latest closed round of feed `feed_id`.
		pub fn latest_round(feed_id: FeedId) -> Option<RoundData<BlockNumberFor<T>>> {
			Latest::<T>::get(feed_id)?.round
		}

		/// The round state of feed `feed_id`.
		pub fn state(feed_id: FeedId) -> Option<FeedState<BlockNumberFor<T>>> {
			let states = States::<T>::get();
			states.get(feed_index(&states, feed_id)?).copied()
		}

		/// Stores `states` and their projection into [`Heads`].
		pub(crate) fn put_states(states: BoundedVec<FeedState<BlockNumberFor<T>>, T::MaxFeeds>) {
			let heads = states.iter().map(FeedHead::from).collect::<Vec<_>>();
			// As many heads as states.
			Heads::<T>::put(BoundedVec::defensive_truncate_from(heads));
			States::<T>::put(states);
		}

		/// Applies `f` to the state of feed `feed_id` and stores the result if `f` succeeds.
		fn mutate_state<R>(
			feed_id: FeedId,
			f: impl FnOnce(&mut FeedState<BlockNumberFor<T>>) -> Result<R, DispatchError>,
		) -> Result<R, DispatchError> {
			let mut states = States::<T>::get();
			let state = feed_index(&states, feed_id)
				.and_then(|index| states.get_mut(index))
				.ok_or(Error::<T>::UnknownFeed)?;
			let result = f(state)?;
			Self::put_states(states);
			Ok(result)
		}

		/// The latest round of feed `feed_id` if its value is fresh: at most `max_age` blocks
		/// old, and at most `max_age × ExpectedBlockTime` old by the block's timestamp, so that
		/// a value outlives neither a block count nor a stall of the chain (the first block
		/// after a stall is one block later but much later in time). A latest round that timed
		/// out carries the last resolved value with that value's block and time
		/// (`answered_in_round` < `round_id`): it is fresh as long as that value is. A paused
		/// feed, a feed that never resolved and a stale value are errors.
		pub fn fresh_round(feed_id: FeedId) -> Result<RoundData<BlockNumberFor<T>>, ReadError> {
			let latest = Latest::<T>::get(feed_id).ok_or(ReadError::UnknownFeed)?;
			if latest.status == FeedStatus::Paused {
				return Err(ReadError::Paused);
			}
			let round = latest.round.ok_or(ReadError::NoValue)?;
			if round.answered_in_round == 0 {
				return Err(ReadError::NoValue);
			}
			if latest.disputed {
				return Err(ReadError::Disputed);
			}
			let now = frame_system::Pallet::<T>::block_number();
			let now_ms = u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX);
			let max_age_ms = latest
				.max_age
				.saturated_into::<u64>()
				.saturating_mul(T::ExpectedBlockTime::get());
			if now.saturating_sub(round.updated_at) > latest.max_age
				|| now_ms.saturating_sub(round.updated_at_ms) > max_age_ms
			{
				return Err(ReadError::Stale);
			}
			Ok(round)
		}

		/// Sets the host rules without an origin check.
		pub fn do_set_host_rules(rules: HostRules) -> DispatchResult {
			ensure!(SourceHostRules::<T>::get() != rules, Error::<T>::HostRulesUnchanged);
			SourceHostRules::<T>::put(rules);
			Self::deposit_event(Event::HostRulesSet { rules });
			Ok(())
		}

		/// Creates a feed without an origin check.
		pub fn do_create_feed(config: FeedConfigOf<T>) -> Result<FeedId, DispatchError> {
			config
				.validate(
					T::MaxOperators::get(),
					T::MaxBufferLen::get(),
					Self::min_answer_window(),
					&SourceHostRules::<T>::get(),
					T::MinPollInterval::get(),
				)
				.map_err(Error::<T>::from)?;
			let feed_id = NextFeedId::<T>::get();
			let next = feed_id.checked_add(1).ok_or(Error::<T>::FeedIdOverflow)?;
			let params = config.round_params();
			let mut states = States::<T>::get();
			// Ids only grow, so pushing keeps the states ascending.
			states
				.try_push(FeedState {
					feed_id,
					status: FeedStatus::Active,
					params,
					latest_round: 0,
					open: None,
					requested: false,
					buffer_sum: 0,
					buffer_count: 0,
					out_of_bounds: 0,
					answer: Default::default(),
					grace_from: 0,
				})
				.map_err(|_| Error::<T>::TooManyFeeds)?;

			NextFeedId::<T>::put(next);
			Self::put_states(states);
			Latest::<T>::insert(
				feed_id,
				LatestRound {
					status: FeedStatus::Active,
					max_age: params.max_age,
					round: None,
					disputed: false,
				},
			);
			let name = config.name.clone();
			Feeds::<T>::insert(feed_id, config);
			Self::deposit_event(Event::FeedCreated { feed_id, name });
			Ok(feed_id)
		}

		fn do_update_feed(feed_id: FeedId, config: FeedConfigOf<T>) -> DispatchResult {
			let old = Feeds::<T>::get(feed_id).ok_or(Error::<T>::UnknownFeed)?;
			let void = old.reads_differently(&config);
			let (max_age, voided) = Self::mutate_state(feed_id, |state| {
				ensure!(
					config.commit_reveal == state.params.commit_reveal,
					Error::<T>::CommitRevealFixed
				);
				ensure!(config.decimals == state.params.decimals, Error::<T>::DecimalsFixed);
				config
					.validate(
						T::MaxOperators::get(),
						T::MaxBufferLen::get(),
						Self::min_answer_window(),
						&SourceHostRules::<T>::get(),
						T::MinPollInterval::get(),
					)
					.map_err(Error::<T>::from)?;
				let new_len = config.buffer_len;
				if new_len < state.params.buffer_len {
					// Drop the rounds that no longer fit and recount the buffer from what is left.
					let keep_from = state.latest_round.saturating_sub(new_len);
					let oldest = state.latest_round.saturating_sub(state.params.buffer_len);
					let (mut sum, mut count) = (0i128, 0u32);
					for round_id in oldest.saturating_add(1)..=state.latest_round {
						if round_id <= keep_from {
							Rounds::<T>::remove(feed_id, round_id);
						} else if let Some(round) = Rounds::<T>::get(feed_id, round_id) {
							if round.resolved() {
								sum = sum.saturating_add(round.value);
								count = count.saturating_add(1);
							}
						}
					}
					state.buffer_sum = sum;
					state.buffer_count = count;
				}
				state.params = config.round_params();
				let voided = void.then(|| Self::void_round(state)).flatten();
				Ok((state.params.max_age, voided))
			})?;
			Latest::<T>::mutate(feed_id, |latest| {
				if let Some(latest) = latest {
					latest.max_age = max_age;
				}
			});
			let fingerprint = config.fingerprint();
			Feeds::<T>::insert(feed_id, config);
			T::OnRoundResolved::on_feed_updated(feed_id, fingerprint);
			Self::deposit_event(Event::FeedUpdated { feed_id });
			if let Some(round_id) = voided {
				Self::deposit_event(Event::RoundVoided { feed_id, round_id });
			}
			Ok(())
		}

		/// Forgets feed `state`'s open round and every operator's answer for its next round,
		/// without judging anyone. Returns the round voided when there was something to drop.
		fn void_round(state: &mut FeedState<BlockNumberFor<T>>) -> Option<RoundId> {
			let round_id = state.latest_round.saturating_add(1);
			let was_open = state.open.take().is_some();
			// Late answers for closed rounds in their grace period stay.
			let dropped = Self::drop_answers(state.feed_id, state.latest_round, state.grace_from);
			(was_open || dropped).then_some(round_id)
		}

		/// Drops every operator's answer for feed `feed_id`'s rounds after `after`; whether
		/// there was any. At most one set of answers per current operator (ex-operators' sets
		/// are dropped at session changes).
		///
		/// While the feed has rounds in a grace period (`grace_from` not 0), a dropped value
		/// stays as a mark for round `after` instead: it shows its operator was there for them.
		fn drop_answers(feed_id: FeedId, after: RoundId, grace_from: RoundId) -> bool {
			let holders: Vec<T::AccountId> = Submissions::<T>::iter_keys().collect();
			let mut dropped = false;
			for operator in holders {
				Submissions::<T>::mutate_exists(&operator, |entry| {
					if let Some(values) = entry {
						let before = values.len();
						for value in values.iter_mut() {
							if value.feed_id == feed_id
								&& value.round_id > after
								&& Self::mark_presence(value, after, grace_from)
							{
								dropped = true;
							}
						}
						values.retain(|s| s.feed_id != feed_id || s.round_id <= after);
						dropped |= values.len() != before;
						if values.is_empty() {
							*entry = None;
						}
					}
				});
			}
			dropped
		}

		fn do_set_feed_status(feed_id: FeedId, status: FeedStatus) -> DispatchResult {
			let voided = Self::mutate_state(feed_id, |state| {
				ensure!(state.status != status, Error::<T>::StatusUnchanged);
				state.status = status;
				if status == FeedStatus::Paused {
					state.requested = false;
					return Ok(Self::void_round(state));
				}
				Ok(None)
			})?;
			if let Some(round_id) = voided {
				Self::deposit_event(Event::RoundVoided { feed_id, round_id });
			}
			Latest::<T>::mutate(feed_id, |latest| {
				if let Some(latest) = latest {
					latest.status = status;
				}
			});
			T::OnRoundResolved::on_feed_status_changed(feed_id, status);
			Self::deposit_event(Event::FeedStatusChanged { feed_id, status });
			Ok(())
		}

		fn do_remove_feed(feed_id: FeedId) -> DispatchResult {
			let mut states = States::<T>::get();
			let index = feed_index(&states, feed_id).ok_or(Error::<T>::UnknownFeed)?;
			states.remove(index);
			Self::put_states(states);
			Latest::<T>::remove(feed_id);
			Feeds::<T>::remove(feed_id);
			// At most `MaxBufferLen` rounds are kept per feed.
			let _ = Rounds::<T>::clear_prefix(feed_id, T::MaxBufferLen::get(), None);
			Self::drop_answers(feed_id, 0, 0);
			// Its rounds' grace periods end without judging anyone.
			let _ = Graces::<T>::clear_prefix(feed_id, T::MaxFeeds::get(), None);
			GraceEnds::<T>::mutate(|ends| ends.retain(|(feed, ..)| *feed != feed_id));
			Self::deposit_event(Event::FeedRemoved { feed_id });
			T::OnRoundResolved::on_feed_removed(feed_id);
			Ok(())
		}

		fn do_request_round(who: T::AccountId, feed_id: FeedId) -> DispatchResult {
			// At most `MaxRequestsPerBlock` requests a block, so that paid requests cannot
			// make the operators' workers fetch more feeds at once than they fetch in a run.
			let now = frame_system::Pallet::<T>::block_number();
			let (at, count) = RequestsInBlock::<T>::get();
			let count = if at == now { count } else { 0 };
			ensure!(count < T::MaxRequestsPerBlock::get(), Error::<T>::TooManyRequests);
			Self::mutate_state(feed_id, |state| {
				ensure!(state.status == FeedStatus::Active, Error::<T>::FeedPaused);
				ensure!(state.open.is_none(), Error::<T>::RoundAlreadyOpen);
				ensure!(!state.requested, Error::<T>::AlreadyRequested);
				let fee = T::Currency::withdraw(
					&who,
					T::RoundRequestFee::get(),
					Precision::Exact,
					Preservation::Preserve,
					Fortitude::Polite,
				)?;
				T::OnRoundRequestFee::on_unbalanced(fee);
				state.requested = true;
				Ok(())
			})?;
			RequestsInBlock::<T>::put((now, count.saturating_add(1)));
			Self::deposit_event(Event::RoundRequested { feed_id, who });
			Ok(())
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
				let checked =
					Self::check_value(&heads, item, previous.as_ref(), operator, &genesis)
						.and_then(|answer| {
							ensure!(
								now.saturating_sub(report.at) <= max_age,
								Error::<T>::OutdatedReport
							);
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
		/// commitment, whose value and salt must give it (see [`types::commitment`]).
		fn check_value(
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
						let expected = types::commitment(
							genesis,
							item.feed_id,
							item.round_id,
							value,
							&salt,
							operator,
						);
						ensure!(expected == hash, Error::<T>::RevealMismatch);
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
		fn check_late(
			heads: &[FeedHead],
			item: &ReportValue,
			previous: Option<&Submission<BlockNumberFor<T>>>,
		) -> Result<Answered, Error<T>> {
			let head = head_of(heads, item.feed_id).ok_or(Error::<T>::UnknownFeed)?;
			ensure!(
				head.grace_from != 0 && item.round_id >= head.grace_from,
				Error::<T>::StaleRound
			);
			ensure!(
				previous.is_none_or(|s| s.round_id < item.round_id),
				Error::<T>::AlreadySubmitted
			);
			match item.answer {
				ReportAnswer::Value(value) => Ok(Answered::Value {
					value,
					in_bounds: head.min_value <= value && value <= head.max_value,
				}),
				_ => Err(Error::<T>::StaleRound),
			}
		}

		fn do_submit(report: ReportOf<T>) -> DispatchResult {
			let (index, operator) =
				Self::operator_of(&report.key).ok_or(Error::<T>::NotOperator)?;
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

		/// Closes every round that is due at `now` and schedules the next check. Returns the
		/// weight used.
		pub(crate) fn check_rounds(now: BlockNumberFor<T>) -> Weight {
			let operators = Operators::<T>::get();
			// Every current operator's values, grouped by feed.
			let mut by_feed: AnswersByFeed<T> = BTreeMap::new();
			let mut held: Vec<(T::AccountId, SubmissionsOf<T>)> = Vec::new();
			for ((account, _), index) in operators.iter().zip(0u32..) {
				let values = Submissions::<T>::get(account);
				for submission in values.iter() {
					by_feed.entry(submission.feed_id).or_default().push((index, *submission));
				}
				held.push((account.clone(), values));
			}
			let mut states = States::<T>::get();
			// Open rounds whose answers are all gone (their operators left the set at a session
			// change) are checked too, so that they still close at their time.
			for state in states.iter() {
				if state.open.is_some() {
					by_feed.entry(state.feed_id).or_default();
				}
			}
			let feeds = u32::try_from(by_feed.len()).unwrap_or(u32::MAX);
			let (faults, min_quorum) =
				Self::fault_tolerance(u32::try_from(operators.len()).unwrap_or(u32::MAX));
			// Disabled operators are not expected to answer: their reports are refused.
			let disabled = T::DisabledOperators::disabled_validators();
			let expected: Vec<u32> = (0u32..)
				.take(operators.len())
				.filter(|index| !disabled.contains(index))
				.collect();
			// When each operator joined: it is expected to answer rounds opened since.
			let since = OperatorsSince::<T>::get();
			let expected_from = |opened_at: BlockNumberFor<T>| -> Vec<u32> {
				expected
					.iter()
					.copied()
					.filter(|index| {
						usize::try_from(*index)
							.ok()
							.and_then(|index| since.get(index))
							.is_none_or(|since| *since <= opened_at)
					})
					.collect()
			};
			// Whether the blocks after `from` had `f + 1` distinct authors, one of them at least
			// honest, who included every answer sent to it.
			let authors = LastAuthored::<T>::get();
			// Every author after `from` counts: a worker's answer to `from` reaches the next
			// block's author, as the fetch deadline is below the block time (see
			// `min_answer_window`).
			let spanned = |from: BlockNumberFor<T>| Self::authors_since(&authors, from) > faults;
			let span = BlockNumberFor::<T>::from(T::MaxAuthorSpan::get());
			// `OperatorsSince`, `LastAuthored` and `GraceEnds`, read and written, at their largest.
			let mut hook_weight = T::DbWeight::get()
				.reads_writes(3, 1)
				.saturating_add(proof_of::<OperatorsSinceOf<T>>(1))
				.saturating_add(proof_of::<LastAuthoredOf<T>>(1))
				.saturating_add(proof_of::<GraceEndsOf<T>>(1));

			// Grace periods that end now: their pending operators' late answers are in `held`.
			// At most `GRACE_ENDS_PER_CHECK` a block, the oldest first; the others end at the
			// next checks.
			let mut ended = Vec::new();
			let mut ongoing = Vec::new();
			for grace in GraceEnds::<T>::get() {
				let (_, _, from, until) = grace;
				if ended.len() < GRACE_ENDS_PER_CHECK && (now >= until || spanned(from)) {
					ended.push(grace);
				} else {
					ongoing.push(grace);
				}
			}
			let graces_before = ended.len().saturating_add(ongoing.len());
			let mut grace_outcomes: Vec<GraceOutcome<T::AccountId, BlockNumberFor<T>>> =
				Vec::with_capacity(ended.len());
			for (feed_id, round_id, _, _) in &ended {
				let pending = Graces::<T>::take(feed_id, round_id).unwrap_or_default();
				let mut late = Vec::new();
				let mut missing = Vec::new();
				let mut unjudged = Vec::new();
				for account in pending {
					let Some(index) = operators.iter().position(|(a, _)| *a == account) else {
						// No longer an operator (its answers went with it): not judged.
						unjudged.push(account);
						continue;
					};
					// Its answer for this round or a later one: it was there.
					let answered = held.get(index).and_then(|(_, values)| {
						values.iter().find(|s| s.feed_id == *feed_id && s.round_id >= *round_id)
					});
					match answered {
						Some(answer) => late.push((account, answer.at)),
						// Disabled since: not expected to answer.
						None if u32::try_from(index).is_ok_and(|i| disabled.contains(&i)) => {
							unjudged.push(account)
						},
						None => missing.push(account),
					}
				}
				Self::deposit_event(Event::GraceOver {
					feed_id: *feed_id,
					round_id: *round_id,
					late: u32::try_from(late.len()).unwrap_or(u32::MAX),
					missing: u32::try_from(missing.len()).unwrap_or(u32::MAX),
				});
				grace_outcomes.push(GraceOutcome {
					feed_id: *feed_id,
					round_id: *round_id,
					late,
					missing,
					unjudged,
				});
			}
			let ended_count = u64::try_from(ended.len()).unwrap_or(u64::MAX);
			hook_weight.saturating_accrue(
				T::DbWeight::get()
					.reads_writes(ended_count, ended_count)
					.saturating_add(proof_of::<PendingOf<T>>(ended_count)),
			);
			let mut closed: Vec<(FeedId, RoundId)> = Vec::new();
			// Feeds whose waiting answers from before a block are dropped.
			let mut expired: Vec<(FeedId, BlockNumberFor<T>)> = Vec::new();
			let mut outcomes: Vec<RoundOutcome<T::AccountId, BlockNumberFor<T>>> = Vec::new();
			let mut next_check: Option<BlockNumberFor<T>> = None;
			let timestamp_ms = u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX);
			// A round opened (or its reveals opened) by the check of block `from` is seen by the
			// workers once they import that block, so their answers land from block `from + 1`:
			// a window of `length` blocks is blocks `from + 1 ..= from + length`, and it is over
			// at the check of the next block.
			let window_end = |from: BlockNumberFor<T>, length: BlockNumberFor<T>| {
				from.saturating_add(length).saturating_add(One::one())
			};

			for (feed_id, answers) in by_feed {
				let Some(state) = feed_index(&states, feed_id).and_then(|i| states.get_mut(i))
				else {
					continue;
				};
				let round_id = state.latest_round.saturating_add(1);
				let mut answers: Vec<_> =
					answers.into_iter().filter(|(_, s)| s.round_id == round_id).collect();
				let is_open = matches!(state.open, Some(open) if open.round_id == round_id);
				let first_answer = answers.iter().map(|(_, s)| s.at).min();
				if !is_open {
					match Self::trigger(state, &answers, faults, now) {
						// The round opens to everyone now. Of the answers that waited for it
						// (the candidates that opened it, or made it checked), those older than
						// the shortest answer window are dropped, and their operators answer
						// again: every answer it counts is fetched within about one window of
						// the others (in a fast market one fetched long before would be judged
						// against later prices).
						Trigger::Open => {
							let fresh_from = now.saturating_sub(Self::min_answer_window());
							if answers.iter().any(|(_, s)| s.at < fresh_from) {
								expired.push((feed_id, fresh_from));
								answers.retain(|(_, s)| s.at >= fresh_from);
							}
						},
						Trigger::Wait { expire_before, next } => {
							// Not due: the answers wait as candidates; old ones are dropped.
							if answers.iter().any(|(_, s)| s.at < expire_before) {
								expired.push((feed_id, expire_before));
							}
							if let Some(at) = next {
								next_check = Some(next_check.map_or(at, |n| n.min(at)));
							}
							continue;
						},
					}
				}
				// The round opens to every operator at the first check after its first answer;
				// its window and timeout count from there, not from that answer.
				let open = state.open.filter(|open| open.round_id == round_id);
				let Some(started_at) = open.map(|open| open.started_at).or(first_answer) else {
					continue;
				};
				let opened_at = open.map_or(now, |open| open.opened_at);
				let expected_here = expected_from(opened_at);
				let window = state.params.resolution_delay;
				// A commit–reveal round's reveals get at least `f + 1` blocks, so that no `f`
				// colluding authors of consecutive blocks can keep every reveal out.
				let reveal_window = window.max(BlockNumberFor::<T>::from(faults.saturating_add(1)));
				let commit_reveal = state.params.commit_reveal;
				let mut reveal_from = open.and_then(|open| open.reveal_from);
				// The round as it stays open until the check at `at`.
				let entries = u32::try_from(answers.len()).unwrap_or(u32::MAX);
				let stays_open = |reveal_from| OpenRound {
					round_id,
					started_at,
					opened_at,
					submissions: entries,
					reveal_from,
				};
				if commit_reveal && reveal_from.is_none() {
					// Commit phase: it closes at the end of its window, never earlier, so that
					// no committer chooses when the reveals open; values are revealed from then
					// on.
					// It also waits for `f + 1` distinct authors since the opening (at most
					// `MaxAuthorSpan` blocks), so that colluding authors cannot keep an honest
					// commitment out.
					let commit_end = window_end(opened_at, window);
					let spanned_now = spanned(opened_at) || now >= window_end(opened_at, span);
					let at = if now >= commit_end && spanned_now {
						reveal_from = Some(now);
						window_end(now, reveal_window)
					} else if now >= commit_end {
						now.saturating_add(One::one())
					} else {
						commit_end
					};
					state.open = Some(stays_open(reveal_from));
					next_check = Some(next_check.map_or(at, |next| next.min(at)));
					continue;
				}
				// The answers: values (revealed ones, with commit–reveal). A commitment not
				// revealed is no answer.
				let values: Vec<(u32, Submission<BlockNumberFor<T>>, Value, bool)> = answers
					.iter()
					.filter_map(|(i, s)| {
						s.value().map(|(value, in_bounds)| (*i, *s, value, in_bounds))
					})
					.collect();
				let submissions = u32::try_from(values.len()).unwrap_or(u32::MAX);
				let in_bounds: Vec<Value> =
					values.iter().filter(|(_, _, _, ok)| *ok).map(|(_, _, v, _)| *v).collect();
				let in_bounds_count = u32::try_from(in_bounds.len()).unwrap_or(u32::MAX);
				let quorum = in_bounds_count >= state.params.quorum.max(min_quorum);
				// Answers are counted from here: the round's opening, or with commit–reveal the
				// opening of its reveals, after which no new commitment and so no new answer
				// can come: it closes at the end of the reveal window whatever it has.
				let (counted_from, everyone, resolve_at, timeout_at) = match reveal_from {
					Some(from) => {
						// The reveals, too, wait for `f + 1` distinct authors (at most
						// `MaxAuthorSpan` blocks): an unrevealed commitment is a miss only
						// when an honest author could have included its reveal.
						let end = window_end(from, reveal_window);
						let waits = now >= end && !spanned(from) && now < window_end(from, span);
						let end = if waits { now.saturating_add(One::one()) } else { end };
						(from, !answers.iter().any(|(_, s)| s.is_commitment()), end, end)
					},
					None => (
						opened_at,
						expected_here.iter().all(|index| values.iter().any(|(i, ..)| i == index)),
						window_end(opened_at, window),
						window_end(opened_at, state.params.round_timeout),
					),
				};

				// Before its window ends a round closes only when everyone has answered.
				let (value, reference, band) = if quorum && (everyone || now >= resolve_at) {
					// One copy, sorted by the first call; the others find it sorted.
					let mut values = in_bounds.clone();
					let reference = aggregate::median(&mut values);
					let band = aggregate::trimmed_band(
						&mut values,
						usize::try_from(faults).unwrap_or(usize::MAX),
					);
					(
						Self::aggregate(state.params.aggregation, &mut values, faults),
						reference,
						band,
					)
				} else {
					(None, None, None)
				};
				if value.is_none() && now < timeout_at && !everyone {
					// Still open: remember it for readers and the offchain workers.
					state.open = Some(stays_open(reveal_from));
					let at = if quorum { resolve_at } else { timeout_at };
					next_check = Some(next_check.map_or(at, |next| next.min(at)));
					continue;
				}

				let out_of_bounds = submissions.saturating_sub(in_bounds_count);
				// A round that times out while more than `f` in-bounds answers say the value
				// moved: at least one honest operator saw the move, so the old value is not
				// served as fresh while those who hold it back keep rounds from resolving.
				let moved = if value.is_none() && state.answer.round_id != 0 {
					let last = state.answer.value;
					let threshold = state.params.deviation_threshold;
					let moved = in_bounds
						.iter()
						.filter(|v| aggregate::deviation(**v, last) >= threshold)
						.count();
					u32::try_from(moved).unwrap_or(u32::MAX)
				} else {
					0
				};
				let disputed = moved > faults;
				// The feed's value before this round, for the judgement of its answers.
				let previous = (state.answer.round_id != 0).then_some(state.answer.value);
				let round = Self::close_round(
					state,
					round_id,
					value,
					started_at,
					now,
					timestamp_ms,
					submissions,
					out_of_bounds,
					disputed,
				);
				closed.push((feed_id, round_id));
				if disputed {
					Self::deposit_event(Event::FeedDisputed { feed_id, round_id, moved });
				}
				if out_of_bounds > 0 {
					Self::deposit_event(Event::BoundsBreached {
						feed_id,
						round_id,
						answers: out_of_bounds,
					});
				}
				match value {
					Some(value) => Self::deposit_event(Event::RoundResolved {
						feed_id,
						round_id,
						value,
						running_mean: round.running_mean,
						submissions,
					}),
					None => {
						Self::deposit_event(Event::RoundTimedOut { feed_id, round_id, submissions })
					},
				}
				// A commitment never revealed is a miss.
				let answered: Vec<u32> = values.iter().map(|(index, ..)| *index).collect();
				let absent: Vec<T::AccountId> = expected_here
					.iter()
					.filter(|index| !answered.contains(index))
					.filter_map(|index| operators.get(usize::try_from(*index).ok()?))
					.map(|(operator, _)| operator.clone())
					.collect();
				// A plain round's window may have had fewer than `f + 1` distinct authors, all
				// of them colluding: whoever did not answer is pending until the blocks after
				// the opening had `f + 1` (or for `MaxAuthorSpan` blocks), and their answers
				// meanwhile count as late. (A commit–reveal round's phases waited for them.)
				let grace = reveal_from.is_none()
					&& !absent.is_empty()
					&& !spanned(opened_at)
					&& now < window_end(opened_at, span);
				let room =
					ongoing.len() < usize::try_from(T::MaxFeeds::get()).unwrap_or(usize::MAX);
				let (missing, pending) = if grace && !room {
					// No room for another grace period: nobody absent is judged, rather than an
					// honest operator that colluding authors left out.
					log::warn!(target: LOG_TARGET, "grace periods full; round {round_id} of feed {feed_id} judges no absent operator");
					(Vec::new(), Vec::new())
				} else if grace {
					Graces::<T>::insert(
						feed_id,
						round_id,
						PendingOf::<T>::defensive_truncate_from(absent.clone()),
					);
					ongoing.push((feed_id, round_id, opened_at, window_end(opened_at, span)));
					hook_weight.saturating_accrue(
						T::DbWeight::get().writes(1).saturating_add(proof_of::<PendingOf<T>>(1)),
					);
					(Vec::new(), absent)
				} else {
					(absent, Vec::new())
				};
				outcomes.push(RoundOutcome {
					feed_id,
					round_id,
					value,
					decimals: state.params.decimals,
					closed_at_ms: timestamp_ms,
					reference: value.and(reference),
					band: value.and(band),
					previous,
					faults,
					spanned_at: Self::spanned_at(&authors, counted_from, faults),
					started_at,
					opened_at: counted_from,
					closed_at: now,
					// Only the expected operators' answers are judged: one that joined after the
					// round opened fetched later than the others, and in a fast market its value
					// may be as far from theirs as the market moved since (it still counts).
					answers: values
						.iter()
						.filter(|(index, ..)| expected_here.contains(index))
						.filter_map(|(index, s, value, in_bounds)| {
							let (operator, _) = operators.get(usize::try_from(*index).ok()?)?;
							Some(Answer {
								operator: operator.clone(),
								value: *value,
								at: s.at,
								in_bounds: *in_bounds,
							})
						})
						.collect(),
					missing,
					pending,
				});
			}
			if !outcomes.is_empty() {
				hook_weight.saturating_accrue(T::OnRoundResolved::on_rounds_resolved(&outcomes));
			}
			if !grace_outcomes.is_empty() {
				hook_weight.saturating_accrue(T::OnRoundResolved::on_graces_over(&grace_outcomes));
			}

			// Each feed's oldest round in a grace period, for the reports' checks.
			let mut graces_changed = ongoing.len() != graces_before || !ended.is_empty();
			for state in states.iter_mut() {
				let grace_from = ongoing
					.iter()
					.filter(|(feed, ..)| *feed == state.feed_id)
					.map(|(_, round, ..)| *round)
					.min()
					.unwrap_or(0);
				if state.grace_from != grace_from {
					state.grace_from = grace_from;
					graces_changed = true;
				}
			}
			if graces_changed {
				GraceEnds::<T>::put(BoundedVec::truncate_from(ongoing.clone()));
				if feeds == 0 {
					// Every feed's state written for its `grace_from`, which a check of no feed
					// does not cover.
					let all = u32::try_from(states.len()).unwrap_or(u32::MAX);
					hook_weight.saturating_accrue(T::WeightInfo::check_rounds(
						u32::try_from(operators.len()).unwrap_or(u32::MAX),
						all,
					));
				}
			}
			if !ongoing.is_empty() {
				let next = now.saturating_add(One::one());
				next_check = Some(next_check.map_or(next, |at| at.min(next)));
			}

			// Drop the values of closed rounds, but late answers for rounds still in their grace
			// period, and expired candidates, from the operators' sets.
			if !closed.is_empty() || !expired.is_empty() || !ended.is_empty() {
				for (account, mut values) in held {
					let before = values.len();
					// An expired candidate of a feed with rounds in a grace period stays as a
					// mark that its operator was there.
					let mut marked = false;
					for value in values.iter_mut() {
						let Some(state) =
							feed_index(&states, value.feed_id).and_then(|index| states.get(index))
						else {
							continue;
						};
						let is_expired = value.round_id > state.latest_round
							&& expired
								.iter()
								.any(|(feed, before)| value.feed_id == *feed && value.at < *before);
						if is_expired
							&& Self::mark_presence(value, state.latest_round, state.grace_from)
						{
							marked = true;
						}
					}
					values.retain(|s| {
						let is_closed = feed_index(&states, s.feed_id)
							.and_then(|index| states.get(index))
							.is_some_and(|state| s.round_id <= state.latest_round);
						if is_closed {
							// Kept while it shows the operator was there for a round of the
							// feed still in its grace period.
							return ongoing.iter().any(|(feed, round, ..)| {
								*feed == s.feed_id && *round <= s.round_id
							});
						}
						!expired.iter().any(|(feed, before)| s.feed_id == *feed && s.at < *before)
					});
					if values.len() == before && !marked {
						continue;
					}
					if values.is_empty() {
						Submissions::<T>::remove(&account);
					} else {
						Submissions::<T>::insert(&account, values);
					}
				}
			}
			if feeds > 0 || graces_changed {
				Self::put_states(states);
			}
			match next_check {
				Some(at) => NextCheck::<T>::put(at),
				None => NextCheck::<T>::kill(),
			}
			let operators = u32::try_from(operators.len()).unwrap_or(u32::MAX);
			T::WeightInfo::check_rounds(operators, feeds).saturating_add(hook_weight)
		}

		/// Whether answers for a feed's next round, not yet open, open it now. A round is due
		/// when the feed never resolved, its heartbeat passed since its last value, a paid
		/// request is pending, or at least `f + 1` in-bounds answers moved by the feed's
		/// `deviation_threshold` from its last value (with commit–reveal, `f + 1` commitments,
		/// as values are hidden): so that no `f` operators can make rounds
		/// more frequent than the heartbeat on their own. Otherwise, or while the feed is paused,
		/// the answers wait, each for at most `round_timeout` blocks, for the round to become
		/// due.
		pub(crate) fn trigger(
			state: &FeedState<BlockNumberFor<T>>,
			answers: &[(u32, Submission<BlockNumberFor<T>>)],
			faults: u32,
			now: BlockNumberFor<T>,
		) -> Trigger<BlockNumberFor<T>> {
			let params = &state.params;
			let heartbeat_at = state.answer.updated_at.saturating_add(params.heartbeat);
			let never_resolved = state.answer.round_id == 0;
			// With commit–reveal the values are hidden until the round opens: a commitment is an
			// operator's claim that the round is due, which honest workers make only when it is.
			let witnesses = answers
				.iter()
				.filter(|(_, s)| match s.answer {
					Answered::Value { value, in_bounds } => {
						in_bounds
							&& aggregate::deviation(value, state.answer.value)
								>= params.deviation_threshold
					},
					Answered::Committed(_) => true,
				})
				.count();
			let enough = u32::try_from(witnesses).unwrap_or(u32::MAX) > faults;
			let active = state.status == FeedStatus::Active;
			// The heartbeat opens a round one block after it is due: workers see it due in the
			// block `heartbeat_at` once they import it, so their answers land from the next
			// block; an answer sent early cannot open the round before they can answer.
			let heartbeat_open = heartbeat_at.saturating_add(One::one());
			if active && (never_resolved || now >= heartbeat_open || state.requested || enough) {
				return Trigger::Open;
			}
			let expire_before = now.saturating_sub(params.round_timeout);
			// While answers wait: checked again when the heartbeat comes or the oldest expires.
			let next =
				answers.iter().map(|(_, s)| s.at).filter(|at| *at >= expire_before).min().map(
					|oldest| {
						let expiry = oldest.saturating_add(params.round_timeout);
						expiry.saturating_add(One::one()).min(heartbeat_open)
					},
				);
			Trigger::Wait { expire_before, next }
		}

		/// A round's value from its in-bounds answers, `faults` of which may be arbitrary.
		fn aggregate(aggregation: Aggregation, values: &mut [Value], faults: u32) -> Option<Value> {
			match aggregation {
				Aggregation::Mean => {
					aggregate::trimmed_mean(values, usize::try_from(faults).unwrap_or(usize::MAX))
				},
				Aggregation::Median => aggregate::median(values),
			}
		}

		/// Writes the closed round `round_id` into the buffer, dropping the round that falls
		/// out of it, and updates the buffer's sum in `state`.
		#[allow(clippy::too_many_arguments)]
		fn close_round(
			state: &mut FeedState<BlockNumberFor<T>>,
			round_id: RoundId,
			value: Option<Value>,
			started_at: BlockNumberFor<T>,
			now: BlockNumberFor<T>,
			timestamp_ms: u64,
			submissions: u32,
			out_of_bounds: u32,
			disputed: bool,
		) -> RoundData<BlockNumberFor<T>> {
			let feed_id = state.feed_id;
			let buffer_len = state.params.buffer_len;
			if let Some(evicted) = round_id.checked_sub(buffer_len).filter(|r| *r > 0) {
				if let Some(old) = Rounds::<T>::take(feed_id, evicted) {
					if old.resolved() {
						state.buffer_sum = state.buffer_sum.saturating_sub(old.value);
						state.buffer_count = state.buffer_count.saturating_sub(1);
					}
				}
			}
			let round = match value {
				Some(value) => {
					// Bounds keep `buffer_len` values within `i128` (checked at configuration).
					state.buffer_sum = state.buffer_sum.saturating_add(value);
					state.buffer_count = state.buffer_count.saturating_add(1);
					RoundData {
						round_id,
						value,
						running_mean: Self::running_mean(state),
						started_at,
						updated_at: now,
						updated_at_ms: timestamp_ms,
						answered_in_round: round_id,
						submissions,
						out_of_bounds,
					}
				},
				None => RoundData {
					round_id,
					value: state.answer.value,
					running_mean: Self::running_mean(state),
					started_at,
					updated_at: state.answer.updated_at,
					updated_at_ms: state.answer.updated_at_ms,
					answered_in_round: state.answer.round_id,
					submissions,
					out_of_bounds,
				},
			};
			if value.is_some() {
				state.answer = LastAnswer {
					value: round.value,
					round_id,
					updated_at: now,
					updated_at_ms: timestamp_ms,
				};
			}
			Rounds::<T>::insert(feed_id, round_id, round);
			Latest::<T>::insert(
				feed_id,
				LatestRound {
					status: state.status,
					max_age: state.params.max_age,
					round: Some(round),
					disputed,
				},
			);
			state.latest_round = round_id;
			state.open = None;
			state.requested = false;
			state.out_of_bounds = state.out_of_bounds.saturating_add(out_of_bounds);
			round
		}

		fn running_mean(state: &FeedState<BlockNumberFor<T>>) -> Value {
			if state.buffer_count == 0 {
				return 0;
			}
			state.buffer_sum.div_euclid(i128::from(state.buffer_count))
		}

		/// What removing a feed's grace periods costs beyond `remove_feed`'s benchmark: the
		/// rounds' pending operators and `GraceEnds`, at their largest.
		pub fn grace_removal_weight() -> Weight {
			let graces = u64::from(T::MaxAuthorSpan::get());
			T::DbWeight::get()
				.reads_writes(graces.saturating_add(1), graces.saturating_add(1))
				.saturating_add(proof_of::<GraceEndsOf<T>>(1))
				.saturating_add(proof_of::<PendingOf<T>>(graces))
		}

		/// Turns `value`, an answer about to be dropped, into a mark that its operator was there
		/// for the feed's rounds up to `latest`, when the feed has rounds in a grace period
		/// (`grace_from` not 0) and it is a value; whether it did.
		fn mark_presence(
			value: &mut Submission<BlockNumberFor<T>>,
			latest: RoundId,
			grace_from: RoundId,
		) -> bool {
			if grace_from == 0 || grace_from > latest || value.is_commitment() {
				return false;
			}
			value.round_id = latest;
			true
		}

		/// Records the author of block `now` in [`LastAuthored`]. Returns the weight used.
		fn note_author(now: BlockNumberFor<T>) -> Weight {
			let db = T::DbWeight::get();
			let digest = frame_system::Pallet::<T>::digest();
			let pre_runtime = digest.logs().iter().filter_map(|item| item.as_pre_runtime());
			let Some(author) = T::FindAuthor::find_author(pre_runtime) else {
				return db.reads(1);
			};
			LastAuthored::<T>::mutate(|authors| {
				if let Some(entry) = authors.iter_mut().find(|(a, _)| *a == author) {
					entry.1 = now;
					return;
				}
				if authors.is_full() {
					// The author seen longest ago makes room.
					if let Some(oldest) = authors
						.iter()
						.enumerate()
						.min_by_key(|(_, (_, at))| *at)
						.map(|(index, _)| index)
					{
						authors.remove(oldest);
					}
				}
				// Room was made if the set was full.
				let _ = authors.try_push((author, now));
			});
			db.reads_writes(2, 1).saturating_add(proof_of::<LastAuthoredOf<T>>(1))
		}

		/// How many distinct authors in `authors` ([`LastAuthored`]) authored a block after
		/// block `from`.
		pub(crate) fn authors_since(
			authors: &[(T::AccountId, BlockNumberFor<T>)],
			from: BlockNumberFor<T>,
		) -> u32 {
			u32::try_from(authors.iter().filter(|(_, at)| *at > from).count()).unwrap_or(u32::MAX)
		}

		/// The block by which `faults + 1` distinct operators had authored blocks after `from`,
		/// as far as `authors` (each operator's last authored block) tell: the `faults + 1`-th
		/// earliest of their last blocks after `from`, never earlier than the true one. `None`
		/// while fewer have.
		pub(crate) fn spanned_at(
			authors: &[(T::AccountId, BlockNumberFor<T>)],
			from: BlockNumberFor<T>,
			faults: u32,
		) -> Option<BlockNumberFor<T>> {
			let mut last: Vec<BlockNumberFor<T>> =
				authors.iter().filter(|(_, at)| *at > from).map(|(_, at)| *at).collect();
			last.sort_unstable();
			last.get(usize::try_from(faults).ok()?).copied()
		}

		/// Replace the stored operator set with `validators`, cut to [`Config::MaxOperators`],
		/// and forget the values of accounts that are no longer operators.
		fn set_operators<'a, I>(validators: I)
		where
			I: Iterator<Item = (&'a T::AccountId, T::AuthorityId)>,
			T::AccountId: 'a,
		{
			let all: Vec<_> = validators.map(|(account, key)| (account.clone(), key)).collect();
			let total = all.len();
			let bounded = BoundedVec::<_, T::MaxOperators>::truncate_from(all);
			if bounded.len() < total {
				log::warn!(
					target: LOG_TARGET,
					"session has {} validators but at most {} operators are kept; raise MaxOperators",
					total,
					T::MaxOperators::get(),
				);
			}
			// Values are kept only for current operators, so at most `MaxOperators` sets.
			let gone: Vec<T::AccountId> = Submissions::<T>::iter_keys()
				.filter(|account| !bounded.iter().any(|(a, _)| a == account))
				.collect();
			for account in gone {
				Submissions::<T>::remove(account);
			}
			// An operator that stays keeps its start; one that joins starts now, and is not
			// expected to answer rounds opened before.
			let now = frame_system::Pallet::<T>::block_number();
			let previous = Operators::<T>::get();
			let previous_since = OperatorsSince::<T>::get();
			let since: Vec<BlockNumberFor<T>> = bounded
				.iter()
				.map(|(account, _)| {
					match previous.iter().position(|(a, _)| a == account) {
						// Staying (with no start recorded before this was kept: from the start).
						Some(index) => previous_since.get(index).copied().unwrap_or_default(),
						None => now,
					}
				})
				.collect();
			let (faults, _) =
				Self::fault_tolerance(u32::try_from(bounded.len()).unwrap_or(u32::MAX));
			if bounded.len() > 1
				&& u32::try_from(bounded.len()).unwrap_or(u32::MAX)
					== faults.saturating_mul(3).saturating_add(1)
			{
				log::warn!(
					target: LOG_TARGET,
					"{} operators tolerate {} faulty ones with no slack: one honest operator down lets the faulty ones hold rounds back; {} operators would leave room for one",
					bounded.len(),
					faults,
					bounded.len().saturating_add(1),
				);
			}
			OperatorsSince::<T>::put(BoundedVec::truncate_from(since));
			Operators::<T>::put(bounded);
		}

		/// Invariants of the pallet's storage.
		///
		/// - No account and no `oracle` key appears twice in [`Operators`].
		/// - Every feed has a configuration, a state and a
		///   [`Latest`] entry, with the state's round parameters copied from the configuration;
		///   ids are below [`NextFeedId`]; [`States`] is strictly ascending by id and [`Heads`]
		///   is its projection.
		/// - [`Latest`] holds the feed's status, `max_age` and latest kept round; the state's
		///   last answer is that round's.
		/// - A feed's kept rounds lie within its last `buffer_len` rounds, its latest round is
		///   kept (once there is one), and the buffer's sum and count match the resolved ones.
		/// - Values are held only by current operators, ascending by feed, for the open round of
		///   an existing feed, commitments only for commit–reveal feeds; [`NextCheck`] is set
		///   while any value is held.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let operators = Operators::<T>::get();
			let mut accounts: Vec<_> = operators.iter().map(|(a, _)| a).collect();
			accounts.sort();
			accounts.dedup();
			ensure!(accounts.len() == operators.len(), "an operator account is listed twice");
			let mut keys: Vec<_> = operators.iter().map(|(_, k)| k).collect();
			keys.sort();
			keys.dedup();
			ensure!(keys.len() == operators.len(), "an oracle key is listed twice");

			let states = States::<T>::get();
			ensure!(
				states.windows(2).all(|w| matches!(w, [a, b] if a.feed_id < b.feed_id)),
				"feed states are not strictly ascending by id"
			);
			let heads: Vec<FeedHead> = states.iter().map(FeedHead::from).collect();
			ensure!(Heads::<T>::get().into_inner() == heads, "Heads is not the states' projection");
			for state in states.iter() {
				let feed_id = state.feed_id;
				ensure!(feed_id < NextFeedId::<T>::get(), "a feed id is not below NextFeedId");
				let config = Feeds::<T>::get(feed_id).ok_or("a feed state has no config")?;
				ensure!(config.round_params() == state.params, "round parameters differ");
				let (mut sum, mut resolved, mut kept) = (0i128, 0u32, 0u32);
				for (round_id, round) in Rounds::<T>::iter_prefix(feed_id) {
					ensure!(round.round_id == round_id, "a round is stored under another id");
					ensure!(round_id <= state.latest_round, "a round after the latest one");
					ensure!(
						round_id > state.latest_round.saturating_sub(state.params.buffer_len),
						"a round outside the buffer"
					);
					kept.saturating_inc();
					if round.resolved() {
						sum = sum.saturating_add(round.value);
						resolved.saturating_inc();
					}
				}
				ensure!(kept <= state.params.buffer_len, "more rounds than buffer_len");
				ensure!(
					state.latest_round == 0
						|| Rounds::<T>::contains_key(feed_id, state.latest_round),
					"the latest round is not kept"
				);
				ensure!(
					sum == state.buffer_sum && resolved == state.buffer_count,
					"the buffer's sum or count is wrong"
				);
				let latest = Latest::<T>::get(feed_id).ok_or("a feed has no Latest entry")?;
				ensure!(
					latest.status == state.status && latest.max_age == state.params.max_age,
					"Latest's status or max_age differs from the state"
				);
				ensure!(
					latest.round == Rounds::<T>::get(feed_id, state.latest_round),
					"Latest's round is not the latest kept round"
				);
				if let Some(round) = latest.round {
					ensure!(
						round.answered_in_round == state.answer.round_id
							&& round.value == state.answer.value,
						"the last answer differs from the latest round's"
					);
				}
				ensure!(
					!latest.disputed || latest.round.is_some_and(|r| !r.resolved()),
					"a feed is disputed although its latest round resolved"
				);
			}
			ensure!(Latest::<T>::iter_keys().count() == states.len(), "a Latest entry has no feed");
			ensure!(Feeds::<T>::iter_keys().count() == states.len(), "a config has no state");

			let mut holders = 0u32;
			for (account, values) in Submissions::<T>::iter() {
				holders.saturating_inc();
				ensure!(!values.is_empty(), "an empty set of values is stored");
				ensure!(
					operators.iter().any(|(a, _)| a == &account),
					"a non-operator holds values"
				);
				ensure!(
					values.windows(2).all(|w| matches!(w, [a, b] if a.feed_id < b.feed_id)),
					"an operator's values are not ascending by feed"
				);
				for value in values.iter() {
					let state = Self::state(value.feed_id).ok_or("a value for an unknown feed")?;
					if value.round_id <= state.latest_round {
						// For a closed round: kept while the feed has a round at or before it in
						// a grace period.
						ensure!(
							state.grace_from != 0 && value.round_id >= state.grace_from,
							"a value for a closed round before the feed's grace_from"
						);
						ensure!(!value.is_commitment(), "a commitment for a closed round");
						continue;
					}
					ensure!(
						value.round_id == state.latest_round.saturating_add(1),
						"a value for a round that is not open"
					);
					ensure!(
						!value.is_commitment() || state.params.commit_reveal,
						"a commitment for a feed without commit–reveal"
					);
					ensure!(
						state.params.commit_reveal
							|| state.open.is_none_or(|open| open.reveal_from.is_none()),
						"reveals are open for a feed without commit–reveal"
					);
				}
			}
			ensure!(holders == 0 || NextCheck::<T>::get().is_some(), "values but no check due");

			// Empty until the first session change after an upgrade that added it.
			let since = OperatorsSince::<T>::get();
			ensure!(
				since.is_empty() || since.len() == operators.len(),
				"OperatorsSince does not match Operators"
			);
			let authors = LastAuthored::<T>::get();
			ensure!(
				authors.iter().enumerate().all(|(index, (author, _))| {
					!authors.iter().skip(index.saturating_add(1)).any(|(a, _)| a == author)
				}),
				"an author is listed twice in LastAuthored"
			);

			// Grace periods: each listed once, with its pending operators, for a closed round
			// at or after its feed's `grace_from`, which is the feed's oldest; a check is due.
			let ends = GraceEnds::<T>::get();
			for (index, (feed_id, round_id, from, until)) in ends.iter().enumerate() {
				ensure!(
					!ends
						.iter()
						.skip(index.saturating_add(1))
						.any(|(f, r, ..)| f == feed_id && r == round_id),
					"a grace period listed twice"
				);
				ensure!(from < until, "a grace period that ends before it starts");
				ensure!(
					Graces::<T>::contains_key(feed_id, round_id),
					"a grace period without its operators"
				);
				let state = Self::state(*feed_id).ok_or("a grace period of an unknown feed")?;
				ensure!(*round_id <= state.latest_round, "a grace period of a round not closed");
				ensure!(
					state.grace_from != 0 && *round_id >= state.grace_from,
					"a grace period before its feed's grace_from"
				);
			}
			ensure!(
				Graces::<T>::iter_keys().count() == ends.len(),
				"grace operators without a grace period"
			);
			for state in states.iter().filter(|s| s.grace_from != 0) {
				ensure!(
					ends.iter().any(|(f, r, ..)| *f == state.feed_id && *r == state.grace_from),
					"a feed's grace_from names no grace period"
				);
			}
			ensure!(
				ends.is_empty() || NextCheck::<T>::get().is_some(),
				"grace periods but no check due"
			);
			Ok(())
		}
	}

	impl<T: Config> sp_runtime::BoundToRuntimeAppPublic for Pallet<T> {
		type Public = T::AuthorityId;
	}

	impl<T: Config> OneSessionHandler<T::AccountId> for Pallet<T> {
		type Key = T::AuthorityId;

		fn on_genesis_session<'a, I>(validators: I)
		where
			I: Iterator<Item = (&'a T::AccountId, T::AuthorityId)> + 'a,
		{
			Self::set_operators(validators);
		}

		fn on_new_session<'a, I>(_changed: bool, validators: I, _queued_validators: I)
		where
			I: Iterator<Item = (&'a T::AccountId, T::AuthorityId)> + 'a,
		{
			// Stored even when unchanged: a runtime upgrade may have changed `MaxOperators`.
			Self::set_operators(validators);
		}

		fn on_disabled(_validator_index: u32) {}
	}
}

/// The operators taking turns by block number, one block each, as Aura's authors do when no
/// slot is skipped: the block author of simulations of the chain.
pub struct OperatorsInTurn<T>(core::marker::PhantomData<T>);

impl<T: Config> frame_support::traits::FindAuthor<T::AccountId> for OperatorsInTurn<T> {
	fn find_author<'a, I>(_digests: I) -> Option<T::AccountId>
	where
		I: 'a + IntoIterator<Item = (frame_support::ConsensusEngineId, &'a [u8])>,
	{
		use sp_runtime::SaturatedConversion;
		let operators = Operators::<T>::get();
		let now: u64 = frame_system::Pallet::<T>::block_number().saturated_into();
		let count = u64::try_from(operators.len()).ok().filter(|count| *count > 0)?;
		let turn = usize::try_from(now.checked_rem(count)?).ok()?;
		operators.get(turn).map(|(account, _)| account.clone())
	}
}

/// Why a read of a feed's value gives no fresh value.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	scale_info::TypeInfo,
)]
pub enum ReadError {
	/// No feed has this id.
	UnknownFeed,
	/// The feed never resolved a round.
	NoValue,
	/// The value is older than the feed's `max_age`: more blocks have passed since it resolved,
	/// or more time by the block's timestamp than `max_age` blocks take.
	Stale,
	/// The feed is paused: nothing updates it, so it fails closed whatever its age.
	Paused,
	/// The feed's last round timed out while more than `f` operators answered that the value
	/// had moved by the feed's deviation threshold: the last value is not served until a round
	/// resolves.
	Disputed,
}

/// Whether a feed exists (one read of its configuration's key).
impl<T: Config> frame_support::traits::Contains<types::FeedId> for Pallet<T> {
	fn contains(feed_id: &types::FeedId) -> bool {
		Feeds::<T>::contains_key(feed_id)
	}
}

/// Every feed's status, from [`Heads`] (one read of about 41 bytes per feed), and a feed's
/// configuration fingerprint, from [`Feeds`].
impl<T: Config> traits::FeedStates for Pallet<T> {
	fn statuses() -> alloc::vec::Vec<(types::FeedId, types::FeedStatus)> {
		Heads::<T>::get().iter().map(|head| (head.feed_id, head.status)).collect()
	}

	fn fingerprint(feed_id: types::FeedId) -> Option<types::ConfigFingerprint> {
		Feeds::<T>::get(feed_id).map(|config| config.fingerprint())
	}
}

/// Fresh values only: a stale, timed-out or missing value reads as `None`.
impl<T: Config> pallet_oracle::DataProvider<types::FeedId, types::Value> for Pallet<T> {
	fn get(feed_id: &types::FeedId) -> Option<types::Value> {
		Self::fresh_round(*feed_id).ok().map(|round| round.value)
	}
}

/// Every feed with its fresh value (if any), timestamped with the resolution's time in ms.
impl<T: Config>
	pallet_oracle::DataProviderExtended<
		types::FeedId,
		pallet_oracle::TimestampedValue<types::Value, u64>,
	> for Pallet<T>
{
	fn get_all_values(
	) -> impl Iterator<Item = (types::FeedId, Option<pallet_oracle::TimestampedValue<types::Value, u64>>)>
	{
		States::<T>::get().into_iter().map(|state| state.feed_id).map(|feed_id| {
			let value =
				Self::fresh_round(feed_id).ok().map(|round| pallet_oracle::TimestampedValue {
					value: round.value,
					timestamp: round.updated_at_ms,
				});
			(feed_id, value)
		})
	}
}
