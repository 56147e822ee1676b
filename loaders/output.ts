import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writing an output failed for a reason on the user's side — a full disk, a read-only file system, no
 * permission — not for a bug: the CLI prints the message as it is, with exit 1.
 */
export class OutputError extends Error {}

/** Why `--out` cannot be written, as a message and what to do; checked before any work is done. */
export interface UnwritableOutput {
  readonly message: string;
  readonly hint: string;
}

/**
 * Why `outDir` cannot be (re)placed, or null when it can. A staged output is written beside `outDir` and
 * renamed into place (`beside`); the demo writes into `outDir` itself (`inside`). Missing folders are
 * created, so what must be writable is the nearest folder that exists.
 */
export function unwritableOutput(outDir: string, writes: 'beside' | 'inside' = 'beside'): UnwritableOutput | null {
  const target = resolve(outDir);
  if (existsSync(target) && !statSync(target).isDirectory()) {
    return {
      message: `--out ${outDir} is a file, not a folder`,
      hint: 'choose a folder for --out (it is created when missing)',
    };
  }
  let folder = writes === 'inside' && existsSync(target) ? target : dirname(target);
  while (!existsSync(folder)) folder = dirname(folder);
  if (!statSync(folder).isDirectory()) {
    return {
      message: `--out ${outDir} cannot be created: ${folder} is a file, not a folder`,
      hint: 'choose an --out in a folder',
    };
  }
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch {
    return {
      message: `--out ${outDir} cannot be written: no permission to write in ${folder}`,
      hint: 'choose an --out in a folder you may write to',
    };
  }
  return null;
}

/** Write failures the user fixes, by errno code: what happened and what to do. */
const CAUSES: Record<string, { cause: string; hint: string }> = {
  ENOSPC: { cause: 'the disk is full', hint: 'free some space (or choose --out on another disk) and run again' },
  EDQUOT: {
    cause: 'the disk quota is used up',
    hint: 'free some space (or choose --out on another disk) and run again',
  },
  EROFS: { cause: 'the file system is read-only', hint: 'choose an --out on a writable disk' },
  EACCES: { cause: 'permission denied', hint: 'choose an --out in a folder you may write to' },
  EPERM: { cause: 'permission denied', hint: 'choose an --out in a folder you may write to' },
};

/** DuckDB reports a failed write in its message only (`IO Error: Could not write file …: No space left on device`). */
const DUCKDB_IO: readonly [RegExp, string][] = [
  [/No space left on device/, 'ENOSPC'],
  [/Disk quota exceeded/, 'EDQUOT'],
  [/Read-only file system/, 'EROFS'],
  [/Permission denied/, 'EACCES'],
];

/** The errno code of a failed file write (Node's, or DuckDB's in words); null for anything else. */
function writeFailure(error: unknown): string | null {
  const e = error as Partial<NodeJS.ErrnoException>;
  if (typeof e.code === 'string' && e.code in CAUSES) {
    // A blocked network call fails with EACCES or EPERM too; a file-system one names the path it failed on.
    return (e.code === 'EACCES' || e.code === 'EPERM') && typeof e.path !== 'string' ? null : e.code;
  }
  if (typeof e.message === 'string' && e.message.startsWith('IO Error'))
    return DUCKDB_IO.find(([text]) => text.test(e.message!))?.[1] ?? null;
  return null;
}

/**
 * `error` as an OutputError when writing failed for a reason the user fixes (a full disk, no permission),
 * saying what `outDir` holds `afterwards`; any other error as it is, since that is a bug to report.
 */
export function asOutputError(error: unknown, what: string, outDir: string, afterwards: string): unknown {
  const code = writeFailure(error);
  if (code === null) return error;
  const { cause, hint } = CAUSES[code]!;
  return new OutputError(`cannot write the ${what} to ${outDir}: ${cause} — ${hint}; ${afterwards}`);
}

/**
 * Writes an output (`write` fills a fresh folder) and swaps it in for `outDir` only when it is complete.
 * The folder is a sibling of the target, which keeps the final rename on one file system and so atomic;
 * on any failure it is removed and `outDir` is left as it was. A full disk or a missing permission comes
 * back as an OutputError that says so.
 */
export async function writeStaged<T>(outDir: string, what: string, write: (dir: string) => Promise<T>): Promise<T> {
  const previous = existsSync(outDir);
  let dir: string | undefined;
  try {
    dir = await stagingDir(outDir);
    const result = await write(dir);
    await swapInto(dir, outDir);
    return result;
  } catch (error) {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    throw asOutputError(
      error,
      what,
      outDir,
      `nothing was changed: ${outDir} ${previous ? `still holds the previous ${what}` : 'was not created'}`,
    );
  }
}

async function stagingDir(outDir: string): Promise<string> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  const dir = join(dirname(target), `.${basename(target)}.building-${process.pid}-${Date.now()}`);
  await mkdir(dir);
  return dir;
}

/** Replaces `outDir` by `built`; the previous output is only removed once the new one is in place. */
async function swapInto(built: string, outDir: string): Promise<void> {
  const target = resolve(outDir);
  if (!existsSync(target)) {
    await rename(built, target);
    return;
  }
  const old = join(dirname(target), `.${basename(target)}.old-${process.pid}-${Date.now()}`);
  await rename(target, old);
  try {
    await rename(built, target);
  } catch (error) {
    await rename(old, target);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}
