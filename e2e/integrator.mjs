// The integrator guide (docs/integrator.md), step by step, against a real node and the local
// price server. Each step prints one JSON line; any failed check exits non-zero (after 150 s at
// the latest).
//
//  1. create an ETH/USD feed with sudo over five venues (the guide's real URLs, with the hosts
//     replaced by the price server's `/{venue}` prefixes) and wait for its first round;
//  2. read it from storage (`latest`, `rounds`, `feeds`) and through the runtime API
//     (`latestRound`, `freshRound`, `latestRounds`, `round`, `feedConfig`);
//  3. wait until the value is older than `maxAge`: `freshRound` fails closed with `Stale` while
//     `latestRound` still returns the value;
//  4. request an on-demand round as Bob (`requestRound`, paying the fee): a new round resolves
//     though the heartbeat is far away;
//  5. tune the feed with `updateFeed` (a longer `maxAge`) and read the configuration back.
//
// Usage: node integrator.mjs <ws://127.0.0.1:9944> <http://127.0.0.1:8500>
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { feedConfigProblems } from './bounds.mjs';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const prices = process.argv[3] ?? 'http://127.0.0.1:8500';
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
setTimeout(() => fail('the guide did not complete within 150 s'), 150_000).unref();
const step = (name, details) => console.log(JSON.stringify({ step: name, ...details }));

const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
const keyring = new Keyring({ type: 'sr25519' });
const alice = keyring.addFromUri('//Alice');
const bob = keyring.addFromUri('//Bob');

// --- the guide's feed, as it is written for the real venues ---------------------------------
const source = (name, url, jsonPath) => ({
  name,
  url,
  jsonPath,
  transform: { shift: 0, invert: false },
  weight: 1,
  apiKey: null,
});
const ethUsd = {
  name: 'ETH/USD',
  decimals: 8,
  sources: [
    source('binance', 'https://api.binance.com/api/v3/ticker/price?symbol=ETHUSDT', 'price'),
    source('coinbase', 'https://api.coinbase.com/v2/prices/ETH-USD/spot', 'data.amount'),
    source('kraken', 'https://api.kraken.com/0/public/Ticker?pair=ETHUSD', 'result.XETHZUSD.c[0]'),
    source('okx', 'https://www.okx.com/api/v5/market/ticker?instId=ETH-USDT', 'data[0].last'),
    source('coingecko', 'https://api.coingecko.com/api/v3/simple/price?ids=ethereum&vs_currencies=usd', 'ethereum.usd'),
  ],
  minSources: 3,
  maxSourceDeviation: 10_000, // 1 %: a source further from the sources' median is dropped
  sourceAggregation: 'Median',
  aggregation: 'Median',
  quorum: 1,
  resolutionDelay: 2,
  roundTimeout: 10,
  heartbeat: 1_000, // a new round at least every 1,000 blocks...
  deviationThreshold: 500_000, // ...or when the price moves 50 % (so: on request only, here)
  bufferLen: 16,
  minValue: 10n * 10n ** 8n, // $10
  maxValue: 1_000_000n * 10n ** 8n, // $1,000,000
  maxAge: 3, // blocks; older values are stale to readers
  commitReveal: true, // operators commit to a hash of their values, then reveal them
};
// Offline, the same endpoints come from the local price server under `/{venue}`.
for (const s of ethUsd.sources) {
  s.url = s.url.replace(/^https:\/\/[^/]+/, `${prices}/${s.name}`);
}

// Every event of every block, kept for the steps to wait on.
const waiting = [];
api.query.system.events((events) => {
  for (const { event } of events) {
    if (api.events.sudo.Sudid.is(event) && event.data[0].isErr) fail(`sudo call failed: ${event.data[0]}`);
    for (const w of [...waiting]) {
      if (w.match(event)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(event);
      }
    }
  }
});
const next = (match) => new Promise((resolve) => waiting.push({ match, resolve }));
const { oracleAggregation: events } = api.events;

// 1. Create the feed, its bounds checked first: past one, the pool would refuse it with an
// undecodable-transaction error that names nothing.
const problems = feedConfigProblems(api, ethUsd);
if (problems.length) fail(`the guide's feed passes its bounds: ${problems.join('; ')}`);
const tooMany = { ...ethUsd, sources: Array(11).fill(ethUsd.sources[0]), name: 'X'.repeat(33) };
const named = feedConfigProblems(api, tooMany);
if (!named.includes("11 sources, more than the runtime's maxSources (10)") || !named.some((p) => p.startsWith('the feed name is 33 bytes'))) {
  fail(`the bounds check missed what passes them: ${JSON.stringify(named)}`);
}
step('bounds', { checked: true, refusedExample: named });
const created = next((e) => events.FeedCreated.is(e));
await api.tx.sudo.sudo(api.tx.oracleAggregation.createFeed(ethUsd)).signAndSend(alice);
const feedId = (await created).data.feedId.toNumber();
const first = await next((e) => events.RoundResolved.is(e) && e.data.feedId.toNumber() === feedId);
step('created', { feedId, round: first.data.roundId.toNumber(), value: first.data.value.toString() });

// 2. Read it: storage...
const latest = (await api.query.oracleAggregation.latest(feedId)).unwrap();
const round = latest.round.unwrap();
const stored = (await api.query.oracleAggregation.rounds(feedId, round.roundId)).unwrap();
const config = (await api.query.oracleAggregation.feeds(feedId)).unwrap();
if (!stored.eq(round) || config.name.toUtf8() !== 'ETH/USD') fail('storage reads disagree');
// ...and the runtime API.
const viaApi = (await api.call.oracleAggregationApi.latestRound(feedId)).unwrap();
const fresh = await api.call.oracleAggregationApi.freshRound(feedId);
const all = await api.call.oracleAggregationApi.latestRounds();
const past = await api.call.oracleAggregationApi.round(feedId, round.roundId);
const apiConfig = await api.call.oracleAggregationApi.feedConfig(feedId);
if (!viaApi.eq(round) || !fresh.isOk || !fresh.asOk.eq(round)) fail(`runtime API differs: ${fresh}`);
if (!all.some(([id, r]) => id.toNumber() === feedId && r.isSome) || !past.unwrap().eq(round)) {
  fail('latestRounds or round differ');
}
if (apiConfig.unwrap().sources.length !== 5) fail('feedConfig differs');
step('read', {
  value: round.value.toString(),
  runningMean: round.runningMean.toString(),
  answeredInRound: round.answeredInRound.toNumber(),
  updatedAt: round.updatedAt.toNumber(),
  fresh: fresh.isOk,
});

// 3. Staleness: after maxAge blocks without a new round, reads fail closed.
const resolvedAt = round.updatedAt.toNumber();
for (;;) {
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  if (now > resolvedAt + 3) break;
  await new Promise((r) => setTimeout(r, 1_000));
}
const stale = await api.call.oracleAggregationApi.freshRound(feedId);
if (!stale.isErr || !stale.asErr.isStale) fail(`expected Stale, got ${stale}`);
if ((await api.call.oracleAggregationApi.latestRound(feedId)).isNone) fail('latestRound lost the value');
step('stale', { freshRound: stale.toJSON() });

// 4. An on-demand round, paid by Bob.
const fee = api.consts.oracleAggregation.roundRequestFee.toBigInt();
const before = (await api.query.system.account(bob.address)).data.free.toBigInt();
const requested = next((e) => events.RoundRequested.is(e) && e.data.feedId.toNumber() === feedId);
await api.tx.oracleAggregation.requestRound(feedId).signAndSend(bob);
await requested;
const second = await next((e) => events.RoundResolved.is(e) && e.data.feedId.toNumber() === feedId);
const after = (await api.query.system.account(bob.address)).data.free.toBigInt();
if (second.data.roundId.toNumber() !== round.roundId.toNumber() + 1) fail('the requested round is not the next one');
if (before - after < fee) fail(`Bob paid ${before - after}, less than the fee ${fee}`);
if (!(await api.call.oracleAggregationApi.freshRound(feedId)).isOk) fail('the requested round is not fresh');
step('requested', { round: second.data.roundId.toNumber(), value: second.data.value.toString(), paid: (before - after).toString(), fee: fee.toString() });

// 5. Tune it: a longer maxAge.
const updated = next((e) => events.FeedUpdated.is(e) && e.data.feedId.toNumber() === feedId);
await api.tx.sudo.sudo(api.tx.oracleAggregation.updateFeed(feedId, { ...ethUsd, maxAge: 600 })).signAndSend(alice, { nonce: -1 });
await updated;
const tuned = (await api.query.oracleAggregation.feeds(feedId)).unwrap();
const latestAfter = (await api.query.oracleAggregation.latest(feedId)).unwrap();
if (tuned.maxAge.toNumber() !== 600 || latestAfter.maxAge.toNumber() !== 600) fail('maxAge not updated');
step('updated', { maxAge: tuned.maxAge.toNumber() });

await api.disconnect();
process.exit(0);
