import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { NativeEngine } from '../src/db/native.ts';
import { isTimeZone } from '../src/time/zone.ts';
import { MANIFEST_FILE, SCHEMA_VERSION, type Manifest } from '../src/model/manifest.ts';
import { latestEvent, staleDataWarning } from './model/dataDate.ts';
import { deriveModel, MODEL_TABLES } from './model/derive.ts';
import { unwritableOutput, writeStaged } from './output.ts';
import { writeModel } from './parquet.ts';
import { unreadableFolder } from './sources/raw/readable.ts';
import { SOURCES, type SourceKind } from './sources/registry.ts';
import { checkIntegrity } from './sources/staging/checks.ts';
import { withAbsentTables } from './sources/staging/complete.ts';
import { dropStaging } from './sources/staging/drop.ts';
import { ProblemLog, type Problem } from './validate/problem.ts';
import { isoFromMicros, parseTimestamp } from './validate/values.ts';

export { SOURCE_KINDS, type SourceKind } from './sources/registry.ts';

export type BuildProgress =
  | { phase: 'read'; file: string; rows: number; bytes: number; totalBytes: number }
  | { phase: 'derive' }
  | { phase: 'write'; table: string; rows: number };

export interface BuildOptions {
  readonly source: SourceKind;
  readonly inDir: string;
  readonly outDir: string;
  /** ISO timestamp; default: now. Without an offset it is read in `tz`. */
  readonly asOf?: string | undefined;
  /** IANA zone for timestamps without offset and for calendar windows; default UTC. */
  readonly tz?: string | undefined;
  readonly fiscalYearStartMonth?: number | undefined;
  /** Mapping file (`--source mapped`). */
  readonly config?: string | undefined;
  /** Text encoding of CSV input when it cannot be detected (`--encoding`). */
  readonly encoding?: string | undefined;
  /** Database connection string (`--source postgres`). */
  readonly url?: string | undefined;
  readonly onProgress?: ((event: BuildProgress) => void) | undefined;
}

export type BuildResult =
  | {
      ok: true;
      manifest: Manifest;
      warnings: Problem[];
      suppressed: string[];
      /** The data looks older than its data date (see staleDataWarning): said last, after every row warning. */
      staleData: Problem | null;
    }
  | { ok: false; problems: Problem[]; warnings: Problem[]; suppressed: string[] };

/**
 * DuckDB's share of `pipescope data`'s memory. Past it, staged tables, joins and sorts spill to a
 * temporary folder: the 1M-deal demo peaks at ~1.6 GB instead of 3.2 GB, in about the same time
 * (`npm run bench`).
 */
const DUCKDB_MEMORY = '1GB';

const usage = (message: string, hint: string): Problem => ({
  file: 'pipescope data',
  line: null,
  column: null,
  message,
  hint,
});

/** The options' problems, and the as_of instant (ISO UTC) when it could be read. */
function checkOptions(o: BuildOptions): { problems: Problem[]; asOf: string | null } {
  const problems: Problem[] = [];
  const tz = o.tz ?? 'UTC';
  let asOf: string | null = null;
  if (!isTimeZone(tz))
    problems.push(
      usage(`--tz "${tz}" is not a time zone`, 'use an IANA zone name such as UTC, Europe/Berlin or Asia/Shanghai'),
    );
  else {
    const parsed = parseTimestamp(o.asOf ?? new Date().toISOString(), tz);
    if (parsed.ok) asOf = isoFromMicros(parsed.value);
    else
      problems.push(usage(`--as-of "${o.asOf}" is not a timestamp`, 'write it as ISO 8601, e.g. 2026-11-01T00:00:00Z'));
  }
  // A database source has no export folder; every other source reads one.
  if (o.source !== 'postgres') {
    const unreadable = o.inDir === '' ? null : unreadableFolder(o.inDir);
    if (o.inDir === '')
      problems.push(usage('--in is missing', 'point --in at the folder that holds the exported files'));
    else if (unreadable) problems.push(usage(unreadable.message, unreadable.hint));
    const inDir = resolve(o.inDir);
    const outDir = resolve(o.outDir);
    // The output folder is replaced whole: it must never be, or contain, the export itself.
    if (inDir === outDir || inDir.startsWith(`${outDir}${sep}`)) {
      problems.push(
        usage(
          `--out ${o.outDir} would replace the export in --in`,
          'write the model to a folder of its own, e.g. --out ./model',
        ),
      );
    }
  }
  const unwritable = unwritableOutput(o.outDir);
  if (unwritable) problems.push(usage(unwritable.message, unwritable.hint));
  const fy = o.fiscalYearStartMonth ?? 1;
  if (!Number.isInteger(fy) || fy < 1 || fy > 12)
    problems.push(usage(`fiscal year start month ${fy} is not a month`, 'use a month number 1–12'));
  if (SOURCES[o.source] === undefined) {
    problems.push(
      usage(
        `--source ${o.source} is not available in this version`,
        'export your CRM to the canonical CSV format (docs/canonical-format.md) and use --source canonical',
      ),
    );
  }
  return { problems, asOf };
}

async function reportingCurrency(engine: NativeEngine, fxPresent: boolean): Promise<string | null> {
  const sql = fxPresent
    ? `SELECT upper(currency) AS c FROM stg_fx_rates WHERE rate_to_reporting = 1 ORDER BY 1 LIMIT 1`
    : `SELECT upper(currency) AS c FROM stg_opportunities WHERE currency IS NOT NULL LIMIT 1`;
  const [row] = await engine.all({ sql, params: [] });
  return row ? String(row.c) : null;
}

/**
 * `pipescope data`: read and validate a CRM export, derive the canonical model and write it (Parquet,
 * the browser database, manifest.json) into a staging folder that replaces `outDir` only on success —
 * a failed build leaves the previous output byte for byte as it was.
 */
export async function buildModel(options: BuildOptions): Promise<BuildResult> {
  const { problems: optionProblems, asOf } = checkOptions(options);
  if (optionProblems.length > 0 || asOf === null)
    return { ok: false, problems: optionProblems, warnings: [], suppressed: [] };
  const tz = options.tz ?? 'UTC';
  const fiscalStartMonth = options.fiscalYearStartMonth ?? 1;
  const progress = options.onProgress ?? (() => {});
  const log = new ProblemLog();
  const spill = await mkdtemp(join(tmpdir(), 'pipescope-data-'));
  const engine = await NativeEngine.open(':memory:', { memory_limit: DUCKDB_MEMORY, temp_directory: spill });
  try {
    const { tables, inputs } = await SOURCES[options.source]!.stage({
      engine,
      inDir: options.inDir,
      tz,
      log,
      config: options.config,
      encoding: options.encoding,
      url: options.url,
      onRead: (file, rows, bytes, totalBytes) => progress({ phase: 'read', file, rows, bytes, totalBytes }),
    });
    const staged = await withAbsentTables(engine, tables, tz, log);
    // Integrity checks on a file that failed to parse would only repeat its problems in other words.
    if (!log.hasErrors()) await checkIntegrity(engine, staged, log);
    if (log.hasErrors())
      return { ok: false, problems: log.errors, warnings: log.warnings, suppressed: log.suppressedSummary() };

    const currency = await reportingCurrency(engine, staged.fx_rates?.present ?? false);
    progress({ phase: 'derive' });
    await deriveModel(engine, asOf, fiscalStartMonth);
    const staleData = staleDataWarning(await latestEvent(engine, asOf), asOf, options.asOf !== undefined);
    await dropStaging(engine);
    const manifest = await writeStaged(options.outDir, 'model', async (out) => {
      const counts = await writeModel(
        engine,
        out,
        { asOf, tz, fiscalYearStartMonth: fiscalStartMonth },
        (table, rows) => progress({ phase: 'write', table, rows }),
      );
      const tables = Object.fromEntries(
        Object.keys(MODEL_TABLES).map((table) => [
          table,
          { rows: counts[table] ?? 0, present: staged[table]?.present ?? true },
        ]),
      );
      const written: Manifest = {
        schema_version: SCHEMA_VERSION,
        source: options.source,
        as_of: asOf,
        built_at: new Date().toISOString(),
        tz,
        fiscal_year_start_month: fiscalStartMonth,
        currency,
        inputs: [...inputs],
        tables,
        warnings: log.warningCount,
      };
      await writeFile(join(out, MANIFEST_FILE), `${JSON.stringify(written, null, 2)}\n`);
      return written;
    });
    return { ok: true, manifest, warnings: log.warnings, suppressed: log.suppressedSummary(), staleData };
  } finally {
    engine.close();
    await rm(spill, { recursive: true, force: true });
  }
}
