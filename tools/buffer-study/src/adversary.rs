//! An adaptive adversary against the round protocol, in the simulated chain with both pallets'
//! real code: signed reports through `submit`, round opening, answer windows, quorum and
//! resolution in `on_initialize`, and the SLA pallet's judgement and offences.
//!
//! Every round, `f = ⌊(n − 1) / 3⌋` of `n` operators (4 to 31) lie. Each liar picks its value
//! (a bound, a multiple of the price, just beyond or just within the tolerance, out of bounds,
//! or a copy of the honest answers it can see) and its timing (first, before the round is open
//! to the others; with the others; last, in the window's final block; never). Honest operators
//! answer within a third of the tolerance of the true price, one of them first, most as soon as
//! the round is open to them, some a block later, a few not at all.
//!
//! What must hold in every round: a resolved value lies within the honest answers (median and
//! trimmed-mean feeds alike); no honest operator is reported; every liar whose answer landed
//! beyond the tolerance of the round's reference in a resolved round is reported; the SLA
//! record's counters add up.

use crate::runtime::{self, OracleAggregation, OracleSla, RuntimeOrigin, Sim, System};
use frame_support::{
	traits::{Hooks, OneSessionHandler},
	BoundedVec,
};
use pallet_oracle_aggregation::{
	aggregate,
	types::{
		Aggregation, FeedConfig, FeedId, Report, ReportValue, RoundId, Source, SourceAggregation,
		Transform, Value,
	},
	Submissions,
};
use pallet_oracle_sla::types::{beyond_tolerance, Deviation, OffenceClass};
use sp_runtime::{testing::UintAuthorityId, BuildStorage, Permill, RuntimeAppPublic};
use std::collections::BTreeSet;

/// A seeded generator (xorshift64*), so that every failure is reproducible.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}

	fn below(&mut self, n: u64) -> u64 {
		self.next() % n.max(1)
	}

	fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}
}

const MAX_VALUE: Value = 1_000_000_000_000_000;
const TOLERANCE: Permill = Permill::from_percent(1);

/// A feed every answer opens a round of (heartbeat 1), with an answer window of 2 blocks.
fn feed(aggregation: Aggregation) -> FeedConfig<u64, frame_support::traits::ConstU32<10>> {
	fn text<S: frame_support::traits::Get<u32>>(s: &str) -> BoundedVec<u8, S> {
		BoundedVec::truncate_from(s.as_bytes().to_vec())
	}
	FeedConfig {
		name: text("ADV/USD"),
		decimals: 2,
		sources: BoundedVec::truncate_from(vec![Source {
			name: text("venue"),
			url: text("https://venue.example/price"),
			json_path: text("price"),
			transform: Transform::default(),
			weight: 1,
			api_key: None,
		}]),
		min_sources: 1,
		max_source_deviation: Permill::from_percent(5),
		source_aggregation: SourceAggregation::Median,
		aggregation,
		quorum: 1,
		resolution_delay: 2,
		round_timeout: 6,
		heartbeat: 1,
		deviation_threshold: Permill::from_percent(1),
		buffer_len: 4,
		min_value: 1,
		max_value: MAX_VALUE,
		max_age: 100,
	}
}

/// When an operator's answer lands, relative to the block `start` of the round's first answer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Timing {
	/// In `start`, before the round is open to the others.
	First,
	/// In `start + 1`, the block the round opens to everyone.
	Opened,
	/// In `start + 2`, the window's last block.
	Last,
	/// Not at all.
	Never,
}

/// What a liar answers.
fn lie(rng: &mut Rng, truth: Value, visible: &[Value]) -> Value {
	let percent = |p: i128| truth.saturating_mul(p) / 100;
	match rng.below(8) {
		0 => 1,
		1 => MAX_VALUE,
		2 => MAX_VALUE.saturating_add(1),
		3 => truth.saturating_mul(i128::from(rng.below(4))),
		// Just beyond the tolerance, either side.
		4 => truth + percent(2) * if rng.chance(50) { 1 } else { -1 },
		// Just within it.
		5 => truth + truth / 200,
		// A copy of what the honest answered so far (freeloading), if anything is visible.
		6 => {
			let mut seen = visible.to_vec();
			aggregate::median(&mut seen).unwrap_or(truth)
		},
		_ => i128::from(rng.below(MAX_VALUE as u64)),
	}
}

/// Runs `rounds` rounds from `seed`; returns (resolved rounds, liars reported).
fn adversarial_rounds(seed: u64, rounds: u32) -> (u32, u32) {
	runtime::reset();
	let storage = frame_system::GenesisConfig::<Sim>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		let mut rng = Rng(seed);
		let mut block = 1u64;
		System::set_block_number(block);
		for aggregation in [Aggregation::Median, Aggregation::Mean] {
			OracleAggregation::create_feed(RuntimeOrigin::root(), feed(aggregation)).unwrap();
		}
		let (mut resolved, mut reported) = (0u32, 0u32);
		let mut n = 0usize;
		for round_index in 0..rounds {
			// A new federation every 25 rounds.
			if round_index % 25 == 0 {
				n = 4 + rng.below(28) as usize;
				let set: Vec<(u64, UintAuthorityId)> =
					(1..=n as u64).map(|a| (a, UintAuthorityId(100 + a))).collect();
				let handed = || set.iter().map(|(a, k)| (a, k.clone()));
				OracleAggregation::on_new_session(true, handed(), handed());
			}
			let faults = (n - 1) / 3;
			let feed_id: FeedId = round_index % 2;
			let round_id: RoundId = OracleAggregation::state(feed_id).unwrap().latest_round + 1;
			// The adversary corrupts `f` operators of its choice this round.
			let mut liars = BTreeSet::new();
			while liars.len() < faults {
				liars.insert(1 + rng.below(n as u64));
			}
			let truth: Value = 10_000 + i128::from(rng.below(1_000_000_000_000));
			let spread = TOLERANCE.mul_floor(truth.unsigned_abs()) as i128 / 3;
			let opener = (1..=n as u64).find(|o| !liars.contains(o)).unwrap();
			let mut plan: Vec<(u64, Timing, Option<Value>)> = Vec::new();
			for operator in 1..=n as u64 {
				if liars.contains(&operator) {
					let timing = match rng.below(4) {
						0 => Timing::First,
						1 => Timing::Opened,
						2 => Timing::Last,
						_ => Timing::Never,
					};
					plan.push((operator, timing, None));
				} else {
					let value = truth + i128::from(rng.below(2 * spread as u64 + 1)) - spread;
					let timing = if operator == opener {
						Timing::First
					} else if rng.chance(3) {
						Timing::Never
					} else if rng.chance(20) {
						Timing::Last
					} else {
						Timing::Opened
					};
					plan.push((operator, timing, Some(value)));
				}
			}

			let start = block;
			let mut landed: Vec<(u64, Value)> = Vec::new();
			for timing in [Timing::First, Timing::Opened, Timing::Last] {
				// What the honest have answered so far, as a liar reads it from storage.
				let visible: Vec<Value> =
					landed.iter().filter(|(o, _)| !liars.contains(o)).map(|(_, v)| *v).collect();
				for (operator, when, value) in &plan {
					if *when != timing {
						continue;
					}
					let value = value.unwrap_or_else(|| lie(&mut rng, truth, &visible));
					let report = Report {
						key: UintAuthorityId(100 + operator),
						at: block,
						values: BoundedVec::truncate_from(vec![ReportValue {
							feed_id,
							round_id,
							value,
						}]),
					};
					let signature =
						report.key.sign(&OracleAggregation::report_payload(&report)).unwrap();
					// Refused only once the round has closed (everyone else answered).
					if OracleAggregation::submit(RuntimeOrigin::none(), report, signature).is_ok() {
						landed.push((*operator, value));
					}
				}
				block += 1;
				System::set_block_number(block);
				OracleAggregation::on_initialize(block);
				pallet_timestamp::Now::<Sim>::put(block * 6_000);
			}
			// The window (2 blocks from the opening at start + 1) ends at start + 3; a round
			// without quorum waits for its timeout.
			while OracleAggregation::state(feed_id).unwrap().latest_round < round_id {
				block += 1;
				assert!(block <= start + 10, "round {round_id} of feed {feed_id} never closed");
				System::set_block_number(block);
				OracleAggregation::on_initialize(block);
				pallet_timestamp::Now::<Sim>::put(block * 6_000);
			}
			assert!(Submissions::<Sim>::iter().next().is_none(), "answers left behind");

			let honest: Vec<Value> =
				landed.iter().filter(|(o, _)| !liars.contains(o)).map(|(_, v)| *v).collect();
			let in_bounds: Vec<Value> =
				landed.iter().map(|(_, v)| *v).filter(|v| (1..=MAX_VALUE).contains(v)).collect();
			let round = OracleAggregation::latest_round(feed_id).unwrap();
			let record = pallet_oracle_sla::Records::<Sim>::get(feed_id, round_id).unwrap();
			let offenders: BTreeSet<u64> = runtime::take_offences()
				.into_iter()
				.inspect(|o| assert_eq!(o.kind, Deviation::ID))
				.map(|o| o.offender)
				.collect();
			let context = format!("seed {seed} round {round_index}: n {n}, liars {liars:?}");
			assert!(offenders.is_subset(&liars), "{context}: honest reported {offenders:?}");
			assert_eq!(record.expected as usize, n, "{context}");
			assert_eq!(record.submitted as usize, landed.len(), "{context}");
			assert_eq!(record.missing.len(), n - landed.len(), "{context}");
			if round.resolved() {
				resolved += 1;
				let (low, high) = (*honest.iter().min().unwrap(), *honest.iter().max().unwrap());
				assert!(
					low <= round.value && round.value <= high,
					"{context}: {} outside the honest [{low}, {high}]",
					round.value
				);
				assert!(in_bounds.len() >= 2 * faults + 1, "{context}: resolved without 2f + 1");
				let reference = aggregate::median(&mut in_bounds.clone()).unwrap();
				let beyond: BTreeSet<u64> = landed
					.iter()
					.filter(|(_, v)| {
						!(1..=MAX_VALUE).contains(v)
							|| beyond_tolerance(*v, reference, TOLERANCE, 0)
					})
					.map(|(o, _)| *o)
					.collect();
				assert_eq!(offenders, beyond, "{context}: reported");
				assert_eq!(
					record.accepted as usize + record.out_of_tolerance.len(),
					landed.len(),
					"{context}"
				);
				reported += offenders.len() as u32;
			} else {
				assert!(offenders.is_empty(), "{context}: reported in a round without value");
				assert!(in_bounds.len() < 2 * faults + 1, "{context}: quorum met, no value");
			}
			if round_index % 1_000 == 999 {
				OracleAggregation::do_try_state().unwrap();
				OracleSla::do_try_state().unwrap();
			}
			System::reset_events();
		}
		(resolved, reported)
	})
}

/// 100,000 rounds in four seeded runs of 25,000 (two at a time on two cores).
#[test]
fn adaptive_liars_steer_no_round_and_get_no_honest_operator_reported_a() {
	let (resolved, reported) = adversarial_rounds(0x5eed_0001, 25_000);
	assert!(resolved > 20_000 && reported > 5_000, "{resolved} resolved, {reported} reported");
}

#[test]
fn adaptive_liars_steer_no_round_and_get_no_honest_operator_reported_b() {
	let (resolved, reported) = adversarial_rounds(0x5eed_0002, 25_000);
	assert!(resolved > 20_000 && reported > 5_000, "{resolved} resolved, {reported} reported");
}

#[test]
fn adaptive_liars_steer_no_round_and_get_no_honest_operator_reported_c() {
	let (resolved, reported) = adversarial_rounds(0x5eed_0003, 25_000);
	assert!(resolved > 20_000 && reported > 5_000, "{resolved} resolved, {reported} reported");
}

#[test]
fn adaptive_liars_steer_no_round_and_get_no_honest_operator_reported_d() {
	let (resolved, reported) = adversarial_rounds(0x5eed_0004, 25_000);
	assert!(resolved > 20_000 && reported > 5_000, "{resolved} resolved, {reported} reported");
}
