//! The parser's tests: real venues' bodies, every error, and adversarial inputs.

use super::*;

fn read(body: &str, path: &str, decimals: u8) -> Result<i128, ParseError> {
	let path = JsonPath::parse(path.as_bytes()).expect("valid path");
	parse_decimal(extract(body.as_bytes(), &path)?, decimals)
}

/// Response shapes of real exchanges, with the path to their price.
const VENUES: &[(&str, &str, &str, i128)] = &[
	("binance", r#"{"symbol":"BTCUSDT","price":"98234.51000000"}"#, "price", 98_234_510_000),
	(
		"coinbase",
		r#"{"data":{"amount":"98234.5","base":"BTC","currency":"USD"}}"#,
		"data.amount",
		98_234_500_000,
	),
	(
		"kraken",
		r#"{"error":[],"result":{"XXBTZUSD":{"a":["98235.1","1","1.000"],"b":["98234.8","2","2.000"],"c":["98234.9","0.0005"],"v":["1","2"],"p":["1","2"],"t":[1,2],"l":["1","2"],"h":["1","2"],"o":"97000.0"}}}"#,
		"result.XXBTZUSD.c[0]",
		98_234_900_000,
	),
	(
		"bitstamp",
		r#"{"timestamp":"1732100000","open":"97000","high":"99000","low":"96000","last":"98234","volume":"1234.5","vwap":"98000","bid":"98233","ask":"98235"}"#,
		"last",
		98_234_000_000,
	),
	(
		"okx",
		r#"{"code":"0","msg":"","data":[{"instType":"SPOT","instId":"BTC-USDT","last":"98234.5","askPx":"98234.6","bidPx":"98234.4","ts":"1732100000000"}]}"#,
		"data[0].last",
		98_234_500_000,
	),
	(
		"kucoin",
		r#"{"code":"200000","data":{"time":1732100000000,"sequence":"1","price":"98234.5","size":"0.01","bestBid":"98234.4","bestAsk":"98234.6"}}"#,
		"data.price",
		98_234_500_000,
	),
	(
		"gate",
		r#"[{"currency_pair":"BTC_USDT","last":"98234.5","lowest_ask":"98234.6","highest_bid":"98234.4"}]"#,
		"[0].last",
		98_234_500_000,
	),
	(
		"bybit",
		r#"{"retCode":0,"retMsg":"OK","result":{"category":"spot","list":[{"symbol":"BTCUSDT","lastPrice":"98234.5","bid1Price":"98234.4","ask1Price":"98234.6"}]},"time":1732100000000}"#,
		"result.list[0].lastPrice",
		98_234_500_000,
	),
	("coingecko", r#"{"bitcoin":{"usd":98234.12}}"#, "bitcoin.usd", 98_234_120_000),
	(
		"htx",
		r#"{"ch":"market.btcusdt.detail.merged","status":"ok","ts":1732100000000,"tick":{"open":97000.0,"close":98234.5,"low":96000.0,"high":99000.0,"bid":[98234.4,1.0],"ask":[98234.6,1.0]}}"#,
		"tick.close",
		98_234_500_000,
	),
	(
		"crypto.com",
		r#"{"id":-1,"method":"public/get-tickers","code":0,"result":{"data":[{"i":"BTC_USDT","h":"99000","l":"96000","a":"98234.5","b":"98234.4","k":"98234.6","t":1732100000000}]}}"#,
		"result.data[0].a",
		98_234_500_000,
	),
];

#[test]
fn reads_every_real_exchange_format() {
	for (venue, body, path, expected) in VENUES {
		assert_eq!(read(body, path, 6), Ok(*expected), "{venue}");
	}
}

#[test]
fn reads_exponent_notation_and_small_prices() {
	let body = r#"{"shiba-inu":{"usd":2.134e-05}}"#;
	assert_eq!(read(body, "shiba-inu.usd", 10), Ok(213_400));
	assert_eq!(parse_decimal(b"1E+3", 2), Ok(100_000));
	assert_eq!(parse_decimal(b"-1.5e2", 0), Ok(-150));
	assert_eq!(parse_decimal(b"  42 ", 1), Ok(420));
}

#[test]
fn rounds_half_to_even_beyond_the_feed_decimals() {
	assert_eq!(parse_decimal(b"1.005", 2), Ok(100));
	assert_eq!(parse_decimal(b"1.015", 2), Ok(102));
	assert_eq!(parse_decimal(b"1.0051", 2), Ok(101));
	assert_eq!(parse_decimal(b"1.0049999", 2), Ok(100));
	assert_eq!(parse_decimal(b"-1.015", 2), Ok(-102));
	assert_eq!(parse_decimal(b"5e-1", 0), Ok(0));
	assert_eq!(parse_decimal(b"15e-1", 0), Ok(2));
	assert_eq!(parse_decimal(b"5e-2", 0), Ok(0));
	assert_eq!(parse_decimal(b"98234.51000000", 2), Ok(9_823_451));
}

#[test]
fn rejects_what_is_not_a_number() {
	for text in
		["NaN", "Infinity", "-Infinity", "", "-", ".", "0x10", "1.2.3", "1e", "e5", "1e99999"]
	{
		assert_eq!(parse_decimal(text.as_bytes(), 8), Err(ParseError::NotANumber), "{text}");
	}
	assert_eq!(read(r#"{"price":true}"#, "price", 2), Err(ParseError::NotANumber));
	assert_eq!(read(r#"{"price":null}"#, "price", 2), Err(ParseError::NotANumber));
	assert_eq!(read(r#"{"price":{"a":1}}"#, "price", 2), Err(ParseError::NotANumber));
	assert_eq!(read(r#"{"price":"abc"}"#, "price", 2), Err(ParseError::NotANumber));
}

#[test]
fn rejects_overflow() {
	assert_eq!(parse_decimal(b"1e40", 0), Err(ParseError::Overflow));
	assert_eq!(
		parse_decimal(b"170141183460469231731687303715884105728", 0),
		Err(ParseError::Overflow)
	);
	assert_eq!(parse_decimal(b"1", 39), Err(ParseError::Overflow));
	assert_eq!(parse_decimal(b"170141183460469231731687303715884105727", 0), Ok(i128::MAX));
	assert_eq!(parse_decimal(b"0", 38), Ok(0));
}

#[test]
fn survives_what_real_responses_do() {
	// Empty result lists, Kraken's error shape, HTML from a proxy, truncated bodies.
	assert_eq!(read(r#"{"data":[]}"#, "data[0].last", 2), Err(ParseError::PathNotFound));
	assert_eq!(
		read(r#"{"retCode":0,"result":{"list":[]}}"#, "result.list[0].lastPrice", 2),
		Err(ParseError::PathNotFound)
	);
	assert_eq!(
		read(r#"{"error":["EQuery:Unknown asset pair"],"result":{}}"#, "result.XXBTZUSD.c[0]", 2),
		Err(ParseError::PathNotFound)
	);
	assert_eq!(
		read("<html><body>502 Bad Gateway</body></html>", "price", 2),
		Err(ParseError::Malformed)
	);
	assert_eq!(read(r#"{"price":"1"#, "price", 2), Err(ParseError::Truncated));
	assert_eq!(read(r#"{"a":1,"#, "price", 2), Err(ParseError::Truncated));
	assert_eq!(read("", "price", 2), Err(ParseError::Truncated));
	// A key of the same name deeper down is not the one the path names.
	assert_eq!(read(r#"{"x":{"price":"1"},"price":"2"}"#, "price", 0), Ok(2));
	// Escaped quotes inside skipped strings do not end them.
	assert_eq!(read(r#"{"note":"a \"price\": 9","price":"3"}"#, "price", 0), Ok(3));
	// A path into the wrong kind of value.
	assert_eq!(read(r#"{"data":{"last":"1"}}"#, "data[0]", 0), Err(ParseError::PathNotFound));
	assert_eq!(read(r#"{"data":["1"]}"#, "data.last", 0), Err(ParseError::PathNotFound));
}

#[test]
fn hostile_nesting_is_bounded() {
	let deep = "[".repeat(10_000);
	let body = alloc::format!(r#"{{"x":{deep},"price":"1"}}"#);
	assert_eq!(read(&body, "price", 0), Err(ParseError::Malformed));
}

#[test]
fn validates_paths() {
	use PathError::*;
	for (path, error) in [
		("", Empty),
		(".a", EmptyKey),
		("a.", EmptyKey),
		("a..b", EmptyKey),
		("a.[0]", EmptyKey),
		("a[", BadIndex),
		("a[x]", BadIndex),
		("a[-1]", BadIndex),
		("a[]", BadIndex),
		("a]", BadIndex),
		("a[0]b", Junk),
		("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q", TooDeep),
	] {
		assert_eq!(JsonPath::parse(path.as_bytes()), Err(error), "{path}");
	}
	let path = JsonPath::parse(b"result.XXBTZUSD.c[0]").expect("valid");
	assert_eq!(
		path.steps(),
		&[Step::Key(b"result"), Step::Key(b"XXBTZUSD"), Step::Key(b"c"), Step::Index(0)]
	);
	assert!(JsonPath::parse(b"[0][1].x").is_ok());
	assert!(JsonPath::parse(b"shiba-inu.usd").is_ok());
}

/// A body cut short, followed by something, or holding the path's key twice is refused,
/// each with its own error: other parsers would read it differently, or not at all.
#[test]
fn refuses_truncated_trailing_and_duplicated_bodies() {
	use ParseError::*;
	for (body, path, expected) in [
		(r#"{"price":98"#, "price", Err(Truncated)),
		(r#"{"price":"98""#, "price", Err(Truncated)),
		(r#"{"price":"98","#, "price", Err(Truncated)),
		(r#"{"data":[{"last":"1"}"#, "data[0].last", Err(Truncated)),
		(r#"{"price":"98"}garbage"#, "price", Err(TrailingGarbage)),
		(r#"{"price":"98"}{"price":"1"}"#, "price", Err(TrailingGarbage)),
		(r#"{"price":98 99}"#, "price", Err(Malformed)),
		(r#"{"price":"98",}"#, "price", Err(Malformed)),
		(r#"{"price":"1","price":"2"}"#, "price", Err(DuplicateKey)),
		(r#"{"data":{"amount":"1"},"data":{"amount":"2"}}"#, "data.amount", Err(DuplicateKey)),
		(r#"{"data":{"amount":"1","amount":"2"}}"#, "data.amount", Err(DuplicateKey)),
		(r#"{"price":"1","pr\u0069ce":"2"}"#, "price", Err(DuplicateKey)),
		(r#"{"pr\u0069ce":"2"}"#, "price", Ok(2)),
		(r#"{"k\"ey":"5","price":"2"}"#, "price", Ok(2)),
		(r#"{"\ud83d\ude00":"5","price":"2"}"#, "price", Ok(2)),
		(r#"{"pr\x":"5","price":"2"}"#, "price", Err(Malformed)),
		// Duplicates off the path, and whitespace after the document, are fine.
		(r#"{"a":1,"a":2,"price":"3"}"#, "price", Ok(3)),
		(r#"{"x":{"price":1,"price":2},"price":"3"}"#, "price", Ok(3)),
		("{\"price\":\"4\"}\r\n\t ", "price", Ok(4)),
	] {
		assert_eq!(read(body, path, 0), expected, "{body}");
	}
	assert_eq!(alloc::format!("{:?}", TrailingGarbage).to_lowercase(), "trailinggarbage");
}

/// What fuzzing against a strict parser found the scanner accepting: it takes only JSON
/// (RFC 8259), in every part of the body, not only on the path.
#[test]
fn only_json_is_read_anywhere_in_the_body() {
	use ParseError::*;
	let read_bytes = |body: &[u8]| {
		let path = JsonPath::parse(b"p").expect("valid path");
		extract(body, &path).map(|text| parse_decimal(text, 0))
	};
	for (body, expected) in [
		// Not UTF-8, in a string the path does not take.
		(&b"{\"a\":\"\xd3y\",\"p\":1}"[..], Err(Malformed)),
		// Cut inside a character.
		(b"{\"p\":1,\"a\":\"\xc3", Err(Truncated)),
		// Escapes JSON does not have, raw control characters, lone surrogates.
		(br#"{"a":"\x41","p":1}"#, Err(Malformed)),
		(b"{\"a\":\"\x01\",\"p\":1}", Err(Malformed)),
		(br#"{"a":"\u12G4","p":1}"#, Err(Malformed)),
		(br#"{"a":"\u12","p":1}"#, Err(Malformed)),
		// Lone surrogates are JSON's grammar (a venue echoing a string cut inside a
		// character): taken off the path; a key the path compares refuses them.
		(br#"{"a":"\ud800","p":1}"#, Ok(Ok(1))),
		(br#"{"a":"\udc00\ud800x","p":1}"#, Ok(Ok(1))),
		(br#"{"\ud800":1,"p":1}"#, Err(Malformed)),
		// Cut inside an escape.
		(br#"{"p":1,"a":"\u12"#, Err(Truncated)),
		(br#"{"p":1,"a":"\"#, Err(Truncated)),
		// Tokens that are not JSON's numbers or literals.
		(br#"{"a":nul,"p":1}"#, Err(Malformed)),
		(br#"{"a":truex,"p":1}"#, Err(Malformed)),
		(br#"{"a":01,"p":1}"#, Err(Malformed)),
		(br#"{"a":1.,"p":1}"#, Err(Malformed)),
		(br#"{"a":.5,"p":1}"#, Err(Malformed)),
		(br#"{"a":1e,"p":1}"#, Err(Malformed)),
		(br#"{"a":-,"p":1}"#, Err(Malformed)),
		(br#"{"p":1.2.3}"#, Err(Malformed)),
		(br#"{"p":1-2}"#, Err(Malformed)),
		(br#"{"p":1."#, Err(Truncated)),
		// JSON: every literal, exponent and escape.
		(
			br#"{"a":[true,false,null,-0.5e+3,0,1E-2],"b":"\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00","p":"12"}"#,
			Ok(Ok(12)),
		),
		("{\"a\":\"é😀\",\"p\":-0.0e0}".as_bytes(), Ok(Ok(0))),
	] {
		assert_eq!(read_bytes(body), expected, "{}", String::from_utf8_lossy(body));
	}
}

/// Found by fuzzing the aggregation: every `i128` reads back exactly from its decimal text
/// but `i128::MIN`, refused as an overflow (no feed's bounds come near it).
#[test]
fn every_value_but_i128_min_reads_back_exactly() {
	for decimals in [0, 8, 18] {
		for value in [i128::MAX, i128::MIN + 1, -1, 0, 1, 10i128.pow(20) + 7] {
			let scale = 10u128.pow(u32::from(decimals));
			let (int, frac) = (value.unsigned_abs() / scale, value.unsigned_abs() % scale);
			let sign = if value < 0 { "-" } else { "" };
			let width = usize::from(decimals);
			let text = alloc::format!("{sign}{int}.{frac:0>width$}");
			let text = text.trim_end_matches('.');
			assert_eq!(parse_decimal(text.as_bytes(), decimals), Ok(value), "{text}");
		}
		let min = if decimals == 0 {
			"-170141183460469231731687303715884105728".into()
		} else {
			let digits = "170141183460469231731687303715884105728";
			let (int, frac) = digits.split_at(digits.len() - usize::from(decimals));
			alloc::format!("-{int}.{frac}")
		};
		assert_eq!(parse_decimal(min.as_bytes(), decimals), Err(ParseError::Overflow));
	}
}
