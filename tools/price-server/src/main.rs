//! `price-server`: exchange-shaped ticker endpoints on loopback from a seeded random walk.
//!
//! ```text
//! price-server [--port 8500] [--seed 42] [--tick-ms 1000] [--volatility-ppm 1000]
//!              [--spread-ppm 500] [--symbols BTC=98000,ETH=3500,DOT=7.5]
//!              [--fault VENUE=FAULT]...
//! ```
//!
//! Prints `listening on http://127.0.0.1:<port>` once it accepts connections (`--port 0` picks
//! a free port). Endpoints: `/{venue}/{the venue's own path}`, `/true/{SYMBOL}[?tick=N]`,
//! `/control/fault?venue=V&fault=F` (faults: `none`, `delay:<ms>`, `error`, `garbage`,
//! `outlier:<ppm>`, `trickle:<ms per byte>`, `huge:<bytes>`, `redirect:<url>`,
//! `headers-then-stall`) and `/health`. Venues: binance, coinbase, kraken, bitstamp, okx, kucoin,
//! gate, bybit, coingecko, htx, cryptocom.

use price_server::{Fault, Market, Pace, Server, Symbol, Venue};
use std::{
	collections::BTreeMap,
	io::{BufRead, BufReader, Write},
	net::{TcpListener, TcpStream},
	sync::{Arc, Mutex},
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

const USAGE: &str = "usage: price-server [--port N] [--seed N] [--tick-ms N] [--volatility-ppm N] \
	[--spread-ppm N] [--symbols SYM=PRICE,...] [--fault VENUE=FAULT]...";

struct Options {
	port: u16,
	tick_ms: u64,
	server: Server,
}

fn parse_options() -> Result<Options, String> {
	let mut port = 8500;
	let mut seed = 42;
	let mut tick_ms = 1000;
	let mut volatility = 1000;
	let mut spread = 500;
	let mut symbols = "BTC=98000,ETH=3500,DOT=7.5".to_string();
	let mut faults = BTreeMap::new();
	let mut args = std::env::args().skip(1);
	while let Some(flag) = args.next() {
		if flag == "--help" || flag == "-h" {
			return Err(USAGE.into());
		}
		let value = args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
		let number = |value: &str| value.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
		match flag.as_str() {
			"--port" => port = u16::try_from(number(&value)?).map_err(|e| e.to_string())?,
			"--seed" => seed = number(&value)?,
			"--tick-ms" => tick_ms = number(&value)?.max(1),
			"--volatility-ppm" => volatility = i128::from(number(&value)?),
			"--spread-ppm" => spread = i128::from(number(&value)?),
			"--symbols" => symbols = value,
			"--fault" => {
				let (venue, fault) =
					value.split_once('=').ok_or_else(|| format!("--fault {value}: VENUE=FAULT"))?;
				let venue =
					Venue::from_name(venue).ok_or_else(|| format!("unknown venue {venue}"))?;
				faults.insert(venue, Fault::parse(fault)?);
			},
			_ => return Err(format!("unknown option {flag}\n{USAGE}")),
		}
	}
	let symbols = symbols.split(',').map(Symbol::parse).collect::<Result<Vec<_>, _>>()?;
	let market = Market::new(seed, symbols, volatility, spread);
	Ok(Options { port, tick_ms, server: Server { market, faults } })
}

/// Reads one request's target (`GET <target> HTTP/1.1`), skipping its headers.
fn read_target(stream: &TcpStream) -> Option<String> {
	let mut reader = BufReader::new(stream);
	let mut line = String::new();
	reader.read_line(&mut line).ok()?;
	let mut words = line.split_whitespace();
	let (_method, target) = (words.next()?, words.next()?.to_string());
	loop {
		let mut header = String::new();
		if reader.read_line(&mut header).ok()? == 0 || header.trim().is_empty() {
			break;
		}
	}
	Some(target)
}

fn serve(mut stream: TcpStream, server: Arc<Mutex<Server>>, started: Instant, tick_ms: u64) {
	let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
	let Some(target) = read_target(&stream) else { return };
	let tick = (started.elapsed().as_millis() / u128::from(tick_ms)) as u64;
	let now_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
	let response = match server.lock() {
		Ok(mut server) => server.respond(&target, tick, now_ms),
		Err(_) => return,
	};
	std::thread::sleep(response.delay);
	let reason = match response.status {
		200 => "OK",
		302 => "Found",
		400 => "Bad Request",
		404 => "Not Found",
		_ => "Internal Server Error",
	};
	let location = response
		.location
		.as_ref()
		.map(|url| format!("Location: {url}\r\n"))
		.unwrap_or_default();
	let _ = write!(
		stream,
		"HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{location}Connection: close\r\n\r\n",
		response.status,
		response.content_type,
		response.body.len(),
	);
	let _ = stream.flush();
	match response.pace {
		Pace::Whole => {
			let _ = stream.write_all(response.body.as_bytes());
		},
		Pace::Trickle(every) => {
			for byte in response.body.as_bytes() {
				if stream.write_all(&[*byte]).and_then(|()| stream.flush()).is_err() {
					return;
				}
				std::thread::sleep(every);
			}
		},
		// Keep the connection open, the body owed, until the client gives up.
		Pace::Stall => std::thread::sleep(Duration::from_secs(300)),
	}
	let _ = stream.flush();
}

fn main() {
	let options = match parse_options() {
		Ok(options) => options,
		Err(message) => {
			eprintln!("{message}");
			std::process::exit(2);
		},
	};
	let listener = match TcpListener::bind(("127.0.0.1", options.port)) {
		Ok(listener) => listener,
		Err(error) => {
			eprintln!("cannot listen on 127.0.0.1:{}: {error}", options.port);
			std::process::exit(1);
		},
	};
	let port = listener.local_addr().map_or(options.port, |a| a.port());
	println!("listening on http://127.0.0.1:{port}");
	let started = Instant::now();
	let server = Arc::new(Mutex::new(options.server));
	for stream in listener.incoming().flatten() {
		let server = Arc::clone(&server);
		let tick_ms = options.tick_ms;
		std::thread::spawn(move || serve(stream, server, started, tick_ms));
	}
}
