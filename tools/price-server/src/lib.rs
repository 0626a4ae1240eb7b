//! A local price server for oracle runs and tests.
//!
//! It serves, on loopback, the ticker endpoints of real exchanges in their documented response
//! shapes, each under a path prefix named after the venue (`/binance/api/v3/ticker/price?...`),
//! for a configurable set of symbols. Prices follow a seeded random walk: the *true* price of a
//! symbol moves once per tick, and every venue quotes it with its own small, seeded offset (the
//! sources' spread). `GET /true/{SYMBOL}` tells the truth; `GET /control/fault?venue=..&fault=..`
//! injects a fault into one venue. Everything is exact decimal arithmetic on `i128` with
//! [`DECIMALS`] places; the same seed gives the same prices.

use std::{collections::BTreeMap, fmt::Write as _, time::Duration};

/// Decimal places of every price the server computes.
pub const DECIMALS: u32 = 8;
/// `10^DECIMALS`.
pub const SCALE: i128 = 100_000_000;
/// Parts per million.
const PPM: i128 = 1_000_000;

/// The venues served, each under `/{name}/`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub enum Venue {
	Binance,
	Coinbase,
	Kraken,
	Bitstamp,
	Okx,
	Kucoin,
	Gate,
	Bybit,
	Coingecko,
	Htx,
	Cryptocom,
}

impl Venue {
	/// Every venue, in a fixed order.
	pub const ALL: [Venue; 11] = [
		Venue::Binance,
		Venue::Coinbase,
		Venue::Kraken,
		Venue::Bitstamp,
		Venue::Okx,
		Venue::Kucoin,
		Venue::Gate,
		Venue::Bybit,
		Venue::Coingecko,
		Venue::Htx,
		Venue::Cryptocom,
	];

	/// The venue's path prefix.
	pub fn name(self) -> &'static str {
		match self {
			Venue::Binance => "binance",
			Venue::Coinbase => "coinbase",
			Venue::Kraken => "kraken",
			Venue::Bitstamp => "bitstamp",
			Venue::Okx => "okx",
			Venue::Kucoin => "kucoin",
			Venue::Gate => "gate",
			Venue::Bybit => "bybit",
			Venue::Coingecko => "coingecko",
			Venue::Htx => "htx",
			Venue::Cryptocom => "cryptocom",
		}
	}

	/// The venue called `name`.
	pub fn from_name(name: &str) -> Option<Venue> {
		Venue::ALL.into_iter().find(|venue| venue.name() == name)
	}

	/// The request path (after the venue prefix) and the JSON path to the price of `symbol`
	/// quoted in US dollars, as the real venue has them. `coingecko_id` names the asset on
	/// CoinGecko.
	pub fn endpoint(self, symbol: &str, coingecko_id: &str) -> (String, String) {
		let upper = symbol.to_uppercase();
		let lower = symbol.to_lowercase();
		match self {
			Venue::Binance => (format!("/api/v3/ticker/price?symbol={upper}USDT"), "price".into()),
			Venue::Coinbase => (format!("/v2/prices/{upper}-USD/spot"), "data.amount".into()),
			Venue::Kraken => (
				format!("/0/public/Ticker?pair={}USD", kraken_base(&upper)),
				format!("result.{}.c[0]", kraken_pair(&upper)),
			),
			Venue::Bitstamp => (format!("/api/v2/ticker/{lower}usd/"), "last".into()),
			Venue::Okx => {
				(format!("/api/v5/market/ticker?instId={upper}-USDT"), "data[0].last".into())
			},
			Venue::Kucoin => (
				format!("/api/v1/market/orderbook/level1?symbol={upper}-USDT"),
				"data.price".into(),
			),
			Venue::Gate => {
				(format!("/api/v4/spot/tickers?currency_pair={upper}_USDT"), "[0].last".into())
			},
			Venue::Bybit => (
				format!("/v5/market/tickers?category=spot&symbol={upper}USDT"),
				"result.list[0].lastPrice".into(),
			),
			Venue::Coingecko => (
				format!("/api/v3/simple/price?ids={coingecko_id}&vs_currencies=usd"),
				format!("{coingecko_id}.usd"),
			),
			Venue::Htx => {
				(format!("/market/detail/merged?symbol={lower}usdt"), "tick.close".into())
			},
			Venue::Cryptocom => (
				format!("/exchange/v1/public/get-tickers?instrument_name={upper}_USDT"),
				"result.data[0].a".into(),
			),
		}
	}
}

/// Kraken's name of a base asset in requests.
fn kraken_base(symbol: &str) -> &str {
	if symbol == "BTC" {
		"XBT"
	} else {
		symbol
	}
}

/// Kraken's own pair name in its responses: `XXBTZUSD`, `XETHZUSD`, else `{BASE}USD`.
fn kraken_pair(symbol: &str) -> String {
	match symbol {
		"BTC" => "XXBTZUSD".into(),
		"ETH" => "XETHZUSD".into(),
		other => format!("{other}USD"),
	}
}

/// What a venue does wrong.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub enum Fault {
	/// Nothing: it answers at once with its quote.
	#[default]
	None,
	/// It answers after this many milliseconds.
	Delay(u64),
	/// It answers HTTP 500 with an error body.
	Error,
	/// It answers HTTP 200 with an HTML error page, as a misbehaving proxy does.
	Garbage,
	/// Its quote is off by this many parts per million of the true price.
	Outlier(i64),
	/// It sends its headers at once, then its body one byte every this many milliseconds.
	Trickle(u64),
	/// Its body is this many bytes: the quote after that much leading whitespace.
	Huge(u64),
	/// It answers `302 Found` with this `Location`.
	Redirect(String),
	/// It sends its headers, then nothing: the body never comes.
	HeadersThenStall,
}

impl Fault {
	/// Parses `none`, `delay:<ms>`, `error`, `garbage`, `outlier:<ppm>`, `trickle:<ms per byte>`,
	/// `huge:<bytes>`, `redirect:<url>` or `headers-then-stall`.
	pub fn parse(text: &str) -> Result<Fault, String> {
		let (kind, argument) = match text.split_once(':') {
			Some((kind, argument)) => (kind, Some(argument)),
			None => (text, None),
		};
		let number = |argument: Option<&str>| {
			argument
				.ok_or_else(|| format!("fault {kind} needs a number: {kind}:<n>"))?
				.parse::<i64>()
				.map_err(|e| format!("bad number in fault {text}: {e}"))
		};
		match kind {
			"none" => Ok(Fault::None),
			"delay" => Ok(Fault::Delay(number(argument)?.max(0) as u64)),
			"error" => Ok(Fault::Error),
			"garbage" => Ok(Fault::Garbage),
			"outlier" => Ok(Fault::Outlier(number(argument)?)),
			"trickle" => Ok(Fault::Trickle(number(argument)?.max(1) as u64)),
			"huge" => Ok(Fault::Huge(number(argument)?.max(0) as u64)),
			"redirect" => match argument {
				Some(url) if !url.is_empty() => Ok(Fault::Redirect(url.into())),
				_ => Err(format!("fault {kind} needs a URL: redirect:<url>")),
			},
			"headers-then-stall" => Ok(Fault::HeadersThenStall),
			_ => Err(format!(
				"unknown fault {text}: none, delay:<ms>, error, garbage, outlier:<ppm>, \
				 trickle:<ms per byte>, huge:<bytes>, redirect:<url>, headers-then-stall"
			)),
		}
	}
}

/// A symbol the server quotes.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Symbol {
	/// The ticker, upper case: `BTC`.
	pub ticker: String,
	/// CoinGecko's id of the asset: `bitcoin`.
	pub coingecko_id: String,
	/// The true price at tick 0, with [`DECIMALS`] places.
	pub start: i128,
}

impl Symbol {
	/// Parses `BTC=98000` or `BTC:bitcoin=98000` (decimal start price, rounded to
	/// [`DECIMALS`] places; CoinGecko id defaulting to the well-known one or the lower-case
	/// ticker).
	pub fn parse(text: &str) -> Result<Symbol, String> {
		let (name, price) =
			text.split_once('=').ok_or_else(|| format!("symbol {text} is not NAME=PRICE"))?;
		let (ticker, id) = match name.split_once(':') {
			Some((ticker, id)) => (ticker.to_uppercase(), id.to_string()),
			None => {
				let ticker = name.to_uppercase();
				let id = match ticker.as_str() {
					"BTC" => "bitcoin".to_string(),
					"ETH" => "ethereum".to_string(),
					"DOT" => "polkadot".to_string(),
					"SOL" => "solana".to_string(),
					"KSM" => "kusama".to_string(),
					_ => ticker.to_lowercase(),
				};
				(ticker, id)
			},
		};
		if ticker.is_empty() || !ticker.chars().all(|c| c.is_ascii_alphanumeric()) {
			return Err(format!("symbol {name} must be letters and digits"));
		}
		// The oracle's own exact parser: what the offchain worker reads, the server takes.
		let start =
			pallet_oracle_aggregation::parse::parse_decimal(price.as_bytes(), DECIMALS as u8)
				.map_err(|e| format!("bad price {price}: {e:?}"))?;
		if start <= 0 {
			return Err(format!("price of {ticker} must be positive"));
		}
		Ok(Symbol { ticker, coingecko_id: id, start })
	}
}

/// `value` with [`DECIMALS`] places as a decimal string with exactly `places` places
/// (truncating), or with trailing zeros trimmed when `places` is `None`.
pub fn format_decimal(value: i128, places: Option<u32>) -> String {
	let sign = if value < 0 { "-" } else { "" };
	let value = value.unsigned_abs();
	let scale = SCALE.unsigned_abs();
	let (whole, fraction) = (value / scale, value % scale);
	let mut fraction = format!("{fraction:08}");
	match places {
		Some(places) => fraction.truncate(places as usize),
		None => {
			while fraction.ends_with('0') {
				fraction.pop();
			}
		},
	}
	if fraction.is_empty() {
		format!("{sign}{whole}")
	} else {
		format!("{sign}{whole}.{fraction}")
	}
}

/// `value` as a JSON number the way CoinGecko writes one: plain, or in exponent notation
/// below 0.001 (`2.134e-05`).
fn format_number(value: i128) -> String {
	if value <= 0 || value >= SCALE / 1000 {
		return format_decimal(value, None);
	}
	// value = digits × 10^-8; write d.ddd × 10^e.
	let digits = value.to_string();
	let exponent = digits.len() as i32 - 1 - DECIMALS as i32;
	let (first, rest) = digits.split_at(1);
	let rest = rest.trim_end_matches('0');
	let mantissa = if rest.is_empty() { first.to_string() } else { format!("{first}.{rest}") };
	format!("{mantissa}e-{:02}", -exponent)
}

/// SplitMix64: a small, well-mixed, seedable generator.
fn mix(mut x: u64) -> u64 {
	x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
	x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
	x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
	x ^ (x >> 31)
}

/// A seeded number in `[-bound, bound]` for the given inputs.
fn draw(seed: u64, inputs: &[u64], bound: i128) -> i128 {
	let mut state = mix(seed);
	for input in inputs {
		state = mix(state ^ input);
	}
	if bound <= 0 {
		return 0;
	}
	let span = (2 * bound + 1) as u128;
	(u128::from(state) % span) as i128 - bound
}

fn text_id(text: &str) -> u64 {
	text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
		(hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
	})
}

/// The market: symbols, their seeded random walks and every venue's quotes.
#[derive(Clone, Debug)]
pub struct Market {
	/// The seed of every draw.
	pub seed: u64,
	/// The symbols quoted.
	pub symbols: Vec<Symbol>,
	/// The largest move of the true price per tick, in parts per million.
	pub volatility_ppm: i128,
	/// The largest offset of a venue's quote from the true price, in parts per million.
	pub spread_ppm: i128,
	/// The true prices computed so far, per symbol, by tick.
	paths: BTreeMap<String, Vec<i128>>,
}

/// One symbol at one tick: the truth and what each venue quotes without faults.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Truth {
	pub ticker: String,
	pub tick: u64,
	/// The true price.
	pub price: i128,
	/// The lowest and highest honest venue quotes.
	pub min: i128,
	pub max: i128,
	/// Every venue's honest quote.
	pub quotes: Vec<(Venue, i128)>,
}

impl Market {
	pub fn new(seed: u64, symbols: Vec<Symbol>, volatility_ppm: i128, spread_ppm: i128) -> Self {
		Market { seed, symbols, volatility_ppm, spread_ppm, paths: BTreeMap::new() }
	}

	/// The symbol with `ticker`.
	pub fn symbol(&self, ticker: &str) -> Option<&Symbol> {
		self.symbols.iter().find(|s| s.ticker.eq_ignore_ascii_case(ticker))
	}

	/// The true price of `ticker` at `tick`: the start price moved by a seeded step of at most
	/// `volatility_ppm` per tick, never below one unit.
	pub fn true_price(&mut self, ticker: &str, tick: u64) -> Option<i128> {
		let symbol = self.symbol(ticker)?.clone();
		let (seed, volatility) = (self.seed, self.volatility_ppm);
		let path = self.paths.entry(symbol.ticker.clone()).or_insert_with(|| vec![symbol.start]);
		let id = text_id(&symbol.ticker);
		while (path.len() as u64) <= tick {
			let last = *path.last().expect("starts with one price; qed");
			let step = draw(seed, &[id, path.len() as u64], volatility);
			path.push((last + last * step / PPM).max(1));
		}
		path.get(tick as usize).copied()
	}

	/// What `venue` quotes for `ticker` at `tick` without faults: the true price moved by the
	/// venue's seeded offset of at most `spread_ppm`.
	pub fn quote(&mut self, venue: Venue, ticker: &str, tick: u64) -> Option<i128> {
		let price = self.true_price(ticker, tick)?;
		let offset = draw(
			self.seed,
			&[text_id(venue.name()), text_id(&ticker.to_uppercase()), tick],
			self.spread_ppm,
		);
		Some((price + price * offset / PPM).max(1))
	}

	/// The truth about `ticker` at `tick`.
	pub fn truth(&mut self, ticker: &str, tick: u64) -> Option<Truth> {
		let price = self.true_price(ticker, tick)?;
		let quotes: Vec<(Venue, i128)> = Venue::ALL
			.into_iter()
			.filter_map(|venue| Some((venue, self.quote(venue, ticker, tick)?)))
			.collect();
		let min = quotes.iter().map(|(_, q)| *q).min().unwrap_or(price);
		let max = quotes.iter().map(|(_, q)| *q).max().unwrap_or(price);
		let ticker = self.symbol(ticker)?.ticker.clone();
		Some(Truth { ticker, tick, price, min, max, quotes })
	}
}

/// An HTTP response.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Response {
	pub status: u16,
	pub content_type: &'static str,
	pub body: String,
	/// How long to wait before answering.
	pub delay: Duration,
	/// How the body is sent after the headers.
	pub pace: Pace,
	/// A `Location` header.
	pub location: Option<String>,
}

/// How a response's body follows its headers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Pace {
	/// At once.
	Whole,
	/// One byte at a time, this long apart.
	Trickle(Duration),
	/// Never: the connection stays open without it.
	Stall,
}

impl Response {
	fn json(status: u16, body: String) -> Response {
		Response {
			status,
			content_type: "application/json",
			body,
			delay: Duration::ZERO,
			pace: Pace::Whole,
			location: None,
		}
	}
}

/// `text` with its `%XX` escapes decoded (a fault's URL comes encoded in the query string).
fn percent_decode(text: &str) -> String {
	let bytes = text.as_bytes();
	let mut out = Vec::with_capacity(bytes.len());
	let mut index = 0;
	while let Some(&byte) = bytes.get(index) {
		let escaped = (byte == b'%')
			.then(|| bytes.get(index + 1..index + 3))
			.flatten()
			.and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
		match escaped {
			Some(decoded) => {
				out.push(decoded);
				index += 3;
			},
			None => {
				out.push(byte);
				index += 1;
			},
		}
	}
	String::from_utf8_lossy(&out).into_owned()
}

/// The value of `key` in the query string `query`.
fn query_param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
	query.split('&').find_map(|pair| {
		let (k, v) = pair.split_once('=')?;
		(k == key).then_some(v)
	})
}

/// The base asset of a venue's market name: `BTCUSDT`, `BTC-USD`, `btc_usdt`, `XBTUSD`,
/// `btcusd` → `BTC`.
fn base_asset(market: &str) -> String {
	let mut name: String = market
		.chars()
		.filter(|c| c.is_ascii_alphanumeric())
		.collect::<String>()
		.to_uppercase();
	for quote in ["USDT", "USD"] {
		if let Some(base) = name.strip_suffix(quote) {
			name = base.to_string();
			break;
		}
	}
	if name == "XBT" {
		"BTC".into()
	} else {
		name
	}
}

/// Which symbol a venue request asks for, or `None` when the path is not the venue's endpoint.
/// CoinGecko's request may name several assets, so several symbols come back.
fn requested(venue: Venue, market: &Market, path: &str, query: &str) -> Option<Vec<String>> {
	let param = |key| query_param(query, key).map(base_asset);
	let one = |symbol: Option<String>| symbol.map(|s| vec![s]);
	match venue {
		Venue::Binance if path == "/api/v3/ticker/price" => one(param("symbol")),
		Venue::Coinbase => {
			let pair = path.strip_prefix("/v2/prices/")?.strip_suffix("/spot")?;
			one(Some(base_asset(pair)))
		},
		Venue::Kraken if path == "/0/public/Ticker" => one(param("pair")),
		Venue::Bitstamp => {
			let pair = path.strip_prefix("/api/v2/ticker/")?.trim_end_matches('/');
			one(Some(base_asset(pair)))
		},
		Venue::Okx if path == "/api/v5/market/ticker" => one(param("instId")),
		Venue::Kucoin if path == "/api/v1/market/orderbook/level1" => one(param("symbol")),
		Venue::Gate if path == "/api/v4/spot/tickers" => one(param("currency_pair")),
		Venue::Bybit if path == "/v5/market/tickers" => one(param("symbol")),
		Venue::Coingecko if path == "/api/v3/simple/price" => Some(
			query_param(query, "ids")?
				.split(',')
				.map(|id| {
					market
						.symbols
						.iter()
						.find(|s| s.coingecko_id == id)
						.map_or_else(|| id.to_uppercase(), |s| s.ticker.clone())
				})
				.collect(),
		),
		Venue::Htx if path == "/market/detail/merged" => one(param("symbol")),
		Venue::Cryptocom if path == "/exchange/v1/public/get-tickers" => {
			one(param("instrument_name"))
		},
		_ => None,
	}
}

/// A venue's response body for `ticker` quoted at `price` (`None`: an unknown symbol, answered
/// the way the venue answers one). `now_ms` stamps the bodies that carry a time.
fn venue_body(venue: Venue, ticker: &str, price: Option<i128>, now_ms: u64) -> (u16, String) {
	let lower = ticker.to_lowercase();
	let p8 = |p| format_decimal(p, Some(8));
	let p = |p| format_decimal(p, None);
	let bid_ask = |price: i128| (price - price / 100_000, price + price / 100_000);
	match (venue, price) {
		(Venue::Binance, Some(price)) => {
			(200, format!(r#"{{"symbol":"{ticker}USDT","price":"{}"}}"#, p8(price)))
		},
		(Venue::Binance, None) => (400, r#"{"code":-1121,"msg":"Invalid symbol."}"#.into()),
		(Venue::Coinbase, Some(price)) => (
			200,
			format!(r#"{{"data":{{"amount":"{}","base":"{ticker}","currency":"USD"}}}}"#, p(price)),
		),
		(Venue::Coinbase, None) => {
			(404, r#"{"errors":[{"id":"not_found","message":"Invalid base currency"}]}"#.into())
		},
		(Venue::Kraken, Some(price)) => {
			let (bid, ask) = bid_ask(price);
			(
				200,
				format!(
					r#"{{"error":[],"result":{{"{}":{{"a":["{}","1","1.000"],"b":["{}","1","1.000"],"c":["{}","0.00050000"],"v":["100.1","2000.2"],"p":["{}","{}"],"t":[1000,20000],"l":["{}","{}"],"h":["{}","{}"],"o":"{}"}}}}}}"#,
					kraken_pair(ticker),
					p(ask),
					p(bid),
					p(price),
					p(price),
					p(price),
					p(bid),
					p(bid),
					p(ask),
					p(ask),
					p(price)
				),
			)
		},
		(Venue::Kraken, None) => (200, r#"{"error":["EQuery:Unknown asset pair"]}"#.into()),
		(Venue::Bitstamp, Some(price)) => {
			let (bid, ask) = bid_ask(price);
			(
				200,
				format!(
					r#"{{"timestamp":"{}","open":"{}","high":"{}","low":"{}","last":"{}","volume":"1234.5","vwap":"{}","bid":"{}","ask":"{}","open_24":"{}","percent_change_24":"0.00"}}"#,
					now_ms / 1000,
					p(price),
					p(ask),
					p(bid),
					p(price),
					p(price),
					p(bid),
					p(ask),
					p(price)
				),
			)
		},
		(Venue::Bitstamp, None) => (404, "<html><body>Not Found</body></html>".into()),
		(Venue::Okx, price) => {
			let data = price.map_or_else(String::new, |price| {
				let (bid, ask) = bid_ask(price);
				format!(
					r#"{{"instType":"SPOT","instId":"{ticker}-USDT","last":"{}","lastSz":"0.01","askPx":"{}","askSz":"1","bidPx":"{}","bidSz":"1","ts":"{now_ms}"}}"#,
					p(price),
					p(ask),
					p(bid)
				)
			});
			let code = if price.is_some() { "0" } else { "51001" };
			(200, format!(r#"{{"code":"{code}","msg":"","data":[{data}]}}"#))
		},
		(Venue::Kucoin, price) => {
			let data = price.map_or_else(
				|| "null".to_string(),
				|price| {
					let (bid, ask) = bid_ask(price);
					format!(
						r#"{{"time":{now_ms},"sequence":"1","price":"{}","size":"0.01","bestBid":"{}","bestBidSize":"1","bestAsk":"{}","bestAskSize":"1"}}"#,
						p(price),
						p(bid),
						p(ask)
					)
				},
			);
			(200, format!(r#"{{"code":"200000","data":{data}}}"#))
		},
		(Venue::Gate, Some(price)) => {
			let (bid, ask) = bid_ask(price);
			(
				200,
				format!(
					r#"[{{"currency_pair":"{ticker}_USDT","last":"{}","lowest_ask":"{}","highest_bid":"{}","change_percentage":"0.0","base_volume":"100","quote_volume":"1000000"}}]"#,
					p(price),
					p(ask),
					p(bid)
				),
			)
		},
		(Venue::Gate, None) => {
			(400, r#"{"label":"INVALID_CURRENCY","message":"Invalid currency"}"#.into())
		},
		(Venue::Bybit, price) => {
			let list = price.map_or_else(String::new, |price| {
				let (bid, ask) = bid_ask(price);
				format!(
					r#"{{"symbol":"{ticker}USDT","lastPrice":"{}","bid1Price":"{}","ask1Price":"{}","volume24h":"100"}}"#,
					p(price),
					p(bid),
					p(ask)
				)
			});
			(
				200,
				format!(
					r#"{{"retCode":0,"retMsg":"OK","result":{{"category":"spot","list":[{list}]}},"time":{now_ms}}}"#
				),
			)
		},
		// Several assets are answered together; see `respond`.
		(Venue::Coingecko, _) => (200, String::new()),
		(Venue::Htx, Some(price)) => {
			let (bid, ask) = bid_ask(price);
			(
				200,
				format!(
					r#"{{"ch":"market.{lower}usdt.detail.merged","status":"ok","ts":{now_ms},"tick":{{"id":1,"version":1,"open":{},"close":{},"low":{},"high":{},"amount":100.5,"vol":1000000.0,"count":1000,"bid":[{},1.0],"ask":[{},1.0]}}}}"#,
					p(price),
					p(price),
					p(bid),
					p(ask),
					p(bid),
					p(ask)
				),
			)
		},
		(Venue::Htx, None) => (
			200,
			r#"{"status":"error","err-code":"invalid-parameter","err-msg":"invalid symbol"}"#
				.into(),
		),
		(Venue::Cryptocom, price) => {
			let data = price.map_or_else(String::new, |price| {
				let (bid, ask) = bid_ask(price);
				format!(
					r#"{{"i":"{ticker}_USDT","h":"{}","l":"{}","a":"{}","v":"100","vv":"1000000","c":"0.0","b":"{}","k":"{}","t":{now_ms}}}"#,
					p(ask),
					p(bid),
					p(price),
					p(bid),
					p(ask)
				)
			});
			(
				200,
				format!(
					r#"{{"id":-1,"method":"public/get-tickers","code":0,"result":{{"data":[{data}]}}}}"#
				),
			)
		},
	}
}

/// The server's state: the market and each venue's fault.
#[derive(Clone, Debug)]
pub struct Server {
	pub market: Market,
	pub faults: BTreeMap<Venue, Fault>,
}

impl Server {
	/// The answer to `GET target` at `tick` (`now_ms` stamps bodies).
	pub fn respond(&mut self, target: &str, tick: u64, now_ms: u64) -> Response {
		let (path, query) = target.split_once('?').unwrap_or((target, ""));
		if path == "/health" {
			return Response::json(200, r#"{"status":"ok"}"#.into());
		}
		if path == "/control/fault" {
			return self.control(query);
		}
		if let Some(ticker) = path.strip_prefix("/true/") {
			let tick = query_param(query, "tick").and_then(|t| t.parse().ok()).unwrap_or(tick);
			return match self.market.truth(ticker, tick) {
				Some(truth) => Response::json(200, truth_json(&truth, &self.faults)),
				None => Response::json(404, r#"{"error":"unknown symbol"}"#.into()),
			};
		}
		let mut parts = path.splitn(3, '/').skip(1);
		let venue = parts.next().and_then(Venue::from_name);
		let rest = parts.next().map(|rest| format!("/{rest}")).unwrap_or_default();
		let Some(venue) = venue else {
			return Response::json(404, r#"{"error":"not found"}"#.into());
		};
		let Some(tickers) = requested(venue, &self.market, &rest, query) else {
			return Response::json(404, r#"{"error":"not found"}"#.into());
		};
		let fault = self.faults.get(&venue).cloned().unwrap_or_default();
		let quote = |market: &mut Market, ticker: &str| {
			let quote = market.quote(venue, ticker, tick)?;
			let price = market.true_price(ticker, tick)?;
			Some(match &fault {
				Fault::Outlier(ppm) => (quote + price * i128::from(*ppm) / PPM).max(1),
				_ => quote,
			})
		};
		let (status, body) = if venue == Venue::Coingecko {
			let entries: Vec<String> = tickers
				.iter()
				.filter_map(|ticker| {
					let symbol = self.market.symbol(ticker)?.clone();
					let price = quote(&mut self.market, ticker)?;
					Some(format!(r#""{}":{{"usd":{}}}"#, symbol.coingecko_id, format_number(price)))
				})
				.collect();
			(200, format!("{{{}}}", entries.join(",")))
		} else {
			let ticker = tickers.first().cloned().unwrap_or_default();
			let price = quote(&mut self.market, &ticker);
			venue_body(venue, &ticker, price, now_ms)
		};
		match fault {
			Fault::Error => Response::json(
				500,
				r#"{"code":"50001","msg":"Service temporarily unavailable"}"#.into(),
			),
			Fault::Garbage => Response {
				content_type: "text/html",
				..Response::json(200, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>".into())
			},
			Fault::Delay(ms) => Response { delay: Duration::from_millis(ms), ..Response::json(status, body) },
			Fault::Trickle(ms) => Response {
				pace: Pace::Trickle(Duration::from_millis(ms)),
				..Response::json(status, body)
			},
			Fault::Huge(bytes) => {
				let padding = usize::try_from(bytes).unwrap_or(usize::MAX).saturating_sub(body.len());
				Response::json(status, format!("{}{body}", " ".repeat(padding)))
			},
			Fault::Redirect(url) => Response { location: Some(url), ..Response::json(302, String::new()) },
			Fault::HeadersThenStall => Response { pace: Pace::Stall, ..Response::json(status, body) },
			Fault::None | Fault::Outlier(_) => Response::json(status, body),
		}
	}

	fn control(&mut self, query: &str) -> Response {
		let venue = query_param(query, "venue").and_then(Venue::from_name);
		let text = query_param(query, "fault").map(percent_decode);
		let fault = text.as_deref().map(Fault::parse);
		match (venue, fault) {
			(Some(venue), Some(Ok(fault))) => {
				if fault == Fault::None {
					self.faults.remove(&venue);
				} else {
					self.faults.insert(venue, fault);
				}
				let text = text.unwrap_or_default().replace(['"', '\\'], "");
				Response::json(200, format!(r#"{{"venue":"{}","fault":"{text}"}}"#, venue.name()))
			},
			(_, Some(Err(error))) => Response::json(400, format!(r#"{{"error":"{error}"}}"#)),
			_ => Response::json(400, r#"{"error":"needs venue=<name>&fault=<fault>"}"#.into()),
		}
	}
}

/// `/true/{SYMBOL}` as JSON: prices as decimal strings with [`DECIMALS`] places.
fn truth_json(truth: &Truth, faults: &BTreeMap<Venue, Fault>) -> String {
	let mut quotes = String::new();
	for (index, (venue, quote)) in truth.quotes.iter().enumerate() {
		let fault = faults.get(venue).cloned().unwrap_or_default();
		let fault = format!("{fault:?}").replace(['"', '\\'], "");
		let _ = write!(
			quotes,
			r#"{}"{}":{{"quote":"{}","fault":"{fault}"}}"#,
			if index == 0 { "" } else { "," },
			venue.name(),
			format_decimal(*quote, Some(DECIMALS)),
		);
	}
	format!(
		r#"{{"symbol":"{}","tick":{},"decimals":{DECIMALS},"price":"{}","min":"{}","max":"{}","venues":{{{quotes}}}}}"#,
		truth.ticker,
		truth.tick,
		format_decimal(truth.price, Some(DECIMALS)),
		format_decimal(truth.min, Some(DECIMALS)),
		format_decimal(truth.max, Some(DECIMALS)),
	)
}

#[cfg(test)]
mod tests;
