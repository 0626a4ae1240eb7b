//! Runtime API of the oracle-aggregation pallet: feeds' latest and past rounds and their
//! configurations, for nodes, RPC clients and tools (`state_call` with
//! `OracleAggregationApi_latest_round` and friends).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_oracle_aggregation::{
	types::{FeedId, RoundData, RoundId},
	ReadError,
};

sp_api::decl_runtime_apis! {
	/// Reads of the oracle's feeds. `FeedConfig` is the runtime's feed configuration type.
	pub trait OracleAggregationApi<BlockNumber, FeedConfig>
	where
		BlockNumber: Codec,
		FeedConfig: Codec,
	{
		/// The latest closed round of a feed (resolved or timed out), `None` for an unknown
		/// feed or one without rounds.
		fn latest_round(feed_id: FeedId) -> Option<RoundData<BlockNumber>>;
		/// The latest round of a feed if its value is fresh: resolved in that round and at most
		/// `max_age` blocks old; otherwise why not.
		fn fresh_round(feed_id: FeedId) -> Result<RoundData<BlockNumber>, ReadError>;
		/// Every feed with its latest closed round.
		fn latest_rounds() -> Vec<(FeedId, Option<RoundData<BlockNumber>>)>;
		/// A round still in the feed's running buffer.
		fn round(feed_id: FeedId, round_id: RoundId) -> Option<RoundData<BlockNumber>>;
		/// A feed's configuration.
		fn feed_config(feed_id: FeedId) -> Option<FeedConfig>;
	}
}
