//! Offchain worker tests: a fake HTTP client with a simulated clock for concurrency, the
//! deadline and every failure kind; the node's offchain externalities for a whole run.

use crate::{mock::*, offchain::*, types::*};
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
	let (offchain, state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	let mut ext = new_test_ext();
	ext.0.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.0.register_extension(OffchainWorkerExt::new(offchain));
	ext.0.register_extension(TransactionPoolExt::new(pool));
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
			state.expect_request(testing::PendingRequest {
				method: "GET".into(),
				uri: uri.to_string(),
				headers: headers.clone(),
				response: Some(body.as_bytes().to_vec()),
				sent: true,
				..Default::default()
			});
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
	let (offchain, _state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	let mut ext = new_test_ext();
	ext.0.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.0.register_extension(OffchainWorkerExt::new(offchain));
	ext.0.register_extension(TransactionPoolExt::new(pool));
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
	let (offchain, state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	let mut ext = new_test_ext();
	ext.0.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.0.register_extension(OffchainWorkerExt::new(offchain));
	ext.0.register_extension(TransactionPoolExt::new(pool));
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
			state.expect_request(testing::PendingRequest {
				method: "GET".into(),
				uri: uri.to_string(),
				response: Some(body.as_bytes().to_vec()),
				sent: true,
				..Default::default()
			});
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
		// Everyone committed: reveals open at block 2.
		next_block();
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
		crate::offchain::run::<Test>(2);
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
		let longevity = u64::from(<<Test as crate::Config>::ReportLongevity as Get<u32>>::get());
		let pending = PendingCommit { round_id: 1, value: 100, salt: salt(1), at: 1 };
		pending.store(0);
		assert_eq!(reasons(1 + longevity), vec![(0, Reason::Recommit(pending))]);
		assert_eq!(reasons(2 + longevity), vec![(0, Reason::Heartbeat)]);
		// On chain (the same value and salt), while commitments are collected: nothing to do.
		frame_support::assert_ok!(submit_answers(1, &[(0, 1, commit(1, 0, 1, 100))]));
		next_block();
		assert_eq!(reasons(2), vec![]);
		// Operators 2 and 3 did not commit: reveals open at 4, the end of the window.
		run_to(4);
		assert_eq!(reasons(4), vec![(0, Reason::Reveal(pending))]);
		// A secret that does not open the commitment on chain (another node with the same key
		// made it) is not revealed: it would be refused.
		PendingCommit { value: 101, ..pending }.store(0);
		assert_eq!(reasons(4), vec![]);
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
	let (offchain, state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	let mut ext = new_test_ext();
	ext.0.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.0.register_extension(OffchainWorkerExt::new(offchain));
	ext.0.register_extension(TransactionPoolExt::new(pool));
	{
		let mut state = state.write();
		for (uri, body) in [
			("http://127.0.0.1:8080/binance", "{\"price\":\"100.00\"}"),
			("http://127.0.0.1:8080/coinbase", "{\"data\":{\"amount\":\"100.02\"}}"),
		] {
			state.expect_request(testing::PendingRequest {
				method: "GET".into(),
				uri: uri.to_string(),
				response: Some(body.as_bytes().to_vec()),
				sent: true,
				..Default::default()
			});
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
