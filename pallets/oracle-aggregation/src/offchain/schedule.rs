//! Scheduling a run's fetches: which planned feeds are fetched now, which are sent again
//! without fetching, and which wait for a later run under the cap on requests.

use super::{
	plan::{Planned, Reason},
	records::{FeedRecord, Polled, Sent},
};
use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_runtime::traits::Saturating;

/// How often a run may fetch and how much: see [`schedule`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FetchLimits {
	/// The chain's shortest polling interval (seconds).
	pub min_poll: u32,
	/// The most requests of a run.
	pub max_requests: u32,
	/// How many blocks a report may take to land as an answer to an open round
	/// (`MaxReportAge`).
	pub in_flight: u64,
	/// The shortest answer window (`min_answer_window`): waiting answers that landed more than
	/// this many blocks before their round opened are dropped when it opens.
	pub window: u64,
}

/// Which of the `planned` feeds this run fetches, at the node's time `now_ms` and block
/// `now_block`; the rest wait for a later run. Ascending by feed, with how many wait.
///
/// - A due feed whose plain value for this round was reported, under the same configuration,
///   by a run whose transaction may still land ([`Sent`]) is sent again without fetching
///   ([`Reason::Resend`]); reveals and
///   recommitments fetch nothing either. These are always kept.
/// - A candidate ([`Reason::Deviation`]) is fetched only once its polling interval
///   (`poll_interval`, at least `min_poll`) has passed since its sources were last requested.
///   A due feed is fetched whenever it is due.
/// - Of those, open rounds go first, by their opening block then feed; then the other due
///   feeds, in an order rotated at every block by a hash of (feed, block); then the candidates,
///   the one that has waited longest first (by when each became eligible: last requested plus
///   its interval), then by feed. The due feeds' order follows from the chain alone, so every
///   honest node fetches the same ones under the cap. Feeds are taken whole, in that order,
///   each whose sources still fit `max_requests`; the others wait. The first in the order
///   always fits (`max_requests` is at least `MaxSources`); a waiting candidate keeps its place
///   while every fetched one moves behind it.
///
/// Every fetched feed's time is recorded under `oracle/polled/<feed id>`.
pub fn schedule<B, S: Get<u32>>(
	planned: Vec<Planned<B, S>>,
	now_ms: u64,
	now_block: u64,
	limits: FetchLimits,
) -> (Vec<Planned<B, S>>, usize)
where
	B: Clone + PartialEq + Eq + core::fmt::Debug + codec::Encode,
{
	let floor_ms = u64::from(limits.min_poll).saturating_mul(1_000);
	let mut kept = Vec::with_capacity(planned.len());
	let mut queue = Vec::new();
	for mut feed in planned {
		if !feed.reason.fetches() {
			kept.push(feed);
			continue;
		}
		if !feed.config.commit_reveal && feed.reason.due() {
			let sent = Sent::load(feed.feed_id).filter(|sent| {
				sent.round_id == feed.round_id
					&& now_block <= sent.at.saturating_add(limits.in_flight)
					&& sent.config == feed.config.fingerprint()
					// Made long before the round opened (its answer, if it landed, was dropped
					// when the round opened): its value is older than the others', so a fresh
					// one is fetched. (Were the first still in the pool, whichever lands first
					// counts.)
					&& (feed.opened_at == 0
						|| sent.at >= feed.opened_at.saturating_sub(limits.window))
			});
			if let Some(sent) = sent {
				feed.reason = Reason::Resend(sent);
				kept.push(feed);
				continue;
			}
		}
		// A time in the node's future (its clock was set back) counts as never.
		let eligible_at = match Polled::load(feed.feed_id).filter(|Polled(at)| *at <= now_ms) {
			None => 0,
			Some(Polled(polled)) if feed.reason.due() => polled.saturating_add(floor_ms),
			Some(Polled(polled)) => {
				let interval = feed.config.poll_interval.max(limits.min_poll);
				let at = polled.saturating_add(u64::from(interval).saturating_mul(1_000));
				if at > now_ms {
					continue;
				}
				at
			},
		};
		queue.push((eligible_at, feed));
	}
	// Feeds whose rounds need answers come first, in an order every honest node shares, as it
	// follows from the chain alone: open rounds by their opening block, then other due feeds
	// in an order rotated at every block by a hash of (feed, block), fair over time. So under
	// the cap all honest nodes fetch the same feeds, whatever their polling histories (nodes
	// fetching disjoint subsets of the due feeds would each answer too few rounds). Deviation
	// candidates come last, the one that has waited longest first.
	queue.sort_by_key(|(eligible_at, feed)| {
		use codec::Encode;
		let feed_id = u64::from(feed.feed_id);
		if matches!(feed.reason, Reason::OpenRound) {
			(0u8, feed.opened_at, feed_id)
		} else if feed.reason.due() {
			let turn = sp_io::hashing::twox_64(&(feed.feed_id, now_block).encode());
			(1, u64::from_le_bytes(turn), feed_id)
		} else {
			(2, *eligible_at, feed_id)
		}
	});
	let mut requests = 0u32;
	let mut waiting = 0usize;
	for (_, feed) in queue {
		let sources = u32::try_from(feed.config.sources.len()).unwrap_or(u32::MAX);
		let total = requests.saturating_add(sources);
		if total > limits.max_requests {
			waiting.saturating_inc();
			continue;
		}
		requests = total;
		Polled(now_ms).store(feed.feed_id);
		kept.push(feed);
	}
	kept.sort_by_key(|feed| feed.feed_id);
	(kept, waiting)
}
