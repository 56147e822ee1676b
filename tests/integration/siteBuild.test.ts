import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalFolder, runCli, runData, tempRoot } from '../support/canonicalFolder.ts';

/**
 * `pipescope build` end to end (a real Astro build each). The site folder lives inside the project,
 * like dist/, because Astro leaves stray files beside an outDir outside it.
 */
const SITES = 'node_modules/.cache/pipescope-site-build-test';

describe('pipescope build', () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  let model: string;
  const out = join(SITES, 'dist');

  beforeAll(async () => {
    temp = await tempRoot('site-build');
    model = temp.path('model');
    const built = runData(await canonicalFolder(temp.path('in')), model);
    expect(built.status, built.stderr).toBe(0);
    await rm(SITES, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'index.html'), 'the last good site');
  }, 60_000);

  afterAll(async () => {
    await temp.remove();
    await rm(SITES, { recursive: true, force: true });
  });

  const leftovers = async () => (await readdir(SITES)).filter((name) => name !== 'dist');

  it('leaves the last good site in place when the build fails', async () => {
    const broken = temp.path('broken-model');
    const copy = runData(await canonicalFolder(temp.path('in-broken')), broken);
    expect(copy.status, copy.stderr).toBe(0);
    // A damaged table file passes the checks before Astro starts and fails its prerender.
    await truncate(join(broken, 'stages.parquet'), 100);

    const r = runCli(['build', '--data', broken, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${out} still holds the previous site`);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('the last good site');
    expect(await leftovers()).toEqual([]);
  }, 120_000);

  it('replaces it when the build succeeds, under a base path and in the chosen default language', async () => {
    const r = runCli(['build', '--data', model, '--out', out, '--base', '/sales/', '--lang', 'zh-CN']);
    expect(r.status, r.stderr).toBe(0);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('经营总览');
    // Every asset and the database are addressed under the base path.
    expect(html).toMatch(/component-url="\/sales\/_astro\//);
    expect(html).toMatch(/<link rel="stylesheet" href="\/sales\/_astro\//);
    // The database URL is in the site context every page shares: one hashed script, not each page.
    const siteChunks = (await readdir(join(out, '_astro'))).filter((f) => /^site\.[\w-]+\.js$/.test(f));
    expect(siteChunks).toHaveLength(1);
    expect(await readFile(join(out, '_astro', siteChunks[0]!), 'utf8')).toContain('/sales/data/pipescope.duckdb');
    expect(html).not.toContain('pipescope.duckdb');
    expect(html).toContain('href="/sales/funnel/"');
    expect(html).not.toMatch(/(src|href|component-url|renderer-url)="\/(_astro|funnel|data)\//);
    expect(existsSync(join(out, 'data', 'pipescope.duckdb'))).toBe(true);
    expect(existsSync(join(out, 'index.html.br'))).toBe(true);
    expect(await leftovers()).toEqual([]);
  }, 120_000);

  it('refuses an unknown language before building anything', () => {
    const r = runCli(['build', '--data', model, '--out', out, '--lang', 'fr']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--lang.*fr/);
  });
});
