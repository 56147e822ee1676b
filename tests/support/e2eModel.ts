import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The demo site the e2e tests build for themselves (see playwright.config.ts): 2,000 opportunities
 * built at this as_of, so "this year" is 2026.
 */
export const E2E_DIR = 'node_modules/.cache/pipescope-e2e';
export const E2E_DATA = `${E2E_DIR}/data`;
export const E2E_AS_OF = '2026-11-01T00:00:00Z';
export const E2E_OPPORTUNITIES = 2000;
/** Served under a sub-path, as on GitHub Pages or an intranet, so every link and fetch must honour --base. */
export const E2E_BASE = '/sales/';

/**
 * A second site, built like a newcomer would from the public Maven sample (../shared/datasets, never
 * copied here) without --as-of: its deals end in 2017, years before the data date. Absent on a machine
 * without the shared datasets; its tests then skip and say so.
 */
export const MAVEN_DATASET = resolve('..', 'shared', 'datasets', 'maven-crm-sales-opportunities');
export const MAVEN_PRESENT = existsSync(MAVEN_DATASET);
export const MAVEN_DIR = 'node_modules/.cache/pipescope-e2e-maven';
export const MAVEN_BASE = '/maven/';

export type CliRow = Record<string, number | string | null>;

/** `pipescope query <view> --format json` on the e2e model: the numbers every page must show. */
export function cliQuery(view: string, args: readonly string[] = []): CliRow[] {
  const out = execFileSync(
    process.execPath,
    ['bin/pipescope.mjs', 'query', view, '--data', E2E_DATA, '--format', 'json', ...args],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as CliRow[];
}

/** `pipescope query <view> --format csv` on the e2e model: what a table's CSV download must equal. */
export function cliCsv(view: string, args: readonly string[] = []): string {
  return execFileSync(
    process.execPath,
    ['bin/pipescope.mjs', 'query', view, '--data', E2E_DATA, '--format', 'csv', ...args],
    { encoding: 'utf8' },
  );
}

/** `--filter key=value` arguments for a set of filters. */
export function filterArgs(filters: Readonly<Record<string, string>>): string[] {
  return Object.entries(filters).flatMap(([key, value]) => ['--filter', `${key}=${value}`]);
}
