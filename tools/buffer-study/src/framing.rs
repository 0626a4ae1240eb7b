//! Colluders against the honest operators' standing, in the simulated chain with both pallets'
//! real code and the honest operators' real offchain planning.
//!
//! A federation of 4 to 31 operators, `f = ⌊(n − 1) / 3⌋` of them colluding (fewer at times),
//! runs a plain median feed and a commit–reveal feed for thousands of blocks through session
//! changes, which reorder the authors and at times let an honest operator sit a session out.
//! Blocks are authored in turn, as Aura's slots name them: a colluder's block carries the
//! colluders' reports and leaves out honest ones (all of them, one chosen operator's, or all
//! but the fewest that keep a round going). Honest workers read a block only after importing
//! it ([`offchain::plan`], then [`offchain::report_entry`] with each node's own offchain
//! storage), so their reports land one block later at the earliest, and stay in the pool
//! until a block takes them or the chain no longer would; their nodes restart at times (one to
//! 16 blocks without a worker, once in 2,000 blocks a node: a minute and a half at most). The market drifts, and in fast spells (4 to 20 blocks) moves
//! 0.1 to 0.35 % a block one way, so honest answers fetched a few blocks apart (censored ones
//! wait in the pool) spread beyond the 1 % tolerance; each venue disagrees with the truth by up
//! to a quarter of it.
//!
//! Colluders choose, round by round: when to answer (before the round is due, in the first
//! block it is open, in the last block of its window, never), what (a copy of the highest or
//! lowest honest answer they can see, just within the tolerance beyond it, far away, out of
//! the feed's bounds, the stale last value), when to commit and whether to reveal.
//!
//! What must hold: no honest operator is ever missing, late, out of tolerance or reported for
//! an offence of any kind, across session ends (but in the rounds a restart of its node
//! overlapped, which are counted); at least 99 % of the rounds resolve although the colluders
//! stay silent and censor; a resolved value of the plain feed lies within the honest answers it
//! counted; both pallets' `try_state` hold every 1,000 blocks.

use crate::{
	adversary::{self, Rng},
	runtime::{self, OracleAggregation, OracleSla, RuntimeEvent, RuntimeOrigin, Sim, System},
};
use frame_support::{
	traits::{FindAuthor, Hooks, OneSessionHandler},
	BoundedVec,
};
use pallet_oracle_aggregation::{
	commit_reveal::commitment,
	feed_config::FeedConfig,
	offchain,
	types::{Aggregation, FeedId, Report, ReportAnswer, ReportValue, RoundId, Value},
	Graces, OperatorsInTurn, Submissions,
};
use pallet_oracle_sla::types::{Deviation, OffenceClass};
use sp_core::offchain::testing::TestPersistentOffchainDB;
use sp_runtime::{testing::UintAuthorityId, Permill, RuntimeAppPublic};
use std::collections::{BTreeMap, BTreeSet};

const MAX_VALUE: Value = 1_000_000_000_000_000;
/// The SLA's deviation tolerance in the simulated runtime (its default terms), in ppm.
const TOLERANCE_PPM: i128 =
	pallet_oracle_sla::defaults::TERMS.deviation_tolerance.deconstruct() as i128;
/// Blocks per session.
const SESSION: u64 = 50;

/// The two feeds: 0 plain, 1 commit–reveal; a median of one venue with a heartbeat of 8 blocks
/// (so that answers can come before a round is due), the shortest answer window, a 1 %
/// deviation threshold.
fn feed(commit_reveal: bool) -> FeedConfig<u64, frame_support::traits::ConstU32<10>> {
	FeedConfig {
		name: BoundedVec::truncate_from(b"FRM/USD".to_vec()),
		decimals: 8,
		resolution_delay: OracleAggregation::min_answer_window(),
		round_timeout: 10,
		heartbeat: 8,
		deviation_threshold: Permill::from_percent(1),
		max_value: MAX_VALUE,
		max_age: 16,
		commit_reveal,
		..adversary::feed(Aggregation::Median)
	}
}

/// When the colluders answer a round.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum When {
	/// As soon as its id is next, before it is due.
	Early,
	/// In the block it opens in, put there by a colluding author, or the next.
	Opened,
	/// In the last block of its window.
	Last,
	/// Not at all.
	Never,
}

/// What the colluders answer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum What {
	/// The highest honest answer they can see (or the truth when none is visible).
	CopyHigh,
	/// The lowest.
	CopyLow,
	/// Just within the tolerance above the highest honest answer they can see.
	AboveHigh,
	/// Just within it below the lowest.
	BelowLow,
	/// Twice the truth.
	Far,
	/// Beyond the feed's bounds.
	OutOfBounds,
	/// The last resolved value, to keep the feed where it was.
	Stale,
}

/// Which honest reports a colluding author leaves out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Censor {
	/// None.
	Nobody,
	/// Every one.
	Everyone,
	/// One honest operator's.
	Target(u64),
	/// All but the fewest that, with the colluders', make a quorum.
	AllButQuorum,
}

/// The colluders' plan for one round of one feed.
#[derive(Clone, Copy, Debug)]
struct Plan {
	when: When,
	what: What,
	/// Commit–reveal: whether they reveal.
	reveal: bool,
}

/// An answer that landed: (operator, report block, landing block, value; -1 for a commitment).
type Landed = (u64, u64, u64, Value);

/// A report in the transaction pool: one operator's answer for one round.
#[derive(Clone, Debug)]
struct Pending {
	operator: u64,
	at: u64,
	entry: ReportValue,
}

impl Pending {
	fn kind(&self) -> u8 {
		match self.entry.answer {
			ReportAnswer::Value(_) => 0,
			ReportAnswer::Commit(_) => 1,
			ReportAnswer::Reveal { .. } => 2,
		}
	}
}

struct World {
	rng: Rng,
	seed: u64,
	block: u64,
	/// Every operator of the run, in the order of the session's keys.
	all: Vec<u64>,
	/// The current session's operators.
	session_set: Vec<u64>,
	colluders: BTreeSet<u64>,
	pool: Vec<Pending>,
	/// Each node's offchain storage and random seed.
	nodes: BTreeMap<u64, (TestPersistentOffchainDB, [u8; 32])>,
	/// Honest nodes restarting, with the block they run again at.
	down: BTreeMap<u64, u64>,
	/// (operator, feed, round) a restart excuses.
	excused: BTreeSet<(u64, FeedId, RoundId)>,
	/// The true price at every block.
	truth: Vec<Value>,
	/// Parts per million a block the price drifts by in a fast spell, and the blocks left.
	fast: (i128, u32),
	session: u32,
	plans: BTreeMap<(FeedId, RoundId), Plan>,
	/// The values colluders committed to, by (operator, round of the commit–reveal feed).
	committed: BTreeMap<(u64, RoundId), Value>,
	censor: Censor,
	/// Answers counted in a round (landed while it was the feed's next round), plain feed.
	counted: BTreeMap<RoundId, Vec<(u64, Value)>>,
	/// SLA records published and not yet final (their round still in a grace period).
	records: BTreeMap<(FeedId, RoundId), pallet_oracle_sla::SlaRecordOf<Sim>>,
	stats: Stats,
	/// Every answer that landed, by round: (operator, report block, landing block, value).
	log: BTreeMap<(FeedId, RoundId), Vec<Landed>>,
}

/// What a run saw.
#[derive(Default, Debug, Clone, Copy)]
pub struct Stats {
	pub rounds: u64,
	pub resolved: u64,
	pub censored: u64,
	pub graces: u64,
	pub colluders_reported: u64,
	pub excused: u64,
	pub sessions: u64,
	pub late: u64,
}

impl World {
	fn honest(&self, operator: u64) -> bool {
		!self.colluders.contains(&operator)
	}

	fn context(&self) -> String {
		format!(
			"seed {:#x} block {} n {} colluders {:?}",
			self.seed,
			self.block,
			self.session_set.len(),
			self.colluders
		)
	}

	/// The price moves: calm (±0.03 % a block), or in a fast spell by 0.1 to 0.35 % a block in
	/// one direction.
	fn market(&mut self) {
		let last = *self.truth.last().expect("the path starts with a price; qed");
		if self.fast.1 == 0 && self.rng.chance_ppm(5_000) {
			let size = 1_000 + self.rng.below(2_500) as i128;
			let sign = if self.rng.chance_ppm(500_000) { 1 } else { -1 };
			self.fast = (sign * size, 4 + self.rng.below(16) as u32);
		}
		let ppm = if self.fast.1 > 0 {
			self.fast.1 -= 1;
			self.fast.0 + self.rng.around(300)
		} else {
			self.rng.around(300)
		};
		self.truth.push((last + last * ppm / 1_000_000).clamp(1_000_000, MAX_VALUE / 4));
	}

	/// What an honest operator's sources give at `block`: the truth, off by a venue's
	/// disagreement of up to a quarter of the tolerance.
	fn honest_value(&mut self, block: u64) -> Value {
		let truth = self.truth[block as usize];
		truth + truth * self.rng.around(TOLERANCE_PPM / 4) / 1_000_000
	}

	/// A new session: the authors' order reshuffled; at times one honest operator sits it out.
	fn new_session(&mut self) {
		let mut set = self.all.clone();
		for i in (1..set.len()).rev() {
			set.swap(i, self.rng.below(i as u64 + 1) as usize);
		}
		let faults = (set.len() - 2) / 3;
		if self.rng.chance_ppm(250_000) && self.colluders.len() <= faults {
			let honest: Vec<u64> = set.iter().copied().filter(|o| self.honest(*o)).collect();
			let out = honest[self.rng.below(honest.len() as u64) as usize];
			set.retain(|o| *o != out);
		}
		let keys: Vec<(u64, UintAuthorityId)> =
			set.iter().map(|a| (*a, UintAuthorityId(100 + *a))).collect();
		let handed = || keys.iter().map(|(a, k)| (a, k.clone()));
		OracleAggregation::on_new_session(true, handed(), handed());
		self.session_set = set;
	}

	/// Sends `operator`'s report of `entry` straight into the current block.
	fn submit(&mut self, pending: &Pending) -> bool {
		let report = Report {
			key: UintAuthorityId(100 + pending.operator),
			at: pending.at,
			values: BoundedVec::truncate_from(vec![pending.entry]),
		};
		let signature = report.key.sign(&OracleAggregation::report_payload(&report)).unwrap();
		let feed_id = pending.entry.feed_id;
		let next = OracleAggregation::state(feed_id).unwrap().latest_round + 1;
		let result = OracleAggregation::submit(RuntimeOrigin::none(), report, signature);
		let ok = result.is_ok();
		if ok {
			let value = match pending.entry.answer {
				ReportAnswer::Value(v) | ReportAnswer::Reveal { value: v, .. } => v,
				ReportAnswer::Commit(_) => -1,
			};
			self.log.entry((feed_id, pending.entry.round_id)).or_default().push((
				pending.operator,
				pending.at,
				self.block,
				value,
			));
		}
		if let (true, 0, ReportAnswer::Value(value)) = (ok, feed_id, pending.entry.answer) {
			if pending.entry.round_id == next {
				self.counted.entry(next).or_default().push((pending.operator, value));
			}
		}
		ok
	}

	/// The colluders' plan for `feed_id`'s round `round_id`, chosen when first needed.
	fn plan(&mut self, feed_id: FeedId, round_id: RoundId) -> Plan {
		if let Some(plan) = self.plans.get(&(feed_id, round_id)) {
			return *plan;
		}
		let when = [When::Early, When::Opened, When::Last, When::Never][self.rng.below(4) as usize];
		let what = [
			What::CopyHigh,
			What::CopyLow,
			What::AboveHigh,
			What::BelowLow,
			What::Far,
			What::OutOfBounds,
			What::Stale,
		][self.rng.below(7) as usize];
		let plan = Plan { when, what, reveal: self.rng.chance_ppm(700_000) };
		self.plans.insert((feed_id, round_id), plan);
		plan
	}

	/// The value the colluders give, from what they can see of `feed_id`'s `round_id`.
	fn lie(&self, feed_id: FeedId, round_id: RoundId, what: What) -> Value {
		let visible: Vec<Value> = Submissions::<Sim>::iter()
			.filter(|(operator, _)| self.honest(*operator))
			.flat_map(|(_, values)| values.into_inner())
			.filter(|s| s.feed_id == feed_id && s.round_id == round_id)
			.filter_map(|s| s.value().map(|(value, _)| value))
			.collect();
		let truth = self.truth[self.block as usize];
		let high = visible.iter().max().copied().unwrap_or(truth);
		let low = visible.iter().min().copied().unwrap_or(truth);
		let within = |v: Value| v * (TOLERANCE_PPM - 100) / 1_000_000;
		match what {
			What::CopyHigh => high,
			What::CopyLow => low,
			What::AboveHigh => high + within(high),
			What::BelowLow => low - within(low),
			What::Far => truth * 2,
			What::OutOfBounds => MAX_VALUE + 1,
			What::Stale => OracleAggregation::state(feed_id).unwrap().answer.value.max(1),
		}
	}

	/// The colluders' reports for the current block (`author`: whether one of them authors
	/// it, so that they can answer in the very block a round opens in).
	fn collude(&mut self, in_block: bool) {
		let colluders: Vec<u64> = self
			.session_set
			.iter()
			.copied()
			.filter(|o| self.colluders.contains(o))
			.collect();
		let genesis = System::block_hash(0);
		for feed_id in [0, 1] {
			let state = OracleAggregation::state(feed_id).unwrap();
			let round_id = state.latest_round + 1;
			let plan = self.plan(feed_id, round_id);
			let open = state.open.filter(|open| open.round_id == round_id);
			let window_end = open.map(|open| open.opened_at + feed(false).resolution_delay - 1);
			let reveal_from = open.and_then(|open| open.reveal_from);
			let act = match plan.when {
				When::Never => false,
				When::Early => true,
				When::Opened => open.is_some(),
				When::Last => window_end.is_some_and(|end| self.block + 1 >= end),
			};
			for &operator in &colluders {
				let given = Submissions::<Sim>::get(operator)
					.into_iter()
					.find(|s| s.feed_id == feed_id && s.round_id == round_id);
				let answer = if feed_id == 0 {
					if given.is_some() || !act {
						continue;
					}
					ReportAnswer::Value(self.lie(feed_id, round_id, plan.what))
				} else {
					let salt = [operator as u8; 16];
					match (given.map(|s| s.is_commitment()), reveal_from) {
						(None, None) if act => {
							let value = self.lie(feed_id, round_id, plan.what);
							self.committed.insert((operator, round_id), value);
							ReportAnswer::Commit(commitment(
								&genesis, feed_id, round_id, value, &salt, &operator,
							))
						},
						(Some(true), Some(_)) if plan.reveal => {
							// The value committed to, kept when committing.
							let Some(value) = self.committed.get(&(operator, round_id)) else {
								continue;
							};
							ReportAnswer::Reveal { value: *value, salt }
						},
						_ => continue,
					}
				};
				let pending = Pending {
					operator,
					// Built on the block before the one it authors, or read after import.
					at: self.block.saturating_sub(u64::from(in_block)),
					entry: ReportValue { feed_id, round_id, answer },
				};
				if in_block {
					self.submit(&pending);
				} else if !self.pool.iter().any(|p| {
					p.operator == operator
						&& p.entry.feed_id == feed_id
						&& p.entry.round_id == round_id
						&& p.kind() == pending.kind()
				}) {
					self.pool.push(pending);
				}
			}
		}
	}
}

impl World {
	/// The next block: a session change every `SESSION` blocks (the SLA's session end first),
	/// the round check, then what its author puts in it; then every node imports it.
	fn step(&mut self, node: runtime::Node) {
		self.block += 1;
		let block = self.block;
		self.market();
		System::set_block_number(block);
		if block.is_multiple_of(SESSION) {
			OracleSla::end_session(self.session);
			self.session += 1;
			self.stats.sessions += 1;
			runtime::set_session(self.session);
			self.new_session();
		}
		OracleAggregation::on_initialize(block);
		pallet_timestamp::Now::<Sim>::put(block * 6_000);
		let author = OperatorsInTurn::<Sim>::find_author(core::iter::empty()).unwrap();
		let colluding = self.colluders.contains(&author);
		if colluding {
			let honest: Vec<u64> =
				self.session_set.iter().copied().filter(|o| self.honest(*o)).collect();
			self.censor = match self.rng.below(4) {
				0 => Censor::Nobody,
				1 => Censor::Everyone,
				2 => Censor::Target(honest[self.rng.below(honest.len() as u64) as usize]),
				_ => Censor::AllButQuorum,
			};
			self.collude(true);
		}
		let (_, quorum) = OracleAggregation::fault_tolerance(self.session_set.len() as u32);
		for pending in core::mem::take(&mut self.pool) {
			let censored = colluding
				&& self.honest(pending.operator)
				&& match self.censor {
					Censor::Nobody => false,
					Censor::Everyone => true,
					Censor::Target(target) => pending.operator == target,
					Censor::AllButQuorum => {
						let (feed_id, round_id) = (pending.entry.feed_id, pending.entry.round_id);
						let given = Submissions::<Sim>::iter_values()
							.filter(|values| {
								values
									.iter()
									.any(|s| s.feed_id == feed_id && s.round_id == round_id)
							})
							.count();
						given >= quorum as usize
					},
				};
			if censored {
				self.stats.censored += 1;
				self.pool.push(pending);
			} else {
				// Refused when the chain no longer takes it (the round closed, the report is
				// too old): the pool drops it.
				self.submit(&pending);
			}
		}
		self.observe();
		self.collude(false);
		self.workers(node);
	}

	/// The honest workers, once the block is imported.
	fn workers(&mut self, node: runtime::Node) {
		let block = self.block;
		let genesis = System::block_hash(0);
		let honest: Vec<u64> =
			self.session_set.iter().copied().filter(|o| self.honest(*o)).collect();
		for operator in honest {
			let restarting = self.down.get(&operator).is_some_and(|up| block < *up);
			if restarting || self.rng.chance_ppm(500) {
				if !restarting {
					self.down.insert(operator, block + 1 + self.rng.below(16));
				}
				// Whatever it could have answered meanwhile is excused.
				for feed_id in [0, 1] {
					let next = OracleAggregation::state(feed_id).unwrap().latest_round + 1;
					self.excused.insert((operator, feed_id, next));
				}
				for (feed_id, round_id) in Graces::<Sim>::iter_keys() {
					self.excused.insert((operator, feed_id, round_id));
				}
				continue;
			}
			let own = self.nodes.get_mut(&operator).unwrap();
			node(&mut own.0, own.1);
			let planned = offchain::plan::<Sim>(&operator, block);
			let mut entries = Vec::new();
			for feed in planned {
				let kind = match feed.reason {
					offchain::Reason::Reveal(_) => 2,
					_ if feed.config.commit_reveal => 1,
					_ => 0,
				};
				let queued = self.pool.iter().any(|p| {
					p.operator == operator
						&& p.entry.feed_id == feed.feed_id
						&& p.entry.round_id == feed.round_id
						&& p.kind() == kind
				});
				if queued {
					continue;
				}
				let value = feed.reason.fetches().then(|| self.honest_value(block));
				if let Some(entry) =
					offchain::report_entry(&feed, value, &genesis, &operator, block)
				{
					entries.push(Pending { operator, at: block, entry });
				}
			}
			let own = self.nodes.get_mut(&operator).unwrap();
			node(&mut own.0, own.1);
			self.pool.extend(entries);
		}
	}

	/// Checks what the block did to the honest.
	fn observe(&mut self) {
		let mut restarted = BTreeSet::new();
		for record in System::events() {
			match record.event {
				RuntimeEvent::OracleSla(pallet_oracle_sla::Event::SlaPublished { record }) => {
					if !self.records.contains_key(&(record.feed_id, record.round_id)) {
						restarted.extend(self.check_values(&record));
					}
					self.records.insert((record.feed_id, record.round_id), record);
				},
				RuntimeEvent::OracleAggregation(
					pallet_oracle_aggregation::Event::RoundResolved {
						feed_id,
						round_id,
						value,
						..
					},
				) => {
					self.stats.rounds += 1;
					self.stats.resolved += 1;
					if feed_id == 0 {
						let honest: Vec<Value> = self
							.counted
							.get(&round_id)
							.into_iter()
							.flatten()
							.filter(|(o, v)| self.honest(*o) && (1..=MAX_VALUE).contains(v))
							.map(|(_, v)| *v)
							.collect();
						let low = honest.iter().min().copied().unwrap_or(Value::MAX);
						let high = honest.iter().max().copied().unwrap_or(Value::MIN);
						assert!(
							low <= value && value <= high,
							"{}: round {round_id} resolved to {value} outside the honest \
							 [{low}, {high}]",
							self.context()
						);
					}
				},
				RuntimeEvent::OracleAggregation(
					pallet_oracle_aggregation::Event::RoundTimedOut { .. },
				) => self.stats.rounds += 1,
				RuntimeEvent::OracleAggregation(pallet_oracle_aggregation::Event::GraceOver {
					..
				}) => self.stats.graces += 1,
				_ => {},
			}
		}
		System::reset_events();
		let latest = OracleAggregation::state(0).unwrap().latest_round;
		self.counted.retain(|round, _| *round > latest);
		self.plans.retain(|(feed_id, round), _| {
			*round > OracleAggregation::state(*feed_id).unwrap().latest_round
		});
		self.log.retain(|(feed_id, round), _| {
			*round + 20 > OracleAggregation::state(*feed_id).unwrap().latest_round
		});
		let committed = OracleAggregation::state(1).unwrap().latest_round;
		self.committed.retain(|(_, round), _| *round > committed);

		// A record is final once its round has no grace period left.
		let done: Vec<(FeedId, RoundId)> = self
			.records
			.keys()
			.copied()
			.filter(|(feed_id, round_id)| !Graces::<Sim>::contains_key(feed_id, round_id))
			.collect();
		for key in done {
			let record = self.records.remove(&key).unwrap();
			for operator in &record.missing {
				if self.honest(*operator) {
					let excused = self.excused.contains(&(*operator, key.0, key.1));
					assert!(
						excused,
						"{}: honest {operator} missing from {key:?}: {record:?}; answers {:?}",
						self.context(),
						self.log.get(&key)
					);
					self.stats.excused += 1;
				}
			}
		}
		for offence in runtime::take_offences() {
			let kind = if offence.kind == Deviation::ID { "deviation" } else { "unavailability" };
			if kind == "deviation" && restarted.contains(&offence.offender) {
				continue;
			}
			assert!(
				!self.honest(offence.offender),
				"{}: honest {} reported for {kind}",
				self.context(),
				offence.offender
			);
			self.stats.colluders_reported += 1;
		}
	}

	/// Checks a round's judgement of answers as soon as it is published (it does not change
	/// in a grace period); returns the honest operators beyond tolerance after a restart.
	fn check_values(&mut self, record: &pallet_oracle_sla::SlaRecordOf<Sim>) -> BTreeSet<u64> {
		let key = (record.feed_id, record.round_id);
		let mut restarted = BTreeSet::new();
		for beyond in &record.out_of_tolerance {
			if !self.honest(beyond.operator) {
				continue;
			}
			// A node that restarted fetches after the others: in a fast market its value may
			// be as far from theirs as the market moved meanwhile.
			if self.excused.contains(&(beyond.operator, key.0, key.1)) {
				self.stats.excused += 1;
				restarted.insert(beyond.operator);
				continue;
			}
			// When the honest answers the round counted were fetched (a commit–reveal value
			// when it was committed), and how far the true price moved between those blocks.
			let fetched: Vec<u64> = self
				.log
				.get(&key)
				.into_iter()
				.flatten()
				.filter(|(operator, _, landed, value)| {
					self.honest(*operator)
						&& *landed < record.closed_at
						&& (*value == -1) == (record.feed_id == 1)
				})
				.map(|(_, at, ..)| *at)
				.collect();
			let prices: Vec<Value> = fetched.iter().map(|at| self.truth[*at as usize]).collect();
			let (low, high) = (prices.iter().min().unwrap(), prices.iter().max().unwrap());
			let moved = (high - low) * 1_000_000 / low;
			panic!(
				"{}: honest {} out of tolerance in {key:?} (the truth moved {moved} ppm across \
				 the honest fetches): {beyond:?} of {record:?}; answers (operator, report, \
				 landed, value) {:?}",
				self.context(),
				beyond.operator,
				self.log.get(&key),
			);
		}
		restarted
	}
}

/// Runs a federation from `seed` for `blocks` blocks.
fn run(seed: u64, blocks: u64) -> Stats {
	runtime::with_nodes(|node| {
		let mut rng = Rng(seed);
		let n = 4 + rng.below(28);
		let faults = (n - 1) / 3;
		let count = if rng.chance_ppm(750_000) { faults } else { rng.below(faults + 1) };
		let all: Vec<u64> = (1..=n).collect();
		let mut colluders = BTreeSet::new();
		while (colluders.len() as u64) < count {
			colluders.insert(1 + rng.below(n));
		}
		let nodes = all
			.iter()
			.map(|o| (*o, (TestPersistentOffchainDB::new(), [*o as u8; 32])))
			.collect();
		let mut world = World {
			rng,
			seed,
			block: 1,
			all,
			session_set: Vec::new(),
			colluders,
			pool: Vec::new(),
			nodes,
			down: BTreeMap::new(),
			excused: BTreeSet::new(),
			truth: vec![100_000_000_000; 2],
			fast: (0, 0),
			session: 0,
			plans: BTreeMap::new(),
			committed: BTreeMap::new(),
			censor: Censor::Nobody,
			counted: BTreeMap::new(),
			records: BTreeMap::new(),
			stats: Stats::default(),
			log: BTreeMap::new(),
		};
		System::set_block_number(1);
		world.new_session();
		for commit_reveal in [false, true] {
			OracleAggregation::create_feed(RuntimeOrigin::root(), feed(commit_reveal)).unwrap();
		}
		while world.block < blocks {
			world.step(node);
			if world.block.is_multiple_of(1_000) {
				OracleAggregation::do_try_state().unwrap();
				OracleSla::do_try_state().unwrap();
			}
		}
		// No honest operator was ever late but for its restarts.
		for operator in world.all.clone() {
			let Some(stats) = pallet_oracle_sla::Stats::<Sim>::get(operator) else { continue };
			if world.honest(operator) {
				let excused = world.excused.iter().filter(|(o, ..)| *o == operator).count();
				assert!(
					stats.late as usize <= excused,
					"{}: honest {operator} late: {stats:?}",
					world.context()
				);
				world.stats.late += u64::from(stats.late);
			}
		}
		world.stats
	})
}

/// Runs federations from `seed` until `rounds` rounds closed.
fn check(seed: u64, rounds: u64) {
	let mut total = Stats::default();
	let mut run_seed = seed;
	while total.rounds < rounds {
		let stats = run(run_seed, 2_000);
		total.rounds += stats.rounds;
		total.resolved += stats.resolved;
		total.censored += stats.censored;
		total.graces += stats.graces;
		total.colluders_reported += stats.colluders_reported;
		total.excused += stats.excused;
		total.sessions += stats.sessions;
		total.late += stats.late;
		run_seed = run_seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
	}
	println!("{total:?}");
	// No veto: rounds resolve although colluders stay silent and censor.
	assert!(total.resolved * 100 >= total.rounds * 99, "{total:?}");
	assert!(total.censored > total.rounds && total.graces > 0, "{total:?}");
	assert!(total.colluders_reported > 0, "{total:?}");
}

#[test]
fn colluding_authors_frame_no_honest_operator_a() {
	check(0xf4a3_0001, 25_000);
}

#[test]
fn colluding_authors_frame_no_honest_operator_b() {
	check(0xf4a3_0002, 25_000);
}

#[test]
fn colluding_authors_frame_no_honest_operator_c() {
	check(0xf4a3_0003, 25_000);
}

#[test]
fn colluding_authors_frame_no_honest_operator_d() {
	check(0xf4a3_0004, 25_000);
}
