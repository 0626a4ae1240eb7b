//! # Oracle consumer pallet
//!
//! Receives the oracle parachain's resolved rounds on another parachain, over XCM, and serves
//! them to that chain's pallets.
//!
//! ## Overview
//!
//! - **Delivery.** The oracle chain sends `UnpaidExecution` + `Transact` of [`Pallet::deliver`]
//!   with one [`types::DeliveredRound`] per feed (feed, round id, value, decimals, the oracle's
//!   timestamp and the round's SLA summary). Only [`Config::OracleOrigin`] may call it: the
//!   oracle chain's location, as XCM gives it. An empty delivery, or one whose feeds are not in
//!   strictly ascending order, is refused whole. Otherwise each round is judged on its own, so
//!   that one bad round does not keep the others out: a round whose id does not increase on
//!   its feed's latest, a value with more than 38 decimals, a round of a scale (decimals) other
//!   than the feed's kept rounds, or a new feed beyond [`Config::MaxFeeds`] is not kept, with a
//!   `RoundRefused` event saying why ([`types::Refusal`]), and the others are.
//! - **A feed's scale is pinned.** The decimals of a feed's first kept round are the feed's:
//!   a value of another scale is never served as the same feed, so a reader of the bare
//!   `i128` (`DataProvider`) never sees a price jump by a power of ten. The feed keeps serving
//!   its last value of its own scale until it goes stale, when reads fail closed.
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
//!   `DataProviderExtended` (fresh values only), so that pallets written against polkadot-sdk's
//!   `pallet-oracle` read it unchanged; and the runtime API crate
//!   `pallet-oracle-consumer-runtime-api`.
//! - **Administration.** [`Config::AdminOrigin`] sets a feed's `max_age` and removes a feed.
//!
//! ## How to use
//!
//! The oracle chain's location is a sibling parachain, `(1, [Parachain(ORACLE_PARA_ID)])`. The
//! receiving runtime needs the XCM stack of a parachain (pallet-xcm, cumulus-pallet-xcm,
//! cumulus-pallet-xcmp-queue, the message queue processing XCM), HRMP channels with the oracle
//! chain both ways, and these three pieces:
//!
//! ```ignore
//! parameter_types! {
//!     pub OracleLocation: Location = Location::new(1, [Parachain(2000)]);
//! }
//!
//! // 1. The barrier lets the oracle chain execute unpaid (it pays its own delivery), but only
//! //    deliveries to this pallet, within the weight of the largest delivery.
//! pub type Barrier = TrailingSetTopicAsId<(
//!     TakeWeightCredit,
//!     pallet_oracle_consumer::barrier::AllowDeliveriesFrom<
//!         Runtime,
//!         OracleLocation,
//!         MaxDeliveryWeight,
//!     >,
//!     // ... the chain's other entries
//! )>;
//!
//! // 2. `OriginKind::Xcm` becomes pallet-xcm's `Origin::Xcm(location)`; the oracle chain gets no
//! //    sovereign account or native origin here.
//! pub type XcmOriginToTransactDispatchOrigin = (
//!     NotFrom<OracleLocation, SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>>,
//!     NotFrom<OracleLocation, SiblingParachainAsNative<cumulus_pallet_xcm::Origin, RuntimeOrigin>>,
//!     XcmPassthrough<RuntimeOrigin>,
//!     // ... the chain's other converters, each wrapped in `NotFrom<OracleLocation, _>`
//! );
//!
//! // 3. The pallet, accepting only the oracle chain.
//! impl pallet_oracle_consumer::Config for Runtime {
//!     type OracleOrigin = pallet_xcm::EnsureXcm<Equals<OracleLocation>>;
//!     type AdminOrigin = EnsureRoot<AccountId>;
//!     type UnixTime = Timestamp;
//!     type MaxFeeds = ConstU32<100>;
//!     type MaxRoundsPerDelivery = ConstU32<16>;
//!     type HistoryLen = ConstU32<16>;
//!     type DefaultMaxAge = ConstU64<{ 10 * 60 * 1000 }>;
//!     type WeightInfo = pallet_oracle_consumer::weights::SubstrateWeight<Runtime>;
//! }
//! ```
//!
//! The oracle chain's subscription names the pallet's index in the receiving runtime and the
//! call index of `deliver` (0). `docs/integrator.md` in the repository explains the
//! subscription, the channels and the fees.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod barrier;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::types::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use xcm::latest::Location;

	/// A round as this runtime keeps it.
	pub type ReceivedRoundOf<T> = ReceivedRound<BlockNumberFor<T>>;
	/// A feed's kept rounds, oldest first.
	pub type HistoryOf<T> = BoundedVec<ReceivedRoundOf<T>, <T as Config>::HistoryLen>;
	/// The rounds of one delivery.
	pub type DeliveryOf<T> = BoundedVec<DeliveredRound, <T as Config>::MaxRoundsPerDelivery>;

	#[pallet::pallet]
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
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The delivery carries no round.
		EmptyDelivery,
		/// The delivery's feeds are not in strictly ascending order (one round per feed).
		UnsortedDelivery,
		/// No round of this feed is kept.
		UnknownFeed,
		/// A `max_age` of 0 would make every value stale.
		ZeroMaxAge,
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
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Stores rounds resolved on the oracle chain.
		///
		/// - Origin: [`Config::OracleOrigin`] (the oracle chain, through XCM `Transact`).
		/// - `rounds`: one round per feed, feeds in strictly ascending order. Each round is
		///   kept if its id is larger than its feed's latest, its decimals at most 38 and those
		///   of the feed's kept rounds, and it starts no feed beyond [`Config::MaxFeeds`];
		///   otherwise it is not, and the others still are.
		/// - Errors: `BadOrigin`, `EmptyDelivery`, `UnsortedDelivery` (nothing kept).
		/// - Events: `RoundReceived` for each round kept, `RoundRefused` for each one not.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::deliver(rounds.len() as u32))]
		pub fn deliver(origin: OriginFor<T>, rounds: DeliveryOf<T>) -> DispatchResult {
			let from = T::OracleOrigin::ensure_origin(origin)?;
			Self::do_deliver(from, rounds)
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

		/// Removes a feed: its latest round, its history and its `max_age`. A later delivery of
		/// the feed starts it anew.
		///
		/// - Origin: [`Config::AdminOrigin`].
		/// - Errors: `UnknownFeed`.
		/// - Event: `FeedRemoved`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_feed())]
		pub fn remove_feed(origin: OriginFor<T>, feed_id: FeedId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_feed(feed_id)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks a delivery's shape, then keeps each of its rounds that passes
		/// [`Self::refusal`].
		pub fn do_deliver(from: Location, rounds: DeliveryOf<T>) -> DispatchResult {
			ensure!(!rounds.is_empty(), Error::<T>::EmptyDelivery);
			ensure!(
				rounds.windows(2).all(|pair| match pair {
					[before, after] => before.feed_id < after.feed_id,
					_ => true,
				}),
				Error::<T>::UnsortedDelivery
			);
			let received_at_ms = Self::now_ms();
			let received_in = frame_system::Pallet::<T>::block_number();
			let mut feeds = Latest::<T>::count();
			for round in rounds {
				let latest = Latest::<T>::get(round.feed_id);
				if let Some(reason) = Self::refusal(&round, latest.as_ref(), feeds) {
					Self::deposit_event(Event::RoundRefused {
						from: from.clone(),
						feed_id: round.feed_id,
						round_id: round.round_id,
						reason,
					});
					continue;
				}
				if latest.is_none() {
					feeds = feeds.saturating_add(1);
				}
				let received = ReceivedRound {
					round_id: round.round_id,
					value: round.value,
					decimals: round.decimals,
					timestamp_ms: round.timestamp_ms,
					sla: round.sla,
					received_at_ms,
					received_in,
				};
				Latest::<T>::insert(round.feed_id, received);
				History::<T>::mutate(round.feed_id, |history| {
					// Appends, dropping the oldest round when the history is full; refused only
					// with a bound of 0, which `integrity_test` rules out.
					let end = history.len();
					let _ = history.force_insert_keep_right(end, received);
				});
				Self::deposit_event(Event::RoundReceived {
					from: from.clone(),
					feed_id: round.feed_id,
					round_id: round.round_id,
					value: round.value,
				});
			}
			Ok(())
		}

		/// Why `round` is not kept, given its feed's `latest` kept round and the number of
		/// `feeds` kept; `None` if it is.
		pub fn refusal(
			round: &DeliveredRound,
			latest: Option<&ReceivedRoundOf<T>>,
			feeds: u32,
		) -> Option<Refusal> {
			if round.decimals > MAX_DECIMALS {
				return Some(Refusal::BadDecimals);
			}
			match latest {
				Some(latest) if round.round_id <= latest.round_id => Some(Refusal::NotNewer),
				Some(latest) if round.decimals != latest.decimals => {
					Some(Refusal::ScaleChanged { kept: latest.decimals })
				},
				Some(_) => None,
				None if round.round_id == 0 => Some(Refusal::NotNewer),
				None if feeds >= T::MaxFeeds::get() => Some(Refusal::TooManyFeeds),
				None => None,
			}
		}

		/// Sets or clears a kept feed's `max_age`.
		pub fn do_set_max_age(feed_id: FeedId, max_age_ms: Option<u64>) -> DispatchResult {
			ensure!(Latest::<T>::contains_key(feed_id), Error::<T>::UnknownFeed);
			ensure!(max_age_ms != Some(0), Error::<T>::ZeroMaxAge);
			match max_age_ms {
				Some(max_age) => MaxAge::<T>::insert(feed_id, max_age),
				None => MaxAge::<T>::remove(feed_id),
			}
			Self::deposit_event(Event::MaxAgeSet { feed_id, max_age_ms });
			Ok(())
		}

		/// Removes a kept feed.
		pub fn do_remove_feed(feed_id: FeedId) -> DispatchResult {
			ensure!(Latest::<T>::contains_key(feed_id), Error::<T>::UnknownFeed);
			Latest::<T>::remove(feed_id);
			History::<T>::remove(feed_id);
			MaxAge::<T>::remove(feed_id);
			Self::deposit_event(Event::FeedRemoved { feed_id });
			Ok(())
		}

		/// This chain's time, in ms since the Unix epoch.
		fn now_ms() -> u64 {
			u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX)
		}

		/// The `max_age` (ms) a feed's value is held to.
		pub fn max_age(feed_id: FeedId) -> u64 {
			MaxAge::<T>::get(feed_id).unwrap_or_else(T::DefaultMaxAge::get)
		}

		/// The latest round of a feed, fresh or not.
		pub fn latest(feed_id: FeedId) -> Option<ReceivedRoundOf<T>> {
			Latest::<T>::get(feed_id)
		}

		/// A feed's kept rounds, oldest first.
		pub fn history(feed_id: FeedId) -> Vec<ReceivedRoundOf<T>> {
			History::<T>::get(feed_id).into_inner()
		}

		/// The latest round of a feed if it is fresh: this chain's time is within the feed's
		/// `max_age` of the earlier of the round's arrival and its resolution.
		pub fn fresh(feed_id: FeedId) -> Result<ReceivedRoundOf<T>, ReadError> {
			let round = Latest::<T>::get(feed_id).ok_or(ReadError::NoValue)?;
			let since = round.received_at_ms.min(round.timestamp_ms);
			let age_ms = Self::now_ms().saturating_sub(since);
			let max_age_ms = Self::max_age(feed_id);
			if age_ms > max_age_ms {
				return Err(ReadError::Stale { age_ms, max_age_ms });
			}
			Ok(round)
		}

		/// The feeds kept, ascending.
		pub fn feeds() -> Vec<FeedId> {
			let mut feeds: Vec<FeedId> = Latest::<T>::iter_keys().collect();
			feeds.sort_unstable();
			feeds
		}

		/// Checks the pallet's invariants: the counter counts the feeds, which are at most
		/// [`Config::MaxFeeds`]; each feed's history ends with its latest round and its round ids
		/// increase; only kept feeds have a history or a `max_age`, and no `max_age` is 0.
		#[cfg(any(test, feature = "try-runtime"))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let mut feeds: u32 = 0;
			for (feed_id, latest) in Latest::<T>::iter() {
				feeds = feeds.saturating_add(1);
				let history = History::<T>::get(feed_id);
				ensure!(history.last() == Some(&latest), "a history does not end with the latest");
				ensure!(
					history.windows(2).all(|pair| match pair {
						[older, newer] => older.round_id < newer.round_id,
						_ => true,
					}),
					"a history's round ids do not increase"
				);
			}
			ensure!(feeds == Latest::<T>::count(), "the feed counter is off");
			ensure!(feeds <= T::MaxFeeds::get(), "more feeds than MaxFeeds");
			for feed_id in History::<T>::iter_keys() {
				ensure!(Latest::<T>::contains_key(feed_id), "a history without a latest round");
			}
			for (feed_id, max_age) in MaxAge::<T>::iter() {
				ensure!(Latest::<T>::contains_key(feed_id), "a max_age of no kept feed");
				ensure!(max_age > 0, "a max_age of 0");
			}
			Ok(())
		}
	}
}

/// The fresh value of a feed (see [`Pallet::fresh`]).
impl<T: Config> pallet_oracle::DataProvider<types::FeedId, types::Value> for Pallet<T> {
	fn get(feed_id: &types::FeedId) -> Option<types::Value> {
		Self::fresh(*feed_id).ok().map(|round| round.value)
	}
}

/// Every kept feed with its fresh value (if any), timestamped with its resolution time (ms) on
/// the oracle chain.
impl<T: Config>
	pallet_oracle::DataProviderExtended<
		types::FeedId,
		pallet_oracle::TimestampedValue<types::Value, u64>,
	> for Pallet<T>
{
	fn get_all_values(
	) -> impl Iterator<Item = (types::FeedId, Option<pallet_oracle::TimestampedValue<types::Value, u64>>)>
	{
		Self::feeds().into_iter().map(|feed_id| {
			let value = Self::fresh(feed_id).ok().map(|round| pallet_oracle::TimestampedValue {
				value: round.value,
				timestamp: round.timestamp_ms,
			});
			(feed_id, value)
		})
	}
}
