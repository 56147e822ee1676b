import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asOutputError, OutputError, writeStaged } from '../../../loaders/output.ts';

/** A Node file-system error as `fs` raises it (a failed `write` names no path, a failed `open` does). */
const fsError = (code: string, syscall: string, path?: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: failed, ${syscall}`), { code, syscall, ...(path === undefined ? {} : { path }) });

describe('asOutputError', () => {
  it.each([
    ['a write on a full disk', fsError('ENOSPC', 'write'), 'the disk is full'],
    ['a used-up quota', fsError('EDQUOT', 'write'), 'the disk quota is used up'],
    [
      'an open on a read-only file system',
      fsError('EROFS', 'open', '/mnt/model/a.parquet'),
      'the file system is read-only',
    ],
    ['an open without permission', fsError('EACCES', 'open', '/srv/model/a.parquet'), 'permission denied'],
    [
      'DuckDB writing on a full disk',
      new Error('IO Error: Could not write file "/out/pipescope.duckdb": No space left on device'),
      'the disk is full',
    ],
  ])('says what happened for %s', (_case, error, cause) => {
    const e = asOutputError(error, 'model', '/out', 'nothing was changed');
    expect(e).toBeInstanceOf(OutputError);
    expect((e as Error).message).toMatch(
      new RegExp(`^cannot write the model to /out: ${cause} — \\S.*; nothing was changed$`),
    );
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'rows')")],
    ['a blocked network call (EACCES without a path)', fsError('EACCES', 'connect')],
    ['a missing file read by mistake', fsError('ENOENT', 'open', '/out/x')],
    [
      'a DuckDB error that is not about the disk',
      new Error('IO Error: Cannot open file "x": No such file or directory'),
    ],
  ])('leaves %s as it is, to be reported', (_case, error) => {
    expect(asOutputError(error, 'model', '/out', 'nothing was changed')).toBe(error);
  });
});

describe('writeStaged', () => {
  let root: string;
  let out: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pipescope-write-staged-'));
    out = join(root, 'model');
    await mkdir(out);
    await writeFile(join(out, 'manifest.json'), 'previous');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('swaps the new output in when the write succeeds', async () => {
    await writeStaged(out, 'model', (dir) => writeFile(join(dir, 'manifest.json'), 'new'));
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe('new');
    expect(await readdir(root)).toEqual(['model']);
  });

  it('removes the staging folder and keeps the previous output when the disk fills up', async () => {
    const failing = writeStaged(out, 'model', async (dir) => {
      await writeFile(join(dir, 'stages.parquet'), 'partial');
      throw fsError('ENOSPC', 'write');
    });
    await expect(failing).rejects.toThrow(
      new OutputError(
        `cannot write the model to ${out}: the disk is full — free some space (or choose --out on another disk) and run again; nothing was changed: ${out} still holds the previous model`,
      ),
    );
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe('previous');
    expect(await readdir(root)).toEqual(['model']);
  });

  it('says the output was not created when there was none before', async () => {
    const fresh = join(root, 'fresh');
    await expect(writeStaged(fresh, 'site', () => Promise.reject(fsError('ENOSPC', 'write')))).rejects.toThrow(
      /nothing was changed: .*fresh was not created$/,
    );
    expect(existsSync(fresh)).toBe(false);
  });

  it('rethrows a bug as it is, after removing the staging folder', async () => {
    const bug = new TypeError('x is not a function');
    await expect(writeStaged(out, 'model', () => Promise.reject(bug))).rejects.toBe(bug);
    expect(await readdir(root)).toEqual(['model']);
  });
});
