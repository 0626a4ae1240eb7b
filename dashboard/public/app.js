// The dashboard: follows the oracle chain (chain.js) and, on every new block, reads what the view
// the location's hash names shows (readers.js) and draws it (views/):
//
//   #/feeds       every feed: latest value, running mean, round, age, freshness, a chart
//   #/feed/<id>   one feed: configuration, SLA terms, open round and request, rounds with SLA
//   #/operators   every operator: stake, reputation, SLA figures, era points, slashes
//   #/health      the connected node's own view of every source (its offchain storage)
//
// `?rpc=ws://host:port` connects to another node than ws://127.0.0.1:9944.
import { connectChain } from './chain.js';
import { ago, balance } from './format.js';
import { CHART_ROUNDS, READERS, newCache } from './readers.js';
import { html } from './template.js';
import { renderFeed } from './views/feed.js';
import { renderFeeds } from './views/feeds.js';
import { renderHealth } from './views/health.js';
import { renderOperators } from './views/operators.js';

const RETRY_MS = 2_000;
const RENDERERS = { feeds: renderFeeds, feed: renderFeed, operators: renderOperators, health: renderHealth };

const rpc = new URLSearchParams(location.search).get('rpc') ?? 'ws://127.0.0.1:9944';
const view = document.getElementById('view');
const banner = document.getElementById('connection');
const chainLine = document.getElementById('chain');

/// What the page knows: the last block read and what was read at it.
const state = {
  chain: undefined, // the connection (chain.js)
  everConnected: false,
  block: undefined, // the newest block read: { number, hash, timestamp, receivedAt }
  data: {}, // per view: { block, data } as its last refresh read them
  cache: newCache(), // reads kept between blocks
  pending: undefined, // the newest header not yet read: { header, receivedAt }
  refreshing: false,
  again: false,
  failure: undefined, // the last refresh's error, shown in words
};

/// The chain's time now: the last block's timestamp and the time since it was read. Ages of
/// values are measured on it, as the chain measures them, not on this computer's clock.
const chainNow = () =>
  state.block ? state.block.timestamp + (Date.now() - state.block.receivedAt) : Date.now();

const currentRoute = () => {
  const hash = location.hash.replace(/^#\/?/, '');
  const feed = /^feed\/(\d+)$/.exec(hash);
  if (feed) return { view: 'feed', id: Number(feed[1]), key: `feed/${feed[1]}` };
  if (hash === 'operators' || hash === 'health') return { view: hash, key: hash };
  return { view: 'feeds', key: 'feeds' };
};

// --- the connection banner ------------------------------------------------------------------------

const showBanner = (kind, text) => {
  banner.hidden = !text;
  banner.className = `banner ${kind}`;
  banner.dataset.state = kind;
  banner.textContent = text ?? '';
};

const disconnectedText = () => {
  const since = state.chain?.disconnectedAt ? ` (since ${ago(state.chain.disconnectedAt, Date.now())})` : '';
  const last = state.block
    ? ` The figures below are from block #${state.block.number.toLocaleString('en-US')}, as last read.`
    : '';
  return `Cannot reach the node at ${rpc}${since}. Retrying every ${RETRY_MS / 1000} s.${last}`;
};

const offline = () => {
  showBanner('error', disconnectedText());
  document.body.classList.add('offline');
};

const online = () => {
  if (!state.everConnected || document.body.classList.contains('offline')) {
    state.everConnected = true;
    document.body.classList.remove('offline');
    showBanner('ok', undefined);
  }
};

// --- reading and drawing --------------------------------------------------------------------------

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
    const api = state.chain.api;
    const at = await api.at(target.hash);
    const timestamp = (await at.query.timestamp.now()).toNumber();
    const block = { number: target.number.toNumber(), hash: target.hash.toHex(), timestamp, receivedAt };
    const route = currentRoute();
    const data = await READERS[route.view]({ api, at, route, cache: state.cache, util: globalThis.polkadotUtil });
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
    view.innerHTML = String(html`<p class="banner error" data-failure>This block's figures could not be drawn: ${String(error?.message ?? error)}</p>`);
  }
  if (state.again) {
    state.again = false;
    refresh();
  }
};

/// What the views need beside their data.
const context = () => {
  const token = state.chain?.info;
  return {
    now: chainNow(),
    clock: Date.now(),
    rpc,
    chartRounds: CHART_ROUNDS,
    bal: (raw) => balance(raw, token?.decimals ?? 12, token?.symbol ?? ''),
  };
};

const render = () => {
  const route = currentRoute();
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.dataset.view === route.view || (route.view === 'feed' && link.dataset.view === 'feeds'));
  }
  const info = state.chain?.info;
  if (info && state.block) {
    chainLine.innerHTML = String(
      html`${info.name} · block <span id="block">#${state.block.number.toLocaleString('en-US')}</span> · <span class="age" data-ms="${state.block.timestamp}">${ago(state.block.timestamp, chainNow())}</span>`,
    );
  }
  const entry = state.data[route.key];
  const failure = state.failure && html`<p class="banner error" data-failure>The last block could not be read: ${state.failure}</p>`;
  // What the view shows, for readers of the page (and its tests): the route and the block.
  view.dataset.route = entry ? route.key : '';
  view.dataset.block = entry ? String(entry.block.number) : '';
  view.dataset.hash = entry ? entry.block.hash : '';
  if (entry) {
    view.innerHTML = String(html`${failure}${RENDERERS[route.view](entry.data, context())}`);
  } else if (failure) {
    view.innerHTML = String(failure);
  } else {
    view.innerHTML = '<p class="muted">Reading the chain…</p>';
  }
};

window.addEventListener('hashchange', () => {
  render();
  refresh();
});

// Ages tick between blocks; the banner's "since" too. (Source health is stamped by the node's
// clock, so its ages tick on this computer's.)
setInterval(() => {
  const now = chainNow();
  for (const cell of document.querySelectorAll('[data-ms]')) {
    if (cell.dataset.ms) cell.textContent = ago(Number(cell.dataset.ms), now);
  }
  if (state.chain && !state.chain.connected && !banner.hidden) showBanner('error', disconnectedText());
}, 1_000);

if (/^wss?:\/\/[^\s/]+/.test(rpc)) {
  state.chain = connectChain(rpc, {
    retryMs: RETRY_MS,
    onHeader: (header) => {
      online();
      refresh(header);
    },
    onOffline: offline,
    onFailure: (error) => {
      state.failure = String(error?.message ?? error);
      render();
    },
  });
} else {
  showBanner('error', `"${rpc}" is not a node address: use ?rpc=ws://host:port or wss://host.`);
  view.innerHTML = '';
}
