//! The study: scenarios, the sweeps, and the rule that picks the recommended setting.

use crate::{
	market::{self, Market, Path},
	sim::{self, Behaviour, Metrics, Sample, Scenario, Setting},
};
use pallet_oracle_aggregation::types::Aggregation;
use sp_runtime::Permill;
use std::sync::{
	atomic::{AtomicUsize, Ordering},
	Mutex,
};

/// The three federations every setting faces (seven operators each).
pub fn scenarios() -> Vec<Scenario> {
	let lagging = Behaviour::Lagging { data: 2, inclusion: 1 };
	vec![
		Scenario {
			name: "faulty",
			operators: vec![
				Behaviour::Honest,
				Behaviour::Honest,
				Behaviour::Honest,
				Behaviour::Honest,
				Behaviour::Honest,
				lagging,
				Behaviour::Flaky,
			],
		},
		Scenario {
			name: "lying minority",
			operators: vec![
				Behaviour::Honest,
				Behaviour::Honest,
				Behaviour::Honest,
				lagging,
				Behaviour::Flaky,
				Behaviour::Liar,
				Behaviour::Liar,
			],
		},
		Scenario {
			name: "degraded",
			operators: vec![
				Behaviour::Honest,
				Behaviour::Honest,
				Behaviour::Honest,
				Behaviour::Honest,
				Behaviour::Flaky,
				Behaviour::Flaky,
				Behaviour::Flaky,
			],
		},
	]
}

/// Operators of the study's federations.
pub const OPERATORS: u32 = 7;

/// The most liars a federation of `operators` is meant to tolerate: fewer than a third.
pub fn byzantine(operators: u32) -> u32 {
	operators.saturating_sub(1) / 3
}

/// The feed parameters the presets used before this run of the study (chosen by its run under
/// the earlier judgement rules): the starting point.
pub fn baseline() -> Setting {
	Setting {
		aggregation: Aggregation::Median,
		running_mean: false,
		heartbeat: 50,
		deviation_threshold: Permill::from_parts(2_500),
		buffer_len: 8,
		quorum: 5,
		commit_reveal: false,
	}
}

/// A parameter swept, in the order the sweeps run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
	/// Values that resolve a round.
	Quorum,
	/// Mean or median rounds, or the running mean of the buffer.
	Method,
	/// Blocks between rounds at most.
	Heartbeat,
	/// The move that starts a round early.
	Threshold,
	/// Rounds in the buffer (for readers of the running mean).
	BufferLen,
	/// Commit–reveal off or on.
	CommitReveal,
}

impl Dimension {
	/// Every dimension, in sweep order.
	pub const ALL: [Dimension; 6] = [
		Dimension::Quorum,
		Dimension::Method,
		Dimension::Heartbeat,
		Dimension::Threshold,
		Dimension::BufferLen,
		Dimension::CommitReveal,
	];

	/// Name in tables and file names.
	pub fn name(&self) -> &'static str {
		match self {
			Dimension::Quorum => "quorum",
			Dimension::Method => "method",
			Dimension::Heartbeat => "heartbeat",
			Dimension::Threshold => "deviation threshold",
			Dimension::BufferLen => "buffer length",
			Dimension::CommitReveal => "commit–reveal",
		}
	}

	/// File-name stem.
	pub fn slug(&self) -> &'static str {
		match self {
			Dimension::Quorum => "quorum",
			Dimension::Method => "method",
			Dimension::Heartbeat => "heartbeat",
			Dimension::Threshold => "threshold",
			Dimension::BufferLen => "buffer-len",
			Dimension::CommitReveal => "commit-reveal",
		}
	}

	/// The settings swept: `around` with this dimension changed.
	pub fn settings(&self, around: &Setting) -> Vec<Setting> {
		let with = |f: &dyn Fn(&mut Setting)| {
			let mut setting = *around;
			f(&mut setting);
			setting
		};
		match self {
			// The chain demands at least `2f + 1` answers whatever the feed says; a feed may
			// demand more, up to every operator.
			Dimension::Quorum => (2 * byzantine(OPERATORS) + 1..=OPERATORS)
				.map(|q| with(&|s| s.quorum = q))
				.collect(),
			Dimension::Method => vec![
				with(&|s| {
					s.aggregation = Aggregation::Mean;
					s.running_mean = false;
				}),
				with(&|s| {
					s.aggregation = Aggregation::Median;
					s.running_mean = false;
				}),
				with(&|s| {
					s.aggregation = Aggregation::Median;
					s.running_mean = true;
				}),
			],
			Dimension::Heartbeat => {
				[5, 10, 25, 50, 100, 300].iter().map(|h| with(&|s| s.heartbeat = *h)).collect()
			},
			Dimension::Threshold => [500, 1_000, 2_500, 5_000, 10_000, 20_000]
				.iter()
				.map(|ppm| with(&|s| s.deviation_threshold = Permill::from_parts(*ppm)))
				.collect(),
			Dimension::BufferLen => [2, 4, 8, 16, 32, 64]
				.iter()
				.map(|len| {
					with(&|s| {
						s.buffer_len = *len;
						s.running_mean = true;
					})
				})
				.collect(),
			Dimension::CommitReveal => {
				[false, true].iter().map(|on| with(&|s| s.commit_reveal = *on)).collect()
			},
		}
	}

	/// How a setting is labelled in this dimension's table.
	pub fn label(&self, setting: &Setting) -> String {
		match self {
			Dimension::Quorum => format!("{}", setting.quorum),
			Dimension::Method => method(setting).into(),
			Dimension::Heartbeat => {
				format!("{} ({})", setting.heartbeat, duration(setting.heartbeat * 6))
			},
			Dimension::Threshold => percent(setting.deviation_threshold),
			Dimension::BufferLen => format!("{}", setting.buffer_len),
			Dimension::CommitReveal => (if setting.commit_reveal { "on" } else { "off" }).into(),
		}
	}

	/// Among the acceptable settings (see [`choose`]), the preferred one: the
	/// smallest quorum (a round resolves with the most operators down; the lying-minority
	/// runs already rule out quorums liars can meet alone), the largest heartbeat and
	/// threshold (the fewest transactions), the longest buffer (the most history and
	/// smoothing), commit–reveal on (no operator can read another's value before answering,
	/// so none can copy it or lie only when it would decide, which the objective cannot
	/// see); the method is chosen on the objective, median rounds on a tie.
	fn prefer(&self, a: &Setting, b: &Setting) -> bool {
		match self {
			Dimension::Quorum => a.quorum < b.quorum,
			Dimension::Method => {
				a.aggregation == Aggregation::Median
					&& !a.running_mean
					&& (b.aggregation != Aggregation::Median || b.running_mean)
			},
			Dimension::Heartbeat => a.heartbeat > b.heartbeat,
			Dimension::Threshold => a.deviation_threshold > b.deviation_threshold,
			Dimension::BufferLen => a.buffer_len > b.buffer_len,
			Dimension::CommitReveal => a.commit_reveal && !b.commit_reveal,
		}
	}
}

/// "mean", "median" or "running mean".
pub fn method(setting: &Setting) -> &'static str {
	match (setting.running_mean, setting.aggregation) {
		(true, _) => "running mean",
		(false, Aggregation::Mean) => "mean",
		(false, Aggregation::Median) => "median",
	}
}

/// A Permill as a percentage.
pub fn percent(value: Permill) -> String {
	let ppm = value.deconstruct();
	let text = format!("{}.{:04}", ppm / 10_000, ppm % 10_000);
	format!("{} %", text.trim_end_matches('0').trim_end_matches('.'))
}

/// Seconds as "30 s", "5 min" or "1.5 h".
pub fn duration(seconds: u64) -> String {
	if seconds < 60 {
		format!("{seconds} s")
	} else if seconds < 3_600 {
		format!("{} min", seconds as f64 / 60.0)
	} else {
		format!("{} h", seconds as f64 / 3_600.0)
	}
}

/// What the study runs on.
pub struct World {
	/// The markets: the regime walk and the recorded-style series.
	pub markets: Vec<Market>,
	/// The federations.
	pub scenarios: Vec<Scenario>,
	/// Worker threads.
	pub threads: usize,
}

impl World {
	/// The study's world: two regime walks and the recorded-style series `recorded` (cut to
	/// `blocks`), seeded by `seed`.
	pub fn new(seed: u64, blocks: usize, recorded: Path, threads: usize) -> Self {
		let mut walk = market::regime_walk(seed, blocks, 64_000.0);
		walk.name = "walk A".into();
		let mut other = market::regime_walk(seed.wrapping_add(1), blocks, 64_000.0);
		other.name = "walk B".into();
		let mut recorded = recorded;
		recorded.prices.truncate(blocks + 1);
		World {
			markets: vec![
				Market::new(walk, seed ^ 1),
				Market::new(other, seed ^ 3),
				Market::new(recorded, seed ^ 2),
			],
			scenarios: scenarios(),
			threads,
		}
	}
}

/// A setting's results: one run per (market, scenario), in the order of the world's markets,
/// then scenarios.
#[derive(Clone, Debug)]
pub struct Evaluated {
	/// The setting.
	pub setting: Setting,
	/// `(market name, scenario name, metrics)`.
	pub runs: Vec<(String, &'static str, Metrics)>,
}

impl Evaluated {
	/// The objective: the worst p99 tracking error over every market and scenario (bp).
	pub fn objective(&self) -> f64 {
		self.runs.iter().map(|(_, _, m)| m.error_p99).fold(0.0, f64::max)
	}

	/// The runs of scenario `name`.
	pub fn scenario<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Metrics> + 'a {
		self.runs.iter().filter(move |(_, s, _)| *s == name).map(|(_, _, m)| m)
	}
}

/// Runs every setting in every market and scenario, on `world.threads` threads.
pub fn evaluate(world: &World, settings: &[Setting]) -> Vec<Evaluated> {
	let jobs: Vec<(usize, usize, usize)> = (0..settings.len())
		.flat_map(|s| {
			(0..world.markets.len())
				.flat_map(move |m| (0..scenarios().len()).map(move |c| (s, m, c)))
		})
		.collect();
	let results: Mutex<Vec<Option<Metrics>>> = Mutex::new(vec![None; jobs.len()]);
	let next = AtomicUsize::new(0);
	std::thread::scope(|scope| {
		for _ in 0..world.threads.max(1) {
			scope.spawn(|| loop {
				let index = next.fetch_add(1, Ordering::Relaxed);
				let Some((s, m, c)) = jobs.get(index).copied() else { break };
				let (metrics, _) =
					sim::run(&world.markets[m], &world.scenarios[c], &settings[s], false);
				results.lock().expect("no worker panics while holding the lock; qed")[index] =
					Some(metrics);
			});
		}
	});
	let results = results.into_inner().expect("every worker has finished; qed");
	settings
		.iter()
		.enumerate()
		.map(|(s, setting)| Evaluated {
			setting: *setting,
			runs: jobs
				.iter()
				.zip(&results)
				.filter(|((js, _, _), _)| *js == s)
				.map(|((_, m, c), metrics)| {
					(
						world.markets[*m].path.name.clone(),
						world.scenarios[*c].name,
						metrics.clone().expect("every job ran; qed"),
					)
				})
				.collect(),
		})
		.collect()
}

/// The tracking-error budget: a setting is acceptable when its worst p99 error is at most
/// this many basis points.
pub const BUDGET_BP: f64 = 50.0;
/// When no setting of a sweep meets the budget, those within this factor of the best are
/// acceptable.
pub const BAND: f64 = 1.10;
/// What the commit–reveal sweep may spend, in basis points of the objective beyond the
/// acceptable limit, to turn commit–reveal on. Without it an operator can read the others'
/// answers before giving its own: it copies the visible median and is paid without fetching,
/// and a liar waits until its answer would decide. Neither shows in the objective (this study's
/// liars lie blindly and its honest operators fetch), yet a federation whose members copy is
/// one source with many signatures: the product pays up to this much tracking error against it.
pub const COMMIT_REVEAL_PREMIUM_BP: f64 = 10.0;

/// The index of the setting chosen in a sweep: the preferred one among the acceptable ones,
/// those whose objective is within [`BUDGET_BP`] (or, if none is, within [`BAND`] times the
/// best); commit–reveal on is acceptable up to [`COMMIT_REVEAL_PREMIUM_BP`] beyond that.
pub fn choose(dimension: Dimension, evaluated: &[Evaluated]) -> usize {
	let best = evaluated.iter().map(Evaluated::objective).fold(f64::INFINITY, f64::min);
	let limit = if best <= BUDGET_BP { BUDGET_BP } else { best * BAND };
	let mut chosen: Option<usize> = None;
	for (index, candidate) in evaluated.iter().enumerate() {
		let premium = if dimension == Dimension::CommitReveal && candidate.setting.commit_reveal {
			COMMIT_REVEAL_PREMIUM_BP
		} else {
			0.0
		};
		if candidate.objective() > limit + premium {
			continue;
		}
		chosen = match chosen {
			None => Some(index),
			Some(current) => {
				let current_setting = &evaluated[current].setting;
				let better = if dimension == Dimension::Method {
					// On the objective, ties going to the median rounds (the most robust).
					let (new, old) = (candidate.objective(), evaluated[current].objective());
					new < old
						|| (new == old && dimension.prefer(&candidate.setting, current_setting))
				} else {
					dimension.prefer(&candidate.setting, current_setting)
				};
				Some(if better { index } else { current })
			},
		};
	}
	chosen.unwrap_or(0)
}

/// One sweep's results and choice.
pub struct Sweep {
	/// What was swept.
	pub dimension: Dimension,
	/// Its settings' results.
	pub evaluated: Vec<Evaluated>,
	/// The chosen index.
	pub chosen: usize,
}

/// The whole study: the sweeps in order, each around the settings chosen so far, then the
/// baseline and the recommendation side by side, with traces of both through the
/// recorded-style series' flash crash.
pub struct Study {
	/// The sweeps.
	pub sweeps: Vec<Sweep>,
	/// The starting point.
	pub baseline: Evaluated,
	/// The recommendation.
	pub recommended: Evaluated,
	/// What baseline and recommendation read around the crash, in the lying-minority
	/// scenario: (baseline, recommended).
	pub traces: (Vec<Sample>, Vec<Sample>),
}

/// Runs the study, reporting progress on stderr.
pub fn run(world: &World) -> Study {
	let mut current = baseline();
	let mut sweeps = Vec::new();
	for dimension in Dimension::ALL {
		let started = std::time::Instant::now();
		let settings = dimension.settings(&current);
		let evaluated = evaluate(world, &settings);
		let chosen = choose(dimension, &evaluated);
		current = evaluated[chosen].setting;
		// The buffer sweep reads the running mean; the method sweep decides what readers use.
		if dimension == Dimension::BufferLen {
			current.running_mean = sweeps
				.iter()
				.find(|s: &&Sweep| s.dimension == Dimension::Method)
				.is_some_and(|s| s.evaluated[s.chosen].setting.running_mean);
		}
		eprintln!(
			"{}: {} settings in {:.0} s, chose {}",
			dimension.name(),
			settings.len(),
			started.elapsed().as_secs_f64(),
			dimension.label(&evaluated[chosen].setting)
		);
		sweeps.push(Sweep { dimension, evaluated, chosen });
	}
	let mut both = evaluate(world, &[baseline(), current]);
	let recommended = both.pop().expect("two settings were evaluated; qed");
	let baseline = both.pop().expect("two settings were evaluated; qed");
	let liars = &world.scenarios[1];
	let crash_market = &world.markets[2];
	let (_, before) = sim::run(crash_market, liars, &baseline.setting, true);
	let (_, after) = sim::run(crash_market, liars, &recommended.setting, true);
	Study { sweeps, baseline, recommended, traces: (before, after) }
}

#[cfg(test)]
mod tests {
	use super::*;

	fn evaluated(setting: Setting, p99: f64) -> Evaluated {
		let metrics = Metrics { error_p99: p99, ..Default::default() };
		Evaluated { setting, runs: vec![("walk".into(), "faulty", metrics)] }
	}

	/// Commit–reveal is taken while it costs at most the premium beyond the limit, and not
	/// beyond it; no other sweep is given the premium.
	#[test]
	fn commit_reveal_is_chosen_within_its_premium_only() {
		let (off, on) = (baseline(), Setting { commit_reveal: true, ..baseline() });
		let sweep = |p99_on| {
			choose(Dimension::CommitReveal, &[evaluated(off, 73.0), evaluated(on, p99_on)])
		};
		let limit = 73.0 * BAND;
		assert_eq!(sweep(limit + COMMIT_REVEAL_PREMIUM_BP - 0.1), 1);
		assert_eq!(sweep(limit + COMMIT_REVEAL_PREMIUM_BP + 0.1), 0);
		let (short, long) = (baseline(), Setting { heartbeat: 100, ..baseline() });
		let heartbeat = |p99_long| {
			choose(Dimension::Heartbeat, &[evaluated(short, 73.0), evaluated(long, p99_long)])
		};
		assert_eq!(heartbeat(limit - 0.1), 1);
		assert_eq!(heartbeat(limit + 0.1), 0);
	}
}
