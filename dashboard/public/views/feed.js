// The feed view (#/feed/<id>): one feed's configuration, SLA terms and summary, open round and
// request, and every round kept with its SLA record.
import { chart, pointsOf } from '../chart.js';
import { ago, fixed, perbill, permill, shortAddress } from '../format.js';
import { html } from '../template.js';
import { aggregation, badge, blocks, facts, roundOf, text } from './parts.js';

const sourceRow = (source) => {
  const t = source.transform;
  const transform = [t.shift.toNumber() !== 0 ? `shift ${t.shift.toNumber()}` : '', t.invert.isTrue ? 'inverted' : ''].filter(Boolean);
  const key = source.apiKey.isSome
    ? `header ${text(source.apiKey.unwrap().header)} from secret “${text(source.apiKey.unwrap().secret)}”`
    : '';
  return html`<tr>
        <td data-label="Source">${text(source.name)}</td>
        <td data-label="URL" class="url">${text(source.url)}</td>
        <td data-label="JSON path"><code>${text(source.jsonPath)}</code></td>
        <td data-label="Weight" class="num">${source.weight.toNumber()}</td>
        <td data-label="Transform">${transform.join(', ') || '—'}</td>
        <td data-label="API key">${key || '—'}</td>
      </tr>`;
};

/// Whether a kept round carries its own answer (it resolved), rather than an earlier round's.
const resolved = (round) => round && round.answeredInRound.eq(round.roundId);

const roundRow = ([roundId, { round, record }], value) => {
  const spread = record?.spread.isSome ? record.spread.unwrap() : undefined;
  const missing = record ? record.missing.map((a) => shortAddress(a.toString())) : [];
  const out = record
    ? record.outOfTolerance.map((o) => `${shortAddress(o.operator.toString())} (${permill(o.deviation.toNumber())})`)
    : [];
  // A round kept without its SLA record: timed out when it carries an earlier answer.
  const status = record ? record.status.type : round ? (resolved(round) ? 'Resolved' : 'TimedOut') : '—';
  const shown = resolved(round) ? round : undefined;
  const statusText = { Resolved: 'resolved', TimedOut: html`<span class="badge stale">timed out</span>` }[status] ?? status;
  const closed = record ? record.closedAt.toNumber() : shown?.updatedAt.toNumber();
  return html`<tr data-round="${roundId}">
        <td data-label="Round" class="num">${roundId}</td>
        <td data-label="Status">${statusText}</td>
        <td data-label="Value" class="num">${shown ? value(shown.value) : record?.value.isSome ? value(record.value.unwrap()) : '—'}</td>
        <td data-label="Running mean" class="num">${shown ? value(shown.runningMean) : '—'}</td>
        <td data-label="Submitted" class="num">${record ? `${record.submitted.toNumber()} of ${record.expected.toNumber()}` : '—'}</td>
        <td data-label="Accepted" class="num">${record ? record.accepted.toNumber() : '—'}</td>
        <td data-label="Late" class="num">${record ? record.late.toNumber() : '—'}</td>
        <td data-label="Missing">${missing.length ? missing.join(', ') : record ? 'none' : '—'}</td>
        <td data-label="Out of tolerance">${out.length ? out.join(', ') : record ? 'none' : '—'}</td>
        <td data-label="Spread" class="num">${spread ? `${value(spread[0])} – ${value(spread[1])}` : '—'}</td>
        <td data-label="Dispersion" class="num">${record ? permill(record.dispersion.toNumber()) : '—'}</td>
        <td data-label="Latency" class="num">${record ? blocks(record.latency) : '—'}</td>
        <td data-label="Availability" class="num">${record ? html`${permill(record.availability.toNumber())} <span class="muted">/ ${permill(record.targetAvailability.toNumber())}</span>` : '—'}</td>
        <td data-label="Closed" class="num">${closed === undefined ? '—' : `#${closed.toLocaleString('en-US')}`}</td>
      </tr>`;
};

/// Draws what `readFeed` read; `now` is the chain's time (ms).
export const renderFeed = (data, { now }) => {
  if (data.missing) return html`<p class="banner error">There is no feed #${data.id} on this chain.</p>`;
  const { config, round, state: feedState, sla } = data;
  const decimals = config.decimals.toNumber();
  const value = (v) => fixed(v.toString(), decimals);
  const open = feedState?.open.isSome ? feedState.open.unwrap() : undefined;
  const openText = open
    ? `round ${open.roundId.toNumber()} open since block #${open.startedAt.toNumber().toLocaleString('en-US')}, ${open.submissions.toNumber()} answers${open.revealFrom.isSome ? `, revealing from block #${open.revealFrom.unwrap().toNumber()}` : ''}`
    : 'none';
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
    ['Poll interval', config.pollInterval.toNumber() === 0 ? 'as often as the chain allows' : `${config.pollInterval.toNumber()} s`],
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
        [
          'Availability',
          html`${permill(sla.availability.toNumber())} of ${sla.summary.rounds.toNumber()} rounds (target ${permill(terms.targetAvailability.toNumber())}) ${sla.meetsTarget.isTrue ? html`<span class="badge fresh">meets target</span>` : html`<span class="badge stale">below target</span>`}`,
        ],
        ['Rounds', `${sla.summary.resolved.toNumber()} resolved, ${sla.summary.timedOut.toNumber()} timed out, ${sla.summary.outOfTolerance.toNumber()} answers out of tolerance`],
        ['Slash for deviation', `${perbill(terms.deviationSlash.toNumber())} (at most ${perbill(terms.maxDeviationSlash.toNumber())})`],
        ['Slash for missed rounds', `${perbill(terms.missSlash.toNumber())} (at most ${perbill(terms.maxMissSlash.toNumber())}) above ${permill(terms.missedRoundsThreshold.toNumber())} missed`],
      ]
    : [];
  const current = [
    ['Open round', openText],
    [
      'On-demand request',
      feedState?.requested.isTrue ? html`<span class="badge paused">pending</span> a paid request waits for the next round` : 'none pending',
    ],
    ['Status', feedState ? feedState.status.type.toLowerCase() : '—'],
  ];
  return html`<h2>${text(config.name)} <span class="muted">#${data.id}</span> ${badge(data.freshness)}</h2>
    <p class="headline">${round ? html`<span class="value">${value(round.value)}</span> <span class="muted">round ${roundOf(round)}, running mean ${value(round.runningMean)}, <span class="age" data-ms="${round.updatedAtMs.toNumber()}">${ago(round.updatedAtMs.toNumber(), now)}</span></span>` : html`<span class="muted">no value yet</span>`}</p>
    <div class="wide-chart">${chart(pointsOf(data.history), decimals, { width: 640, height: 160, label: text(config.name) })}</div>
    <section class="columns">
      <div><h3>Configuration</h3>${facts(settings)}</div>
      <div><h3>Service level</h3>${terms ? facts(slaRows) : html`<p class="muted">No SLA record yet.</p>`}
        <h3>Now</h3>${facts(current)}</div>
    </section>
    <h3>Sources</h3>
    <div class="table-wrap"><table class="sources">
      <thead><tr><th>Source</th><th>URL</th><th>JSON path</th><th>Weight</th><th>Transform</th><th>API key</th></tr></thead>
      <tbody>${config.sources.map(sourceRow)}</tbody></table></div>
    <h3>Rounds</h3>
    <div class="table-wrap"><table class="rounds">
      <thead><tr><th>Round</th><th>Status</th><th>Value</th><th>Running mean</th><th>Submitted</th><th>Accepted</th><th>Late</th><th>Missing</th><th>Out of tolerance</th><th>Spread</th><th>Dispersion</th><th>Latency</th><th>Availability / target</th><th>Closed</th></tr></thead>
      <tbody>${data.history.length ? data.history.map((entry) => roundRow(entry, value)) : html`<tr><td colspan="14" class="muted">No rounds yet.</td></tr>`}</tbody></table></div>`;
};
