//! Writes the study: `buffer-study.md`, `buffer-study/*.svg` and
//! `buffer-study/recommended.json`.

use crate::{
	market::BLOCKS_PER_HOUR,
	sim::{Metrics, Sample, Setting},
	study::{self, Dimension, Evaluated, Study, World, BAND},
	svg,
};
use pallet_oracle_aggregation::types::Aggregation;
use std::{fmt::Write as _, path::Path};

/// The worst of a metric over the runs of `scenario`.
fn worst(evaluated: &Evaluated, scenario: &str, metric: impl Fn(&Metrics) -> f64) -> f64 {
	evaluated.scenario(scenario).map(metric).fold(0.0, f64::max)
}

/// The mean of a metric over the runs of `scenario`.
fn mean(evaluated: &Evaluated, scenario: &str, metric: impl Fn(&Metrics) -> f64) -> f64 {
	let values: Vec<f64> = evaluated.scenario(scenario).map(metric).collect();
	values.iter().sum::<f64>() / values.len().max(1) as f64
}

/// The sum of a count over the runs of `scenario`.
fn total(evaluated: &Evaluated, scenario: &str, metric: impl Fn(&Metrics) -> u64) -> u64 {
	evaluated.scenario(scenario).map(metric).sum()
}

const FAULTY: &str = "faulty";
const LIARS: &str = "lying minority";
const DEGRADED: &str = "degraded";

fn f1(value: f64) -> String {
	format!("{value:.1}")
}

/// The sweep's table: one row per setting, the chosen one in bold.
fn table(dimension: Dimension, evaluated: &[Evaluated], chosen: usize) -> String {
	let mut out = format!(
		"| {} | objective: worst p99 (bp) | faulty p50 / p99 (bp) | lying p50 / p99 (bp) | \
		 degraded p50 / p99 (bp) | corrupted rounds / h (lying) | age p50 / p99 (s) | not fresh | \
		 rounds / h | tx / h (faulty, lying) | weight ms / h | offences: liars / lagging / others |\n\
		 |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
		dimension.name()
	);
	for (index, e) in evaluated.iter().enumerate() {
		let label = dimension.label(&e.setting);
		let label = if index == chosen { format!("**{label}**") } else { label };
		let _ = writeln!(
			out,
			"| {label} | {} | {} / {} | {} / {} | {} / {} | {} | {} / {} | {:.1} % | {} | {:.0}, {:.0} | {} | {} / {} / {} |",
			f1(e.objective()),
			f1(worst(e, FAULTY, |m| m.error_p50)),
			f1(worst(e, FAULTY, |m| m.error_p99)),
			f1(worst(e, LIARS, |m| m.error_p50)),
			f1(worst(e, LIARS, |m| m.error_p99)),
			f1(worst(e, DEGRADED, |m| m.error_p50)),
			f1(worst(e, DEGRADED, |m| m.error_p99)),
			f1(mean(e, LIARS, |m| m.corrupted_per_hour)),
			f1(e.runs.iter().map(|(_, _, m)| m.age_p50).fold(0.0, f64::max)),
			f1(e.runs.iter().map(|(_, _, m)| m.age_p99).fold(0.0, f64::max)),
			100.0 * e.runs.iter().map(|(_, _, m)| m.unfresh).fold(0.0, f64::max),
			f1(mean(e, FAULTY, |m| m.resolved_per_hour)),
			mean(e, FAULTY, |m| m.tx_per_hour),
			mean(e, LIARS, |m| m.tx_per_hour),
			f1(e.runs.iter().map(|(_, _, m)| m.weight_ms_per_hour).fold(0.0, f64::max)),
			total(e, LIARS, |m| m.liar_offences),
			e.runs.iter().map(|(_, _, m)| m.lagging_offences).sum::<u64>(),
			e.runs.iter().map(|(_, _, m)| m.honest_offences).sum::<u64>(),
		);
	}
	out
}

/// The sweep's plots: tracking error and cost against the swept value.
fn plots(dir: &Path, dimension: Dimension, evaluated: &[Evaluated]) -> std::io::Result<()> {
	let labels: Vec<String> = evaluated.iter().map(|e| dimension.label(&e.setting)).collect();
	let mut error_series = Vec::new();
	for (market, scenario, _) in &evaluated[0].runs {
		let ys = evaluated
			.iter()
			.map(|e| {
				e.runs
					.iter()
					.find(|(m, s, _)| m == market && s == scenario)
					.map_or(f64::NAN, |(_, _, metrics)| metrics.error_p99)
			})
			.collect();
		error_series.push((format!("p99, {market}, {scenario}"), ys));
	}
	let error = svg::chart(
		&format!("Tracking error against {}", dimension.name()),
		dimension.name(),
		"p99 |read − true| (bp)",
		&labels,
		&error_series,
		None,
		None,
	);
	std::fs::write(dir.join(format!("{}-error.svg", dimension.slug())), error)?;
	let cost_series = vec![
		(
			"tx / h, faulty".to_string(),
			evaluated.iter().map(|e| mean(e, FAULTY, |m| m.tx_per_hour)).collect(),
		),
		(
			"tx / h, lying minority".to_string(),
			evaluated.iter().map(|e| mean(e, LIARS, |m| m.tx_per_hour)).collect(),
		),
		(
			"rounds / h, faulty".to_string(),
			evaluated.iter().map(|e| mean(e, FAULTY, |m| m.resolved_per_hour)).collect(),
		),
	];
	let cost = svg::chart(
		&format!("Transactions and rounds against {}", dimension.name()),
		dimension.name(),
		"per hour",
		&labels,
		&cost_series,
		None,
		None,
	);
	std::fs::write(dir.join(format!("{}-cost.svg", dimension.slug())), cost)
}

/// The crash plot: what the baseline and the recommendation read through the recorded-style
/// series' flash crash with two liars.
fn crash_plot(dir: &Path, traces: &(Vec<Sample>, Vec<Sample>)) -> std::io::Result<()> {
	let (before, after) = traces;
	// The end of the steepest 3-minute fall, 13 minutes before it and 40 after.
	let low = before
		.windows(31)
		.min_by(|a, b| (a[30].truth / a[0].truth).total_cmp(&(b[30].truth / b[0].truth)))
		.map_or(0, |window| window[30].block);
	let window = |samples: &[Sample]| -> Vec<Sample> {
		samples
			.iter()
			.filter(|s| s.block + 130 >= low && s.block <= low + 400)
			.copied()
			.collect()
	};
	let (before, after) = (window(before), window(after));
	let x: Vec<f64> = before.iter().map(|s| (s.block as f64 - low as f64) * 6.0 / 60.0).collect();
	let labels: Vec<String> = x.iter().map(|m| format!("{m:.0}")).collect();
	let read = |samples: &[Sample]| -> Vec<f64> {
		samples.iter().map(|s| s.read.unwrap_or(f64::NAN)).collect()
	};
	let series = vec![
		("true price".to_string(), before.iter().map(|s| s.truth).collect()),
		("baseline reads".to_string(), read(&before)),
		("recommended reads".to_string(), read(&after)),
	];
	let all: Vec<f64> = series
		.iter()
		.flat_map(|(_, ys)| ys.iter().copied())
		.filter(|y| y.is_finite())
		.collect();
	let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
	let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
	let pad = (hi - lo) * 0.05;
	let chart = svg::chart(
		"Flash crash, two liars of seven: what a reader sees",
		"minutes from the low",
		"BTC/USD",
		&labels,
		&series,
		Some((lo - pad, hi + pad)),
		Some(&x),
	);
	std::fs::write(dir.join("crash.svg"), chart)
}

fn setting_line(setting: &Setting) -> String {
	format!(
		"quorum {}, {} ({}), heartbeat {} blocks ({}), deviation threshold {}, buffer length {}, \
		 commit–reveal {}",
		setting.quorum,
		study::method(setting),
		if setting.running_mean { "readers use `running_mean`" } else { "readers use `value`" },
		setting.heartbeat,
		study::duration(setting.heartbeat * 6),
		study::percent(setting.deviation_threshold),
		setting.buffer_len,
		if setting.commit_reveal { "on" } else { "off" }
	)
}

/// The parameters a sweep holds fixed.
fn around(dimension: Dimension, setting: &Setting) -> String {
	let mut parts = Vec::new();
	if dimension != Dimension::Quorum {
		parts.push(format!("quorum {}", setting.quorum));
	}
	if dimension != Dimension::Method && dimension != Dimension::BufferLen {
		parts.push(study::method(setting).to_string());
	}
	if dimension == Dimension::BufferLen {
		parts.push("readers use `running_mean` of median rounds".into());
	}
	if dimension != Dimension::Heartbeat {
		parts.push(format!(
			"heartbeat {} blocks ({})",
			setting.heartbeat,
			study::duration(setting.heartbeat * 6)
		));
	}
	if dimension != Dimension::Threshold {
		parts.push(format!("deviation threshold {}", study::percent(setting.deviation_threshold)));
	}
	if dimension != Dimension::BufferLen {
		parts.push(format!("buffer length {}", setting.buffer_len));
	}
	if dimension != Dimension::CommitReveal {
		parts.push(format!("commit–reveal {}", if setting.commit_reveal { "on" } else { "off" }));
	}
	parts.join(", ")
}

/// `recommended.json`: the recommended feed parameters, for the presets' test.
pub fn recommendation_json(setting: &Setting, operators: usize) -> String {
	let aggregation = match setting.aggregation {
		Aggregation::Mean => "Mean",
		Aggregation::Median => "Median",
	};
	// In terms of f, the most liars below a third of the operators.
	let byzantine = study::byzantine(operators as u32);
	let rule = if setting.quorum == 2 * byzantine + 1 {
		"2f+1"
	} else if setting.quorum == byzantine + 1 {
		"f+1"
	} else {
		"fixed"
	};
	format!(
		"{{\n  \"operators\": {operators},\n  \"quorum\": {},\n  \"quorum_rule\": \"{rule}\",\n  \"aggregation\": \"{aggregation}\",\n  \
		 \"read_running_mean\": {},\n  \"heartbeat\": {},\n  \"deviation_threshold_ppm\": {},\n  \
		 \"buffer_len\": {},\n  \"resolution_delay\": 2,\n  \"round_timeout\": 10,\n  \"max_age\": {},\n  \
		 \"commit_reveal\": {}\n}}\n",
		setting.quorum,
		setting.running_mean,
		setting.heartbeat,
		setting.deviation_threshold.deconstruct(),
		setting.buffer_len,
		setting.max_age(),
		setting.commit_reveal
	)
}

fn comparison(baseline: &Evaluated, recommended: &Evaluated) -> String {
	let mut out = String::from(
		"| run | baseline p50 / p99 / max (bp) | recommended p50 / p99 / max (bp) | baseline corrupted / h | recommended corrupted / h | baseline tx / h | recommended tx / h | baseline age p99 (s) | recommended age p99 (s) |\n\
		 |---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
	);
	for ((market, scenario, b), (_, _, r)) in baseline.runs.iter().zip(&recommended.runs) {
		let _ = writeln!(
			out,
			"| {market}, {scenario} | {} / {} / {} | {} / {} / {} | {} | {} | {:.0} | {:.0} | {} | {} |",
			f1(b.error_p50),
			f1(b.error_p99),
			f1(b.error_max),
			f1(r.error_p50),
			f1(r.error_p99),
			f1(r.error_max),
			f1(b.corrupted_per_hour),
			f1(r.corrupted_per_hour),
			b.tx_per_hour,
			r.tx_per_hour,
			f1(b.age_p99),
			f1(r.age_p99),
		);
	}
	out
}

/// Writes the study's document and figures under `out` (the repository's `docs`).
pub fn write(
	out: &Path,
	world: &World,
	study: &Study,
	seed: u64,
	blocks: usize,
) -> std::io::Result<()> {
	let dir = out.join("buffer-study");
	std::fs::create_dir_all(&dir)?;
	for sweep in &study.sweeps {
		plots(&dir, sweep.dimension, &sweep.evaluated)?;
	}
	crash_plot(&dir, &study.traces)?;
	let operators = world.scenarios[0].operators.len();
	std::fs::write(
		dir.join("recommended.json"),
		recommendation_json(&study.recommended.setting, operators),
	)?;
	std::fs::write(out.join("buffer-study.md"), document(world, study, seed, blocks))
}

fn document(world: &World, study: &Study, seed: u64, blocks: usize) -> String {
	let hours = blocks as f64 / BLOCKS_PER_HOUR as f64;
	let runs: usize = study.sweeps.iter().map(|s| s.evaluated.len()).sum::<usize>() + 2;
	let per_setting = world.markets.len() * world.scenarios.len();
	let recommended = &study.recommended;
	let baseline = &study.baseline;
	let mut doc = String::new();
	let _ = write!(
		doc,
		"# Buffer study: choosing a feed's quorum, method, heartbeat, threshold, buffer and \
commit–reveal\n\n\
<!-- Generated by `scripts/buffer-study.sh` (tools/buffer-study); do not edit by hand. -->\n\n\
**Recommendation** (what the runtime's preset feeds use, checked by the runtime test \
`preset_feeds_follow_the_buffer_study`): {}.\n\n\
Re-run it with `scripts/buffer-study.sh`: it rebuilds this page, the plots in `docs/buffer-study/` and \
`docs/buffer-study/recommended.json` from seed {seed}, identically.\n\n",
		setting_line(&recommended.setting)
	);
	let _ = write!(
		doc,
		"## How it is measured\n\n\
The tool (`tools/buffer-study`) runs the parachain's two oracle pallets in a simulated chain \
configured as the runtime is (its generated weights, its default SLA terms and reputation decay), \
block by block, 6 s per block. Nothing of the oracle is re-implemented: each operator runs, at every \
block, the aggregation pallet's offchain planning (`offchain::plan`), its parsing of the venues' JSON, \
outlier rejection, `min_sources` and source median (`offchain::feed_value`) and its deviation gate \
(`offchain::worth_reporting`), and for a commit–reveal feed its commitment, the secret kept in that \
operator's own offchain storage, and the reveal (`offchain::report_entry`); the reports go through \
the pallet's `submit` call; rounds open, close and resolve in its `on_initialize` under the chain's \
rules (an answer window counted from the round's opening, at least `2f + 1` answers whatever the \
feed's quorum, a trimmed mean, triggers the chain enforces, the commit phase and the reveal \
window); the SLA pallet classifies every closed round, gives era points and reports offences. \
Only what lies outside the oracle is a stand-in: venues, the network, `pallet-offences` (which \
records what it is given) and staking's points.\n\n\
- **Prices.** Three paths of {hours:.0} h each ({blocks} blocks): two regime walks (geometric, calm \
40 % and turbulent 150 % annualised volatility, jumps of 1.5 % standard deviation every 4 h on \
average) and the recorded-style series shipped in `tools/buffer-study/data/btc-usd-6s.csv` (GARCH(1,1) \
with Student-t tails, an intraday volatility cycle, cent ticks and a 7 % flash crash over 3 minutes; \
it is synthetic, shaped like a recording, not a recording: this machine has no market data feed). \
Realised volatility, annualised: {volatility}.\n\
- **Venues.** The six venues of the preset feeds with their real JSON shapes and paths: each quotes \
the true price with its own slowly moving basis (2–3 bp; the USDT venues 3 bp higher); CoinGecko \
quotes a minute late; every venue is down once per 50 min on average (for 3 min), prints a price \
3–10 % off for a few blocks once a day, and freezes for 10 min once a day; 1 % of requests time out; \
each operator sees half a basis point of its own noise.\n\
- **Operators.** Seven, in three federations. *Faulty*: five honest, one lagging (it sees the \
venues 2 blocks late and its reports land a block late) and one flaky (offline a fifth of the \
time, in spells of 40 min on average). *Lying minority*: three honest, the lagging and the flaky \
one, and two liars (fewer than a third), modified nodes that skip the deviation gate and report \
every round they can 3–8 % high, together (with commit–reveal they commit to that and reveal \
it). *Degraded*: four honest and three flaky.\n\
- **Reader.** At every block (after {warm} warm-up blocks) a reader takes the feed's latest round \
(`value`, or `running_mean` where the method says so) and compares it with the true price: the \
*tracking error* in basis points, median (p50), 99th percentile (p99) and maximum. *Age* is how \
old the value read is; *not fresh* is the share of blocks at which `fresh_round` refuses (value older \
than `max_age` = two heartbeats, or last round timed out). *Corrupted rounds* resolved more than \
1 % (the SLA tolerance) from the true price. *tx / h* counts included report transactions \
(commitments and reveals are one each), *weight* \
is the reports' and the round checks' reference time (the SLA's work included) priced by the \
generated weights. *Offences* are the SLA pallet's deviation offences, by whom they hit.\n\n\
**The rule.** Each setting runs on every path with every federation ({per_setting} runs). Its \
*objective* is its worst p99 tracking error over those runs. The sweeps run one parameter at a time, \
in the order below, each around what the previous sweeps chose, starting from the presets' values \
before this run ({}). In each sweep the acceptable settings are those whose objective is within the budget \
of {budget:.0} bp (half a percent, the deviation threshold of the widely used BTC/USD reference feeds) \
or, when none is, within {band:.0} % of the best. Among them the tool takes the smallest quorum (a \
round still resolves with the most operators down; quorums the liars can meet alone already fail \
the objective), the largest heartbeat and threshold (the fewest transactions), the longest \
buffer (the most history) and commit–reveal on (with it no operator can read another's value \
before answering, so none can copy the others and earn points without fetching, and a liar \
cannot wait to lie until it would decide: threats the objective does not see, since this \
study's liars lie blindly; a federation whose members copy is one source with many signatures, \
so commit–reveal is acceptable up to {premium:.0} bp beyond the limit the other settings meet, \
and the sweep shows what it costs in latency, transactions and weight); \
the method is taken on the objective, the median (the most robust) on a tie. {runs} settings, {} runs in all.\n\n",
		setting_line(&baseline.setting),
		runs * per_setting,
		warm = crate::sim::WARM_UP,
		band = (BAND - 1.0) * 100.0,
		budget = study::BUDGET_BP,
		premium = study::COMMIT_REVEAL_PREMIUM_BP,
		volatility = world
			.markets
			.iter()
			.map(|m| format!("{} {:.0} %", m.path.name, 100.0 * annualised(&m.path.prices)))
			.collect::<Vec<_>>()
			.join(", "),
	);
	for sweep in &study.sweeps {
		let chosen = &sweep.evaluated[sweep.chosen];
		let _ = write!(
			doc,
			"## {}\n\nAround: {}.\n\n{}\nChosen: **{}** (objective {} bp).\n\n\
![{} against tracking error](buffer-study/{}-error.svg)\n![{} against cost](buffer-study/{}-cost.svg)\n\n",
			capitalise(sweep.dimension.name()),
			around(sweep.dimension, &sweep.evaluated[0].setting),
			table(sweep.dimension, &sweep.evaluated, sweep.chosen),
			sweep.dimension.label(&chosen.setting),
			f1(chosen.objective()),
			sweep.dimension.name(),
			sweep.dimension.slug(),
			sweep.dimension.name(),
			sweep.dimension.slug(),
		);
	}
	let _ = write!(
		doc,
		"## Baseline against recommendation\n\n\
Baseline: {}.\n\nRecommended: {}.\n\n{}\n\
![what a reader sees through the flash crash](buffer-study/crash.svg)\n\n\
The plot follows the recorded-style series through its flash crash with two liars of seven: the \
true price, and what a reader of the feed sees under the baseline and under the recommendation.\n\n",
		setting_line(&baseline.setting),
		setting_line(&recommended.setting),
		comparison(baseline, recommended),
	);
	let _ = write!(
		doc,
		"## Limits\n\n\
- The federation has seven operators, of whom two may lie (f = 2 < 7 / 3), and the chosen quorum \
is what it is for seven. As a rule for other sizes, `recommended.json` states it as 2f + 1 (or \
f + 1) with f = ⌊(n − 1) / 3⌋ when the chosen quorum equals that; the presets, with one \
(development) or two (local) operators, apply the rule to their own count, and the chain never \
takes fewer than 2f + 1 answers of its current operators whatever a feed says.\n\
- The world is a model: real venues fail together (an exchange-wide outage, a stablecoin \
de-peg), which lies outside it; such correlated faults are what `max_source_deviation` and \
`min_sources` cannot catch.\n\
- The resolution delay (2 blocks) and the round timeout (10 blocks) are fixed, as is the source \
side (six venues, median of at least three, 1 % outlier cut).\n",
	);
	doc
}

/// Annualised volatility of a per-block series.
fn annualised(prices: &[f64]) -> f64 {
	let returns: Vec<f64> = prices.windows(2).map(|w| (w[1] / w[0]).ln()).collect();
	let n = returns.len().max(1) as f64;
	let mean = returns.iter().sum::<f64>() / n;
	let variance = returns.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / n;
	(variance * (365 * crate::market::BLOCKS_PER_DAY) as f64).sqrt()
}

fn capitalise(text: &str) -> String {
	let mut chars = text.chars();
	chars
		.next()
		.map_or_else(String::new, |c| c.to_uppercase().collect::<String>() + chars.as_str())
}
