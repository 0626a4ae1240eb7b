// Serves the dashboard on 127.0.0.1: the page from `public/` and polkadot.js from this
// directory's locked packages, nothing else (the page loads nothing from the network).
//
//   node server.mjs [--port 8080] [--host 127.0.0.1]
//
// Then open http://127.0.0.1:8080 (the page connects to ws://127.0.0.1:9944), or
// http://127.0.0.1:8080/?rpc=ws://<host>:<port> for another node.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/// The polkadot.js browser bundles the page loads, in order, under `/vendor/`.
export const VENDOR = {
  'polkadot-util.js': '@polkadot/util/bundle-polkadot-util.js',
  'polkadot-util-crypto.js': '@polkadot/util-crypto/bundle-polkadot-util-crypto.js',
  'polkadot-keyring.js': '@polkadot/keyring/bundle-polkadot-keyring.js',
  'polkadot-types.js': '@polkadot/types/bundle-polkadot-types.js',
  'polkadot-api.js': '@polkadot/api/bundle-polkadot-api.js',
};

const PAGES = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/app.js': 'app.js',
  '/chain.js': 'chain.js',
  '/chart.js': 'chart.js',
  '/format.js': 'format.js',
  '/readers.js': 'readers.js',
  '/template.js': 'template.js',
  '/views/feed.js': 'views/feed.js',
  '/views/feeds.js': 'views/feeds.js',
  '/views/health.js': 'views/health.js',
  '/views/operators.js': 'views/operators.js',
  '/views/parts.js': 'views/parts.js',
  '/polkadot-globals.js': 'polkadot-globals.js',
  '/style.css': 'style.css',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/// The file a request path maps to, or undefined: only the listed files are served (own keys
/// only: `/vendor/__proto__` names nothing).
const fileFor = (path) => {
  if (Object.hasOwn(PAGES, path)) return join(here, 'public', PAGES[path]);
  const name = path.startsWith('/vendor/') ? path.slice('/vendor/'.length) : undefined;
  return name !== undefined && Object.hasOwn(VENDOR, name) ? join(here, 'node_modules', VENDOR[name]) : undefined;
};

const HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  // The page may connect to any node's websocket, and load nothing but its own files.
  'content-security-policy':
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; " +
    "script-src 'self' 'wasm-unsafe-eval'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/// Starts the server; resolves with it once it listens (port 0 picks a free port).
export const serve = ({ port = 8080, host = '127.0.0.1' } = {}) =>
  new Promise((resolve, reject) => {
    const server = createServer(async (request, response) => {
      const answer = (status, body, type = 'text/plain; charset=utf-8') => {
        if (!response.headersSent) response.writeHead(status, { ...HEADERS, 'content-type': type });
        response.end(request.method === 'HEAD' ? undefined : body);
      };
      try {
        const path = new URL(request.url, 'http://localhost').pathname;
        const file = fileFor(path);
        if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
          answer(404, 'not found\n');
          return;
        }
        try {
          answer(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
        } catch (error) {
          const missing = error.code === 'ENOENT' && file.includes('node_modules');
          answer(500, missing ? 'polkadot.js is not installed: run `npm ci` in dashboard/\n' : 'cannot read the file\n');
        }
      } catch {
        answer(400, 'bad request\n');
      }
    });
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
  };
  const host = option('--host', '127.0.0.1');
  const server = await serve({ port: Number(option('--port', '8080')), host });
  const { port } = server.address();
  console.log(`dashboard: http://${host}:${port} (another node: http://${host}:${port}/?rpc=ws://HOST:PORT)`);
}
