import type { BoundQuery, SqlEngine } from '../db/engine.ts';
import type { FilterKey } from './params.ts';
import { idOrder } from './sql.ts';

/** One choice of a filter: the value the URL and SQL use, and what a person reads. */
export interface DimensionOption {
  readonly value: string;
  readonly label: string;
}

export type DimensionOptions = Record<FilterKey, readonly DimensionOption[]>;

export interface StageInfo {
  readonly stage: string;
  readonly stage_order: number;
  readonly kind: 'open' | 'won' | 'lost';
  /** The stage's pipeline in a model with several; null otherwise. */
  readonly pipeline: string | null;
}

/**
 * The values each filter can take, read from the model at build; reps and campaigns show their names.
 * Only values that occur on an opportunity are offered (a filter that can only give empty pages helps
 * nobody), except campaigns: every campaign of the campaigns file is one, because a campaign that
 * brought leads but no deal yet still has its cost, leads and conversion on the campaigns page, which
 * links to it. The URL layer accepts exactly these values, so nothing else reaches a query.
 */
const DIMENSIONS_SQL: Record<FilterKey, string> = {
  region: `SELECT DISTINCT region AS value, region AS label FROM opportunities WHERE region IS NOT NULL ORDER BY value`,
  team: `SELECT DISTINCT team AS value, team AS label FROM opportunities WHERE team IS NOT NULL ORDER BY value`,
  owner_id: `SELECT o.owner_id AS value, coalesce(any_value(r.rep_name), o.owner_id) AS label
             FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_id
             GROUP BY o.owner_id ORDER BY label, ${idOrder('o.owner_id')}`,
  product_line: `SELECT DISTINCT product_line AS value, product_line AS label FROM opportunities WHERE product_line IS NOT NULL ORDER BY value`,
  campaign_id: `SELECT c.campaign_id AS value, coalesce(c.campaign_name, c.campaign_id) AS label FROM campaigns c
                ORDER BY label, ${idOrder('c.campaign_id')}`,
  tier: `SELECT DISTINCT tier AS value, tier AS label FROM opportunities WHERE tier IS NOT NULL ORDER BY value`,
  pipeline: `SELECT DISTINCT pipeline AS value, pipeline AS label FROM opportunities WHERE pipeline IS NOT NULL ORDER BY value`,
};

/** A deal owner: its page, name, team and region (the reps table's, when it has a row). */
export interface RepInfo {
  readonly rep_id: string;
  readonly rep_name: string;
  readonly team: string | null;
  readonly region: string | null;
}

const REPS_SQL = `SELECT CAST(o.owner_id AS VARCHAR) AS rep_id, CAST(coalesce(any_value(r.rep_name), o.owner_id) AS VARCHAR) AS rep_name,
                         CAST(any_value(r.team) AS VARCHAR) AS team, CAST(any_value(r.region) AS VARCHAR) AS region
                  FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_id
                  GROUP BY o.owner_id ORDER BY ${idOrder('o.owner_id')}`;

export async function loadReps(engine: SqlEngine): Promise<RepInfo[]> {
  return await engine.all(query<RepInfo>(REPS_SQL));
}

const STAGES_SQL = `SELECT stage, CAST(stage_order AS INTEGER) AS stage_order, kind, pipeline FROM stages ORDER BY pipeline NULLS FIRST, stage_order, stage`;

/** A query without parameters whose SQL returns rows `R`. */
const query = <R extends object>(sql: string): BoundQuery<R> => ({ sql, params: [] });

export async function loadDimensions(
  engine: SqlEngine,
  present: (table: string) => boolean,
): Promise<DimensionOptions> {
  const options = {} as Record<FilterKey, DimensionOption[]>;
  for (const [key, sql] of Object.entries(DIMENSIONS_SQL) as [FilterKey, string][]) {
    // Campaigns is an optional file; without it no opportunity can name a campaign anyway.
    const rows = key === 'campaign_id' && !present('campaigns') ? [] : await engine.all(query<DimensionOption>(sql));
    options[key] = rows.map((r) => ({ value: String(r.value), label: String(r.label) }));
  }
  return options;
}

export async function loadStages(engine: SqlEngine): Promise<StageInfo[]> {
  return await engine.all(query<StageInfo>(STAGES_SQL));
}
