//! What an operator's node keeps about each feed in its persistent offchain storage between
//! runs: the value last sent, when its sources were last polled, and a commitment's secret.

use crate::{
	commit_reveal::commitment,
	types::{Commitment, FeedId, RoundId, Salt, Value},
};
use alloc::{format, vec::Vec};
use sp_core::offchain::StorageKind;

/// Prefix of the commitments awaiting their reveal: `oracle/commit/<feed id>`.
pub const COMMIT_PREFIX: &str = "oracle/commit/";
/// Offchain-storage prefix of when a feed's sources were last requested ([`schedule`]).
pub const POLLED_PREFIX: &str = "oracle/polled/";
/// Offchain-storage prefix of the plain value last reported for a feed's round ([`Sent`]).
pub const SENT_PREFIX: &str = "oracle/sent/";

/// The plain value a run reported for a feed's round, kept in the node's persistent offchain
/// storage under `oracle/sent/<feed id>`, so that the runs while its transaction may still
/// land send it again instead of fetching the sources at every block. Only for a due round:
/// a deviation candidate is fetched again when its polling interval says.
#[derive(Clone, Copy, PartialEq, Eq, Debug, codec::Encode, codec::Decode)]
pub struct Sent {
	/// The round reported for.
	pub round_id: RoundId,
	/// The value.
	pub value: Value,
	/// The block of the run that reported it.
	pub at: u64,
	/// The feed's configuration it was fetched under ([`FeedConfig::fingerprint`]): a value fetched
	/// under another one (other decimals, sources or transforms) is never sent again.
	pub config: [u8; 16],
}

impl FeedRecord for Sent {
	const PREFIX: &'static str = SENT_PREFIX;
}

/// When (ms, the node's clock) a feed's sources were last requested, kept under
/// `oracle/polled/<feed id>`: what its polling interval and its place in the fetching order go
/// by ([`schedule`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug, codec::Encode, codec::Decode)]
pub struct Polled(pub u64);

impl FeedRecord for Polled {
	const PREFIX: &'static str = POLLED_PREFIX;
}

/// What an operator's node keeps about a feed in its persistent offchain storage, SCALE-encoded
/// under `<PREFIX><feed id>`: one record of each kind per feed, each replacing the last.
pub trait FeedRecord: codec::Encode + codec::Decode + Sized {
	/// The key prefix of this kind of record.
	const PREFIX: &'static str;

	/// Its storage key for `feed_id`.
	fn key(feed_id: FeedId) -> Vec<u8> {
		format!("{}{feed_id}", Self::PREFIX).into_bytes()
	}

	/// The record kept for `feed_id`, if any.
	fn load(feed_id: FeedId) -> Option<Self> {
		let raw = sp_io::offchain::local_storage_get(StorageKind::PERSISTENT, &Self::key(feed_id))?;
		codec::Decode::decode(&mut &raw[..]).ok()
	}

	/// Keeps it for `feed_id`, replacing the one kept before.
	fn store(&self, feed_id: FeedId) {
		sp_io::offchain::local_storage_set(
			StorageKind::PERSISTENT,
			&Self::key(feed_id),
			&self.encode(),
		);
	}
}

/// A value this node committed to and has to reveal, with its salt, as kept in its persistent
/// offchain storage.
#[derive(Clone, Copy, PartialEq, Eq, Debug, codec::Encode, codec::Decode)]
pub struct PendingCommit {
	/// The round committed to.
	pub round_id: RoundId,
	/// The value.
	pub value: Value,
	/// The salt.
	pub salt: Salt,
	/// The block of the run that committed.
	pub at: u64,
}

impl FeedRecord for PendingCommit {
	const PREFIX: &'static str = COMMIT_PREFIX;
}

impl PendingCommit {
	/// The commitment this is the secret of, for `feed_id`, by `operator` on the chain of
	/// `genesis`.
	pub fn commitment<Hash: codec::Encode, AccountId: codec::Encode>(
		&self,
		genesis: &Hash,
		feed_id: FeedId,
		operator: &AccountId,
	) -> Commitment {
		commitment(genesis, feed_id, self.round_id, self.value, &self.salt, operator)
	}

	/// A fresh salt for `feed_id`'s round `round_id`, from the node's random seed.
	pub fn fresh_salt(feed_id: FeedId, round_id: RoundId) -> Salt {
		use codec::Encode;
		let seed = sp_io::offchain::random_seed();
		sp_io::hashing::blake2_128(&(b"oracle/salt", seed, feed_id, round_id).encode())
	}
}
