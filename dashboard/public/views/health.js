// The source health view (#/health): the connected node's own record of every source, from its
// offchain storage.
import { ago, fixed, sourceError } from '../format.js';
import { html } from '../template.js';
import { text } from './parts.js';

const BADGE_OF = { ok: 'fresh', failing: 'stale', quiet: 'paused', none: 'none' };

/// A source's state from its record: answering, failing, not asked recently, or no record.
const stateOf = ({ feed, record, unreadable }, now) => {
  // Not asked for a while: the worker stopped, or this node no longer operates.
  const quiet = 60_000 + 3_000 * feed.config.pollInterval.toNumber();
  if (record && now - Number(record.updated_ms) > quiet) return ['quiet', 'not asked recently'];
  if (record?.last_success_ms != null && record.last_success_ms === record.updated_ms) return ['ok', 'answering'];
  if (record?.last_error_ms != null && record.last_error_ms === record.updated_ms) return ['failing', 'failing'];
  return ['none', unreadable ? 'unreadable record' : 'no record yet'];
};

const row = (source, now) => {
  const { feed, name, url, record } = source;
  const [status, label] = stateOf(source, now);
  const decimals = feed.config.decimals.toNumber();
  const lastValue = String(record?.last_value ?? '');
  return html`<tr data-feed="${feed.id}" data-source="${name}" data-status="${status}">
        <td data-label="Feed">${text(feed.config.name)}</td>
        <td data-label="Source" title="${url}">${name}</td>
        <td data-label="State"><span class="badge ${BADGE_OF[status]}">${label}</span></td>
        <td data-label="Last error" class="error">${record?.last_error ? html`${sourceError(record.last_error)} <span class="muted">(${record.last_error}, ${ago(record.last_error_ms, now)})</span>` : '—'}</td>
        <td data-label="Last success" class="num">${record ? ago(record.last_success_ms, now) : '—'}</td>
        <td data-label="Last value" class="num">${/^-?\d+$/.test(lastValue) ? fixed(lastValue, decimals) : '—'}</td>
        <td data-label="Latency" class="num">${record ? `${Number(record.latency_ms).toLocaleString('en-US')} ms` : '—'}</td>
        <td data-label="Last asked" class="num">${record ? ago(record.updated_ms, now) : '—'}</td>
      </tr>`;
};

/// Draws what `readHealth` read; `rpc` is the node the page reads, `clock` this computer's time
/// (ms): the records are stamped by the node's clock, not the chain's.
export const renderHealth = ({ rows, refused }, { rpc, clock: now }) => {
  const intro = html`<p class="note">This node's view: what the offchain worker of the node at <code>${rpc}</code> saw when it last asked each source. Other operators' nodes ask from elsewhere and may see otherwise.</p>`;
  if (refused) {
    return html`<h2>Source health</h2>${intro}<p class="banner error" data-refused>This node does not let the page read its offchain storage (${refused}). Health records are read with an unsafe RPC method: open the dashboard against the operator's own node on localhost, where they are allowed.</p>`;
  }
  return html`<h2>Source health</h2>${intro}
    <div class="table-wrap"><table class="health">
      <thead><tr><th>Feed</th><th>Source</th><th>State</th><th>Last error</th><th>Last success</th><th>Last value</th><th>Latency</th><th>Last asked</th></tr></thead>
      <tbody>${rows.length ? rows.map((source) => row(source, now)) : html`<tr><td colspan="8" class="muted">No sources.</td></tr>`}</tbody></table></div>`;
};
