// A small static file server for the built viewer (dist/), with the strict Content-Security-Policy
// the viewer must run under, and optional fault routes for the end-to-end tests.
//   node scripts/static-server.mjs [--dir dist] [--host 127.0.0.1] [--port 8080] [--faults]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** The policy the standalone page is served with (see README, "Strict CSP"). */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; font-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'; object-src 'none'; base-uri 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the server; resolves to `{ server, url }`. */
export async function startStaticServer({ dir = 'dist', host = '127.0.0.1', port = 8080, faults = false } = {}) {
  const root = resolve(dir);
  const seen = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    let csp = true;
    if (path.startsWith('/nocsp/')) {
      path = path.slice('/nocsp'.length);
      csp = false;
    }
    if (faults && path.startsWith('/fault/')) {
      return fault(path.slice('/fault/'.length), url, req, res, root, seen);
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const headers = { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
      if (type.startsWith('text/html') && csp) headers['content-security-policy'] = STRICT_CSP;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const address = server.address();
  return { server, url: `http://${host}:${address.port}` };
}

async function fault(name, url, req, res, root, seen) {
  const seed = () => readFile(join(root, 'samples', 'ky-anh-2022-04-15.json'));
  const json = { 'content-type': 'application/json; charset=utf-8' };
  switch (name) {
    case 'status': {
      const code = Number(url.searchParams.get('code') ?? 500);
      res.writeHead(code, json).end(JSON.stringify({ error: `status ${code}` }));
      return;
    }
    case 'slow':
      await sleep(Number(url.searchParams.get('ms') ?? 15000));
      res.writeHead(200, json).end(await seed());
      return;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Login</title><p>Please log in');
      return;
    case 'text':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Service temporarily unavailable. Please try again later.');
      return;
    case 'invalid':
      res.writeHead(200, json).end(JSON.stringify({ id: 'x', url: 'https://a.example/x', lang: 'vi', published: '2022-04-18T17:09:00+07:00', content_html: '' }));
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'fail-once': {
      // Fails the first request for a key with 503, then serves the seed article.
      const key = url.searchParams.get('key') ?? '';
      if (!seen.has(key)) {
        seen.set(key, true);
        res.writeHead(503, json).end(JSON.stringify({ error: 'busy' }));
        return;
      }
      res.writeHead(200, json).end(await seed());
      return;
    }
    default:
      res.writeHead(404).end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await startStaticServer({
    dir: arg('dir', 'dist'),
    host: arg('host', '127.0.0.1'),
    port: Number(arg('port', 8080)),
    faults: process.argv.includes('--faults'),
  });
  console.log(`[static-server] serving ${arg('dir', 'dist')} at ${url}/`);
}
