//! `buffer-study`: runs the study and writes `docs/buffer-study.md`, its plots and the
//! recommendation.
//!
//! ```text
//! buffer-study [--out DIR] [--data CSV] [--seed N] [--hours H] [--threads T]
//! buffer-study generate-series [--seed N] [--out CSV]
//! ```

use buffer_study::{market, report, study};
use std::path::PathBuf;

/// The seed of the committed figures.
const SEED: u64 = 20_261_121;
/// The seed of the committed recorded-style series.
const SERIES_SEED: u64 = 6_400_000;

fn value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
	args.iter()
		.position(|a| a == name)
		.and_then(|i| args.get(i + 1))
		.map(String::as_str)
}

fn main() -> Result<(), String> {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
	let parse = |name: &str, default: u64| -> Result<u64, String> {
		value(&args, name).map_or(Ok(default), |v| v.parse().map_err(|e| format!("{name}: {e}")))
	};
	let seed = parse("--seed", SEED)?;

	if args.first().map(String::as_str) == Some("generate-series") {
		let out = value(&args, "--out")
			.map_or_else(|| root.join("tools/buffer-study/data/btc-usd-6s.csv"), PathBuf::from);
		let prices =
			market::recorded_style(parse("--seed", SERIES_SEED)?, market::BLOCKS_PER_DAY, 64_000.0);
		std::fs::write(&out, market::to_csv(&prices)).map_err(|e| format!("{out:?}: {e}"))?;
		eprintln!("wrote {} prices to {out:?}", prices.len());
		return Ok(());
	}

	let data = value(&args, "--data")
		.map_or_else(|| root.join("tools/buffer-study/data/btc-usd-6s.csv"), PathBuf::from);
	let out = value(&args, "--out").map_or_else(|| root.join("docs"), PathBuf::from);
	let hours = parse("--hours", 24)?;
	let threads =
		parse("--threads", std::thread::available_parallelism().map_or(1, |n| n.get() as u64))?;
	let csv = std::fs::read_to_string(&data).map_err(|e| format!("{data:?}: {e}"))?;
	let recorded = market::from_csv("recorded-style", &csv)?;
	let blocks = (hours as usize * market::BLOCKS_PER_HOUR).min(recorded.prices.len() - 1);

	let started = std::time::Instant::now();
	let world = study::World::new(seed, blocks, recorded, threads as usize);
	let result = study::run(&world);
	report::write(&out, &world, &result, seed, blocks).map_err(|e| format!("{out:?}: {e}"))?;
	eprintln!(
		"study done in {:.0} s; wrote {:?} and {:?}",
		started.elapsed().as_secs_f64(),
		out.join("buffer-study.md"),
		out.join("buffer-study")
	);
	Ok(())
}
