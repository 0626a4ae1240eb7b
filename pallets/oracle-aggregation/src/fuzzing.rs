//! What the fuzz targets (`fuzz/`, run with `cargo fuzz`) check on arbitrary input: the code an
//! operator's offchain worker runs on bytes from the network (the JSON path scanner, the decimal
//! parser and transforms, the sources' aggregation with outlier rejection) and on
//! configurations from the chain (feed-configuration validation and host rules).
//!
//! Each check panics when the code under test panics or breaks a property stated here, so a
//! fuzzer reports it. The pallet's tests run every input of the committed corpus
//! (`fuzz/corpus/<target>/`) through the same checks, so what a fuzzing run found stays fixed.
//!
//! Built only for tests and with the `fuzzing` feature (std).

use crate::{
	aggregate,
	feed_config::*,
	hosts::{self, HostClass, HostRules},
	offchain::{feed_value, SourceError},
	parse::{self, JsonPath, ParseError},
	types::*,
};
use codec::{Decode, Encode};
use frame_support::{traits::ConstU32, BoundedVec};
use sp_runtime::Permill;
use std::{format, string::String, vec::Vec};

/// A fuzz target's check of one input.
pub type Check = fn(&[u8]);

/// The fuzz targets, by the name of their corpus directory.
pub const TARGETS: &[(&str, Check)] = &[
	("json_path", json_path),
	("decimal", decimal),
	("aggregation", aggregation),
	("feed_config", feed_config),
];

/// `<path>\n<body>`: a body scanned at a path.
///
/// Besides not panicking: the value found is a slice of the body, and a body the scanner
/// accepts is JSON that `serde_json` accepts too, whose value at the path is a number or a
/// string (the scanner is no more lenient than a strict parser; it may be stricter, e.g. on
/// duplicate keys). Bodies nested deeper than `serde_json`'s recursion limit, and bodies with
/// surrogate escapes (lone ones are JSON's grammar, which `serde_json` refuses to decode; the
/// scanner takes them where it does not decode), are not compared.
pub fn json_path(data: &[u8]) {
	let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
	let (path, body) = (&data[..split], data.get(split + 1..).unwrap_or_default());
	let Ok(path) = JsonPath::parse(path) else { return };
	let Ok(text) = parse::extract(body, &path) else { return };
	let start = text.as_ptr() as usize - body.as_ptr() as usize;
	assert!(start + text.len() <= body.len(), "the value is not within the body");
	for decimals in [0, 8, 18] {
		let _ = parse::parse_decimal(text, decimals);
	}
	let nesting = body.iter().filter(|b| matches!(b, b'[' | b'{')).count();
	let surrogate = body
		.windows(4)
		.any(|w| matches!(w, [b'\\', b'u', b'd' | b'D', b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F']));
	if nesting > 100 || surrogate {
		return;
	}
	let document: serde_json::Value = match serde_json::from_slice(body) {
		Ok(document) => document,
		Err(error) => panic!("the scanner accepted what serde_json refuses: {error}"),
	};
	let mut at = &document;
	for step in path.steps() {
		at = match step {
			parse::Step::Key(key) => {
				let key = core::str::from_utf8(key).expect("serde_json found the key; qed");
				at.get(key).expect("the scanner found the key")
			},
			parse::Step::Index(index) => at.get(*index as usize).expect("the scanner found it"),
		};
	}
	assert!(at.is_number() || at.is_string(), "the value at the path is {at}");
}

/// `[decimals, shift, invert, text...]`: a number parsed into a feed's fixed point and
/// transformed.
///
/// Besides not panicking: a number's negation parses to the negated value; one more decimal
/// gives ten times the value within rounding (`|w − 10 v| ≤ 5`); a positive shift undone by
/// the negative one gives the value back.
pub fn decimal(data: &[u8]) {
	let [decimals, shift, invert, text @ ..] = data else { return };
	let decimals = decimals % (MAX_DECIMALS + 1);
	let Ok(value) = parse::parse_decimal(text, decimals) else { return };
	let trimmed = trim(text);
	if trimmed.first().is_some_and(|b| b.is_ascii_digit() || *b == b'.') {
		let negated = [b"-".as_slice(), trimmed].concat();
		assert_eq!(parse::parse_decimal(&negated, decimals), Ok(-value), "negation");
	}
	if decimals < MAX_DECIMALS {
		match parse::parse_decimal(text, decimals + 1) {
			Ok(finer) => {
				if let Some(ten) = value.checked_mul(10) {
					let gap = finer.abs_diff(ten);
					assert!(gap <= 5, "{value} at {decimals} decimals, {finer} at one more");
				}
			},
			Err(ParseError::Overflow) => {},
			Err(error) => panic!("parses at {decimals} decimals, not at one more: {error:?}"),
		}
	}
	let transform = Transform { shift: *shift as i8, invert: invert & 1 == 1 };
	let transformed = transform.apply(value, decimals);
	if !transform.invert && transform.shift > 0 {
		if let Some(shifted) = transformed {
			let back = Transform { shift: -transform.shift, invert: false };
			assert_eq!(back.apply(shifted, decimals), Some(value), "shift and back");
		}
	}
}

/// One source of [`aggregation`]'s feed: how it answers and what it quotes.
fn source_body(kind: u8, value: i128, decimals: u8) -> Result<Vec<u8>, SourceError> {
	let text = fixed_point(value, decimals);
	match kind % 4 {
		0 => Ok(format!("{{\"p\":{text}}}").into_bytes()),
		1 => Ok(format!("{{\"p\":\"{text}\"}}").into_bytes()),
		2 => Err(SourceError::Timeout),
		_ => Ok(format!("{{\"p\":\"{text}\"").into_bytes()),
	}
}

/// `value` with `decimals` decimals as decimal text, e.g. `-12.50`.
fn fixed_point(value: i128, decimals: u8) -> String {
	let digits = format!("{:0>width$}", value.unsigned_abs(), width = usize::from(decimals) + 1);
	let (int, frac) = digits.split_at(digits.len() - usize::from(decimals));
	let sign = if value < 0 { "-" } else { "" };
	if frac.is_empty() {
		format!("{sign}{int}")
	} else {
		format!("{sign}{int}.{frac}")
	}
}

/// `[sources, min_sources, deviation (4, LE), method, decimals, (kind, weight, value (16,
/// LE))...]`: a feed's sources answering with those values (as JSON numbers, JSON strings,
/// timeouts or truncated bodies), aggregated as the worker does.
///
/// Besides not panicking: every value read is the one the source quoted, exactly (any `i128`
/// but `i128::MIN`, whose magnitude is beyond `i128::MAX`, which is refused); the sources
/// dropped as outliers are those further than the deviation from the median of the values
/// read; a value comes out only with at least `min_sources` values kept, and lies between the
/// least and the greatest of them; with enough sources kept, a median always comes out.
pub fn aggregation(data: &[u8]) {
	let [count, min_sources, d0, d1, d2, d3, method, decimals, rest @ ..] = data else { return };
	let count = usize::from(count % 10) + 1;
	let decimals = decimals % (MAX_DECIMALS + 1);
	let deviation = Permill::from_parts(u32::from_le_bytes([*d0, *d1, *d2, *d3]) % 1_000_001);
	let method = match method % 3 {
		0 => SourceAggregation::Median,
		1 => SourceAggregation::Mean,
		_ => SourceAggregation::WeightedMean,
	};
	let mut sources = Vec::new();
	let mut bodies = Vec::new();
	let mut quoted = Vec::new();
	for (index, chunk) in rest.chunks_exact(18).take(count).enumerate() {
		let value = i128::from_le_bytes(chunk[2..18].try_into().expect("16 bytes; qed"));
		bodies.push(source_body(chunk[0], value, decimals));
		// `i128::MIN` has no positive counterpart and is refused as an overflow.
		quoted.push((chunk[0] % 4 < 2 && value != i128::MIN).then_some(value));
		sources.push(Source {
			name: BoundedVec::truncate_from(format!("s{index}").into_bytes()),
			url: BoundedVec::truncate_from(format!("https://s{index}.example/").into_bytes()),
			json_path: BoundedVec::truncate_from(b"p".to_vec()),
			transform: Transform::default(),
			weight: u32::from(chunk[1]) + 1,
			api_key: None,
		});
	}
	if sources.is_empty() {
		return;
	}
	let config = FeedConfig::<u32, ConstU32<10>> {
		name: BoundedVec::truncate_from(b"FUZZ/USD".to_vec()),
		decimals,
		sources: BoundedVec::truncate_from(sources),
		min_sources: u32::from(*min_sources % 12),
		max_source_deviation: deviation,
		source_aggregation: method,
		aggregation: Aggregation::Median,
		quorum: 1,
		resolution_delay: 2,
		round_timeout: 5,
		heartbeat: 10,
		deviation_threshold: Permill::from_percent(1),
		buffer_len: 1,
		min_value: 1,
		max_value: 2,
		max_age: 1,
		commit_reveal: false,
		poll_interval: 0,
	};
	let (value, outcomes) = feed_value(&config, &bodies);
	assert_eq!(outcomes.len(), quoted.len());
	let read: Vec<i128> = quoted.iter().flatten().copied().collect();
	let center = aggregate::median(&mut read.clone());
	let mut kept = Vec::new();
	for (outcome, quoted) in outcomes.iter().zip(&quoted) {
		match (outcome, quoted) {
			(Ok(value), Some(quoted)) => {
				assert_eq!(value, quoted, "read differently from what was quoted");
				let center = center.expect("a value was read; qed");
				assert!(
					aggregate::deviation(*value, center) <= deviation,
					"{value} kept, {center} the median of {read:?}, {deviation:?}"
				);
				kept.push(*value);
			},
			(Err(SourceError::Outlier), Some(quoted)) => {
				let center = center.expect("a value was read; qed");
				assert!(aggregate::deviation(*quoted, center) > deviation, "dropped, not far");
			},
			(Err(_), None) => {},
			(outcome, quoted) => panic!("quoted {quoted:?}, read {outcome:?}"),
		}
	}
	let enough = !kept.is_empty() && kept.len() >= config.min_sources as usize;
	match value {
		Some(value) => {
			assert!(enough, "a value from {} sources, {} needed", kept.len(), config.min_sources);
			let (least, greatest) = (kept.iter().min(), kept.iter().max());
			assert!(least.zip(greatest).is_some_and(|(l, g)| *l <= value && value <= *g));
		},
		None => assert!(!enough || method != SourceAggregation::Median, "no median of {kept:?}"),
	}
}

/// A SCALE-encoded feed configuration (as `create_feed` takes it, at most 10 sources), checked
/// under strict and loopback-allowing host rules.
///
/// Besides not panicking: a configuration valid under the strict rules is valid when loopback
/// is allowed; a valid one has usable sources (URL with a host the rules allow, a JSON path that
/// parses, a weight), `min_sources` and `quorum` within bounds, and survives re-encoding. Every
/// source's host is classified as the standard library classifies an IPv4 address it parses.
pub fn feed_config(data: &[u8]) {
	let Ok(config) = FeedConfig::<u32, ConstU32<10>>::decode(&mut &data[..]) else { return };
	let strict = HostRules { allow_loopback: false };
	let loose = HostRules { allow_loopback: true };
	for source in config.sources.iter() {
		if let Some((_, host)) = hosts::url_host(&source.url) {
			compare_ipv4(&host);
		}
	}
	let valid = |rules: &HostRules| config.validate(31, 64, 2, rules, 5);
	let (under_strict, under_loose) = (valid(&strict), valid(&loose));
	if under_strict.is_ok() {
		assert_eq!(under_loose, Ok(()), "valid under strict rules, not under loose ones");
	}
	for (rules, outcome) in [(strict, under_strict), (loose, under_loose)] {
		if outcome.is_err() {
			continue;
		}
		for source in config.sources.iter() {
			let (_, host) = hosts::url_host(&source.url).expect("a valid URL has a host");
			let class = hosts::classify(&host).expect("a valid URL's host is classified");
			assert!(rules.allows(class), "{class:?} accepted");
			assert!(JsonPath::parse(&source.json_path).is_ok());
			assert!(source.weight > 0);
		}
		assert!(config.min_sources >= 1 && config.min_sources as usize <= config.sources.len());
		assert!(config.quorum >= 1 && config.quorum <= 31);
		let again = FeedConfig::<u32, ConstU32<10>>::decode(&mut &config.encode()[..]);
		assert_eq!(again.as_ref(), Ok(&config));
	}
}

/// A dotted-quad host is classified as `std::net::Ipv4Addr` classifies it.
fn compare_ipv4(host: &[u8]) {
	let Some(std) = core::str::from_utf8(host)
		.ok()
		.and_then(|h| h.parse::<std::net::Ipv4Addr>().ok())
	else {
		return;
	};
	let [a, b, ..] = std.octets();
	let expected = if std.is_multicast() || std.is_broadcast() || a >= 240 {
		// Nothing there answers HTTP: not a host a URL may name.
		None
	} else if std.is_loopback() {
		Some(HostClass::Loopback)
	} else if std.is_private() || (a == 100 && (64..128).contains(&b)) {
		Some(HostClass::Private)
	} else if std.is_link_local() {
		Some(HostClass::LinkLocal)
	} else if a == 0 {
		Some(HostClass::Unspecified)
	} else {
		Some(HostClass::Public)
	};
	assert_eq!(hosts::classify(host), expected, "{std}");
}

fn trim(text: &[u8]) -> &[u8] {
	let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
	let end = text.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |e| e + 1);
	&text[start..end]
}

#[cfg(test)]
mod tests {
	/// Every input of the committed corpus passes its target's checks: what fuzzing found
	/// stays fixed, and the seeds recorded from real venues stay readable.
	#[test]
	fn the_committed_corpus_passes_every_check() {
		for (name, check) in super::TARGETS {
			let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
				.join("../../fuzz/corpus")
				.join(name);
			let mut inputs = 0;
			for entry in std::fs::read_dir(&dir).expect("the corpus is committed") {
				let path = entry.expect("a corpus entry").path();
				let input = std::fs::read(&path).expect("a corpus file");
				if let Err(panic) = std::panic::catch_unwind(|| check(&input)) {
					panic!("{name}: {} fails: {panic:?}", path.display());
				}
				inputs += 1;
			}
			assert!(inputs >= 5, "{name}: only {inputs} inputs in {}", dir.display());
		}
	}

	/// The configuration seeds are the chain specs' feeds, which decode and are valid.
	#[test]
	fn the_configuration_seeds_are_valid_feeds() {
		use super::*;
		let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
		let mut seeds = 0;
		for entry in std::fs::read_dir(dir.join("feed_config")).expect("the corpus is committed") {
			let path = entry.expect("a corpus entry").path();
			if !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("seed-")) {
				continue;
			}
			let input = std::fs::read(&path).expect("a corpus file");
			let config = FeedConfig::<u32, ConstU32<10>>::decode(&mut &input[..])
				.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
			let rules = HostRules { allow_loopback: true };
			assert_eq!(config.validate(31, 64, 2, &rules, 5), Ok(()), "{}", path.display());
			seeds += 1;
		}
		assert!(seeds >= 3, "{seeds} seeds");
	}
}
