// The operator guide (docs/operator.md), step by step, against a real `oracle-node --dev` and the
// local price server. Each step prints one JSON line; any failed check exits non-zero (after
// 240 s at the latest).
//
//  1. node: the node is an authority and serves the unsafe RPC methods on localhost;
//  2. rotateKeys: `author_rotateKeys` puts new `aura` and `oracle` keys in the node's keystore
//     but gives no ownership proof, so `session.setKeys` refuses them (`InvalidProof`);
//  3. sessionKeys: `author_rotateKeysWithOwner(account)` gives keys and proof, `session.setKeys`
//     from the new operator (Charlie, or the next dev account not yet bonded) registers them:
//     `session.nextKeys`, `session.keyOwner`;
//  4. bond: `staking.bond(19,000 ORC, 'Staked')` and `bondExtra(1,000 ORC)`: `staking.bonded`,
//     `ledger`, `payee`;
//  5. validate: `staking.validate({ commission: 5 %, blocked: false })`: `staking.validators`,
//     and the session and era arithmetic the guide gives (50-block sessions, 6 per era) checked
//     against the chain, with the blocks of the next election and of the next era;
//  6. leave: `staking.chill` takes the operator out of the candidates, `validate` puts it back,
//     `staking.unbond` schedules stake `BondingDuration` (24) eras out;
//  7. secrets: which secrets the feeds name; a feed whose source needs one (created with sudo,
//     as the feed admin would) fails with `missing_secret` until the secret is set, with
//     `secret_host_mismatch` while it is bound to another host, and succeeds once bound to its
//     source's host; set with
//     `offchain_localStorageSet`; read back with `offchain_localStorageGet`; then the source
//     succeeds;
//  8. health: every source of the genesis feed BTC/USD has a health record with the documented
//     fields (successful when the feed's sources are on the given price server);
//  9. sla: Alice's `oracleSla.stats` and `oracleSlaApi.operator` agree at one block, the score is
//     the documented Beta reputation, the latest round's SLA record, her era points, and the
//     default terms are the guide's figures;
// 10. dispute: the runtime's slashing constants; `staking.unappliedSlashes` listed; a deferred
//     slash made by Root (`staking.manualSlash`, which goes through the same `on_offence` path
//     as SLA offences) is found at era (offence era + 13) and cancelled by Root with
//     `staking.cancelDeferredSlash(era, [index])`; a signed call to it is refused.
//
// Usage: node operator.mjs <ws://127.0.0.1:9944> <http://127.0.0.1:8500>
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { stringToHex, u8aToHex } from '@polkadot/util';

const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
const prices = process.argv[3] ?? 'http://127.0.0.1:8500';
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
setTimeout(() => fail('the guide did not complete within 240 s'), 240_000).unref();
const step = (name, details) => console.log(JSON.stringify({ step: name, ...details }));
const check = (ok, message) => ok || fail(message);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const startedAt = Date.now();

// --- the guide's setup ------------------------------------------------------------------------
const provider = new WsProvider(url);
const api = await ApiPromise.create({ provider, noInitWarn: true });
const keyring = new Keyring({ type: 'sr25519' });
const UNIT = 10n ** 12n; // ORC has 12 decimals

/// Signs and sends `tx`, resolves once it is in a block with its events and the dispatch error
/// (`section.Name`), if any.
const send = (tx, signer) =>
  new Promise((resolve, reject) => {
    let unsubscribe;
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(`${status}`));
      if (!status.isInBlock && !status.isFinalized) return;
      let error = null;
      if (dispatchError) {
        if (dispatchError.isModule) {
          const { section, name } = api.registry.findMetaError(dispatchError.asModule);
          error = `${section}.${name}`;
        } else {
          error = dispatchError.toString();
        }
      }
      if (unsubscribe) unsubscribe();
      resolve({ events, error, block: status.isInBlock ? status.asInBlock : status.asFinalized });
    })
      .then((u) => {
        unsubscribe = u;
      })
      .catch(reject);
  });
/// `send`, failing the script on any dispatch error.
const sendOk = async (tx, signer, what) => {
  const result = await send(tx, signer);
  check(result.error === null, `${what} failed: ${result.error}`);
  return result;
};
/// The error a sudo call dispatched with (`section.Name`), or null.
const sudoError = ({ events }) => {
  for (const { event } of events) {
    if (api.events.sudo.Sudid.is(event) && event.data[0].isErr) {
      const error = event.data[0].asErr;
      if (!error.isModule) return error.toString();
      const { section, name } = api.registry.findMetaError(error.asModule);
      return `${section}.${name}`;
    }
  }
  return null;
};
/// Polls `probe` every second until it returns something other than undefined.
const until = async (probe, what) => {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - startedAt > 230_000) fail(`timed out waiting for ${what}`);
    await sleep(1_000);
  }
};
const head = async () => (await api.rpc.chain.getHeader()).number.toNumber();

const alice = keyring.addFromUri('//Alice'); // the dev chain's operator and sudo key

// The new operator: Charlie, or on a chain where he already is one, the next free dev account.
let operator;
for (const name of ['Charlie', 'Dave', 'Eve', 'Ferdie']) {
  const candidate = keyring.addFromUri(`//${name}`);
  const bonded = await api.query.staking.bonded(candidate.address);
  const keys = await api.query.session.nextKeys(candidate.address);
  if (bonded.isNone && keys.isNone) {
    operator = candidate;
    step('account', { name, address: candidate.address });
    break;
  }
}
check(operator, 'every dev account is already an operator');

// 1. The node: an authority, with the unsafe RPC methods served on localhost.
{
  const roles = (await api.rpc.system.nodeRoles()).map((role) => role.toString());
  const methods = (await api.rpc.rpc.methods()).methods.map((m) => m.toString());
  const needed = ['author_rotateKeys', 'author_rotateKeysWithOwner', 'author_hasSessionKeys',
    'offchain_localStorageSet', 'offchain_localStorageGet', 'offchain_localStorageClear'];
  for (const method of needed) check(methods.includes(method), `the node does not serve ${method}`);
  check(roles.includes('Authority'), `the node is not an authority: ${roles}`);
  step('node', {
    chain: (await api.rpc.system.chain()).toString(),
    version: (await api.rpc.system.version()).toString(),
    roles,
    unsafeRpc: true,
    best: await head(),
  });
}

// 2. author_rotateKeys: keys in the keystore, but no ownership proof.
{
  const keys = await api.rpc.author.rotateKeys(); // aura ‖ oracle, 32 bytes each
  const { aura, oracle } = api.createType('OracleRuntimeSessionKeys', keys);
  check(keys.length === 64, `rotateKeys gave ${keys.length} bytes`);
  check((await api.rpc.author.hasSessionKeys(keys)).isTrue, 'the rotated keys are not in the keystore');
  check((await api.rpc.author.hasKey(aura, 'aura')).isTrue, 'no aura key in the keystore');
  check((await api.rpc.author.hasKey(oracle, 'orcl')).isTrue, 'no oracle key in the keystore');
  const refused = await send(api.tx.session.setKeys(keys, '0x'), operator);
  check(refused.error === 'session.InvalidProof', `setKeys without a proof: ${refused.error}`);
  step('rotateKeys', { keys: keys.toHex(), aura: aura.toHex(), oracle: oracle.toHex(), setKeysWithoutProof: refused.error });
}

// 3. Session keys with an ownership proof, registered by the operator.
{
  const { keys, proof } = await provider.send('author_rotateKeysWithOwner', [u8aToHex(operator.addressRaw)]);
  await sendOk(api.tx.session.setKeys(keys, proof), operator, 'session.setKeys');

  const next = (await api.query.session.nextKeys(operator.address)).unwrap();
  check(next.toHex() === keys, `session.nextKeys ${next.toHex()} != ${keys}`);
  const owner = await api.query.session.keyOwner(['orcl', next.oracle]);
  check(owner.unwrap().eq(operator.address), 'session.keyOwner does not name the operator');
  check((await api.rpc.author.hasSessionKeys(keys)).isTrue, 'the registered keys are not in the keystore');
  step('sessionKeys', { aura: next.aura.toHex(), oracle: next.oracle.toHex(), proofBytes: (proof.length - 2) / 2 });
}

// 4. Bond.
const stake = 20_000n * UNIT;
{
  const minBond = (await api.query.staking.minValidatorBond()).toBigInt();
  check(minBond === 10_000n * UNIT, `minValidatorBond is ${minBond}, the guide says 10,000 ORC`);
  await sendOk(api.tx.staking.bond(stake - 1_000n * UNIT, 'Staked'), operator, 'staking.bond');
  await sendOk(api.tx.staking.bondExtra(1_000n * UNIT), operator, 'staking.bondExtra');

  const controller = (await api.query.staking.bonded(operator.address)).unwrap();
  const ledger = (await api.query.staking.ledger(operator.address)).unwrap();
  const payee = await api.query.staking.payee(operator.address);
  check(controller.eq(operator.address), 'the stash is not its own controller');
  check(ledger.active.toBigInt() === stake && ledger.total.toBigInt() === stake, `ledger: ${ledger}`);
  check(payee.unwrap().isStaked, `payee: ${payee}`);
  step('bond', {
    stash: operator.address,
    active: ledger.active.toString(),
    payee: payee.unwrap().toString(),
    minValidatorBond: minBond.toString(),
  });
}

// 5. Validate; when it takes effect.
{
  await sendOk(api.tx.staking.validate({ commission: 50_000_000, blocked: false }), operator, 'staking.validate'); // 5 %

  const candidates = (await api.query.staking.validators.keys()).map((k) => k.args[0].toString());
  const prefs = await api.query.staking.validators(operator.address);
  check(candidates.includes(operator.address), 'the operator is not a validator candidate');
  check(prefs.commission.toNumber() === 50_000_000 && prefs.blocked.isFalse, `prefs: ${prefs}`);

  // The schedule, read at one block: 50-block sessions, 6 sessions an era.
  const hash = await api.rpc.chain.getBlockHash();
  const at = await api.at(hash);
  const number = (await api.rpc.chain.getHeader(hash)).number.toNumber();
  const session = (await at.query.session.currentIndex()).toNumber();
  const era = (await at.query.staking.activeEra()).unwrap().index.toNumber();
  const eraStart = (await at.query.staking.erasStartSessionIndex(era)).unwrap().toNumber();
  const sessionsPerEra = api.consts.staking.sessionsPerEra.toNumber();
  check(session === Math.floor(number / 50), `block ${number} is in session ${session}, not ${Math.floor(number / 50)}`);
  check(sessionsPerEra === 6 && eraStart === era * 6, `era ${era} started at session ${eraStart}`);
  // Next era: session eraStart + 6; its election runs when session eraStart + 4 ends.
  let nextEraSession = eraStart + sessionsPerEra;
  if (session >= nextEraSession - 1) nextEraSession += sessionsPerEra; // this era's election is over
  const validatorCount = (await at.query.staking.validatorCount()).toNumber();
  step('validate', {
    commission: prefs.commission.toNumber(),
    candidates: candidates.length,
    validatorCount,
    block: number,
    session,
    activeEra: era,
    electionAtBlock: (nextEraSession - 1) * 50,
    operatingFromBlock: nextEraSession * 50,
    operatingFromEra: Math.floor(nextEraSession / sessionsPerEra),
  });
}

// 6. Leave and come back: chill, validate again; unbond part of the stake.
{
  await sendOk(api.tx.staking.chill(), operator, 'staking.chill');
  const afterChill = (await api.query.staking.validators.keys()).map((k) => k.args[0].toString());
  check(!afterChill.includes(operator.address), 'chill left the operator a candidate');
  await sendOk(api.tx.staking.validate({ commission: 50_000_000, blocked: false }), operator, 'staking.validate');

  const part = 1_000n * UNIT;
  await sendOk(api.tx.staking.unbond(part), operator, 'staking.unbond');
  const ledger = (await api.query.staking.ledger(operator.address)).unwrap();
  const currentEra = (await api.query.staking.currentEra()).unwrap().toNumber();
  const [chunk] = ledger.unlocking;
  check(ledger.active.toBigInt() === stake - part, `active after unbond: ${ledger.active}`);
  check(chunk && chunk.value.toBigInt() === part && chunk.era.toNumber() === currentEra + 24, `unlocking: ${ledger.unlocking}`);
  step('leave', { chilled: true, validatingAgain: true, active: ledger.active.toString(), unlocking: ledger.unlocking.toJSON() });
}

// 7. API-key secrets.
{
  // A feed whose source needs an API key, as the feed admin (Root: sudo here) would configure it.
  const created = await sendOk(
    api.tx.sudo.sudo(
      api.tx.oracleAggregation.createFeed({
        name: 'BTC/USD keyed',
        decimals: 8,
        sources: [{
          name: 'coingecko',
          url: `${prices}/coingecko/api/v3/simple/price?ids=bitcoin&vs_currencies=usd`,
          jsonPath: 'bitcoin.usd',
          transform: { shift: 0, invert: false },
          weight: 1,
          apiKey: { header: 'x-cg-demo-api-key', secret: 'coingecko' },
        }],
        minSources: 1,
        maxSourceDeviation: 10_000,
        sourceAggregation: 'Median',
        aggregation: 'Median',
        quorum: 1,
        resolutionDelay: 2,
        roundTimeout: 10,
        heartbeat: 10,
        deviationThreshold: 5_000,
        bufferLen: 16,
        minValue: 1_000n * 10n ** 8n,
        maxValue: 10_000_000n * 10n ** 8n,
        maxAge: 20,
      }),
    ),
    alice,
    'createFeed',
  );
  check(sudoError(created) === null, `createFeed: ${sudoError(created)}`);
  const createdId = created.events
    .find(({ event }) => api.events.oracleAggregation.FeedCreated.is(event))
    .event.data.feedId.toNumber();

  // The guide: which secrets do the feeds name?
  const needed = [];
  for (const [key, config] of await api.query.oracleAggregation.feeds.entries()) {
    for (const source of config.unwrap().sources) {
      if (source.apiKey.isSome) {
        const { header, secret } = source.apiKey.unwrap();
        needed.push({ feedId: key.args[0].toNumber(), source: source.name.toUtf8(), header: header.toUtf8(), secret: secret.toUtf8() });
      }
    }
  }
  const keyed = needed.find((n) => n.feedId === createdId && n.secret === 'coingecko');
  check(keyed, `feed ${createdId} does not name the secret coingecko: ${JSON.stringify(needed)}`);

  const secretKey = stringToHex('oracle/secret/coingecko');
  const healthKey = stringToHex(`oracle/health/${keyed.feedId}/coingecko`);
  const health = async () => {
    const stored = await api.rpc.offchain.localStorageGet('PERSISTENT', healthKey);
    return stored.isSome ? JSON.parse(stored.unwrap().toUtf8()) : undefined;
  };
  // Without the secret (cleared in case an earlier run set it) the source is not even requested.
  await api.rpc.offchain.localStorageClear('PERSISTENT', secretKey);
  const missing = await until(async () => {
    const h = await health();
    return h && h.last_error === 'missing_secret' && h.last_error_ms === h.updated_ms ? h : undefined;
  }, 'a missing_secret health record');

  // A secret is stored as `<host>[,<host>…]=<value>`: bound to another host, it is never sent.
  await api.rpc.offchain.localStorageSet('PERSISTENT', secretKey, stringToHex('api.coingecko.com=CG-demo-key-of-this-operator'));
  const mismatch = await until(async () => {
    const h = await health();
    return h && h.last_error === 'secret_host_mismatch' && h.last_error_ms === h.updated_ms ? h : undefined;
  }, 'a secret_host_mismatch health record');

  // Bound to the host the source's URL names (here the local price server), it is sent.
  const bound = `${new URL(prices).hostname}=CG-demo-key-of-this-operator`;
  await api.rpc.offchain.localStorageSet('PERSISTENT', secretKey, stringToHex(bound));
  const stored = await api.rpc.offchain.localStorageGet('PERSISTENT', secretKey); // Option<Bytes>
  check(stored.isSome && stored.unwrap().toUtf8() === bound, `read back: ${stored}`);

  const fetched = await until(async () => {
    const h = await health();
    return h && h.last_success_ms !== null && h.last_success_ms > mismatch.updated_ms ? h : undefined;
  }, 'the keyed source to succeed once its secret is bound to its host');
  step('secrets', { needed, before: missing.last_error, bound_elsewhere: mismatch.last_error, storedBytes: stored.unwrap().length, after: fetched });
}

// 8. Source health of a genesis feed (BTC/USD, feed 0).
{
  const config = (await api.query.oracleAggregation.feeds(0)).unwrap();
  const fields = ['updated_ms', 'latency_ms', 'last_success_ms', 'last_value', 'last_error', 'last_error_ms'];
  const sources = {};
  for (const source of config.sources) {
    const name = source.name.toUtf8();
    const served = source.url.toUtf8().startsWith(`${prices}/`);
    const record = await until(async () => {
      const stored = await api.rpc.offchain.localStorageGet('PERSISTENT', stringToHex(`oracle/health/0/${name}`));
      if (stored.isNone) return undefined;
      const h = JSON.parse(stored.unwrap().toUtf8());
      // From the given price server, the source must have succeeded within the last minute.
      if (served && (h.last_success_ms === null || Date.now() - h.last_success_ms > 60_000)) return undefined;
      return h;
    }, `a health record of feed 0 source ${name}`);
    check(fields.every((f) => f in record) && Object.keys(record).length === fields.length, `fields of ${name}: ${JSON.stringify(record)}`);
    sources[name] = { served, latencyMs: record.latency_ms, lastValue: record.last_value, lastError: record.last_error };
  }
  step('health', { feedId: 0, name: config.name.toUtf8(), sources });
}

// 9. SLA and reputation: Alice, the genesis operator.
{
  const stats = await until(async () => {
    const s = await api.query.oracleSla.stats(alice.address);
    return s.isSome && s.unwrap().assigned.toNumber() > 0 ? s : undefined;
  }, 'statistics of Alice');
  check(stats.isSome, 'no statistics');

  // The storage item and the runtime API at one block.
  const hash = await api.rpc.chain.getBlockHash();
  const at = await api.at(hash);
  const own = (await at.query.oracleSla.stats(alice.address)).unwrap();
  const report = (await at.call.oracleSlaApi.operator(alice.address)).unwrap(); // stats, score, averageLatency
  check(report.stats.eq(own), 'oracleSla.stats and oracleSlaApi.operator differ');
  check(own.assigned.toNumber() === own.submitted.toNumber() + own.missed.toNumber(), `counters: ${own}`);
  const one = 10n ** 18n; // good and bad are FixedU128
  const good = own.good.toBigInt();
  const bad = own.bad.toBigInt();
  const score = Number(((good + one) * 1_000_000n) / (good + bad + 2n * one));
  check(Math.abs(report.score.toNumber() - score) <= 1, `score ${report.score} != (good + 1) / (good + bad + 2) = ${score}`);
  const average = own.submitted.toNumber() ? Math.floor(own.latencySum.toNumber() / own.submitted.toNumber()) : 0;
  check(report.averageLatency.toNumber() === average, `averageLatency ${report.averageLatency} != ${average}`);

  // The latest round of a feed that closed one (BTC/USD when its sources are on this price
  // server; otherwise the feed created above) and its SLA record.
  let feedId;
  let round;
  for (const [key, latest] of await at.query.oracleAggregation.latest.entries()) {
    if (latest.isSome && latest.unwrap().round.isSome && (feedId === undefined || key.args[0].toNumber() === 0)) {
      feedId = key.args[0].toNumber();
      round = latest.unwrap().round.unwrap();
    }
  }
  check(round !== undefined, 'no feed has closed a round');
  const record = (await at.query.oracleSla.records(feedId, round.roundId)).unwrap();
  const viaApi = (await at.call.oracleSlaApi.record(feedId, round.roundId)).unwrap();
  check(record.eq(viaApi), 'records and oracleSlaApi.record differ');
  check(record.expected.toNumber() === record.submitted.toNumber() + record.missing.length, `record: ${record}`);

  // Era points (staking pays by them) and the terms feed 0 is held to.
  const era = (await at.query.staking.activeEra()).unwrap().index;
  const points = await at.query.staking.erasRewardPoints(era);
  const mine = [...points.individual.entries()].find(([who]) => who.eq(alice.address));
  check(mine && mine[1].toNumber() > 0, 'Alice has no era points');
  const feedSla = (await at.call.oracleSlaApi.feedSla(0)).unwrap();
  const terms = feedSla.terms.toJSON();
  const expected = {
    deviationTolerance: 10_000, // 1 % (Permill)
    toleranceFloor: 0,
    maxLatency: 2,
    targetAvailability: 990_000, // 99 %
    deviationSlash: 10_000_000, // 1 % (Perbill)
    maxDeviationSlash: 100_000_000, // 10 %
    missSlash: 1_000_000, // 0.1 %
    maxMissSlash: 5_000_000, // 0.5 %
    missedRoundsThreshold: 200_000, // 20 %
  };
  check(JSON.stringify(terms) === JSON.stringify(expected), `terms ${JSON.stringify(terms)}`);
  check(JSON.stringify(api.consts.oracleSla.defaultTerms.toJSON()) === JSON.stringify(expected), 'defaultTerms differ');
  check(api.consts.oracleSla.maxSlash.toNumber() === 250_000_000, 'MaxSlash is not 25 %');
  const newcomer = await api.query.oracleSla.stats(operator.address);
  step('sla', {
    operator: alice.address,
    assigned: own.assigned.toNumber(),
    submitted: own.submitted.toNumber(),
    accepted: own.accepted.toNumber(),
    late: own.late.toNumber(),
    missed: own.missed.toNumber(),
    outOfTolerance: own.outOfTolerance.toNumber(),
    penalties: own.penalties.toNumber(),
    slashed: own.slashed.toString(),
    rewardPoints: own.rewardPoints.toNumber(),
    score: report.score.toNumber(),
    averageLatency: report.averageLatency.toNumber(),
    record: {
      roundId: record.roundId.toNumber(),
      status: record.status.toString(),
      expected: record.expected.toNumber(),
      accepted: record.accepted.toNumber(),
      missing: record.missing.length,
    },
    eraPoints: mine[1].toNumber(),
    customTerms: feedSla.customTerms.isTrue,
    newOperatorStats: newcomer.isSome,
  });
}

// 10. Slashes and disputes.
{
  const deferral = api.consts.staking.slashDeferDuration.toNumber();
  const bonding = api.consts.staking.bondingDuration.toNumber();
  check(deferral === 12 && bonding === 24, `SlashDeferDuration ${deferral}, BondingDuration ${bonding}`);
  const args = api.tx.staking.cancelDeferredSlash.meta.args.map((a) => `${a.name}: ${a.type}`);
  check(args.join(', ') === 'era: u32, slashIndices: Vec<u32>', `cancelDeferredSlash(${args})`);
  for (const event of ['OffenceReported', 'OperatorSlashed']) check(api.events.oracleSla[event], `no oracleSla.${event}`);
  for (const event of ['SlashReported', 'Slashed']) check(api.events.staking[event], `no staking.${event}`);

  /// The guide: every deferred slash of `stash`, with the era and index to cancel it by.
  const deferredSlashes = async (stash) => {
    const found = [];
    for (const [key, slashes] of await api.query.staking.unappliedSlashes.entries()) {
      slashes.forEach((slash, index) => {
        if (slash.validator.eq(stash)) {
          found.push({ era: key.args[0].toNumber(), index, own: slash.own.toString(), others: slash.others.length });
        }
      });
    }
    return found;
  };
  const before = await deferredSlashes(alice.address);

  // A deferred slash of Alice for the active era, made by Root: 1 % more than any slash of
  // hers already counted in this era (staking ignores a fraction that is not larger).
  const era = (await api.query.staking.activeEra()).unwrap().index.toNumber();
  const prior = await api.query.staking.validatorSlashInEra(era, alice.address);
  const fraction = (prior.isSome ? prior.unwrap()[0].toNumber() : 0) + 10_000_000;
  const slashed = await sendOk(api.tx.sudo.sudo(api.tx.staking.manualSlash(alice.address, era, fraction)), alice, 'manualSlash');
  check(sudoError(slashed) === null, `manualSlash: ${sudoError(slashed)}`);
  const reported = slashed.events.find(({ event }) => api.events.staking.SlashReported.is(event));
  check(reported, 'no staking.SlashReported');
  const pending = (await deferredSlashes(alice.address)).filter((s) => !before.some((b) => b.era === s.era && b.index === s.index));
  check(pending.length === 1 && pending[0].era === era + deferral + 1, `deferred slashes: ${JSON.stringify(pending)}`);
  const [slash] = pending;

  // Only Root may cancel it.
  const refused = await send(api.tx.staking.cancelDeferredSlash(slash.era, [slash.index]), operator);
  check(refused.error === 'BadOrigin', `a signed cancelDeferredSlash: ${refused.error}`);
  const cancel = api.tx.sudo.sudo(api.tx.staking.cancelDeferredSlash(slash.era, [slash.index]));
  const cancelled = await sendOk(cancel, alice, 'cancelDeferredSlash');
  check(sudoError(cancelled) === null, `cancelDeferredSlash: ${sudoError(cancelled)}`);
  const left = await deferredSlashes(alice.address);
  check(!left.some((s) => s.era === slash.era), `still deferred: ${JSON.stringify(left)}`);
  // An index past the era's slashes is refused.
  const length = (await api.query.staking.unappliedSlashes(slash.era)).length;
  const wrong = await sendOk(api.tx.sudo.sudo(api.tx.staking.cancelDeferredSlash(slash.era, [length])), alice, 'cancelDeferredSlash');
  check(sudoError(wrong) === 'staking.InvalidSlashIndex', `cancelling nothing: ${sudoError(wrong)}`);

  step('dispute', {
    slashDeferDuration: deferral,
    bondingDuration: bonding,
    maxSlash: api.consts.oracleSla.maxSlash.toNumber(),
    slashReported: reported.event.data.toJSON(),
    deferred: slash,
    signedCancel: refused.error,
    cancelled: true,
    remaining: left,
  });
}

step('done', { seconds: Math.round((Date.now() - startedAt) / 1000) });
await api.disconnect();
process.exit(0);
