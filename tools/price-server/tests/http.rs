//! The binary over real HTTP: it listens on a free loopback port, answers venue requests, the
//! truth and fault control, and a delayed venue does not hold up the others.

use std::{
	io::{BufRead, BufReader, Read, Write},
	net::TcpStream,
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

struct Running(Child, u16);

impl Drop for Running {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

fn start(args: &[&str]) -> Running {
	let mut child = Command::new(env!("CARGO_BIN_EXE_price-server"))
		.args(["--port", "0"])
		.args(args)
		.stdout(Stdio::piped())
		.spawn()
		.expect("the server starts");
	let mut line = String::new();
	BufReader::new(child.stdout.as_mut().expect("piped"))
		.read_line(&mut line)
		.expect("it prints its address");
	let port = line
		.trim()
		.rsplit(':')
		.next()
		.and_then(|p| p.parse().ok())
		.unwrap_or_else(|| panic!("no port in {line:?}"));
	Running(child, port)
}

fn get(port: u16, target: &str) -> (u16, String) {
	let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
	write!(stream, "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n").unwrap();
	let mut response = String::new();
	stream.read_to_string(&mut response).expect("reads");
	let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
	let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
	(status, body)
}

#[test]
fn serves_venues_truth_and_faults_over_http() {
	let server =
		start(&["--seed", "3", "--symbols", "BTC=98000,DOT=7.5", "--fault", "kraken=error"]);
	let (status, body) = get(server.1, "/binance/api/v3/ticker/price?symbol=BTCUSDT");
	assert_eq!(status, 200);
	assert!(body.starts_with(r#"{"symbol":"BTCUSDT","price":"9"#), "{body}");
	let (status, body) = get(server.1, "/true/DOT");
	assert_eq!(status, 200);
	assert!(body.contains(r#""symbol":"DOT""#), "{body}");
	assert_eq!(get(server.1, "/kraken/0/public/Ticker?pair=XBTUSD").0, 500);
	assert_eq!(get(server.1, "/control/fault?venue=kraken&fault=none").0, 200);
	assert_eq!(get(server.1, "/kraken/0/public/Ticker?pair=XBTUSD").0, 200);

	// A slow venue answers late; the others answer at once meanwhile.
	assert_eq!(get(server.1, "/control/fault?venue=okx&fault=delay:1500").0, 200);
	let slow = std::thread::spawn(move || {
		let started = Instant::now();
		let (status, _) = get(server.1, "/okx/api/v5/market/ticker?instId=BTC-USDT");
		(status, started.elapsed())
	});
	std::thread::sleep(Duration::from_millis(100));
	let started = Instant::now();
	assert_eq!(get(server.1, "/bybit/v5/market/tickers?category=spot&symbol=BTCUSDT").0, 200);
	assert!(started.elapsed() < Duration::from_millis(1000));
	let (status, took) = slow.join().expect("the slow request ends");
	assert_eq!(status, 200);
	assert!(took >= Duration::from_millis(1500), "{took:?}");
}

#[test]
fn refuses_bad_options() {
	for args in [&["--symbols", "BTC"][..], &["--fault", "nowhere=error"], &["--bogus", "1"]] {
		let status = Command::new(env!("CARGO_BIN_EXE_price-server"))
			.args(args)
			.stderr(Stdio::null())
			.status()
			.expect("runs");
		assert_eq!(status.code(), Some(2), "{args:?}");
	}
}
