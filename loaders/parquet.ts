import { join } from 'node:path';
import { sqlString, type NativeEngine } from '../src/db/native.ts';
import { DEAL_ROLLUPS, rollupSql } from '../src/metrics/dealCube.ts';
import { DWELL_ROLLUP, dwellRollupWindows } from '../src/metrics/dwellRollup.ts';
import {
  ACTIVITY_ROLLUP,
  activityRollupSql,
  OPEN_DEAL_ACTIVITY_ROLLUP,
  openDealActivityRollupSql,
} from '../src/metrics/activityRollup.ts';
import {
  CAMPAIGN_DEAL_ROLLUP,
  CAMPAIGN_LEAD_ROLLUP,
  campaignDealRollupSql,
  campaignLeadRollupSql,
} from '../src/metrics/campaignRollup.ts';
import { CYCLE_ROLLUP, cycleRollupSql } from '../src/metrics/cycleRollup.ts';
import {
  DEAL_LIST_ROLLUP,
  DEAL_STAGE_DAYS_ROLLUP,
  dealListRollupSql,
  dealStageDaysRollupSql,
} from '../src/metrics/dealListRollup.ts';
import { FUNNEL_ROLLUP, funnelRollupSql } from '../src/metrics/funnelRollup.ts';
import type { CreationSpan } from '../src/metrics/months.ts';
import type { RollupModel } from '../src/metrics/params.ts';
import { dwellRollupSql } from '../src/metrics/repDwell.ts';
import { STALL_P75_SQL, STALL_ROLLUP } from '../src/metrics/dwellStints.ts';
import { QueryParams } from '../src/metrics/query.ts';
import { allOpenInvoicesSql, OPEN_INVOICES_ROLLUP } from '../src/metrics/receivables.ts';
import { idOrder, isoTimestamp } from '../src/metrics/sql.ts';
import { dateInZone } from '../src/time/zone.ts';
import { BROWSER_DATABASE, tableFile } from '../src/model/manifest.ts';
import { MODEL_TABLES } from './model/derive.ts';

/** DuckDB-WASM 1.32 (DuckDB 1.4.3) reads this storage version of the browser database. */
const BROWSER_STORAGE_VERSION = 'v1.4.0';

/**
 * ~100k rows per row group (DuckDB rounds to 100,352): small enough that a filtered browser query fetches
 * a few hundred KB per column by HTTP range, large enough that zstd and min/max statistics stay useful.
 */
const ROW_GROUP_SIZE = 100_000;

/**
 * The one place that writes the model out: one zstd Parquet file per table (the build's interchange
 * output, read by the CLI and prerender) and the same tables, in the same order, in one DuckDB database
 * file for DuckDB-WASM, which cannot read Parquet offline. Rows are sorted by the columns views filter
 * and join on, so min/max statistics let both readers skip row groups.
 */
export async function writeModel(
  engine: NativeEngine,
  outDir: string,
  model: RollupModel,
  onTable: (table: string, rows: number) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await engine.exec(
    `ATTACH ${sqlString(join(outDir, BROWSER_DATABASE))} AS browser (STORAGE_VERSION '${BROWSER_STORAGE_VERSION}')`,
  );
  for (const [table, order] of Object.entries(MODEL_TABLES)) {
    // Sorted once, into the browser database; the Parquet file is that table read back in its order.
    await engine.exec(`CREATE TABLE browser.main.${table} AS SELECT * FROM memory.main.${table} ORDER BY ${order}`);
    await engine.exec(
      `COPY (SELECT * FROM browser.main.${table}) TO ${sqlString(join(outDir, tableFile(table)))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`,
    );
    counts[table] = await rowCount(engine, `memory.main.${table}`);
    onTable(table, counts[table]);
  }
  // Rollups last, after every deal row: their few blocks sit together at the end of the file, so a
  // filter change the rollups answer fetches those blocks and none of the deal table's.
  const writeRollup = async (table: string, sql: (q: QueryParams) => string): Promise<void> => {
    const q = new QueryParams();
    await engine.all(q.query(`CREATE TABLE browser.main.${table} AS ${sql(q)}`));
    onTable(table, await rowCount(engine, `browser.main.${table}`));
  };
  for (const rollup of DEAL_ROLLUPS) await writeRollup(rollup.table, () => rollupSql(rollup));
  const span = await creationSpan(engine, model, 'opportunities');
  const leadSpan = await creationSpan(engine, model, 'leads');
  const winSpan = await creationSpan(engine, model, 'opportunities', 'won_at');
  await writeRollup(FUNNEL_ROLLUP, () => funnelRollupSql(model, span));
  await writeRollup(CAMPAIGN_DEAL_ROLLUP, () => campaignDealRollupSql(model.tz, span));
  await writeRollup(CAMPAIGN_LEAD_ROLLUP, () => campaignLeadRollupSql(model.tz, leadSpan));
  await writeRollup(CYCLE_ROLLUP, () => cycleRollupSql(model.tz, joinSpans(span, winSpan)));
  await engine.exec(`CREATE TABLE browser.main.${STALL_ROLLUP} AS ${STALL_P75_SQL}`);
  await writeRollup(DEAL_LIST_ROLLUP, () => dealListRollupSql());
  await writeRollup(DEAL_STAGE_DAYS_ROLLUP, () => dealStageDaysRollupSql(`browser.main.${DEAL_LIST_ROLLUP}`));
  const dwellWindows = dwellRollupWindows(model, span?.first ?? null, span?.last ?? null);
  await writeRollup(DWELL_ROLLUP, (q) =>
    dwellRollupSql(q, { asOf: model.asOf, tz: model.tz, filters: {} }, dwellWindows),
  );
  const activitySpan = await creationSpan(engine, model, 'activities', '"at"');
  await writeRollup(
    OPEN_INVOICES_ROLLUP,
    (q) => `SELECT * FROM ${allOpenInvoicesSql(q, model)} ORDER BY ${idOrder('invoice_id')}`,
  );
  await writeRollup(ACTIVITY_ROLLUP, (q) => activityRollupSql(q, model, activitySpan));
  await writeRollup(OPEN_DEAL_ACTIVITY_ROLLUP, (q) => openDealActivityRollupSql(q, model));
  await engine.exec('DETACH browser');
  return counts;
}

async function rowCount(engine: NativeEngine, table: string): Promise<number> {
  const [row] = await engine.all({ sql: `SELECT count(*) AS n FROM ${table}`, params: [] });
  return Number(row?.n ?? 0);
}

/** The local calendar days the table's first and last row were created (logged) on; null without rows. */
async function creationSpan(
  engine: NativeEngine,
  model: RollupModel,
  table: 'opportunities' | 'leads' | 'activities',
  column = 'created_at',
): Promise<CreationSpan | null> {
  const [span] = await engine.all<{ first: string | null; last: string | null }>({
    sql: `SELECT ${isoTimestamp(`min(${column})`)} AS first, ${isoTimestamp(`max(${column})`)} AS last FROM memory.main.${table}`,
    params: [],
  });
  if (!span?.first || !span.last) return null;
  return { first: dateInZone(Date.parse(span.first), model.tz), last: dateInZone(Date.parse(span.last), model.tz) };
}

/** The days from the earlier span's first to the later one's last (either may be null: no rows). */
function joinSpans(a: CreationSpan | null, b: CreationSpan | null): CreationSpan | null {
  if (!a || !b) return a ?? b;
  return { first: a.first < b.first ? a.first : b.first, last: a.last > b.last ? a.last : b.last };
}
