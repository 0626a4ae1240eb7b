// The page's templates escape by default: text from the chain (a feed's name, a source's URL, an
// error) put into a template, or into a view's table, is text, never markup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chart } from '../public/chart.js';
import { escape, html, isMarkup, trusted } from '../public/template.js';
import { renderFeeds } from '../public/views/feeds.js';
import { renderHealth } from '../public/views/health.js';

const HOSTILE = `<img src=x onerror="alert(1)">'&`;
const ESCAPED = '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;';

test('text is escaped for HTML, attributes included', () => {
  assert.equal(escape('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
  assert.equal(escape(`"'&`), '&quot;&#39;&amp;');
  assert.equal(escape(42), '42');
});

test('a value in a template is text unless it is markup', () => {
  assert.equal(String(html`<td title="${HOSTILE}">${HOSTILE}</td>`), `<td title="${ESCAPED}">${ESCAPED}</td>`);
  // Markup nests; arrays are written piece by piece, each escaped or not on its own.
  const cell = html`<b>${HOSTILE}</b>`;
  assert.ok(isMarkup(cell));
  assert.equal(String(html`<p>${cell}</p>`), `<p><b>${ESCAPED}</b></p>`);
  assert.equal(String(html`${[HOSTILE, cell, 0]}`), `${ESCAPED}<b>${ESCAPED}</b>0`);
  // Nothing for undefined, null and false; numbers as text; markup only when said so.
  assert.equal(String(html`[${undefined}${null}${false}${0}]`), '[0]');
  assert.equal(String(html`${trusted('<br>')}`), '<br>');
  assert.equal(String(html`${'<br>'}`), '&lt;br&gt;');
});

/// A codec-like number, string and option, as polkadot.js hands them to the views.
const num = (n) => ({ toNumber: () => n, toString: () => String(n), eq: (o) => n === o.toNumber() });
const bytes = (text) => ({ toUtf8: () => text });

test("a hostile feed name or source reaches the page as text", () => {
  const config = {
    name: bytes(HOSTILE),
    decimals: num(2),
    sources: [{ name: bytes(HOSTILE) }],
    minSources: num(1),
    aggregation: { type: HOSTILE },
    sourceAggregation: { type: 'Median' },
  };
  const round = { value: num(12345), runningMean: num(12300), roundId: num(7), answeredInRound: num(7), updatedAtMs: num(1_000) };
  const page = String(
    renderFeeds(
      { feeds: [{ id: 3, config, round, freshness: HOSTILE, recent: [[7, { round, record: undefined }]]}] },
      { now: 2_000, chartRounds: 30 },
    ),
  );
  assert.ok(!page.includes('<img'), page);
  assert.ok(page.includes(ESCAPED));
  assert.ok(page.includes('123.45'), 'the value, exactly');

  const health = String(
    renderHealth(
      {
        rows: [
          {
            feed: { id: 3, config: { ...config, pollInterval: num(0) } },
            name: HOSTILE,
            url: HOSTILE,
            record: { updated_ms: 1_000, last_error_ms: 1_000, last_error: HOSTILE, last_value: HOSTILE, latency_ms: 5 },
          },
        ],
      },
      { rpc: HOSTILE, clock: 2_000 },
    ),
  );
  assert.ok(!health.includes('<img'), health);
  assert.ok(health.includes('data-status="failing"'));
});

test("the chart's axes name the rounds and the exact extremes drawn", () => {
  const points = [
    { round: 11, value: '9712345678901', mean: '9700000000000', spread: ['9700000000000', '9800000000000'] },
    { round: 12, value: '9650000000000', mean: '9690000000000' },
    { round: 14, value: '9512345678901', mean: '9680000000000', spread: ['9500000000000', '9600000000000'] },
  ];
  const svg = String(chart(points, 8, { label: HOSTILE }));
  assert.ok(!svg.includes('<img'));
  assert.match(svg, /data-low="9500000000000" data-high="9800000000000"/);
  assert.match(svg, /<text class="high"[^>]*>98,000<\/text>/);
  assert.match(svg, /<text class="low"[^>]*>95,000<\/text>/);
  assert.match(svg, /<text class="first"[^>]*>#11<\/text>/);
  assert.match(svg, /<text class="last"[^>]*>#14<\/text>/);
  // The lines stay within the drawing.
  for (const [, list] of svg.matchAll(/points="([^"]+)"/g)) {
    for (const pair of list.split(' ')) {
      const [x, y] = pair.split(',').map(Number);
      assert.ok(x >= 0 && x <= 240 && y >= 0 && y <= 72, `${pair} in 240 × 72`);
    }
  }
  // One round: one round label, and a flat value is still drawn.
  const one = String(chart([{ round: 5, value: '100', mean: '100' }], 2));
  assert.ok(!one.includes('class="first"'));
  assert.match(one, /class="last"[^>]*>#5</);
  assert.equal(String(chart([], 2)), '<span class="muted">no rounds yet</span>');
});
