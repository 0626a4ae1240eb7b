// Helpers shared by the relay-chain tests' js-scripts (CommonJS, loaded by zombienet).
//
// Everything reads finalized blocks only: a relay-chain network can reorganise the parachain's
// best chain, never its finalized one.
const { ApiPromise, Keyring, WsProvider } = require('@polkadot/api');

/// The local price server the runner started (`zombienet/run.sh`).
const PRICES = process.env.ORACLE_PRICE_SERVER || 'http://127.0.0.1:8500';

/// The feed the tests create, and the symbol the price server quotes for it.
const FEED_NAME = 'DOT/USD';
const SYMBOL = 'DOT';

/// How many price-server ticks back a round's values may have been fetched: a round lasts at
/// most `roundTimeout` blocks, and finality lags a few relay blocks behind.
const TICK_WINDOW = 60;

const keyring = () => new Keyring({ type: 'sr25519' });
const accounts = () => {
  const ring = keyring();
  return { alice: ring.addFromUri('//Alice'), bob: ring.addFromUri('//Bob') };
};

/// An API connected to the node called `name` in the zombienet network.
const connect = (networkInfo, name) =>
  ApiPromise.create({
    provider: new WsProvider(networkInfo.nodesByName[name].wsUri),
    noInitWarn: true,
  });

const log = (line) => console.log(`      ${JSON.stringify(line)}`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/// JSON from the price server.
const prices = async (path) => {
  const response = await fetch(`${PRICES}${path}`);
  if (!response.ok) throw new Error(`${PRICES}${path}: HTTP ${response.status}`);
  return response.json();
};

/// 8-decimal string to bigint.
const units = (text) => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 100_000_000n + BigInt(fraction.padEnd(8, '0'));
};

/// The lowest and highest honest venue quote of the test symbol over the last `TICK_WINDOW`
/// ticks: where a value resolved now may lie.
const envelope = async () => {
  const now = (await prices(`/true/${SYMBOL}`)).tick;
  let low;
  let high;
  for (let tick = Math.max(0, now - TICK_WINDOW); tick <= now; tick += 1) {
    const truth = await prices(`/true/${SYMBOL}?tick=${tick}`);
    const [min, max] = [units(truth.min), units(truth.max)];
    low = low === undefined || min < low ? min : low;
    high = high === undefined || max > high ? max : high;
  }
  return { low, high, ticks: [Math.max(0, now - TICK_WINDOW), now] };
};

/// The test feed's configuration: five venues of the price server, rounds every 5 blocks at
/// least, resolved by median once both operators answered or 3 blocks after the first value;
/// one value is a quorum, so rounds keep resolving while one operator is down.
const feedConfig = () => {
  const source = (name, path, jsonPath) => ({
    name,
    url: `${PRICES}/${name}${path}`,
    jsonPath,
    transform: { shift: 0, invert: false },
    weight: 1,
    apiKey: null,
  });
  return {
    name: FEED_NAME,
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
    resolutionDelay: 3,
    roundTimeout: 10,
    heartbeat: 5,
    deviationThreshold: 5_000,
    bufferLen: 16,
    minValue: 1,
    maxValue: 100_000_000_000,
    maxAge: 30,
  };
};

/// Dispatches `call` with sudo (Alice) and waits for its block; fails if it failed.
const sudo = (api, call, label) => {
  const { alice } = accounts();
  return new Promise((resolve, reject) => {
    api.tx.sudo
      .sudo(call)
      .signAndSend(alice, ({ status, events, dispatchError }) => {
        if (dispatchError) reject(new Error(`${label}: ${dispatchError.toString()}`));
        if (status.isInvalid || status.isDropped || status.isUsurped) {
          reject(new Error(`${label}: the transaction is ${status.type}`));
        }
        if (!status.isInBlock) return;
        for (const { event } of events) {
          if (api.events.sudo.Sudid.is(event) && event.data[0].isErr) {
            reject(new Error(`${label} failed: ${event.data[0].toString()}`));
          }
        }
        resolve(events);
      })
      // Refused at submission (an outdated nonce after a reorganisation, say).
      .catch((error) => reject(new Error(`${label}: ${error.message}`)));
  });
};

/// Sends `call` with sudo (Alice) until `done(apiAt)` holds at the finalized block, and returns
/// that block's `apiAt`. The collators fork now and then: a transaction included in a block that
/// is then retracted, dropped by the pool or refused at submission is sent again (at most
/// `attempts` times, each given `waitMs` to be finalized). A call that dispatches with an error
/// fails at once.
const sudoUntilFinal = async (api, call, label, done, { attempts = 5, waitMs = 90_000 } = {}) => {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    let failed;
    sudo(api, call, label).catch((error) => {
      failed = error;
    });
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const at = await api.at(await api.rpc.chain.getFinalizedHead());
      if (await done(at)) return at;
      if (failed && failed.message.startsWith(`${label} failed`)) throw failed;
      if (failed) break;
      await sleep(3_000);
    }
    log({ retrying: label, attempt, why: failed ? failed.message : 'not finalized in time' });
  }
  throw new Error(`${label}: not finalized after ${attempts} attempts`);
};

/// The id of the test feed in the state `at`, or undefined.
const findFeed = async (at) => {
  for (const [key, config] of await at.query.oracleAggregation.feeds.entries()) {
    if (config.isSome && config.unwrap().name.toUtf8() === FEED_NAME) {
      return key.args[0].toNumber();
    }
  }
  return undefined;
};

/// The id of the test feed: the existing one, or one created now with sudo (Alice), once its
/// creation is finalized.
const ensureFeed = async (api) => {
  const existing = await findFeed(api);
  if (existing !== undefined) return existing;
  // The `local` chain refuses loopback URLs like every chain with real operators; this test
  // network's root allows them for the local price server.
  if (!(await api.query.oracleAggregation.sourceHostRules()).allowLoopback.isTrue) {
    await sudoUntilFinal(
      api,
      api.tx.oracleAggregation.setHostRules({ allowLoopback: true }),
      'setHostRules',
      async (at) => (await at.query.oracleAggregation.sourceHostRules()).allowLoopback.isTrue,
    );
  }
  const at = await sudoUntilFinal(
    api,
    api.tx.oracleAggregation.createFeed(feedConfig()),
    'createFeed',
    async (at) => (await findFeed(at)) !== undefined,
  );
  const feedId = await findFeed(at);
  log({ created: feedId });
  return feedId;
};

/// Calls `onBlock(number, hash, apiAt)` for every finalized block after `from`, in order, until
/// it returns true. Finalized heads can jump several blocks; none is skipped.
const followFinalized = async (api, from, onBlock) => {
  let next = from + 1;
  for (;;) {
    const head = await api.rpc.chain.getFinalizedHead();
    const finalized = (await api.rpc.chain.getHeader(head)).number.toNumber();
    for (; next <= finalized; next += 1) {
      const hash = await api.rpc.chain.getBlockHash(next);
      if (await onBlock(next, hash, await api.at(hash))) return next;
    }
    await sleep(2_000);
  }
};

/// The finalized block number.
const finalizedNumber = async (api) =>
  (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();

/// The test feed's closed rounds in a block's events: `{ roundId, value | null }`.
const closedRounds = async (api, apiAt, feedId) => {
  const closed = [];
  for (const { event } of await apiAt.query.system.events()) {
    if (api.events.oracleAggregation.RoundResolved.is(event)) {
      if (event.data.feedId.toNumber() === feedId) {
        closed.push({ roundId: event.data.roundId.toNumber(), value: event.data.value.toBigInt() });
      }
    } else if (api.events.oracleAggregation.RoundTimedOut.is(event)) {
      if (event.data.feedId.toNumber() === feedId) {
        closed.push({ roundId: event.data.roundId.toNumber(), value: null });
      }
    }
  }
  return closed;
};

/// The SLA record of a closed round, as of `apiAt`; fails if there is none.
const slaRecord = async (apiAt, feedId, roundId) => {
  const record = await apiAt.query.oracleSla.records(feedId, roundId);
  if (record.isNone) throw new Error(`no SLA record for feed ${feedId} round ${roundId}`);
  return record.unwrap();
};

/// The record in short, for the log: who was missing, how many answered.
const summary = (record) => ({
  round: record.roundId.toNumber(),
  status: record.status.toString(),
  expected: record.expected.toNumber(),
  submitted: record.submitted.toNumber(),
  accepted: record.accepted.toNumber(),
  missing: record.missing.map((account) => account.toString()),
  latency: record.latency.toNumber(),
});

module.exports = {
  PRICES,
  accounts,
  closedRounds,
  connect,
  ensureFeed,
  envelope,
  finalizedNumber,
  followFinalized,
  log,
  slaRecord,
  sleep,
  sudo,
  sudoUntilFinal,
  summary,
};
