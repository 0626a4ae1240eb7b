//! Subscriptions and what the pallet remembers of each delivery.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, weights::Weight, BoundedVec};
use scale_info::TypeInfo;
use sp_runtime::Permill;

pub use oracle_primitives::{
	wire::{DeliveredRound, FeedState, RoundSla, StatusUpdate},
	ConfigFingerprint, FeedId, RoundId, Value,
};

/// A parachain id.
pub type ParaId = u32;
/// A subscription's id among its parachain's.
pub type SubscriptionId = u32;

/// Where on the subscribing chain deliveries go: the receiver pallet's index in that chain's
/// runtime and the index of its `deliver` call (0 for `pallet-oracle-consumer`), and the most
/// weight that chain lets one delivery take there.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
)]
pub struct CallTarget {
	/// The receiver pallet's index in the subscribing runtime.
	pub pallet_index: u8,
	/// The `deliver` call's index in that pallet.
	pub call_index: u8,
	/// The most weight one delivery may take on the subscribing chain, as its own weigher
	/// counts the message (for `pallet-oracle-consumer`, the receiving runtime's bound in
	/// `AllowDeliveriesFrom`): sent as `UnpaidExecution { weight_limit: Limited(max_weight) }`,
	/// so that the message never asks for more than the subscriber granted.
	pub max_weight: Weight,
}

impl CallTarget {
	/// Whether `other` calls the same pallet and call (whatever its weight).
	pub fn same_call(&self, other: &Self) -> bool {
		self.pallet_index == other.pallet_index && self.call_index == other.call_index
	}
}

/// When a subscription's feeds are pushed.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Trigger<BlockNumber> {
	/// Every round of the feeds that resolves.
	EveryRound,
	/// A resolved round whose value moved at least `threshold` from the last one delivered, or
	/// the first resolved round `heartbeat` blocks or more after the last delivery of the feed.
	Deviation {
		/// The relative move that makes a round due.
		threshold: Permill,
		/// Blocks after which any resolved round is due.
		heartbeat: BlockNumber,
	},
}

/// Why a push was not sent.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
)]
pub enum SendFailure {
	/// The router has no route to the parachain.
	NotApplicable,
	/// The transport refused the message (for the XCMP queue: no channel, or the channel's
	/// queue is full).
	Transport,
	/// The parachain is unroutable.
	Unroutable,
	/// The destination cannot read the message's version.
	DestinationUnsupported,
	/// The message is larger than the transport takes.
	ExceedsMaxMessageSize,
	/// The router needed an argument it did not get.
	MissingArgument,
	/// The transport wanted fees it could not take.
	Fees,
	/// The subscription's owner could not pay the delivery fee.
	Unpaid,
	/// The block's pushes ran out; the rounds wait for the next resolution.
	Deferred,
}

impl From<xcm::latest::SendError> for SendFailure {
	fn from(error: xcm::latest::SendError) -> Self {
		use xcm::latest::SendError;
		match error {
			SendError::NotApplicable => Self::NotApplicable,
			SendError::Transport(_) => Self::Transport,
			SendError::Unroutable => Self::Unroutable,
			SendError::DestinationUnsupported => Self::DestinationUnsupported,
			SendError::ExceedsMaxMessageSize => Self::ExceedsMaxMessageSize,
			SendError::MissingArgument => Self::MissingArgument,
			SendError::Fees => Self::Fees,
		}
	}
}

/// A due round not delivered yet: a [`DeliveredRound`] but for the configuration fingerprint,
/// which is its feed entry's ([`FeedDelivery::fingerprint`]).
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
)]
pub struct PendingRound {
	/// The feed.
	pub feed_id: FeedId,
	/// The round.
	pub round_id: RoundId,
	/// The resolved value.
	pub value: Value,
	/// Its decimals.
	pub decimals: u8,
	/// The oracle chain's time (ms) the round closed at.
	pub timestamp_ms: u64,
	/// The round's SLA summary.
	pub sla: RoundSla,
}

impl PendingRound {
	/// The round as delivered, resolved under the configuration of `fingerprint`.
	pub fn delivered(self, fingerprint: ConfigFingerprint) -> DeliveredRound {
		DeliveredRound {
			feed_id: self.feed_id,
			round_id: self.round_id,
			value: self.value,
			decimals: self.decimals,
			fingerprint,
			timestamp_ms: self.timestamp_ms,
			sla: self.sla,
		}
	}
}

/// One feed of a subscription: what was last delivered, and what waits to be.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
)]
pub struct FeedDelivery<BlockNumber> {
	/// The feed.
	pub feed_id: FeedId,
	/// The fingerprint of the feed's configuration, kept current by the aggregation pallet's
	/// `on_feed_updated`: the rounds delivered carry it.
	pub fingerprint: ConfigFingerprint,
	/// The last round delivered (0: none yet).
	pub sent_round: RoundId,
	/// Its value.
	pub sent_value: Value,
	/// The block it was sent in.
	pub sent_at: BlockNumber,
	/// A due round not delivered yet (its push failed or was deferred): sent with the next push,
	/// unless a newer due round replaces it, or the feed is reconfigured (it resolved under
	/// the configuration before).
	pub pending: Option<PendingRound>,
	/// The feed's state as last told to the subscriber (as it was when subscribed, until a
	/// change is sent).
	pub told: FeedState,
}

impl<BlockNumber: Default> FeedDelivery<BlockNumber> {
	/// A feed nothing was delivered of yet, configured as `fingerprint` says.
	pub fn new(feed_id: FeedId, fingerprint: ConfigFingerprint) -> Self {
		Self {
			feed_id,
			fingerprint,
			sent_round: 0,
			sent_value: 0,
			sent_at: BlockNumber::default(),
			pending: None,
			told: FeedState::Active,
		}
	}

	/// A feed nothing was delivered of yet, in `state` on the oracle chain.
	pub fn in_state(feed_id: FeedId, fingerprint: ConfigFingerprint, state: FeedState) -> Self {
		Self { told: state, ..Self::new(feed_id, fingerprint) }
	}
}

/// A sibling parachain's subscription.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxFeeds))]
pub struct Subscription<AccountId, Balance, BlockNumber, MaxFeeds: Get<u32>> {
	/// The account that created it and pays for it (the parachain's sovereign account), or
	/// `None` when the admin origin created it (free of deposit and fees).
	pub owner: Option<AccountId>,
	/// The deposit held from the owner.
	pub deposit: Balance,
	/// The receiver's pallet and call on the parachain.
	pub target: CallTarget,
	/// When its feeds are pushed.
	pub trigger: Trigger<BlockNumber>,
	/// Its feeds, ascending by id.
	pub feeds: BoundedVec<FeedDelivery<BlockNumber>, MaxFeeds>,
	/// Messages sent.
	pub delivered: u32,
	/// Pushes that failed in a row since the last one sent.
	pub failures: u32,
	/// The last failure, with its block; cleared by the next push sent.
	pub last_failure: Option<(BlockNumber, SendFailure)>,
	/// A change of its feeds' states could not be sent: it is sent again in the block after
	/// the subscription's next push that goes out.
	pub states_unsent: bool,
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Makes the router able to deliver to `para` (opens a channel to it).
	fn open_route(para: ParaId);
	/// `n` feeds that exist, ascending, creating them if needed.
	fn feeds(n: u32) -> alloc::vec::Vec<FeedId>;
}

/// For a runtime whose feeds `0..n` exist and whose router needs nothing.
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for () {
	fn open_route(_para: ParaId) {}
	fn feeds(n: u32) -> alloc::vec::Vec<FeedId> {
		(0..n).collect()
	}
}

impl<BlockNumber> oracle_primitives::ByFeed for FeedDelivery<BlockNumber> {
	fn feed_id(&self) -> FeedId {
		self.feed_id
	}
}
