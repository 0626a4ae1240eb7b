//! Offchain worker tests: a fake HTTP client with a simulated clock for concurrency, the
//! deadline and every failure kind; the node's offchain externalities for a whole run.

use crate::{commit_reveal::commitment, feed_config::*, mock::*, offchain::*, types::*};
use codec::Decode;
use sp_core::offchain::{
	testing::{self, TestOffchainExt, TestTransactionPoolExt},
	HttpError, HttpRequestId, HttpRequestStatus, OffchainDbExt, OffchainWorkerExt,
	TransactionPoolExt,
};
use sp_runtime::{testing::UintAuthorityId, Permill};

/// How a fake source answers: after `latency` ms, with a status and a body, or not at all.
#[derive(Clone)]
enum Answer {
	Ok(&'static str),
	Status(u16),
	Io,
	Never,
	Big,
	/// Headers after the latency, then the body one byte every so many ms.
	Trickle(&'static str, u64),
}

type Request = (String, u64, Answer, Vec<(String, String)>, usize);

/// A fake HTTP client whose clock advances only while waiting.
struct FakeHttp {
	now: u64,
	sources: Vec<(String, u64, Answer)>,
	/// Per request: URL, start time, answer, headers sent, body bytes read.
	requests: Vec<Request>,
	/// The calls in order: `start` or `wait`.
	calls: Vec<&'static str>,
}

impl FakeHttp {
	fn new(sources: &[(&str, u64, Answer)]) -> Self {
		FakeHttp {
			now: 1_000_000,
			sources: sources.iter().map(|(u, l, a)| (u.to_string(), *l, a.clone())).collect(),
			requests: Vec::new(),
			calls: Vec::new(),
		}
	}

	fn done_at(&self, index: usize) -> Option<u64> {
		let (_, started, answer, _, _) = self.requests.get(index)?;
		let latency = self.sources.iter().find(|(u, _, _)| *u == self.requests[index].0)?.1;
		match answer {
			Answer::Never => None,
			_ => Some(started + latency),
		}
	}
}

impl Http for FakeHttp {
	fn now(&self) -> u64 {
		self.now
	}

	fn start(
		&mut self,
		url: &str,
		headers: &[(&str, &str)],
		_deadline: u64,
	) -> Result<HttpRequestId, SourceError> {
		self.calls.push("start");
		let (_, _, answer) = self
			.sources
			.iter()
			.find(|(u, _, _)| u == url)
			.ok_or(SourceError::Start)?
			.clone();
		let headers = headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
		self.requests.push((url.to_string(), self.now, answer, headers, 0));
		Ok(HttpRequestId((self.requests.len() - 1) as u16))
	}

	fn wait(&mut self, ids: &[HttpRequestId], deadline: u64) -> Vec<HttpRequestStatus> {
		self.calls.push("wait");
		// Advance to the first completion among `ids`, or to the deadline.
		let next = ids.iter().filter_map(|id| self.done_at(id.0 as usize)).min();
		self.now = match next {
			Some(at) if at <= deadline => at.max(self.now),
			_ => deadline,
		};
		ids.iter()
			.map(|id| match self.done_at(id.0 as usize) {
				Some(at) if at <= self.now => match &self.requests[id.0 as usize].2 {
					Answer::Ok(_) | Answer::Big | Answer::Trickle(..) => {
						HttpRequestStatus::Finished(200)
					},
					Answer::Status(code) => HttpRequestStatus::Finished(*code),
					Answer::Io => HttpRequestStatus::IoError,
					Answer::Never => HttpRequestStatus::DeadlineReached,
				},
				_ => HttpRequestStatus::DeadlineReached,
			})
			.collect()
	}

	fn read(&mut self, id: HttpRequestId, buf: &mut [u8], deadline: u64) -> Result<u32, HttpError> {
		let headers_at = self.done_at(id.0 as usize).ok_or(HttpError::Invalid)?;
		let now = self.now;
		let request = self.requests.get_mut(id.0 as usize).ok_or(HttpError::Invalid)?;
		let (body, available): (Vec<u8>, usize) = match &request.2 {
			Answer::Ok(body) => (body.as_bytes().to_vec(), body.len()),
			Answer::Big => (vec![b' '; MAX_BODY + 10], MAX_BODY + 10),
			Answer::Trickle(body, every) => {
				// Like the node's client: block until a byte comes or the deadline passes.
				let next = headers_at + (request.4 as u64 + 1) * every;
				if request.4 < body.len() && next > deadline {
					self.now = deadline.max(now);
					return Err(HttpError::DeadlineReached);
				}
				self.now = now.max(next.min(deadline));
				let due = ((self.now - headers_at) / every) as usize;
				(body.as_bytes().to_vec(), due.min(body.len()))
			},
			_ => return Err(HttpError::IoError),
		};
		let rest = &body[request.4..available.max(request.4)];
		let n = rest.len().min(buf.len());
		buf[..n].copy_from_slice(&rest[..n]);
		request.4 += n;
		Ok(n as u32)
	}
}

/// The mock chain with the node's offchain storage, a mocked HTTP client and a transaction
/// pool: `(externalities, HTTP and storage state, pool state)`.
macro_rules! worker_ext {
	() => {{
		let (offchain, state) = TestOffchainExt::new();
		let (pool, pool_state) = TestTransactionPoolExt::new();
		let mut ext = new_test_ext();
		ext.0.register_extension(OffchainDbExt::new(offchain.clone()));
		ext.0.register_extension(OffchainWorkerExt::new(offchain));
		ext.0.register_extension(TransactionPoolExt::new(pool));
		(ext, state, pool_state)
	}};
}

/// Expects a GET of `uri` carrying `headers`, answered with `body`.
fn expect_get(
	state: &mut testing::OffchainState,
	uri: &str,
	body: &[u8],
	headers: Vec<(String, String)>,
) {
	state.expect_request(testing::PendingRequest {
		method: "GET".into(),
		uri: uri.to_string(),
		headers,
		response: Some(body.to_vec()),
		sent: true,
		..Default::default()
	});
}

fn fetch(url: &str) -> Fetch {
	Fetch { url: url.into(), headers: vec![] }
}

#[test]
fn all_requests_start_before_any_wait_and_run_concurrently() {
	let urls: Vec<String> = (0..5).map(|i| format!("http://s{i}")).collect();
	let sources: Vec<(&str, u64, Answer)> = urls
		.iter()
		.map(|u| (u.as_str(), 300, Answer::Ok("{\"price\":\"1\"}")))
		.collect();
	let mut http = FakeHttp::new(&sources);
	let requests: Vec<Fetch> = urls.iter().map(|u| fetch(u)).collect();
	let started = http.now;
	let results = fetch_all(&mut http, &requests, 1_000);
	assert!(results.iter().all(|(r, latency)| r.is_ok() && *latency == 300));
	// Five sources of 300 ms each took 300 ms, not 1 500.
	assert_eq!(http.now - started, 300);
	let first_wait = http.calls.iter().position(|c| *c == "wait").unwrap();
	assert_eq!(&http.calls[..first_wait], &["start"; 5]);
}

#[test]
fn a_slow_source_costs_at_most_the_deadline_and_others_still_answer() {
	let mut http = FakeHttp::new(&[
		("http://slow", 5_000, Answer::Ok("{}")),
		("http://dead", 0, Answer::Never),
		("http://fast", 50, Answer::Ok("{\"price\":1}")),
	]);
	let started = http.now;
	let results = fetch_all(
		&mut http,
		&[fetch("http://slow"), fetch("http://dead"), fetch("http://fast")],
		1_000,
	);
	assert_eq!(results[0], (Err(SourceError::Timeout), 1_000));
	assert_eq!(results[1], (Err(SourceError::Timeout), 1_000));
	assert_eq!(results[2], (Ok(b"{\"price\":1}".to_vec()), 50));
	assert_eq!(http.now - started, 1_000);
}

/// A source that sends its headers at once and then its body a byte at a time is cut at the
/// deadline and costs the others nothing: their answers, whose headers come later, are read.
#[test]
fn a_trickling_body_is_cut_at_the_deadline_and_delays_no_other_source() {
	let mut http = FakeHttp::new(&[
		("http://trickle", 5, Answer::Trickle("{\"price\":\"100.00\"}", 200)),
		("http://a", 600, Answer::Ok("{\"price\":1}")),
		("http://b", 600, Answer::Ok("{\"price\":2}")),
	]);
	let started = http.now;
	let results = fetch_all(
		&mut http,
		&[fetch("http://trickle"), fetch("http://a"), fetch("http://b")],
		2_000,
	);
	assert_eq!(results[0].0, Err(SourceError::Timeout));
	assert_eq!(results[1].0, Ok(b"{\"price\":1}".to_vec()));
	assert_eq!(results[2].0, Ok(b"{\"price\":2}".to_vec()));
	// Read within a polling slice of their headers.
	assert!(results[1].1 >= 600 && results[1].1 <= 600 + POLL_MS, "{}", results[1].1);
	assert!(http.now - started <= 2_000 + POLL_MS);
}

#[test]
fn every_failure_kind_is_reported_per_source() {
	let mut http = FakeHttp::new(&[
		("http://500", 10, Answer::Status(500)),
		("http://io", 10, Answer::Io),
		("http://big", 10, Answer::Big),
		("http://html", 10, Answer::Ok("<html>busy</html>")),
		("http://nan", 10, Answer::Ok("{\"price\":\"NaN\"}")),
		("http://ok", 10, Answer::Ok("{\"price\":\"2.5\"}")),
	]);
	let requests: Vec<Fetch> = [
		"http://500",
		"http://io",
		"http://big",
		"http://html",
		"http://nan",
		"http://ok",
		"http://unknown",
	]
	.iter()
	.map(|u| fetch(u))
	.collect();
	let results = fetch_all(&mut http, &requests, 1_000);
	assert_eq!(results[0].0, Err(SourceError::Status(500)));
	assert_eq!(results[1].0, Err(SourceError::Io));
	assert_eq!(results[2].0, Err(SourceError::BodyTooLarge));
	assert_eq!(results[6].0, Err(SourceError::Start));
	let mut config = feed_config();
	config.sources = frame_support::BoundedVec::truncate_from(
		(0..3).map(|i| source(&format!("s{i}"), "http://x", "price")).collect(),
	);
	config.min_sources = 1;
	let bodies = vec![results[3].0.clone(), results[4].0.clone(), results[5].0.clone()];
	let (value, outcomes) = feed_value(&config, &bodies);
	assert_eq!(value, Some(250));
	assert_eq!(outcomes[0], Err(SourceError::Parse(crate::parse::ParseError::Malformed)));
	assert!(matches!(outcomes[1], Err(SourceError::Parse(_))));
	assert_eq!(outcomes[2], Ok(250));
	assert_eq!(SourceError::Status(500).kind(), "http_500");
}

fn config_of(n: usize, min_sources: u32, aggregation: SourceAggregation) -> Config {
	let mut config = feed_config();
	config.sources = frame_support::BoundedVec::truncate_from(
		(0..n)
			.map(|i| {
				let mut s = source(&format!("s{i}"), "http://x", "price");
				s.weight = i as u32 + 1;
				s
			})
			.collect(),
	);
	config.min_sources = min_sources;
	config.max_source_deviation = Permill::from_percent(2);
	config.source_aggregation = aggregation;
	config
}

fn bodies(prices: &[&str]) -> Vec<Result<Vec<u8>, SourceError>> {
	prices
		.iter()
		.map(|p| Ok(format!("{{\"price\":\"{p}\"}}").into_bytes()))
		.collect()
}

#[test]
fn outliers_are_dropped_before_aggregating() {
	let config = config_of(5, 3, SourceAggregation::Mean);
	let (value, outcomes) = feed_value(&config, &bodies(&["100", "101", "99", "150", "100"]));
	// 150 is 50 % off the median of 100: dropped; mean of the rest = 100.00.
	assert_eq!(value, Some(10_000));
	assert_eq!(outcomes[3], Err(SourceError::Outlier));
	let weighted = config_of(3, 2, SourceAggregation::WeightedMean);
	// (100 * 1 + 101 * 2 + 99 * 3) / 6 = 99.83..
	assert_eq!(feed_value(&weighted, &bodies(&["100", "101", "99"])).0, Some(9_983));
	let median = config_of(4, 2, SourceAggregation::Median);
	assert_eq!(feed_value(&median, &bodies(&["100", "101", "99", "100.5"])).0, Some(10_025));
}

#[test]
fn min_sources_is_required_after_failures_and_outliers() {
	let config = config_of(4, 3, SourceAggregation::Median);
	let mut results = bodies(&["100", "100", "130", "100"]);
	results[0] = Err(SourceError::Timeout);
	// One failed and one outlier leave two of the three needed.
	let (value, outcomes) = feed_value(&config, &results);
	assert_eq!(value, None);
	assert_eq!(outcomes[2], Err(SourceError::Outlier));
	let (value, _) = feed_value(&config, &bodies(&["100", "100", "130", "100"]));
	assert_eq!(value, Some(10_000));
}

#[test]
fn health_records_round_trip_as_json() {
	let health = SourceHealth::default().updated(&Ok(12_345), 40, 1_000).updated(
		&Err(SourceError::Timeout),
		2_000,
		5_000,
	);
	let json = health.to_json();
	assert_eq!(
		json,
		"{\"updated_ms\":5000,\"latency_ms\":2000,\"last_success_ms\":1000,\"last_value\":\"12345\",\"last_error\":\"timeout\",\"last_error_ms\":5000}"
	);
	assert_eq!(SourceHealth::from_json(json.as_bytes()), Some(health));
	assert_eq!(SourceHealth::key(3, b"kraken"), b"oracle/health/3/kraken".to_vec());
}

/// A whole run on a node holding operator 1's key: one transaction with the values of the
/// due feeds, the API key sent from local storage, health recorded.
#[test]
fn a_run_submits_one_signed_report_with_every_due_feed() {
	let (mut ext, state, pool_state) = worker_ext!();
	{
		let mut state = state.write();
		// Feed 0's three sources, then feed 1's, all started before any answer is awaited.
		for (uri, body, headers) in [
			("http://127.0.0.1:8080/binance", "{\"price\":\"100.00\"}", vec![]),
			("http://127.0.0.1:8080/coinbase", "{\"data\":{\"amount\":\"100.02\"}}", vec![]),
			(
				"http://127.0.0.1:8080/kraken",
				"{\"error\":[],\"result\":{\"XXBTZUSD\":{\"c\":[\"99.98\",\"1\"]}}}",
				vec![("x-api-key".to_string(), "s3cret".to_string())],
			),
		]
		.iter()
		.cycle()
		.take(6)
		{
			expect_get(&mut state, uri, body.as_bytes(), headers.clone());
		}
	}
	ext.execute_with(|| {
		set_operators(&[1, 2, 3]);
		UintAuthorityId::set_all_keys(vec![key(1)]);
		let mut config = feed_config();
		config.sources[2].api_key =
			Some(ApiKey { header: bounded("x-api-key"), secret: bounded("kraken") });
		for _ in 0..2 {
			frame_support::assert_ok!(OracleAggregation::create_feed(
				RuntimeOrigin::root(),
				config.clone()
			));
		}
		sp_io::offchain::local_storage_set(
			sp_core::offchain::StorageKind::PERSISTENT,
			b"oracle/secret/kraken",
			b"127.0.0.1=s3cret",
		);
		crate::offchain::run::<Test>(1);
		let txs = pool_state.read().transactions.clone();
		assert_eq!(txs.len(), 1);
		let xt = Extrinsic::decode(&mut &txs[0][..]).unwrap();
		let RuntimeCall::OracleAggregation(crate::Call::submit { report, signature }) = xt.function
		else {
			panic!("not a report");
		};
		let values: Vec<_> = report
			.values
			.iter()
			.map(|v| match v.answer {
				ReportAnswer::Value(value) => (v.feed_id, v.round_id, value),
				other => panic!("not a plain value: {other:?}"),
			})
			.collect();
		assert_eq!(values, vec![(0, 1, 10_000), (1, 1, 10_000)]);
		assert_eq!(report.key, key(1));
		assert_eq!(signature, sign(&report));
		let health = sp_io::offchain::local_storage_get(
			sp_core::offchain::StorageKind::PERSISTENT,
			b"oracle/health/0/kraken",
		)
		.and_then(|json| SourceHealth::from_json(&json))
		.unwrap();
		assert_eq!(health.last_value, Some(9_998));
		assert_eq!(health.last_error, None);
		// The report is valid for the pool and records both values.
		frame_support::assert_ok!(OracleAggregation::submit(
			RuntimeOrigin::none(),
			report,
			signature
		));
	});
}

#[test]
fn a_node_without_an_operator_key_does_nothing() {
	let (mut ext, _state, pool_state) = worker_ext!();
	ext.execute_with(|| {
		set_operators(&[1, 2, 3]);
		UintAuthorityId::set_all_keys(vec![key(9)]);
		frame_support::assert_ok!(OracleAggregation::create_feed(
			RuntimeOrigin::root(),
			feed_config()
		));
		// No request is expected: the test externalities would panic on one.
		crate::offchain::run::<Test>(1);
		assert!(pool_state.read().transactions.is_empty());
	});
}

#[test]
fn feeds_are_planned_by_open_round_request_heartbeat_or_deviation() {
	new_test_ext().execute_with(|| {
		set_operators(&[1, 2, 3]);
		for _ in 0..4 {
			frame_support::assert_ok!(OracleAggregation::create_feed(
				RuntimeOrigin::root(),
				feed_config()
			));
		}
		// Feed 0 resolves at block 2; it is then within its heartbeat.
		for operator in [1, 2, 3] {
			frame_support::assert_ok!(submit(operator, &[(0, 1, 100)]));
		}
		next_block();
		// Feed 1 has an open round from operator 2; feed 2 was requested; feed 3 never ran.
		frame_support::assert_ok!(submit(2, &[(1, 1, 100)]));
		frame_support::assert_ok!(OracleAggregation::request_round(RuntimeOrigin::signed(100), 2));
		next_block();
		let planned = plan::<Test>(&1, 3);
		let reasons: Vec<_> = planned.iter().map(|p| (p.feed_id, p.round_id, p.reason)).collect();
		assert_eq!(
			reasons,
			vec![
				(0, 2, Reason::Deviation { last: 100 }),
				(1, 1, Reason::OpenRound),
				(2, 1, Reason::Requested),
				(3, 1, Reason::Heartbeat),
			]
		);
		// Operator 2 already answered feed 1's round; feed 0's heartbeat of 10 elapses at 12,
		// ten blocks after its value resolved, as the chain counts it.
		let reasons = |now| -> Vec<_> {
			plan::<Test>(&2, now).iter().map(|p| (p.feed_id, p.reason)).collect()
		};
		assert_eq!(reasons(11)[0], (0, Reason::Deviation { last: 100 }));
		assert_eq!(reasons(12)[0], (0, Reason::Heartbeat));
		let planned = plan::<Test>(&2, 12);
		assert!(planned.iter().all(|p| p.feed_id != 1));
	});
}

/// The worker plans a round as due exactly when the chain would open it on its answers: in
/// the block after the one whose state shows it due. Never earlier, or an honest answer would
/// wait while a colluding early one could not open the round either; never later, or the
/// worker would fetch for a round the chain has opened without it. Requests, first rounds,
/// heartbeats and paused feeds, at every block around the heartbeat.
#[test]
fn the_worker_and_the_chain_share_the_due_rule() {
	use crate::{step::Trigger, States};
	new_test_ext().execute_with(|| {
		set_operators(&[1, 2, 3]);
		frame_support::assert_ok!(OracleAggregation::create_feed(
			RuntimeOrigin::root(),
			feed_config()
		));
		let original = States::<Test>::get();
		let mut checked = 0;
		for requested in [false, true] {
			for status in [FeedStatus::Active, FeedStatus::Paused] {
				for resolved in [0, 2] {
					for (updated_at, heartbeat) in [(0, 3), (7, 3), (7, 10)] {
						let mut state = original[0];
						state.requested = requested;
						state.status = status;
						state.answer = LastAnswer {
							value: 100,
							round_id: resolved,
							updated_at,
							updated_at_ms: 0,
						};
						state.params.heartbeat = heartbeat;
						States::<Test>::put(frame_support::BoundedVec::truncate_from(vec![state]));
						for seen in 0..25u64 {
							let reason = plan::<Test>(&1, seen).first().map(|p| p.reason);
							let worker_answers = matches!(
								reason,
								Some(Reason::Requested | Reason::Heartbeat | Reason::OpenRound)
							);
							let opens = matches!(
								OracleAggregation::trigger(&state, &[], 0, seen + 1),
								Trigger::Open
							);
							let case = (requested, status, resolved, updated_at, heartbeat, seen);
							assert_eq!(worker_answers, opens, "{case:?}: {reason:?}");
							if status == FeedStatus::Paused {
								assert_eq!(reason, None, "{case:?}");
							} else if !opens {
								assert_eq!(
									reason,
									Some(Reason::Deviation { last: 100 }),
									"{case:?}"
								);
							}
							checked += 1;
						}
					}
				}
			}
		}
		assert_eq!(checked, 2 * 2 * 2 * 3 * 25);
		States::<Test>::put(original);
	});
}

/// The one report a run put into `pool`, decoded.
fn only_report(txs: Vec<Vec<u8>>) -> (crate::ReportOf<Test>, sp_runtime::testing::TestSignature) {
	assert_eq!(txs.len(), 1, "one transaction per run");
	let xt = Extrinsic::decode(&mut &txs[0][..]).unwrap();
	let RuntimeCall::OracleAggregation(crate::Call::submit { report, signature }) = xt.function
	else {
		panic!("not a report");
	};
	(report, signature)
}

/// A commit–reveal feed next to a plain one: the first run sends, in one transaction, the
/// commitment of the first and the value of the second, keeping the committed value and its
/// salt in persistent offchain storage. The node restarts (only its persistent storage
/// survives, and its random seed changes); once the commit phase is over, its next run reveals
/// the value without fetching anything, and the round resolves with it.
#[test]
fn a_commitment_is_revealed_after_a_restart_without_fetching_again() {
	let (mut ext, state, pool_state) = worker_ext!();
	{
		let mut state = state.write();
		state.seed = [7; 32];
		for (uri, body) in [
			("http://127.0.0.1:8080/binance", "{\"price\":\"100.00\"}"),
			("http://127.0.0.1:8080/coinbase", "{\"data\":{\"amount\":\"100.02\"}}"),
			("http://127.0.0.1:8080/kraken", "{\"result\":{\"XXBTZUSD\":{\"c\":[\"99.98\"]}}}"),
		]
		.iter()
		.cycle()
		.take(6)
		{
			expect_get(&mut state, uri, body.as_bytes(), vec![]);
		}
	}
	let (hidden, plain) = (0, 1);
	ext.execute_with(|| {
		set_operators(&[1, 2, 3]);
		UintAuthorityId::set_all_keys(vec![key(1)]);
		let mut config = feed_config();
		config.commit_reveal = true;
		frame_support::assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), config));
		frame_support::assert_ok!(OracleAggregation::create_feed(
			RuntimeOrigin::root(),
			feed_config()
		));
		crate::offchain::run::<Test>(1);
		let (report, signature) =
			only_report(core::mem::take(&mut pool_state.write().transactions));
		let pending = PendingCommit::load(hidden).expect("the commitment's secret is kept");
		assert_eq!((pending.round_id, pending.value), (1, 10_000));
		let expected = commitment(&GENESIS_HASH, hidden, 1, pending.value, &pending.salt, &1u64);
		let answers: Vec<_> = report.values.iter().map(|v| (v.feed_id, v.answer)).collect();
		assert_eq!(
			answers,
			vec![(hidden, ReportAnswer::Commit(expected)), (plain, ReportAnswer::Value(10_000))]
		);
		frame_support::assert_ok!(OracleAggregation::submit(
			RuntimeOrigin::none(),
			report,
			signature
		));
		for operator in [2, 3] {
			frame_support::assert_ok!(submit_answers(
				operator,
				&[(hidden, 1, commit(operator, hidden, 1, 10_010))]
			));
		}
		// Reveals open at block 5, after the commit window (blocks 3 and 4).
		run_to(5);
	});

	// The restart: a new offchain state with the old persistent storage only, another seed,
	// and no request expected (the test externalities fail on any).
	let (offchain, restarted) = TestOffchainExt::new();
	restarted.write().persistent_storage = state.read().persistent_storage.clone();
	restarted.write().seed = [9; 32];
	let (pool, pool_state) = TestTransactionPoolExt::new();
	ext.0.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.0.register_extension(OffchainWorkerExt::new(offchain));
	ext.0.register_extension(TransactionPoolExt::new(pool));
	ext.execute_with(|| {
		crate::offchain::run::<Test>(5);
		let (report, signature) =
			only_report(core::mem::take(&mut pool_state.write().transactions));
		let pending = PendingCommit::load(hidden).unwrap();
		let answers: Vec<_> = report.values.iter().map(|v| (v.feed_id, v.answer)).collect();
		assert_eq!(
			answers,
			vec![(hidden, ReportAnswer::Reveal { value: 10_000, salt: pending.salt })]
		);
		frame_support::assert_ok!(OracleAggregation::submit(
			RuntimeOrigin::none(),
			report,
			signature
		));
		for operator in [2, 3] {
			frame_support::assert_ok!(submit_answers(
				operator,
				&[(hidden, 1, reveal(operator, 10_010))]
			));
		}
		next_block();
		let round = OracleAggregation::latest_round(hidden).unwrap();
		assert_eq!((round.value, round.submissions), (10_010, 3));
	});
}

/// A commit–reveal feed's plan follows the chain: a commitment sent so recently that it may
/// still land is sent again as it was; one too old to land is replaced by a fresh fetch (and a
/// fresh commitment); a reveal is planned only once reveals are open and only when the secret
/// kept here opens the commitment on chain.
#[test]
fn commit_reveal_plans_follow_the_chain() {
	use frame_support::traits::Get;
	let (offchain, _state) = TestOffchainExt::new();
	let mut ext = new_test_ext();
	ext.0.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.0.register_extension(OffchainWorkerExt::new(offchain));
	ext.execute_with(|| {
		set_operators(&[1, 2, 3]);
		let mut config = feed_config();
		config.commit_reveal = true;
		frame_support::assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), config));
		let reasons = |now| -> Vec<_> {
			plan::<Test>(&1, now).iter().map(|p| (p.feed_id, p.reason)).collect()
		};
		assert_eq!(reasons(1), vec![(0, Reason::Heartbeat)]);
		let longevity = u64::from(<<Test as crate::Config>::MaxReportAge as Get<u32>>::get());
		let pending = PendingCommit { round_id: 1, value: 100, salt: salt(1), at: 1 };
		pending.store(0);
		assert_eq!(reasons(1 + longevity), vec![(0, Reason::Recommit(pending))]);
		assert_eq!(reasons(2 + longevity), vec![(0, Reason::Heartbeat)]);
		// On chain (the same value and salt), while commitments are collected: nothing to do.
		frame_support::assert_ok!(submit_answers(1, &[(0, 1, commit(1, 0, 1, 100))]));
		next_block();
		assert_eq!(reasons(2), vec![]);
		// Reveals open at 5, after the commit window (blocks 3 and 4).
		run_to(5);
		assert_eq!(reasons(5), vec![(0, Reason::Reveal(pending))]);
		// A secret that does not open the commitment on chain (another node with the same key
		// made it) is not revealed: it would be refused.
		PendingCommit { value: 101, ..pending }.store(0);
		assert_eq!(reasons(5), vec![]);
	});
}

/// A secret goes only to a host the operator bound it to, only over https (or to a loopback
/// host where the chain allows loopback), and no request at all goes to a host the chain's
/// rules refuse.
#[test]
fn a_secret_is_sent_only_to_its_bound_hosts_over_https() {
	let strict = HostRules { allow_loopback: false };
	let dev = HostRules { allow_loopback: true };
	let keyed = |url: &str| {
		let mut source = source("venue", url, "price");
		source.api_key = Some(ApiKey { header: bounded("x-api-key"), secret: bounded("venue") });
		source
	};
	let headers = |url: &str, rules: &HostRules, stored: &str| {
		let stored = stored.as_bytes().to_vec();
		request_headers(&keyed(url), rules, |name: &[u8]| {
			assert_eq!(name, b"venue");
			(!stored.is_empty()).then(|| stored.clone())
		})
	};
	let sent = Ok(vec![("x-api-key".to_string(), "K=1".to_string())]);
	// Bound to the host (among others, any case): sent.
	assert_eq!(headers("https://api.venue.com/x", &strict, "api.venue.com=K=1"), sent);
	assert_eq!(headers("https://API.venue.com:443/x", &strict, "a.b, Api.Venue.com=K=1"), sent);
	// Bound to another host, to a suffix of it, or to nothing: never sent.
	for stored in ["evil.com=K=1", "venue.com=K=1", "K1", "=K=1"] {
		assert_eq!(
			headers("https://api.venue.com/x", &strict, stored),
			Err(SourceError::SecretHostMismatch),
			"{stored}"
		);
	}
	// Bound, but over plain http to a host that is not loopback: never sent.
	assert_eq!(
		headers("http://api.venue.com/x", &dev, "api.venue.com=K=1"),
		Err(SourceError::SecretNeedsHttps)
	);
	// A loopback price server over http, where the chain allows loopback.
	assert_eq!(headers("http://127.0.0.1:8500/x", &dev, "127.0.0.1=K=1"), sent);
	// Where it does not, the source is not requested at all.
	assert_eq!(
		headers("http://127.0.0.1:8500/x", &strict, "127.0.0.1=K=1"),
		Err(SourceError::HostRefused)
	);
	assert_eq!(
		request_headers(&source("v", "http://169.254.169.254/x", "p"), &dev, |_| None),
		Err(SourceError::HostRefused)
	);
	// Not stored, or bound with an empty value.
	assert_eq!(headers("https://api.venue.com/x", &strict, ""), Err(SourceError::MissingSecret));
	assert_eq!(
		headers("https://api.venue.com/x", &strict, "api.venue.com="),
		Err(SourceError::MissingSecret)
	);
	// A source without an API key sends no header.
	assert_eq!(request_headers(&source("v", "https://a.b/x", "p"), &strict, |_| None), Ok(vec![]));
	assert_eq!(SourceError::SecretHostMismatch.kind(), "secret_host_mismatch");
	assert_eq!(SourceError::SecretNeedsHttps.kind(), "secret_needs_https");
	assert_eq!(SourceError::HostRefused.kind(), "host_refused");
}

/// A redirect is an answer like any other status: it is not followed, so the request (and
/// any secret in its headers) never reaches the redirect's target.
#[test]
fn a_redirect_is_not_followed() {
	let mut http = FakeHttp::new(&[
		("https://api.venue.com/x", 10, Answer::Status(302)),
		("https://collector.evil/x", 10, Answer::Ok("{\"price\":1}")),
	]);
	let request = Fetch {
		url: "https://api.venue.com/x".into(),
		headers: vec![("x-api-key".into(), "K".into())],
	};
	let results = fetch_all(&mut http, &[request], 1_000);
	assert_eq!(results[0].0, Err(SourceError::Status(302)));
	assert_eq!(http.requests.len(), 1);
	assert_eq!(http.requests[0].0, "https://api.venue.com/x");
}

/// A whole run on a node whose secret is bound to another host: the source that names it is
/// not requested (the node's test client would fail on an unexpected request), its health
/// says why, and the feed still reports from its other sources.
#[test]
fn a_run_skips_a_source_whose_secret_is_bound_elsewhere() {
	let (mut ext, state, pool_state) = worker_ext!();
	{
		let mut state = state.write();
		for (uri, body) in [
			("http://127.0.0.1:8080/binance", "{\"price\":\"100.00\"}"),
			("http://127.0.0.1:8080/coinbase", "{\"data\":{\"amount\":\"100.02\"}}"),
		] {
			expect_get(&mut state, uri, body.as_bytes(), vec![]);
		}
	}
	ext.execute_with(|| {
		set_operators(&[1, 2, 3]);
		UintAuthorityId::set_all_keys(vec![key(1)]);
		let mut config = feed_config();
		config.sources[2].api_key =
			Some(ApiKey { header: bounded("x-api-key"), secret: bounded("kraken") });
		frame_support::assert_ok!(OracleAggregation::create_feed(RuntimeOrigin::root(), config));
		sp_io::offchain::local_storage_set(
			sp_core::offchain::StorageKind::PERSISTENT,
			b"oracle/secret/kraken",
			b"api.kraken.com=s3cret",
		);
		crate::offchain::run::<Test>(1);
		assert_eq!(pool_state.read().transactions.len(), 1);
		let health = sp_io::offchain::local_storage_get(
			sp_core::offchain::StorageKind::PERSISTENT,
			b"oracle/health/0/kraken",
		)
		.and_then(|json| SourceHealth::from_json(&json))
		.unwrap();
		assert_eq!(health.last_error.as_deref(), Some("secret_host_mismatch"));
	});
}

/// Externalities with the node's offchain storage only, for [`schedule`].
fn offchain_ext() -> sp_io::TestExternalities {
	let (offchain, _) = TestOffchainExt::new();
	let mut ext = sp_io::TestExternalities::default();
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain));
	ext
}

type PlannedOf = Planned<u64, <Test as crate::Config>::MaxSources>;

/// Feed `feed_id` with `sources` sources, planned for round 1 for `reason`.
fn planned(feed_id: FeedId, sources: usize, reason: Reason, poll_interval: u32) -> PlannedOf {
	let mut config = feed_config();
	config.sources = frame_support::BoundedVec::truncate_from(
		(0..sources)
			.map(|i| crate::mock::source(&format!("s{i}"), &format!("http://s{i}/x"), "price"))
			.collect(),
	);
	config.min_sources = 1;
	config.poll_interval = poll_interval;
	Planned { feed_id, round_id: 1, config, reason, opened_at: 0 }
}

const LIMITS: FetchLimits = FetchLimits { min_poll: 5, max_requests: 12, in_flight: 5, window: 2 };

fn scheduled(planned: Vec<PlannedOf>, now_ms: u64) -> (Vec<FeedId>, usize) {
	let (kept, waiting) = schedule(planned, now_ms, 1, LIMITS);
	(kept.iter().map(|p| p.feed_id).collect(), waiting)
}

#[test]
fn a_candidate_is_polled_only_once_its_interval_passed_and_a_due_feed_at_once() {
	offchain_ext().execute_with(|| {
		let candidate = |interval| planned(0, 3, Reason::Deviation { last: 100 }, interval);
		let t = 1_000_000;
		// Never polled: at once.
		assert_eq!(scheduled(vec![candidate(30)], t), (vec![0], 0));
		assert_eq!(Polled::load(0), Some(Polled(t)));
		// Not again before its 30 s.
		assert_eq!(scheduled(vec![candidate(30)], t + 29_999), (vec![], 0));
		assert_eq!(Polled::load(0), Some(Polled(t)));
		assert_eq!(scheduled(vec![candidate(30)], t + 30_000), (vec![0], 0));
		// An interval of 0, or one below the floor (refused on chain), is the floor: 5 s.
		for interval in [0, 1] {
			let polled = Polled::load(0).unwrap().0;
			assert_eq!(scheduled(vec![candidate(interval)], polled + 4_999), (vec![], 0));
			assert_eq!(scheduled(vec![candidate(interval)], polled + 5_000), (vec![0], 0));
		}
		// Due feeds are fetched whenever they are due, polled 1 ms ago or not.
		let polled = Polled::load(0).unwrap().0;
		for reason in [Reason::OpenRound, Reason::Requested, Reason::Heartbeat] {
			assert_eq!(scheduled(vec![planned(0, 3, reason, 3_600)], polled + 1), (vec![0], 0));
		}
	});
}

/// Due feeds over the cap are taken in an order every node shares, whatever its polling
/// history: open rounds first by their opening block, then the other due feeds in an order
/// rotated at every block; candidates last, the longest waiting first. Reveals, recommitments
/// and resends fetch nothing and are never held back.
#[test]
fn requests_over_the_cap_follow_an_order_every_node_shares() {
	let due = || (0..8).map(|id| planned(id, 3, Reason::Heartbeat, 0)).collect::<Vec<_>>();
	let t = 1_000_000;
	// Two nodes: one polled feeds 4 to 7 a moment ago, the other never polled anything.
	let run = |block: u64, history: bool| {
		let mut ext = offchain_ext();
		ext.execute_with(|| {
			if history {
				for id in 4..8 {
					Polled(t - 1_000).store(id);
				}
			}
			let (kept, waiting) = schedule(due(), t, block, LIMITS);
			(kept.iter().map(|p| p.feed_id).collect::<Vec<_>>(), waiting)
		})
	};
	let mut seen = std::collections::BTreeSet::new();
	for block in 1..=20 {
		let (first, waiting) = run(block, false);
		assert_eq!(first, run(block, true).0, "block {block}: the nodes fetch different feeds");
		assert_eq!((first.len(), waiting), (4, 4));
		seen.extend(first);
	}
	assert_eq!(seen.len(), 8, "the rotation leaves a feed out over 20 blocks");
	offchain_ext().execute_with(|| {
		// Open rounds first, the earliest opened first, before any other due feed.
		let mut feeds = due();
		let open = |id: FeedId, opened_at: u64| {
			let mut feed = planned(id, 3, Reason::OpenRound, 0);
			feed.opened_at = opened_at;
			feed
		};
		feeds.push(open(9, 30));
		feeds.push(open(8, 20));
		feeds.push(open(10, 10));
		feeds.push(open(12, 50));
		feeds.push(open(11, 40));
		assert_eq!(scheduled(feeds, t), (vec![8, 9, 10, 11], 9));
		// Candidates come after due feeds; reveals and the like are always kept.
		let pending = PendingCommit { round_id: 1, value: 7, salt: [0; 16], at: 1 };
		let mut feeds = vec![planned(0, 3, Reason::Deviation { last: 100 }, 0)];
		feeds.extend((1..5).map(|id| planned(id, 3, Reason::Requested, 0)));
		feeds.push(planned(8, 3, Reason::Reveal(pending), 0));
		feeds.push(planned(9, 3, Reason::Recommit(pending), 0));
		assert_eq!(scheduled(feeds, t), (vec![1, 2, 3, 4, 8, 9], 1));
	});
}

/// An adversarial mix (feeds of 1 to 6 sources, due or candidates with their own intervals,
/// the largest ones placed to be skipped by a greedy packer), where a due feed, once fetched,
/// is answered and due again a heartbeat (10 runs) later, as on chain: no run passes the cap,
/// no due feed waits more than 4 runs, and every candidate is fetched, though after the due
/// feeds.
#[test]
fn no_feed_starves_under_a_cap_whatever_the_mix() {
	offchain_ext().execute_with(|| {
		let sizes = [6, 1, 3, 6, 2, 5, 3, 1, 6, 4];
		let candidate = |id: usize| id.is_multiple_of(3);
		let mut due_from = [1u64; 10];
		let mut fetched = [0u32; 10];
		let mut longest_wait = 0;
		for run in 1..=300u64 {
			let planned = sizes
				.iter()
				.enumerate()
				.filter(|(id, _)| candidate(*id) || run >= due_from[*id])
				.map(|(id, &n)| {
					let reason = if candidate(id) {
						Reason::Deviation { last: 100 }
					} else {
						Reason::Heartbeat
					};
					planned(id as FeedId, n, reason, 5 + 2 * id as u32)
				})
				.collect::<Vec<_>>();
			let (kept, _) = schedule(planned, 1_000_000 + run * 6_000, run, LIMITS);
			let requests: usize = kept.iter().map(|p| p.config.sources.len()).sum();
			assert!(requests <= LIMITS.max_requests as usize, "run {run}: {requests}");
			for feed in kept {
				let id = feed.feed_id as usize;
				if !candidate(id) {
					longest_wait = longest_wait.max(run - due_from[id]);
					due_from[id] = run + 10;
				}
				fetched[id] += 1;
			}
		}
		assert!(longest_wait <= 4, "a due feed waited {longest_wait} runs");
		assert!(fetched.iter().all(|&n| n >= 20), "{fetched:?}");
	});
}

/// A due feed's value is fetched once: while the report that carries it may still land, later
/// runs send it again without requesting the sources at every block; after that, the sources
/// are requested again.
#[test]
fn a_reported_value_is_sent_again_without_fetching_while_it_may_land() {
	let (mut ext, state, pool_state) = worker_ext!();
	let expect = |price: &str| {
		let mut state = state.write();
		for (uri, body) in [
			("http://127.0.0.1:8080/binance", format!("{{\"price\":\"{price}\"}}")),
			("http://127.0.0.1:8080/coinbase", format!("{{\"data\":{{\"amount\":\"{price}\"}}}}")),
			(
				"http://127.0.0.1:8080/kraken",
				format!("{{\"result\":{{\"XXBTZUSD\":{{\"c\":[\"{price}\"]}}}}}}"),
			),
		] {
			expect_get(&mut state, uri, body.as_bytes(), vec![]);
		}
	};
	let values = |txs: &[Vec<u8>]| -> Vec<(FeedId, RoundId, ReportAnswer)> {
		txs.iter()
			.map(|tx| {
				let xt = Extrinsic::decode(&mut &tx[..]).unwrap();
				let RuntimeCall::OracleAggregation(crate::Call::submit { report, .. }) =
					xt.function
				else {
					panic!("not a report");
				};
				let v = report.values[0];
				(v.feed_id, v.round_id, v.answer)
			})
			.collect()
	};
	ext.execute_with(|| {
		set_operators(&[1, 2, 3]);
		UintAuthorityId::set_all_keys(vec![key(1)]);
		frame_support::assert_ok!(OracleAggregation::create_feed(
			RuntimeOrigin::root(),
			feed_config()
		));
		let longevity = <<Test as crate::Config>::MaxReportAge as sp_core::Get<u32>>::get() as u64;
		let run_at = |block: u64| {
			System::set_block_number(block);
			state.write().timestamp = sp_core::offchain::Timestamp::from_unix_millis(block * 6_000);
			crate::offchain::run::<Test>(block);
		};
		expect("100.00");
		run_at(1);
		// The same value while the first report may land: no request is expected (the fake
		// client panics on an unexpected one).
		for block in 2..=1 + longevity {
			run_at(block);
		}
		let sent = values(&pool_state.read().transactions);
		assert_eq!(sent.len(), 1 + longevity as usize);
		assert!(sent.iter().all(|v| *v == (0, 1, ReportAnswer::Value(10_000))), "{sent:?}");
		// After that, the sources again: a fresh value.
		expect("101.00");
		run_at(2 + longevity);
		let sent = values(&pool_state.read().transactions);
		assert_eq!(sent.last(), Some(&(0, 1, ReportAnswer::Value(10_100))));
		assert!(state.read().requests.values().all(|r| r.response.is_none() || r.sent));
	});
}

/// Counts the bytes the current thread holds, and their peak, for the memory bound test.
mod counting {
	use std::{
		alloc::{GlobalAlloc, Layout, System},
		cell::Cell,
	};

	thread_local! {
		static LIVE: Cell<isize> = const { Cell::new(0) };
		static PEAK: Cell<isize> = const { Cell::new(0) };
	}

	pub struct Counting;

	fn add(bytes: usize) {
		let _ = LIVE.try_with(|live| {
			let now = live.get().wrapping_add(bytes as isize);
			live.set(now);
			let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
		});
	}

	fn sub(bytes: usize) {
		let _ = LIVE.try_with(|live| live.set(live.get().wrapping_sub(bytes as isize)));
	}

	// SAFETY: every call is passed to the system allocator as it came.
	unsafe impl GlobalAlloc for Counting {
		unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
			let ptr = unsafe { System.alloc(layout) };
			if !ptr.is_null() {
				add(layout.size());
			}
			ptr
		}

		unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
			unsafe { System.dealloc(ptr, layout) };
			sub(layout.size());
		}

		unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
			let new = unsafe { System.realloc(ptr, layout, new_size) };
			if !new.is_null() {
				sub(layout.size());
				add(new_size);
			}
			new
		}
	}

	/// Runs `f`, giving the most bytes this thread held at once meanwhile beyond what it held
	/// before.
	pub fn peak<R>(f: impl FnOnce() -> R) -> (R, usize) {
		let base = LIVE.with(Cell::get);
		PEAK.with(|peak| peak.set(base));
		let result = f();
		let peak = PEAK.with(Cell::get);
		(result, usize::try_from(peak.saturating_sub(base)).unwrap_or(0))
	}
}

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// Every request answered at once with a body of exactly [`MAX_BODY`] bytes that parses.
struct FullBodies {
	body: Vec<u8>,
	read: Vec<usize>,
}

impl Http for FullBodies {
	fn now(&self) -> u64 {
		1_000_000
	}

	fn start(&mut self, _: &str, _: &[(&str, &str)], _: u64) -> Result<HttpRequestId, SourceError> {
		self.read.push(0);
		u16::try_from(self.read.len() - 1)
			.map(HttpRequestId)
			.map_err(|_| SourceError::Start)
	}

	fn wait(&mut self, ids: &[HttpRequestId], _: u64) -> Vec<HttpRequestStatus> {
		ids.iter().map(|_| HttpRequestStatus::Finished(200)).collect()
	}

	fn read(&mut self, id: HttpRequestId, buf: &mut [u8], _: u64) -> Result<u32, HttpError> {
		let offset = self.read.get_mut(id.0 as usize).ok_or(HttpError::Invalid)?;
		let rest = &self.body[*offset..];
		let n = rest.len().min(buf.len());
		buf[..n].copy_from_slice(&rest[..n]);
		*offset += n;
		Ok(n as u32)
	}
}

/// The runtime's largest configuration: 1,000 feeds of 10 sources each, all due at once, with
/// the longest names and URLs, every source answering at once with a body of the full 64 KiB.
/// A run requests the 25 feeds whose 250 sources fit the runtime's `MaxRequestsPerRun` (256)
/// and holds at most 17 MiB at its peak (measured: 16,839,800 bytes, nearly all of it the 250
/// bodies; the 1,000 planned configurations, about 3 MB, are dropped but for the 25 before any
/// body comes), far below the offchain worker's 128 MiB heap. Without the cap it would hold
/// the 10,000 bodies: 625 MiB.
#[test]
fn a_run_at_the_largest_configuration_holds_a_bounded_amount_of_memory() {
	const FEEDS: u32 = 1_000;
	const SOURCES: u32 = 10;
	const MAX_REQUESTS: u32 = 256;
	const BOUND: usize = 17 * 1024 * 1024;
	type Sources = frame_support::traits::ConstU32<SOURCES>;
	let limits = FetchLimits { min_poll: 5, max_requests: MAX_REQUESTS, in_flight: 5, window: 2 };
	let value = b"\"price\":\"100.00\"}";
	let mut body = vec![b'{'];
	body.resize(MAX_BODY - value.len(), b' ');
	body.extend_from_slice(value);
	assert_eq!(body.len(), MAX_BODY);
	let mut http = FullBodies { body, read: Vec::new() };
	let url = |feed: u32, source: u32| {
		let url = format!("https://s{source}.f{feed}.example/");
		format!("{url}{}", "p".repeat(256 - url.len()))
	};
	offchain_ext().execute_with(|| {
		let ((values, waiting), peak) = counting::peak(|| {
			let planned: Vec<Planned<u64, Sources>> = (0..FEEDS)
				.map(|feed_id| {
					let base = feed_config();
					let sources = (0..SOURCES)
						.map(|s| Source {
							name: bounded(&format!("{s:0>32}")),
							url: bounded(&url(feed_id, s)),
							json_path: bounded("price"),
							transform: Transform::default(),
							weight: 1,
							api_key: None,
						})
						.collect();
					let config = FeedConfig {
						name: bounded(&format!("{feed_id:0>32}")),
						decimals: base.decimals,
						sources: frame_support::BoundedVec::truncate_from(sources),
						min_sources: 3,
						max_source_deviation: base.max_source_deviation,
						source_aggregation: base.source_aggregation,
						aggregation: base.aggregation,
						quorum: base.quorum,
						resolution_delay: base.resolution_delay,
						round_timeout: base.round_timeout,
						heartbeat: base.heartbeat,
						deviation_threshold: base.deviation_threshold,
						buffer_len: base.buffer_len,
						min_value: base.min_value,
						max_value: base.max_value,
						max_age: base.max_age,
						commit_reveal: false,
						poll_interval: 0,
					};
					Planned {
						feed_id,
						round_id: 1,
						config,
						reason: Reason::Heartbeat,
						opened_at: 0,
					}
				})
				.collect();
			let (planned, waiting) = schedule(planned, 1_000_000, 1, limits);
			let rules = HostRules { allow_loopback: false };
			(fetch_and_aggregate(&mut http, &planned, 2_000, &rules), waiting)
		});
		assert_eq!(http.read.len(), MAX_REQUESTS as usize - MAX_REQUESTS as usize % 10);
		assert_eq!(values.len(), (MAX_REQUESTS / SOURCES) as usize);
		assert!(values.iter().all(|v| *v == Some(10_000)), "{values:?}");
		assert_eq!(waiting, (FEEDS - MAX_REQUESTS / SOURCES) as usize);
		eprintln!("peak held by a run at the largest configuration: {peak} bytes");
		assert!(peak <= BOUND, "{peak} bytes held, above the {BOUND} bound");
	});
}

/// A value is sent again only for a due round and only under the configuration it was fetched
/// with: a deviation candidate is polled again by its interval, and a feed whose decimals,
/// sources or transforms changed is fetched again, never answered with a value read under the
/// old ones.
#[test]
fn a_value_is_sent_again_only_for_a_due_round_under_the_same_configuration() {
	offchain_ext().execute_with(|| {
		let due = planned(0, 3, Reason::Heartbeat, 0);
		let config = due.config.fingerprint();
		Sent { round_id: 1, value: 7, at: 1, config }.store(0);
		let reasons = |feed: PlannedOf| {
			let (kept, _) = schedule(vec![feed], 1_000_000, 2, LIMITS);
			kept.into_iter().map(|p| p.reason).collect::<Vec<_>>()
		};
		assert_eq!(
			reasons(due),
			vec![Reason::Resend(Sent { round_id: 1, value: 7, at: 1, config })]
		);
		// A candidate: fetched (never polled), not resent.
		let candidate = planned(0, 3, Reason::Deviation { last: 100 }, 0);
		assert_eq!(reasons(candidate), vec![Reason::Deviation { last: 100 }]);
		// The configuration changed since: fetched again.
		let mut changed = planned(0, 3, Reason::Heartbeat, 0);
		changed.config.decimals = 3;
		assert_eq!(reasons(changed), vec![Reason::Heartbeat]);
		// Another round, or too late to land: fetched.
		let mut next = planned(0, 3, Reason::Heartbeat, 0);
		next.round_id = 2;
		assert_eq!(reasons(next), vec![Reason::Heartbeat]);
		let (kept, _) = schedule(vec![planned(0, 3, Reason::OpenRound, 0)], 1_000_000, 7, LIMITS);
		assert_eq!(kept[0].reason, Reason::OpenRound);
	});
}

/// A node whose clock was set back does not stop polling until it catches up: a last poll in
/// its future counts as never, and polling goes on from now.
#[test]
fn a_clock_set_back_does_not_stop_polling() {
	offchain_ext().execute_with(|| {
		let candidate = || vec![planned(0, 3, Reason::Deviation { last: 100 }, 30)];
		Polled(5_000_000).store(0);
		assert_eq!(scheduled(candidate(), 1_000_000), (vec![0], 0));
		assert_eq!(Polled::load(0), Some(Polled(1_000_000)));
		assert_eq!(scheduled(candidate(), 1_029_999), (vec![], 0));
		assert_eq!(scheduled(candidate(), 1_030_000), (vec![0], 0));
	});
}
