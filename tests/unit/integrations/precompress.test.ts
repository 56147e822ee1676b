import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompress } from '../../../src/integrations/precompress.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipescope-precompress-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Text that compresses like a page: repeated markup with varying numbers. */
const text = (seed: number, lines: number): string =>
  Array.from({ length: lines }, (_, i) => `<tr><td>rep ${(i * seed) % 97}</td><td>${i * 31 + seed}</td></tr>`).join(
    '\n',
  );

async function site(root: string): Promise<void> {
  await writeFile(join(root, 'index.html'), text(1, 2000));
  await writeFile(join(root, 'app.js'), text(2, 3000));
  await writeFile(join(root, 'tiny.css'), 'body{margin:0}');
  await writeFile(join(root, 'model.duckdb'), text(3, 3000));
}

describe('precompress', () => {
  it('writes .br and .gz that decompress to each compressible file, and skips tiny and binary files', async () => {
    const out = join(dir, 'site');
    await mkdir(out);
    await site(out);
    const result = await precompress(out);
    expect(result.files).toBe(2);
    for (const name of ['index.html', 'app.js']) {
      const original = await readFile(join(out, name));
      expect(brotliDecompressSync(await readFile(join(out, `${name}.br`)))).toEqual(original);
      expect(gunzipSync(await readFile(join(out, `${name}.gz`)))).toEqual(original);
    }
    const names = await readdir(out);
    expect(names.filter((n) => n.startsWith('tiny.css.') || n.startsWith('model.duckdb.'))).toEqual([]);
  });

  it('takes scripts compressed by an earlier build from the cache, byte for byte, but never pages', async () => {
    const cache = join(dir, 'cache');
    const builds = [join(dir, 'a'), join(dir, 'b')];
    const results = [];
    for (const out of builds) {
      await mkdir(out);
      await site(out);
      results.push(await precompress(out, cache));
    }
    expect(results.map((r) => r.cached)).toEqual([0, 1]);
    expect(await readFile(join(builds[1]!, 'app.js.br'))).toEqual(await readFile(join(builds[0]!, 'app.js.br')));
    // One script, two encodings; no page, no temporary file left behind.
    expect((await readdir(cache)).sort().map((n) => n.replace(/^[0-9a-f]{64}/, '<sha>'))).toEqual([
      '<sha>-q11.br',
      '<sha>-q11.gz',
    ]);
  });
});
