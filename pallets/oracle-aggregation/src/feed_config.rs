//! Feed configuration: what a feed fetches, how it aggregates and when it reports, and the
//! checks a configuration passes before the chain takes it.

use crate::{
	hosts::{HostError, HostRules},
	parse::{pow10, JsonPath},
	types::{Aggregation, RoundParams, Value},
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{ConstU32, Get},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_core::U256;
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};

pub use oracle_primitives::ConfigFingerprint;

/// The longest feed or source name, in bytes.
pub type MaxNameLen = ConstU32<32>;
/// The longest source URL, in bytes.
pub type MaxUrlLen = ConstU32<256>;
/// The longest JSON path, in bytes.
pub type MaxPathLen = ConstU32<128>;
/// The longest API-key header or secret name, in bytes.
pub type MaxKeyNameLen = ConstU32<64>;

/// The most decimals a feed may have: `10^(2 * decimals)` must fit an `i128` for inversion.
pub const MAX_DECIMALS: u8 = 18;

/// How the offchain worker combines the values of a feed's sources.
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
pub enum SourceAggregation {
	/// The median of the sources' values.
	Median,
	/// The mean of the sources' values.
	Mean,
	/// The mean weighted by each source's `weight`.
	WeightedMean,
}

/// What is done to a source's parsed value before aggregation.
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
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Transform {
	/// Multiply by `10^shift` (divide for a negative shift, rounding half to even), e.g. `-2`
	/// for a source that quotes in cents.
	pub shift: i8,
	/// Take `1 / value` first, for a pair quoted the other way round (e.g. BTC per USD for a
	/// BTC/USD feed).
	pub invert: bool,
}

/// An API key a source needs: sent as header `header`, its value read from the operator node's
/// offchain local storage under `secret` (never on chain).
#[derive(
	Clone,
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
pub struct ApiKey {
	/// The HTTP header name, e.g. `x-cg-demo-api-key`.
	pub header: BoundedVec<u8, MaxKeyNameLen>,
	/// The name of the secret in the node's offchain local storage.
	pub secret: BoundedVec<u8, MaxKeyNameLen>,
}

/// An HTTP source of a feed.
#[derive(
	Clone,
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
pub struct Source {
	/// A short name for logs and health records, e.g. `binance`.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// `http://` or `https://` URL answered with JSON.
	pub url: BoundedVec<u8, MaxUrlLen>,
	/// Where the price is in the response, e.g. `data[0].last`.
	pub json_path: BoundedVec<u8, MaxPathLen>,
	/// Applied to the parsed value.
	pub transform: Transform,
	/// Weight in [`SourceAggregation::WeightedMean`]; at least 1.
	pub weight: u32,
	/// An API key the source needs, if any.
	pub api_key: Option<ApiKey>,
}

/// The configuration of a feed.
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(bound(
	serialize = "BlockNumber: serde::Serialize",
	deserialize = "BlockNumber: serde::de::DeserializeOwned"
))]
#[scale_info(skip_type_params(MaxSources))]
pub struct FeedConfig<BlockNumber, MaxSources: Get<u32>>
where
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// E.g. `BTC/USD`.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// Values are `i128` with this many decimals (at most [`MAX_DECIMALS`]).
	pub decimals: u8,
	/// Where the value comes from.
	pub sources: BoundedVec<Source, MaxSources>,
	/// The fewest sources (after outlier removal) an operator needs to submit a value.
	pub min_sources: u32,
	/// A source further than this from the sources' median is dropped.
	pub max_source_deviation: Permill,
	/// How an operator combines its sources.
	pub source_aggregation: SourceAggregation,
	/// How the chain combines the operators' submissions.
	pub aggregation: Aggregation,
	/// The fewest submissions that resolve a round.
	pub quorum: u32,
	/// The answer window: answers to a round can land in this many blocks after the one it
	/// opened in; with the quorum met the round resolves at the start of the next block even if
	/// some operators have not answered. At least the pallet's `min_answer_window`.
	pub resolution_delay: BlockNumber,
	/// A round without quorum closes as timed out at the start of the block after this many
	/// blocks after it opened.
	pub round_timeout: BlockNumber,
	/// A new round starts at least this often (in blocks).
	pub heartbeat: BlockNumber,
	/// A new round starts early when the fetched value moves this much from the last one.
	pub deviation_threshold: Permill,
	/// Resolved rounds kept in the feed's running buffer (the running mean is over them).
	pub buffer_len: u32,
	/// Submissions below this are rejected (circuit breaker).
	pub min_value: Value,
	/// Submissions above this are rejected (circuit breaker).
	pub max_value: Value,
	/// A value older than this many blocks, or than the time they take at the chain's expected
	/// block time by the block's timestamp, is reported stale to readers.
	pub max_age: BlockNumber,
	/// Commit–reveal: operators first commit to a hash of their value (see [`commitment`]) for
	/// the answer window, then reveal the value for another answer window once the commit
	/// phase closed, so that no value of a round can be seen, copied or answered before every
	/// operator has committed to its own. A round then takes two answer windows; an operator
	/// that commits and does not reveal counts as missing.
	#[serde(default)]
	pub commit_reveal: bool,
	/// How often (seconds) an operator's worker requests the sources to see whether the value
	/// moved by `deviation_threshold`, when no round is due. `0` means as often as the chain
	/// allows (its `MinPollInterval`); anything else must be at least that. A due feed (a round
	/// open or requested, or the heartbeat elapsed) is fetched whatever this says.
	#[serde(default)]
	pub poll_interval: u32,
}

/// Why a feed configuration is refused (the pallet's `InvalidConfig` error carries it).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	frame_support::PalletError,
)]
pub enum ConfigError {
	/// The feed or a source has no name.
	EmptyName,
	/// More than [`MAX_DECIMALS`] decimals.
	TooManyDecimals,
	/// No source.
	NoSources,
	/// Two sources have the same name.
	DuplicateSourceName,
	/// A URL is not `http://` or `https://` with a host, or has spaces or control characters.
	BadUrl,
	/// A JSON path does not parse.
	BadJsonPath,
	/// A source has weight 0.
	ZeroWeight,
	/// A transform's shift leaves the `i128` range (more than 38 powers of ten).
	BadShift,
	/// An API key has an empty header or secret name, or a header with invalid characters.
	BadApiKey,
	/// `min_sources` is 0 or more than the sources.
	BadMinSources,
	/// `quorum` is 0 or more than the operators there can be.
	ImpossibleQuorum,
	/// `round_timeout` is 0, or `resolution_delay` is not below it (not below half of it with
	/// commit–reveal, whose rounds take two answer windows).
	BadRoundTiming,
	/// `heartbeat` is 0.
	ZeroHeartbeat,
	/// `buffer_len` is 0 or above the pallet's maximum.
	BadBufferLen,
	/// `min_value` is not below `max_value`.
	BoundsInverted,
	/// `max_age` is 0.
	ZeroMaxAge,
	/// A bound is so large that the sum of a round's submissions or of the running buffer could
	/// leave `i128`.
	BoundsTooWide,
	/// `resolution_delay`, the answer window, is shorter than the pallet's minimum: a worker
	/// that sees the round open could not fetch and have its answer included in time.
	AnswerWindowTooShort,
	/// A URL names `localhost` or a loopback address, which the chain's host rules do not
	/// allow.
	LoopbackHost,
	/// A URL names an address in a private range (`10/8`, `172.16/12`, `192.168/16`,
	/// `100.64/10`, `fc00::/7`).
	PrivateHost,
	/// A URL names a link-local address (`169.254/16`, `fe80::/10`), where cloud metadata
	/// services answer.
	LinkLocalHost,
	/// A URL names an unspecified address (`0.0.0.0/8`, `::`).
	UnspecifiedHost,
	/// `poll_interval` is neither 0 nor at least the chain's `MinPollInterval`.
	PollIntervalTooShort,
}

impl From<HostError> for ConfigError {
	fn from(error: HostError) -> Self {
		match error {
			HostError::BadUrl => ConfigError::BadUrl,
			HostError::Loopback => ConfigError::LoopbackHost,
			HostError::Private => ConfigError::PrivateHost,
			HostError::LinkLocal => ConfigError::LinkLocalHost,
			HostError::Unspecified => ConfigError::UnspecifiedHost,
		}
	}
}

impl<BlockNumber, MaxSources> FeedConfig<BlockNumber, MaxSources>
where
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug + Zero + PartialOrd + Saturating,
	MaxSources: Get<u32>,
{
	/// Checks everything that can be checked before the feed runs.
	///
	/// `min_window` is the shortest answer window the chain allows (see the pallet's
	/// `min_answer_window`).
	pub fn validate(
		&self,
		max_operators: u32,
		max_buffer_len: u32,
		min_window: BlockNumber,
		hosts: &HostRules,
		min_poll: u32,
	) -> Result<(), ConfigError> {
		if self.name.is_empty() {
			return Err(ConfigError::EmptyName);
		}
		if self.decimals > MAX_DECIMALS {
			return Err(ConfigError::TooManyDecimals);
		}
		if self.sources.is_empty() {
			return Err(ConfigError::NoSources);
		}
		for (index, source) in self.sources.iter().enumerate() {
			source.validate(hosts)?;
			if self.sources.iter().take(index).any(|other| other.name == source.name) {
				return Err(ConfigError::DuplicateSourceName);
			}
		}
		let source_count = u32::try_from(self.sources.len()).unwrap_or(u32::MAX);
		if self.min_sources == 0 || self.min_sources > source_count {
			return Err(ConfigError::BadMinSources);
		}
		if self.quorum == 0 || self.quorum > max_operators {
			return Err(ConfigError::ImpossibleQuorum);
		}
		let answering = if self.commit_reveal {
			self.resolution_delay.clone().saturating_add(self.resolution_delay.clone())
		} else {
			self.resolution_delay.clone()
		};
		if self.round_timeout.is_zero() || answering >= self.round_timeout {
			return Err(ConfigError::BadRoundTiming);
		}
		if self.resolution_delay < min_window {
			return Err(ConfigError::AnswerWindowTooShort);
		}
		if self.heartbeat.is_zero() {
			return Err(ConfigError::ZeroHeartbeat);
		}
		if self.buffer_len == 0 || self.buffer_len > max_buffer_len {
			return Err(ConfigError::BadBufferLen);
		}
		if self.min_value >= self.max_value {
			return Err(ConfigError::BoundsInverted);
		}
		// Sums of up to `max(max_operators, max_buffer_len)` values must fit an `i128`.
		let terms = max_operators.max(max_buffer_len).max(1);
		let limit = i128::MAX.unsigned_abs().checked_div(u128::from(terms)).unwrap_or_default();
		if self.min_value.unsigned_abs() > limit || self.max_value.unsigned_abs() > limit {
			return Err(ConfigError::BoundsTooWide);
		}
		if self.max_age.is_zero() {
			return Err(ConfigError::ZeroMaxAge);
		}
		if self.poll_interval != 0 && self.poll_interval < min_poll {
			return Err(ConfigError::PollIntervalTooShort);
		}
		Ok(())
	}
}

impl<BlockNumber, MaxSources> FeedConfig<BlockNumber, MaxSources>
where
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug + Encode,
	MaxSources: Get<u32>,
{
	/// This configuration's [`ConfigFingerprint`].
	pub fn fingerprint(&self) -> ConfigFingerprint {
		sp_io::hashing::blake2_128(&self.encode())
	}
}

impl<BlockNumber, MaxSources> FeedConfig<BlockNumber, MaxSources>
where
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxSources: Get<u32>,
{
	/// Whether `new` reads values or decides rounds differently from this configuration:
	/// another scale, other sources or ways of combining them, other bounds, aggregation,
	/// quorum, answer window or timeout. Answers given under this configuration cannot be
	/// judged under `new`. Its name, heartbeat, deviation threshold, buffer, `max_age` and
	/// polling interval change nothing of an answer.
	pub fn reads_differently(&self, new: &Self) -> bool {
		self.decimals != new.decimals
			|| self.sources != new.sources
			|| self.min_sources != new.min_sources
			|| self.max_source_deviation != new.max_source_deviation
			|| self.source_aggregation != new.source_aggregation
			|| self.aggregation != new.aggregation
			|| self.quorum != new.quorum
			|| self.resolution_delay != new.resolution_delay
			|| self.round_timeout != new.round_timeout
			|| self.min_value != new.min_value
			|| self.max_value != new.max_value
			|| self.commit_reveal != new.commit_reveal
	}
}

impl Source {
	/// Checks the source on its own, its URL against the chain's host rules too.
	pub fn validate(&self, hosts: &HostRules) -> Result<(), ConfigError> {
		if self.name.is_empty() {
			return Err(ConfigError::EmptyName);
		}
		if !valid_url(&self.url) {
			return Err(ConfigError::BadUrl);
		}
		hosts.check(&self.url)?;
		JsonPath::parse(&self.json_path).map_err(|_| ConfigError::BadJsonPath)?;
		if self.weight == 0 {
			return Err(ConfigError::ZeroWeight);
		}
		if u32::from(self.transform.shift.unsigned_abs()) > 38 {
			return Err(ConfigError::BadShift);
		}
		if let Some(key) = &self.api_key {
			let header_ok = !key.header.is_empty()
				&& key.header.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
			if !header_ok || key.secret.is_empty() {
				return Err(ConfigError::BadApiKey);
			}
		}
		Ok(())
	}
}

/// `http://` or `https://`, a non-empty host, printable ASCII without spaces.
fn valid_url(url: &[u8]) -> bool {
	let rest = if let Some(rest) = url.strip_prefix(b"https://") {
		rest
	} else if let Some(rest) = url.strip_prefix(b"http://") {
		rest
	} else {
		return false;
	};
	let host_len = rest.iter().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
	let host = rest.get(..host_len).unwrap_or_default();
	// A host, optionally with a port; no user info.
	let host_ok = !host.is_empty()
		&& !host.starts_with(b":")
		&& host
			.iter()
			.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
	host_ok && url.iter().all(|b| b.is_ascii_graphic())
}

impl Transform {
	/// Applies the transform to `value` (fixed point with `decimals` decimals). `None` when the
	/// result leaves `i128` or an inversion divides by zero.
	pub fn apply(&self, value: Value, decimals: u8) -> Option<Value> {
		let mut value = value;
		if self.invert {
			if value == 0 {
				return None;
			}
			// 1 / (v / 10^d) in fixed point = 10^(2d) / v, rounded half away from zero.
			let scale = U256::from(pow10(u32::from(decimals))?.unsigned_abs());
			let numerator = scale.checked_mul(scale)?;
			let divisor = U256::from(value.unsigned_abs());
			let (quotient, remainder) = numerator.div_mod(divisor);
			let rounded = if remainder.checked_mul(U256::from(2))? >= divisor {
				quotient.checked_add(U256::one())?
			} else {
				quotient
			};
			let magnitude: u128 = rounded.try_into().ok()?;
			let magnitude = i128::try_from(magnitude).ok()?;
			value = if value < 0 { magnitude.saturating_neg() } else { magnitude };
		}
		match self.shift {
			0 => Some(value),
			shift if shift > 0 => value.checked_mul(pow10(u32::from(shift.unsigned_abs()))?),
			shift => {
				let divisor = pow10(u32::from(shift.unsigned_abs()))?;
				Some(div_round_half_even(value, divisor))
			},
		}
	}
}

/// `value / divisor` for a positive divisor, rounding half to even.
fn div_round_half_even(value: i128, divisor: i128) -> i128 {
	let quotient = value.div_euclid(divisor);
	let remainder = value.rem_euclid(divisor);
	// remainder in [0, divisor): compare 2 * remainder with divisor without overflow.
	let rest = divisor.saturating_sub(remainder);
	let half_up = remainder > rest || (remainder == rest && quotient.rem_euclid(2) == 1);
	if half_up {
		quotient.saturating_add(1)
	} else {
		quotient
	}
}

impl<BlockNumber, MaxSources> FeedConfig<BlockNumber, MaxSources>
where
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxSources: Get<u32>,
{
	/// The parameters the chain needs for the feed's rounds.
	pub fn round_params(&self) -> RoundParams<BlockNumber> {
		RoundParams {
			aggregation: self.aggregation,
			quorum: self.quorum,
			resolution_delay: self.resolution_delay.clone(),
			round_timeout: self.round_timeout.clone(),
			heartbeat: self.heartbeat.clone(),
			deviation_threshold: self.deviation_threshold,
			buffer_len: self.buffer_len,
			min_value: self.min_value,
			max_value: self.max_value,
			max_age: self.max_age.clone(),
			commit_reveal: self.commit_reveal,
			decimals: self.decimals,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::ConstU32;

	use crate::mock::{bounded, source};

	type Config = FeedConfig<u32, ConstU32<4>>;

	fn config() -> Config {
		FeedConfig {
			name: bounded("BTC/USD"),
			decimals: 8,
			sources: BoundedVec::truncate_from(vec![
				source(
					"binance",
					"https://api.binance.com/api/v3/ticker/price?symbol=BTCUSDT",
					"price",
				),
				source(
					"kraken",
					"https://api.kraken.com/0/public/Ticker?pair=XBTUSD",
					"result.XXBTZUSD.c[0]",
				),
				source("local", "http://127.0.0.1:8000/okx", "data[0].last"),
			]),
			min_sources: 2,
			max_source_deviation: Permill::from_percent(2),
			source_aggregation: SourceAggregation::Median,
			aggregation: Aggregation::Median,
			quorum: 2,
			resolution_delay: 2,
			round_timeout: 10,
			heartbeat: 10,
			deviation_threshold: Permill::from_parts(5_000),
			buffer_len: 16,
			min_value: 1,
			max_value: 10_000_000 * 100_000_000,
			max_age: 50,
			commit_reveal: false,
			poll_interval: 0,
		}
	}

	#[test]
	fn a_sound_config_validates() {
		assert_eq!(config().validate(100, 64, 2, &HostRules { allow_loopback: true }, 5), Ok(()));
	}

	#[test]
	fn every_config_error_is_detected() {
		use ConfigError::*;
		type Case = (fn(&mut Config), ConfigError);
		let cases: Vec<Case> = vec![
			(|c| c.name = bounded(""), EmptyName),
			(|c| c.decimals = MAX_DECIMALS + 1, TooManyDecimals),
			(|c| c.sources = BoundedVec::new(), NoSources),
			(|c| c.sources[1].name = bounded("binance"), DuplicateSourceName),
			(|c| c.sources[0].name = bounded(""), EmptyName),
			(|c| c.sources[0].url = bounded("ftp://example.com/x"), BadUrl),
			(|c| c.sources[0].url = bounded("https://"), BadUrl),
			(|c| c.sources[0].url = bounded("https://user@host/x"), BadUrl),
			(|c| c.sources[0].url = bounded("https://host/a b"), BadUrl),
			(|c| c.sources[0].url = bounded("api.binance.com/price"), BadUrl),
			(|c| c.sources[0].json_path = bounded("data[x]"), BadJsonPath),
			(|c| c.sources[0].json_path = bounded(""), BadJsonPath),
			(|c| c.sources[0].weight = 0, ZeroWeight),
			(|c| c.sources[0].transform.shift = 39, BadShift),
			(|c| c.sources[0].transform.shift = -39, BadShift),
			(
				|c| {
					c.sources[0].api_key =
						Some(ApiKey { header: bounded("x key"), secret: bounded("cg") })
				},
				BadApiKey,
			),
			(
				|c| {
					c.sources[0].api_key =
						Some(ApiKey { header: bounded("x-key"), secret: bounded("") })
				},
				BadApiKey,
			),
			(|c| c.min_sources = 0, BadMinSources),
			(|c| c.min_sources = 4, BadMinSources),
			(|c| c.quorum = 0, ImpossibleQuorum),
			(|c| c.quorum = 101, ImpossibleQuorum),
			(|c| c.round_timeout = 0, BadRoundTiming),
			(|c| c.resolution_delay = 10, BadRoundTiming),
			(
				|c| {
					c.commit_reveal = true;
					c.resolution_delay = 5;
				},
				BadRoundTiming,
			),
			(|c| c.resolution_delay = 1, AnswerWindowTooShort),
			(|c| c.heartbeat = 0, ZeroHeartbeat),
			(|c| c.buffer_len = 0, BadBufferLen),
			(|c| c.buffer_len = 65, BadBufferLen),
			(|c| c.min_value = c.max_value, BoundsInverted),
			(|c| c.max_age = 0, ZeroMaxAge),
			(|c| c.max_value = i128::MAX / 100 + 1, BoundsTooWide),
			(|c| c.min_value = i128::MIN, BoundsTooWide),
			(|c| c.poll_interval = 1, PollIntervalTooShort),
			(|c| c.poll_interval = 4, PollIntervalTooShort),
		];
		for (index, (break_it, error)) in cases.into_iter().enumerate() {
			let mut c = config();
			break_it(&mut c);
			assert_eq!(
				c.validate(100, 64, 2, &HostRules { allow_loopback: true }, 5),
				Err(error),
				"case {index}"
			);
		}
	}

	#[test]
	fn api_keys_with_valid_names_are_accepted() {
		let mut c = config();
		c.sources[0].api_key =
			Some(ApiKey { header: bounded("x-cg-demo-api-key"), secret: bounded("coingecko") });
		assert_eq!(c.validate(100, 64, 2, &HostRules { allow_loopback: true }, 5), Ok(()));
	}

	#[test]
	fn a_poll_interval_is_the_floor_when_zero_or_at_least_the_floor() {
		for interval in [0, 5, 6, 3_600, u32::MAX] {
			let mut c = config();
			c.poll_interval = interval;
			assert_eq!(
				c.validate(100, 64, 2, &HostRules { allow_loopback: true }, 5),
				Ok(()),
				"{interval}"
			);
		}
	}

	#[test]
	fn transforms_shift_and_invert_exactly() {
		let shift = |shift, value| Transform { shift, invert: false }.apply(value, 2);
		assert_eq!(shift(0, 12_345), Some(12_345));
		assert_eq!(shift(2, 12_345), Some(1_234_500));
		assert_eq!(shift(-2, 12_345), Some(123));
		assert_eq!(shift(-2, 12_350), Some(124)); // 123.5 -> 124 (even)
		assert_eq!(shift(-2, 12_250), Some(122)); // 122.5 -> 122 (even)
		assert_eq!(shift(-2, -12_351), Some(-124));
		assert_eq!(shift(38, 2), None);

		let invert = |value, decimals| Transform { shift: 0, invert: true }.apply(value, decimals);
		// 0.5 -> 2, with 2 decimals.
		assert_eq!(invert(50, 2), Some(200));
		// 1 / 3 = 0.333.. -> 0.33 ; 1 / 0.03 = 33.33.. -> 33.33
		assert_eq!(invert(300, 2), Some(33));
		assert_eq!(invert(3, 2), Some(3_333));
		// 2/3 rounds up: 1 / 1.5 = 0.6666.. -> 0.67
		assert_eq!(invert(150, 2), Some(67));
		assert_eq!(invert(-50, 2), Some(-200));
		assert_eq!(invert(0, 2), None);
		// BTC per USD at 18 decimals back to USD per BTC.
		let btc_per_usd = 10_179_000_000_000; // 0.000010179 BTC
		assert_eq!(invert(btc_per_usd, 18), Some(98_241_477_551_822_379_408_586));
		// Inversion then shift.
		assert_eq!(Transform { shift: -1, invert: true }.apply(50, 2), Some(20));
	}
}
