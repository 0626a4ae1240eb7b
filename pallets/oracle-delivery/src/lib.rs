//! # Oracle delivery pallet
//!
//! Pushes the oracle's resolved rounds to sibling parachains that subscribe to them, over XCM,
//! where `pallet-oracle-consumer` (or any receiver with the same call) stores them.
//!
//! ## Overview
//!
//! - **Subscriptions.** A [`types::Subscription`] names a sibling parachain, the feeds it wants
//!   (at most [`Config::MaxFeedsPerSubscription`]), the receiver's pallet and call index on that
//!   chain ([`types::CallTarget`]) and when to push ([`types::Trigger`]: every resolved round,
//!   or on a deviation from the last delivered value with a heartbeat of its own).
//! - **Who manages them.** [`Config::AdminOrigin`] creates, changes and removes any
//!   subscription, free of deposit and fees (the chain's own service to a parachain). A
//!   parachain manages its own: a signed call from its sovereign account here
//!   ([`Config::SiblingAccount`], which is what an XCM `Transact` with
//!   `OriginKind::SovereignAccount` from that parachain dispatches as). That account pays a
//!   deposit held with `fungible` holds ([`Config::SubscriptionDeposit`] plus
//!   [`Config::FeedDeposit`] per feed, released on removal) and [`Config::DeliveryFee`] per
//!   message sent (burnt). Nobody else can point the chain's messages at a parachain: they run
//!   there unpaid, so only that parachain (or the admin) may ask for them.
//! - **Pushes.** The aggregation pallet hands over the rounds closed in a block
//!   ([`pallet_oracle_aggregation::traits::OnRoundResolved`]). For every subscription with a
//!   resolved round newer than the last delivered, a due round (by the trigger) becomes the
//!   feed's pending round, and the subscription's pending rounds go out in one message:
//!   `UnpaidExecution` (limited to the target's `max_weight`) + `Transact` (XCM v5,
//!   `OriginKind::Xcm`) of the receiver's call with
//!   the rounds ([`pallet_oracle_consumer::types::DeliveredRound`]: feed, round, value,
//!   decimals, the fingerprint of the feed's configuration, the round's close time and its SLA
//!   summary from [`Config::Summaries`]). At most
//!   [`Config::MaxPushesPerBlock`] messages go out per block, rounds and feed states together
//!   ([`PushesInBlock`]).
//! - **Feed states.** A feed paused, resumed or removed on this chain
//!   ([`pallet_oracle_aggregation::traits::OnRoundResolved::on_feed_status_changed`] and
//!   `on_feed_removed` raise [`StatesChanged`]) is told to its subscribers in the next block's
//!   `on_initialize`: each subscription whose feeds' states differ from those it was last told
//!   ([`types::FeedDelivery::told`]) gets one message with the differences
//!   ([`pallet_oracle_consumer::types::StatusUpdate`], in the same `deliver` call as rounds),
//!   within the same pushes per block; those beyond go the block after. A message not sent is
//!   sent again in the block after the subscription's next push of rounds goes out.
//! - **Configurations.** Each feed entry of a subscription keeps the fingerprint of the feed's
//!   configuration ([`types::FeedDelivery::fingerprint`], read from [`Config::Feeds`] when the
//!   feed joins the subscription), which the rounds delivered carry. The aggregation pallet's
//!   `update_feed` hands over the new fingerprint
//!   ([`pallet_oracle_aggregation::traits::OnRoundResolved::on_feed_updated`]): every entry of
//!   the feed takes it, and a round still pending from the configuration before is dropped.
//! - **Failures.** A send refused by the router (no channel, message too big, queue full), a
//!   fee the owner cannot pay or a block out of pushes is recorded in the subscription
//!   (`failures`, `last_failure`) and evented ([`Event::DeliveryFailed`]); its rounds stay
//!   pending and go out with the next push, when a round of its feeds resolves again. A failure
//!   never reverts or blocks the rounds' resolution.
//! - **Bounds.** [`Config::MaxSubscriptions`] in all, [`Config::MaxSubscriptionsPerPara`] per
//!   parachain; a parachain's subscriptions to the same receiver share no feed, so that no
//!   round reaches the receiver twice.
//!
//! ## How to use
//!
//! ```ignore
//! impl pallet_oracle_delivery::Config for Runtime {
//!     type RuntimeHoldReason = RuntimeHoldReason;
//!     type Currency = Balances;
//!     type AdminOrigin = EnsureRoot<AccountId>;
//!     type SiblingAccount = SiblingParachainConvertsVia<Sibling, AccountId>;
//!     type XcmRouter = XcmpQueue;
//!     type Feeds = OracleAggregation;
//!     type Summaries = SlaSummaries;
//!     // ... bounds, deposits and fees
//! }
//!
//! impl pallet_oracle_aggregation::Config for Runtime {
//!     // The SLA pallet first: the deliveries carry its summaries of the rounds.
//!     type OnRoundResolved = (OracleSla, OracleDelivery);
//!     // ...
//! }
//! ```
//!
//! The router must not charge for delivery (`NoPriceForMessageDelivery`): the pallet takes
//! its own fee in the chain's token instead. `docs/integrator.md` explains subscribing from
//! another chain.

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(test, allow(clippy::arithmetic_side_effects, clippy::float_arithmetic))]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::unwrap_used,
	reason = "set-up code for worst cases and fuzzing, outside any block's execution"
)]
mod benchmarking;
pub mod migrations;
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
	use codec::Encode;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::{Fortitude, Precision, Preservation},
			DefensiveTruncateFrom,
		},
	};
	use frame_system::pallet_prelude::*;
	use pallet_oracle_aggregation::{
		traits::{status_in, FeedStates, OnRoundResolved, RoundOutcome},
		types::FeedStatus,
	};
	use sp_runtime::traits::Saturating;
	use xcm::latest::{prelude::*, XcmHash};
	use xcm_executor::traits::ConvertLocation;

	/// Blocks after which feed states that could not be sent are tried again (they also go in
	/// the block after the subscription's next push of rounds goes out).
	pub const STATES_RETRY: u32 = 100;

	/// A balance of the chain's token.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// A subscription in this runtime.
	pub type SubscriptionOf<T> = Subscription<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		<T as Config>::MaxFeedsPerSubscription,
	>;
	/// The feeds of a subscription, as a call names them.
	pub type FeedsOf<T> = BoundedVec<FeedId, <T as Config>::MaxFeedsPerSubscription>;

	/// The layout of this pallet's storage: 1 at launch; 2 since feed entries keep their
	/// configuration's fingerprint ([`crate::migrations::v2`]). A change of layout comes with a
	/// migration to the next version, listed in the runtime's `Migrations`.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The runtime's hold reasons.
		type RuntimeHoldReason: From<HoldReason>;

		/// The chain's token: deposits are held, fees burnt.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// Who manages any subscription, without deposit or fees.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// A sibling parachain's sovereign account here, from its location `(1, [Parachain])`.
		type SiblingAccount: ConvertLocation<Self::AccountId>;

		/// Where messages go: the XCMP queue in a parachain runtime.
		type XcmRouter: SendXcm;

		/// The feeds that exist, whether they run, and their configurations' fingerprints.
		type Feeds: FeedStates;

		/// The SLA summaries of the rounds closed in a block.
		type Summaries: RoundSummaries;

		/// The most subscriptions in all.
		#[pallet::constant]
		type MaxSubscriptions: Get<u32>;

		/// The most subscriptions of one parachain.
		#[pallet::constant]
		type MaxSubscriptionsPerPara: Get<u32>;

		/// The most feeds of a subscription: also the most rounds in a message.
		#[pallet::constant]
		type MaxFeedsPerSubscription: Get<u32>;

		/// The most messages sent in a block, of rounds and of feed states together.
		#[pallet::constant]
		type MaxPushesPerBlock: Get<u32>;

		/// Held from a parachain's sovereign account for each subscription it creates.
		#[pallet::constant]
		type SubscriptionDeposit: Get<BalanceOf<Self>>;

		/// Held in addition for each feed of the subscription.
		#[pallet::constant]
		type FeedDeposit: Get<BalanceOf<Self>>;

		/// Burnt from a subscription's owner for each message sent to it.
		#[pallet::constant]
		type DeliveryFee: Get<BalanceOf<Self>>;

		/// Weights of the calls and of the pushes.
		type WeightInfo: WeightInfo;

		/// What the benchmarks need from the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A subscription's deposit.
		SubscriptionDeposit,
	}

	/// The subscriptions of each parachain.
	#[pallet::storage]
	pub type Subscriptions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ParaId, Twox64Concat, SubscriptionId, SubscriptionOf<T>>;

	/// How many subscriptions each parachain has.
	#[pallet::storage]
	pub type ParaSubscriptions<T: Config> = StorageMap<_, Twox64Concat, ParaId, u32, ValueQuery>;

	/// How many subscriptions there are.
	#[pallet::storage]
	pub type SubscriptionCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The id the next subscription gets.
	#[pallet::storage]
	pub type NextSubscriptionId<T: Config> = StorageValue<_, SubscriptionId, ValueQuery>;

	/// Whether a feed was paused, resumed or removed since the subscribers were last told (or
	/// a subscription whose states could not be sent can be sent to again): the next block
	/// tells them.
	#[pallet::storage]
	pub type StatesChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// When feed states that could not be sent are tried again, if any.
	#[pallet::storage]
	pub type StatesRetryAt<T: Config> = StorageValue<_, BlockNumberFor<T>>;

	/// The block of the last push, and the messages tried in it: pushes of rounds and of feed
	/// states share one [`Config::MaxPushesPerBlock`].
	#[pallet::storage]
	pub type PushesInBlock<T: Config> = StorageValue<_, (BlockNumberFor<T>, u32), ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A subscription was created.
		Subscribed {
			para: ParaId,
			subscription: SubscriptionId,
			owner: Option<T::AccountId>,
			feeds: FeedsOf<T>,
		},
		/// A subscription's feeds, target or trigger changed.
		SubscriptionUpdated { para: ParaId, subscription: SubscriptionId, feeds: FeedsOf<T> },
		/// A subscription was removed and its deposit released.
		Unsubscribed { para: ParaId, subscription: SubscriptionId },
		/// Rounds were sent to a subscriber.
		RoundsDelivered {
			para: ParaId,
			subscription: SubscriptionId,
			rounds: u32,
			message: XcmHash,
		},
		/// A push was not sent; its rounds (or its feeds' states) stay pending.
		DeliveryFailed { para: ParaId, subscription: SubscriptionId, failure: SendFailure },
		/// Feeds paused, resumed or removed were told to a subscriber.
		StatesDelivered {
			para: ParaId,
			subscription: SubscriptionId,
			states: u32,
			message: XcmHash,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is neither the admin origin nor the parachain's sovereign account.
		NotSovereign,
		/// The caller did not create this subscription.
		NotOwner,
		/// No such subscription.
		UnknownSubscription,
		/// A subscription needs a feed.
		NoFeeds,
		/// The feeds are not in strictly ascending order.
		UnsortedFeeds,
		/// A feed does not exist.
		UnknownFeed,
		/// A deviation trigger needs a threshold and a heartbeat above 0.
		BadTrigger,
		/// The parachain has [`Config::MaxSubscriptionsPerPara`] subscriptions already.
		TooManyParaSubscriptions,
		/// There are [`Config::MaxSubscriptions`] subscriptions already.
		TooManySubscriptions,
		/// Another subscription of the parachain delivers one of the feeds to the same receiver.
		OverlappingFeeds,
		/// No subscription id is left.
		IdsExhausted,
		/// The target's `max_weight` leaves a delivery no time or no proof size.
		NoDeliveryWeight,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MaxSubscriptionsPerPara::get() <= T::MaxSubscriptions::get(),
				"a parachain cannot have more subscriptions than there may be"
			);
			assert!(T::MaxFeedsPerSubscription::get() > 0, "a subscription needs a feed");
		}

		/// Tells the subscribers about feeds paused, resumed or removed in the block before, or
		/// tries again what could not be sent [`STATES_RETRY`] blocks ago.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let retry = StatesRetryAt::<T>::get().is_some_and(|at| now >= at);
			if retry || StatesChanged::<T>::get() {
				T::WeightInfo::push_states(Self::push_states())
			} else {
				T::DbWeight::get().reads(2)
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Subscribes parachain `para` to `feeds`: their rounds are pushed to `target` on that
		/// chain as `trigger` says.
		///
		/// - Origin: [`Config::AdminOrigin`] (no deposit, no fees), or signed by `para`'s
		///   sovereign account, which pays the deposit (held) and the fee per message.
		/// - Errors: `NotSovereign`, `NoFeeds`, `UnsortedFeeds`, `UnknownFeed`, `BadTrigger`,
		///   `NoDeliveryWeight`, `TooManyParaSubscriptions`, `TooManySubscriptions`,
		///   `OverlappingFeeds`, `IdsExhausted`, or the currency's error when the deposit cannot
		///   be held.
		/// - Event: `Subscribed`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::subscribe())]
		pub fn subscribe(
			origin: OriginFor<T>,
			para: ParaId,
			feeds: FeedsOf<T>,
			target: CallTarget,
			trigger: Trigger<BlockNumberFor<T>>,
		) -> DispatchResult {
			let owner = Self::manager(origin, para)?;
			Self::do_subscribe(para, owner, feeds, target, trigger).map(|_| ())
		}

		/// Changes a subscription's feeds, target and trigger. Feeds it keeps keep their last
		/// delivery and pending round; the deposit follows the number of feeds.
		///
		/// - Origin: [`Config::AdminOrigin`], or signed by the subscription's owner.
		/// - Errors: `UnknownSubscription`, `NotSovereign`, `NotOwner`, and those of
		///   `subscribe`.
		/// - Event: `SubscriptionUpdated`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_subscription())]
		pub fn update_subscription(
			origin: OriginFor<T>,
			para: ParaId,
			subscription: SubscriptionId,
			feeds: FeedsOf<T>,
			target: CallTarget,
			trigger: Trigger<BlockNumberFor<T>>,
		) -> DispatchResult {
			let caller = Self::manager(origin, para)?;
			Self::do_update_subscription(para, subscription, caller, feeds, target, trigger)
		}

		/// Removes a subscription and releases its deposit.
		///
		/// - Origin: [`Config::AdminOrigin`], or signed by the subscription's owner.
		/// - Errors: `UnknownSubscription`, `NotSovereign`, `NotOwner`.
		/// - Event: `Unsubscribed`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unsubscribe())]
		pub fn unsubscribe(
			origin: OriginFor<T>,
			para: ParaId,
			subscription: SubscriptionId,
		) -> DispatchResult {
			let caller = Self::manager(origin, para)?;
			Self::do_unsubscribe(para, subscription, caller)
		}
	}

	impl<T: Config> Pallet<T> {
		/// `None` for the admin origin, else the signer if it is `para`'s sovereign account.
		fn manager(
			origin: OriginFor<T>,
			para: ParaId,
		) -> Result<Option<T::AccountId>, DispatchError> {
			match T::AdminOrigin::try_origin(origin) {
				Ok(_) => Ok(None),
				Err(origin) => {
					let who = ensure_signed(origin)?;
					ensure!(Self::sovereign(para).as_ref() == Some(&who), Error::<T>::NotSovereign);
					Ok(Some(who))
				},
			}
		}

		/// The sovereign account of parachain `para` here.
		pub fn sovereign(para: ParaId) -> Option<T::AccountId> {
			T::SiblingAccount::convert_location(&Location::new(1, [Parachain(para)]))
		}

		/// The deposit of a subscription with `feeds` feeds.
		pub fn deposit_for(feeds: u32) -> BalanceOf<T> {
			T::FeedDeposit::get()
				.saturating_mul(feeds.into())
				.saturating_add(T::SubscriptionDeposit::get())
		}

		/// A feed's state as subscribers are told it, from every feed's `statuses`.
		pub fn state(statuses: &[(FeedId, FeedStatus)], feed_id: FeedId) -> FeedState {
			match status_in(statuses, feed_id) {
				Some(FeedStatus::Active) => FeedState::Active,
				Some(FeedStatus::Paused) => FeedState::Paused,
				None => FeedState::Removed,
			}
		}

		/// The fingerprint of an existing feed's configuration.
		fn fingerprint(feed_id: FeedId) -> Result<ConfigFingerprint, DispatchError> {
			T::Feeds::fingerprint(feed_id).ok_or_else(|| Error::<T>::UnknownFeed.into())
		}

		/// Checks a subscription's feeds and trigger, and that no other subscription of `para`
		/// (but `except`) delivers one of the feeds to `target`; returns the feeds' states.
		fn check(
			para: ParaId,
			except: Option<SubscriptionId>,
			feeds: &FeedsOf<T>,
			target: CallTarget,
			trigger: &Trigger<BlockNumberFor<T>>,
		) -> Result<Vec<FeedState>, DispatchError> {
			ensure!(!feeds.is_empty(), Error::<T>::NoFeeds);
			ensure!(
				feeds.windows(2).all(|pair| match pair {
					[a, b] => a < b,
					_ => true,
				}),
				Error::<T>::UnsortedFeeds
			);
			let statuses = T::Feeds::statuses();
			let states: Vec<FeedState> =
				feeds.iter().map(|feed_id| Self::state(&statuses, *feed_id)).collect();
			ensure!(!states.contains(&FeedState::Removed), Error::<T>::UnknownFeed);
			if let Trigger::Deviation { threshold, heartbeat } = trigger {
				ensure!(
					!threshold.is_zero() && *heartbeat > BlockNumberFor::<T>::default(),
					Error::<T>::BadTrigger
				);
			}
			ensure!(
				target.max_weight.ref_time() > 0 && target.max_weight.proof_size() > 0,
				Error::<T>::NoDeliveryWeight
			);
			for (id, other) in Subscriptions::<T>::iter_prefix(para) {
				if Some(id) == except || !other.target.same_call(&target) {
					continue;
				}
				ensure!(
					!other.feeds.iter().any(|entry| feeds.binary_search(&entry.feed_id).is_ok()),
					Error::<T>::OverlappingFeeds
				);
			}
			Ok(states)
		}

		/// Creates a subscription for `para`, holding its deposit from `owner` if any.
		pub fn do_subscribe(
			para: ParaId,
			owner: Option<T::AccountId>,
			feeds: FeedsOf<T>,
			target: CallTarget,
			trigger: Trigger<BlockNumberFor<T>>,
		) -> Result<SubscriptionId, DispatchError> {
			let states = Self::check(para, None, &feeds, target, &trigger)?;
			let para_count = ParaSubscriptions::<T>::get(para);
			ensure!(
				para_count < T::MaxSubscriptionsPerPara::get(),
				Error::<T>::TooManyParaSubscriptions
			);
			let count = SubscriptionCount::<T>::get();
			ensure!(count < T::MaxSubscriptions::get(), Error::<T>::TooManySubscriptions);
			let id = NextSubscriptionId::<T>::get();
			let next_id = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			let entries = feeds
				.iter()
				.map(|feed_id| Ok(FeedDelivery::new(*feed_id, Self::fingerprint(*feed_id)?)))
				.collect::<Result<Vec<_>, DispatchError>>()?;
			let deposit = match &owner {
				Some(owner) => {
					let deposit = Self::deposit_for(feeds.len() as u32);
					T::Currency::hold(&HoldReason::SubscriptionDeposit.into(), owner, deposit)?;
					deposit
				},
				None => Default::default(),
			};

			// The subscriber knows nothing of these feeds yet: any that does not run is told.
			if states.iter().any(|state| *state != FeedState::Active) {
				StatesChanged::<T>::put(true);
			}
			Subscriptions::<T>::insert(
				para,
				id,
				Subscription {
					owner: owner.clone(),
					deposit,
					target,
					trigger,
					// As many entries as feeds.
					feeds: BoundedVec::defensive_truncate_from(entries),
					delivered: 0,
					failures: 0,
					last_failure: None,
					states_unsent: false,
				},
			);
			ParaSubscriptions::<T>::insert(para, para_count.saturating_add(1));
			SubscriptionCount::<T>::put(count.saturating_add(1));
			NextSubscriptionId::<T>::put(next_id);
			Self::deposit_event(Event::Subscribed { para, subscription: id, owner, feeds });
			Ok(id)
		}

		/// The subscription, if `caller` may manage it (`None`: the admin origin).
		fn managed(
			para: ParaId,
			subscription: SubscriptionId,
			caller: &Option<T::AccountId>,
		) -> Result<SubscriptionOf<T>, DispatchError> {
			let sub = Subscriptions::<T>::get(para, subscription)
				.ok_or(Error::<T>::UnknownSubscription)?;
			if caller.is_some() {
				ensure!(&sub.owner == caller, Error::<T>::NotOwner);
			}
			Ok(sub)
		}

		/// Changes a subscription, keeping what kept feeds delivered and adjusting the deposit.
		pub fn do_update_subscription(
			para: ParaId,
			subscription: SubscriptionId,
			caller: Option<T::AccountId>,
			feeds: FeedsOf<T>,
			target: CallTarget,
			trigger: Trigger<BlockNumberFor<T>>,
		) -> DispatchResult {
			let mut sub = Self::managed(para, subscription, &caller)?;
			let states = Self::check(para, Some(subscription), &feeds, target, &trigger)?;
			// A feed it keeps keeps what the receiver was told, unless the receiver changes; a
			// feed it adds starts as told active. Any feed whose state then differs is told.
			let same_receiver = sub.target.same_call(&target);
			let entries = feeds
				.iter()
				.map(|feed_id| {
					let kept = sub.feeds.iter().find(|entry| entry.feed_id == *feed_id).copied();
					Ok(match kept {
						Some(entry) if same_receiver => entry,
						Some(entry) => FeedDelivery { told: FeedState::Active, ..entry },
						None => FeedDelivery::new(*feed_id, Self::fingerprint(*feed_id)?),
					})
				})
				.collect::<Result<Vec<FeedDelivery<BlockNumberFor<T>>>, DispatchError>>()?;
			if let Some(owner) = &sub.owner {
				let deposit = Self::deposit_for(feeds.len() as u32);
				let reason = HoldReason::SubscriptionDeposit.into();
				if deposit > sub.deposit {
					T::Currency::hold(&reason, owner, deposit.saturating_sub(sub.deposit))?;
				} else if deposit < sub.deposit {
					T::Currency::release(
						&reason,
						owner,
						sub.deposit.saturating_sub(deposit),
						Precision::BestEffort,
					)?;
				}
				sub.deposit = deposit;
			}
			if entries.iter().zip(&states).any(|(entry, state)| entry.told != *state) {
				StatesChanged::<T>::put(true);
			}
			// As many entries as feeds.
			sub.feeds = BoundedVec::defensive_truncate_from(entries);
			sub.target = target;
			sub.trigger = trigger;
			Subscriptions::<T>::insert(para, subscription, sub);
			Self::deposit_event(Event::SubscriptionUpdated { para, subscription, feeds });
			Ok(())
		}

		/// Removes a subscription and releases its deposit.
		pub fn do_unsubscribe(
			para: ParaId,
			subscription: SubscriptionId,
			caller: Option<T::AccountId>,
		) -> DispatchResult {
			let sub = Self::managed(para, subscription, &caller)?;
			if let Some(owner) = &sub.owner {
				T::Currency::release(
					&HoldReason::SubscriptionDeposit.into(),
					owner,
					sub.deposit,
					Precision::BestEffort,
				)?;
			}
			Subscriptions::<T>::remove(para, subscription);
			ParaSubscriptions::<T>::mutate_exists(para, |count| {
				*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
			SubscriptionCount::<T>::mutate(|count| *count = count.saturating_sub(1));
			Self::deposit_event(Event::Unsubscribed { para, subscription });
			Ok(())
		}

		/// Whether a resolved `value` of a feed is due under `trigger` at block `now`.
		pub fn due(
			trigger: &Trigger<BlockNumberFor<T>>,
			entry: &FeedDelivery<BlockNumberFor<T>>,
			value: Value,
			now: BlockNumberFor<T>,
		) -> bool {
			match trigger {
				Trigger::EveryRound => true,
				Trigger::Deviation { threshold, heartbeat } => {
					entry.sent_round == 0
						|| now.saturating_sub(entry.sent_at) >= *heartbeat
						|| value.abs_diff(entry.sent_value)
							>= threshold.mul_ceil(entry.sent_value.unsigned_abs())
				},
			}
		}

		/// The message that calls `target` with `rounds` and feed `states` on the subscriber.
		pub fn message(
			target: CallTarget,
			rounds: &[DeliveredRound],
			states: &[StatusUpdate],
		) -> Xcm<()> {
			let size = rounds.encoded_size().saturating_add(states.encoded_size());
			let mut call = Vec::with_capacity(size.saturating_add(2));
			call.push(target.pallet_index);
			call.push(target.call_index);
			rounds.encode_to(&mut call);
			states.encode_to(&mut call);
			Xcm(alloc::vec![
				UnpaidExecution { weight_limit: Limited(target.max_weight), check_origin: None },
				Transact {
					origin_kind: OriginKind::Xcm,
					fallback_max_weight: None,
					call: call.into()
				},
			])
		}

		/// Sends `rounds` and `states` for subscription `id` of `para` if the block has a push
		/// left (`pushes` counts them against [`Config::MaxPushesPerBlock`]; beyond, the send is
		/// `Deferred`), and records the outcome on `sub`: a success clears its failures, a
		/// failure is counted, kept as its last and reported by `DeliveryFailed`.
		fn push_one(
			para: ParaId,
			id: SubscriptionId,
			sub: &mut SubscriptionOf<T>,
			rounds: &[DeliveredRound],
			states: &[StatusUpdate],
			pushes: &mut u32,
			now: BlockNumberFor<T>,
		) -> Result<XcmHash, SendFailure> {
			let sent = if *pushes < T::MaxPushesPerBlock::get() {
				pushes.saturating_inc();
				Self::send(para, sub, rounds, states)
			} else {
				Err(SendFailure::Deferred)
			};
			match sent {
				Ok(_) => {
					sub.delivered.saturating_inc();
					sub.failures = 0;
					sub.last_failure = None;
				},
				Err(failure) => {
					sub.failures.saturating_inc();
					sub.last_failure = Some((now, failure));
					Self::deposit_event(Event::DeliveryFailed { para, subscription: id, failure });
				},
			}
			sent
		}

		/// Sends `rounds` and feed `states` to `para` for a subscription, taking the fee from its
		/// owner.
		fn send(
			para: ParaId,
			sub: &SubscriptionOf<T>,
			rounds: &[DeliveredRound],
			states: &[StatusUpdate],
		) -> Result<XcmHash, SendFailure> {
			let fee = T::DeliveryFee::get();
			if let Some(owner) = &sub.owner {
				let spendable = T::Currency::reducible_balance(
					owner,
					Preservation::Preserve,
					Fortitude::Polite,
				);
				if spendable < fee {
					return Err(SendFailure::Unpaid);
				}
			}
			let destination = Location::new(1, [Parachain(para)]);
			let (hash, _price) =
				send_xcm::<T::XcmRouter>(destination, Self::message(sub.target, rounds, states))?;
			if let Some(owner) = &sub.owner {
				// Cannot fail: the owner had the fee to spend just before the send.
				let _ = T::Currency::burn_from(
					owner,
					fee,
					Preservation::Preserve,
					Precision::Exact,
					Fortitude::Polite,
				);
			}
			Ok(hash)
		}

		/// Pushes the rounds resolved in a block to the subscriptions that are due.
		pub fn push(outcomes: &[RoundOutcome<T::AccountId, BlockNumberFor<T>>]) -> Weight {
			if !outcomes.iter().any(|outcome| outcome.value.is_some()) {
				return Weight::zero();
			}
			let now = frame_system::Pallet::<T>::block_number();
			let mut pushes = Self::pushes_in(now);
			let mut subscriptions: Vec<_> = Subscriptions::<T>::iter().collect();
			// Those deferred last time go first, so that none waits behind the others for ever.
			subscriptions.sort_by_key(|(_, _, sub)| {
				!matches!(sub.last_failure, Some((_, SendFailure::Deferred)))
			});
			let examined = subscriptions.len() as u32;
			for (para, id, mut sub) in subscriptions {
				let mut touched = false;
				for entry in sub.feeds.iter_mut() {
					// Outcomes come ascending by feed, one per feed.
					let Ok(index) =
						outcomes.binary_search_by_key(&entry.feed_id, |outcome| outcome.feed_id)
					else {
						continue;
					};
					let Some(outcome) = outcomes.get(index) else { continue };
					let Some(value) = outcome.value else { continue };
					if outcome.round_id <= entry.sent_round {
						continue;
					}
					touched = true;
					if Self::due(&sub.trigger, entry, value, now) {
						entry.pending = Some(PendingRound {
							feed_id: entry.feed_id,
							round_id: outcome.round_id,
							value,
							decimals: outcome.decimals,
							timestamp_ms: outcome.closed_at_ms,
							sla: T::Summaries::summary(entry.feed_id, outcome.round_id)
								.unwrap_or_default(),
						});
					}
				}
				let rounds: Vec<DeliveredRound> = sub
					.feeds
					.iter()
					.filter_map(|entry| {
						entry.pending.map(|round| round.delivered(entry.fingerprint))
					})
					.collect();
				if !touched || rounds.is_empty() {
					continue;
				}
				if let Ok(message) =
					Self::push_one(para, id, &mut sub, &rounds, &[], &mut pushes, now)
				{
					for entry in sub.feeds.iter_mut() {
						if let Some(round) = entry.pending.take() {
							entry.sent_round = round.round_id;
							entry.sent_value = round.value;
							entry.sent_at = now;
						}
					}
					if sub.states_unsent {
						// The subscriber is reachable again: its states go next block.
						StatesChanged::<T>::put(true);
					}
					Self::deposit_event(Event::RoundsDelivered {
						para,
						subscription: id,
						rounds: rounds.len() as u32,
						message,
					});
				}
				Subscriptions::<T>::insert(para, id, sub);
			}
			PushesInBlock::<T>::put((now, pushes));
			T::WeightInfo::rounds_resolved(examined)
		}

		/// Tells every subscription the states of its feeds that changed since it was last told:
		/// one message each, at most [`Config::MaxPushesPerBlock`] (the others next block, first).
		/// A paused or removed feed's pending round is dropped. A subscription whose message is
		/// not sent is told again in the block after its next push of rounds goes out, or
		/// [`STATES_RETRY`] blocks later. Returns the number of subscriptions examined.
		pub fn push_states() -> u32 {
			StatesChanged::<T>::kill();
			let now = frame_system::Pallet::<T>::block_number();
			let mut pushes = Self::pushes_in(now);
			StatesRetryAt::<T>::kill();
			let statuses = T::Feeds::statuses();
			let mut subscriptions: Vec<_> = Subscriptions::<T>::iter().collect();
			// Those deferred last time go first, so that none waits behind the others for ever.
			subscriptions.sort_by_key(|(_, _, sub)| {
				!matches!(sub.last_failure, Some((_, SendFailure::Deferred)))
			});
			let examined = subscriptions.len() as u32;
			for (para, id, mut sub) in subscriptions {
				let mut updates: Vec<StatusUpdate> = Vec::new();
				let mut dropped = false;
				for entry in sub.feeds.iter_mut() {
					let state = Self::state(&statuses, entry.feed_id);
					if state != FeedState::Active && entry.pending.is_some() {
						// A round resolved before the pause goes no further.
						entry.pending = None;
						dropped = true;
					}
					if state != entry.told {
						updates.push(StatusUpdate { feed_id: entry.feed_id, state });
					}
				}
				if updates.is_empty() {
					if dropped {
						Subscriptions::<T>::insert(para, id, sub);
					}
					continue;
				}
				match Self::push_one(para, id, &mut sub, &[], &updates, &mut pushes, now) {
					Ok(message) => {
						for entry in sub.feeds.iter_mut() {
							if let Some(update) =
								updates.iter().find(|update| update.feed_id == entry.feed_id)
							{
								entry.told = update.state;
							}
						}
						sub.states_unsent = false;
						Self::deposit_event(Event::StatesDelivered {
							para,
							subscription: id,
							states: updates.len() as u32,
							message,
						});
					},
					Err(SendFailure::Deferred) => StatesChanged::<T>::put(true),
					Err(_) => {
						sub.states_unsent = true;
						if StatesRetryAt::<T>::get().is_none() {
							StatesRetryAt::<T>::put(now.saturating_add(STATES_RETRY.into()));
						}
					},
				}
				Subscriptions::<T>::insert(para, id, sub);
			}
			PushesInBlock::<T>::put((now, pushes));
			examined
		}

		/// Gives every subscription's entry of `feed_id` the configuration `fingerprint`,
		/// dropping a round pending from another configuration. Returns the number of
		/// subscriptions examined.
		pub fn reconfigure(feed_id: FeedId, fingerprint: ConfigFingerprint) -> u32 {
			let subscriptions: Vec<_> = Subscriptions::<T>::iter().collect();
			let examined = subscriptions.len() as u32;
			for (para, id, mut sub) in subscriptions {
				let Ok(index) = sub.feeds.binary_search_by_key(&feed_id, |entry| entry.feed_id)
				else {
					continue;
				};
				let Some(entry) = sub.feeds.get_mut(index) else { continue };
				if entry.fingerprint == fingerprint {
					continue;
				}
				entry.fingerprint = fingerprint;
				// It resolved under the configuration before.
				entry.pending = None;
				Subscriptions::<T>::insert(para, id, sub);
			}
			examined
		}

		/// The messages tried in block `now` so far.
		fn pushes_in(now: BlockNumberFor<T>) -> u32 {
			let (at, pushes) = PushesInBlock::<T>::get();
			if at == now {
				pushes
			} else {
				0
			}
		}

		/// Checks the pallet's invariants: the counters count the subscriptions, within their
		/// bounds; ids are below the next id; feeds ascend; an existing feed's entry has its
		/// configuration's fingerprint; a pending round is newer than the last delivered; an owner's deposit is what its feeds need and is held.
		#[cfg(any(test, feature = "try-runtime"))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::traits::fungible::InspectHold;
			let mut total: u32 = 0;
			let mut per_para = alloc::collections::BTreeMap::<ParaId, u32>::new();
			let mut held = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
			let next_id = NextSubscriptionId::<T>::get();
			for (para, id, sub) in Subscriptions::<T>::iter() {
				total = total.saturating_add(1);
				per_para.entry(para).or_default().saturating_inc();
				ensure!(id < next_id, "a subscription id not below the next id");
				ensure!(!sub.feeds.is_empty(), "a subscription without feeds");
				ensure!(
					sub.feeds.windows(2).all(|pair| match pair {
						[a, b] => a.feed_id < b.feed_id,
						_ => true,
					}),
					"a subscription's feeds do not ascend"
				);
				for entry in sub.feeds.iter() {
					if let Some(fingerprint) = T::Feeds::fingerprint(entry.feed_id) {
						ensure!(
							entry.fingerprint == fingerprint,
							"an entry's fingerprint is not its feed's configuration's"
						);
					}
					if let Some(round) = entry.pending {
						ensure!(round.feed_id == entry.feed_id, "a pending round of another feed");
						ensure!(round.round_id > entry.sent_round, "a pending round not newer");
					}
				}
				match &sub.owner {
					Some(owner) => {
						ensure!(
							sub.deposit == Self::deposit_for(sub.feeds.len() as u32),
							"a deposit that does not match the feeds"
						);
						let sum = held.entry(owner.clone()).or_default();
						*sum = sum.saturating_add(sub.deposit);
					},
					None => ensure!(sub.deposit.is_zero(), "a deposit without an owner"),
				}
			}
			ensure!(total == SubscriptionCount::<T>::get(), "the subscription count is off");
			ensure!(total <= T::MaxSubscriptions::get(), "more subscriptions than allowed");
			for (para, count) in ParaSubscriptions::<T>::iter() {
				ensure!(per_para.get(&para) == Some(&count), "a parachain's count is off");
				ensure!(count <= T::MaxSubscriptionsPerPara::get(), "too many for a parachain");
			}
			ensure!(
				per_para.len() == ParaSubscriptions::<T>::iter().count(),
				"a parachain without its count"
			);
			for (owner, deposit) in held {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::SubscriptionDeposit.into(), &owner)
						== deposit,
					"an owner's held deposit differs from its subscriptions'"
				);
			}
			Ok(())
		}
	}

	impl<T: Config> OnRoundResolved<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
		fn on_rounds_resolved(
			outcomes: &[RoundOutcome<T::AccountId, BlockNumberFor<T>>],
		) -> Weight {
			Self::push(outcomes)
		}

		/// A removed feed never resolves again: its subscribers are told next block.
		fn on_feed_removed(_feed_id: FeedId) {
			StatesChanged::<T>::put(true);
		}

		/// Its subscribers are told next block.
		fn on_feed_status_changed(_feed_id: FeedId, _status: FeedStatus) {
			StatesChanged::<T>::put(true);
		}

		/// Every subscription's entry of the feed takes the new fingerprint; a round pending
		/// from the configuration before is dropped.
		fn on_feed_updated(feed_id: FeedId, fingerprint: ConfigFingerprint) {
			Self::reconfigure(feed_id, fingerprint);
		}

		/// With every subscription naming the feed.
		fn feed_updated_weight() -> Weight {
			T::WeightInfo::feed_updated(T::MaxSubscriptions::get())
		}
	}
}
