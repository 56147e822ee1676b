/**
 * Canonical input folders for the validation tests: a copy of `tests/fixtures/canonical-valid/` with one
 * defect (or quirk) applied, so each test states only what it changes. Also runs the real CLI and
 * fingerprints output folders, so a test can check that a failed build left the previous output as it was.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const VALID_FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'canonical-valid');
/** The snapshot the fixture's dates are written around. */
export const FIXTURE_AS_OF = '2026-03-01T00:00:00Z';

/** One change to a copied fixture file. */
export type Mutation =
  /** Replaces the whole file (text is written as UTF-8, bytes as they are). */
  | { readonly file: string; readonly content: string | Uint8Array }
  /** Replaces the first occurrence of `replace` by `with`; it must be in the file (so a fixture edit cannot silently no-op). */
  | { readonly file: string; readonly replace: string; readonly with: string }
  /** Appends one line (a line break is added before it if the file lacks one, and after it). */
  | { readonly file: string; readonly append: string | Uint8Array }
  /** Removes a column from a file without quoted fields (header and every row). */
  | { readonly file: string; readonly dropColumn: string }
  /** Deletes the file. */
  | { readonly file: string; readonly remove: true };

/** The fixture file's text, e.g. to rewrite it. */
export function fixtureText(file: string): Promise<string> {
  return readFile(join(VALID_FIXTURE, file), 'utf8');
}

async function apply(dir: string, m: Mutation): Promise<void> {
  const path = join(dir, m.file);
  if ('content' in m) {
    await writeFile(path, m.content);
  } else if ('replace' in m) {
    const text = await readFile(path, 'utf8');
    if (!text.includes(m.replace)) throw new Error(`fixture ${m.file} has no "${m.replace}" to replace`);
    await writeFile(path, text.replace(m.replace, m.with));
  } else if ('append' in m) {
    const before = await readFile(path);
    const lineBreak = before.length > 0 && before[before.length - 1] !== 0x0a ? '\n' : '';
    const line = typeof m.append === 'string' ? Buffer.from(m.append, 'utf8') : Buffer.from(m.append);
    await writeFile(path, Buffer.concat([before, Buffer.from(lineBreak), line, Buffer.from('\n')]));
  } else if ('dropColumn' in m) {
    const lines = (await readFile(path, 'utf8')).split('\n');
    const index = lines[0]!.split(',').indexOf(m.dropColumn);
    if (index < 0) throw new Error(`fixture ${m.file} has no column ${m.dropColumn}`);
    const kept = lines.map((line) =>
      line === ''
        ? line
        : line
            .split(',')
            .filter((_, i) => i !== index)
            .join(','),
    );
    await writeFile(path, kept.join('\n'));
  } else {
    await rm(path);
  }
}

/** Copies the valid fixture into `dir` (created) and applies the mutations in order. */
export async function canonicalFolder(dir: string, mutations: readonly Mutation[] = []): Promise<string> {
  await mkdir(dir, { recursive: true });
  await cp(VALID_FIXTURE, dir, { recursive: true });
  for (const m of mutations) await apply(dir, m);
  return dir;
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Whom to run the CLI as for permission tests: root reads any file whatever its mode bits, so as root the
 * CLI runs as `nobody` (uid 65534); any other user is already bound by them.
 */
export const UNPRIVILEGED: { readonly uid?: number; readonly gid?: number } =
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * Whether the CLI can run as UNPRIVILEGED from this checkout at all: a clone inside a folder others may not
 * enter (a home directory) cannot be, and the permission tests then skip, saying why.
 */
export const UNPRIVILEGED_RUNS: boolean = (() => {
  if (UNPRIVILEGED.uid === undefined) return true;
  const probe =
    'const fs = require("node:fs"); fs.accessSync("bin/pipescope.mjs", fs.constants.R_OK); fs.accessSync("node_modules/tsx/package.json", fs.constants.R_OK)';
  const runs = spawnSync(process.execPath, ['-e', probe], { ...UNPRIVILEGED, cwd: REPO_ROOT }).status === 0;
  if (!runs)
    console.warn(
      `skipping the permission tests: uid ${UNPRIVILEGED.uid} cannot read this checkout (${REPO_ROOT}); clone it where other users may read it to run them`,
    );
  return runs;
})();

/** Runs `node bin/pipescope.mjs <args>` from the repository root, as a user would (`as`: another user). */
export function runCli(args: readonly string[], as: { readonly uid?: number; readonly gid?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, ['bin/pipescope.mjs', ...args], {
    ...as,
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, PIPESCOPE_DEBUG: '', NO_COLOR: '1' },
    timeout: 60_000,
    // A whole model's stage_dwell as JSON is megabytes; the default 1 MB buffer would cut it off.
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface DataRun extends CliRun {
  readonly in: string;
  readonly out: string;
}

/** `pipescope data --source canonical --in <in> --out <out> --as-of <fixture as_of> [extra]`. */
export function runData(inDir: string, outDir: string, extra: readonly string[] = []): DataRun {
  const asOf = extra.includes('--as-of') ? [] : ['--as-of', FIXTURE_AS_OF];
  return {
    ...runCli(['data', '--source', 'canonical', '--in', inDir, '--out', outDir, ...asOf, ...extra]),
    in: inDir,
    out: outDir,
  };
}

/** sha256 of every file under `dir`, keyed by relative path: equal maps = byte-for-byte the same folder. */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const entry of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else
        hashes[relative(dir, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(dir);
  return hashes;
}

/** Staging (`.<out>.building-…`) or swap (`.<out>.old-…`) folders left beside an output folder. */
export async function leftovers(parent: string): Promise<string[]> {
  return (await readdir(parent)).filter((name) => /\.(building|old)-/.test(name));
}

/** A temporary root for one test file; `path(name)` gives a fresh sub-path per case. */
export async function tempRoot(
  prefix: string,
): Promise<{ root: string; path(name: string): string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), `pipescope-${prefix}-`));
  return { root, path: (name) => join(root, name), remove: () => rm(root, { recursive: true, force: true }) };
}

/** Where a problem line must point: `file:line: column: message — hint`. */
export interface Where {
  readonly file: string;
  /** Omitted: the problem is about the whole file (no line number printed). */
  readonly line?: number;
  /** Omitted: not checked (whole-file problems such as an unterminated quote name no column). */
  readonly column?: string | RegExp;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern for one problem line in stderr: the location, a message, and a hint after " — ". */
export function problemPattern(where: Where): RegExp {
  const line = where.line === undefined ? '' : `:${where.line}`;
  const column =
    where.column === undefined
      ? ''
      : `${where.column instanceof RegExp ? where.column.source : escapeRe(where.column)}: `;
  return new RegExp(`^(?:.*[/\\\\])?${escapeRe(where.file)}${line}: ${column}\\S.* — \\S.*$`, 'm');
}

/** The stderr lines matching `where` (see problemPattern). */
export function problemsAt(stderr: string, where: Where): string[] {
  const pattern = new RegExp(problemPattern(where).source);
  return stderr.split('\n').filter((line) => pattern.test(line) && !line.startsWith('warning:'));
}

/** Error lines of one file (any line, any column): `…/<file>:<n>: …`. */
export function errorLinesOf(stderr: string, file: string): string[] {
  const pattern = new RegExp(`^(?:.*[/\\\\])?${escapeRe(file)}:\\d+: `);
  return stderr.split('\n').filter((line) => pattern.test(line));
}

/** A stack trace line (`    at fn (file:1:2)`). */
export const STACK_LINE = /^\s*at \S+.*(?:\(|:\d+:\d+)/m;

export interface Rejection extends DataRun {
  /** Fingerprints of the previous good output before and after the failing run. */
  readonly before: Record<string, string>;
  readonly after: Record<string, string>;
  /** `.building-`/`.old-` folders left beside the output. */
  readonly leftovers: string[];
}

/**
 * The failing-build harness: copies a good model (built once by the caller) into `<caseDir>/out`,
 * fingerprints it, runs `pipescope data` over the mutated fixture in `<caseDir>/in`, fingerprints again.
 */
export async function runAgainstGoodOutput(
  goodOut: string,
  caseDir: string,
  mutations: readonly Mutation[],
  extra: readonly string[] = [],
): Promise<Rejection> {
  const inDir = await canonicalFolder(join(caseDir, 'in'), mutations);
  const out = join(caseDir, 'out');
  await cp(goodOut, out, { recursive: true });
  const before = await fingerprint(out);
  const run = runData(inDir, out, extra);
  return { ...run, before, after: await fingerprint(out), leftovers: await leftovers(caseDir) };
}

/**
 * What every rejected input must show: exit code 1, no stack trace, the previous output byte for byte
 * unchanged with no staging/swap folders beside it, and (given `where`) a `file:line: column: … — hint`
 * line. Returns the matching problem lines for further checks of the message.
 */
export function expectRejected(r: Rejection, where?: Where): string[] {
  const context = `stderr of the failing run:\n${r.stderr}`;
  expect(r.status, context).toBe(1);
  expect(r.stderr, context).not.toMatch(STACK_LINE);
  expect(Object.keys(r.before).length).toBeGreaterThan(0);
  expect(r.after, 'previous output changed').toEqual(r.before);
  expect(r.leftovers, 'staging folders left behind').toEqual([]);
  if (!where) return [];
  const lines = problemsAt(r.stderr, where);
  expect(lines, `no line matching ${problemPattern(where)} in ${context}`).not.toHaveLength(0);
  return lines;
}

/**
 * Registers hooks that build the valid fixture once into a temporary folder (the "previous good output")
 * and remove everything afterwards. `reject(name, mutations)` then runs one case (a defect, or a quirk
 * that must still build) against a copy of it in `<temp>/<name>/{in,out}`.
 */
export function useGoodOutput(prefix: string): {
  reject(name: string, mutations: readonly Mutation[], extra?: readonly string[]): Promise<Rejection>;
  /** The good output built from the unchanged fixture (for comparisons). */
  goodOut(): string;
} {
  let temp: Awaited<ReturnType<typeof tempRoot>> | undefined;
  let goodOut = '';
  beforeAll(async () => {
    temp = await tempRoot(prefix);
    goodOut = temp.path('good');
    const r = runData(VALID_FIXTURE, goodOut);
    expect(r.status, `the valid fixture must build:\n${r.stderr}`).toBe(0);
    expect(r.stderr, 'the valid fixture must build without warnings').not.toMatch(/^warning:/m);
  }, 60_000);
  afterAll(async () => {
    await temp?.remove();
  });
  return {
    reject: (name, mutations, extra = []) => runAgainstGoodOutput(goodOut, temp!.path(name), mutations, extra),
    goodOut: () => goodOut,
  };
}
