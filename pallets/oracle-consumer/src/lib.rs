//! # Oracle consumer pallet
//!
//! Receives the oracle parachain's resolved rounds on another parachain, over XCM, and serves
//! them to that chain's pallets.
//!
//! ## Overview
//!
//! - **Delivery.** The oracle chain sends `UnpaidExecution` (limited to the weight the
//!   subscription names) + `Transact` of [`Pallet::deliver`] with one
//!   [`types::DeliveredRound`] per feed (feed, round id, value, decimals, the fingerprint of
//!   the feed's configuration, the oracle's timestamp and the round's SLA summary) and the states of feeds it paused, resumed or
//!   removed ([`types::StatusUpdate`]). Only [`Config::OracleOrigin`] may call it: the
//!   oracle chain's location, as XCM gives it. An empty delivery, or one whose feeds are not in
//!   strictly ascending order, is refused whole. Otherwise each round is judged on its own, so
//!   that one bad round does not keep the others out: a round whose id does not increase on
//!   its feed's latest, a value with more than 38 decimals, a round of a scale (decimals) other
//!   than the feed's kept rounds, or a new feed beyond [`Config::MaxFeeds`] is not kept, with a
//!   `RoundRefused` event saying why ([`types::Refusal`]), and the others are.
//! - **Feed states.** A feed the oracle chain paused or removed is not served (reads fail with
//!   `Paused`, `Removed`) however fresh its value; a round of a removed feed is
//!   refused; a paused feed is served again only once the oracle chain says it is active
//!   (a round of it that was on its way when it was paused changes nothing).
//! - **A feed's scale is pinned.** The decimals of a feed's first kept round are the feed's:
//!   a value of another scale is never served as the same feed, so a reader of the bare
//!   `i128` (`DataProvider`) never sees a price jump by a power of ten. The feed keeps serving
//!   its last value of its own scale until it goes stale, when reads fail closed.
//! - **A feed's configuration is visible.** Each round carries the fingerprint of the feed's
//!   configuration on the oracle chain; a kept round whose fingerprint differs from the round
//!   before raises `FeedConfigChanged`, and a guard can pin the configuration this chain
//!   reviewed ([`types::Guard::fingerprint`]): rounds of any other are refused.
//! - **The barrier, shipped.** [`barrier::AllowDeliveriesFrom`] admits from the oracle chain's
//!   location exactly a delivery (`UnpaidExecution` + `Transact` of this pallet's `deliver`
//!   with `OriginKind::Xcm`, within a weight bound) and nothing else, and
//!   [`barrier::NotFrom`] keeps the oracle chain's location from any other origin.
//! - **Storage.** The latest round of each feed ([`Latest`]) and its last
//!   [`Config::HistoryLen`] rounds ([`History`]), each stamped with this chain's time and block
//!   of arrival.
//! - **Staleness by this chain's clock.** A value is fresh while this chain's time is within the
//!   feed's `max_age` ([`MaxAge`], else [`Config::DefaultMaxAge`]) of the earlier of its
//!   arrival and its resolution on the oracle chain: a round delayed in transit is as old as it
//!   is, and an oracle clock ahead of this one cannot make a value younger than its arrival.
//! - **Reads.** [`Pallet::fresh`] and [`Pallet::latest`]; `pallet_oracle::DataProvider` and
//!   `DataProviderExtended` (served values only), so that pallets written against
//!   polkadot-sdk's `pallet-oracle` read it unchanged: `DataProvider<FeedId, i128>` for the raw
//!   value, and `DataProvider<Config::FeedKey, FixedU128>` for the value over 10^decimals by
//!   this chain's own key (a `CurrencyId`) through [`Config::FeedOf`]; and the runtime API crate
//!   `pallet-oracle-consumer-runtime-api`. A value is served while it is fresh, its feed not
//!   frozen and the receiver not paused; every read fails closed otherwise.
//! - **Guardrails, per feed** ([`types::Guard`], set by [`Config::AdminOrigin`]): bounds on the
//!   value, a quality floor on the round's SLA summary (answers accepted, dispersion) and the
//!   largest round-id step refuse a round; a round that moves beyond `max_move` from the latest
//!   value, or beyond `max_window_move` from a value kept within a time window, is held, not
//!   served, until the next round confirms it (lands within those moves of it); a next round
//!   near the latest value drops it instead.
//! - **Administration.** [`Config::AdminOrigin`] sets a feed's `max_age` and guard, freezes and
//!   unfreezes a feed, removes one (which freezes it, so that the next delivery does not bring
//!   it back) and pauses the whole receiver.
//!
//! ## How to use
//!
//! The oracle chain's location is a sibling parachain, `(1, [Parachain(ORACLE_PARA_ID)])`. The
//! receiving runtime needs the XCM stack of a parachain (pallet-xcm, cumulus-pallet-xcm,
//! cumulus-pallet-xcmp-queue, the message queue processing XCM), HRMP channels with the oracle
//! chain both ways, and these three pieces, as the reference consuming chain configures them
//! (`consumer-runtime/src/configs.rs`, with `OracleLocation = (1, [Parachain(2000)])`):
//!
//! 1. The barrier lets the oracle chain execute unpaid (it pays its own delivery), but only
//!    deliveries to this pallet, within the weight of the largest delivery:
//!
#![doc = docify::embed!("../../consumer-runtime/src/configs.rs", barrier)]
//!
//! 2. `OriginKind::Xcm` becomes pallet-xcm's `Origin::Xcm(location)`; the oracle chain gets no
//!    sovereign account or native origin here:
//!
#![doc = docify::embed!("../../consumer-runtime/src/configs.rs", origin_converters)]
//!
//! 3. The pallet, accepting only the oracle chain (`EnsureOracle` is
//!    `EnsureXcm<Equals<OracleLocation>>`):
//!
#![doc = docify::embed!("../../consumer-runtime/src/configs.rs", consumer_config)]
//!
//! The oracle chain's subscription names the pallet's index in the receiving runtime and the
//! call index of `deliver` (0). `docs/integrator.md` in the repository explains the
//! subscription, the channels and the fees.

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::float_arithmetic))]

extern crate alloc;

pub use pallet::*;

mod admin;
pub mod barrier;
#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "set-up code for worst cases and fuzzing, outside any block's execution"
)]
mod benchmarking;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod reads;
mod receive;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::types::*;
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Convert;
	use xcm::latest::Location;

	/// A round as this runtime keeps it.
	pub type ReceivedRoundOf<T> = ReceivedRound<BlockNumberFor<T>>;
	/// A feed's kept rounds, oldest first.
	pub type HistoryOf<T> = BoundedVec<ReceivedRoundOf<T>, <T as Config>::HistoryLen>;
	/// The rounds of one delivery.
	pub type DeliveryOf<T> = BoundedVec<DeliveredRound, <T as Config>::MaxRoundsPerDelivery>;
	/// The feed states of one delivery.
	pub type StatusesOf<T> = BoundedVec<StatusUpdate, <T as Config>::MaxRoundsPerDelivery>;

	/// The layout of this pallet's storage: 1 at launch; 2 since rounds and guards carry a
	/// configuration fingerprint ([`crate::migrations::v2`]). A change of layout comes with a
	/// migration to the next version, listed in the runtime's `Migrations`.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who may deliver rounds: the oracle chain, and the location it resolves to.
		/// `pallet_xcm::EnsureXcm<Equals<OracleLocation>>` in a parachain runtime.
		type OracleOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Location>;

		/// Who sets a feed's `max_age` and removes feeds.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// This chain's clock (`pallet-timestamp`), by which staleness is judged.
		type UnixTime: UnixTime;

		/// The most feeds kept.
		#[pallet::constant]
		type MaxFeeds: Get<u32>;

		/// The most rounds in one delivery; at least the oracle chain's feeds per subscription.
		#[pallet::constant]
		type MaxRoundsPerDelivery: Get<u32>;

		/// Rounds kept per feed, the latest included.
		#[pallet::constant]
		type HistoryLen: Get<u32>;

		/// How old (ms) a value may be, for feeds without their own `max_age`.
		#[pallet::constant]
		type DefaultMaxAge: Get<u64>;

		/// What this chain's pallets name a price by (a `CurrencyId`, say), for the
		/// `DataProvider<FeedKey, FixedU128>` reads.
		type FeedKey: Clone;

		/// The feed that prices a key, `None` for a key no feed prices.
		type FeedOf: Convert<Self::FeedKey, Option<FeedId>>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// The latest round of each feed.
	#[pallet::storage]
	pub type Latest<T: Config> = CountedStorageMap<_, Twox64Concat, FeedId, ReceivedRoundOf<T>>;

	/// The last [`Config::HistoryLen`] rounds of each feed, oldest first; the last is
	/// [`Latest`]'s.
	#[pallet::storage]
	pub type History<T: Config> = StorageMap<_, Twox64Concat, FeedId, HistoryOf<T>, ValueQuery>;

	/// The `max_age` (ms) of feeds that have their own; others have [`Config::DefaultMaxAge`].
	#[pallet::storage]
	pub type MaxAge<T: Config> = StorageMap<_, Twox64Concat, FeedId, u64>;

	/// The guardrails of the feeds that have them (at most [`Config::MaxFeeds`], set before or
	/// after the feed's first round).
	#[pallet::storage]
	pub type Guards<T: Config> = CountedStorageMap<_, Twox64Concat, FeedId, Guard>;

	/// A round that moved beyond its feed's `max_move`, held until the next round confirms it.
	#[pallet::storage]
	pub type Held<T: Config> = StorageMap<_, Twox64Concat, FeedId, ReceivedRoundOf<T>>;

	/// The feeds this chain's admin froze or removed (at most [`Config::MaxFeeds`]): not served,
	/// and their rounds refused, until it unfreezes them.
	#[pallet::storage]
	pub type Frozen<T: Config> = CountedStorageMap<_, Twox64Concat, FeedId, ()>;

	/// The kept feeds the oracle chain said it paused or removed (active feeds have no entry).
	#[pallet::storage]
	pub type OracleStatus<T: Config> = StorageMap<_, Twox64Concat, FeedId, FeedState>;

	/// Whether this chain's admin paused the whole receiver: no feed served, no delivery kept.
	#[pallet::storage]
	pub type Paused<T: Config> = StorageValue<_, bool, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A round arrived from the oracle chain.
		RoundReceived { from: Location, feed_id: FeedId, round_id: RoundId, value: Value },
		/// A feed's `max_age` was set (`None`: the default applies).
		MaxAgeSet { feed_id: FeedId, max_age_ms: Option<u64> },
		/// A feed and its rounds were removed.
		FeedRemoved { feed_id: FeedId },
		/// A delivered round was not kept, for `reason`; the delivery's other rounds were
		/// judged on their own.
		RoundRefused { from: Location, feed_id: FeedId, round_id: RoundId, reason: Refusal },
		/// A round moved beyond its feed's `max_move` and is held until the next round confirms
		/// it; the feed's latest value is still the one served.
		RoundHeld { from: Location, feed_id: FeedId, round_id: RoundId, value: Value },
		/// A held round was dropped: the next round did not confirm it, or the feed's guard or
		/// the feed was removed.
		HeldRoundDropped { feed_id: FeedId, round_id: RoundId },
		/// A feed's guardrails were set (`None`: removed).
		GuardSet { feed_id: FeedId, guard: Option<Guard> },
		/// A feed was frozen: not served, its rounds refused.
		FeedFrozen { feed_id: FeedId },
		/// A frozen (or removed) feed was unfrozen: its rounds are kept again.
		FeedUnfrozen { feed_id: FeedId },
		/// The whole receiver was paused or resumed.
		PauseSet { paused: bool },
		/// The oracle chain paused, resumed or removed a kept feed.
		OracleStatusSet { from: Location, feed_id: FeedId, state: FeedState },
		/// The oracle chain told a state of a feed not kept here: nothing to record.
		StatusIgnored { from: Location, feed_id: FeedId },
		/// A round kept for a feed resolved under another configuration than the feed's round
		/// before it: the oracle chain changed the feed's sources, bounds or other settings
		/// (never its scale). A guard's `fingerprint` pins a reviewed configuration instead.
		FeedConfigChanged {
			from: Location,
			feed_id: FeedId,
			round_id: RoundId,
			fingerprint: ConfigFingerprint,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The delivery carries no round and no feed state.
		EmptyDelivery,
		/// The delivery's rounds, or its feed states, are not in strictly ascending order of
		/// feed (one of each per feed).
		UnsortedDelivery,
		/// No round of this feed is kept.
		UnknownFeed,
		/// A `max_age` of 0 would make every value stale.
		ZeroMaxAge,
		/// A guard's `min_value` is above its `max_value`, or its round step is 0.
		BadGuard,
		/// [`Config::MaxFeeds`] feeds have guards already.
		TooManyGuards,
		/// The feed is frozen already.
		AlreadyFrozen,
		/// The feed is not frozen.
		NotFrozen,
		/// [`Config::MaxFeeds`] feeds are frozen already.
		TooManyFrozen,
		/// The receiver is paused or running already, as asked.
		PauseUnchanged,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::HistoryLen::get() > 0, "HistoryLen must keep the latest round");
			assert!(T::MaxRoundsPerDelivery::get() > 0, "a delivery must hold a round");
			assert!(
				T::MaxRoundsPerDelivery::get() <= T::MaxFeeds::get(),
				"a full delivery of new feeds must fit MaxFeeds"
			);
			assert!(T::DefaultMaxAge::get() > 0, "DefaultMaxAge must not be 0");
			// The barrier admits a `Transact` by its call's index, written there as a constant.
			let deliver =
				Call::<T>::deliver { rounds: Default::default(), statuses: Default::default() };
			assert_eq!(
				frame_support::traits::GetCallIndex::get_call_index(&deliver),
				crate::barrier::DELIVER_CALL_INDEX,
				"the barrier's DELIVER_CALL_INDEX is not deliver's call index"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Stores rounds resolved on the oracle chain, then the states of its feeds.
		///
		/// - Origin: [`Config::OracleOrigin`] (the oracle chain, through XCM `Transact`).
		/// - `rounds`: one round per feed, feeds in strictly ascending order. Each round is
		///   kept if it passes [`Pallet::refusal`] (its id larger than its feed's newest, its
		///   decimals at most 38 and those of the feed's kept rounds, no feed started beyond
		///   [`Config::MaxFeeds`], the feed's guard, not frozen here, not removed there) and
		///   its feed's `max_move` (with one, one round per feed per block); held if it passes
		///   only the former; else refused, and the others are still judged.
		/// - `statuses`: feeds the oracle chain paused, resumed or removed, feeds in strictly
		///   ascending order; recorded for kept feeds, even while the receiver is paused. A feed
		///   paused or removed there is not served here until it says the feed is active again.
		/// - Errors: `BadOrigin`, `EmptyDelivery`, `UnsortedDelivery` (nothing kept).
		/// - Events: `RoundReceived` for each round kept (and `FeedConfigChanged` when it
		///   resolved under another configuration than the round before), `RoundHeld`,
		///   `HeldRoundDropped`, `RoundRefused` for each one not; `OracleStatusSet` or `StatusIgnored` for each
		///   state.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::deliver(rounds.len() as u32, statuses.len() as u32))]
		pub fn deliver(
			origin: OriginFor<T>,
			rounds: DeliveryOf<T>,
			statuses: StatusesOf<T>,
		) -> DispatchResult {
			let from = T::OracleOrigin::ensure_origin(origin)?;
			Self::do_deliver(from, rounds, statuses)
		}

		/// Sets how old (ms) a feed's value may be before reads refuse it; `None` returns the
		/// feed to [`Config::DefaultMaxAge`].
		///
		/// - Origin: [`Config::AdminOrigin`].
		/// - Errors: `UnknownFeed` (no round of it kept yet), `ZeroMaxAge`.
		/// - Event: `MaxAgeSet`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_max_age())]
		pub fn set_max_age(
			origin: OriginFor<T>,
			feed_id: FeedId,
			max_age_ms: Option<u64>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_max_age(feed_id, max_age_ms)
		}

		/// Removes a feed: its latest round, its history, its held round, its `max_age`, the
		/// oracle chain's word on its state and its guard (whose bounds are in the scale of the
		/// removed rounds). The feed is frozen: its rounds are refused until
		/// [`Pallet::unfreeze_feed`], after which the next delivery starts it anew.
		///
		/// - Origin: [`Config::AdminOrigin`].
		/// - Errors: `UnknownFeed`, `TooManyFrozen`.
		/// - Events: `FeedRemoved`, `FeedFrozen` unless it was frozen, `HeldRoundDropped` if a
		///   round was held, `GuardSet` if it had a guard.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_feed())]
		pub fn remove_feed(origin: OriginFor<T>, feed_id: FeedId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_feed(feed_id)
		}

		/// Sets a feed's guardrails (see [`Guard`]), or removes them with `None`; a feed need
		/// not have a round yet. A held round is dropped: it was judged by the guard it was held
		/// under.
		///
		/// - Origin: [`Config::AdminOrigin`].
		/// - Errors: `BadGuard`, `TooManyGuards`.
		/// - Events: `GuardSet`, `HeldRoundDropped` if a held round was dropped.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_guard())]
		pub fn set_guard(
			origin: OriginFor<T>,
			feed_id: FeedId,
			guard: Option<Guard>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_guard(feed_id, guard)
		}

		/// Freezes a feed, kept or not: reads of it fail and its rounds are refused until
		/// [`Pallet::unfreeze_feed`]; a held round is dropped.
		///
		/// - Origin: [`Config::AdminOrigin`].
		/// - Errors: `AlreadyFrozen`, `TooManyFrozen`.
		/// - Events: `FeedFrozen`, `HeldRoundDropped` if a round was held.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::freeze_feed())]
		pub fn freeze_feed(origin: OriginFor<T>, feed_id: FeedId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_freeze_feed(feed_id)
		}

		/// Unfreezes a frozen or removed feed: its rounds are kept again, and its value is
		/// served again while fresh.
		///
		/// - Origin: [`Config::AdminOrigin`].
		/// - Errors: `NotFrozen`.
		/// - Event: `FeedUnfrozen`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unfreeze_feed())]
		pub fn unfreeze_feed(origin: OriginFor<T>, feed_id: FeedId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_unfreeze_feed(feed_id)
		}

		/// Pauses or resumes the whole receiver. While paused, no feed is served and every
		/// delivered round is refused (`ReceiverPaused`); feed states from the oracle chain are
		/// still recorded.
		///
		/// - Origin: [`Config::AdminOrigin`].
		/// - Errors: `PauseUnchanged`.
		/// - Event: `PauseSet`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_paused())]
		pub fn set_paused(origin: OriginFor<T>, paused: bool) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_paused(paused)
		}
	}
}
