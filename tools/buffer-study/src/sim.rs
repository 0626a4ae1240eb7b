//! One run: a feed with one setting, a federation of operators with given behaviours, a
//! market, block by block through the pallets.
//!
//! Each block `n`: the aggregation pallet's `on_initialize` closes due rounds (and hands them
//! to the SLA pallet); the reports the operators' offchain workers made at `n - 1` (later for
//! a slow operator) are dispatched as `submit` calls; a reader looks at the feed; then every
//! online operator runs what its offchain worker runs: [`offchain::plan`] on the chain state,
//! the venues' bodies through [`offchain::feed_value`] (parsing, outlier rejection,
//! `min_sources`, source aggregation) and [`offchain::worth_reporting`] (the deviation gate).

use crate::{
	market::{self, Market, BLOCKS_PER_HOUR, BLOCK_SECONDS, VENUES},
	runtime::{self, OracleAggregation, OracleSla, RuntimeEvent, RuntimeOrigin, Sim, System},
};
use frame_support::{
	traits::{Hooks, OneSessionHandler},
	weights::Weight,
	BoundedVec,
};
use pallet_oracle_aggregation::{
	feed_config::{FeedConfig, Source, SourceAggregation, Transform},
	offchain,
	types::{Aggregation, Report, ReportAnswer, ReportValue, Value},
	weights::WeightInfo as _,
};
use pallet_oracle_sla::types::{Deviation, OffenceClass};
use sp_core::offchain::testing::TestPersistentOffchainDB;
use sp_runtime::{testing::UintAuthorityId, Permill, RuntimeAppPublic};
use std::collections::BTreeMap;

/// Decimals of the simulated feed (as the presets').
pub const DECIMALS: u8 = 8;
/// Blocks at the start of a run left out of the error statistics.
pub const WARM_UP: usize = 100;

/// How an operator behaves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Behaviour {
	/// Fetches at every block and reports what its sources say.
	Honest,
	/// Sees the venues `data` blocks late and its reports land `inclusion` blocks late.
	Lagging {
		/// Age of what it fetches, in blocks.
		data: usize,
		/// Extra blocks before its report is included.
		inclusion: usize,
	},
	/// Honest, but offline for long spells (a fifth of the time).
	Flaky,
	/// A modified node that reports every round it can, 3–8 % above its sources, skipping the
	/// deviation gate; all liars push the same way.
	Liar,
}

/// A federation of operators.
#[derive(Clone, Debug)]
pub struct Scenario {
	/// Short name used in tables.
	pub name: &'static str,
	/// Operator `i` (account `i + 1`) behaves as `operators[i]`.
	pub operators: Vec<Behaviour>,
}

/// The feed parameters under study (the rest is fixed: six sources, median of at least
/// three, a 1 % source-outlier cut, a resolution delay of 2 blocks and a timeout of 10).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Setting {
	/// How the chain combines the operators' values.
	pub aggregation: Aggregation,
	/// Whether readers use the buffer's running mean instead of the round's value.
	pub running_mean: bool,
	/// Blocks between rounds at most.
	pub heartbeat: u64,
	/// A move that starts a round early.
	pub deviation_threshold: Permill,
	/// Rounds in the buffer.
	pub buffer_len: u32,
	/// Values that resolve a round.
	pub quorum: u32,
	/// Whether operators commit to their values first and reveal them once the commit phase
	/// has closed.
	pub commit_reveal: bool,
}

impl Setting {
	/// What readers are told is too old: two heartbeats.
	pub fn max_age(&self) -> u64 {
		self.heartbeat.saturating_mul(2)
	}

	/// The feed configuration.
	pub fn config(&self) -> FeedConfig<u64, frame_support::traits::ConstU32<10>> {
		let sources: Vec<Source> = VENUES
			.iter()
			.map(|venue| Source {
				name: bounded(venue.name),
				url: bounded(&format!("http://venues.invalid/{}", venue.name)),
				json_path: bounded(venue.json_path),
				transform: Transform { shift: 0, invert: false },
				weight: 1,
				api_key: None,
			})
			.collect();
		FeedConfig {
			name: bounded("BTC/USD"),
			decimals: DECIMALS,
			sources: BoundedVec::truncate_from(sources),
			min_sources: 3,
			max_source_deviation: Permill::from_percent(1),
			source_aggregation: SourceAggregation::Median,
			aggregation: self.aggregation,
			quorum: self.quorum,
			resolution_delay: 2,
			round_timeout: 10,
			heartbeat: self.heartbeat,
			deviation_threshold: self.deviation_threshold,
			buffer_len: self.buffer_len,
			min_value: 1,
			max_value: i128::MAX / 1_000,
			max_age: self.max_age(),
			commit_reveal: self.commit_reveal,
			poll_interval: 0,
		}
	}
}

fn bounded<S: frame_support::traits::Get<u32>>(text: &str) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(text.as_bytes().to_vec())
}

/// What a run measured.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
	/// Median of |read − true| / true at every block, in basis points.
	pub error_p50: f64,
	/// Its 99th percentile.
	pub error_p99: f64,
	/// Its maximum.
	pub error_max: f64,
	/// Median age of the value read, in seconds.
	pub age_p50: f64,
	/// 99th percentile of the age, in seconds.
	pub age_p99: f64,
	/// Share of blocks at which `fresh_round` refuses (stale, timed out, no value).
	pub unfresh: f64,
	/// Rounds resolved per hour.
	pub resolved_per_hour: f64,
	/// Rounds timed out per hour.
	pub timed_out_per_hour: f64,
	/// Resolved rounds further than the SLA tolerance (1 %) from the true price, per hour.
	pub corrupted_per_hour: f64,
	/// Report transactions included per hour.
	pub tx_per_hour: f64,
	/// Report transactions refused per hour (stale round, already answered...).
	pub refused_per_hour: f64,
	/// Reference time of the reports and of the round checks (with the SLA's work), in ms per
	/// hour, priced by the pallets' generated weights.
	pub weight_ms_per_hour: f64,
	/// Proof size of the same, in kB per hour.
	pub proof_kb_per_hour: f64,
	/// Deviation offences reported against liars.
	pub liar_offences: u64,
	/// Deviation offences reported against the lagging operator (honest, but late).
	pub lagging_offences: u64,
	/// Deviation offences reported against the other honest operators.
	pub honest_offences: u64,
	/// Unavailability offences reported at session ends.
	pub unavailability_offences: u64,
	/// Era points earned.
	pub points: u64,
}

/// The `q`-quantile of sorted `values`.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
	if sorted.is_empty() {
		return 0.0;
	}
	let rank = ((sorted.len() - 1) as f64 * q).round() as usize;
	sorted[rank.min(sorted.len() - 1)]
}

fn to_price(value: Value) -> f64 {
	value as f64 / 10f64.powi(i32::from(DECIMALS))
}

/// The liars' markup at block `n`: 3–8 %, the same for every liar, in parts per million.
fn markup(seed: u64, n: usize) -> i128 {
	30_000 + (market::uniform(&[seed, n as u64, 0x11A2]) * 50_000.0) as i128
}

/// Whether a flaky operator is offline at `n`: offline spells start once in 1,600 blocks and
/// last 400 blocks on average (a fifth of the time).
fn offline_spells(seed: u64, operator: u64, blocks: usize) -> Vec<bool> {
	let mut offline = vec![false; blocks + 2];
	let mut left = 0usize;
	for (n, slot) in offline.iter_mut().enumerate() {
		if left == 0 && market::uniform(&[seed, operator, n as u64, 0x0FF]) < 1.0 / 1_600.0 {
			left = 1 + (-400.0 * market::uniform(&[seed, operator, n as u64, 0x1E]).ln()) as usize;
		}
		if left > 0 {
			left -= 1;
			*slot = true;
		}
	}
	offline
}

/// One value read by an integrator at a block, for the time-series plots.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
	/// Block.
	pub block: usize,
	/// True price.
	pub truth: f64,
	/// What the feed said.
	pub read: Option<f64>,
}

/// What operator `account`'s offchain worker reports at block `n`: the planned feeds'
/// values from the venues (liars' marked up, past the deviation gate); for a commit–reveal
/// feed, through the pallet's own [`offchain::report_entry`]: commitments whose secrets it
/// keeps in the node's offchain storage, and their reveals.
fn worker(
	market: &Market,
	setting: &Setting,
	account: u64,
	behaviour: Behaviour,
	n: usize,
	genesis: &<Sim as frame_system::Config>::Hash,
) -> Vec<ReportValue> {
	let planned = offchain::plan::<Sim>(&account, n as u64);
	let data_at = match behaviour {
		Behaviour::Lagging { data, .. } => n.saturating_sub(data),
		_ => n,
	};
	let liar = behaviour == Behaviour::Liar;
	planned
		.into_iter()
		.filter_map(|mut feed| {
			let value = if feed.reason.fetches() {
				let bodies: Vec<_> =
					(0..VENUES.len()).map(|venue| market.body(data_at, account, venue)).collect();
				let value = offchain::feed_value(&feed.config, &bodies).0?;
				Some(if liar {
					value.saturating_add(value.saturating_mul(markup(market.seed, n)) / 1_000_000)
				} else {
					value
				})
			} else {
				None
			};
			if setting.commit_reveal {
				// A liar commits whenever it can, past the deviation gate.
				if liar && matches!(feed.reason, offchain::Reason::Deviation { .. }) {
					feed.reason = offchain::Reason::Heartbeat;
				}
				return offchain::report_entry(&feed, value, genesis, &account, n as u64);
			}
			let value = value?;
			(liar || offchain::worth_reporting(&feed, value)).then_some(ReportValue {
				feed_id: feed.feed_id,
				round_id: feed.round_id,
				answer: ReportAnswer::Value(value),
			})
		})
		.collect()
}

/// Runs `setting` for `scenario` over `market`; with `trace`, also returns what was read at
/// every block.
pub fn run(
	market: &Market,
	scenario: &Scenario,
	setting: &Setting,
	trace: bool,
) -> (Metrics, Vec<Sample>) {
	runtime::with_nodes(|node| simulate(market, scenario, setting, trace, node))
}

fn simulate(
	market: &Market,
	scenario: &Scenario,
	setting: &Setting,
	trace: bool,
	node: runtime::Node,
) -> (Metrics, Vec<Sample>) {
	let blocks = market.blocks();
	let seed = market.seed;
	let operators: Vec<(u64, UintAuthorityId)> = (1..=scenario.operators.len() as u64)
		.map(|account| (account, UintAuthorityId(100 + account)))
		.collect();
	System::set_block_number(1);
	let handed = || operators.iter().map(|(account, key)| (account, key.clone()));
	OracleAggregation::on_new_session(true, handed(), handed());
	OracleAggregation::create_feed(RuntimeOrigin::root(), setting.config())
		.expect("the studied settings are valid feed configurations; qed");
	let offline: Vec<Vec<bool>> = scenario
		.operators
		.iter()
		.zip(1u64..)
		.map(|(behaviour, account)| match behaviour {
			Behaviour::Flaky => offline_spells(seed, account, blocks),
			_ => vec![false; blocks + 2],
		})
		.collect();

	// Each operator's own node: its persistent offchain storage and random seed.
	let mut nodes: Vec<(TestPersistentOffchainDB, [u8; 32])> = (0u8..)
		.take(operators.len())
		.map(|index| (TestPersistentOffchainDB::new(), [index; 32]))
		.collect();
	let genesis = System::block_hash(0);

	let mut queue: BTreeMap<usize, Vec<(crate::ReportOf, crate::SignatureOf)>> = BTreeMap::new();
	let mut weight = Weight::zero();
	let (mut tx, mut refused) = (0u64, 0u64);
	let (mut resolved, mut timed_out, mut corrupted) = (0u64, 0u64, 0u64);
	let mut errors = Vec::with_capacity(blocks);
	let mut ages = Vec::with_capacity(blocks);
	let mut unfresh = 0u64;
	let mut samples = Vec::new();
	let mut session = 0u32;

	for n in 2..=blocks {
		System::set_block_number(n as u64);
		weight = weight.saturating_add(OracleAggregation::on_initialize(n as u64));
		pallet_timestamp::Now::<Sim>::put(n as u64 * BLOCK_SECONDS * 1_000);
		for (report, signature) in queue.remove(&n).unwrap_or_default() {
			let values = report.values.len() as u32;
			match OracleAggregation::submit(RuntimeOrigin::none(), report, signature) {
				Ok(()) => {
					tx += 1;
					weight = weight.saturating_add(
						pallet_oracle_aggregation::weights::SubstrateWeight::<Sim>::submit(values),
					);
				},
				Err(_) => refused += 1,
			}
		}
		for record in System::events() {
			match record.event {
				RuntimeEvent::OracleAggregation(
					pallet_oracle_aggregation::Event::RoundResolved { value, .. },
				) => {
					resolved += 1;
					let truth = market.truth(n);
					if (to_price(value) - truth).abs() / truth > 0.01 {
						corrupted += 1;
					}
				},
				RuntimeEvent::OracleAggregation(
					pallet_oracle_aggregation::Event::RoundTimedOut { .. },
				) => timed_out += 1,
				_ => {},
			}
		}
		System::reset_events();

		// What an integrator reads now.
		let round = OracleAggregation::latest_round(0).filter(|round| round.answered_in_round > 0);
		let read = round.as_ref().map(|round| {
			to_price(if setting.running_mean { round.running_mean } else { round.value })
		});
		if n >= WARM_UP {
			let truth = market.truth(n);
			if let (Some(read), Some(round)) = (read, round.as_ref()) {
				errors.push((read - truth).abs() / truth * 10_000.0);
				ages.push(((n as u64).saturating_sub(round.updated_at) * BLOCK_SECONDS) as f64);
			}
			if OracleAggregation::fresh_round(0).is_err() {
				unfresh += 1;
			}
		}
		if trace {
			samples.push(Sample { block: n, truth: market.truth(n), read });
		}

		if n % BLOCKS_PER_HOUR == 0 {
			weight = weight.saturating_add(OracleSla::end_session(session));
			session += 1;
			runtime::set_session(session);
		}

		// The operators' offchain workers at `n`.
		for ((((account, key), behaviour), offline), own) in
			operators.iter().zip(&scenario.operators).zip(&offline).zip(nodes.iter_mut())
		{
			if offline.get(n).copied().unwrap_or(false) {
				continue;
			}
			// This operator's node: its offchain storage and seed in the host functions, then
			// its storage back to it.
			node(&mut own.0, own.1);
			let values = worker(market, setting, *account, *behaviour, n, &genesis);
			node(&mut own.0, own.1);
			let land_at = match behaviour {
				Behaviour::Lagging { inclusion, .. } => n + 1 + inclusion,
				_ => n + 1,
			};
			if values.is_empty() {
				continue;
			}
			let report = Report {
				key: key.clone(),
				at: n as u64,
				values: BoundedVec::truncate_from(values),
			};
			let signature = key
				.sign(&OracleAggregation::report_payload(&report))
				.expect("a test key signs anything; qed");
			queue.entry(land_at).or_default().push((report, signature));
		}
	}

	let (mut liar_offences, mut lagging_offences, mut honest_offences) = (0, 0, 0);
	let mut unavailability_offences = 0;
	for offence in runtime::take_offences() {
		if offence.kind != <Deviation as OffenceClass>::ID {
			unavailability_offences += 1;
			continue;
		}
		match scenario.operators.get(offence.offender as usize - 1) {
			Some(Behaviour::Liar) => liar_offences += 1,
			Some(Behaviour::Lagging { .. }) => lagging_offences += 1,
			_ => honest_offences += 1,
		}
	}
	errors.sort_by(f64::total_cmp);
	ages.sort_by(f64::total_cmp);
	let hours = (blocks - 1) as f64 / BLOCKS_PER_HOUR as f64;
	let observed = blocks.saturating_sub(WARM_UP).max(1) as f64;
	let metrics = Metrics {
		error_p50: quantile(&errors, 0.5),
		error_p99: quantile(&errors, 0.99),
		error_max: errors.last().copied().unwrap_or(0.0),
		age_p50: quantile(&ages, 0.5),
		age_p99: quantile(&ages, 0.99),
		unfresh: unfresh as f64 / observed,
		resolved_per_hour: resolved as f64 / hours,
		timed_out_per_hour: timed_out as f64 / hours,
		corrupted_per_hour: corrupted as f64 / hours,
		tx_per_hour: tx as f64 / hours,
		refused_per_hour: refused as f64 / hours,
		weight_ms_per_hour: weight.ref_time() as f64 / 1e9 / hours,
		proof_kb_per_hour: weight.proof_size() as f64 / 1e3 / hours,
		liar_offences,
		lagging_offences,
		honest_offences,
		unavailability_offences,
		points: runtime::points(),
	};
	OracleAggregation::do_try_state().expect("the aggregation pallet's invariants hold");
	OracleSla::do_try_state().expect("the SLA pallet's invariants hold");
	(metrics, samples)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::study::{baseline, scenarios};

	fn market(hours: usize) -> Market {
		Market::new(market::regime_walk(7, hours * BLOCKS_PER_HOUR, 64_000.0), 7)
	}

	#[test]
	fn runs_are_reproducible() {
		let market = market(1);
		let scenario = &scenarios()[0];
		let setting = Setting { heartbeat: 10, ..baseline() };
		let first = run(&market, scenario, &setting, false).0;
		let second = run(&market, scenario, &setting, false).0;
		assert_eq!(first, second);
		assert!(first.resolved_per_hour > 10.0, "{first:?}");
	}

	#[test]
	fn honest_federation_tracks_the_price_and_no_on_time_operator_is_reported() {
		let (metrics, samples) = run(&market(2), &scenarios()[0], &baseline(), true);
		assert!(metrics.error_p50 < 20.0, "{metrics:?}");
		assert_eq!(metrics.honest_offences, 0, "{metrics:?}");
		assert_eq!(metrics.liar_offences, 0, "{metrics:?}");
		assert!(metrics.tx_per_hour > 0.0 && metrics.weight_ms_per_hour > 0.0);
		assert!(samples.iter().any(|s| s.read.is_some()));
	}

	/// Two liars of seven. A feed quorum of one once let them decide rounds (about 100 an
	/// hour); the chain now demands `2f + 1` answers within a window open to all, so whatever
	/// the feed's quorum they decide none, and only they are reported.
	#[test]
	fn two_liars_decide_no_round_whatever_the_feed_quorum() {
		let market = market(2);
		let liars = &scenarios()[1];
		for quorum in [1, 3] {
			let metrics = run(&market, liars, &Setting { quorum, ..baseline() }, false).0;
			assert!(metrics.corrupted_per_hour < 1.0, "quorum {quorum}: {metrics:?}");
			assert!(metrics.liar_offences > 0, "quorum {quorum}: {metrics:?}");
			assert_eq!(metrics.honest_offences, 0, "quorum {quorum}: {metrics:?}");
		}
	}

	/// A `Mean` feed under the same liars is trimmed by `f` at each end: the liars no longer
	/// pull it (the plain mean's median error was over ten times the median's) and no honest
	/// operator is reported.
	#[test]
	fn a_trimmed_mean_feed_is_as_sound_as_the_median() {
		let market = market(2);
		let liars = &scenarios()[1];
		let setting = Setting { quorum: 3, ..baseline() };
		let median = run(&market, liars, &setting, false).0;
		let mean =
			run(&market, liars, &Setting { aggregation: Aggregation::Mean, ..setting }, false).0;
		assert!(mean.error_p50 < 2.0 * median.error_p50 + 1.0, "{mean:?} {median:?}");
		assert!(mean.corrupted_per_hour < 1.0, "{mean:?}");
		assert_eq!(mean.honest_offences, 0, "{mean:?}");
	}

	/// Commit–reveal: the same liars commit to their lies blind and reveal them; every
	/// operator keeps its secrets in its own node's offchain storage and reveals through the
	/// pallet's own worker code. The feed still tracks the price, the liars decide no round
	/// and only they are reported; an honest federation pays about two transactions per answer.
	#[test]
	fn with_commit_reveal_rounds_resolve_from_reveals_at_twice_the_transactions() {
		let market = market(2);
		let hidden = Setting { commit_reveal: true, ..baseline() };
		let (liars, honest) = (&scenarios()[1], &scenarios()[0]);
		let plain = run(&market, liars, &baseline(), false).0;
		let lying = run(&market, liars, &hidden, false).0;
		assert!(lying.resolved_per_hour > 0.8 * plain.resolved_per_hour, "{lying:?} {plain:?}");
		assert!(lying.error_p50 < 20.0, "{lying:?}");
		assert!(lying.corrupted_per_hour < 1.0, "{lying:?}");
		assert!(lying.liar_offences > 0, "{lying:?}");
		assert_eq!(lying.honest_offences, 0, "{lying:?}");
		let plain = run(&market, honest, &baseline(), false).0;
		let hidden = run(&market, honest, &hidden, false).0;
		assert_eq!(hidden.honest_offences + hidden.lagging_offences, 0, "{hidden:?}");
		assert!(hidden.tx_per_hour > 1.5 * plain.tx_per_hour, "{hidden:?} {plain:?}");
		assert!(hidden.tx_per_hour < 2.5 * plain.tx_per_hour, "{hidden:?} {plain:?}");
	}
}
