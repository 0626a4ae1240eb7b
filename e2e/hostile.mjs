// Hostile sources end to end, through a real node and the local price server
// (tools/price-server), which serves each venue's real response shape and takes faults:
//
// a DOT/USD feed over eight venues of which three are honest, one lies (its quote 20 % high)
// and four attack the operator's node: one trickles its body a byte at a time, one sends
// 100 kB, one redirects elsewhere, one sends its headers and then nothing. The feed still
// resolves within the honest venues' spread, and the node's health record of each source names
// what it did: `timeout`, `body_too_large`, `http_302`, `timeout`, `outlier`, while the honest
// venues answer within a fraction of the fetch deadline, delayed by none of the others.
//
// Prints one JSON line per step. Exits non-zero on any mismatch or after 150 s.
//
// Usage: node hostile.mjs <ws://127.0.0.1:9944> <http://127.0.0.1:PORT>
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { stringToHex } from '@polkadot/util';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const prices = process.argv[3] ?? 'http://127.0.0.1:8500';
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
setTimeout(() => fail('the hostile feed did not resolve with every fault seen within 150 s'), 150_000).unref();
const step = (name, fields) => console.log(JSON.stringify({ step: name, ...fields }));

const get = async (path) => {
  const response = await fetch(`${prices}${path}`);
  if (!response.ok) fail(`${path}: HTTP ${response.status}`);
  return response.json();
};
/// 8-decimal string to bigint.
const units = (text) => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 100_000_000n + BigInt(fraction.padEnd(8, '0'));
};

// Each venue's fault, and the health kind the node must record for it.
const faults = {
  bitstamp: ['trickle:400', 'timeout'],
  okx: ['huge:100000', 'body_too_large'],
  kucoin: [`redirect:${prices}/binance/api/v3/ticker/price?symbol=DOTUSDT`, 'http_302'],
  gate: ['headers-then-stall', 'timeout'],
  bybit: ['outlier:200000', 'outlier'],
};
const honest = ['binance', 'coinbase', 'kraken'];
for (const [venue, [fault]] of Object.entries(faults)) {
  await get(`/control/fault?venue=${venue}&fault=${encodeURIComponent(fault)}`);
}
step('faults', { faults: Object.fromEntries(Object.entries(faults).map(([v, [f]]) => [v, f])) });

const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
const source = (name, path, jsonPath) => ({
  name,
  url: `${prices}/${name}${path}`,
  jsonPath,
  transform: { shift: 0, invert: false },
  weight: 1,
  apiKey: null,
});
const config = {
  name: 'HOSTILE/DOT',
  decimals: 8,
  sources: [
    source('binance', '/api/v3/ticker/price?symbol=DOTUSDT', 'price'),
    source('coinbase', '/v2/prices/DOT-USD/spot', 'data.amount'),
    source('kraken', '/0/public/Ticker?pair=DOTUSD', 'result.DOTUSD.c[0]'),
    source('bitstamp', '/api/v2/ticker/dotusd/', 'last'),
    source('okx', '/api/v5/market/ticker?instId=DOT-USDT', 'data[0].last'),
    source('kucoin', '/api/v1/market/orderbook/level1?symbol=DOT-USDT', 'data.price'),
    source('gate', '/api/v4/spot/tickers?currency_pair=DOT_USDT', '[0].last'),
    source('bybit', '/v5/market/tickers?category=spot&symbol=DOTUSDT', 'result.list[0].lastPrice'),
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
const since = (await get('/true/DOT')).tick;
const feedId = (await api.query.oracleAggregation.nextFeedId()).toNumber();
await new Promise((resolve, reject) => {
  api.tx.sudo
    .sudo(api.tx.oracleAggregation.createFeed(config))
    .signAndSend(alice, ({ status, events, dispatchError }) => {
      if (dispatchError) reject(new Error(`createFeed: ${dispatchError.toString()}`));
      // A dev node may report a block as finalized without reporting it in block first.
      if (!status.isInBlock && !status.isFinalized) return;
      for (const { event } of events) {
        if (api.events.sudo.Sudid.is(event) && event.data[0].isErr) {
          reject(new Error(`createFeed failed: ${event.data[0].toString()}`));
        }
      }
      resolve();
    })
    .catch(reject);
});
step('created', { feedId, sources: config.sources.length });

const health = async (name) => {
  const key = stringToHex(`oracle/health/${feedId}/${name}`);
  const stored = await api.rpc.offchain.localStorageGet('PERSISTENT', key);
  return stored.isSome ? JSON.parse(stored.unwrap().toUtf8()) : undefined;
};

// Wait for a resolved round of the feed whose run saw every fault, then check it.
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const latest = await api.query.oracleAggregation.latest(feedId);
  if (latest.isNone || latest.unwrap().round.isNone) continue;
  const round = latest.unwrap().round.unwrap();
  if (round.answeredInRound.toNumber() !== round.roundId.toNumber()) continue;
  const records = {};
  for (const name of [...honest, ...Object.keys(faults)]) records[name] = await health(name);
  if (Object.values(records).some((record) => record === undefined)) continue;
  // Every record of one run carries the same `updated_ms`.
  const run = records.binance.updated_ms;
  if (Object.values(records).some((record) => record.updated_ms !== run)) continue;
  const seen = Object.entries(faults).every(
    ([venue, [, kind]]) => records[venue].last_error === kind && records[venue].last_error_ms === run,
  );
  if (!seen) continue;

  for (const name of honest) {
    const record = records[name];
    if (record.last_success_ms !== run) fail(`${name} failed in that run: ${JSON.stringify(record)}`);
    // Answered at once by the server: a hostile neighbour must not have held it up.
    if (record.latency_ms > 1_000) fail(`${name} took ${record.latency_ms} ms: ${JSON.stringify(record)}`);
  }
  const value = round.value.toBigInt();
  let [low, high] = [undefined, undefined];
  const to = (await get('/true/DOT')).tick;
  for (let tick = Math.max(0, since - 2); tick <= to; tick += 1) {
    const truth = await get(`/true/DOT?tick=${tick}`);
    for (const venue of honest) {
      const quote = units(truth.venues[venue].quote);
      low = low === undefined || quote < low ? quote : low;
      high = high === undefined || quote > high ? quote : high;
    }
  }
  if (value < low || value > high) fail(`resolved ${value} outside the honest venues' ${low}..${high}`);
  step('resolved', {
    feedId,
    roundId: round.roundId.toNumber(),
    value: value.toString(),
    honest: [low.toString(), high.toString()],
    health: Object.fromEntries(
      Object.entries(records).map(([name, r]) => [name, { error: r.last_error_ms === run ? r.last_error : null, latency_ms: r.latency_ms }]),
    ),
  });
  break;
}
for (const venue of Object.keys(faults)) await get(`/control/fault?venue=${venue}&fault=none`);
step('done', {});
await api.disconnect();
process.exit(0);
