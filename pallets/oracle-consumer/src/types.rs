//! What the oracle chain delivers and what the receiving chain keeps.
//!
//! [`DeliveredRound`] is the wire format: the oracle chain encodes a bounded vector of them as
//! the argument of [`crate::Call::deliver`] in the `Transact` it sends, so its encoding must
//! stay as it is (a test pins it).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Permill;

/// A feed of the oracle chain.
pub type FeedId = u32;
/// A round of a feed.
pub type RoundId = u32;
/// A value in fixed point, with the feed's `decimals`.
pub type Value = i128;

/// The most decimals a value can have: `i128` holds 38 full decimal digits.
pub const MAX_DECIMALS: u8 = 38;

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
	/// The decimals of `value` (at most [`MAX_DECIMALS`]).
	pub decimals: u8,
	/// The oracle chain's time of the resolution, in ms since the Unix epoch.
	pub timestamp_ms: u64,
	/// How the operators did in the round.
	pub sla: RoundSla,
}

/// A round as this chain keeps it.
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
pub struct ReceivedRound<BlockNumber> {
	/// The round.
	pub round_id: RoundId,
	/// The resolved value.
	pub value: Value,
	/// The decimals of `value`.
	pub decimals: u8,
	/// The oracle chain's time of the resolution, in ms since the Unix epoch.
	pub timestamp_ms: u64,
	/// How the operators did in the round.
	pub sla: RoundSla,
	/// This chain's time when the round arrived, in ms since the Unix epoch: staleness counts
	/// from here, by this chain's clock only.
	pub received_at_ms: u64,
	/// This chain's block the round arrived in.
	pub received_in: BlockNumber,
}

/// Why a feed has no value to read.
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
pub enum ReadError {
	/// No round of the feed ever arrived (or the feed was removed).
	NoValue,
	/// The latest round arrived longer ago than the feed's `max_age`.
	Stale {
		/// How long ago it arrived, in ms.
		age_ms: u64,
		/// The feed's `max_age`, in ms.
		max_age_ms: u64,
	},
}

/// Why a delivered round was not kept (the other rounds of its delivery are judged on their
/// own).
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
pub enum Refusal {
	/// Its id is not larger than the feed's latest (a repeated or older round), or is 0.
	NotNewer,
	/// Its value has more than [`MAX_DECIMALS`] decimals.
	BadDecimals,
	/// Its decimals differ from those of the feed's kept rounds: a value of another scale is
	/// never served under the same feed. The feed keeps its last value of the kept scale, which
	/// goes stale (reads then fail) unless rounds of that scale arrive again; removing the feed
	/// lets it start anew at the new scale.
	ScaleChanged {
		/// The decimals of the feed's kept rounds.
		kept: u8,
	},
	/// It would start a feed beyond [`crate::Config::MaxFeeds`].
	TooManyFeeds,
}
