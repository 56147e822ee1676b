import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * `npm run bench` at a tiny size, so it cannot rot: it builds, serves and measures a site in Chromium and
 * prints every measure with its figure and, where there is a target, ✅ or ❌. No figure is judged here:
 * speed is the benchmark's business (a busy CI machine would make a timing assertion flaky), not a test's.
 */
describe('npm run bench', () => {
  it('measures a 300-deal demo and prints every row with its figure and verdict', { timeout: 15 * 60_000 }, () => {
    const run = spawnSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/bench/main.ts', '--sizes', '300', '--requeries', '2'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const rows = run.stdout.split('\n').filter((line) => line.trim() !== '');
    const row = (measure: string) => rows.find((line) => line.startsWith(measure)) ?? '';
    for (const measure of [
      'build: pipescope data',
      'build: pipescope build',
      'built site size',
      'time to first chart',
      'bytes before the first chart',
      'first filter, page open ≥ 3 s',
      'first filter clicked at once',
      'warm filter median / p95',
      'first funnel drill-down',
      'first cross-filter on /reps/<first>/',
      'browser memory DuckDB-WASM adds',
      'warm filter median, /reps/<first>/',
      'warm filter median, /receivables/',
    ]) {
      expect(row(measure), `${measure} in:\n${run.stdout}`).toMatch(/\d.*(✅|❌)/);
    }
    expect(row('build: pipescope data')).toMatch(/peak RSS \d+\.\d\d MB/);
    // Judged at 10M stage entries only; a small model prints its figures and how to reach that scale.
    expect(row('10M stage entries')).toMatch(/model: [\d,]+\)\s+\d+ ms \/ \d+ ms \(judged at ≥ 10M entries/);
    for (const view of ['kpis', 'rep_dwell', 'receivables']) {
      expect(row(`view ${view} `)).toMatch(/native \d+ ms · DuckDB-WASM \d+ ms first, \d+ ms warm/);
    }
  });
});
