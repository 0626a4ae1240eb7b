//! End-to-end tests of the built `oracle-node` binary: a `--dev` node produces blocks and serves
//! JSON-RPC, polkadot.js sees the runtime's pallets, and the parachain subcommands work.

use serde_json::{json, Value};
use std::{
	io::{Read, Write},
	net::{TcpListener, TcpStream},
	path::PathBuf,
	process::{Child, Command, Output, Stdio},
	time::{Duration, Instant},
};

const NODE: &str = env!("CARGO_BIN_EXE_oracle-node");

/// How long a node started by a test may take to serve block 1. On the reference machine
/// (2 cores), an idle `oracle-node --dev --tmp` serves it after about 20 s: most of it goes to
/// compiling the runtime's wasm with wasmtime. Four times that, for a machine also busy with
/// something else.
const FIRST_BLOCK: Duration = Duration::from_secs(90);

/// One node process of this binary at a time. The runtime's start-up is CPU-bound, so nodes
/// started together on 2 cores each take several times as long and none makes its deadline;
/// one at a time, each test's deadlines hold whatever the test harness's thread count.
static ONE_NODE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Holds this binary's node slot until dropped; a test that panicked while holding it does not
/// block the others.
fn node_slot() -> std::sync::MutexGuard<'static, ()> {
	ONE_NODE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|addr| addr.port())
		.expect("the OS hands out a free port")
}

/// A running node, killed when dropped.
struct RunningNode {
	child: Child,
	rpc_port: u16,
	_slot: std::sync::MutexGuard<'static, ()>,
}

impl RunningNode {
	fn dev() -> Self {
		Self::start(&["--dev"])
	}

	/// A node started with `chain_args` and a temporary database.
	fn start(chain_args: &[&str]) -> Self {
		let slot = node_slot();
		let rpc_port = free_port();
		let child = Command::new(NODE)
			.args(chain_args)
			.args(["--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns"])
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--port", &free_port().to_string()])
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.spawn()
			.expect("oracle-node starts");
		RunningNode { child, rpc_port, _slot: slot }
	}

	/// Calls `method` over HTTP JSON-RPC; `None` while the server is not up.
	fn rpc(&self, method: &str, params: Value) -> Option<Value> {
		let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
		let body = body.to_string();
		let mut stream = TcpStream::connect(("127.0.0.1", self.rpc_port)).ok()?;
		stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
		write!(
			stream,
			"POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\nConnection: close\r\n\r\n{}",
			self.rpc_port,
			body.len(),
			body
		)
		.ok()?;
		let mut response = String::new();
		stream.read_to_string(&mut response).ok()?;
		let json_start = response.find("\r\n\r\n")? + 4;
		let reply: Value = serde_json::from_str(response[json_start..].trim()).ok()?;
		reply.get("result").cloned()
	}

	/// The best block number, once the RPC server answers.
	fn best_number(&self) -> Option<u64> {
		let header = self.rpc("chain_getHeader", json!([]))?;
		let hex = header.get("number")?.as_str()?.trim_start_matches("0x").to_owned();
		u64::from_str_radix(&hex, 16).ok()
	}

	/// Waits until the best block is at least `target`, or `timeout` passes.
	fn wait_for_block(&self, target: u64, timeout: Duration) -> Option<(u64, Instant)> {
		let deadline = Instant::now() + timeout;
		while Instant::now() < deadline {
			if let Some(number) = self.best_number() {
				if number >= target {
					return Some((number, Instant::now()));
				}
			}
			std::thread::sleep(Duration::from_millis(200));
		}
		None
	}
}

impl Drop for RunningNode {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

fn run(args: &[&str]) -> Output {
	let _slot = node_slot();
	let output = Command::new(NODE).args(args).output().expect("oracle-node runs");
	assert!(
		output.status.success(),
		"oracle-node {args:?} failed: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	output
}

#[test]
fn dev_node_produces_blocks_at_least_every_six_seconds() {
	let node = RunningNode::dev();
	// The RPC server is up and block 1 exists.
	let (first, started) =
		node.wait_for_block(1, FIRST_BLOCK).expect("no block within FIRST_BLOCK");
	// Then at least five more blocks, each within 6 s on average.
	let (last, ended) = node
		.wait_for_block(first + 5, Duration::from_secs(30))
		.expect("the best block did not grow by 5 within 30 s");
	let per_block = ended.duration_since(started) / (last - first) as u32;
	assert!(per_block <= Duration::from_secs(6), "{per_block:?} per block");

	let chain = node.rpc("system_chain", json!([])).expect("system_chain answers");
	assert_eq!(chain, json!("Oracle Development"));
	let properties = node.rpc("system_properties", json!([])).expect("properties");
	assert_eq!(properties["tokenSymbol"], json!("ORC"));
}

/// Runs the polkadot.js script `e2e/<script>` against a fresh dev node that has produced a
/// block; fails with the script's output unless it succeeds, else returns its stdout.
fn run_e2e_script(script: &str, args: &[&str]) -> String {
	let node = RunningNode::dev();
	node.wait_for_block(1, FIRST_BLOCK).expect("no block within FIRST_BLOCK");
	run_e2e_script_on(&node, script, args)
}

/// Runs the polkadot.js script `e2e/<script>` against `node`.
fn run_e2e_script_on(node: &RunningNode, script: &str, args: &[&str]) -> String {
	let e2e = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../e2e");
	assert!(
		e2e.join("node_modules/@polkadot/api").is_dir(),
		"polkadot.js is not installed: run `npm ci` in {} (scripts/test.sh does)",
		e2e.display()
	);
	let output = Command::new("node")
		.arg(e2e.join(script))
		.arg(format!("ws://127.0.0.1:{}", node.rpc_port))
		.args(args)
		.output()
		.expect("node.js runs");
	let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
	assert!(
		output.status.success(),
		"{script} failed:\n{stdout}\n{}",
		String::from_utf8_lossy(&output.stderr)
	);
	stdout
}

#[test]
fn polkadot_js_lists_the_runtime_pallets() {
	let stdout = run_e2e_script("pallets.mjs", &[]);
	for pallet in [
		"staking",
		"session",
		"aura",
		"sudo",
		"balances",
		"oracleAggregation",
		"oracleDelivery",
		"polkadotXcm",
		"xcmpQueue",
	] {
		assert!(stdout.lines().any(|l| l == pallet), "{pallet} missing from:\n{stdout}");
	}
}

/// The local price server, killed when dropped.
struct PriceServer(Child);

impl PriceServer {
	/// Starts `tools/price-server` (built with the workspace) on `port`, prices moving every
	/// 2 s, and waits until it answers.
	fn start(port: u16) -> Self {
		let binary = std::path::Path::new(NODE).with_file_name("price-server");
		let child = Command::new(&binary)
			.args(["--port", &port.to_string(), "--tick-ms", "2000", "--seed", "7"])
			.stdout(Stdio::null())
			.spawn()
			.unwrap_or_else(|e| panic!("{} does not start: {e}", binary.display()));
		let server = PriceServer(child);
		let deadline = Instant::now() + Duration::from_secs(10);
		while TcpStream::connect(("127.0.0.1", port)).is_err() {
			assert!(Instant::now() < deadline, "the price server does not listen on {port}");
			std::thread::sleep(Duration::from_millis(50));
		}
		server
	}
}

impl Drop for PriceServer {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

/// The whole oracle path on a real node with the price server where the development preset's
/// feeds expect it: the genesis feeds and a feed created over sudo with polkadot.js (one source
/// an outlier, one failing) resolve within the venues' spread around the server's true price,
/// and the created feed's round reads back from storage.
#[test]
fn dev_node_resolves_feeds_from_the_local_price_server() {
	let _prices = PriceServer::start(8500);
	let stdout = run_e2e_script("feed.mjs", &["http://127.0.0.1:8500"]);
	let checked = stdout.lines().filter(|l| l.contains("\"withinSpread\":true")).count();
	assert_eq!(checked, 4, "three genesis feeds and the created one: {stdout}");
	assert!(stdout.contains("\"stored\""), "unexpected output: {stdout}");
}

/// Hostile sources on a real node: a feed over eight venues of the price server, three honest,
/// one lying, and four attacking the node (a trickled body, 100 kB, a redirect, headers then
/// nothing) resolves within the honest venues' spread, and the node's health records name each
/// attack while the honest venues answer undelayed.
#[test]
fn dev_node_resolves_a_feed_whose_sources_attack_it() {
	let port = free_port();
	let _prices = PriceServer::start(port);
	let stdout = run_e2e_script("hostile.mjs", &[&format!("http://127.0.0.1:{port}")]);
	assert!(stdout.contains("{\"step\":\"resolved\""), "no resolved round: {stdout}");
	for (venue, kind) in [
		("bitstamp", "timeout"),
		("okx", "body_too_large"),
		("kucoin", "http_302"),
		("gate", "timeout"),
		("bybit", "outlier"),
	] {
		assert!(
			stdout.contains(&format!("\"{venue}\":{{\"error\":\"{kind}\"")),
			"{venue} not recorded as {kind}: {stdout}"
		);
	}
}

#[test]
fn export_genesis_head_and_wasm_of_the_local_chain() {
	let head = run(&["export-genesis-head", "--chain", "local"]);
	let head = String::from_utf8_lossy(&head.stdout);
	let head = head.trim();
	assert!(head.starts_with("0x") && head.len() > 100, "genesis head: {head}");

	let wasm = run(&["export-genesis-wasm", "--chain", "local"]);
	let wasm = String::from_utf8_lossy(&wasm.stdout);
	let wasm = wasm.trim();
	// The wasm magic number `\0asm` or the compressed blob's prefix, hex-encoded.
	assert!(wasm.starts_with("0x") && wasm.len() > 200_000, "wasm of {} chars", wasm.len());

	// The dev head differs: a different genesis.
	let dev_head = run(&["export-genesis-head", "--chain", "dev"]);
	assert_ne!(String::from_utf8_lossy(&dev_head.stdout).trim(), head);
}

/// The consumer chain (para 2001) runs under the same binary, here as a dev chain sealing a
/// block every second: blocks are produced, and its runtime is the receiver's.
#[test]
fn the_consumer_chain_runs_under_the_same_node() {
	let node = RunningNode::start(&["--chain", "consumer-dev", "--dev-block-time", "1000"]);
	let (first, _) = node.wait_for_block(1, FIRST_BLOCK).expect("no block within FIRST_BLOCK");
	node.wait_for_block(first + 3, Duration::from_secs(30))
		.expect("the consumer chain did not grow by 3 blocks within 30 s");
	let chain = node.rpc("system_chain", json!([])).expect("system_chain answers");
	assert_eq!(chain, json!("Oracle Consumer Development"));
	let properties = node.rpc("system_properties", json!([])).expect("properties");
	assert_eq!(properties["tokenSymbol"], json!("CON"));
	let stdout = run_e2e_script_on(&node, "pallets.mjs", &[]);
	for pallet in ["oracleConsumer", "polkadotXcm", "xcmpQueue", "aura", "sudo"] {
		assert!(stdout.lines().any(|l| l == pallet), "{pallet} missing from:\n{stdout}");
	}
	assert!(!stdout.lines().any(|l| l == "oracleAggregation"), "not the oracle runtime");
	// One node at a time: this one stops before `build-spec` runs.
	drop(node);

	let spec = run(&["build-spec", "--chain", "consumer-local"]);
	let spec: Value = serde_json::from_slice(&spec.stdout).expect("build-spec prints json");
	assert_eq!(spec["id"], json!("consumer_local_testnet"));
	assert_eq!(spec["para_id"], json!(2001));
}

#[test]
fn build_spec_embeds_the_presets_with_para_id() {
	let spec = run(&["build-spec", "--chain", "local"]);
	let spec: Value = serde_json::from_slice(&spec.stdout).expect("build-spec prints json");
	assert_eq!(spec["id"], json!("oracle_local_testnet"));
	assert_eq!(spec["para_id"], json!(2000));
	assert_eq!(spec["relay_chain"], json!("rococo-local"));
	let raw = run(&["build-spec", "--chain", "local", "--raw"]);
	let raw: Value = serde_json::from_slice(&raw.stdout).expect("raw spec is json");
	assert!(raw["genesis"]["raw"]["top"].as_object().is_some_and(|top| top.len() > 50));
}

/// The integrator guide's steps (`docs/integrator.md`) on a real node: create a feed with
/// polkadot.js, read it from storage and the runtime API, see it fail closed when stale, pay for
/// an on-demand round, tune it.
#[test]
fn dev_node_serves_the_integrator_guide() {
	let port = free_port();
	let _prices = PriceServer::start(port);
	let stdout = run_e2e_script("integrator.mjs", &[&format!("http://127.0.0.1:{port}")]);
	for step in ["bounds", "created", "read", "stale", "requested", "updated"] {
		assert!(
			stdout.contains(&format!("{{\"step\":\"{step}\"")),
			"step {step} missing: {stdout}"
		);
	}
}

/// The operator guide's steps (`docs/operator.md`) on a real node: session keys with their
/// ownership proof, bond and validate, chill and unbond, an API-key secret in offchain storage
/// that a source needs, source health, the operator's SLA figures, and a deferred slash found
/// and cancelled by Root.
#[test]
fn dev_node_serves_the_operator_guide() {
	let port = free_port();
	let _prices = PriceServer::start(port);
	let stdout = run_e2e_script("operator.mjs", &[&format!("http://127.0.0.1:{port}")]);
	for step in [
		"node",
		"rotateKeys",
		"sessionKeys",
		"bond",
		"validate",
		"leave",
		"secrets",
		"health",
		"sla",
		"dispute",
		"done",
	] {
		assert!(
			stdout.contains(&format!("{{\"step\":\"{step}\"")),
			"step {step} missing: {stdout}"
		);
	}
}
