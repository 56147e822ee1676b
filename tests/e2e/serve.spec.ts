import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

// scripts/serve.mjs on a tiny hand-made site under a sub-path, so every byte it should send is known.
const SERVE = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url));
const MODEL = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
let work: string;
let server: ChildProcess;
let site: string;

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pipescope-serve-'));
  const root = join(work, 'site');
  mkdirSync(join(root, 'data'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'engine.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(join(root, 'data', 'pipescope.duckdb'), MODEL);
  writeFileSync(join(work, 'secret.txt'), 'outside the site');
  server = spawn(process.execPath, [SERVE, root, '--port', '0', '--base', 'sales'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  site = await new Promise<string>((found, fail) => {
    server.stdout!.once('data', (line: Buffer) => {
      const url = /http:\/\/\S+\//.exec(line.toString())?.[0];
      if (url) found(url);
      else fail(new Error(`unexpected first line from serve.mjs: ${line.toString()}`));
    });
    server.once('exit', (code) => fail(new Error(`serve.mjs exited with ${code}`)));
  });
});

test.afterAll(() => {
  server?.kill();
  rmSync(work, { recursive: true, force: true });
});

test('prints the URL of the site under its base path', () => {
  expect(site).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sales\/$/);
});

test('HEAD with "Range: bytes=0-" answers 206 with the whole length, as DuckDB-WASM requires', async ({ request }) => {
  const response = await request.head(`${site}data/pipescope.duckdb`, { headers: { Range: 'bytes=0-' } });
  expect(response.status()).toBe(206);
  expect(response.headers()['content-length']).toBe('1000');
  expect(response.headers()['content-range']).toBe('bytes 0-999/1000');
  expect(response.headers()['accept-ranges']).toBe('bytes');
});

for (const [range, start, end] of [
  ['bytes=0-0', 0, 0],
  ['bytes=10-19', 10, 19],
  ['bytes=990-5000', 990, 999],
  ['bytes=-5', 995, 999],
] as const) {
  test(`"Range: ${range}" returns exactly bytes ${start}-${end}`, async ({ request }) => {
    const response = await request.get(`${site}data/pipescope.duckdb`, { headers: { Range: range } });
    expect(response.status()).toBe(206);
    expect(response.headers()['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(await response.body()).toEqual(MODEL.subarray(start, end + 1));
  });
}

test('a range past the end is refused with 416 and the file size', async ({ request }) => {
  const response = await request.get(`${site}data/pipescope.duckdb`, { headers: { Range: 'bytes=1000-' } });
  expect(response.status()).toBe(416);
  expect(response.headers()['content-range']).toBe('bytes */1000');
});

test('without a Range header the whole file is sent', async ({ request }) => {
  const response = await request.get(`${site}data/pipescope.duckdb`);
  expect(response.status()).toBe(200);
  expect(await response.body()).toEqual(MODEL);
});

test('wasm is served as application/wasm so browsers can compile it while it streams', async ({ request }) => {
  const response = await request.get(`${site}engine.wasm`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/wasm');
});

test('the base path without its slash redirects, and nothing outside it is served', async ({ request }) => {
  const bare = await request.get(site.slice(0, -1), { maxRedirects: 0 });
  expect(bare.status()).toBe(301);
  expect(bare.headers()['location']).toBe('/sales/');
  expect((await request.get(site)).status()).toBe(200);
  expect((await request.get(new URL('/index.html', site).href)).status()).toBe(404);
});

test('encoded ../ cannot reach files outside the site', async () => {
  // A raw path, because URL parsers (Playwright's and node:http's too) resolve the dots before sending.
  const { hostname, port } = new URL(site);
  const status = await new Promise<number | undefined>((done, fail) => {
    get({ hostname, port, path: '/sales/data/%2e%2e/%2e%2e/secret.txt' }, (response) => {
      response.resume();
      done(response.statusCode);
    }).on('error', fail);
  });
  expect(status).toBe(404);
});
