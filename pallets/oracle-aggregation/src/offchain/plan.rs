//! Planning a run: which active feeds this operator answers, and why ([`Reason`]), by the
//! chain's own due rule ([`FeedState::due`](crate::types::FeedState::due)).

use super::records::{FeedRecord, PendingCommit, Sent};
use crate::{aggregate, feed_config::FeedConfig, pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{SaturatedConversion, Zero};

/// Why a feed is fetched in a run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reason {
	/// A round is open that this operator has not answered.
	OpenRound,
	/// Someone paid for a round.
	Requested,
	/// The heartbeat elapsed (or the feed never had a round).
	Heartbeat,
	/// Reported only if the value moved by `deviation_threshold` from `last`.
	Deviation { last: Value },
	/// A commit–reveal round this operator committed to takes reveals: the value and salt
	/// kept when committing are revealed, nothing is fetched.
	Reveal(PendingCommit),
	/// A commitment for the round was sent by a run so recent that it may still be in the
	/// transaction pool, but is not on chain yet: it is sent again as it was, nothing is
	/// fetched (another commitment would not be taken if the first one lands). Once that
	/// transaction cannot land any more, a fresh value is fetched and committed instead.
	Recommit(PendingCommit),
	/// A plain value for this round was reported by a run so recent that its transaction may
	/// still land: the same value is sent again, nothing is fetched ([`schedule`]).
	Resend(Sent),
}

impl Reason {
	/// Whether the feed's sources are fetched for this reason.
	pub fn fetches(&self) -> bool {
		!matches!(self, Reason::Reveal(_) | Reason::Recommit(_) | Reason::Resend(_))
	}

	/// Whether a round needs this operator's answer now (rather than the feed being a
	/// [`Reason::Deviation`] candidate).
	pub fn due(&self) -> bool {
		!matches!(self, Reason::Deviation { .. })
	}
}

/// A feed to fetch in this run.
pub struct Planned<B, S: Get<u32>>
where
	B: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The feed.
	pub feed_id: FeedId,
	/// The round to report for.
	pub round_id: RoundId,
	/// Its configuration.
	pub config: FeedConfig<B, S>,
	/// Why it is fetched.
	pub reason: Reason,
	/// The block its open round opened at (0 when none), which orders open rounds.
	pub opened_at: u64,
}

/// The feeds this operator fetches at `now`, ascending by feed.
pub fn plan<T: Config>(
	operator: &T::AccountId,
	now: BlockNumberFor<T>,
) -> Vec<Planned<BlockNumberFor<T>, T::MaxSources>> {
	let mine = Submissions::<T>::get(operator);
	let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
	let now_number: u64 = now.saturated_into();
	let in_flight = u64::from(T::MaxReportAge::get());
	let mut planned: Vec<_> = States::<T>::get()
		.into_iter()
		.filter_map(|state| {
			let feed_id = state.feed_id;
			let round_id = state.latest_round.saturating_add(1);
			let active = state.status == FeedStatus::Active;
			let given = mine.iter().find(|s| s.feed_id == feed_id && s.round_id == round_id);
			if state.params.commit_reveal {
				let revealing = state
					.open
					.is_some_and(|open| open.round_id == round_id && open.reveal_from.is_some());
				let pending = PendingCommit::load(feed_id).filter(|p| p.round_id == round_id);
				let planned = |reason| {
					Some(Planned {
						feed_id,
						round_id,
						config: Feeds::<T>::get(feed_id)?,
						reason,
						opened_at: 0,
					})
				};
				match (given.map(|s| s.answer), revealing, pending) {
					// Committed, the commit phase is over, and the secret kept here opens the
					// commitment on chain (another node with the same key may have made it):
					// reveal, even while the feed is paused.
					(Some(Answered::Committed(hash)), true, Some(pending))
						if pending.commitment(&genesis, feed_id, operator) == hash =>
					{
						return planned(Reason::Reveal(pending));
					},
					// Too late to commit, nothing to reveal, or answered.
					(_, true, _) | (Some(_), false, _) => return None,
					// Committed by a recent run, not on chain yet: the same commitment again.
					(None, false, Some(pending))
						if active && now_number <= pending.at.saturating_add(in_flight) =>
					{
						return planned(Reason::Recommit(pending));
					},
					// Nothing committed that can still land: fetch and commit afresh.
					(None, false, _) => {},
				}
			} else if given.is_some() {
				return None;
			}
			if !active {
				return None;
			}
			let config = Feeds::<T>::get(feed_id)?;
			// The chain's own rule, as seen in the block this worker imported.
			let reason = match (state.open, state.due(now)) {
				(Some(_), _) => Reason::OpenRound,
				(None, Some(Due::Requested)) => Reason::Requested,
				(None, Some(Due::First | Due::Heartbeat)) => Reason::Heartbeat,
				(None, None) => Reason::Deviation { last: state.answer.value },
			};
			let opened_at = state.open.map_or(0, |open| open.opened_at.saturated_into());
			Some(Planned { feed_id, round_id, config, reason, opened_at })
		})
		.collect();
	planned.sort_by_key(|p| p.feed_id);
	planned
}

/// Whether this operator reports a planned `feed` whose sources gave `value`: always, except
/// that a candidate ([`Reason::Deviation`]) is reported only when `value` moved at least
/// `deviation_threshold` from the last resolved value.
pub fn worth_reporting<B, S: Get<u32>>(feed: &Planned<B, S>, value: Value) -> bool
where
	B: Clone + PartialEq + Eq + core::fmt::Debug,
{
	match feed.reason {
		Reason::Deviation { last } => {
			aggregate::moved(value, last, feed.config.deviation_threshold)
		},
		_ => true,
	}
}
