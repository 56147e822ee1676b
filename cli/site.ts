import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openModel } from '../src/db/nativeModel.ts';
import { isLang, LANGS } from '../src/i18n/lang.ts';
import { loadLatestDealDates } from '../src/metrics/dealDates.ts';
import { autoFallback, resolvePeriod } from '../src/state/periods.ts';
import { dateInZone } from '../src/time/zone.ts';
import { BROWSER_DATABASE, checkModelFiles, MANIFEST_FILE, readManifest } from '../src/model/manifest.ts';
import { unwritableOutput, writeStaged } from '../loaders/output.ts';
import { UsageError } from './errors.ts';

export interface SiteOptions {
  data: string;
  base: string;
  out: string;
  lang: string;
}

/** What Node prints when a write finds the disk full (`ENOSPC: no space left on device, write`). */
const DISK_FULL = /\b(ENOSPC|EDQUOT)\b/;

/**
 * Runs `astro build` into `outDir`, passing its output through. Astro's errors reach us only as text, so a
 * full disk it ran into is recognised there and rethrown as the file-system error it was.
 */
async function astroBuild(outDir: string, site: string, env: Record<string, string>): Promise<void> {
  const astro = resolve('node_modules/astro/astro.js');
  let diskFull: string | null = null;
  const code = await new Promise<number>((done, fail) => {
    const child = spawn(process.execPath, [astro, 'build', '--outDir', outDir], {
      stdio: ['inherit', 'inherit', 'pipe'],
      env: { ...process.env, ...env },
    });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      diskFull ??= DISK_FULL.exec(chunk.toString())?.[1] ?? null;
    });
    child.on('close', (c) => done(c ?? 1)).on('error', fail);
  });
  if (code === 0) return;
  if (diskFull !== null) throw Object.assign(new Error(`astro build: ${diskFull}`), { code: diskFull, path: outDir });
  throw new UsageError(
    `astro build failed (exit ${code}); the messages above say why — ${site} still holds the previous site`,
  );
}

/**
 * A warning when the site's default period (this year of the data date) has no deal, so its pages open on
 * an earlier year: usually a model built without --as-of from an older export. Null otherwise.
 */
export async function defaultPeriodWarning(dataDir: string): Promise<string | null> {
  const model = await openModel(dataDir);
  try {
    const { as_of: asOf, tz, fiscal_year_start_month: fiscalYearStartMonth } = model.manifest;
    const { all } = await loadLatestDealDates(model.engine, { asOf, tz });
    const ctx = { asOfDate: dateInZone(Date.parse(asOf), tz), fiscalYearStartMonth, latestDealDate: all };
    const shown = autoFallback(ctx);
    if (shown === null) return null;
    const year = resolvePeriod('this_year', ctx);
    return (
      `no deal was created or closed in the year of the data date ${asOf} (${year.from} … ${year.to}); the pages open on ` +
      `${shown.from} … ${shown.to}, the latest year with deals, and say so — if the export is that old, rebuild the model ` +
      `with "pipescope data --as-of" set to when it was taken (docs/metrics.md#the-default-period)`
    );
  } finally {
    model.close();
  }
}

/**
 * `pipescope build`: the static site, by Astro, from a built model folder. Astro writes into a sibling
 * staging folder that replaces `--out` only when the build succeeded, so a failed build never takes
 * down the last good site.
 */
export async function siteCommand(o: SiteOptions): Promise<void> {
  if (!existsSync(join(o.data, MANIFEST_FILE))) {
    throw new UsageError(
      `${o.data} holds no built model (no ${MANIFEST_FILE}) — run "npm run demo" or "pipescope data --out ${o.data}" first`,
    );
  }
  if (!o.base.startsWith('/')) throw new UsageError(`--base "${o.base}" must start with "/", e.g. --base /sales/`);
  if (!isLang(o.lang)) throw new UsageError(`--lang "${o.lang}" is not one of ${LANGS.join(', ')}`);
  checkModelFiles(o.data, await readManifest(o.data), [BROWSER_DATABASE]);
  const unwritable = unwritableOutput(o.out);
  if (unwritable) throw new UsageError(`${unwritable.message} — ${unwritable.hint}`);
  const env = { PIPESCOPE_DATA: resolve(o.data), PIPESCOPE_BASE: o.base, PIPESCOPE_LANG: o.lang };
  await writeStaged(o.out, 'site', (staging) => astroBuild(staging, o.out, env));
  // Said last, below Astro's own output, where it is read.
  const warning = await defaultPeriodWarning(o.data);
  if (warning) process.stderr.write(`warning: ${warning}\n`);
  console.error(`site written to ${resolve(o.out)}`);
}
