//! Runtime API of the oracle-consumer pallet: the rounds this chain received from the oracle
//! chain (`state_call` with `OracleConsumerApi_fresh` and friends).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_oracle_consumer::types::{FeedId, ReadError, ReceivedRound, RoundId, Value};

sp_api::decl_runtime_apis! {
	/// Reads of the received rounds.
	pub trait OracleConsumerApi<BlockNumber>
	where
		BlockNumber: Codec,
	{
		/// The latest round of a feed if it is fresh by this chain's clock, else why not.
		fn fresh(feed_id: FeedId) -> Result<ReceivedRound<BlockNumber>, ReadError>;
		/// The latest round of a feed, fresh or not.
		fn latest(feed_id: FeedId) -> Option<ReceivedRound<BlockNumber>>;
		/// A feed's kept rounds, oldest first.
		fn history(feed_id: FeedId) -> Vec<ReceivedRound<BlockNumber>>;
		/// The feeds kept, ascending.
		fn feeds() -> Vec<FeedId>;
	}
}
