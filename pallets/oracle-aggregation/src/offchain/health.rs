//! Each source's health, kept as JSON in the node's persistent offchain storage and logged.

use super::fetch::SourceError;
use crate::{
	feed_config::Source,
	parse::{self, JsonPath},
	types::{FeedId, Value},
	LOG_TARGET,
};
use alloc::{format, string::String, vec::Vec};
use sp_core::offchain::StorageKind;

/// Prefix of the per-source health records: `oracle/health/<feed id>/<source name>`.
pub const HEALTH_PREFIX: &str = "oracle/health/";

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

/// Updates the health record of `source` of feed `feed_id` with `outcome`, and logs it.
pub(super) fn record_health(
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
