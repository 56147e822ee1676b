/**
 * `npx tsx scripts/bench/postgres.ts [--opportunities 1000000]`: loads a demo export into a throwaway
 * PostgreSQL and builds the model from it with `--source postgres`, then from the same CSVs with
 * `--source canonical`, reporting wall time and peak memory (GNU time's maximum resident set size) of each.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCanonical } from '../postgres/load.ts';
import { startPostgres } from '../postgres/server.ts';

const { values } = parseArgs({ options: { opportunities: { type: 'string', default: '1000000' } } });
const AS_OF = '2026-11-01T00:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'pipescope-bench-pg-'));
const step = (text: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);

/** Runs the CLI under GNU time; returns seconds and peak RSS in MiB. */
function measured(args: string[]): { seconds: number; rssMiB: number } {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, 'bin/pipescope.mjs', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`pipescope ${args.join(' ')} failed:\n${r.stderr.slice(-3000)}`);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const seconds = Number(wall?.[1] ?? 0) * 3600 + Number(wall?.[2]) * 60 + Number(wall?.[3]);
  return { seconds, rssMiB: rss / 1024 };
}

const pg = await startPostgres();
try {
  step(`writing the demo export (${values.opportunities} opportunities)…`);
  execFileSync(
    process.execPath,
    ['bin/pipescope.mjs', 'demo', '--opportunities', values.opportunities!, '--out', join(dir, 'csv')],
    { stdio: 'inherit' },
  );
  step('copying it into PostgreSQL…');
  loadCanonical(pg, 'crm', join(dir, 'csv'));
  pg.psql('ANALYZE');
  step('building from PostgreSQL…');
  const fromPg = measured([
    'data',
    '--source',
    'postgres',
    '--url',
    `${pg.url}?schema=crm`,
    '--out',
    join(dir, 'model-pg'),
    '--as-of',
    AS_OF,
  ]);
  step('building from the CSV files…');
  const fromCsv = measured([
    'data',
    '--source',
    'canonical',
    '--in',
    join(dir, 'csv'),
    '--out',
    join(dir, 'model-csv'),
    '--as-of',
    AS_OF,
  ]);
  const rows = pg.psql(
    "SELECT (SELECT count(*) FROM crm.opportunities) || ' opportunities, ' || (SELECT count(*) FROM crm.stage_history) || ' stage_history rows'",
  );
  process.stdout.write(`\n${rows.trim()}\n| source | wall time | peak RSS |\n|---|---|---|\n`);
  for (const [name, m] of [
    ['postgres', fromPg],
    ['canonical CSV', fromCsv],
  ] as const) {
    process.stdout.write(`| ${name} | ${m.seconds.toFixed(1)} s | ${m.rssMiB.toFixed(0)} MiB |\n`);
  }
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
