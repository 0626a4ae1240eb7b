// The dashboard in a real browser (Debian's Chromium, headless, driven by playwright-core) against
// a real `oracle-node --dev` and the local price server, both built in CARGO_TARGET_DIR:
//
// - the feeds table shows each genesis feed's value exactly as `oracleAggregation.latest` holds
//   it (formatted here independently), and the next resolved round within two blocks of it;
// - a venue put in fault through the price server's `/control/fault` shows as failing in source
//   health, in words, within HEALTH_BOUND_MS, and as answering again once cleared;
// - an operator's row matches `oracleSla.stats`, staking's ledger and the era's points, and a
//   deferred slash of it (made by Root, as an SLA offence is made) shows with the era it lands in;
// - the page says clearly that the node is unreachable when it stops, and recovers when it
//   comes back;
// - in a narrow window no view is wider than the window; the page asks nothing of any host but
//   its own server and the node; no script error.
//
// Screenshots of every view go to DASHBOARD_SCREENSHOTS (default: a temporary directory).
//
// ORACLE_NODE_BIN and PRICE_SERVER_BIN override the binaries; CHROMIUM the browser.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { chromium } from 'playwright-core';
import { serve } from '../server.mjs';

const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/oracle-target');
const NODE_BIN = process.env.ORACLE_NODE_BIN ?? join(target, 'release/oracle-node');
const PRICES_BIN = process.env.PRICE_SERVER_BIN ?? join(target, 'release/price-server');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.DASHBOARD_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'dashboard-shots-'));
/// The development preset's feeds read their sources from this port.
const PRICES_PORT = 8500;
/// How long the dev node may take to serve its first block (see node/tests/dev_node.rs).
const FIRST_BLOCK_MS = 90_000;
/// A venue's fault must show in source health within this: the worker asks each source at
/// least every `MinPollInterval` (5 s) and the page reads on every block (3 s).
const HEALTH_BOUND_MS = 20_000;
/// The page must say the node is gone within this.
const OFFLINE_BOUND_MS = 10_000;
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/// Polls `probe` until it returns something truthy; fails with `what` after `ms`.
const until = async (what, ms, probe) => {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) assert.fail(`${what} within ${ms} ms (last: ${last?.message ?? JSON.stringify(last)})`);
    await sleep(250);
  }
};

/// `raw` (an integer) with `decimals` places, grouped as en-US writes numbers: computed by Intl
/// from the exact decimal string, independently of the page's own formatting.
const expectedValue = (raw, decimals) => {
  const value = BigInt(raw);
  const digits = (value < 0n ? -value : value).toString().padStart(decimals + 1, '0');
  const decimal = `${value < 0n ? '-' : ''}${digits.slice(0, -decimals || undefined)}.${decimals ? digits.slice(-decimals) : '0'}`;
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    roundingMode: 'trunc',
  }).format(decimal);
};

const running = { node: undefined, prices: undefined, server: undefined, browser: undefined, api: undefined };
const ports = {};
let basePath;
let pageErrors = [];
const foreignRequests = [];

const startNode = () => {
  const child = spawn(
    NODE_BIN,
    [
      '--dev',
      '--base-path', basePath,
      '--rpc-port', String(ports.rpc),
      '--port', String(ports.p2p),
      '--no-prometheus', '--no-telemetry', '--no-mdns',
    ],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  running.node = child;
  return child;
};

const stopNode = async () => {
  const child = running.node;
  running.node = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
};

const fault = async (venue, kind) => {
  const response = await fetch(`http://127.0.0.1:${PRICES_PORT}/control/fault?venue=${venue}&fault=${kind}`);
  assert.equal(response.status, 200, `fault ${venue}=${kind}: ${await response.text()}`);
};

let page;
let pageUrl;

/// Opens `hash` and waits until the page has drawn that view from a block read after it opened.
const open = async (hash) => {
  await page.goto(`${pageUrl}${hash}`);
  const route = hash.replace(/^#\//, '');
  const best = (await running.api.rpc.chain.getHeader()).number.toNumber();
  await page.waitForFunction(
    ([route, best]) => {
      const view = document.getElementById('view');
      return view.dataset.route === route && Number(view.dataset.block) >= best;
    },
    [route, best],
    { timeout: 60_000 },
  );
};

const shot = (name) => page.screenshot({ path: join(SHOTS, `dashboard-${name}.png`), fullPage: true });

/// What `read` reads from the page, with the block the page drew it from and the chain at that
/// block: read again if the page redrew from a newer block meanwhile.
const fromPage = async (read) => {
  const block = () =>
    page.evaluate(() => {
      const view = document.getElementById('view');
      return { number: Number(view.dataset.block), hash: view.dataset.hash };
    });
  for (;;) {
    const before = await block();
    const value = await read();
    if ((await block()).hash !== before.hash) continue;
    return { value, number: before.number, at: await running.api.at(before.hash) };
  }
};

before(async () => {
  for (const [what, path] of [['oracle-node', NODE_BIN], ['price-server', PRICES_BIN], ['chromium', CHROMIUM]]) {
    try {
      (await import('node:fs')).accessSync(path);
    } catch {
      assert.fail(`${what} not found at ${path}: build the node (scripts/run-dev.sh) and install chromium (scripts/test.sh does both)`);
    }
  }
  mkdirSync(SHOTS, { recursive: true });
  basePath = mkdtempSync(join(tmpdir(), 'dashboard-node-'));
  ports.rpc = await freePort();
  ports.p2p = await freePort();

  running.prices = spawn(PRICES_BIN, ['--port', String(PRICES_PORT), '--tick-ms', '2000', '--seed', '11'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await until('the price server listens', 10_000, async () => (await fetch(`http://127.0.0.1:${PRICES_PORT}/health`)).ok);
  startNode();

  running.server = await serve({ port: 0 });
  pageUrl = `http://127.0.0.1:${running.server.address().port}/?rpc=ws://127.0.0.1:${ports.rpc}`;

  running.api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${ports.rpc}`, 1_000), noInitWarn: true });
  // Every genesis feed has resolved a round.
  await until('every genesis feed resolves a round', FIRST_BLOCK_MS + 60_000, async () => {
    const latest = await running.api.query.oracleAggregation.latest.multi([0, 1, 2]);
    return latest.every((l) => l.isSome && l.unwrap().round.isSome);
  });

  running.browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await running.browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  const mind = (address) => {
    const url = new URL(address);
    if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1') foreignRequests.push(address);
  };
  page.on('request', (request) => mind(request.url()));
  page.on('websocket', (socket) => mind(socket.url()));
});

after(async () => {
  await running.browser?.close();
  await running.api?.disconnect();
  running.server?.close();
  await stopNode();
  running.prices?.kill();
  if (basePath) rmSync(basePath, { recursive: true, force: true });
  console.log(`screenshots: ${SHOTS}`);
});

test('the feeds table shows each genesis feed exactly as the chain holds it, and the next round', async () => {
  await open('#/feeds');
  for (const feedId of [0, 1, 2]) {
    const row = page.locator(`tr[data-feed="${feedId}"]`);
    // The page and the chain at the block the page was drawn from.
    const {
      value: [value, round, badge],
      number,
      at,
    } = await fromPage(() =>
      Promise.all([
        row.locator('td.value').innerText(),
        row.locator('td.round').innerText(),
        row.locator('[data-freshness]').getAttribute('data-freshness'),
      ]),
    );
    const config = (await at.query.oracleAggregation.feeds(feedId)).unwrap();
    const latest = (await at.query.oracleAggregation.latest(feedId)).unwrap().round.unwrap();
    const fresh = await at.call.oracleAggregationApi.freshRound(feedId);
    assert.equal(value, expectedValue(latest.value.toString(), config.decimals.toNumber()), `feed ${feedId} at #${number}`);
    // The round the value was answered in (the latest round, unless it timed out).
    assert.equal(Number(round.split(' ')[0].replaceAll(',', '')), latest.answeredInRound.toNumber());
    const expectedBadge = fresh.isOk ? 'fresh' : { Stale: 'stale', Paused: 'paused' }[fresh.asErr.type] ?? 'none';
    assert.equal(badge, expectedBadge);
    assert.equal(await row.locator('svg.chart').count(), 1, 'a chart of recent rounds');
  }
  await shot('feeds');

  // A new round of BTC/USD resolves: the page shows it within two blocks.
  const before = (await running.api.query.oracleAggregation.latest(0)).unwrap().round.unwrap().roundId.toNumber();
  const resolved = await until('BTC/USD resolves another round', 120_000, async () => {
    const round = (await running.api.query.oracleAggregation.latest(0)).unwrap().round.unwrap();
    return round.roundId.toNumber() > before ? { round, at: Date.now() } : undefined;
  });
  const decimals = (await running.api.query.oracleAggregation.feeds(0)).unwrap().decimals.toNumber();
  const row = page.locator('tr[data-feed="0"]');
  // Three blocks: the page reads every block, and a closed round re-reads the feed's chart.
  await until('the page shows the new round', 9_000, async () => {
    const [value, round] = await Promise.all([row.locator('td.value').innerText(), row.locator('td.round').innerText()]);
    return Number(round.replaceAll(',', '')) >= resolved.round.roundId.toNumber() &&
      (Number(round.replaceAll(',', '')) > resolved.round.roundId.toNumber() ||
        value === expectedValue(resolved.round.value.toString(), decimals));
  });
  console.log(`# new round ${resolved.round.roundId} shown ${Date.now() - resolved.at} ms after the test saw it resolve`);
});

test('the feed detail shows its configuration, SLA terms and every kept round', async () => {
  await open('#/feed/0');
  const {
    value: { text, rows },
    at,
  } = await fromPage(() =>
    page.evaluate(() => ({
      text: document.getElementById('view').innerText,
      rows: Object.fromEntries(
        [...document.querySelectorAll('tr[data-round]')].map((tr) => [
          tr.dataset.round,
          [...tr.cells].map((td) => td.innerText),
        ]),
      ),
    })),
  );
  const config = (await at.query.oracleAggregation.feeds(0)).unwrap();
  for (const source of config.sources) {
    assert.ok(text.includes(source.url.toUtf8()), `source URL ${source.url.toUtf8()}`);
    assert.ok(text.includes(source.jsonPath.toUtf8()), `JSON path ${source.jsonPath.toUtf8()}`);
  }
  const records = await at.query.oracleSla.records.entries(0);
  assert.ok(records.length > 0, 'SLA records');
  for (const [key, record] of records) {
    const r = record.unwrap();
    const roundId = key.args[1].toNumber();
    const cells = rows[roundId];
    assert.ok(cells, `round ${roundId} is listed`);
    assert.equal(cells[1], r.status.isResolved ? 'resolved' : 'timed out', `round ${roundId} status`);
    assert.equal(cells[4], `${r.submitted.toNumber()} of ${r.expected.toNumber()}`);
    assert.equal(cells[5], String(r.accepted.toNumber()));
    assert.equal(cells[6], String(r.late.toNumber()));
    assert.equal(cells[7], r.missing.length === 0 ? 'none' : r.missing.map((a) => `${a.toString().slice(0, 4)}…${a.toString().slice(-4)}`).join(', '));
  }
  // Availability against target as the chain computes it (oracleSlaApi.feedSla).
  const sla = (await at.call.oracleSlaApi.feedSla(0)).unwrap();
  const percent = (parts) => `${parts.toNumber() / 10_000} %`;
  const availability = `${percent(sla.availability)} of ${sla.summary.rounds.toNumber()} rounds (target ${percent(sla.terms.targetAvailability)})`;
  assert.ok(text.includes(availability), `availability ${availability} in:\n${text}`);
  await shot('feed');
});

test("a venue in fault shows as failing in the node's source health, in words", async () => {
  await open('#/health');
  const kraken = page.locator('tr[data-source="kraken"]');
  assert.equal(await kraken.count(), 3, 'kraken is a source of each genesis feed');
  const statuses = async (rows) => {
    const all = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.status));
    return all.length > 0 && all;
  };
  await until('kraken answers before the fault', HEALTH_BOUND_MS, async () => {
    const all = await statuses(kraken);
    return all.length === 3 && all.every((s) => s === 'ok');
  });
  const faulted = Date.now();
  await fault('kraken', 'error');
  await until('kraken shows as failing with HTTP 500 for every feed', HEALTH_BOUND_MS, async () => {
    const rows = await kraken.evaluateAll((rows) =>
      rows.map((r) => ({ status: r.dataset.status, error: r.querySelector('td.error').innerText })));
    return rows.length === 3 && rows.every((r) => r.status === 'failing' && r.error.includes('HTTP 500: the source failed'));
  });
  const shown = Date.now() - faulted;
  console.log(`# the fault showed in source health after ${shown} ms (bound ${HEALTH_BOUND_MS} ms)`);
  // The other venues still answer.
  const others = await statuses(page.locator('tr[data-source]:not([data-source="kraken"])'));
  assert.ok(others.length === 15 && others.every((s) => s === 'ok'), `other sources: ${others}`);
  await shot('health');
  await fault('kraken', 'none');
  await until('kraken answers again once cleared', HEALTH_BOUND_MS, async () => {
    const all = await statuses(kraken);
    return all.length === 3 && all.every((s) => s === 'ok');
  });
});

test("an operator's row matches oracleSla.stats, staking's ledger and the era's points", async () => {
  await open('#/operators');
  const row = page.locator(`tr[data-operator="${ALICE}"]`);
  const { value: cells, number, at } = await fromPage(() =>
    row.locator('td').evaluateAll((tds) =>
      Object.fromEntries(tds.map((td) => [td.className.split(' ').pop(), { text: td.innerText, raw: td.dataset.raw }]))));
  const cell = async (name) => cells[name].text;
  const stats = (await at.query.oracleSla.stats(ALICE)).unwrap();
  const controller = (await at.query.staking.bonded(ALICE)).unwrap();
  const ledger = (await at.query.staking.ledger(controller)).unwrap();
  const era = (await at.query.staking.activeEra()).unwrap().index;
  const points = (await at.query.staking.erasRewardPoints(era)).individual;
  const mine = [...points.entries()].find(([who]) => who.toString() === ALICE)?.[1].toNumber() ?? 0;
  const int = async (name) => Number((await cell(name)).replaceAll(',', ''));
  assert.equal(await int('assigned'), stats.assigned.toNumber(), `assigned at #${number}`);
  assert.equal(await int('accepted'), stats.accepted.toNumber());
  assert.equal(await int('missed'), stats.missed.toNumber());
  assert.equal(await int('late'), stats.late.toNumber());
  assert.equal(await int('oot'), stats.outOfTolerance.toNumber());
  assert.equal(Number((await cell('penalties')).split(' ')[0]), stats.penalties.toNumber());
  assert.equal(await int('points'), mine);
  assert.equal(cells.bonded.raw, ledger.active.toString());
  // ORC has 12 decimals: the stake shown is the ledger's, in whole ORC and up to 4 places.
  const orc = expectedValue(ledger.active.toString(), 12).replace(/\.?0+$/, '');
  assert.ok((await cell('bonded')).startsWith(`${orc} ORC`), `bonded: ${await cell('bonded')}, ledger ${orc}`);
  // The reputation is the chain's own score (oracleSlaApi.operator).
  const report = (await at.call.oracleSlaApi.operator(ALICE)).unwrap();
  assert.equal(cells.score.raw, String(report.score.toNumber()));
  await shot('operators');
});

/// Sudo-signs `call` as Alice (the dev chain's sudo key) and resolves once it is in a block,
/// failing on any dispatch error of the call.
const sudo = (call) =>
  new Promise((resolve, reject) => {
    const api = running.api;
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    let unsubscribe;
    api.tx.sudo
      .sudo(call)
      .signAndSend(alice, ({ status, events, dispatchError }) => {
        if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(`${status}`));
        if (!status.isInBlock && !status.isFinalized) return;
        unsubscribe?.();
        const failed = events.find(({ event }) => api.events.sudo.Sudid.is(event) && event.data[0].isErr);
        if (dispatchError || failed) reject(new Error(`sudo failed: ${dispatchError ?? failed.event.data[0]}`));
        else resolve();
      })
      .then((u) => {
        unsubscribe = u;
      })
      .catch(reject);
  });

test('a deferred slash of an operator shows with the era it lands in', async () => {
  const api = running.api;
  const era = (await api.query.staking.activeEra()).unwrap().index.toNumber();
  // 1 % more than any slash of Alice's already counted in this era (staking ignores a fraction
  // that is not larger); it goes through staking's `on_offence`, as the SLA's offences do.
  const prior = await api.query.staking.validatorSlashInEra(era, ALICE);
  const fraction = (prior.isSome ? prior.unwrap()[0].toNumber() : 0) + 10_000_000;
  await sudo(api.tx.staking.manualSlash(ALICE, era, fraction));
  const pending = [];
  for (const [key, slashes] of await api.query.staking.unappliedSlashes.entries()) {
    for (const slash of slashes) {
      if (slash.validator.toString() !== ALICE) continue;
      const others = slash.others.reduce((sum, [, amount]) => sum + amount.toBigInt(), 0n);
      pending.push({ era: key.args[0].toNumber(), amount: slash.own.toBigInt() + others });
    }
  }
  assert.ok(pending.length > 0, 'the slash is deferred');
  const deferral = api.consts.staking.slashDeferDuration.toNumber();
  assert.ok(pending.some((p) => p.era === era + deferral + 1), `deferred to era ${era + deferral + 1}: ${JSON.stringify(pending, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);

  await open('#/operators');
  const shown = await page.locator(`tr[data-operator="${ALICE}"] td.pending`).innerText();
  for (const { era: lands, amount } of pending) {
    const orc = expectedValue(amount.toString(), 12).replace(/(\.\d{0,4})\d*$/, '$1').replace(/\.?0+$/, '');
    assert.ok(shown.includes(`${orc} ORC in era ${lands}`), `"${orc} ORC in era ${lands}" in: ${shown}`);
  }
  await shot('operators');
});

test('in a narrow window every view fits its width', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    for (const hash of ['#/feeds', '#/feed/0', '#/operators', '#/health']) {
      await open(hash);
      const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= width, `${hash}: ${scroll} px wide in a ${width} px window`);
    }
    await open('#/feeds');
    await shot('feeds-narrow');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('the page says the node is unreachable, and recovers when it returns', async () => {
  await open('#/feeds');
  const before = Number(await page.locator('#view').getAttribute('data-block'));
  await stopNode();
  const stopped = Date.now();
  const banner = page.locator('#connection');
  await until('the page reports the node unreachable', OFFLINE_BOUND_MS, async () =>
    (await banner.getAttribute('data-state')) === 'error' && (await banner.isVisible()));
  const message = await banner.innerText();
  const last = Number(await page.locator('#view').getAttribute('data-block'));
  // The last figures stay, dimmed.
  assert.ok(await page.evaluate(() => document.body.classList.contains('offline')), 'the page is marked offline');
  assert.equal(await page.locator('tr[data-feed]').count(), 3, 'the feeds stay listed');
  assert.match(message, new RegExp(`^Cannot reach the node at ws://127\\.0\\.0\\.1:${ports.rpc} \\(since `));
  assert.match(message, /Retrying every 2 s\./);
  assert.ok(message.includes(`The figures below are from block #${last.toLocaleString('en-US')}, as last read.`), message);
  console.log(`# the page reported the node unreachable after ${Date.now() - stopped} ms`);
  await shot('offline');

  startNode();
  const restarted = Date.now();
  await until('the page recovers and follows new blocks', FIRST_BLOCK_MS, async () =>
    (await banner.isHidden()) && Number(await page.locator('#view').getAttribute('data-block')) > before);
  console.log(`# the page recovered ${Date.now() - restarted} ms after the node was started again`);
  const value = await page.locator('tr[data-feed="0"] td.value').innerText();
  assert.match(value, /^\d{1,3}(,\d{3})*\.\d{8}$/);
});

test('no script error, and nothing asked of any other host', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(foreignRequests, []);
});
