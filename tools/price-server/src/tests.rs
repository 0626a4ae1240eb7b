use super::*;
use pallet_oracle_aggregation::parse::{self, JsonPath};

fn market() -> Market {
	let symbols = ["BTC=98000", "ETH=3500.25", "DOT=7.5", "PEPE:pepe=0.00001234"]
		.into_iter()
		.map(|s| Symbol::parse(s).expect("valid"))
		.collect();
	Market::new(7, symbols, 1_000, 500)
}

fn server() -> Server {
	Server { market: market(), faults: BTreeMap::new() }
}

/// What the oracle's offchain worker reads from `body` with `json_path`, in 8 decimals.
fn read(body: &str, json_path: &str) -> Result<i128, String> {
	let path = JsonPath::parse(json_path.as_bytes()).map_err(|e| format!("{e:?}"))?;
	let text = parse::extract(body.as_bytes(), &path).map_err(|e| format!("{e:?}"))?;
	parse::parse_decimal(text, DECIMALS as u8).map_err(|e| format!("{e:?}"))
}

#[test]
fn every_venue_serves_its_documented_shape_and_the_worker_reads_the_quote_exactly() {
	let mut server = server();
	for symbol in server.market.symbols.clone() {
		for venue in Venue::ALL {
			let (path, json_path) = venue.endpoint(&symbol.ticker, &symbol.coingecko_id);
			let target = format!("/{}{path}", venue.name());
			let response = server.respond(&target, 3, 1_732_100_000_000);
			assert_eq!(response.status, 200, "{target}: {}", response.body);
			let quote = server.market.quote(venue, &symbol.ticker, 3).expect("known symbol");
			// Binance keeps 8 places; the others are trimmed, CoinGecko and HTX are numbers.
			assert_eq!(read(&response.body, &json_path), Ok(quote), "{target}: {}", response.body);
		}
	}
}

#[test]
fn shapes_match_the_real_venues() {
	let mut server = server();
	let body = |server: &mut Server, target: &str| server.respond(target, 0, 1_000).body;
	let binance = body(&mut server, "/binance/api/v3/ticker/price?symbol=BTCUSDT");
	assert!(binance.starts_with(r#"{"symbol":"BTCUSDT","price":""#), "{binance}");
	assert_eq!(binance.split('.').nth(1).map(|f| f.len()), Some(8 + 2), "8 places: {binance}");
	let kraken = body(&mut server, "/kraken/0/public/Ticker?pair=XBTUSD");
	assert!(kraken.starts_with(r#"{"error":[],"result":{"XXBTZUSD":{"a":["#), "{kraken}");
	let eth = body(&mut server, "/kraken/0/public/Ticker?pair=ETHUSD");
	assert!(eth.contains(r#""XETHZUSD""#), "{eth}");
	let gate = body(&mut server, "/gate/api/v4/spot/tickers?currency_pair=BTC_USDT");
	assert!(gate.starts_with(r#"[{"currency_pair":"BTC_USDT","last":""#), "{gate}");
	let gecko =
		body(&mut server, "/coingecko/api/v3/simple/price?ids=bitcoin,polkadot&vs_currencies=usd");
	assert!(
		gecko.starts_with(r#"{"bitcoin":{"usd":9"#) && gecko.contains(r#""polkadot":{"usd":7."#),
		"{gecko}"
	);
	let small = body(&mut server, "/coingecko/api/v3/simple/price?ids=pepe&vs_currencies=usd");
	assert!(small.starts_with(r#"{"pepe":{"usd":1.2"#) && small.contains("e-05"), "{small}");
	assert_eq!(
		read(&small, "pepe.usd"),
		server.market.quote(Venue::Coingecko, "PEPE", 0).ok_or(String::new())
	);
	let htx = body(&mut server, "/htx/market/detail/merged?symbol=btcusdt");
	assert!(htx.contains(r#""tick":{"id":1,"version":1,"open":9"#), "{htx}");
}

#[test]
fn unknown_symbols_and_paths_are_answered_like_the_venues_do() {
	let mut server = server();
	let kraken = server.respond("/kraken/0/public/Ticker?pair=FOOUSD", 0, 0);
	assert_eq!(kraken.body, r#"{"error":["EQuery:Unknown asset pair"]}"#);
	let okx = server.respond("/okx/api/v5/market/ticker?instId=FOO-USDT", 0, 0);
	assert!(okx.body.contains(r#""data":[]"#), "{}", okx.body);
	assert!(read(&okx.body, "data[0].last").is_err());
	let binance = server.respond("/binance/api/v3/ticker/price?symbol=FOOUSDT", 0, 0);
	assert_eq!(binance.status, 400);
	assert_eq!(server.respond("/nowhere/x", 0, 0).status, 404);
	assert_eq!(server.respond("/binance/api/v3/other", 0, 0).status, 404);
}

#[test]
fn the_walk_is_seeded_bounded_and_venues_stay_within_the_spread() {
	let mut a = market();
	let mut b = market();
	let mut moved = false;
	for tick in 0..500 {
		let (pa, pb) = (a.true_price("BTC", tick), b.true_price("BTC", tick));
		assert_eq!(pa, pb, "same seed, same path");
		let price = pa.expect("known");
		if tick > 0 {
			let last = a.true_price("BTC", tick - 1).expect("known");
			assert!((price - last).abs() <= last / 1_000 + 1, "at most 0.1 % per tick");
			moved |= price != last;
		}
		let truth = a.truth("BTC", tick).expect("known");
		assert_eq!(truth.quotes.len(), Venue::ALL.len());
		for (_, quote) in &truth.quotes {
			assert!((quote - price).abs() <= price / 2_000 + 1, "within 500 ppm");
			assert!(truth.min <= *quote && *quote <= truth.max);
		}
	}
	assert!(moved);
	let mut other = Market::new(8, market().symbols, 1_000, 500);
	assert_ne!(other.true_price("BTC", 100), a.true_price("BTC", 100), "the seed matters");
	assert_eq!(a.true_price("XYZ", 0), None);
}

#[test]
fn faults_are_injected_per_venue_and_cleared() {
	let mut server = server();
	let target = "/okx/api/v5/market/ticker?instId=BTC-USDT";
	let honest = server.market.quote(Venue::Okx, "BTC", 0).expect("known");
	let truth = server.market.true_price("BTC", 0).expect("known");

	let set = |server: &mut Server, fault: &str| {
		server.respond(&format!("/control/fault?venue=okx&fault={fault}"), 0, 0).status
	};
	assert_eq!(set(&mut server, "outlier:200000"), 200);
	let outlier = read(&server.respond(target, 0, 0).body, "data[0].last").expect("a number");
	assert_eq!(outlier, honest + truth / 5);
	// The truth still reports the honest quote and marks the fault.
	let truth_body = server.respond("/true/BTC?tick=0", 5, 0).body;
	assert!(truth_body.contains(r#""okx":{"quote":""#) && truth_body.contains("Outlier(200000)"));

	assert_eq!(set(&mut server, "error"), 200);
	assert_eq!(server.respond(target, 0, 0).status, 500);
	assert_eq!(set(&mut server, "garbage"), 200);
	let garbage = server.respond(target, 0, 0);
	assert_eq!((garbage.status, garbage.content_type), (200, "text/html"));
	assert!(read(&garbage.body, "data[0].last").is_err());
	assert_eq!(set(&mut server, "delay:1500"), 200);
	assert_eq!(server.respond(target, 0, 0).delay, Duration::from_millis(1500));
	// Other venues are untouched.
	assert_eq!(
		server.respond("/binance/api/v3/ticker/price?symbol=BTCUSDT", 0, 0).delay,
		Duration::ZERO
	);
	// Hostile answers: a trickled body, a huge one, a redirect, headers without a body.
	assert_eq!(set(&mut server, "trickle:250"), 200);
	let trickled = server.respond(target, 0, 0);
	assert_eq!(trickled.pace, Pace::Trickle(Duration::from_millis(250)));
	assert_eq!(read(&trickled.body, "data[0].last"), Ok(honest));
	assert_eq!(set(&mut server, "huge:100000"), 200);
	let huge = server.respond(target, 0, 0);
	assert_eq!((huge.status, huge.body.len()), (200, 100_000));
	assert_eq!(read(&huge.body, "data[0].last"), Ok(honest));
	assert_eq!(set(&mut server, "redirect:https%3A%2F%2Fcollector.invalid%2Fx"), 200);
	let redirect = server.respond(target, 0, 0);
	assert_eq!(redirect.status, 302);
	assert_eq!(redirect.location.as_deref(), Some("https://collector.invalid/x"));
	// The truth endpoint stays JSON with a URL in a fault.
	let truth = server.respond("/true/BTC?tick=0", 0, 0).body;
	assert!(truth.contains(r#""fault":"Redirect(https://collector.invalid/x)""#), "{truth}");
	assert_eq!(set(&mut server, "headers-then-stall"), 200);
	assert_eq!(server.respond(target, 0, 0).pace, Pace::Stall);
	assert_eq!(set(&mut server, "redirect:"), 400);
	assert_eq!(set(&mut server, "none"), 200);
	assert_eq!(read(&server.respond(target, 0, 0).body, "data[0].last"), Ok(honest));
	assert_eq!(server.respond(target, 0, 0).pace, Pace::Whole);
	assert_eq!(set(&mut server, "sideways"), 400);
}

#[test]
fn the_truth_endpoint_reports_price_and_spread() {
	let mut server = server();
	let body = server.respond("/true/btc", 4, 0).body;
	let truth = server.market.truth("BTC", 4).expect("known");
	assert!(body.starts_with(r#"{"symbol":"BTC","tick":4,"decimals":8,"price":""#), "{body}");
	assert!(body.contains(&format!(r#""min":"{}""#, format_decimal(truth.min, Some(8)))));
	assert!(body.contains(&format!(r#""max":"{}""#, format_decimal(truth.max, Some(8)))));
	assert_eq!(server.respond("/true/XYZ", 0, 0).status, 404);
}

#[test]
fn decimals_parse_and_format_exactly() {
	let start = |text: &str| Symbol::parse(text).map(|s| s.start);
	assert_eq!(start("BTC=98000"), Ok(98_000 * SCALE));
	assert_eq!(start("DOT=7.25"), Ok(725_000_000));
	assert_eq!(start("PEPE=0.00000001"), Ok(1));
	assert_eq!(start("BTC=1e5"), Ok(100_000 * SCALE));
	assert!(start("PEPE=0.000000001").is_err(), "rounds to zero");
	assert!(start("BTC=-5").is_err());
	assert!(start("BTC=abc").is_err());
	assert_eq!(format_decimal(725_000_000, None), "7.25");
	assert_eq!(format_decimal(725_000_000, Some(8)), "7.25000000");
	assert_eq!(format_decimal(98_000 * SCALE, None), "98000");
	assert_eq!(format_number(1_234), "1.234e-05");
	assert_eq!(format_number(100_000), "0.001");
	assert!(Symbol::parse("BTC").is_err());
	assert!(Symbol::parse("B-C=1").is_err());
	assert!(Symbol::parse("BTC=0").is_err());
	assert_eq!(Symbol::parse("eth=1").map(|s| s.coingecko_id), Ok("ethereum".into()));
}
