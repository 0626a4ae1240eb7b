// The dashboard: reads the oracle chain with polkadot.js (the browser bundles loaded before this
// module) on every new block and draws the view the location's hash names:
//
//   #/feeds       every feed: latest value, running mean, round, age, freshness, a chart
//   #/feed/<id>   one feed: configuration, SLA terms, open round and request, rounds with SLA
//   #/operators   every operator: stake, reputation, SLA figures, era points, slashes
//   #/health      the connected node's own view of every source (its offchain storage)
//
// `?rpc=ws://host:port` connects to another node than ws://127.0.0.1:9944.
import {
  ago,
  approx,
  balance,
  duration,
  fixed,
  html,
  perbill,
  permill,
  shortAddress,
  sourceError,
} from './format.js';

const { ApiPromise, WsProvider } = globalThis.polkadotApi;
const { stringToHex, hexToString } = globalThis.polkadotUtil;

const RETRY_MS = 2_000;
/// Rounds drawn in a feed's chart on the feeds view.
const CHART_ROUNDS = 30;

const rpc = new URLSearchParams(location.search).get('rpc') ?? 'ws://127.0.0.1:9944';
const view = document.getElementById('view');
const banner = document.getElementById('connection');
const chainLine = document.getElementById('chain');

/// The chain's time now: the last block's timestamp and the time since it was read. Ages of
/// values are measured on it, as the chain measures them, not on this computer's clock.
const chainNow = () =>
  state.block ? state.block.timestamp + (Date.now() - state.block.receivedAt) : Date.now();

/// What the page knows: the last block read and what was read at it.
const state = {
  api: undefined,
  connected: false,
  everConnected: false,
  disconnectedAt: undefined,
  lastError: undefined,
  block: undefined, // the newest block read: { number, hash, timestamp, receivedAt }
  chain: undefined, // { name, symbol, decimals }
  data: {}, // per view: { block, data } as its last refresh read them
  rounds: new Map(), // feed id → { latestRound, points } (chart points, read when a round closes)
  refreshing: false,
  again: false,
  failure: undefined, // the last refresh's error, shown in words
};

// --- connection -------------------------------------------------------------------------------

const showBanner = (kind, text) => {
  banner.hidden = !text;
  banner.className = `banner ${kind}`;
  banner.dataset.state = kind;
  banner.textContent = text ?? '';
};

const disconnectedText = () => {
  const since = state.disconnectedAt ? ` (since ${ago(state.disconnectedAt, Date.now())})` : '';
  const last = state.block
    ? ` The figures below are from block #${state.block.number.toLocaleString('en-US')}, as last read.`
    : '';
  return `Cannot reach the node at ${rpc}${since}. Retrying every ${RETRY_MS / 1000} s.${last}`;
};

const connect = () => {
  if (!/^wss?:\/\/[^\s/]+/.test(rpc)) {
    showBanner('error', `"${rpc}" is not a node address: use ?rpc=ws://host:port or wss://host.`);
    view.innerHTML = '';
    return;
  }
  const provider = new WsProvider(rpc, RETRY_MS);
  // After a reconnection the provider subscribes again to what the page followed; a start that
  // failed (the node went away meanwhile) is tried again.
  provider.on('connected', () => {
    state.connected = true;
    state.disconnectedAt = undefined;
    if (state.api?.isConnected && !state.started) setTimeout(start, 500);
  });
  provider.on('disconnected', () => {
    if (state.connected || state.disconnectedAt === undefined) state.disconnectedAt = Date.now();
    state.connected = false;
    showBanner('error', disconnectedText());
    document.body.classList.add('offline');
  });
  provider.on('error', () => {
    if (!state.connected) {
      state.disconnectedAt ??= Date.now();
      showBanner('error', disconnectedText());
      document.body.classList.add('offline');
    }
  });
  const api = new ApiPromise({ provider, noInitWarn: true });
  // An unreachable node is shown by the banner; the promise's rejection is not an error of the page.
  api.isReadyOrError.catch(() => {});
  state.api = api;
  api.on('ready', start);
  api.on('error', (error) => {
    state.lastError = String(error?.message ?? error);
  });
};

/// Reads the chain's name and token, then follows new blocks: each one refreshes the view.
const start = async () => {
  if (state.started || state.starting) return;
  state.starting = true;
  try {
    const api = state.api;
    const [name, properties] = await Promise.all([api.rpc.system.chain(), api.rpc.system.properties()]);
    const decimals = properties.tokenDecimals.isSome ? properties.tokenDecimals.unwrap()[0].toNumber() : 12;
    state.chain = {
      name: name.toString(),
      symbol: properties.tokenSymbol.isSome ? properties.tokenSymbol.unwrap()[0].toString() : 'UNIT',
      decimals: Math.min(decimals, 36),
    };
    await api.rpc.chain.subscribeNewHeads((header) => {
      state.connected = true;
      if (!state.everConnected || document.body.classList.contains('offline')) {
        state.everConnected = true;
        document.body.classList.remove('offline');
        showBanner('ok', undefined);
      }
      refresh(header);
    });
    state.started = true;
  } catch (error) {
    state.failure = String(error?.message ?? error);
    render();
  } finally {
    state.starting = false;
  }
};

// --- reading the chain --------------------------------------------------------------------------

/// Reads what the current view shows at `header` and draws it; one refresh at a time, the
/// newest block wins.
const refresh = async (header) => {
  if (header) state.pending = { header, receivedAt: Date.now() };
  if (state.refreshing) {
    state.again = true;
    return;
  }
  if (!state.pending) return;
  const { header: target, receivedAt } = state.pending;
  state.refreshing = true;
  try {
    const api = state.api;
    const at = await api.at(target.hash);
    const timestamp = (await at.query.timestamp.now()).toNumber();
    const block = { number: target.number.toNumber(), hash: target.hash.toHex(), timestamp, receivedAt };
    const route = currentRoute();
    const data = await READERS[route.view](api, at, route);
    state.block = block;
    state.data[route.key] = { block, data };
    state.failure = undefined;
  } catch (error) {
    state.failure = String(error?.message ?? error);
  } finally {
    state.refreshing = false;
  }
  try {
    render();
  } catch (error) {
    view.innerHTML = `<p class="banner error" data-failure>This block's figures could not be drawn: ${html(String(error?.message ?? error))}</p>`;
  }
  if (state.again) {
    state.again = false;
    refresh();
  }
};

const feedIds = async (at) =>
  (await at.query.oracleAggregation.feeds.keys()).map((key) => key.args[0].toNumber()).sort((a, b) => a - b);

/// The configuration and latest round of every feed, its freshness as the chain judges it
/// (`oracleAggregationApi.freshRound`), and its recent rounds for the chart.
const readFeeds = async (api, at) => {
  const entries = await at.query.oracleAggregation.feeds.entries();
  const feeds = entries
    .map(([key, config]) => ({ id: key.args[0].toNumber(), config: config.unwrap() }))
    .sort((a, b) => a.id - b.id);
  const ids = feeds.map((feed) => feed.id);
  const [latest, fresh] = await Promise.all([
    at.query.oracleAggregation.latest.multi(ids),
    Promise.all(ids.map((id) => at.call.oracleAggregationApi.freshRound(id))),
  ]);
  for (const [index, feed] of feeds.entries()) {
    feed.latest = latest[index].isSome ? latest[index].unwrap() : undefined;
    feed.round = feed.latest?.round.isSome ? feed.latest.round.unwrap() : undefined;
    // A feed whose rounds all timed out holds a round with no answer (answered in round 0).
    if (feed.round && feed.round.answeredInRound.toNumber() === 0) feed.round = undefined;
    feed.freshness = fresh[index].isOk ? 'fresh' : fresh[index].asErr.type;
    feed.points = await chartPoints(at, feed);
  }
  return { feeds };
};

/// A feed's recent closed rounds with their SLA records, re-read only when a round closed.
const chartPoints = async (at, feed) => {
  const latestRound = feed.round?.roundId.toNumber() ?? 0;
  const cached = state.rounds.get(feed.id);
  if (cached && cached.latestRound === latestRound) return cached.points;
  const [rounds, records] = await Promise.all([
    at.query.oracleAggregation.rounds.entries(feed.id),
    at.query.oracleSla.records.entries(feed.id),
  ]);
  const spreads = new Map();
  for (const [key, record] of records) {
    const r = record.unwrap();
    if (r.spread.isSome) spreads.set(key.args[1].toNumber(), r.spread.unwrap().map((v) => v.toString()));
  }
  const points = rounds
    .map(([key, round]) => ({ key: key.args[1].toNumber(), round: round.unwrap() }))
    .filter(({ round }) => round.answeredInRound.toNumber() === round.roundId.toNumber())
    .map(({ key, round }) => ({
      round: key,
      value: round.value.toString(),
      mean: round.runningMean.toString(),
      spread: spreads.get(key),
    }))
    .sort((a, b) => a.round - b.round)
    .slice(-CHART_ROUNDS);
  state.rounds.set(feed.id, { latestRound, points });
  return points;
};

/// One feed in full: configuration, state, SLA terms and summary, and every round kept.
const readFeed = async (api, at, route) => {
  const id = route.id;
  const config = await at.query.oracleAggregation.feeds(id);
  if (config.isNone) return { id, missing: true };
  const [latest, fresh, states, sla, rounds, records] = await Promise.all([
    at.query.oracleAggregation.latest(id),
    at.call.oracleAggregationApi.freshRound(id),
    at.query.oracleAggregation.states(),
    at.call.oracleSlaApi.feedSla(id),
    at.query.oracleAggregation.rounds.entries(id),
    at.query.oracleSla.records.entries(id),
  ]);
  const feedState = states.find((s) => s.feedId.toNumber() === id);
  const byRound = new Map();
  for (const [key, round] of rounds) byRound.set(key.args[1].toNumber(), { round: round.unwrap() });
  for (const [key, record] of records) {
    const roundId = key.args[1].toNumber();
    byRound.set(roundId, { ...byRound.get(roundId), record: record.unwrap() });
  }
  const history = [...byRound.entries()].sort((a, b) => b[0] - a[0]);
  const latestValue = latest.isSome ? latest.unwrap() : undefined;
  return {
    id,
    config: config.unwrap(),
    latest: latestValue,
    round:
      latestValue?.round.isSome && latestValue.round.unwrap().answeredInRound.toNumber() !== 0
        ? latestValue.round.unwrap()
        : undefined,
    freshness: fresh.isOk ? 'fresh' : fresh.asErr.type,
    state: feedState,
    sla: sla.isSome ? sla.unwrap() : undefined,
    history,
  };
};

/// Every operator of the session or with SLA figures: stake, nominations, reputation, points,
/// penalties and the slashes deferred against it.
const readOperators = async (api, at) => {
  const [session, statsKeys, activeEra, slashes] = await Promise.all([
    at.query.oracleAggregation.operators(),
    at.query.oracleSla.stats.keys(),
    at.query.staking.activeEra(),
    at.query.staking.unappliedSlashes.entries(),
  ]);
  const inSession = new Set(session.map(([account]) => account.toString()));
  const accounts = [...new Set([...inSession, ...statsKeys.map((key) => key.args[0].toString())])];
  const era = activeEra.isSome ? activeEra.unwrap().index.toNumber() : 0;
  const points = await at.query.staking.erasRewardPoints(era);
  const pointsOf = new Map([...points.individual.entries()].map(([who, p]) => [who.toString(), p.toNumber()]));
  const operators = await Promise.all(
    accounts.map(async (account) => {
      const [report, bonded, overview] = await Promise.all([
        at.call.oracleSlaApi.operator(account),
        at.query.staking.bonded(account),
        at.query.staking.erasStakersOverview(era, account),
      ]);
      const controller = bonded.isSome ? bonded.unwrap().toString() : account;
      const ledger = await at.query.staking.ledger(controller);
      const exposure = overview.isSome ? overview.unwrap() : undefined;
      const pending = [];
      for (const [key, list] of slashes) {
        list.forEach((slash, index) => {
          if (slash.validator.toString() !== account) return;
          const others = slash.others.reduce((sum, [, amount]) => sum + amount.toBigInt(), 0n);
          pending.push({ era: key.args[0].toNumber(), index, own: slash.own.toBigInt(), others });
        });
      }
      return {
        account,
        inSession: inSession.has(account),
        report: report.isSome ? report.unwrap() : undefined,
        ledger: ledger.isSome ? ledger.unwrap() : undefined,
        exposure,
        points: pointsOf.get(account) ?? 0,
        pending,
      };
    }),
  );
  operators.sort((a, b) => Number(b.inSession) - Number(a.inSession) || a.account.localeCompare(b.account));
  return { era, totalPoints: points.total.toNumber(), operators };
};

/// The connected node's health record of every source, from its offchain storage.
const readHealth = async (api, at) => {
  const entries = await at.query.oracleAggregation.feeds.entries();
  const feeds = entries
    .map(([key, config]) => ({ id: key.args[0].toNumber(), config: config.unwrap() }))
    .sort((a, b) => a.id - b.id);
  const sources = feeds.flatMap((feed) =>
    feed.config.sources.map((source) => ({ feed, name: source.name.toUtf8(), url: source.url.toUtf8() })),
  );
  const read = async ({ feed, name }) => {
    const key = stringToHex(`oracle/health/${feed.id}/${name}`);
    const stored = await api.rpc.offchain.localStorageGet('PERSISTENT', key);
    if (stored.isNone) return {};
    try {
      return { record: JSON.parse(hexToString(stored.unwrap().toHex())) };
    } catch {
      return { unreadable: true };
    }
  };
  try {
    const records = await Promise.all(sources.map(read));
    return { rows: sources.map((source, index) => ({ ...source, ...records[index] })) };
  } catch (error) {
    const message = String(error?.message ?? error);
    // A node that does not serve unsafe methods to this page does not know the method at all.
    if (/unsafe|not found|-32601/i.test(message)) return { rows: [], refused: message };
    throw error;
  }
};

const READERS = { feeds: readFeeds, feed: readFeed, operators: readOperators, health: readHealth };

// --- drawing ------------------------------------------------------------------------------------

const currentRoute = () => {
  const hash = location.hash.replace(/^#\/?/, '');
  const feed = /^feed\/(\d+)$/.exec(hash);
  if (feed) return { view: 'feed', id: Number(feed[1]), key: `feed/${feed[1]}` };
  if (hash === 'operators' || hash === 'health') return { view: hash, key: hash };
  return { view: 'feeds', key: 'feeds' };
};

const text = (bytes) => html(bytes.toUtf8());
const bal = (raw) => html(balance(raw, state.chain?.decimals ?? 12, state.chain?.symbol ?? ''));

const BADGES = {
  fresh: ['fresh', 'Fresh: within its maximum age'],
  Stale: ['stale', "Stale: older than the feed's maximum age"],
  Paused: ['paused', 'Paused: nothing updates it'],
  Disputed: ['disputed', 'Disputed: a round timed out while enough operators said the value moved; reads fail until a round resolves'],
  NoValue: ['none', 'No value yet'],
  UnknownFeed: ['none', 'Unknown feed'],
};

const badge = (freshness) => {
  const [label, title] = BADGES[freshness] ?? ['none', String(freshness)];
  return `<span class="badge ${label}" title="${html(title)}" data-freshness="${label}">${label === 'none' ? 'no value' : label}</span>`;
};

const AGGREGATIONS = { Median: 'median', Mean: 'mean', WeightedMean: 'weighted mean' };
const aggregation = (enumValue) => AGGREGATIONS[enumValue.type] ?? html(enumValue.type);

/// An SVG chart of rounds: the answers' spread as a band, the value as a line, the running
/// mean dashed.
const chart = (points, decimals, { width = 220, height = 48, label = '' } = {}) => {
  if (points.length === 0) return '<span class="muted">no rounds yet</span>';
  const values = points.flatMap((p) => [p.value, p.mean, ...(p.spread ?? [])]).map((v) => approx(v, decimals));
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) {
    hi += Math.abs(hi) * 0.001 || 1;
    lo -= Math.abs(lo) * 0.001 || 1;
  }
  const pad = 3;
  const x = (i) => (points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v) => pad + ((hi - approx(v, decimals)) * (height - 2 * pad)) / (hi - lo);
  const line = (key) => points.map((p, i) => `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  const spread = points.filter((p) => p.spread);
  const band =
    spread.length > 0
      ? points
          .map((p, i) => (p.spread ? `${x(i).toFixed(1)},${y(p.spread[1]).toFixed(1)}` : null))
          .filter(Boolean)
          .concat(
            points
              .map((p, i) => (p.spread ? `${x(i).toFixed(1)},${y(p.spread[0]).toFixed(1)}` : null))
              .filter(Boolean)
              .reverse(),
          )
          .join(' ')
      : '';
  const first = points[0].round;
  const last = points[points.length - 1].round;
  const title = `${label} rounds ${first}–${last}: value (line), running mean (dashed), answers' spread (band)`;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${html(title)}" data-rounds="${points.length}">
    <title>${html(title)}</title>
    ${band ? `<polygon class="spread" points="${band}" />` : ''}
    <polyline class="mean" points="${line('mean')}" />
    <polyline class="value" points="${line('value')}" />
    <circle cx="${x(points.length - 1).toFixed(1)}" cy="${y(points[points.length - 1].value).toFixed(1)}" r="2.5" />
  </svg>`;
};

/// The round a value was answered in, and the later round that timed out without one, if any.
const roundOf = (round) => {
  const answered = round.answeredInRound.toNumber();
  const closed = round.roundId.toNumber();
  return `${answered.toLocaleString('en-US')}${closed !== answered ? ` <span class="muted">(round ${closed.toLocaleString('en-US')} timed out)</span>` : ''}`;
};

const renderFeeds = ({ feeds }) => {
  if (feeds.length === 0) return '<p class="muted">No feeds on this chain yet.</p>';
  const now = chainNow();
  const rows = feeds
    .map((feed) => {
      const { config, round } = feed;
      const decimals = config.decimals.toNumber();
      const updated = round ? round.updatedAtMs.toNumber() : undefined;
      return `<tr data-feed="${feed.id}">
        <td data-label="Feed"><a href="#/feed/${feed.id}">${text(config.name)}</a> <span class="muted">#${feed.id}</span></td>
        <td data-label="Value" class="num value" data-raw="${round ? round.value.toString() : ''}">${round ? fixed(round.value.toString(), decimals) : '—'}</td>
        <td data-label="Running mean" class="num mean">${round ? fixed(round.runningMean.toString(), decimals) : '—'}</td>
        <td data-label="Round" class="num round">${round ? roundOf(round) : '—'}</td>
        <td data-label="Age" class="num age" data-ms="${updated ?? ''}">${updated ? ago(updated, now) : '—'}</td>
        <td data-label="Status">${badge(feed.freshness)}</td>
        <td data-label="Sources" class="num">${config.sources.length} <span class="muted">(min ${config.minSources.toNumber()})</span></td>
        <td data-label="Aggregation">${aggregation(config.aggregation)} <span class="muted">of ${aggregation(config.sourceAggregation)}s</span></td>
        <td data-label="Recent rounds" class="chart-cell">${chart(feed.points, decimals, { label: config.name.toUtf8() })}</td>
      </tr>`;
    })
    .join('');
  return `<h2>Feeds</h2>
    <div class="table-wrap"><table class="feeds">
      <thead><tr><th>Feed</th><th>Value</th><th>Running mean</th><th>Round</th><th>Age</th><th>Status</th><th>Sources</th><th>Aggregation</th><th>Recent rounds</th></tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
    <p class="muted legend">Status is the chain's own judgment (<code>freshRound</code>): stale once older than the feed's maximum age in blocks or in time. The chart shows each feed's last ${CHART_ROUNDS} resolved rounds: value (line), running mean (dashed) and the spread of the operators' answers (band).</p>`;
};

const blocks = (n) => `${n.toNumber().toLocaleString('en-US')} blocks`;

const renderFeed = (data) => {
  if (data.missing) return `<p class="banner error">There is no feed #${data.id} on this chain.</p>`;
  const { config, round, state: feedState, sla } = data;
  const decimals = config.decimals.toNumber();
  const value = (v) => fixed(v.toString(), decimals);
  const sources = config.sources
    .map((s) => {
      const t = s.transform;
      const transform = [
        t.shift.toNumber() !== 0 ? `shift ${t.shift.toNumber()}` : '',
        t.invert.isTrue ? 'inverted' : '',
      ].filter(Boolean);
      const key = s.apiKey.isSome ? `header ${text(s.apiKey.unwrap().header)} from secret “${text(s.apiKey.unwrap().secret)}”` : '';
      return `<tr>
        <td data-label="Source">${text(s.name)}</td>
        <td data-label="URL" class="url">${text(s.url)}</td>
        <td data-label="JSON path"><code>${text(s.jsonPath)}</code></td>
        <td data-label="Weight" class="num">${s.weight.toNumber()}</td>
        <td data-label="Transform">${transform.join(', ') || '—'}</td>
        <td data-label="API key">${key || '—'}</td>
      </tr>`;
    })
    .join('');
  const open = feedState?.open.isSome ? feedState.open.unwrap() : undefined;
  const openText = open
    ? `round ${open.roundId.toNumber()} open since block #${open.startedAt.toNumber().toLocaleString('en-US')}, ${open.submissions.toNumber()} answers${open.revealFrom.isSome ? `, revealing from block #${open.revealFrom.unwrap().toNumber()}` : ''}`
    : 'none';
  const requested = feedState?.requested.isTrue;
  const terms = sla?.terms;
  const settings = [
    ['Decimals', decimals],
    ['Aggregation', `${aggregation(config.aggregation)} of the operators' answers; each operator takes the ${aggregation(config.sourceAggregation)} of its sources`],
    ['Sources needed', `${config.minSources.toNumber()} of ${config.sources.length}, each within ${permill(config.maxSourceDeviation.toNumber())} of their median`],
    ['Quorum', `${config.quorum.toNumber()} operator${config.quorum.toNumber() === 1 ? '' : 's'}`],
    ['Resolution delay', blocks(config.resolutionDelay)],
    ['Round timeout', blocks(config.roundTimeout)],
    ['Heartbeat', blocks(config.heartbeat)],
    ['Deviation threshold', permill(config.deviationThreshold.toNumber())],
    ['Poll interval', config.pollInterval.toNumber() === 0 ? "as often as the chain allows" : `${config.pollInterval.toNumber()} s`],
    ['Buffer', `${config.bufferLen.toNumber()} rounds`],
    ['Accepted values', `${value(config.minValue)} to ${value(config.maxValue)}`],
    ['Maximum age', blocks(config.maxAge)],
    ['Commit–reveal', config.commitReveal.isTrue ? 'yes: answers are committed, then revealed' : 'no'],
  ];
  const slaRows = terms
    ? [
        ['Terms', sla.customTerms.isTrue ? "this feed's own" : "the chain's default"],
        ['Deviation tolerance', `${permill(terms.deviationTolerance.toNumber())} (floor ${value(terms.toleranceFloor)})`],
        ['Maximum latency', blocks(terms.maxLatency)],
        ['Availability', `${permill(sla.availability.toNumber())} of ${sla.summary.rounds.toNumber()} rounds (target ${permill(terms.targetAvailability.toNumber())}) ${sla.meetsTarget.isTrue ? '<span class="badge fresh">meets target</span>' : '<span class="badge stale">below target</span>'}`],
        ['Rounds', `${sla.summary.resolved.toNumber()} resolved, ${sla.summary.timedOut.toNumber()} timed out, ${sla.summary.outOfTolerance.toNumber()} answers out of tolerance`],
        ['Slash for deviation', `${perbill(terms.deviationSlash.toNumber())} (at most ${perbill(terms.maxDeviationSlash.toNumber())})`],
        ['Slash for missed rounds', `${perbill(terms.missSlash.toNumber())} (at most ${perbill(terms.maxMissSlash.toNumber())}) above ${permill(terms.missedRoundsThreshold.toNumber())} missed`],
      ]
    : [];
  const dl = (rows) => `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
  const history = data.history
    .map(([roundId, { round: r, record }]) => {
      const spread = record?.spread.isSome ? record.spread.unwrap() : undefined;
      const missing = record ? record.missing.map((a) => shortAddress(a.toString())) : [];
      const out = record ? record.outOfTolerance.map((o) => `${shortAddress(o.operator.toString())} (${permill(o.deviation.toNumber())})`) : [];
      // A round kept without its SLA record: timed out when it carries an earlier answer.
      const answered = r && r.answeredInRound.eq(r.roundId);
      const status = record ? record.status.type : r ? (answered ? 'Resolved' : 'TimedOut') : '—';
      const shown = r && answered ? r : undefined;
      return `<tr data-round="${roundId}">
        <td data-label="Round" class="num">${roundId}</td>
        <td data-label="Status">${status === 'Resolved' ? 'resolved' : status === 'TimedOut' ? '<span class="badge stale">timed out</span>' : html(status)}</td>
        <td data-label="Value" class="num">${shown ? value(shown.value) : record?.value.isSome ? value(record.value.unwrap()) : '—'}</td>
        <td data-label="Running mean" class="num">${shown ? value(shown.runningMean) : '—'}</td>
        <td data-label="Submitted" class="num">${record ? `${record.submitted.toNumber()} of ${record.expected.toNumber()}` : '—'}</td>
        <td data-label="Accepted" class="num">${record ? record.accepted.toNumber() : '—'}</td>
        <td data-label="Late" class="num">${record ? record.late.toNumber() : '—'}</td>
        <td data-label="Missing">${missing.length ? html(missing.join(', ')) : record ? 'none' : '—'}</td>
        <td data-label="Out of tolerance">${out.length ? html(out.join(', ')) : record ? 'none' : '—'}</td>
        <td data-label="Spread" class="num">${spread ? `${value(spread[0])} – ${value(spread[1])}` : '—'}</td>
        <td data-label="Dispersion" class="num">${record ? permill(record.dispersion.toNumber()) : '—'}</td>
        <td data-label="Latency" class="num">${record ? blocks(record.latency) : '—'}</td>
        <td data-label="Availability" class="num">${record ? `${permill(record.availability.toNumber())} <span class="muted">/ ${permill(record.targetAvailability.toNumber())}</span>` : '—'}</td>
        <td data-label="Closed" class="num">${record ? `#${record.closedAt.toNumber().toLocaleString('en-US')}` : shown ? `#${shown.updatedAt.toNumber().toLocaleString('en-US')}` : '—'}</td>
      </tr>`;
    })
    .join('');
  const points = data.history
    .filter(([, { round: r }]) => r && r.answeredInRound.eq(r.roundId))
    .map(([roundId, { round: r, record }]) => ({
      round: roundId,
      value: r.value.toString(),
      mean: r.runningMean.toString(),
      spread: record?.spread.isSome ? record.spread.unwrap().map((v) => v.toString()) : undefined,
    }))
    .reverse();
  return `<h2>${text(config.name)} <span class="muted">#${data.id}</span> ${badge(data.freshness)}</h2>
    <p class="headline">${round ? `<span class="value">${value(round.value)}</span> <span class="muted">round ${roundOf(round)}, running mean ${value(round.runningMean)}, <span class="age" data-ms="${round.updatedAtMs.toNumber()}">${ago(round.updatedAtMs.toNumber(), chainNow())}</span></span>` : '<span class="muted">no value yet</span>'}</p>
    <div class="wide-chart">${chart(points, decimals, { width: 640, height: 140, label: config.name.toUtf8() })}</div>
    <section class="columns">
      <div><h3>Configuration</h3>${dl(settings)}</div>
      <div><h3>Service level</h3>${terms ? dl(slaRows) : '<p class="muted">No SLA record yet.</p>'}
        <h3>Now</h3>${dl([
          ['Open round', openText],
          ['On-demand request', requested ? '<span class="badge paused">pending</span> a paid request waits for the next round' : 'none pending'],
          ['Status', feedState ? html(feedState.status.type.toLowerCase()) : '—'],
        ])}</div>
    </section>
    <h3>Sources</h3>
    <div class="table-wrap"><table class="sources">
      <thead><tr><th>Source</th><th>URL</th><th>JSON path</th><th>Weight</th><th>Transform</th><th>API key</th></tr></thead>
      <tbody>${sources}</tbody></table></div>
    <h3>Rounds</h3>
    <div class="table-wrap"><table class="rounds">
      <thead><tr><th>Round</th><th>Status</th><th>Value</th><th>Running mean</th><th>Submitted</th><th>Accepted</th><th>Late</th><th>Missing</th><th>Out of tolerance</th><th>Spread</th><th>Dispersion</th><th>Latency</th><th>Availability / target</th><th>Closed</th></tr></thead>
      <tbody>${history || '<tr><td colspan="14" class="muted">No rounds yet.</td></tr>'}</tbody></table></div>`;
};

const renderOperators = ({ era, totalPoints, operators }) => {
  if (operators.length === 0) return '<p class="muted">No operators yet.</p>';
  const rows = operators
    .map((op) => {
      const stats = op.report?.stats;
      const ledger = op.ledger;
      const nominated = op.exposure ? op.exposure.total.toBigInt() - op.exposure.own.toBigInt() : undefined;
      const pending = op.pending
        .map((s) => `${bal(s.own + s.others)} in era ${s.era}`)
        .join('<br>');
      const score = op.report ? op.report.score.toNumber() : undefined;
      return `<tr data-operator="${html(op.account)}">
        <td data-label="Operator" class="account" title="${html(op.account)}"><span class="full">${html(shortAddress(op.account))}</span>${op.inSession ? '' : ' <span class="badge none">not in session</span>'}</td>
        <td data-label="Bonded" class="num bonded" data-raw="${ledger ? ledger.active.toString() : ''}">${ledger ? bal(ledger.active.toBigInt()) : '—'}${ledger && !ledger.total.eq(ledger.active) ? ` <span class="muted">(${bal(ledger.total.toBigInt())} total)</span>` : ''}</td>
        <td data-label="Nominators' stake" class="num nominated" title="in era ${era}'s exposure">${nominated === undefined ? '—' : bal(nominated)}</td>
        <td data-label="Reputation" class="num score" data-raw="${score ?? ''}">${score === undefined ? '—' : permill(score)}</td>
        <td data-label="Assigned" class="num assigned">${stats ? stats.assigned.toNumber() : '—'}</td>
        <td data-label="Accepted" class="num accepted">${stats ? stats.accepted.toNumber() : '—'}</td>
        <td data-label="Missed" class="num missed">${stats ? stats.missed.toNumber() : '—'}</td>
        <td data-label="Late" class="num late">${stats ? stats.late.toNumber() : '—'}</td>
        <td data-label="Out of tolerance" class="num oot">${stats ? stats.outOfTolerance.toNumber() : '—'}</td>
        <td data-label="Average latency" class="num">${op.report ? blocks(op.report.averageLatency) : '—'}</td>
        <td data-label="Era points" class="num points">${op.points.toLocaleString('en-US')}</td>
        <td data-label="Penalties" class="num penalties">${stats ? stats.penalties.toNumber() : '—'}${stats && stats.slashed.toBigInt() > 0n ? ` <span class="muted">(${bal(stats.slashed.toBigInt())} slashed)</span>` : ''}</td>
        <td data-label="Pending slashes" class="pending">${pending || 'none'}</td>
      </tr>`;
    })
    .join('');
  return `<h2>Operators <span class="muted">era ${era}, ${totalPoints.toLocaleString('en-US')} points so far</span></h2>
    <div class="table-wrap"><table class="operators">
      <thead><tr><th>Operator</th><th>Bonded</th><th>Nominators' stake</th><th>Reputation</th><th>Assigned</th><th>Accepted</th><th>Missed</th><th>Late</th><th>Out of tolerance</th><th>Average latency</th><th>Era points</th><th>Penalties</th><th>Pending slashes</th></tr></thead>
      <tbody>${rows}</tbody></table></div>
    <p class="muted legend">Reputation is the Beta score (good + 1) / (good + bad + 2) of the operator's judged answers. A pending slash is deferred: it lands in the era shown unless governance cancels it first.</p>`;
};

const renderHealth = ({ rows, refused }) => {
  const now = Date.now();
  const intro = `<p class="note">This node's view: what the offchain worker of the node at <code>${html(rpc)}</code> saw when it last asked each source. Other operators' nodes ask from elsewhere and may see otherwise.</p>`;
  if (refused) {
    return `<h2>Source health</h2>${intro}<p class="banner error" data-refused>This node does not let the page read its offchain storage (${html(refused)}). Health records are read with an unsafe RPC method: open the dashboard against the operator's own node on localhost, where they are allowed.</p>`;
  }
  const body = rows
    .map(({ feed, name, url, record, unreadable }) => {
      let status = 'none';
      let label = unreadable ? 'unreadable record' : 'no record yet';
      // Not asked for a while: the worker stopped, or this node no longer operates.
      const quiet = 60_000 + 3_000 * feed.config.pollInterval.toNumber();
      if (record && now - Number(record.updated_ms) > quiet) {
        status = 'quiet';
        label = 'not asked recently';
      } else if (record) {
        if (record.last_success_ms != null && record.last_success_ms === record.updated_ms) {
          status = 'ok';
          label = 'answering';
        } else if (record.last_error_ms != null && record.last_error_ms === record.updated_ms) {
          status = 'failing';
          label = 'failing';
        }
      }
      const decimals = feed.config.decimals.toNumber();
      return `<tr data-feed="${feed.id}" data-source="${html(name)}" data-status="${status}">
        <td data-label="Feed">${text(feed.config.name)}</td>
        <td data-label="Source" title="${html(url)}">${html(name)}</td>
        <td data-label="State"><span class="badge ${status === 'ok' ? 'fresh' : status === 'failing' ? 'stale' : status === 'quiet' ? 'paused' : 'none'}">${label}</span></td>
        <td data-label="Last error" class="error">${record?.last_error ? `${html(sourceError(record.last_error))} <span class="muted">(${html(record.last_error)}, ${ago(record.last_error_ms, now)})</span>` : '—'}</td>
        <td data-label="Last success" class="num">${record ? ago(record.last_success_ms, now) : '—'}</td>
        <td data-label="Last value" class="num">${/^-?\d+$/.test(String(record?.last_value ?? '')) ? fixed(record.last_value, decimals) : '—'}</td>
        <td data-label="Latency" class="num">${record ? `${Number(record.latency_ms).toLocaleString('en-US')} ms` : '—'}</td>
        <td data-label="Last asked" class="num">${record ? ago(record.updated_ms, now) : '—'}</td>
      </tr>`;
    })
    .join('');
  return `<h2>Source health</h2>${intro}
    <div class="table-wrap"><table class="health">
      <thead><tr><th>Feed</th><th>Source</th><th>State</th><th>Last error</th><th>Last success</th><th>Last value</th><th>Latency</th><th>Last asked</th></tr></thead>
      <tbody>${body || '<tr><td colspan="8" class="muted">No sources.</td></tr>'}</tbody></table></div>`;
};

const RENDERERS = { feeds: renderFeeds, feed: renderFeed, operators: renderOperators, health: renderHealth };

const render = () => {
  const route = currentRoute();
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.dataset.view === route.view || (route.view === 'feed' && link.dataset.view === 'feeds'));
  }
  if (state.chain && state.block) {
    chainLine.innerHTML = `${html(state.chain.name)} · block <span id="block">#${state.block.number.toLocaleString('en-US')}</span> · <span class="age" data-ms="${state.block.timestamp}">${ago(state.block.timestamp, chainNow())}</span>`;
  }
  const entry = state.data[route.key];
  const data = entry?.data;
  const failure = state.failure
    ? `<p class="banner error" data-failure>The last block could not be read: ${html(state.failure)}</p>`
    : '';
  // What the view shows, for readers of the page (and its tests): the route and the block.
  view.dataset.route = entry ? route.key : '';
  view.dataset.block = entry ? String(entry.block.number) : '';
  view.dataset.hash = entry ? entry.block.hash : '';
  if (data) {
    view.innerHTML = failure + RENDERERS[route.view](data);
  } else if (failure) {
    view.innerHTML = failure;
  } else {
    view.innerHTML = '<p class="muted">Reading the chain…</p>';
  }
};

window.addEventListener('hashchange', () => {
  render();
  refresh();
});

// Ages tick between blocks; the banner's "since" too.
setInterval(() => {
  const now = chainNow();
  for (const cell of document.querySelectorAll('[data-ms]')) {
    if (cell.dataset.ms) cell.textContent = ago(Number(cell.dataset.ms), now);
  }
  if (!state.connected && !banner.hidden) showBanner('error', disconnectedText());
}, 1_000);

connect();
