import type { NativeEngine } from '../../src/db/native.ts';
import { idOrder, timestampText } from '../../src/metrics/sql.ts';

/**
 * Staging tables → the canonical model every metric reads. Resolution rules of docs/canonical-format.md (region and
 * product-line fallback, an opportunity's lead and campaign, the reporting currency) are applied once
 * here, so metric SQL and browser queries never repeat them.
 */
const MODEL_SQL = (fiscalStartMonth: number): string[] => [
  `CREATE TABLE stages AS SELECT stage, stage_order, probability, kind, pipeline FROM stg_stages`,
  `CREATE TABLE reps AS SELECT rep_id, rep_name, manager_id, region, team FROM stg_reps`,
  `CREATE TABLE accounts AS SELECT account_id, account_name, region, industry, tier FROM stg_accounts`,
  `CREATE TABLE campaigns AS SELECT campaign_id, campaign_name, channel, cost, start_date, end_date FROM stg_campaigns`,
  `CREATE TABLE leads AS SELECT lead_id, created_at, source, campaign_id, owner_id, converted_at, opp_id FROM stg_leads`,
  // The lead of an opportunity: the one it names, else the lowest lead id naming it.
  `CREATE TEMP TABLE lead_of_opp AS
     SELECT opp_id, lead_id FROM (
       SELECT opp_id, lead_id, row_number() OVER (PARTITION BY opp_id ORDER BY ${idOrder('lead_id')}) AS rank
       FROM stg_leads WHERE opp_id IS NOT NULL)
     WHERE rank = 1`,
  `CREATE TABLE opportunities AS
     SELECT o.opp_id, o.opp_name, o.account_id, o.owner_id,
            coalesce(o.region, a.region, r.region, 'Unassigned') AS region,
            coalesce(o.product_line, 'Unassigned') AS product_line,
            o.amount * coalesce(fx.rate_to_reporting, 1) AS amount,
            o.currency,
            o.created_at, o.close_date, o.stage, s.stage_order, s.kind AS stage_kind, s.probability,
            coalesce(o.lead_id, lo.lead_id) AS lead_id,
            coalesce(o.campaign_id, l.campaign_id) AS campaign_id,
            r.team, a.tier, coalesce(o.pipeline, s.pipeline) AS pipeline
     FROM stg_opportunities o
     JOIN stg_stages s ON s.stage = o.stage
     LEFT JOIN stg_accounts a ON a.account_id = o.account_id
     LEFT JOIN stg_reps r ON r.rep_id = o.owner_id
     LEFT JOIN stg_fx_rates fx ON upper(fx.currency) = upper(o.currency)
     LEFT JOIN lead_of_opp lo ON lo.opp_id = o.opp_id
     LEFT JOIN stg_leads l ON l.lead_id = coalesce(o.lead_id, lo.lead_id)`,
  `CREATE TABLE stage_history AS SELECT opp_id, stage, entered_at FROM stg_stage_history`,
  // Period bounds: YYYY is the fiscal year starting in the configured month of that year, YYYY-Qn its
  // n-th quarter, YYYY-MM a calendar month.
  `CREATE TABLE targets AS
     WITH p AS (
       SELECT *, CAST(substr(period, 1, 4) AS INTEGER) AS y FROM stg_targets
     ), b AS (
       SELECT *, CASE
           WHEN length(period) = 4 THEN make_date(y, ${fiscalStartMonth}, 1)
           WHEN period[6] = 'Q' THEN make_date(y, ${fiscalStartMonth}, 1) + to_months(3 * (CAST(period[7] AS INTEGER) - 1))
           ELSE make_date(y, CAST(substr(period, 6, 2) AS INTEGER), 1) END AS start_ts,
         CASE WHEN length(period) = 4 THEN 12 WHEN period[6] = 'Q' THEN 3 ELSE 1 END AS months
       FROM p
     )
     SELECT period, scope, scope_id, target,
            CAST(start_ts AS DATE) AS period_start,
            CAST(start_ts + to_months(months) - INTERVAL 1 DAY AS DATE) AS period_end
     FROM b`,
  `CREATE TABLE invoices AS SELECT invoice_id, opp_id, account_id, issued_at, due_date, amount FROM stg_invoices`,
  `CREATE TABLE payments AS SELECT payment_id, invoice_id, paid_at, amount FROM stg_payments`,
  `CREATE TABLE activities AS SELECT activity_id, owner_id, "at", type, opp_id, account_id FROM stg_activities`,
];

/**
 * Stage entries (spec "Stage entries"): history sorted by entered_at then stage_order, consecutive
 * repeats collapsed to their first row, an implicit entry for opportunities without history, and the
 * current stage appended when the export moved on after the last logged row. Each stint lasts until the
 * next entry; the last one, if open, until as_of (`days` precomputed for the build's as_of).
 */
const STAGE_ENTRIES_SQL = `
CREATE TABLE stage_entries AS
WITH ordered AS (
  SELECT h.opp_id, h.stage, h.entered_at,
         row_number() OVER w AS pos,
         lag(h.stage) OVER w AS prev_stage
  FROM stg_stage_history h JOIN stg_stages s ON s.stage = h.stage
  WINDOW w AS (PARTITION BY h.opp_id ORDER BY h.entered_at, s.stage_order, h._src, h._line)
),
last_logged AS (
  SELECT opp_id, arg_max(stage, pos) AS stage, max(entered_at) AS entered_at, max(pos) AS pos FROM ordered GROUP BY opp_id
),
entries AS (
  SELECT opp_id, stage, entered_at, pos FROM ordered WHERE prev_stage IS DISTINCT FROM stage
  UNION ALL
  SELECT o.opp_id, o.stage, greatest(l.entered_at, o.created_at), l.pos + 1
  FROM opportunities o JOIN last_logged l ON l.opp_id = o.opp_id WHERE l.stage <> o.stage
  UNION ALL
  SELECT o.opp_id, o.stage, o.created_at, 1
  FROM opportunities o WHERE NOT EXISTS (SELECT 1 FROM last_logged l WHERE l.opp_id = o.opp_id)
),
stints AS (
  SELECT e.opp_id, o.owner_id, e.stage, s.stage_order, s.kind AS stage_kind, e.entered_at,
         row_number() OVER w AS seq,
         lead(e.entered_at) OVER w AS left_at
  FROM entries e
  JOIN opportunities o ON o.opp_id = e.opp_id
  JOIN stages s ON s.stage = e.stage
  WINDOW w AS (PARTITION BY e.opp_id ORDER BY e.pos)
)
SELECT opp_id, owner_id, CAST(seq AS INTEGER) AS seq, stage, stage_order, stage_kind, entered_at, left_at,
       left_at IS NULL AND stage_kind = 'open' AS is_open,
       CASE WHEN stage_kind <> 'open' THEN NULL
            ELSE date_diff('microsecond', entered_at, coalesce(left_at, CAST($1 AS TIMESTAMP))) / 86400000000.0 END AS days
FROM stints`;

/**
 * Two milestones per opportunity, from its history, so the funnel and the headline figures read the
 * opportunities table alone (in the browser: a fraction of the bytes of the history tables).
 * - `highest_open_order`: the order of the highest open stage of its own pipeline it ever entered, and
 *   never below that pipeline's first open stage (every deal reached the first step by existing); the
 *   funnel counts a deal into every open step up to it (skipped stages count as passed). Stages of
 *   another pipeline (a deal moved between pipelines) do not count: orders compare within a pipeline.
 * - `won_at` (spec cycle_times): its first stage_history row in a won stage; without one, close_date at
 *   00:00 UTC but never before created_at. NULL unless the deal is currently won.
 */
const MILESTONES_SQL = `
CREATE OR REPLACE TABLE opportunities AS
SELECT o.*, greatest(h.highest_open_order, f.first_open_order) AS highest_open_order,
       CASE WHEN o.stage_kind = 'won' THEN coalesce(w.first_won, greatest(CAST(o.close_date AS TIMESTAMP), o.created_at)) END AS won_at
FROM opportunities o
LEFT JOIN (
  SELECT e.opp_id, max(e.stage_order) AS highest_open_order
  FROM stage_entries e JOIN stages s ON s.stage = e.stage JOIN opportunities oo ON oo.opp_id = e.opp_id
  WHERE e.stage_kind = 'open' AND s.pipeline IS NOT DISTINCT FROM oo.pipeline
  GROUP BY e.opp_id
) h ON h.opp_id = o.opp_id
LEFT JOIN (
  SELECT pipeline, min(stage_order) AS first_open_order FROM stages WHERE kind = 'open' GROUP BY pipeline
) f ON f.pipeline IS NOT DISTINCT FROM o.pipeline
LEFT JOIN (
  SELECT h.opp_id, min(h.entered_at) AS first_won
  FROM stage_history h JOIN stages s ON s.stage = h.stage
  WHERE s.kind = 'won'
  GROUP BY h.opp_id
) w ON w.opp_id = o.opp_id`;

export async function deriveModel(engine: NativeEngine, asOf: string, fiscalStartMonth: number): Promise<void> {
  for (const sql of MODEL_SQL(fiscalStartMonth)) await engine.exec(sql);
  await engine.all({ sql: STAGE_ENTRIES_SQL, params: [timestampText(asOf)] });
  await engine.exec(MILESTONES_SQL);
}

/** Tables written to Parquet and the browser database, each sorted by what views filter and join on. */
export const MODEL_TABLES: Readonly<Record<string, string>> = {
  stages: 'stage_order',
  reps: 'team, region, rep_id',
  accounts: 'region, tier, account_id',
  campaigns: 'campaign_id',
  opportunities: 'region, owner_id, created_at',
  stage_history: 'opp_id, entered_at',
  stage_entries: 'owner_id, opp_id, seq',
  leads: 'campaign_id, created_at',
  targets: 'scope, period_start',
  invoices: 'due_date',
  payments: 'invoice_id',
  activities: 'owner_id, "at"',
};
