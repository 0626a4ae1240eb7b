// The chart of a feed's rounds, as SVG: the operators' answers' spread as a band, the value as a
// line, the running mean dashed, on axes that name the rounds shown and the highest and lowest
// value drawn. Pure: numbers in, markup out (no DOM), so that unit tests run it as the page does.
import { approx, significant } from './format.js';
import { html } from './template.js';

/// Width of one character of the axes' labels (10 px monospace digits), for the margins.
const CHAR_PX = 6.2;

/// The exact largest and smallest of raw integer values (decimal strings).
const extremes = (raws) => {
  const values = raws.map((raw) => BigInt(raw));
  let lo = values[0];
  let hi = values[0];
  for (const value of values) {
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  return { lo, hi };
};

/// The points of a feed's history (`[roundId, { round, record }]`, newest first, as the readers
/// give it) that carry their own answer, oldest first: value, running mean and the spread of
/// the operators' answers from the round's SLA record.
export const pointsOf = (history) =>
  history
    .filter(([, { round }]) => round && round.answeredInRound.eq(round.roundId))
    .map(([roundId, { round, record }]) => ({
      round: roundId,
      value: round.value.toString(),
      mean: round.runningMean.toString(),
      spread: record?.spread.isSome ? record.spread.unwrap().map((v) => v.toString()) : undefined,
    }))
    .reverse();

/// An SVG chart of `points` ({ round, value, mean, spread?: [low, high] }, values as raw
/// integers with `decimals` places, oldest first), `width` × `height` pixels with its axes.
export const chart = (points, decimals, { width = 240, height = 72, label = '' } = {}) => {
  if (points.length === 0) return html`<span class="muted">no rounds yet</span>`;
  const raws = points.flatMap((p) => [p.value, p.mean, ...(p.spread ?? [])]);
  const { lo, hi } = extremes(raws);
  const top = significant(hi, decimals);
  const bottom = significant(lo, decimals);
  const first = points[0].round;
  const last = points[points.length - 1].round;
  // The plot sits right of the value axis' labels and above the round axis' labels.
  const left = Math.ceil(Math.max(top.length, bottom.length) * CHAR_PX) + 6;
  const right = 4;
  const upper = 6;
  const lower = 15;
  const plotWidth = Math.max(1, width - left - right);
  const plotHeight = Math.max(1, height - upper - lower);
  let low = approx(lo, decimals);
  let high = approx(hi, decimals);
  if (high === low) {
    high += Math.abs(high) * 0.001 || 1;
    low -= Math.abs(low) * 0.001 || 1;
  }
  const x = (i) => left + (points.length === 1 ? plotWidth / 2 : (i * plotWidth) / (points.length - 1));
  const y = (raw) => upper + ((high - approx(raw, decimals)) * plotHeight) / (high - low);
  const at = (i, raw) => `${x(i).toFixed(1)},${y(raw).toFixed(1)}`;
  const line = (key) => points.map((p, i) => at(i, p[key])).join(' ');
  const upperEdge = points.map((p, i) => (p.spread ? at(i, p.spread[1]) : null)).filter(Boolean);
  const lowerEdge = points.map((p, i) => (p.spread ? at(i, p.spread[0]) : null)).filter(Boolean);
  const band = upperEdge.concat(lowerEdge.reverse()).join(' ');
  const yTop = y(hi).toFixed(1);
  const yBottom = y(lo).toFixed(1);
  const axisY = (upper + plotHeight).toFixed(1);
  const labelY = (height - 3).toFixed(1);
  const title = `${label} rounds ${first}–${last}: value (line), running mean (dashed), answers' spread (band); from ${bottom} to ${top}`;
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}" data-rounds="${points.length}" data-first="${first}" data-last="${last}" data-low="${lo.toString()}" data-high="${hi.toString()}">
    <title>${title}</title>
    <g class="axes">
      <polyline class="axis" points="${left - 2},${upper} ${left - 2},${axisY} ${width - right},${axisY}" />
      <line class="tick" x1="${left - 5}" x2="${width - right}" y1="${yTop}" y2="${yTop}" />
      <line class="tick" x1="${left - 5}" x2="${width - right}" y1="${yBottom}" y2="${yBottom}" />
      <text class="high" x="${left - 6}" y="${yTop}" text-anchor="end" dominant-baseline="middle">${top}</text>
      <text class="low" x="${left - 6}" y="${yBottom}" text-anchor="end" dominant-baseline="middle">${bottom}</text>
      ${first !== last && html`<text class="first" x="${left}" y="${labelY}" text-anchor="start">#${first}</text>`}
      <text class="last" x="${width - right}" y="${labelY}" text-anchor="end">#${last}</text>
    </g>
    ${band && html`<polygon class="spread" points="${band}" />`}
    <polyline class="mean" points="${line('mean')}" />
    <polyline class="value" points="${line('value')}" />
    <circle cx="${x(points.length - 1).toFixed(1)}" cy="${y(points[points.length - 1].value).toFixed(1)}" r="2.5" />
  </svg>`;
};
