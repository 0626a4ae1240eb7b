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
//! [`HostRules`] refuse (`host_refused`).

use crate::{
	aggregate, hosts,
	pallet::*,
	parse::{self, JsonPath, ParseError},
	types::*,
	LOG_TARGET,
};
use alloc::{format, string::String, vec, vec::Vec};
use frame_support::traits::Get;
use frame_system::{
	offchain::{CreateBare, SubmitTransaction},
	pallet_prelude::BlockNumberFor,
};
use sp_core::offchain::{
	Duration, HttpError, HttpRequestId, HttpRequestStatus, StorageKind, Timestamp,
};
use sp_runtime::{
	offchain::storage_lock::{StorageLock, Time},
	traits::{SaturatedConversion, Saturating, Zero},
	RuntimeAppPublic,
};

/// The offchain-storage lock that keeps runs from overlapping.
pub const LOCK_KEY: &[u8] = b"oracle/lock";
/// Prefix of the per-source health records: `oracle/health/<feed id>/<source name>`.
pub const HEALTH_PREFIX: &str = "oracle/health/";
/// Prefix of the commitments awaiting their reveal: `oracle/commit/<feed id>`.
pub const COMMIT_PREFIX: &str = "oracle/commit/";
/// Prefix of API-key secrets: `oracle/secret/<secret name>`.
pub const SECRET_PREFIX: &str = "oracle/secret/";
/// The largest response body read from a source; longer bodies fail as `body_too_large`.
pub const MAX_BODY: usize = 64 * 1024;
/// Offchain-storage prefix of when a feed's sources were last requested ([`schedule`]).
pub const POLLED_PREFIX: &str = "oracle/polled/";
/// Offchain-storage prefix of the plain value last reported for a feed's round ([`Sent`]).
pub const SENT_PREFIX: &str = "oracle/sent/";
/// How often (ms) pending requests are polled, which is the resolution of the latencies.
pub const POLL_MS: u64 = 10;

/// Why a source gave no value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SourceError {
	/// The request could not be started (bad URL, too many requests).
	Start,
	/// No answer before the run's deadline.
	Timeout,
	/// The connection failed.
	Io,
	/// A status other than 200.
	Status(u16),
	/// Reading the body failed or passed the deadline.
	Body,
	/// The body is longer than [`MAX_BODY`].
	BodyTooLarge,
	/// The body has no number at the JSON path.
	Parse(ParseError),
	/// The source's transform overflowed or divided by zero.
	Transform,
	/// Further than `max_source_deviation` from the median of the feed's sources.
	Outlier,
	/// The secret its API key names is not set on this node.
	MissingSecret,
	/// The source's JSON path does not parse (refused when the feed is configured).
	BadPath,
	/// The URL names a host the chain's host rules refuse (they changed after the feed was
	/// configured): not requested.
	HostRefused,
	/// The secret its API key names is not bound to the URL's host: not requested.
	SecretHostMismatch,
	/// The URL is plain `http` to a host other than an allowed loopback one, where the
	/// secret would travel in clear: not requested.
	SecretNeedsHttps,
}

impl SourceError {
	/// A short name for logs and health records.
	pub fn kind(&self) -> String {
		match self {
			SourceError::Start => "start".into(),
			SourceError::Timeout => "timeout".into(),
			SourceError::Io => "io".into(),
			SourceError::Status(code) => format!("http_{code}"),
			SourceError::Body => "body".into(),
			SourceError::BodyTooLarge => "body_too_large".into(),
			SourceError::Parse(error) => format!("parse_{error:?}").to_lowercase(),
			SourceError::Transform => "transform".into(),
			SourceError::Outlier => "outlier".into(),
			SourceError::MissingSecret => "missing_secret".into(),
			SourceError::BadPath => "bad_path".into(),
			SourceError::HostRefused => "host_refused".into(),
			SourceError::SecretHostMismatch => "secret_host_mismatch".into(),
			SourceError::SecretNeedsHttps => "secret_needs_https".into(),
		}
	}
}

/// What the offchain worker needs from HTTP: the node's API, or a fake in tests.
pub trait Http {
	/// Milliseconds since the Unix epoch.
	fn now(&self) -> u64;
	/// Starts a `GET` request with `headers`.
	fn start(
		&mut self,
		url: &str,
		headers: &[(&str, &str)],
		deadline: u64,
	) -> Result<HttpRequestId, SourceError>;
	/// Waits for `ids` until `deadline` (ms), giving each one's status.
	fn wait(&mut self, ids: &[HttpRequestId], deadline: u64) -> Vec<HttpRequestStatus>;
	/// Reads the next chunk of a response's body; 0 at its end.
	fn read(&mut self, id: HttpRequestId, buf: &mut [u8], deadline: u64) -> Result<u32, HttpError>;
}

/// The node's HTTP client through the offchain host functions.
pub struct NodeHttp;

impl Http for NodeHttp {
	fn now(&self) -> u64 {
		sp_io::offchain::timestamp().unix_millis()
	}

	fn start(
		&mut self,
		url: &str,
		headers: &[(&str, &str)],
		deadline: u64,
	) -> Result<HttpRequestId, SourceError> {
		let id = sp_io::offchain::http_request_start("GET", url, &[])
			.map_err(|()| SourceError::Start)?;
		for (name, value) in headers {
			sp_io::offchain::http_request_add_header(id, name, value)
				.map_err(|()| SourceError::Start)?;
		}
		// An empty final chunk sends the request.
		sp_io::offchain::http_request_write_body(
			id,
			&[],
			Some(Timestamp::from_unix_millis(deadline)),
		)
		.map_err(|_| SourceError::Start)?;
		Ok(id)
	}

	fn wait(&mut self, ids: &[HttpRequestId], deadline: u64) -> Vec<HttpRequestStatus> {
		sp_io::offchain::http_response_wait(ids, Some(Timestamp::from_unix_millis(deadline)))
	}

	fn read(&mut self, id: HttpRequestId, buf: &mut [u8], deadline: u64) -> Result<u32, HttpError> {
		sp_io::offchain::http_response_read_body(
			id,
			buf,
			Some(Timestamp::from_unix_millis(deadline)),
		)
	}
}

/// One request to make: a URL with its headers.
pub struct Fetch {
	/// The URL.
	pub url: String,
	/// Header names and values (API keys).
	pub headers: Vec<(String, String)>,
}

/// A response body, or why there is none, and how long it took (ms).
pub type Fetched = (Result<Vec<u8>, SourceError>, u64);

/// Makes all `requests` concurrently: starts every one, then polls them together until all are
/// answered or `deadline_ms` from now has passed. Results are in the order of `requests`.
///
/// Headers and bodies are polled in the same loop, each for at most [`POLL_MS`] at a time: a
/// source whose body trickles in is read a chunk at a time next to the others and cut at the
/// deadline, so it never delays another source's headers or body.
pub fn fetch_all<H: Http>(http: &mut H, requests: &[Fetch], deadline_ms: u64) -> Vec<Fetched> {
	let started = http.now();
	let deadline = started.saturating_add(deadline_ms);
	let mut results: Vec<Option<Fetched>> = Vec::with_capacity(requests.len());
	// Requests whose headers are awaited, and answered ones whose bodies are being read, with
	// when their headers came (a source's latency).
	let mut waiting: Vec<(usize, HttpRequestId)> = Vec::new();
	let mut reading: Vec<(usize, HttpRequestId, u64, Vec<u8>)> = Vec::new();
	for (index, request) in requests.iter().enumerate() {
		let headers: Vec<(&str, &str)> =
			request.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
		match http.start(&request.url, &headers, deadline) {
			Ok(id) => {
				results.push(None);
				waiting.push((index, id));
			},
			Err(error) => results.push(Some((Err(error), 0))),
		}
	}

	let mut chunk = vec![0u8; 4096];
	while !waiting.is_empty() || !reading.is_empty() {
		let now = http.now();
		if now >= deadline {
			break;
		}
		if !waiting.is_empty() {
			// While bodies are being read, only look at which headers have come.
			let until =
				if reading.is_empty() { now.saturating_add(POLL_MS).min(deadline) } else { now };
			let ids: Vec<HttpRequestId> = waiting.iter().map(|(_, id)| *id).collect();
			let statuses = http.wait(&ids, until);
			let at = http.now().saturating_sub(started);
			let mut still = Vec::with_capacity(waiting.len());
			for ((index, id), status) in waiting.into_iter().zip(statuses) {
				let failed = match status {
					HttpRequestStatus::Finished(200) => {
						reading.push((index, id, at, Vec::new()));
						continue;
					},
					HttpRequestStatus::Finished(code) => SourceError::Status(code),
					HttpRequestStatus::DeadlineReached => {
						still.push((index, id));
						continue;
					},
					HttpRequestStatus::IoError | HttpRequestStatus::Invalid => SourceError::Io,
				};
				if let Some(slot) = results.get_mut(index) {
					*slot = Some((Err(failed), at));
				}
			}
			waiting = still;
		}
		// Each body for at most one polling slice: what has come, without waiting on a slow one.
		let mut still = Vec::with_capacity(reading.len());
		for (index, id, at, mut body) in core::mem::take(&mut reading) {
			let slice = http.now().saturating_add(POLL_MS).min(deadline);
			let outcome = loop {
				match http.read(id, &mut chunk, slice) {
					Ok(0) => break Some(Ok(core::mem::take(&mut body))),
					Ok(read) => {
						let Some(bytes) = usize::try_from(read).ok().and_then(|r| chunk.get(..r))
						else {
							break Some(Err(SourceError::Body));
						};
						// Checked before growing, so a body never holds more than `MAX_BODY`.
						if body.len().saturating_add(bytes.len()) > MAX_BODY {
							break Some(Err(SourceError::BodyTooLarge));
						}
						body.extend_from_slice(bytes);
					},
					Err(HttpError::DeadlineReached) => break None,
					Err(_) => break Some(Err(SourceError::Body)),
				}
			};
			match outcome {
				Some(outcome) => {
					if let Some(slot) = results.get_mut(index) {
						*slot = Some((outcome, at));
					}
				},
				None => still.push((index, id, at, body)),
			}
		}
		reading = still;
	}
	let waited = http.now().saturating_sub(started);
	results
		.into_iter()
		.map(|result| result.unwrap_or((Err(SourceError::Timeout), waited)))
		.collect()
}

/// Reads a source's value out of a response body.
pub fn source_value(source: &Source, decimals: u8, body: &[u8]) -> Result<Value, SourceError> {
	let path = JsonPath::parse(&source.json_path).map_err(|_| SourceError::BadPath)?;
	let text = parse::extract(body, &path).map_err(SourceError::Parse)?;
	let value = parse::parse_decimal(text, decimals).map_err(SourceError::Parse)?;
	source.transform.apply(value, decimals).ok_or(SourceError::Transform)
}

/// A feed's value from its sources' results: drops failures and outliers, requires
/// `min_sources`, aggregates. Returns the value (if any) and each source's outcome.
pub fn feed_value<B, S: Get<u32>>(
	config: &FeedConfig<B, S>,
	bodies: &[Result<Vec<u8>, SourceError>],
) -> (Option<Value>, Vec<Result<Value, SourceError>>)
where
	B: Clone + PartialEq + Eq + core::fmt::Debug,
{
	let mut outcomes: Vec<Result<Value, SourceError>> = config
		.sources
		.iter()
		.zip(bodies)
		.map(|(source, body)| {
			body.as_ref()
				.map_err(|e| *e)
				.and_then(|body| source_value(source, config.decimals, body))
		})
		.collect();
	let values: Vec<(Value, (usize, u32))> = outcomes
		.iter()
		.zip(config.sources.iter())
		.enumerate()
		.filter_map(|(index, (outcome, source))| {
			outcome.as_ref().ok().map(|v| (*v, (index, source.weight)))
		})
		.collect();
	let Some((kept, dropped)) = aggregate::reject_outliers(&values, config.max_source_deviation)
	else {
		return (None, outcomes);
	};
	for (_, (index, _)) in &dropped {
		if let Some(outcome) = outcomes.get_mut(*index) {
			*outcome = Err(SourceError::Outlier);
		}
	}
	if u32::try_from(kept.len()).unwrap_or(u32::MAX) < config.min_sources {
		return (None, outcomes);
	}
	let value = match config.source_aggregation {
		SourceAggregation::Median => {
			let mut raw: Vec<Value> = kept.iter().map(|(v, _)| *v).collect();
			aggregate::median(&mut raw)
		},
		SourceAggregation::Mean => {
			let raw: Vec<Value> = kept.iter().map(|(v, _)| *v).collect();
			aggregate::mean(&raw)
		},
		SourceAggregation::WeightedMean => {
			let weighted: Vec<(Value, u32)> = kept.iter().map(|(v, (_, w))| (*v, *w)).collect();
			aggregate::weighted_mean(&weighted)
		},
	};
	(value, outcomes)
}

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
			// The chain's own trigger rule (`Pallet::trigger`): the heartbeat counts from the
			// last resolved value.
			let answer = state.answer;
			let reason = if state.open.is_some() {
				Reason::OpenRound
			} else if state.requested {
				Reason::Requested
			} else if answer.round_id != 0
				&& now < answer.updated_at.saturating_add(state.params.heartbeat)
			{
				Reason::Deviation { last: answer.value }
			} else {
				Reason::Heartbeat
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
			aggregate::deviation(value, last) >= feed.config.deviation_threshold
		},
		_ => true,
	}
}

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

/// A source's health as written to offchain storage (JSON, one object per source).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct SourceHealth {
	/// When the record was last written (ms).
	pub updated_ms: u64,
	/// How long the last request took (ms).
	pub latency_ms: u64,
	/// When the source last gave a value (ms).
	pub last_success_ms: Option<u64>,
	/// That value, in the feed's fixed point.
	pub last_value: Option<Value>,
	/// What went wrong the last time it failed.
	pub last_error: Option<String>,
	/// When it last failed (ms).
	pub last_error_ms: Option<u64>,
}

impl SourceHealth {
	/// The record's storage key.
	pub fn key(feed_id: FeedId, source: &[u8]) -> Vec<u8> {
		let mut key = format!("{HEALTH_PREFIX}{feed_id}/").into_bytes();
		key.extend_from_slice(source);
		key
	}

	/// The record as JSON; values as decimal strings (they exceed JavaScript's safe integers).
	pub fn to_json(&self) -> String {
		let number = |n: Option<u64>| n.map_or_else(|| "null".into(), |n| format!("{n}"));
		let text = |t: Option<String>| t.map_or_else(|| "null".into(), |t| format!("\"{t}\""));
		format!(
			"{{\"updated_ms\":{},\"latency_ms\":{},\"last_success_ms\":{},\"last_value\":{},\"last_error\":{},\"last_error_ms\":{}}}",
			self.updated_ms,
			self.latency_ms,
			number(self.last_success_ms),
			text(self.last_value.map(|v| format!("{v}"))),
			text(self.last_error.clone()),
			number(self.last_error_ms),
		)
	}

	/// Reads a record written by [`Self::to_json`].
	pub fn from_json(json: &[u8]) -> Option<Self> {
		let field = |name: &str| -> Option<&[u8]> {
			let path = JsonPath::parse(name.as_bytes()).ok()?;
			parse::extract(json, &path).ok().filter(|v| *v != b"null")
		};
		let number =
			|name: &str| -> Option<u64> { core::str::from_utf8(field(name)?).ok()?.parse().ok() };
		let text = |name: &str| -> Option<String> {
			Some(String::from(core::str::from_utf8(field(name)?).ok()?))
		};
		Some(SourceHealth {
			updated_ms: number("updated_ms")?,
			latency_ms: number("latency_ms")?,
			last_success_ms: number("last_success_ms"),
			last_value: text("last_value").and_then(|v| v.parse().ok()),
			last_error: text("last_error"),
			last_error_ms: number("last_error_ms"),
		})
	}

	/// The record after `outcome` at `now`.
	pub fn updated(
		mut self,
		outcome: &Result<Value, SourceError>,
		latency_ms: u64,
		now: u64,
	) -> Self {
		self.updated_ms = now;
		self.latency_ms = latency_ms;
		match outcome {
			Ok(value) => {
				self.last_success_ms = Some(now);
				self.last_value = Some(*value);
			},
			Err(error) => {
				self.last_error = Some(error.kind());
				self.last_error_ms = Some(now);
			},
		}
		self
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

/// The secret stored under `oracle/secret/<name>`, as the operator wrote it.
fn stored_secret(name: &[u8]) -> Option<Vec<u8>> {
	let mut key = SECRET_PREFIX.as_bytes().to_vec();
	key.extend_from_slice(name);
	sp_io::offchain::local_storage_get(StorageKind::PERSISTENT, &key)
}

/// The headers of a request to `source`, or why it is not made: its URL's host must be one the
/// chain's `rules` allow, and a secret its API key names must be stored (see
/// [`bound_secret`]) and bound to that host.
pub fn request_headers(
	source: &Source,
	rules: &HostRules,
	stored: impl Fn(&[u8]) -> Option<Vec<u8>>,
) -> Result<Vec<(String, String)>, SourceError> {
	let (https, host) = hosts::url_host(&source.url).ok_or(SourceError::HostRefused)?;
	let class = hosts::classify(&host).ok_or(SourceError::HostRefused)?;
	if !rules.allows(class) {
		return Err(SourceError::HostRefused);
	}
	let Some(api_key) = &source.api_key else { return Ok(Vec::new()) };
	let stored = stored(&api_key.secret).ok_or(SourceError::MissingSecret)?;
	// Loopback is allowed at all only where the rules allow it (checked above).
	let value = bound_secret(&stored, &host, https || class == hosts::HostClass::Loopback)?;
	Ok(vec![(String::from_utf8_lossy(&api_key.header).into_owned(), value)])
}

/// The value of a stored secret if it may go to `host`.
///
/// A secret is stored as `<host>[,<host>…]=<value>`: the hosts it may be sent to (exactly, case
/// insensitive, without port), then `=` and the value (which may itself contain `=`). A secret
/// stored without hosts, or bound to other hosts, is never sent; nor is one over a connection
/// that is not `secure` (https, or an allowed loopback host).
pub fn bound_secret(stored: &[u8], host: &[u8], secure: bool) -> Result<String, SourceError> {
	let split = stored.iter().position(|b| *b == b'=').ok_or(SourceError::SecretHostMismatch)?;
	let (hosts, value) =
		(stored.get(..split).unwrap_or_default(), stored.get(split.saturating_add(1)..));
	let bound = hosts
		.split(|b| *b == b',')
		.map(|bound| bound.trim_ascii())
		.any(|bound| !bound.is_empty() && bound.eq_ignore_ascii_case(host));
	if !bound {
		return Err(SourceError::SecretHostMismatch);
	}
	if !secure {
		return Err(SourceError::SecretNeedsHttps);
	}
	let value = value.filter(|value| !value.is_empty()).ok_or(SourceError::MissingSecret)?;
	String::from_utf8(value.to_vec()).map_err(|_| SourceError::MissingSecret)
}

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

/// Fetches every source of every planned feed that needs fetching ([`Reason::fetches`])
/// concurrently and computes each such feed's value,
/// recording every source's health. Values are in the order of the fetched feeds in `planned`.
pub fn fetch_and_aggregate<H: Http, B, S: Get<u32>>(
	http: &mut H,
	planned: &[Planned<B, S>],
	deadline_ms: u64,
	rules: &HostRules,
) -> Vec<Option<Value>>
where
	B: Clone + PartialEq + Eq + core::fmt::Debug,
{
	// Requests of all feeds in one list; a source whose host is refused or whose secret is
	// missing or bound elsewhere is not requested.
	let mut requests = Vec::new();
	let planned: Vec<&Planned<B, S>> = planned.iter().filter(|p| p.reason.fetches()).collect();
	let mut slots: Vec<Vec<Result<usize, SourceError>>> = Vec::with_capacity(planned.len());
	for feed in planned.iter() {
		let mut feed_slots = Vec::with_capacity(feed.config.sources.len());
		for source in feed.config.sources.iter() {
			let headers = match request_headers(source, rules, stored_secret) {
				Ok(headers) => headers,
				Err(error) => {
					feed_slots.push(Err(error));
					continue;
				},
			};
			feed_slots.push(Ok(requests.len()));
			requests
				.push(Fetch { url: String::from_utf8_lossy(&source.url).into_owned(), headers });
		}
		slots.push(feed_slots);
	}
	let mut fetched: Vec<Option<Fetched>> =
		fetch_all(http, &requests, deadline_ms).into_iter().map(Some).collect();
	let now = http.now();

	planned
		.iter()
		.zip(slots)
		.map(|(feed, feed_slots)| {
			let mut bodies = Vec::with_capacity(feed_slots.len());
			let mut latencies = Vec::with_capacity(feed_slots.len());
			for slot in feed_slots {
				let (body, latency) = match slot {
					Ok(index) => fetched
						.get_mut(index)
						.and_then(Option::take)
						.unwrap_or((Err(SourceError::Start), 0)),
					Err(error) => (Err(error), 0),
				};
				bodies.push(body);
				latencies.push(latency);
			}
			let (value, outcomes) = feed_value(&feed.config, &bodies);
			for ((source, outcome), latency) in
				feed.config.sources.iter().zip(&outcomes).zip(latencies)
			{
				record_health(feed.feed_id, source, outcome, latency, now);
			}
			if value.is_none() {
				log::warn!(
					target: LOG_TARGET,
					"feed {} ({}): fewer than {} usable sources; not reported",
					feed.feed_id,
					String::from_utf8_lossy(&feed.config.name),
					feed.config.min_sources,
				);
			}
			value
		})
		.collect()
}

fn record_health(
	feed_id: FeedId,
	source: &Source,
	outcome: &Result<Value, SourceError>,
	latency: u64,
	now: u64,
) {
	let key = SourceHealth::key(feed_id, &source.name);
	let previous = sp_io::offchain::local_storage_get(StorageKind::PERSISTENT, &key)
		.and_then(|json| SourceHealth::from_json(&json))
		.unwrap_or_default();
	let health = previous.updated(outcome, latency, now);
	sp_io::offchain::local_storage_set(StorageKind::PERSISTENT, &key, health.to_json().as_bytes());
	let name = String::from_utf8_lossy(&source.name);
	match outcome {
		Ok(value) => {
			log::debug!(target: LOG_TARGET, "feed {feed_id} source {name}: {value} in {latency} ms")
		},
		Err(error) => {
			log::info!(target: LOG_TARGET, "feed {feed_id} source {name}: {} after {latency} ms", error.kind())
		},
	}
}
