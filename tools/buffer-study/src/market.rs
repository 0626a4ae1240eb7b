//! The world the operators look at: a true price per block, six venues quoting it with their
//! own basis, lag and faults, and the JSON bodies those venues answer with.
//!
//! Everything random is derived from the seed, either in sequence while a path or the venues'
//! fault history is generated once, or by hashing (seed, block, operator, venue) for what each
//! operator sees in a request, so that every setting of a sweep faces exactly the same world.

use pallet_oracle_aggregation::offchain::SourceError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Seconds per parachain block.
pub const BLOCK_SECONDS: u64 = 6;
/// Blocks per hour.
pub const BLOCKS_PER_HOUR: usize = 600;
/// Blocks per day.
pub const BLOCKS_PER_DAY: usize = 24 * BLOCKS_PER_HOUR;

/// A price path: the true price at every block.
#[derive(Clone, Debug)]
pub struct Path {
	/// Short name used in tables.
	pub name: String,
	/// The true price at block `n` is `prices[n]`.
	pub prices: Vec<f64>,
}

/// splitmix64: a 64-bit hash of `parts`, for randomness that depends only on its inputs.
pub fn hash(parts: &[u64]) -> u64 {
	let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
	for part in parts {
		state ^= part.wrapping_add(0x9E37_79B9_7F4A_7C15).wrapping_add(state << 6);
		let mut z = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		state = z ^ (z >> 31);
	}
	state
}

/// A uniform number in (0, 1) from `parts`.
pub fn uniform(parts: &[u64]) -> f64 {
	((hash(parts) >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// A standard normal number from `parts` (Box–Muller).
pub fn normal(parts: &[u64]) -> f64 {
	let mut second = parts.to_vec();
	second.push(0x5EED);
	let (u, v) = (uniform(parts), uniform(&second));
	(-2.0 * u.ln()).sqrt() * (2.0 * core::f64::consts::PI * v).cos()
}

fn gaussian(rng: &mut ChaCha8Rng) -> f64 {
	let (u, v): (f64, f64) = (rng.gen_range(f64::EPSILON..1.0), rng.gen());
	(-2.0 * u.ln()).sqrt() * (2.0 * core::f64::consts::PI * v).cos()
}

/// Per-block volatility of an annualised volatility `annual` (6-second blocks).
fn per_block(annual: f64) -> f64 {
	annual / ((365 * BLOCKS_PER_DAY) as f64).sqrt()
}

/// A geometric random walk with two volatility regimes (calm 40 %, turbulent 150 %
/// annualised; a calm spell lasts 6 h on average, a turbulent one 1 h) and jumps (one every
/// 4 h on average, normal with a 1.5 % standard deviation).
pub fn regime_walk(seed: u64, blocks: usize, start: f64) -> Path {
	let mut rng = ChaCha8Rng::seed_from_u64(seed);
	let (calm, turbulent) = (per_block(0.40), per_block(1.50));
	let mut turbulent_now = false;
	let mut log_price = start.ln();
	let mut prices = Vec::with_capacity(blocks + 1);
	prices.push(start);
	for _ in 0..blocks {
		let switch = if turbulent_now { 1.0 / 600.0 } else { 1.0 / 3_600.0 };
		if rng.gen_bool(switch) {
			turbulent_now = !turbulent_now;
		}
		let sigma = if turbulent_now { turbulent } else { calm };
		log_price += sigma * gaussian(&mut rng) - 0.5 * sigma * sigma;
		if rng.gen_bool(1.0 / 2_400.0) {
			log_price += 0.015 * gaussian(&mut rng);
		}
		prices.push(log_price.exp());
	}
	Path { name: "regime walk".into(), prices }
}

/// The generator of the shipped "recorded-style" series (`data/btc-usd-6s.csv`): a GARCH(1,1)
/// with Student-t(4) shocks (volatility clusters and fat tails, truncated at 8 σ), an intraday volatility
/// cycle, a flash crash of 7 % over 3 minutes that recovers four fifths of the fall over the
/// next 20 minutes, and cent ticks. It is kept here so that the data can be regenerated; the
/// study itself reads the file.
pub fn recorded_style(seed: u64, blocks: usize, start: f64) -> Vec<f64> {
	let mut rng = ChaCha8Rng::seed_from_u64(seed);
	let target = per_block(0.55);
	let (alpha, beta) = (0.06, 0.92);
	let omega = target * target * (1.0 - alpha - beta);
	let mut variance = target * target;
	let mut log_price = start.ln();
	let crash_at = blocks * 3 / 5;
	let mut prices = Vec::with_capacity(blocks + 1);
	prices.push(start);
	for block in 1..=blocks {
		// Student-t with 4 degrees of freedom, scaled to unit variance.
		let chi: f64 = (0..4).map(|_| gaussian(&mut rng).powi(2)).sum::<f64>();
		// Truncated at 8 standard deviations; volatility capped at 5 times its mean.
		let shock = (gaussian(&mut rng) / (chi / 4.0).sqrt() / 2f64.sqrt()).clamp(-8.0, 8.0);
		let cycle =
			1.0 + 0.4 * (2.0 * core::f64::consts::PI * block as f64 / BLOCKS_PER_DAY as f64).sin();
		let step = variance.sqrt() * cycle * shock;
		variance = (omega + alpha * step * step + beta * variance).min(25.0 * target * target);
		log_price += step;
		let crash = if block >= crash_at && block < crash_at + 30 {
			(1.0f64 - 0.07).ln() / 30.0
		} else if block >= crash_at + 30 && block < crash_at + 230 {
			-(1.0f64 - 0.07).ln() * 0.8 / 200.0
		} else {
			0.0
		};
		log_price += crash;
		prices.push((log_price.exp() * 100.0).round() / 100.0);
	}
	prices
}

/// Writes a series as `block,price` CSV.
pub fn to_csv(prices: &[f64]) -> String {
	let mut csv = String::from("block,price\n");
	for (block, price) in prices.iter().enumerate() {
		csv.push_str(&format!("{block},{price:.2}\n"));
	}
	csv
}

/// Reads a `block,price` CSV written by [`to_csv`].
pub fn from_csv(name: &str, csv: &str) -> Result<Path, String> {
	let prices = csv
		.lines()
		.skip(1)
		.filter(|line| !line.trim().is_empty())
		.map(|line| {
			let price = line.split(',').nth(1).ok_or_else(|| format!("no price in `{line}`"))?;
			price.trim().parse::<f64>().map_err(|e| format!("`{line}`: {e}"))
		})
		.collect::<Result<Vec<_>, _>>()?;
	if prices.len() < 2 {
		return Err("fewer than two prices".into());
	}
	Ok(Path { name: name.into(), prices })
}

/// A venue: its JSON shape (as in the runtime's presets), how far behind it quotes, and its
/// basis against the true price.
#[derive(Clone, Copy, Debug)]
pub struct Venue {
	/// Source name.
	pub name: &'static str,
	/// JSON path of the price.
	pub json_path: &'static str,
	/// Its quote is the true price this many blocks ago (an aggregator's cache).
	pub lag: usize,
	/// Standard deviation of its slowly moving basis, in parts per unit.
	pub basis: f64,
	/// Quoted against USDT, which trades a little above USD.
	pub usdt: bool,
	/// Renders a quote.
	pub body: fn(&str) -> String,
}

/// The six venues of the runtime's preset feeds, with the same JSON paths.
pub const VENUES: [Venue; 6] = [
	Venue {
		name: "binance",
		json_path: "price",
		lag: 0,
		basis: 2e-4,
		usdt: true,
		body: |p| format!(r#"{{"symbol":"BTCUSDT","price":"{p}"}}"#),
	},
	Venue {
		name: "coinbase",
		json_path: "data.amount",
		lag: 0,
		basis: 2e-4,
		usdt: false,
		body: |p| format!(r#"{{"data":{{"amount":"{p}","base":"BTC","currency":"USD"}}}}"#),
	},
	Venue {
		name: "kraken",
		json_path: "result.XXBTZUSD.c[0]",
		lag: 0,
		basis: 3e-4,
		usdt: false,
		body: |p| {
			format!(
				r#"{{"error":[],"result":{{"XXBTZUSD":{{"a":["{p}","1","1.000"],"c":["{p}","0.00100000"]}}}}}}"#
			)
		},
	},
	Venue {
		name: "okx",
		json_path: "data[0].last",
		lag: 0,
		basis: 3e-4,
		usdt: true,
		body: |p| {
			format!(r#"{{"code":"0","msg":"","data":[{{"instId":"BTC-USDT","last":"{p}"}}]}}"#)
		},
	},
	Venue {
		name: "bybit",
		json_path: "result.list[0].lastPrice",
		lag: 0,
		basis: 3e-4,
		usdt: true,
		body: |p| {
			format!(
				r#"{{"retCode":0,"result":{{"category":"spot","list":[{{"symbol":"BTCUSDT","lastPrice":"{p}"}}]}}}}"#
			)
		},
	},
	Venue {
		name: "coingecko",
		json_path: "bitcoin.usd",
		lag: 10,
		basis: 1e-4,
		usdt: false,
		body: |p| format!(r#"{{"bitcoin":{{"usd":{p}}}}}"#),
	},
];

/// What a venue answers at a block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Quote {
	/// A price.
	Price(f64),
	/// The venue is down (503).
	Down,
}

/// The venues' quotes at every block of a path, with their outages, bad prints and freezes.
pub struct Market {
	/// The path.
	pub path: Path,
	/// `quotes[n][v]`: venue `v` at block `n`.
	pub quotes: Vec<[Quote; 6]>,
	/// The seed of per-request randomness.
	pub seed: u64,
}

impl Market {
	/// Venue histories for `path`: a mean-reverting basis per venue (USDT venues 3 bp above
	/// USD); outages one per 50 min per venue on average, 3 min long on average; a bad print
	/// (3–10 % off for 1–5 blocks) and a freeze (the last price for 10 min) each once a day
	/// per venue on average.
	pub fn new(path: Path, seed: u64) -> Self {
		let mut rng = ChaCha8Rng::seed_from_u64(seed);
		let blocks = path.prices.len();
		let mut quotes = Vec::with_capacity(blocks);
		let mut basis = [0.0f64; 6];
		let mut down = [0usize; 6];
		let mut bad = [(0usize, 0.0f64); 6];
		let mut frozen = [(0usize, 0.0f64); 6];
		for n in 0..blocks {
			let mut row = [Quote::Down; 6];
			for (v, venue) in VENUES.iter().enumerate() {
				let keep = 0.999f64;
				basis[v] =
					keep * basis[v] + venue.basis * (1.0 - keep * keep).sqrt() * gaussian(&mut rng);
				if down[v] == 0 && rng.gen_bool(1.0 / 500.0) {
					down[v] = 1 + (-30.0 * rng.gen_range(f64::EPSILON..1.0f64).ln()) as usize;
				}
				if bad[v].0 == 0 && rng.gen_bool(1.0 / BLOCKS_PER_DAY as f64) {
					let size =
						rng.gen_range(0.03..0.10) * if rng.gen_bool(0.5) { 1.0 } else { -1.0 };
					bad[v] = (rng.gen_range(1..=5), size);
				}
				let truth = path.prices[n.saturating_sub(venue.lag)];
				let usdt = if venue.usdt { 3e-4 } else { 0.0 };
				let mut price = truth * (1.0 + basis[v] + usdt);
				if frozen[v].0 == 0 && rng.gen_bool(1.0 / BLOCKS_PER_DAY as f64) {
					frozen[v] = (100, price);
				}
				if frozen[v].0 > 0 {
					frozen[v].0 -= 1;
					price = frozen[v].1;
				}
				if bad[v].0 > 0 {
					bad[v].0 -= 1;
					price *= 1.0 + bad[v].1;
				}
				row[v] = if down[v] > 0 {
					down[v] -= 1;
					Quote::Down
				} else {
					Quote::Price(price)
				};
			}
			quotes.push(row);
		}
		Market { path, quotes, seed }
	}

	/// The true price at block `n`.
	pub fn truth(&self, n: usize) -> f64 {
		self.path.prices[n.min(self.path.prices.len() - 1)]
	}

	/// The blocks of the path.
	pub fn blocks(&self) -> usize {
		self.path.prices.len() - 1
	}

	/// The body operator `operator` receives from venue `v` when it asks at block `n`: the
	/// venue's quote plus half a basis point of microstructure noise (operators do not hit
	/// the same trade), or a failed request (1 % of requests time out or fail).
	pub fn body(&self, n: usize, operator: u64, v: usize) -> Result<Vec<u8>, SourceError> {
		let n = n.min(self.quotes.len() - 1);
		let key = [self.seed, n as u64, operator, v as u64];
		if uniform(&[key[0], key[1], key[2], key[3], 1]) < 0.01 {
			return Err(SourceError::Timeout);
		}
		match self.quotes[n][v] {
			Quote::Down => Err(SourceError::Status(503)),
			Quote::Price(price) => {
				let seen = price * (1.0 + 0.5e-4 * normal(&key));
				Ok((VENUES[v].body)(&format!("{seen:.2}")).into_bytes())
			},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::BoundedVec;
	use pallet_oracle_aggregation::{
		feed_config::{Source, Transform},
		offchain::source_value,
	};

	#[test]
	fn every_venue_body_parses_at_its_path_to_the_quoted_price() {
		for venue in VENUES {
			let source = Source {
				name: BoundedVec::truncate_from(venue.name.as_bytes().to_vec()),
				url: BoundedVec::truncate_from(b"http://venues.invalid".to_vec()),
				json_path: BoundedVec::truncate_from(venue.json_path.as_bytes().to_vec()),
				transform: Transform { shift: 0, invert: false },
				weight: 1,
				api_key: None,
			};
			let body = (venue.body)("64123.45");
			assert_eq!(
				source_value(&source, 8, body.as_bytes()),
				Ok(6_412_345_000_000),
				"{}",
				venue.name
			);
		}
	}

	#[test]
	fn the_shipped_series_reads_and_is_what_its_generator_makes() {
		let csv = include_str!("../data/btc-usd-6s.csv");
		let path = from_csv("recorded-style", csv).expect("the shipped series parses");
		assert_eq!(path.prices.len(), BLOCKS_PER_DAY + 1);
		let generated = recorded_style(6_400_000, BLOCKS_PER_DAY, 64_000.0);
		assert_eq!(to_csv(&generated), csv);
	}

	#[test]
	fn paths_and_markets_are_seeded() {
		let a = regime_walk(1, 1_000, 100.0);
		assert_eq!(a.prices, regime_walk(1, 1_000, 100.0).prices);
		assert_ne!(a.prices, regime_walk(2, 1_000, 100.0).prices);
		let market = Market::new(a, 3);
		assert_eq!(market.body(10, 1, 0), market.body(10, 1, 0));
		assert_ne!(market.body(10, 1, 0), market.body(10, 2, 0));
	}
}
