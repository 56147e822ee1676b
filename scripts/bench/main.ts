import { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, measureSite, type PageMeasures } from './browser.ts';
import { buildSite, serveSite } from './site.ts';

/**
 * `npm run bench`: builds the demo at each size, serves it, and measures in Chromium what the site
 * issue's targets are about: overview weight, time to the first chart, the first DuckDB-WASM query after
 * an interaction, re-query times and the first drill-down. Sites are kept in node_modules/.cache.
 */
const program = new Command()
  .name('bench')
  .option('--sizes <list>', 'opportunities per run, comma-separated', '5000,1000000')
  .option('--requeries <n>', 're-queries per size (median and p95 are reported)', '10')
  .option('--reuse', 'reuse sites built by an earlier run')
  .parse();

const opts = program.opts<{ sizes: string; requeries: string; reuse?: boolean }>();
const sizes = opts.sizes.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 100))
  program.error(`--sizes "${opts.sizes}" must be whole numbers of at least 100`);

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ms = (t: number) => `${Math.round(t)} ms`;

function report(n: number, steps: Record<string, number>, dbBytes: number, m: PageMeasures): void {
  const rows: [string, string][] = [
    ['opportunities', n.toLocaleString('en-US')],
    ...Object.entries(steps).map(([step, s]): [string, string] => [`build: ${step}`, `${s.toFixed(1)} s`]),
    ['browser database file', mb(dbBytes)],
    ['overview weight (transferred, no interaction)', `${kb(m.overviewBytes)} in ${m.overviewRequests} requests`],
    ['time to first chart (FCP; SVG prerendered)', ms(m.firstChartMs)],
    ['first DuckDB-WASM query after interaction', ms(m.firstQueryMs)],
    ['  bytes for it (DuckDB-WASM + ranges)', `${mb(m.firstQueryBytes)} (database ranges ${mb(m.databaseBytes)})`],
    [
      're-query median / p95',
      `${ms(quantile(m.requeryMs, 0.5))} / ${ms(quantile(m.requeryMs, 0.95))} (${m.requeryMs.length} changes)`,
    ],
    ['first funnel drill-down (engine cold)', ms(m.drillMs)],
    ...Object.entries(m.pageDrillMs).map(([path, t]): [string, string] => [
      `first cross-filter on /${path} (engine cold)`,
      ms(t),
    ]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}

const browser = await launch();
try {
  for (const n of sizes) {
    process.stderr.write(`\n[${n.toLocaleString('en-US')} opportunities]\n`);
    const dir = join('node_modules/.cache/pipescope-bench', String(n));
    const site = buildSite(n, dir, opts.reuse === true);
    const server = await serveSite(site.dist);
    try {
      process.stderr.write(`  measuring ${server.url} in Chromium\n`);
      const measures = await measureSite(browser, server.url, Number(opts.requeries));
      report(n, site.steps, (await stat(join(site.dist, 'data', 'pipescope.duckdb'))).size, measures);
    } finally {
      server.stop();
    }
  }
} finally {
  await browser.close();
}
