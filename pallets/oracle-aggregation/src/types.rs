//! The pallet's data: ids and values, a feed's round state and the due rule both the chain
//! and the operators' workers follow, closed rounds as readers see them, and the reports
//! operators sign. A feed's configuration is in [`crate::feed_config`].

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{One, Saturating},
	Permill,
};

pub use oracle_primitives::{FeedId, FeedStatus, RoundId, Value};

/// How the chain combines the operators' submissions of a round.
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
pub enum Aggregation {
	/// The mean of the in-bounds submissions without the `f` lowest and the `f` highest, `f`
	/// being the faults the session tolerates (`⌊(n − 1) / 3⌋` of `n` operators): a trimmed
	/// mean, so that up to `f` liars cannot move it outside the honest values.
	Mean,
	/// The median; an even count gives the mean of the two middle values.
	Median,
}

/// The part of a feed's configuration its rounds need on chain, kept next to the round state so
/// that a submission reads one small item per value.
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
pub struct RoundParams<BlockNumber> {
	/// How the submissions of a round are combined.
	pub aggregation: Aggregation,
	/// The fewest in-bounds submissions that resolve a round.
	pub quorum: u32,
	/// The answer window: the blocks after the one the round opened in, in which answers can
	/// land; with the quorum met it resolves at the start of the next block, whoever has not
	/// answered yet.
	pub resolution_delay: BlockNumber,
	/// Blocks after the round opened at which a round without quorum times out; also how
	/// long an answer waits for a round that is not due yet.
	pub round_timeout: BlockNumber,
	/// A round is due this many blocks after the feed's last value resolved.
	pub heartbeat: BlockNumber,
	/// A round is due early when `f + 1` answers moved this much from the last value.
	pub deviation_threshold: Permill,
	/// Rounds kept in the running buffer.
	pub buffer_len: u32,
	/// Submissions below this are rejected.
	pub min_value: Value,
	/// Submissions above this are rejected.
	pub max_value: Value,
	/// Values older than this many blocks are stale to readers.
	pub max_age: BlockNumber,
	/// Operators commit, then reveal.
	pub commit_reveal: bool,
	/// The decimals of the feed's values, handed on with each closed round.
	pub decimals: u8,
}

/// The round being filled, as seen by the last round check.
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
pub struct OpenRound<BlockNumber> {
	/// The round's id: always the feed's `latest_round + 1`.
	pub round_id: RoundId,
	/// The block of the round's first submission.
	pub started_at: BlockNumber,
	/// The block from which the round is open to every operator: the first round check after
	/// its first submission, whose state every operator's worker sees. The answer window
	/// (`resolution_delay`) and the timeout count from here.
	pub opened_at: BlockNumber,
	/// Submissions so far, in bounds or not (commitments included).
	pub submissions: u32,
	/// With commit–reveal: the block from which values are revealed, once the commit phase
	/// closed (after its answer window, never earlier). Commitments are accepted until then,
	/// values from then on, for another answer window of at least `f + 1` blocks.
	pub reveal_from: Option<BlockNumber>,
}

/// The on-chain state of a feed's rounds.
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
pub struct FeedState<BlockNumber> {
	/// The feed.
	pub feed_id: FeedId,
	/// Whether the feed accepts submissions.
	pub status: FeedStatus,
	/// A copy of the configuration's round parameters.
	pub params: RoundParams<BlockNumber>,
	/// The last closed (resolved or timed-out) round, 0 before the first one. Submissions are
	/// accepted for `latest_round + 1` only.
	pub latest_round: RoundId,
	/// The round being filled, if it has submissions.
	pub open: Option<OpenRound<BlockNumber>>,
	/// Someone paid for a fresh round; operators submit at their next run.
	pub requested: bool,
	/// The sum of the resolved values among the kept rounds.
	pub buffer_sum: Value,
	/// How many of the kept rounds resolved (timed-out rounds carry no new value).
	pub buffer_count: u32,
	/// Submissions rejected for being out of bounds, over the feed's life.
	pub out_of_bounds: u32,
	/// The last resolved value, which a timed-out round carries on.
	pub answer: LastAnswer<BlockNumber>,
	/// The oldest closed round of the feed that may be in its grace period (0: none).
	pub grace_from: RoundId,
}

/// The end of a window of `length` blocks opened by the check of block `from`: the workers see
/// what that check did once they import block `from`, so their answers land from block
/// `from + 1`; the window is blocks `from + 1 ..= from + length`, and it is over at the check
/// of the block after them.
pub fn window_end<B: Saturating + One>(from: B, length: B) -> B {
	from.saturating_add(length).saturating_add(One::one())
}

/// Why a feed's next round is due without waiting for answers that moved: the one rule by
/// which the chain opens rounds and the operators' workers plan them ([`FeedState::due`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Due {
	/// Someone paid for a fresh round.
	Requested,
	/// The feed never resolved a round.
	First,
	/// The heartbeat passed since the last resolved value.
	Heartbeat,
}

impl<BlockNumber> FeedState<BlockNumber>
where
	BlockNumber: Copy + PartialOrd + Saturating,
{
	/// The block whose state first shows the feed's heartbeat due: its last resolution plus
	/// the heartbeat.
	pub fn heartbeat_at(&self) -> BlockNumber {
		self.answer.updated_at.saturating_add(self.params.heartbeat)
	}

	/// Whether the feed's next round is due as seen in the state of block `seen`, and why,
	/// leaving aside answers that moved by the deviation threshold. A paused feed's never is.
	///
	/// A worker plans with the block it has just imported. The chain, in block `now`, opens
	/// a round on what every worker could have seen, the state of `now - 1`: answers land
	/// from the block after the one their workers read, so an answer sent early cannot open
	/// a round before the other operators can answer it.
	pub fn due(&self, seen: BlockNumber) -> Option<Due> {
		if self.status != FeedStatus::Active {
			None
		} else if self.requested {
			Some(Due::Requested)
		} else if self.answer.round_id == 0 {
			Some(Due::First)
		} else if seen >= self.heartbeat_at() {
			Some(Due::Heartbeat)
		} else {
			None
		}
	}
}

/// A feed's last resolved value and when it was resolved.
#[derive(
	Clone,
	Copy,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
)]
pub struct LastAnswer<BlockNumber> {
	/// The value; 0 before the first resolution.
	pub value: Value,
	/// The round that resolved it; 0 before the first resolution.
	pub round_id: RoundId,
	/// The block at which it was resolved.
	pub updated_at: BlockNumber,
	/// The chain's timestamp (ms) when it was resolved.
	pub updated_at_ms: u64,
}

/// The part of a feed's state that an operator's report is checked against.
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
pub struct FeedHead {
	/// The feed.
	pub feed_id: FeedId,
	/// Whether the feed accepts submissions.
	pub status: FeedStatus,
	/// The last closed round; reports are for `latest_round + 1`.
	pub latest_round: RoundId,
	/// Submissions below this are rejected.
	pub min_value: Value,
	/// Submissions above this are rejected.
	pub max_value: Value,
	/// Where a commit–reveal feed's open round is: `None` for a feed without commit–reveal,
	/// otherwise whether values are being revealed (`Some(true)`) or commitments collected.
	pub revealing: Option<bool>,
	/// The oldest closed round that may be in its grace period (0: none): values for it and
	/// later closed rounds are taken as late answers.
	pub grace_from: RoundId,
}

impl<BlockNumber> From<&FeedState<BlockNumber>> for FeedHead {
	fn from(state: &FeedState<BlockNumber>) -> Self {
		let revealing = state.params.commit_reveal.then(|| {
			state.open.as_ref().is_some_and(|open| {
				open.round_id == state.latest_round.saturating_add(1) && open.reveal_from.is_some()
			})
		});
		FeedHead {
			feed_id: state.feed_id,
			status: state.status,
			latest_round: state.latest_round,
			min_value: state.params.min_value,
			max_value: state.params.max_value,
			revealing,
			grace_from: state.grace_from,
		}
	}
}

/// What a reader needs to serve a feed's value: its status, how old a value may be and its
/// latest closed round.
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
pub struct LatestRound<BlockNumber> {
	/// Whether the feed accepts submissions.
	pub status: FeedStatus,
	/// Values older than this many blocks are stale.
	pub max_age: BlockNumber,
	/// The latest closed round, none before the first one.
	pub round: Option<RoundData<BlockNumber>>,
	/// The latest round timed out while more than `f` in-bounds answers had moved by the
	/// feed's deviation threshold from the last value: reads fail until a round resolves.
	pub disputed: bool,
}

/// A closed round of a feed, as integrators read it.
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
pub struct RoundData<BlockNumber> {
	/// The round.
	pub round_id: RoundId,
	/// The resolved value; for a timed-out round the last resolved value (see
	/// `answered_in_round`), 0 if there never was one.
	pub value: Value,
	/// The mean of the resolved values in the feed's running buffer.
	pub running_mean: Value,
	/// The block of the round's first submission.
	pub started_at: BlockNumber,
	/// The block at which `value` was resolved.
	pub updated_at: BlockNumber,
	/// The chain's timestamp (ms) when `value` was resolved: the parent block's, as rounds close
	/// at the start of a block.
	pub updated_at_ms: u64,
	/// The round `value` comes from. Less than `round_id` means the round timed out and the value
	/// is stale; 0 means the feed never resolved a round.
	pub answered_in_round: RoundId,
	/// The submissions the round received, in bounds or not.
	pub submissions: u32,
	/// Of those, the ones rejected as out of bounds.
	pub out_of_bounds: u32,
}

impl<BlockNumber> RoundData<BlockNumber> {
	/// Whether the round resolved a value of its own (rather than timing out).
	pub fn resolved(&self) -> bool {
		self.answered_in_round == self.round_id && self.round_id != 0
	}
}

/// One operator's answer for a feed's open round, kept with the operator's other answers.
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
pub struct Submission<BlockNumber> {
	/// The feed.
	pub feed_id: FeedId,
	/// The round the answer is for.
	pub round_id: RoundId,
	/// The value, or the commitment to it not yet revealed.
	pub answer: Answered,
	/// The block the answer (or commitment) landed in.
	pub at: BlockNumber,
}

/// What an operator has given for a round.
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
pub enum Answered {
	/// A value (for commit–reveal, revealed and matching its commitment).
	Value {
		/// The value.
		value: Value,
		/// Whether it was within the feed's bounds; out-of-bounds values count as answers but
		/// not in the aggregate.
		in_bounds: bool,
	},
	/// A commitment to a value, not revealed yet: no answer until it is.
	Committed(Commitment),
}

impl<BlockNumber> Submission<BlockNumber> {
	/// The value, if this is an answer (not a commitment), and whether it is in bounds.
	pub fn value(&self) -> Option<(Value, bool)> {
		match self.answer {
			Answered::Value { value, in_bounds } => Some((value, in_bounds)),
			Answered::Committed(_) => None,
		}
	}

	/// The value if this is an answer within the feed's bounds.
	pub fn in_bounds_value(&self) -> Option<Value> {
		self.value().and_then(|(value, in_bounds)| in_bounds.then_some(value))
	}

	/// Whether this is a commitment not yet revealed.
	pub fn is_commitment(&self) -> bool {
		matches!(self.answer, Answered::Committed(_))
	}
}

/// A value an operator reports for a feed's round.
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
pub struct ReportValue {
	/// The feed.
	pub feed_id: FeedId,
	/// The round: the feed's open round, `latest_round + 1`.
	pub round_id: RoundId,
	/// The value, or for a commit–reveal feed the commitment or the reveal.
	pub answer: ReportAnswer,
}

/// What a report gives for a feed's round.
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
pub enum ReportAnswer {
	/// The value, with the feed's decimals (feeds without commit–reveal).
	Value(Value),
	/// A commitment, [`commitment`](crate::commit_reveal::commitment) of the value and a secret salt (commit phase).
	Commit(Commitment),
	/// The committed value and its salt (reveal phase).
	Reveal {
		/// The value, with the feed's decimals.
		value: Value,
		/// The salt the commitment was made with.
		salt: Salt,
	},
}

/// A commitment to a value: 16 bytes of BLAKE2b (see [`commitment`](crate::commit_reveal::commitment)).
pub type Commitment = [u8; 16];

/// The secret random salt of a commitment.
pub type Salt = [u8; 16];

/// What an operator's node signs with its `oracle` key and submits: values for several feeds,
/// sorted by feed, at most one per feed.
#[derive(
	CloneNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxValues))]
pub struct Report<Key, BlockNumber, MaxValues: Get<u32>>
where
	Key: Clone + PartialEq + Eq + core::fmt::Debug,
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The operator's `oracle` key, which signs the report.
	pub key: Key,
	/// The block the node's offchain worker ran at.
	pub at: BlockNumber,
	/// The values, strictly ascending by feed.
	pub values: BoundedVec<ReportValue, MaxValues>,
}

/// The domain separator prefixed to a report before signing. The signed payload is
/// `(REPORT_CONTEXT, genesis hash, report)`: see `Pallet::report_payload`.
pub const REPORT_CONTEXT: &[u8] = b"oracle-aggregation/report";

impl<BlockNumber> oracle_primitives::ByFeed for FeedState<BlockNumber> {
	fn feed_id(&self) -> FeedId {
		self.feed_id
	}
}

impl oracle_primitives::ByFeed for FeedHead {
	fn feed_id(&self) -> FeedId {
		self.feed_id
	}
}
