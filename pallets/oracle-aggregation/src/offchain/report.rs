//! A run's report: each planned feed's entry, a value, a commitment to one or the reveal of
//! an earlier commitment, from what its sources gave.

use super::{
	fetch::Http,
	plan::{worth_reporting, Planned, Reason},
	records::{FeedRecord, PendingCommit, Sent},
	value::fetch_and_aggregate,
};
use crate::{commit_reveal::commitment, pallet::*, types::*, LOG_TARGET};
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{SaturatedConversion, Zero};

/// What this operator reports for a planned `feed`, given the value its sources gave (if it
/// was fetched): the value; for a commit–reveal feed the commitment to it (keeping the value
/// and a fresh salt in offchain storage), or the reveal of an earlier commitment. `genesis`
/// and `operator` enter the commitment; `now` is the run's block.
pub fn report_entry<B, S: Get<u32>, Hash: codec::Encode, AccountId: codec::Encode>(
	feed: &Planned<B, S>,
	fetched: Option<Value>,
	genesis: &Hash,
	operator: &AccountId,
	now: u64,
) -> Option<ReportValue>
where
	B: Clone + PartialEq + Eq + core::fmt::Debug + codec::Encode,
{
	let (feed_id, round_id) = (feed.feed_id, feed.round_id);
	let commit = |pending: &PendingCommit| {
		commitment(genesis, feed_id, round_id, pending.value, &pending.salt, operator)
	};
	let answer = match feed.reason {
		Reason::Reveal(pending) => {
			ReportAnswer::Reveal { value: pending.value, salt: pending.salt }
		},
		Reason::Recommit(pending) => ReportAnswer::Commit(commit(&pending)),
		Reason::Resend(sent) => ReportAnswer::Value(sent.value),
		_ => {
			let value = fetched.filter(|value| worth_reporting(feed, *value))?;
			if feed.config.commit_reveal {
				let salt = PendingCommit::fresh_salt(feed_id, round_id);
				let pending = PendingCommit { round_id, value, salt, at: now };
				pending.store(feed_id);
				ReportAnswer::Commit(commit(&pending))
			} else {
				let config = feed.config.fingerprint();
				Sent { round_id, value, at: now, config }.store(feed_id);
				ReportAnswer::Value(value)
			}
		},
	};
	Some(ReportValue { feed_id, round_id, answer })
}

/// The entries of this run's report for the `planned` feeds, ascending by feed: fetches the
/// feeds that need it ([`fetch_and_aggregate`]), then makes each feed's entry
/// ([`report_entry`]).
pub fn report_entries<T: Config, H: Http>(
	http: &mut H,
	planned: &[Planned<BlockNumberFor<T>, T::MaxSources>],
	deadline_ms: u64,
	operator: &T::AccountId,
) -> Vec<ReportValue> {
	let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
	let now: u64 = frame_system::Pallet::<T>::block_number().saturated_into();
	let rules = SourceHostRules::<T>::get();
	let mut fetched = fetch_and_aggregate(http, planned, deadline_ms, &rules).into_iter();
	planned
		.iter()
		.filter_map(|feed| {
			let value = if feed.reason.fetches() { fetched.next().flatten() } else { None };
			let entry = report_entry(feed, value, &genesis, operator, now)?;
			log::debug!(
				target: LOG_TARGET,
				"feed {} round {}: {:?} ({:?})",
				feed.feed_id,
				feed.round_id,
				entry.answer,
				feed.reason
			);
			Some(entry)
		})
		.collect()
}
