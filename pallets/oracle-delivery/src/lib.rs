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
//! - **Pushes.** The SLA pallet hands over the rounds closed in a block once it has judged them,
//!   each with its SLA summary ([`oracle_primitives::rounds::OnRoundsJudged`]): the pallet never
//!   sees a round before its judgement. For every subscription with a
//!   resolved round newer than the last delivered, a due round (by the trigger) becomes the
//!   feed's pending round, and the subscription's pending rounds go out in one message:
//!   `UnpaidExecution` (limited to the target's `max_weight`) + `Transact` (XCM v5,
//!   `OriginKind::Xcm`) of the receiver's call with
//!   the rounds ([`oracle_primitives::wire::DeliveredRound`]: feed, round, value, decimals, the
//!   fingerprint of the feed's configuration, the round's close time and its SLA summary). At
//!   most
//!   [`Config::MaxPushesPerBlock`] messages go out per block, rounds and feed states together
//!   ([`PushesInBlock`]).
//! - **Feed states.** A feed paused, resumed or removed on this chain
//!   ([`oracle_primitives::rounds::OnFeedChanged::on_feed_status_changed`] and
//!   `on_feed_removed` raise [`StatesChanged`]) is told to its subscribers in the next block's
//!   `on_initialize`: each subscription whose feeds' states differ from those it was last told
//!   ([`types::FeedDelivery::told`]) gets one message with the differences
//!   ([`oracle_primitives::wire::StatusUpdate`], in the same `deliver` call as rounds),
//!   within the same pushes per block; those beyond go the block after. A message not sent is
//!   sent again in the block after the subscription's next push of rounds goes out.
//! - **Configurations.** Each feed entry of a subscription keeps the fingerprint of the feed's
//!   configuration ([`types::FeedDelivery::fingerprint`], read from [`Config::Feeds`] when the
//!   feed joins the subscription), which the rounds delivered carry. The aggregation pallet's
//!   `update_feed` hands over the new fingerprint
//!   ([`oracle_primitives::rounds::OnFeedChanged::on_feed_updated`]): every entry of
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
//! Make the pallet the SLA pallet's `OnRoundsJudged` and one of the aggregation pallet's
//! `OnFeedChanged` (`type OnFeedChanged = (OracleSla, OracleDelivery)`), and give it the XCMP
//! queue as its router. The oracle chain's runtime (`runtime/src/configs/mod.rs`):
//!
#![doc = docify::embed!("../../runtime/src/configs/mod.rs", delivery_config)]
//!
//! The router must not charge for delivery (`NoPriceForMessageDelivery`): the pallet takes
//! its own fee in the chain's token instead. `docs/integrator.md` explains subscribing from
//! another chain.
//!
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
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod push;
mod subscriptions;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::types::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use oracle_primitives::rounds::FeedStates;
	use xcm::latest::prelude::*;
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
}
