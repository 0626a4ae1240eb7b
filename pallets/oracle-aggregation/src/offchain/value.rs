//! A feed's value: each source's response parsed at its JSON path into the feed's fixed point
//! and transformed, failures and outliers dropped, `min_sources` required, the rest combined.

use super::{
	fetch::{fetch_all, request_headers, stored_secret, Fetch, Fetched, Http, SourceError},
	health::record_health,
	plan::Planned,
};
use crate::{
	aggregate,
	feed_config::{FeedConfig, Source, SourceAggregation},
	hosts::HostRules,
	parse::{self, JsonPath},
	types::Value,
	LOG_TARGET,
};
use alloc::{string::String, vec::Vec};
use frame_support::traits::Get;

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
