/**
 * A disk that fills up while the model (`data`) or the site (`build`) is written: a plain message that
 * nothing was changed, exit 1, the previous output byte for byte as it was and no staging folder left
 * behind. The full disk is a small tmpfs mounted for the test, so it needs root (with CAP_SYS_ADMIN).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fingerprint,
  leftovers,
  runCli,
  runData,
  STACK_LINE,
  tempRoot,
  VALID_FIXTURE,
} from '../support/canonicalFolder.ts';

function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' });
}

/** Whether this process may mount a tmpfs, tried once on a scratch folder. */
function mayMount(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'pipescope-mount-probe-'));
  const mounted = mountTmpfs(probe, '64k');
  if (mounted) unmount(probe);
  rmSync(probe, { recursive: true, force: true });
  return mounted;
}

const canMount = mayMount();
if (!canMount)
  console.warn(
    'skipping the disk-full tests: mounting a small tmpfs is not permitted here (it needs root with CAP_SYS_ADMIN)',
  );

describe.skipIf(!canMount)('a disk that fills up while writing', { timeout: 120_000 }, () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  const mounted: string[] = [];
  /** A fresh tmpfs of `size` holding `previous` (copied) as `name`; returns that output path. */
  const fullDisk = async (
    mount: string,
    size: string,
    name: string,
    previous: (out: string) => Promise<void>,
  ): Promise<string> => {
    const dir = temp.path(mount);
    await mkdir(dir);
    expect(mountTmpfs(dir, size)).toBe(true);
    mounted.push(dir);
    const out = join(dir, name);
    await previous(out);
    return out;
  };

  beforeAll(async () => {
    temp = await tempRoot('disk-full');
  });
  afterAll(async () => {
    for (const dir of mounted) unmount(dir);
    await temp?.remove();
  });

  it('data: says the disk is full and keeps the previous model', async () => {
    const good = temp.path('good');
    expect(runData(VALID_FIXTURE, good).status).toBe(0);
    // The Parquet files and manifest (a few KB) fit; a whole new model (the database file is MBs) does not.
    const out = await fullDisk('data-disk', '1m', 'model', (o) =>
      cp(good, o, { recursive: true, filter: (src) => !src.endsWith('.duckdb') }),
    );
    const before = await fingerprint(out);
    const r = runData(VALID_FIXTURE, out);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).toContain(
      `pipescope: cannot write the model to ${out}: the disk is full — free some space (or choose --out on another disk) and run again; nothing was changed: ${out} still holds the previous model`,
    );
    expect(await fingerprint(out)).toEqual(before);
    expect(await leftovers(join(out, '..'))).toEqual([]);
  });

  it('demo: says the disk is full and that the files written are incomplete', async () => {
    const out = await fullDisk('demo-disk', '64k', 'export', async () => {});
    const r = runCli(['demo', '--out', out, '--opportunities', '2000']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).toContain(
      `pipescope: cannot write the demo export to ${out}: the disk is full — free some space (or choose --out on another disk) and run again; the demo files in ${out} are incomplete`,
    );
  });

  it('build: says the disk is full and keeps the previous site', async () => {
    const model = temp.path('site-model');
    expect(runData(VALID_FIXTURE, model).status).toBe(0);
    const out = await fullDisk('site-disk', '16k', 'site', async (o) => {
      await mkdir(o);
      await writeFile(join(o, 'index.html'), '<!doctype html><title>the previous site</title>\n');
    });
    const before = await fingerprint(out);
    const r = runCli(['build', '--data', model, '--out', out]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      `pipescope: cannot write the site to ${out}: the disk is full — free some space (or choose --out on another disk) and run again; nothing was changed: ${out} still holds the previous site`,
    );
    expect(await fingerprint(out)).toEqual(before);
    expect(await leftovers(join(out, '..'))).toEqual([]);
  });
});
