//! Commit–reveal: how an operator commits to a value without showing it, how the chain
//! checks a reveal against the commitment, and when a commit–reveal round's phases end.
//!
//! A feed with `commit_reveal` takes, for each round, first a commitment from each operator,
//! then, once the commit phase is over, the values, each of which must open its operator's
//! commitment. The phases' timing is decided here from what the round check knows; the
//! check ([`crate::rounds`]) applies it.

use crate::types::{Commitment, FeedId, RoundId, Salt, Value};
use codec::Encode;
use sp_runtime::traits::{One, Saturating};

/// The domain separator of commitments.
pub const COMMIT_CONTEXT: &[u8] = b"oracle-aggregation/commit";

/// The commitment an operator makes to `value` for a round: BLAKE2b-128 of
/// `(COMMIT_CONTEXT, genesis hash, feed, round, value, salt, operator account)` SCALE-encoded.
/// It binds the value to this chain, round and operator, so that it can neither be replayed
/// elsewhere nor copied by another operator; the 128-bit random salt hides the value. 128
/// bits keep a report of 1,000 reveals and every operator's 1,000 held answers within the
/// block's proof budget; opening a commitment with a second value means finding a collision
/// for that one round and operator, about 2^64 hashes, within the round's answer window.
pub fn commitment<Hash: Encode, AccountId: Encode>(
	genesis: &Hash,
	feed_id: FeedId,
	round_id: RoundId,
	value: Value,
	salt: &Salt,
	operator: &AccountId,
) -> Commitment {
	let preimage = (COMMIT_CONTEXT, genesis, feed_id, round_id, value, salt, operator).encode();
	sp_io::hashing::blake2_128(&preimage)
}

/// The reveals' answer window: the feed's `window`, but at least `f + 1` blocks, so that no
/// `f` colluding authors of consecutive blocks can keep every reveal out.
pub fn reveal_window<B: Ord + From<u32>>(window: B, faults: u32) -> B {
	window.max(B::from(faults.saturating_add(1)))
}

/// The commit phase of a round opened at the check of `opened_at`, at the check of `now`:
/// when its reveals open (`Some(now)` if at this check) and the next check it needs.
///
/// The phase closes at `commit_end`, the end of its answer window, never earlier, so that no
/// committer chooses when the reveals open. It also waits until the blocks after the opening
/// had `f + 1` distinct authors (at most `MaxAuthorSpan` blocks), `authors_enough`, so that
/// colluding authors cannot keep an honest commitment out. Once open, the reveals take
/// `reveal_window` blocks.
pub fn commit_phase<B>(
	now: B,
	commit_end: B,
	authors_enough: bool,
	reveal_window: B,
) -> (Option<B>, B)
where
	B: Copy + Ord + Saturating + One,
{
	if now >= commit_end && authors_enough {
		(Some(now), crate::types::window_end(now, reveal_window))
	} else if now >= commit_end {
		(None, now.saturating_add(One::one()))
	} else {
		(None, commit_end)
	}
}

/// When the reveal phase that opened at the check of `from` ends, as seen at the check of
/// `now`: at the end of its window, or, while the blocks after `from` have not yet had `f + 1`
/// distinct authors (nor `MaxAuthorSpan` blocks passed), `authors_enough` false, at the next
/// check: an unrevealed commitment is a miss only when an honest author could have included
/// its reveal.
pub fn reveal_end<B>(now: B, from: B, reveal_window: B, authors_enough: bool) -> B
where
	B: Copy + Ord + Saturating + One,
{
	let end = crate::types::window_end(from, reveal_window);
	if now >= end && !authors_enough {
		now.saturating_add(One::one())
	} else {
		end
	}
}

/// Whether a reveal of `value` with `salt` opens `committed`, the commitment `operator` made
/// for the round on the chain of `genesis`.
pub fn opens<Hash: Encode, AccountId: Encode>(
	committed: &Commitment,
	genesis: &Hash,
	feed_id: FeedId,
	round_id: RoundId,
	value: Value,
	salt: &Salt,
	operator: &AccountId,
) -> bool {
	commitment(genesis, feed_id, round_id, value, salt, operator) == *committed
}
