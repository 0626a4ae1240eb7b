// The feeds view (#/feeds): every feed's latest value, running mean, round, age, freshness and a
// chart of its recent rounds.
import { chart, pointsOf } from '../chart.js';
import { ago, fixed } from '../format.js';
import { html } from '../template.js';
import { aggregation, badge, roundOf, text } from './parts.js';

/// Draws what `readFeeds` read; `now` is the chain's time (ms), `chartRounds` the rounds charted.
export const renderFeeds = ({ feeds }, { now, chartRounds }) => {
  if (feeds.length === 0) return html`<p class="muted">No feeds on this chain yet.</p>`;
  const rows = feeds.map((feed) => {
    const { config, round } = feed;
    const decimals = config.decimals.toNumber();
    const updated = round ? round.updatedAtMs.toNumber() : undefined;
    return html`<tr data-feed="${feed.id}">
        <td data-label="Feed"><a href="#/feed/${feed.id}">${text(config.name)}</a> <span class="muted">#${feed.id}</span></td>
        <td data-label="Value" class="num value" data-raw="${round ? round.value.toString() : ''}">${round ? fixed(round.value.toString(), decimals) : '—'}</td>
        <td data-label="Running mean" class="num mean">${round ? fixed(round.runningMean.toString(), decimals) : '—'}</td>
        <td data-label="Round" class="num round">${round ? roundOf(round) : '—'}</td>
        <td data-label="Age" class="num age" data-ms="${updated ?? ''}">${updated ? ago(updated, now) : '—'}</td>
        <td data-label="Status">${badge(feed.freshness)}</td>
        <td data-label="Sources" class="num">${config.sources.length} <span class="muted">(min ${config.minSources.toNumber()})</span></td>
        <td data-label="Aggregation">${aggregation(config.aggregation)} <span class="muted">of ${aggregation(config.sourceAggregation)}s</span></td>
        <td data-label="Recent rounds" class="chart-cell">${chart(pointsOf(feed.recent), decimals, { label: text(config.name) })}</td>
      </tr>`;
  });
  return html`<h2>Feeds</h2>
    <div class="table-wrap"><table class="feeds">
      <thead><tr><th>Feed</th><th>Value</th><th>Running mean</th><th>Round</th><th>Age</th><th>Status</th><th>Sources</th><th>Aggregation</th><th>Recent rounds</th></tr></thead>
      <tbody>${rows}</tbody>
    </table></div>
    <p class="muted legend">Status is the chain's own judgment (<code>freshRound</code>): stale once older than the feed's maximum age in blocks or in time. The chart shows each feed's last ${chartRounds} resolved rounds: value (line), running mean (dashed) and the spread of the operators' answers (band), between the highest and lowest value drawn.</p>`;
};
