/**
 * Output and model folders the user names (`--out`, `--data`) that cannot be written or read: every command
 * says which folder and what to do, with exit 1 and before any work — never "internal error … report it".
 */
import { chmod, cp, mkdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_DATABASE } from '../../src/model/manifest.ts';
import {
  runCli,
  runData,
  STACK_LINE,
  tempRoot,
  UNPRIVILEGED,
  UNPRIVILEGED_RUNS,
  VALID_FIXTURE,
  type CliRun,
} from '../support/canonicalFolder.ts';

function expectUserError(r: CliRun): void {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

describe('output and model folders', { timeout: 60_000 }, () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  /** A regular file where a folder is expected. */
  let file: string;
  let model: string;
  beforeAll(async () => {
    temp = await tempRoot('cli-folders');
    file = temp.path('notes.txt');
    await writeFile(file, 'not a folder\n');
    model = temp.path('model');
    const built = runData(VALID_FIXTURE, model);
    expect(built.status, built.stderr).toBe(0);
  });
  afterAll(() => temp.remove());

  it.each([
    ['data', (out: string) => ['data', '--source', 'canonical', '--in', VALID_FIXTURE, '--out', out]],
    ['build', (out: string) => ['build', '--data', model, '--out', out]],
    ['demo', (out: string) => ['demo', '--out', out, '--opportunities', '10']],
    ['pull', (out: string) => ['pull', '--source', 'salesforce', '--out', out]],
  ])('%s: an --out inside a file is refused before any work', (_command, args) => {
    const out = join(file, 'out');
    const r = runCli(args(out));
    expectUserError(r);
    expect(r.stderr).toContain(
      `--out ${out} cannot be created: ${file} is a file, not a folder — choose an --out in a folder`,
    );
  });

  it.each([
    ['data', () => ['data', '--source', 'canonical', '--in', VALID_FIXTURE, '--out', file]],
    ['demo', () => ['demo', '--out', file, '--opportunities', '10']],
  ])('%s: an --out that is a file is refused and the file left as it was', async (_command, args) => {
    const r = runCli(args());
    expectUserError(r);
    expect(r.stderr).toContain(`--out ${file} is a file, not a folder — `);
    expect(await readFile(file, 'utf8')).toBe('not a folder\n');
  });

  it.skipIf(!UNPRIVILEGED_RUNS)('data: an --out in a folder the user may not write in is refused', async () => {
    await chmod(temp.root, 0o755);
    const locked = temp.path('locked');
    await mkdir(locked, { mode: 0o555 });
    await chmod(locked, 0o555);
    const r = runCli(
      ['data', '--source', 'canonical', '--in', VALID_FIXTURE, '--out', join(locked, 'model')],
      UNPRIVILEGED,
    );
    expectUserError(r);
    expect(r.stderr).toContain(
      `--out ${join(locked, 'model')} cannot be written: no permission to write in ${locked} — `,
    );
  });

  it('query: a model folder missing a table file names it', async () => {
    const partial = temp.path('partial');
    await cp(model, partial, { recursive: true });
    await rm(join(partial, 'stages.parquet'));
    const r = runCli(['query', 'kpis', '--data', partial]);
    expectUserError(r);
    expect(r.stderr).toContain(
      `${partial} is not a complete model: stages.parquet is missing — run "pipescope data" again`,
    );
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
    expect(r.stderr).toContain(
      `${partial} is not a complete model: ${BROWSER_DATABASE} is missing — run "pipescope data" again`,
    );
    expect(r.stderr).not.toMatch(/astro/i);
  });
});
