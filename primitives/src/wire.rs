//! What the oracle chain sends its subscribers: the argument of the receiver's `deliver` call
//! in the `Transact` of every delivery. Its encoding must stay as it is (a test pins it): the
//! sender and every receiver depend on it.

use crate::{ConfigFingerprint, FeedId, RoundId, Value};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::Permill;

/// How the oracle's operators did in a round, from the oracle chain's SLA record of it.
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
	Default,
)]
pub struct RoundSla {
	/// The operators assigned to the round.
	pub expected: u32,
	/// The operators that submitted a value.
	pub submitted: u32,
	/// Submissions within the feed's tolerance of the round's reference.
	pub accepted: u32,
	/// Submissions beyond the tolerance or outside the feed's bounds.
	pub deviating: u32,
	/// The median absolute deviation of the submissions, relative to their median.
	pub dispersion: Permill,
	/// The feed's share of rounds resolved with quorum so far, this one included.
	pub availability: Permill,
}

/// A resolved round as the oracle chain sends it.
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
pub struct DeliveredRound {
	/// The feed, as the oracle chain numbers it.
	pub feed_id: FeedId,
	/// The round; each delivered round of a feed has a larger one than the last.
	pub round_id: RoundId,
	/// The resolved value.
	pub value: Value,
	/// The decimals of `value` (at most [`crate::MAX_DECIMALS`]).
	pub decimals: u8,
	/// The fingerprint of the feed's configuration the round resolved under.
	pub fingerprint: ConfigFingerprint,
	/// The oracle chain's time of the resolution, in ms since the Unix epoch.
	pub timestamp_ms: u64,
	/// How the operators did in the round.
	pub sla: RoundSla,
}

/// A feed's state on the oracle chain, as the oracle chain tells its subscribers.
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
	Default,
)]
pub enum FeedState {
	/// Rounds resolve.
	#[default]
	Active,
	/// Paused by the oracle chain's feed admin: no round resolves until it is resumed.
	Paused,
	/// Removed from the oracle chain: no round of it will ever resolve again.
	Removed,
}

/// A feed's new state on the oracle chain.
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
pub struct StatusUpdate {
	/// The feed, as the oracle chain numbers it.
	pub feed_id: FeedId,
	/// Its state there now.
	pub state: FeedState,
}
