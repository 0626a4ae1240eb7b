//! Runtime API of the oracle-sla pallet: the SLA record of a round, an operator's statistics
//! and reputation, and a feed's SLA (`state_call` with `OracleSlaApi_record` and friends).

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
pub use pallet_oracle_sla::types::{FeedId, FeedSla, OperatorReport, RoundId};

sp_api::decl_runtime_apis! {
	/// Reads of the oracle's SLA. `Record` is the runtime's SLA record type.
	pub trait OracleSlaApi<AccountId, BlockNumber, Record>
	where
		AccountId: Codec,
		BlockNumber: Codec,
		Record: Codec,
	{
		/// The SLA record of a round, if still kept.
		fn record(feed_id: FeedId, round_id: RoundId) -> Option<Record>;
		/// An operator's statistics, reputation and average latency; `None` if it never had a
		/// round.
		fn operator(operator: AccountId) -> Option<OperatorReport>;
		/// A feed's terms, rounds and availability; `None` for an unknown feed.
		fn feed_sla(feed_id: FeedId) -> Option<FeedSla<BlockNumber>>;
	}
}
