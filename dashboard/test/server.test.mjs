// The dashboard's server serves its listed files and nothing else, and no request brings it down.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { serve } from '../server.mjs';

let server;
let port;
before(async () => {
  server = await serve({ port: 0 });
  port = server.address().port;
});
after(() => server.close());

/// A raw GET of `path` (sent as written, not normalised): resolves with status and headers.
const get = (path) =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers }));
    });
    req.on('error', reject);
    req.end();
  });

test('the page and its scripts are served with a strict content policy', async () => {
  for (const path of [
    '/',
    '/app.js',
    '/chain.js',
    '/chart.js',
    '/format.js',
    '/readers.js',
    '/template.js',
    '/views/feed.js',
    '/views/feeds.js',
    '/views/health.js',
    '/views/operators.js',
    '/views/parts.js',
    '/style.css',
    '/polkadot-globals.js',
  ]) {
    const { status, headers } = await get(path);
    assert.equal(status, 200, path);
    assert.match(headers['content-security-policy'], /default-src 'self'/);
    assert.match(headers['content-security-policy'], /base-uri 'none'/);
    assert.equal(headers['x-content-type-options'], 'nosniff');
  }
});

test('nothing else is served, and no request brings the server down', async () => {
  for (const path of [
    '/vendor/__proto__',
    '/vendor/constructor',
    '/vendor/toString',
    '/__proto__',
    '/hasOwnProperty',
    '//',
    '/../package.json',
    '/vendor/../../package.json',
    '/public/app.js',
    '/views/',
    '/views/../server.mjs',
    '/views/%2e%2e/server.mjs',
    '/server.mjs',
    '/node_modules/@polkadot/api/package.json',
    '/%2e%2e/package.json',
    '/vendor/%2e%2e%2fpackage.json',
  ]) {
    const { status } = await get(path);
    assert.ok(status === 404 || status === 400, `${path}: ${status}`);
  }
  // Still up.
  assert.equal((await get('/')).status, 200);
});

test('every module the page imports is served', async () => {
  const { readFile } = await import('node:fs/promises');
  const seen = new Set();
  const visit = async (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const { status } = await get(path);
    assert.equal(status, 200, `${path} is imported but not served`);
    const source = await readFile(new URL(`../public${path}`, import.meta.url), 'utf8');
    for (const [, relative] of source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)) {
      await visit(new URL(relative, `http://page${path}`).pathname);
    }
  };
  await visit('/app.js');
  assert.ok(seen.size >= 10, `modules: ${[...seen].join(', ')}`);
});
