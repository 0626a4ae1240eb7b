// The dashboard's formatting, against independent references: exact decimals from
// Intl.NumberFormat on decimal strings, over random values of every size and sign.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ago, balance, duration, fixed, perbill, permill, shortAddress, significant, sourceError } from '../public/format.js';

/// A fixed-point integer as Intl writes its exact decimal (Intl formats decimal strings without
/// going through floating point).
const reference = (raw, decimals) => {
  const negative = raw < 0n;
  const digits = (negative ? -raw : raw).toString().padStart(decimals + 1, '0');
  const decimal = `${negative ? '-' : ''}${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals) || '0'}`;
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    roundingMode: 'trunc',
  }).format(decimal);
};

test('fixed-point values are written exactly, every place kept', () => {
  assert.equal(fixed('9712345678901', 8), '97,123.45678901');
  assert.equal(fixed('-5', 8), '-0.00000005');
  assert.equal(fixed('0', 0), '0');
  assert.equal(fixed(1234567n, 0), '1,234,567');
  const i128Max = (1n << 127n) - 1n;
  assert.equal(fixed(i128Max.toString(), 18), reference(i128Max, 18));
  assert.equal(fixed((-i128Max - 1n).toString(), 18), reference(-i128Max - 1n, 18));
  // Random values: every magnitude up to i128, both signs, 0 to 18 decimals.
  let seed = 0x9e3779b97f4a7c15n;
  const next = () => {
    seed ^= seed << 13n;
    seed ^= seed >> 7n;
    seed ^= seed << 17n;
    seed &= (1n << 64n) - 1n;
    return seed;
  };
  for (let i = 0; i < 5_000; i += 1) {
    const bits = next() % 127n;
    let raw = ((next() << 64n) | next()) & ((1n << bits) - 1n);
    if (next() % 2n === 0n) raw = -raw;
    const decimals = Number(next() % 19n);
    assert.equal(fixed(raw.toString(), decimals), reference(raw, decimals), `${raw} with ${decimals}`);
  }
});

test('ratios and durations read as people write them', () => {
  assert.equal(permill(10_000), '1 %');
  assert.equal(permill(2_500), '0.25 %');
  assert.equal(permill(1_000_000), '100 %');
  assert.equal(duration(0), '0 s');
  assert.equal(duration(75), '1 min 15 s');
  assert.equal(duration(7_384), '2 h 3 min');
  assert.equal(ago(10_000, 10_400), 'just now');
  assert.equal(ago(10_000, 22_000), '12 s ago');
  assert.equal(ago(20_000, 10_000), 'in the future');
  assert.equal(ago(null, 10_000), 'never');
});

test('source errors are explained in words', () => {
  assert.match(sourceError('timeout'), /no complete answer/);
  assert.match(sourceError('http_500'), /^HTTP 500: the source failed/);
  assert.match(sourceError('http_302'), /redirect/);
  assert.match(sourceError('parse_pathnotfound'), /JSON path is not in the answer/);
  // A kind this page does not know yet is still shown, readably.
  assert.equal(sourceError('some_new_kind'), 'some new kind');
  assert.equal(sourceError(null), '');
});

test('balances keep four places and never show a non-zero amount as zero', () => {
  assert.equal(balance(100_000n * 10n ** 12n, 12, 'ORC'), '100,000 ORC');
  assert.equal(balance(1_234_567_890_123n, 12, 'ORC'), '1.2345 ORC');
  assert.equal(balance(1n, 12, 'ORC'), '<0.0001 ORC');
  assert.equal(balance(-1n, 12, 'ORC'), '-<0.0001 ORC');
  assert.equal(balance(0n, 12, 'ORC'), '0 ORC');
  assert.equal(perbill(1_000_000), '0.1 %');
  assert.equal(shortAddress('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'), '5Grw…utQY');
});

test("an axis' label keeps six significant digits, cut and never longer than the value", () => {
  assert.equal(significant('9712345678901', 8), '97,123.4');
  assert.equal(significant('1234', 8), '0.00001234');
  assert.equal(significant('123456789', 8), '1.23456');
  assert.equal(significant('-9712345678901', 8), '-97,123.4');
  assert.equal(significant('100000000', 8), '1');
  assert.equal(significant('123456789012345678', 8), '1,234,567,890');
  assert.equal(significant('5', 0), '5');
  // Every label is a prefix of the exact value's digits (cut, not rounded).
  for (const raw of ['199999999', '-99999999999', '7', '-1', '123456789012345678901234567890']) {
    for (let decimals = 0; decimals <= 18; decimals += 1) {
      const label = significant(raw, decimals);
      assert.ok(fixed(raw, decimals).startsWith(label), `${raw}, ${decimals}: ${label}`);
      assert.ok(label.replace(/[^0-9]/g, '').replace(/^0+/, '').length <= Math.max(6, fixed(raw, decimals).split('.')[0].replace(/[^0-9]/g, '').length));
    }
  }
});
