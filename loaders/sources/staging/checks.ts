import { basename } from 'node:path';
import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { fileOf, type StagedTable } from './rowStager.ts';

/** Rows fetched per check: enough to fill the per-file cap of the problem log. */
const LIMIT = 60;

type Staged = Record<string, StagedTable>;

/** The file a cross-file problem points the user to: the canonical file, or the vendor file it came from. */
const nameOf = (t: StagedTable): string => basename(t.path);
const labelOf = (t: StagedTable, column: string): string => t.labels[column] ?? column;
const lineOf = (line: unknown): number | null => (line === null || line === undefined ? null : Number(line));

async function duplicates(engine: NativeEngine, t: StagedTable, log: ProblemLog): Promise<void> {
  const key = t.spec.key;
  if (!t.present || !key) return;
  const partition = key.map((k) => `coalesce("${k}", '')`).join(', ');
  const rows = await engine.all({
    sql: `SELECT _src, _line, concat_ws(' / ', ${key.map((k) => `"${k}"`).join(', ')}) AS id, first_src, first_line FROM (
            SELECT *, row_number() OVER w AS nth, first_value(_src) OVER w AS first_src, first_value(_line) OVER w AS first_line
            FROM stg_${t.spec.table} WHERE "${key[0]}" IS NOT NULL
            WINDOW w AS (PARTITION BY ${partition} ORDER BY _src, _line))
          WHERE nth > 1 ORDER BY _src, _line LIMIT ${LIMIT}`,
    params: [],
  });
  for (const r of rows) {
    const first = r.first_src === r._src ? `line ${r.first_line}` : `${fileOf(t, r.first_src)}:${r.first_line}`;
    log.error({
      file: fileOf(t, r._src),
      line: lineOf(r._line),
      column: key.map((k) => labelOf(t, k)).join('+'),
      message: `duplicate ${key.join(' + ')} "${r.id}" (first used on ${first})`,
      hint: 'ids must be unique: remove the duplicate row or give it its own id',
    });
  }
}

interface Reference {
  from: string;
  column: string;
  to: string;
  toColumn: string;
  severity: 'error' | 'warn';
}

/**
 * Error references follow the integrity rules of docs/canonical-format.md (a stage, opportunity or invoice that does not exist
 * would silently drop rows from every metric). Warn references are optional links whose target file may
 * legitimately be partial; they are reported so nothing is dropped silently.
 */
const REFERENCES: readonly Reference[] = [
  { from: 'opportunities', column: 'stage', to: 'stages', toColumn: 'stage', severity: 'error' },
  { from: 'stage_history', column: 'stage', to: 'stages', toColumn: 'stage', severity: 'error' },
  { from: 'stage_history', column: 'opp_id', to: 'opportunities', toColumn: 'opp_id', severity: 'error' },
  { from: 'leads', column: 'opp_id', to: 'opportunities', toColumn: 'opp_id', severity: 'error' },
  { from: 'leads', column: 'campaign_id', to: 'campaigns', toColumn: 'campaign_id', severity: 'error' },
  { from: 'payments', column: 'invoice_id', to: 'invoices', toColumn: 'invoice_id', severity: 'error' },
  { from: 'opportunities', column: 'account_id', to: 'accounts', toColumn: 'account_id', severity: 'warn' },
  { from: 'opportunities', column: 'owner_id', to: 'reps', toColumn: 'rep_id', severity: 'warn' },
  { from: 'opportunities', column: 'campaign_id', to: 'campaigns', toColumn: 'campaign_id', severity: 'warn' },
  { from: 'opportunities', column: 'lead_id', to: 'leads', toColumn: 'lead_id', severity: 'warn' },
  { from: 'invoices', column: 'opp_id', to: 'opportunities', toColumn: 'opp_id', severity: 'warn' },
  { from: 'invoices', column: 'account_id', to: 'accounts', toColumn: 'account_id', severity: 'warn' },
  { from: 'activities', column: 'opp_id', to: 'opportunities', toColumn: 'opp_id', severity: 'warn' },
];

async function reference(engine: NativeEngine, ref: Reference, staged: Staged, log: ProblemLog): Promise<void> {
  const from = staged[ref.from]!;
  const to = staged[ref.to]!;
  // A missing optional target file is not a broken link; a missing required one was already reported.
  if (!from.present || !to.present) return;
  const rows = await engine.all({
    sql: `SELECT f._src, f._line, f."${ref.column}" AS id FROM stg_${ref.from} f
          WHERE f."${ref.column}" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM stg_${ref.to} t WHERE t."${ref.toColumn}" = f."${ref.column}")
          ORDER BY f._src, f._line LIMIT ${LIMIT}`,
    params: [],
  });
  for (const r of rows) {
    const problem = {
      file: fileOf(from, r._src),
      line: lineOf(r._line),
      column: labelOf(from, ref.column),
      message:
        ref.to === 'stages'
          ? `unknown stage "${r.id}" (not in ${nameOf(to)})`
          : `${ref.column} "${r.id}" does not exist in ${nameOf(to)}`,
      hint:
        ref.to === 'stages'
          ? `add "${r.id}" to ${nameOf(to)} or correct the stage name (names must match exactly)`
          : ref.severity === 'error'
            ? `add the ${ref.toColumn} to ${nameOf(to)} or correct/remove this row`
            : `what comes from ${nameOf(to)} through this link (names, region, tier, lead dates, campaign) stays unknown; add the ${ref.toColumn} to ${nameOf(to)} or correct the id`,
    };
    if (ref.severity === 'error') log.error(problem);
    else log.warn(problem);
  }
}

/** More than one currency needs fx_rates.csv; with it, every currency needs a rate. */
async function currencies(engine: NativeEngine, staged: Staged, log: ProblemLog): Promise<void> {
  const opps = staged.opportunities!;
  const fx = staged.fx_rates!;
  if (fx.present) {
    const missing = await engine.all({
      sql: `SELECT o._src, o._line, o.currency FROM stg_opportunities o
            WHERE o.currency IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stg_fx_rates f WHERE upper(f.currency) = upper(o.currency))
            ORDER BY o._src, o._line LIMIT ${LIMIT}`,
      params: [],
    });
    for (const r of missing) {
      log.error({
        file: fileOf(opps, r._src),
        line: lineOf(r._line),
        column: labelOf(opps, 'currency'),
        message: `currency ${r.currency} has no rate in ${nameOf(fx)}`,
        hint: `add a row "${r.currency},<rate to the reporting currency>" to ${nameOf(fx)}`,
      });
    }
    return;
  }
  const found = await engine.all({
    sql: `SELECT upper(currency) AS currency, arg_min(_src, [_src, coalesce(_line, 0)]) AS first_src, arg_min(_line, [_src, coalesce(_line, 0)]) AS first_line
          FROM stg_opportunities WHERE currency IS NOT NULL GROUP BY 1 ORDER BY first_src, first_line`,
    params: [],
  });
  if (found.length > 1) {
    const names = found.map((r) => r.currency).join(', ');
    log.error({
      file: fileOf(opps, found[1]!.first_src),
      line: lineOf(found[1]!.first_line),
      column: labelOf(opps, 'currency'),
      message: `amounts are in more than one currency (${names}) and cannot be added up`,
      hint: `add fx_rates.csv (currency,rate_to_reporting) with a rate for each of ${names}`,
    });
  }
}

/**
 * Pipelines (our extension) are all or nothing: in a model with pipelines every stage names one, so each
 * pipeline's funnel has its own steps; and an opportunity that names a pipeline sits in one of its stages.
 */
async function pipelines(engine: NativeEngine, staged: Staged, log: ProblemLog): Promise<void> {
  const stages = staged.stages!;
  const opps = staged.opportunities!;
  const unnamed = await engine.all({
    sql: `SELECT _src, _line, stage FROM stg_stages
          WHERE pipeline IS NULL AND EXISTS (SELECT 1 FROM stg_stages WHERE pipeline IS NOT NULL) ORDER BY _src, _line LIMIT ${LIMIT}`,
    params: [],
  });
  for (const r of unnamed) {
    log.error({
      file: fileOf(stages, r._src),
      line: lineOf(r._line),
      column: labelOf(stages, 'pipeline'),
      message: `stage "${r.stage}" names no pipeline while other stages do`,
      hint: 'give every stage its pipeline (a won or lost stage shared by pipelines needs one row per pipeline, e.g. "Won (Renewals)")',
    });
  }
  const mismatched = await engine.all({
    sql: `SELECT o._src, o._line, o.pipeline, o.stage, s.pipeline AS stage_pipeline
          FROM stg_opportunities o JOIN stg_stages s ON s.stage = o.stage
          WHERE o.pipeline IS NOT NULL AND s.pipeline IS NOT NULL AND o.pipeline <> s.pipeline
          ORDER BY o._src, o._line LIMIT ${LIMIT}`,
    params: [],
  });
  for (const r of mismatched) {
    log.error({
      file: fileOf(opps, r._src),
      line: lineOf(r._line),
      column: labelOf(opps, 'pipeline'),
      message: `pipeline "${r.pipeline}" does not have stage "${r.stage}" (a stage of "${r.stage_pipeline}")`,
      hint: "correct the pipeline or the stage, or leave pipeline empty to take the stage's",
    });
  }
}

/** Cross-row and cross-file integrity rules, run in SQL over the staging tables. */
export async function checkIntegrity(engine: NativeEngine, staged: Staged, log: ProblemLog): Promise<void> {
  for (const t of Object.values(staged)) await duplicates(engine, t, log);
  for (const ref of REFERENCES) await reference(engine, ref, staged, log);
  await currencies(engine, staged, log);
  await pipelines(engine, staged, log);
  const openStages = await engine.all({ sql: `SELECT count(*) AS n FROM stg_stages WHERE kind = 'open'`, params: [] });
  if (staged.stages!.present && Number(openStages[0]?.n) === 0) {
    log.error({
      file: staged.stages!.path,
      line: null,
      column: 'kind',
      message: 'no stage has kind "open"',
      hint: 'mark the pipeline stages before won/lost as kind open',
    });
  }
}
