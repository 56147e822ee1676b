#!/usr/bin/env node
// Serves the built site locally: `node scripts/serve.mjs [dir] [--port N] [--base /path/]`.
// sirv serves the pages and assets; the model files under data/ are served here, because DuckDB-WASM
// reads them by HTTP range and sirv 3 gets ranges wrong (`bytes=0-0` returns the whole file, suffix
// ranges start at 0), which would break DuckDB's range probe.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const DEFAULT_PORT = 4321;
const HOST = '127.0.0.1';
/** Where src/integrations/model.ts copies the model inside the site. */
const MODEL_PREFIX = '/data/';
const MODEL_TYPES = { '.json': 'application/json', '.duckdb': 'application/octet-stream' };

function fail(message) {
  process.stderr.write(`serve: ${message}\n`);
  process.exit(1);
}

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, base: { type: 'string', default: '/' } },
  });
  const root = resolve(positionals[0] ?? 'dist');
  if (!existsSync(join(root, 'index.html'))) fail(`no built site in ${root} — run "npm run build" first`);
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`port "${values.port ?? process.env.PORT}" is not a port number`);
  // Astro's `base` may be given with or without slashes; URLs under it always look like /base/...
  const path = values.base.split('/').filter(Boolean).join('/');
  const base = path ? `/${path}/` : '/';
  return { root, port, base };
}

/**
 * The byte range a `Range` header asks for (inclusive), `null` to send the whole file, or
 * 'unsatisfiable'. Multiple or malformed ranges are ignored, as RFC 9110 §14.2 allows.
 */
function parseRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  return end < start ? null : { start, end };
}

/** A model file, whole or by range. HEAD with `Range: bytes=0-` must answer 206: DuckDB-WASM checks that. */
function sendModelFile(req, res, root, pathname) {
  let file;
  try {
    file = resolve(root, `.${decodeURIComponent(pathname)}`);
  } catch {
    return notFound(res);
  }
  const stats = file.startsWith(root + sep) && existsSync(file) ? statSync(file) : null;
  if (!stats?.isFile()) return notFound(res);
  const type = MODEL_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
  const headers = {
    'Content-Type': type,
    'Accept-Ranges': 'bytes',
    'Last-Modified': stats.mtime.toUTCString(),
    'Cache-Control': 'no-cache',
  };
  const range = req.headers.range ? parseRange(req.headers.range, stats.size) : null;
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${stats.size}` });
    return res.end();
  }
  const { start, end } = range ?? { start: 0, end: stats.size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'Content-Length': end - start + 1,
    ...(range && { 'Content-Range': `bytes ${start}-${end}/${stats.size}` }),
  });
  if (req.method === 'HEAD' || stats.size === 0) return res.end();
  createReadStream(file, { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
}

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found\n');
}

function start({ root, port, base }) {
  // sirv knows `.wasm` as application/wasm, which browsers need to compile DuckDB's wasm while streaming.
  // The build writes .br/.gz beside each text file and the wasm; sirv sends them to browsers that accept them.
  const site = sirv(root, { etag: true, brotli: true, gzip: true });
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    const url = req.url ?? '/';
    if (!url.startsWith(base)) {
      if (url.split('?')[0] === base.slice(0, -1)) {
        res.writeHead(301, { Location: base + url.slice(base.length - 1) });
        return res.end();
      }
      return notFound(res);
    }
    // The site's files sit at the root of `dir`; `base` only prefixes their URLs.
    req.url = url.slice(base.length - 1);
    const pathname = req.url.split('?')[0];
    if (pathname.startsWith(MODEL_PREFIX)) return sendModelFile(req, res, root, pathname);
    site(req, res, () => notFound(res));
  });
  server.on('error', (error) =>
    fail(error.code === 'EADDRINUSE' ? `port ${port} is in use — try --port <other>` : error.message),
  );
  server.listen(port, HOST, () => {
    const { port: actual } = server.address();
    process.stdout.write(`Pipescope site: http://${HOST}:${actual}${base} (from ${root})\n`);
  });
}

start(options());
