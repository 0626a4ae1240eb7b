//! Fetching: every source of every scheduled feed requested at once and polled together until
//! one deadline, through the node's HTTP client or a fake ([`Http`]); API-key secrets sent only
//! to the hosts they are bound to.

use crate::{
	feed_config::Source,
	hosts::{self, HostRules},
	parse::ParseError,
};
use alloc::{format, string::String, vec, vec::Vec};
use sp_core::offchain::{HttpError, HttpRequestId, HttpRequestStatus, StorageKind, Timestamp};

/// Prefix of API-key secrets: `oracle/secret/<secret name>`.
pub const SECRET_PREFIX: &str = "oracle/secret/";
/// The largest response body read from a source; longer bodies fail as `body_too_large`.
pub const MAX_BODY: usize = 64 * 1024;
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

/// The secret stored under `oracle/secret/<name>`, as the operator wrote it.
pub(super) fn stored_secret(name: &[u8]) -> Option<Vec<u8>> {
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
