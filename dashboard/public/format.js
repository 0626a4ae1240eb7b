// How the dashboard writes the chain's numbers, times and errors for people. Pure functions, no
// polkadot.js: the page and the unit tests import them.

/// A fixed-point value (an integer as a decimal string or BigInt, `decimals` places) as a decimal
/// with every place and thousands separators: `9712345678901, 8` → `97,123.45678901`.
export const fixed = (raw, decimals) => {
  let digits = BigInt(raw).toString();
  const negative = digits.startsWith('-');
  if (negative) digits = digits.slice(1);
  digits = digits.padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
};

/// A fixed-point value cut to at most `digits` significant digits (every digit of its whole part
/// kept), for an axis' label: `9712345678901, 8` → `97,123.4`; `1234, 8` → `0.00001234`. Cut, not
/// rounded, and never longer than the exact value.
export const significant = (raw, decimals, digits = 6) => {
  const exact = fixed(raw, decimals);
  const [whole, fraction = ''] = exact.split('.');
  const wholeDigits = whole.replace(/[^0-9]/g, '').replace(/^0+/, '').length;
  if (wholeDigits >= digits || !fraction) return whole;
  const zeros = wholeDigits === 0 ? /^0*/.exec(fraction)[0].length : 0;
  const kept = fraction.slice(0, zeros + digits - wholeDigits).replace(/0+$/, '');
  return kept ? `${whole}.${kept}` : whole;
};

/// A fixed-point value as a JavaScript number, for drawing only (never shown as text).
export const approx = (raw, decimals) => Number(BigInt(raw)) / 10 ** decimals;

/// A ratio in parts per million (`Permill`) as a percentage: `12345` → `1.2345 %`.
export const permill = (parts) => {
  const text = (Number(parts) / 10_000).toFixed(4).replace(/\.?0+$/, '');
  return `${text} %`;
};

/// A ratio in parts per billion (`Perbill`) as a percentage.
export const perbill = (parts) => {
  const text = (Number(parts) / 10_000_000).toFixed(7).replace(/\.?0+$/, '');
  return `${text} %`;
};

/// A balance of `decimals` places with its symbol, at most four places shown; an amount too
/// small for them is `<0.0001`, never `0`.
export const balance = (raw, decimals, symbol) => {
  const value = BigInt(raw);
  const [whole, fraction = ''] = fixed(value, decimals).split('.');
  const shown = fraction.slice(0, 4).replace(/0+$/, '');
  if (value !== 0n && /^-?0$/.test(whole) && !shown) return `${value < 0n ? '-' : ''}<0.0001 ${symbol}`;
  return `${whole}${shown ? `.${shown}` : ''} ${symbol}`;
};

/// How long ago `ms` was, from `now` (both Unix milliseconds): `just now`, `12 s ago`,
/// `3 min 4 s ago`, `2 h 5 min ago`, `4 d 3 h ago`; `in the future` for a clock ahead of ours.
export const ago = (ms, now) => {
  if (ms === undefined || ms === null) return 'never';
  const seconds = Math.floor((now - Number(ms)) / 1000);
  if (seconds < -2) return 'in the future';
  if (seconds < 1) return 'just now';
  return `${duration(seconds)} ago`;
};

/// A number of seconds in the two largest units: `75` → `1 min 15 s`.
export const duration = (seconds) => {
  const units = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ];
  const parts = [];
  let rest = Math.max(0, Math.floor(seconds));
  for (const [unit, size] of units) {
    if (rest >= size || (unit === 's' && parts.length === 0)) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
};

/// What an error kind of a source health record means.
const SOURCE_ERRORS = {
  start: 'the request could not be started',
  timeout: 'no complete answer within the deadline',
  io: 'the connection failed',
  body: 'the answer could not be read',
  body_too_large: 'the answer was larger than allowed',
  transform: "the value does not fit the feed's decimals after its transform",
  outlier: "the value was too far from the other sources' median and was dropped",
  missing_secret: 'the source needs an API key this node does not have',
  secret_host_mismatch: "this node's API key is bound to another host",
  secret_needs_https: 'an API key is only sent over https',
  host_refused: "the chain's host rules refuse the source's host",
  bad_path: "the feed's JSON path is not valid",
  parse_malformed: 'the answer is not valid JSON',
  parse_truncated: 'the answer stopped in the middle of the JSON',
  parse_trailinggarbage: 'the answer has data after the JSON',
  parse_duplicatekey: 'the answer repeats a key on the JSON path',
  parse_pathnotfound: 'the JSON path is not in the answer',
  parse_notanumber: 'the value at the JSON path is not a number',
  parse_overflow: "the value does not fit the feed's fixed point",
};

/// An error kind of a source health record in words.
export const sourceError = (kind) => {
  if (!kind) return '';
  if (typeof kind !== 'string') return 'an error this page cannot read';
  const http = /^http_(\d{3})$/.exec(kind);
  if (http) {
    const code = Number(http[1]);
    if (code >= 300 && code < 400) return `HTTP ${code}: a redirect, which the node does not follow`;
    if (code === 429) return 'HTTP 429: the source limits this node\'s requests';
    if (code >= 500) return `HTTP ${code}: the source failed`;
    return `HTTP ${code}: the source refused the request`;
  }
  return SOURCE_ERRORS[kind] ?? kind.replaceAll('_', ' ');
};

/// A short form of an SS58 address for narrow cells: `5Grw…utQY`.
export const shortAddress = (address) =>
  address.length > 12 ? `${address.slice(0, 4)}…${address.slice(-4)}` : address;
