//! The path after a round closes, and the feed changes pallets tell each other about.
//!
//! The aggregation pallet closes rounds and hands them, once per block, to its
//! [`OnRoundResolved`] listener: the SLA pallet, which judges the operators and hands the
//! rounds on, each with its [`RoundSla`] summary, to its [`OnRoundsJudged`] listener: the
//! delivery pallet. The order is a matter of types: a pallet that needs a round's summary
//! implements [`OnRoundsJudged`], which only the judging pallet calls, so it never sees a round
//! before its judgement. Feed changes (created configuration, pause, removal) go to every
//! [`OnFeedChanged`] listener, in any order.

use crate::{wire::RoundSla, ConfigFingerprint, FeedId, FeedStatus, RoundId, Value};
use alloc::vec::Vec;
use sp_weights::Weight;

/// One operator's answer in a closed round.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Answer<AccountId, BlockNumber> {
	/// The operator.
	pub operator: AccountId,
	/// The value it submitted.
	pub value: Value,
	/// The block its submission landed in.
	pub at: BlockNumber,
	/// Whether the value was within the feed's bounds (only those count in the aggregate).
	pub in_bounds: bool,
}

/// A round that just closed, with everything needed to judge the operators.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RoundOutcome<AccountId, BlockNumber> {
	/// The feed.
	pub feed_id: FeedId,
	/// The round.
	pub round_id: RoundId,
	/// The resolved value, `None` when the round timed out without quorum.
	pub value: Option<Value>,
	/// The decimals of the feed's values.
	pub decimals: u8,
	/// The chain's time (ms) the round closed at: the parent block's, as rounds close at the
	/// start of a block.
	pub closed_at_ms: u64,
	/// What answers are judged against: the median of the round's in-bounds answers when it
	/// resolved (with at least `2f + 1` of them), whatever the feed's aggregation; `None` when
	/// it timed out. With at most `f` liars it lies within the honest answers.
	pub reference: Option<Value>,
	/// The band answers are judged against: the lowest and highest in-bounds answer after
	/// dropping the `f` lowest and the `f` highest, when the round resolved; `None` when it
	/// timed out. With at most `f` liars both ends lie within the honest answers, and the
	/// reference between them, so an answer within tolerance of the band is never further
	/// from an honest answer than the tolerance allows.
	pub band: Option<(Value, Value)>,
	/// The feed's value before this round (of its last resolved round); `None` if it never
	/// resolved. How far the market moved since widens the tolerance: an honest answer fetched
	/// a few blocks before or after the others in a fast market differs from them by about as
	/// much.
	pub previous: Option<Value>,
	/// `f`, the faults the round's session tolerates: the band drops `f` answers at each end,
	/// and an answer that `f + 1` answers (itself included) agree with lies within tolerance
	/// of an honest one.
	pub faults: u32,
	/// The block by which the blocks after `opened_at` had `f + 1` distinct authors (or a later
	/// one: it is read from the last block each operator authored): an answer sent when the
	/// round opened reached an honest author by then. `None` when the round closed before.
	/// An answer that landed after it may be late; one that landed before it is not, whatever
	/// its latency, since colluding authors may have kept it out until then.
	pub spanned_at: Option<BlockNumber>,
	/// The block the round started at (its first submission).
	pub started_at: BlockNumber,
	/// The block from which the round was open to every operator; answer latency counts from
	/// here, so that an early first answer makes nobody late.
	pub opened_at: BlockNumber,
	/// The block the round closed at.
	pub closed_at: BlockNumber,
	/// The answers of the operators expected in the round (operators since before it opened),
	/// in operator order.
	pub answers: Vec<Answer<AccountId, BlockNumber>>,
	/// The expected operators that did not answer, and whose window spanned at least `f + 1`
	/// distinct block authors: at least one honest author could have included their answers.
	pub missing: Vec<AccountId>,
	/// The expected operators that did not answer while the window spanned fewer distinct
	/// authors: their answers may have been left out by colluding authors. They are judged
	/// when the round's grace period ends ([`OnRoundResolved::on_graces_over`]).
	pub pending: Vec<AccountId>,
}

/// The end of a closed round's grace period: who answered late and who is missing.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct GraceOutcome<AccountId, BlockNumber> {
	/// The feed.
	pub feed_id: FeedId,
	/// The round.
	pub round_id: RoundId,
	/// The pending operators whose answers landed during the grace period, with the block.
	pub late: Vec<(AccountId, BlockNumber)>,
	/// The pending operators still without an answer: missing.
	pub missing: Vec<AccountId>,
	/// The pending operators not judged: no longer operators, or disabled since.
	pub unjudged: Vec<AccountId>,
}

/// A closed round after its judgement: what the pallets after the judge need of it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct JudgedRound {
	/// The feed.
	pub feed_id: FeedId,
	/// The round.
	pub round_id: RoundId,
	/// The resolved value, `None` when the round timed out without quorum.
	pub value: Option<Value>,
	/// The decimals of the feed's values.
	pub decimals: u8,
	/// The chain's time (ms) the round closed at.
	pub closed_at_ms: u64,
	/// How the operators did in the round, from its SLA record.
	pub sla: RoundSla,
}

impl crate::ByFeed for JudgedRound {
	fn feed_id(&self) -> FeedId {
		self.feed_id
	}
}

impl<AccountId, BlockNumber> crate::ByFeed for RoundOutcome<AccountId, BlockNumber> {
	fn feed_id(&self) -> FeedId {
		self.feed_id
	}
}

/// Told about closed rounds: the judge of the operators.
pub trait OnRoundResolved<AccountId, BlockNumber> {
	/// Handles every round closed (resolved or timed out) in one block, ascending by feed, once
	/// per block, so that per-operator state is touched once however many rounds close. Returns
	/// the weight it used.
	fn on_rounds_resolved(outcomes: &[RoundOutcome<AccountId, BlockNumber>]) -> Weight;

	/// Handles the grace periods that ended in one block: the operators pending in a round's
	/// outcome are now late or missing. Returns the weight it used.
	fn on_graces_over(_outcomes: &[GraceOutcome<AccountId, BlockNumber>]) -> Weight {
		Weight::zero()
	}
}

impl<AccountId, BlockNumber> OnRoundResolved<AccountId, BlockNumber> for () {
	fn on_rounds_resolved(_outcomes: &[RoundOutcome<AccountId, BlockNumber>]) -> Weight {
		Weight::zero()
	}
}

/// Told about judged rounds: what comes after the judge (delivery to subscribers).
pub trait OnRoundsJudged {
	/// Handles the rounds closed and judged in one block, ascending by feed, once per block.
	/// Returns the weight it used.
	fn on_rounds_judged(rounds: &[JudgedRound]) -> Weight;
}

impl OnRoundsJudged for () {
	fn on_rounds_judged(_rounds: &[JudgedRound]) -> Weight {
		Weight::zero()
	}
}

/// Told about changes of the feeds themselves.
pub trait OnFeedChanged {
	/// Handles the removal of a feed. Keep it to a few storage accesses: it runs inside
	/// `remove_feed`, whose benchmark in the runtime measures it.
	fn on_feed_removed(_feed_id: FeedId) {}

	/// Handles a feed paused or resumed. Keep it to a few storage accesses: it runs inside
	/// `set_feed_status`, whose benchmark in the runtime measures it.
	fn on_feed_status_changed(_feed_id: FeedId, _status: FeedStatus) {}

	/// Handles a feed's new configuration, whose fingerprint is `fingerprint`. It runs inside
	/// `update_feed`, which charges [`Self::feed_updated_weight`] for it on top of its own.
	fn on_feed_updated(_feed_id: FeedId, _fingerprint: ConfigFingerprint) {}

	/// The most weight [`Self::on_feed_updated`] takes.
	fn feed_updated_weight() -> Weight {
		Weight::zero()
	}
}

impl OnFeedChanged for () {}

/// Both, in order.
impl<A: OnFeedChanged, B: OnFeedChanged> OnFeedChanged for (A, B) {
	fn on_feed_removed(feed_id: FeedId) {
		A::on_feed_removed(feed_id);
		B::on_feed_removed(feed_id);
	}

	fn on_feed_status_changed(feed_id: FeedId, status: FeedStatus) {
		A::on_feed_status_changed(feed_id, status);
		B::on_feed_status_changed(feed_id, status);
	}

	fn on_feed_updated(feed_id: FeedId, fingerprint: ConfigFingerprint) {
		A::on_feed_updated(feed_id, fingerprint);
		B::on_feed_updated(feed_id, fingerprint);
	}

	fn feed_updated_weight() -> Weight {
		A::feed_updated_weight().saturating_add(B::feed_updated_weight())
	}
}

/// Which feeds exist, and whether they run, for pallets that tell others about them.
pub trait FeedStates {
	/// Every feed that exists with its status, ascending by feed id, in one read. A feed not
	/// in it does not exist (never created, or removed: feed ids are never reused).
	fn statuses() -> Vec<(FeedId, FeedStatus)>;

	/// The fingerprint of a feed's configuration, `None` if it does not exist (one read of the
	/// configuration).
	fn fingerprint(feed_id: FeedId) -> Option<ConfigFingerprint>;
}
