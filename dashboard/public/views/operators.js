// The operators view (#/operators): every operator's stake, nominations, reputation, SLA
// figures, era points, penalties and the slashes deferred against it.
import { permill, shortAddress } from '../format.js';
import { html } from '../template.js';
import { blocks } from './parts.js';

/// Draws what `readOperators` read; `bal` writes a balance in the chain's token.
export const renderOperators = ({ era, totalPoints, operators }, { bal }) => {
  if (operators.length === 0) return html`<p class="muted">No operators yet.</p>`;
  const rows = operators.map((op) => {
    const stats = op.report?.stats;
    const ledger = op.ledger;
    const nominated = op.exposure ? op.exposure.total.toBigInt() - op.exposure.own.toBigInt() : undefined;
    const pending = op.pending.map((s, index) => html`${index > 0 && html`<br>`}${bal(s.own + s.others)} in era ${s.era}`);
    const score = op.report ? op.report.score.toNumber() : undefined;
    return html`<tr data-operator="${op.account}">
        <td data-label="Operator" class="account" title="${op.account}"><span class="full">${shortAddress(op.account)}</span>${!op.inSession && html` <span class="badge none">not in session</span>`}</td>
        <td data-label="Bonded" class="num bonded" data-raw="${ledger ? ledger.active.toString() : ''}">${ledger ? bal(ledger.active.toBigInt()) : '—'}${ledger && !ledger.total.eq(ledger.active) && html` <span class="muted">(${bal(ledger.total.toBigInt())} total)</span>`}</td>
        <td data-label="Nominators' stake" class="num nominated" title="in era ${era}'s exposure">${nominated === undefined ? '—' : bal(nominated)}</td>
        <td data-label="Reputation" class="num score" data-raw="${score ?? ''}">${score === undefined ? '—' : permill(score)}</td>
        <td data-label="Assigned" class="num assigned">${stats ? stats.assigned.toNumber() : '—'}</td>
        <td data-label="Accepted" class="num accepted">${stats ? stats.accepted.toNumber() : '—'}</td>
        <td data-label="Missed" class="num missed">${stats ? stats.missed.toNumber() : '—'}</td>
        <td data-label="Late" class="num late">${stats ? stats.late.toNumber() : '—'}</td>
        <td data-label="Out of tolerance" class="num oot">${stats ? stats.outOfTolerance.toNumber() : '—'}</td>
        <td data-label="Average latency" class="num">${op.report ? blocks(op.report.averageLatency) : '—'}</td>
        <td data-label="Era points" class="num points">${op.points.toLocaleString('en-US')}</td>
        <td data-label="Penalties" class="num penalties">${stats ? stats.penalties.toNumber() : '—'}${stats && stats.slashed.toBigInt() > 0n && html` <span class="muted">(${bal(stats.slashed.toBigInt())} slashed)</span>`}</td>
        <td data-label="Pending slashes" class="pending">${pending.length ? pending : 'none'}</td>
      </tr>`;
  });
  return html`<h2>Operators <span class="muted">era ${era}, ${totalPoints.toLocaleString('en-US')} points so far</span></h2>
    <div class="table-wrap"><table class="operators">
      <thead><tr><th>Operator</th><th>Bonded</th><th>Nominators' stake</th><th>Reputation</th><th>Assigned</th><th>Accepted</th><th>Missed</th><th>Late</th><th>Out of tolerance</th><th>Average latency</th><th>Era points</th><th>Penalties</th><th>Pending slashes</th></tr></thead>
      <tbody>${rows}</tbody></table></div>
    <p class="muted legend">Reputation is the Beta score (good + 1) / (good + bad + 2) of the operator's judged answers. A pending slash is deferred: it lands in the era shown unless governance cancels it first.</p>`;
};
