// End to end through a real node: serves three exchange-shaped responses on loopback, creates a
// BTC/USD feed over them with sudo (Alice), waits for the node's offchain worker to report and
// for `RoundResolved`, and checks the value against the sources' median, then reads the round
// back from storage. Exits non-zero on any mismatch or after 90 s.
//
// Usage: node feed.mjs [ws://127.0.0.1:9944]
import http from 'node:http';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';

// Three venues' formats; the median of the three prices is 98000.50.
const responses = {
  '/binance': { symbol: 'BTCUSDT', price: '98000.50' },
  '/coinbase': { data: { amount: '98001.00', base: 'BTC', currency: 'USD' } },
  '/okx': { code: '0', msg: '', data: [{ instId: 'BTC-USDT', last: '97999.90' }] },
};
const expected = 9_800_050n; // 98000.50 with 2 decimals

const server = http.createServer((req, res) => {
  const body = responses[req.url];
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body ?? { error: 'not found' }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
setTimeout(() => fail('no RoundResolved within 90 s'), 90_000).unref();

const source = (name, path, jsonPath) => ({
  name,
  url: `${base}${path}`,
  jsonPath,
  transform: { shift: 0, invert: false },
  weight: 1,
  apiKey: null,
});
const config = {
  name: 'BTC/USD',
  decimals: 2,
  sources: [
    source('binance', '/binance', 'price'),
    source('coinbase', '/coinbase', 'data.amount'),
    source('okx', '/okx', 'data[0].last'),
  ],
  minSources: 2,
  maxSourceDeviation: 20_000, // 2 %
  sourceAggregation: 'Median',
  aggregation: 'Median',
  quorum: 1,
  resolutionDelay: 1,
  roundTimeout: 10,
  heartbeat: 5,
  deviationThreshold: 5_000,
  bufferLen: 8,
  minValue: 1,
  maxValue: 100_000_000_000,
  maxAge: 20,
};

const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
// Watch every block's events; the transaction is sent plainly (its status is not followed).
let feedId;
const resolved = new Promise((resolve) => {
  api.query.system.events((events) => {
    for (const { event } of events) {
      if (api.events.sudo.Sudid.is(event) && event.data[0].isErr) {
        fail(`createFeed failed: ${event.data[0].toString()}`);
      }
      if (api.events.oracleAggregation.FeedCreated.is(event)) {
        feedId = event.data.feedId.toNumber();
        console.error(`created feed ${feedId}`);
      }
      if (api.events.oracleAggregation.RoundResolved.is(event) && event.data.feedId.toNumber() === feedId) {
        resolve(event.data);
      }
    }
  });
});
await api.tx.sudo.sudo(api.tx.oracleAggregation.createFeed(config)).signAndSend(alice);
const data0 = await resolved;
const value = data0.value.toBigInt();
const round = data0.roundId.toNumber();
console.error(`round ${round} resolved at ${value}`);
if (value !== expected) fail(`resolved ${value}, expected the sources' median ${expected}`);

const stored = await api.query.oracleAggregation.rounds(feedId, round);
if (stored.isNone) fail(`round ${round} is not in storage`);
const data = stored.unwrap();
if (data.value.toBigInt() !== expected || data.answeredInRound.toNumber() !== round) {
  fail(`stored round differs: ${JSON.stringify(data.toJSON())}`);
}
const state = await api.query.oracleAggregation.states(feedId);
console.log(JSON.stringify({ feedId, round: data.toJSON(), latestRound: state.unwrap().latestRound.toNumber() }));
await api.disconnect();
server.close();
process.exit(0);
