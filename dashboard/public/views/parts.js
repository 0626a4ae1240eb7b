// Pieces the views share: freshness badges, aggregation names, block counts, the round a value
// was answered in, and text from the chain.
import { html } from '../template.js';

const BADGES = {
  fresh: ['fresh', 'Fresh: within its maximum age'],
  Stale: ['stale', "Stale: older than the feed's maximum age"],
  Paused: ['paused', 'Paused: nothing updates it'],
  Disputed: ['disputed', 'Disputed: a round timed out while enough operators said the value moved; reads fail until a round resolves'],
  NoValue: ['none', 'No value yet'],
  UnknownFeed: ['none', 'Unknown feed'],
};

/// A feed's freshness as the chain judges it (`fresh`, or `freshRound`'s error) as a badge.
export const badge = (freshness) => {
  const [label, title] = BADGES[freshness] ?? ['none', String(freshness)];
  return html`<span class="badge ${label}" title="${title}" data-freshness="${label}">${label === 'none' ? 'no value' : label}</span>`;
};

const AGGREGATIONS = { Median: 'median', Mean: 'mean', WeightedMean: 'weighted mean' };

/// An aggregation (an enum of the chain's) in words.
export const aggregation = (enumValue) => AGGREGATIONS[enumValue.type] ?? enumValue.type;

/// A number of blocks (a codec integer).
export const blocks = (n) => `${n.toNumber().toLocaleString('en-US')} blocks`;

/// Bytes from the chain (a name, a URL) as text.
export const text = (bytes) => bytes.toUtf8();

/// The round a value was answered in, and the later round that timed out without one, if any.
export const roundOf = (round) => {
  const answered = round.answeredInRound.toNumber();
  const closed = round.roundId.toNumber();
  return html`${answered.toLocaleString('en-US')}${closed !== answered && html` <span class="muted">(round ${closed.toLocaleString('en-US')} timed out)</span>`}`;
};

/// A list of facts, as `[term, description]` pairs.
export const facts = (rows) => html`<dl class="facts">${rows.map(([term, description]) => html`<dt>${term}</dt><dd>${description}</dd>`)}</dl>`;
