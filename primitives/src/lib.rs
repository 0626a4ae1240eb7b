//! # Oracle primitives
//!
//! What the oracle parachain's pallets, and the chains that read its values, share, and
//! nothing else: a crate each of them can depend on without depending on one another.
//!
//! - **Ids and values** ([`FeedId`], [`RoundId`], [`Value`] with its decimals,
//!   [`ConfigFingerprint`], [`FeedStatus`]) and the arithmetic every side judges values with
//!   ([`values`]: [`values::deviation`], [`values::moved`], [`values::median`]).
//! - **Lookups by feed**: state kept as vectors sorted by feed id is searched through
//!   [`ByFeed`] ([`find`], [`find_mut`], [`position`]), never by hand.
//! - **The path after a round closes** ([`rounds`]): the aggregation pallet hands closed rounds
//!   to its [`rounds::OnRoundResolved`] listener (the SLA pallet), which judges them and hands
//!   the judged rounds, each with its SLA summary, to its [`rounds::OnRoundsJudged`] listener
//!   (the delivery pallet). Feed changes reach every interested pallet through
//!   [`rounds::OnFeedChanged`].
//! - **The wire format** ([`wire`]) the oracle chain sends a subscriber and the receiver
//!   decodes: the sender and the receiver both depend on this crate, not on each other.
//! - **One read error** ([`ReadError`]) for every read of a value that fails closed, on the
//!   oracle chain and on a receiving chain.
//!
//! ```
//! use oracle_primitives::{find, values::deviation, ByFeed, FeedId};
//! use sp_arithmetic::Permill;
//!
//! struct Entry(FeedId, i128);
//! impl ByFeed for Entry {
//!     fn feed_id(&self) -> FeedId {
//!         self.0
//!     }
//! }
//!
//! let entries = [Entry(1, 100), Entry(4, 250), Entry(9, 80)];
//! assert_eq!(find(&entries, 4).map(|entry| entry.1), Some(250));
//! assert!(find(&entries, 5).is_none());
//! assert_eq!(deviation(101, 100), Permill::from_percent(1));
//! ```

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

extern crate alloc;

pub mod rounds;
pub mod values;
pub mod wire;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifies a feed; assigned by the oracle chain, counting up from 0, never reused.
pub type FeedId = u32;
/// Identifies a round of a feed, counting up from 1.
pub type RoundId = u32;
/// A fixed-point value with the feed's `decimals`.
pub type Value = i128;
/// The fingerprint of a feed's configuration on the oracle chain (the BLAKE2-128 hash of its
/// encoding): any change of the feed's sources, bounds, aggregation or other settings changes
/// it.
pub type ConfigFingerprint = [u8; 16];

/// The most decimals a value can have: `i128` holds 38 full decimal digits.
pub const MAX_DECIMALS: u8 = 38;

/// Whether a feed's rounds run on the oracle chain.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum FeedStatus {
	/// Operators fetch and submit; rounds resolve.
	Active,
	/// Nothing is fetched or accepted; the last round stays readable (and ages).
	Paused,
}

/// Why a read of a feed's value gives no value to act on. Every read fails closed: a value
/// that is missing, old, paused, disputed or withheld is an error, never a stale number.
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
	/// No feed has this id (on the oracle chain).
	UnknownFeed,
	/// The feed never resolved a round (on the oracle chain), or no round of it ever arrived
	/// (on a receiving chain, also after the feed was removed there).
	NoValue,
	/// The value is older than the feed's `max_age`.
	Stale {
		/// How long ago the value resolved (on the oracle chain) or arrived (on a receiving
		/// chain), in ms by the reading chain's clock.
		age_ms: u64,
		/// The feed's `max_age`, in ms.
		max_age_ms: u64,
	},
	/// The oracle chain's feed admin paused the feed: no round resolves until it is resumed,
	/// so the value fails closed whatever its age.
	Paused,
	/// The oracle chain removed the feed: no round of it will resolve again.
	Removed,
	/// The feed's last round timed out while more than `f` operators answered that the value
	/// had moved by the feed's deviation threshold: the last value is not served until a round
	/// resolves.
	Disputed,
	/// The receiving chain's admin froze the feed (or removed it): nothing of it is served or
	/// kept until the admin unfreezes it.
	Frozen,
	/// The receiving chain's admin paused the whole receiver: no feed is served or kept.
	ReceiverPaused,
}

/// Something kept in a vector sorted by feed id, one per feed.
pub trait ByFeed {
	/// The feed it belongs to.
	fn feed_id(&self) -> FeedId;
}

impl<T> ByFeed for (FeedId, T) {
	fn feed_id(&self) -> FeedId {
		self.0
	}
}

impl<T: ByFeed> ByFeed for &T {
	fn feed_id(&self) -> FeedId {
		(*self).feed_id()
	}
}

/// Where feed `feed_id` is in `sorted` (ascending by feed id, one entry per feed): `Ok` with
/// its index, or `Err` with the index it would be inserted at.
pub fn position<T: ByFeed>(sorted: &[T], feed_id: FeedId) -> Result<usize, usize> {
	sorted.binary_search_by_key(&feed_id, ByFeed::feed_id)
}

/// The entry of feed `feed_id` in `sorted` (ascending by feed id), if there is one.
pub fn find<T: ByFeed>(sorted: &[T], feed_id: FeedId) -> Option<&T> {
	sorted.get(position(sorted, feed_id).ok()?)
}

/// The entry of feed `feed_id` in `sorted` (ascending by feed id), if there is one, to change.
pub fn find_mut<T: ByFeed>(sorted: &mut [T], feed_id: FeedId) -> Option<&mut T> {
	let index = position(sorted, feed_id).ok()?;
	sorted.get_mut(index)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn lookups_find_every_feed_and_only_those() {
		let sorted: alloc::vec::Vec<(FeedId, u8)> = (0..50u32).map(|f| (f * 3, f as u8)).collect();
		for feed_id in 0..160 {
			let expected = (feed_id % 3 == 0 && feed_id < 150).then_some((feed_id / 3) as u8);
			assert_eq!(find(&sorted, feed_id).map(|entry| entry.1), expected, "feed {feed_id}");
			assert_eq!(position(&sorted, feed_id).is_ok(), expected.is_some());
		}
		let mut sorted = sorted;
		*find_mut(&mut sorted, 9).map(|entry| &mut entry.1).unwrap() = 200;
		assert_eq!(find(&sorted, 9), Some(&(9, 200)));
		assert_eq!(position(&sorted, 10), Err(4));
		assert!(find::<(FeedId, u8)>(&[], 0).is_none());
	}
}
