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
  '/format.js': 'format.js',
  '/polkadot-globals.js': 'polkadot-globals.js',
  '/style.css': 'style.css',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/// The file a request path maps to, or undefined: only the listed files are served.
const fileFor = (path) => {
  if (PAGES[path]) return join(here, 'public', PAGES[path]);
  const vendor = path.startsWith('/vendor/') ? VENDOR[path.slice('/vendor/'.length)] : undefined;
  return vendor ? join(here, 'node_modules', vendor) : undefined;
};

/// Starts the server; resolves with it once it listens (port 0 picks a free port).
export const serve = ({ port = 8080, host = '127.0.0.1' } = {}) =>
  new Promise((resolve, reject) => {
    const server = createServer(async (request, response) => {
      const path = new URL(request.url, 'http://localhost').pathname;
      const file = fileFor(path);
      if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      try {
        const body = await readFile(file);
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
          // The page may connect to any node's websocket, and load nothing but its own files.
          'content-security-policy':
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; " +
            "style-src 'self'; script-src 'self' 'wasm-unsafe-eval'",
        });
        response.end(request.method === 'HEAD' ? undefined : body);
      } catch (error) {
        const missing = error.code === 'ENOENT' && file.includes('node_modules');
        response
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(missing ? 'polkadot.js is not installed: run `npm ci` in dashboard/\n' : `${error}\n`);
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
