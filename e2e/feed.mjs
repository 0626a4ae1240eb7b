// End to end through a real node and the local price server (tools/price-server):
//
// 1. the development preset's genesis feeds (BTC/USD, ETH/USD, DOT/USD over six venues of the
//    price server) resolve, each within the venues' spread around the server's true price;
// 2. a DOT/USD feed created with sudo (Alice) over five venues, one of them made an outlier and
//    one failing through the server's fault control, resolves within the spread too: the
//    outlier is dropped, the failure costs nothing;
// 3. the resolved round reads back from storage (`rounds`, `latest`);
// 4. its SLA record (`oracleSla.records`, the `OracleSlaApi` runtime API) has Alice, the sole
//    operator, accepted on time, and her statistics (`oracleSla.stats`, `operator`) count it.
//
// "Within the spread" means within the lowest and highest honest venue quote the server reports
// (`/true/{SYMBOL}?tick=N`) over the ticks between the feed's creation and its resolution.
// Prints one JSON line per checked round. Exits non-zero on any mismatch or after 120 s.
//
// Usage: node feed.mjs <ws://127.0.0.1:9944> <http://127.0.0.1:8500>
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const prices = process.argv[3] ?? 'http://127.0.0.1:8500';
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
setTimeout(() => fail('not every round resolved within 120 s'), 120_000).unref();

const get = async (path) => {
  const response = await fetch(`${prices}${path}`);
  if (!response.ok) fail(`${path}: HTTP ${response.status}`);
  return response.json();
};
/// The server's truth about `symbol` now.
const truthNow = (symbol) => get(`/true/${symbol}`);
/// 8-decimal string to bigint.
const units = (text) => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 100_000_000n + BigInt(fraction.padEnd(8, '0'));
};
/// The lowest and highest honest quote of `symbol` over ticks `from..=to`.
const envelope = async (symbol, from, to) => {
  let low;
  let high;
  for (let tick = from; tick <= to; tick += 1) {
    const truth = await get(`/true/${symbol}?tick=${tick}`);
    const [min, max] = [units(truth.min), units(truth.max)];
    low = low === undefined || min < low ? min : low;
    high = high === undefined || max > high ? max : high;
  }
  return [low, high];
};

const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');

// Which symbol each feed quotes, and the earliest tick its sources may have been fetched at: a
// genesis feed's next resolution may come from a fetch made shortly before this script started.
const feeds = new Map();
const startTick = Math.max(0, (await truthNow('BTC')).tick - 15);
for (const feedId of [0, 1, 2]) {
  const config = await api.query.oracleAggregation.feeds(feedId);
  if (config.isNone) fail(`genesis feed ${feedId} is missing`);
  const name = config.unwrap().name.toUtf8();
  feeds.set(feedId, { symbol: name.split('/')[0], since: startTick });
}

const checked = new Map();
let created;
let done;
const finished = new Promise((resolve) => {
  done = resolve;
});

const check = async (feedId, roundId, value) => {
  const feed = feeds.get(feedId);
  if (!feed || checked.has(feedId)) return;
  checked.set(feedId, 'checking');
  const now = (await truthNow(feed.symbol)).tick;
  const [low, high] = await envelope(feed.symbol, feed.since, now);
  const ok = low <= value && value <= high;
  const line = {
    feedId,
    symbol: feed.symbol,
    roundId,
    value: value.toString(),
    low: low.toString(),
    high: high.toString(),
    ticks: [feed.since, now],
    withinSpread: ok,
  };
  console.log(JSON.stringify(line));
  if (!ok) fail(`feed ${feedId} resolved ${value} outside the venues' spread [${low}, ${high}]`);
  checked.set(feedId, { roundId, value });
  const all = [...feeds.keys()].every((id) => typeof checked.get(id) === 'object');
  if (created !== undefined && all) done();
};

api.query.system.events((events) => {
  for (const { event } of events) {
    if (api.events.sudo.Sudid.is(event) && event.data[0].isErr) {
      fail(`createFeed failed: ${event.data[0].toString()}`);
    }
    if (api.events.oracleAggregation.FeedCreated.is(event)) {
      created = event.data.feedId.toNumber();
      console.error(`created feed ${created}`);
    }
    if (api.events.oracleAggregation.RoundResolved.is(event)) {
      const { feedId, roundId, value } = event.data;
      check(feedId.toNumber(), roundId.toNumber(), value.toBigInt()).catch((e) => fail(`${e}`));
    }
  }
});

// The genesis feeds start a round at most every heartbeat (5 min) or on a 0.25 % move; Bob pays
// for a fresh round of each so that all three resolve now. A feed whose round is already open
// refuses the request (`RoundAlreadyOpen`) and resolves that round anyway.
// Nonces are counted here: the pool may not have taken one request in when the next is signed.
const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
let bobNonce = (await api.rpc.system.accountNextIndex(bob.address)).toNumber();
for (const feedId of feeds.keys()) {
  await api.tx.oracleAggregation.requestRound(feedId).signAndSend(bob, { nonce: bobNonce++ });
}

// A DOT/USD feed over five venues: OKX quotes 20 % high, Kraken answers HTTP 500.
await get('/control/fault?venue=okx&fault=outlier:200000');
await get('/control/fault?venue=kraken&fault=error');
const source = (name, path, jsonPath) => ({
  name,
  url: `${prices}/${name}${path}`,
  jsonPath,
  transform: { shift: 0, invert: false },
  weight: 1,
  apiKey: null,
});
const config = {
  name: 'DOT/USD',
  decimals: 8,
  sources: [
    source('binance', '/api/v3/ticker/price?symbol=DOTUSDT', 'price'),
    source('coinbase', '/v2/prices/DOT-USD/spot', 'data.amount'),
    source('kraken', '/0/public/Ticker?pair=DOTUSD', 'result.DOTUSD.c[0]'),
    source('okx', '/api/v5/market/ticker?instId=DOT-USDT', 'data[0].last'),
    source('gate', '/api/v4/spot/tickers?currency_pair=DOT_USDT', '[0].last'),
  ],
  minSources: 3,
  maxSourceDeviation: 10_000, // 1 %
  sourceAggregation: 'Median',
  aggregation: 'Median',
  quorum: 1,
  resolutionDelay: 2,
  roundTimeout: 10,
  heartbeat: 5,
  deviationThreshold: 5_000,
  bufferLen: 8,
  minValue: 1,
  maxValue: 100_000_000_000,
  maxAge: 20,
};
const nextId = (await api.query.oracleAggregation.nextFeedId()).toNumber();
feeds.set(nextId, { symbol: 'DOT', since: (await truthNow('DOT')).tick });
// The transaction is sent plainly; its effect is watched through the events above.
await api.tx.sudo.sudo(api.tx.oracleAggregation.createFeed(config)).signAndSend(alice);
await finished;
if (created !== nextId) fail(`created feed ${created}, expected ${nextId}`);

// The created feed's round, read back from storage.
const { roundId, value } = checked.get(nextId);
const stored = await api.query.oracleAggregation.rounds(nextId, roundId);
if (stored.isNone) fail(`round ${roundId} is not in storage`);
const round = stored.unwrap();
if (round.value.toBigInt() !== value || round.answeredInRound.toNumber() !== roundId) {
  fail(`stored round differs: ${JSON.stringify(round.toJSON())}`);
}
const latest = (await api.query.oracleAggregation.latest(nextId)).unwrap();
if (latest.round.isNone || latest.round.unwrap().roundId.toNumber() < roundId) {
  fail(`latest(${nextId}) does not hold round ${roundId}: ${JSON.stringify(latest.toJSON())}`);
}
console.log(JSON.stringify({ stored: { feedId: nextId, round: round.toJSON() } }));

// The round's SLA record and Alice's statistics, from storage and from the runtime API.
const record = (await api.query.oracleSla.records(nextId, roundId)).unwrap();
const viaApi = (await api.call.oracleSlaApi.record(nextId, roundId)).unwrap();
if (JSON.stringify(viaApi.toJSON()) !== JSON.stringify(record.toJSON())) {
  fail(`the runtime API's record differs: ${JSON.stringify(viaApi.toJSON())}`);
}
if (
  !record.status.isResolved ||
  record.value.unwrap().toBigInt() !== value ||
  record.expected.toNumber() !== 1 ||
  record.submitted.toNumber() !== 1 ||
  record.accepted.toNumber() !== 1 ||
  record.late.toNumber() !== 0 ||
  record.missing.length !== 0 ||
  record.outOfTolerance.length !== 0 ||
  !record.quorumMet.isTrue
) {
  fail(`unexpected SLA record: ${JSON.stringify(record.toJSON())}`);
}
const stats = (await api.query.oracleSla.stats(alice.address)).unwrap();
const report = (await api.call.oracleSlaApi.operator(alice.address)).unwrap();
if (
  stats.accepted.toNumber() < 1 ||
  stats.penalties.toNumber() !== 0 ||
  stats.rewardPoints.toNumber() < 1 ||
  report.score.toNumber() <= 500_000
) {
  fail(`unexpected operator statistics: ${JSON.stringify(report.toJSON())}`);
}
const feedSla = (await api.call.oracleSlaApi.feedSla(nextId)).unwrap();
console.log(
  JSON.stringify({
    sla: { record: record.toJSON(), alice: report.toJSON(), feed: feedSla.toJSON() },
  }),
);
await api.disconnect();
process.exit(0);
