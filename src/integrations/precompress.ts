import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text-like files worth compressing. The model database is not: DuckDB-WASM reads it by byte range. */
const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|txt|xml|wasm)$/;
/** Below this, compression saves less than a packet. */
const MIN_BYTES = 1024;

/**
 * Brotli quality per file, measured on the demo site (1.7 MB of pages and scripts, one core): quality 11
 * gives 371 KB in 6.9 s, 9 gives 402 KB in 0.7 s, 5 gives 412 KB in 0.2 s. Pages change with every
 * build and a site has one per rep, so they get 9 (8 % more bytes for a tenth of the time). Scripts and
 * styles are the same from build to build and come from the cache after the first, so they get 11. The
 * DuckDB-WASM wasm (34 MB) gets 5: 0.7 s, where 11 takes over a minute for 1 MB less.
 */
function brotliQuality(name: string, bytes: number): number {
  if (bytes > 1_000_000) return 5;
  return name.endsWith('.html') ? 9 : 11;
}

export interface PrecompressResult {
  readonly files: number;
  readonly bytes: number;
  readonly brotliBytes: number;
  /** Files whose compressed forms came from the cache (same content and quality as an earlier build). */
  readonly cached: number;
}

/**
 * Writes `.br` and `.gz` beside every compressible file of the built site, so any static host that
 * serves precompressed files (nginx `brotli_static`/`gzip_static`, the local `npm run serve`) sends
 * the DuckDB-WASM wasm as 6 MB instead of 34 MB without compressing on each request. Files are
 * compressed on every core at once (zlib runs on libuv's worker threads), and what an earlier build
 * compressed is taken from `cacheDir` (scripts, styles, the wasm; not pages), keyed by the content's SHA-256
 * and the quality.
 */
export async function precompress(dir: string, cacheDir?: string): Promise<PrecompressResult> {
  const paths = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  if (cacheDir) await mkdir(cacheDir, { recursive: true });
  const totals = { files: 0, bytes: 0, brotliBytes: 0, cached: 0 };
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const content = await readFile(path);
      if (content.length < MIN_BYTES) continue;
      // Pages differ from build to build: caching them would only grow the cache.
      const cache = path.endsWith('.html') ? undefined : cacheDir;
      const { br, gzipped, cached } = await compressed(content, brotliQuality(path, content.length), cache);
      await writeFile(`${path}.br`, br);
      await writeFile(`${path}.gz`, gzipped);
      totals.files += 1;
      totals.bytes += content.length;
      totals.brotliBytes += br.length;
      if (cached) totals.cached += 1;
    }
  };
  // Two tasks per core: one compresses while the other reads or writes.
  await Promise.all(Array.from({ length: 2 * availableParallelism() }, worker));
  return totals;
}

async function compressed(
  content: Buffer,
  quality: number,
  cacheDir: string | undefined,
): Promise<{ br: Buffer; gzipped: Buffer; cached: boolean }> {
  const key = cacheDir && join(cacheDir, `${createHash('sha256').update(content).digest('hex')}-q${quality}`);
  if (key) {
    const hit = await Promise.all([readFile(`${key}.br`), readFile(`${key}.gz`)]).catch(() => null);
    if (hit) return { br: hit[0], gzipped: hit[1], cached: true };
  }
  const [br, gzipped] = await Promise.all([
    brotli(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    }),
    gz(content, { level: 9 }),
  ]);
  if (key) {
    // Written under a temporary name and renamed, so a build killed midway never leaves half a cache entry.
    for (const [ext, data] of [
      ['br', br],
      ['gz', gzipped],
    ] as const) {
      const temp = `${key}.${ext}.${process.pid}.tmp`;
      await writeFile(temp, data);
      await rename(temp, `${key}.${ext}`);
    }
  }
  return { br, gzipped, cached: false };
}
