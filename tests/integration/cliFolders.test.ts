/**
 * Model folders the user names (`--data`) that cannot be read: every command says which folder and what to
 * do, with exit 1 and before any work — never "internal error … report it".
 */
import { cp, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_DATABASE } from '../../loaders/parquet.ts';
import { runCli, runData, STACK_LINE, tempRoot, VALID_FIXTURE, type CliRun } from '../support/canonicalFolder.ts';

function expectUserError(r: CliRun): void {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

describe('model folders', { timeout: 60_000 }, () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  let model: string;
  beforeAll(async () => {
    temp = await tempRoot('cli-folders');
    model = temp.path('model');
    const built = runData(VALID_FIXTURE, model);
    expect(built.status, built.stderr).toBe(0);
  });
  afterAll(() => temp.remove());

  it('query: a model folder missing a table file names it', async () => {
    const partial = temp.path('partial');
    await cp(model, partial, { recursive: true });
    await rm(join(partial, 'stages.parquet'));
    const r = runCli(['query', 'kpis', '--data', partial]);
    expectUserError(r);
    expect(r.stderr).toContain(`${partial} is not a complete model: stages.parquet is missing — run "pipescope data" again`);
  });

  it('query: a damaged table file names it', async () => {
    const damaged = temp.path('damaged');
    await cp(model, damaged, { recursive: true });
    await truncate(join(damaged, 'stages.parquet'), 100);
    const r = runCli(['query', 'kpis', '--data', damaged]);
    expectUserError(r);
    expect(r.stderr).toContain(`${join(damaged, 'stages.parquet')} cannot be read (`);
    expect(r.stderr).toMatch(/\) — run "pipescope data" again/);
  });

  it('build: a model folder without the browser database is refused before Astro starts', async () => {
    const partial = temp.path('no-database');
    await cp(model, partial, { recursive: true });
    await rm(join(partial, BROWSER_DATABASE));
    const r = runCli(['build', '--data', partial, '--out', temp.path('site')]);
    expectUserError(r);
    expect(r.stderr).toContain(`${partial} is not a complete model: ${BROWSER_DATABASE} is missing — run "pipescope data" again`);
    expect(r.stderr).not.toMatch(/astro/i);
  });
});
