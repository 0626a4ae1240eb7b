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
  for (const path of ['/', '/app.js', '/format.js', '/style.css', '/polkadot-globals.js']) {
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
