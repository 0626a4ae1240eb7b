//! The offchain worker of an operator's node.
//!
//! Each run, on a node whose keystore holds the `oracle` key of a current operator:
//!
//! 1. takes a lock in offchain local storage ([`LOCK_KEY`]) so that runs never overlap;
//! 2. plans the active feeds: a feed is **due** when a round is open that the operator has not
//!    answered, a round was requested, or its heartbeat elapsed; every other active feed is a
//!    **candidate** that is reported only if its fresh value moved at least
//!    `deviation_threshold` from the last resolved one;
//! 3. schedules them ([`schedule`]): a candidate is fetched only once its polling interval
//!    (`poll_interval`, at least the chain's `MinPollInterval`) has passed, a due feed whose
//!    value for the round was just reported is sent again without fetching, and at most
//!    `MaxRequestsPerRun` requests are made, the feeds that waited longest first, so a run
//!    holds at most `MaxRequestsPerRun` × [`MAX_BODY`] bytes of bodies and no feed starves;
//! 4. starts the HTTP requests of every source of every scheduled feed at once, then polls their
//!    headers and bodies together until one deadline ([`Config::FetchDeadline`](crate::Config)),
//!    so a slow, dead or trickling source costs at most the deadline and never delays the
//!    others;
//! 5. per feed: parses each response at the source's JSON path into the feed's fixed point,
//!    applies the source's transform, drops failed sources and those further than
//!    `max_source_deviation` from the sources' median, requires `min_sources`, and combines
//!    the rest by the feed's source aggregation;
//! 6. signs one report with all the values and submits it as one transaction.
//!
//! A feed with commit–reveal gets a commitment instead of its value while its round collects
//! them: the value and a fresh random salt are kept in the node's persistent offchain storage
//! under `oracle/commit/<feed id>` ([`PendingCommit`]), so that once the commit phase has
//! closed, a later run (after a restart of the node too) reveals them without fetching again,
//! if they open the commitment on chain (paused feeds included). A commitment whose
//! transaction may still land (within `MaxReportAge` blocks) is sent again as it was; after
//! that, a fresh value is fetched and committed with a fresh salt. Commitments of some feeds,
//! reveals of others and plain values go in the same one report.
//!
//! Every source's health is written to the node's persistent offchain storage under
//! `oracle/health/<feed id>/<source name>` as a JSON object (see [`SourceHealth`]) and logged
//! under target `oracle`. A source that needs an API key names a secret; it is read from
//! persistent offchain storage under `oracle/secret/<secret name>` (set by the operator, e.g.
//! with the `offchain_localStorageSet` RPC) as `<host>[,<host>…]=<value>` and its value sent
//! as the named header, only to the hosts the operator bound it to and only over https (or to
//! a loopback host where the chain allows loopback): a source whose secret is bound elsewhere
//! is skipped as `secret_host_mismatch`, one over plain http as `secret_needs_https`
//! ([`bound_secret`]). The node's HTTP client follows no redirect, so a secret never reaches
//! a redirect's target; our logs never contain it. No request goes to a host the chain's
//! [`HostRules`](crate::hosts::HostRules) refuse (`host_refused`).

// The stages of a run, in the order it goes through them.

/// Which feeds this operator answers, and why.
mod plan;

/// Which of them are fetched now.
mod schedule;

/// Every source requested at once, under one deadline.
mod fetch;

/// Each feed's value from its sources.
mod value;

/// The report's entries.
mod report;

/// What the node keeps between runs.
mod records;

/// Each source's health.
mod health;

pub use fetch::*;
pub use health::*;
pub use plan::*;
pub use records::*;
pub use report::*;
pub use schedule::*;
pub use value::*;

use crate::{pallet::*, types::Report, LOG_TARGET};
use frame_support::traits::Get;
use frame_system::{
	offchain::{CreateBare, SubmitTransaction},
	pallet_prelude::BlockNumberFor,
};
use sp_core::offchain::Duration;
use sp_runtime::{
	offchain::storage_lock::{StorageLock, Time},
	traits::SaturatedConversion,
	RuntimeAppPublic,
};

/// The offchain-storage lock that keeps runs from overlapping.
pub const LOCK_KEY: &[u8] = b"oracle/lock";

/// One run of the offchain worker at block `now` (see the module documentation).
pub fn run<T: Config>(now: BlockNumberFor<T>) {
	let Some((key, operator)) = local_operator::<T>() else {
		log::trace!(target: LOG_TARGET, "no oracle key of a current operator here; not reporting");
		return;
	};
	let deadline = T::FetchDeadline::get();
	let mut lock = StorageLock::<Time>::with_deadline(
		LOCK_KEY,
		Duration::from_millis(deadline.saturating_mul(2).saturating_add(1_000)),
	);
	let Ok(_guard) = lock.try_lock() else {
		log::debug!(target: LOG_TARGET, "the previous run is still going; skipping block {now:?}");
		return;
	};
	let limits = FetchLimits {
		min_poll: T::MinPollInterval::get(),
		max_requests: T::MaxRequestsPerRun::get(),
		in_flight: u64::from(T::MaxReportAge::get()),
		window: Pallet::<T>::min_answer_window().saturated_into(),
	};
	let now_ms = sp_io::offchain::timestamp().unix_millis();
	let (planned, waiting) =
		schedule(plan::<T>(&operator, now), now_ms, now.saturated_into(), limits);
	if waiting > 0 {
		log::info!(
			target: LOG_TARGET,
			"{waiting} feeds wait for a later run: this one makes at most {} requests",
			limits.max_requests
		);
	}
	if planned.is_empty() {
		return;
	}
	let report_values = report_entries::<T, _>(&mut NodeHttp, &planned, deadline, &operator);
	if report_values.is_empty() {
		return;
	}
	let count = report_values.len();
	let report = Report {
		key: key.clone(),
		at: now,
		values: frame_support::BoundedVec::truncate_from(report_values),
	};
	let Some(signature) = key.sign(&Pallet::<T>::report_payload(&report)) else {
		log::warn!(target: LOG_TARGET, "the keystore could not sign with the oracle key");
		return;
	};
	let call = Call::<T>::submit { report, signature };
	let xt = <T as CreateBare<Call<T>>>::create_bare(call.into());
	match SubmitTransaction::<T, Call<T>>::submit_transaction(xt) {
		Ok(()) => log::info!(target: LOG_TARGET, "reported {count} values at block {now:?}"),
		Err(()) => log::warn!(target: LOG_TARGET, "the report of block {now:?} was refused"),
	}
}

/// The local operator: a current operator whose `oracle` key this node's keystore holds.
pub fn local_operator<T: Config>() -> Option<(T::AuthorityId, T::AccountId)> {
	let local = T::AuthorityId::all();
	Operators::<T>::get()
		.into_iter()
		.find(|(_, key)| local.contains(key))
		.map(|(account, key)| (key, account))
}
