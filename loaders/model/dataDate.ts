import type { SqlEngine } from '../../src/db/engine.ts';
import { isoTimestamp, timestampText } from '../../src/metrics/sql.ts';
import type { Problem } from '../validate/problem.ts';

/** Days between the latest event and the data date past which a build says the data looks old. */
export const STALE_AFTER_DAYS = 90;

/** Every dated event the model holds: a deal created, moved, closed; a lead, an activity, an invoice, a payment. */
const EVENTS: readonly { table: string; instant: string; where?: string }[] = [
  { table: 'opportunities', instant: 'created_at' },
  { table: 'opportunities', instant: 'CAST(close_date AS TIMESTAMP)', where: "stage_kind <> 'open'" },
  { table: 'stage_history', instant: 'entered_at' },
  { table: 'leads', instant: 'created_at' },
  { table: 'leads', instant: 'converted_at' },
  { table: 'activities', instant: '"at"' },
  { table: 'invoices', instant: 'issued_at' },
  { table: 'payments', instant: 'paid_at' },
];

/** The latest event at or before as_of in the derived model (ISO UTC), or null when it has none. */
export async function latestEvent(engine: SqlEngine, asOf: string): Promise<string | null> {
  const parts = EVENTS.map(
    ({ table, instant, where }) =>
      `SELECT max(${instant}) AS t FROM ${table} WHERE ${instant} <= CAST($1 AS TIMESTAMP)${where ? ` AND ${where}` : ''}`,
  );
  const sql = `SELECT ${isoTimestamp('max(t)')} AS latest FROM (${parts.join(' UNION ALL ')})`;
  const [row] = await engine.all({ sql, params: [timestampText(asOf)] });
  return typeof row?.latest === 'string' ? row.latest : null;
}

/**
 * A warning when the data's latest event lies far before its data date: open deals would be aged to a
 * date the export never saw, and "this year" would be empty. It says how to date the model as of its
 * export instead (the day after the latest event).
 */
export function staleDataWarning(latest: string | null, asOf: string, asOfGiven: boolean): Problem | null {
  if (latest === null) return null;
  const days = Math.floor((Date.parse(asOf) - Date.parse(latest)) / 86_400_000);
  if (days <= STALE_AFTER_DAYS) return null;
  const nextMidnight = new Date(Math.floor(Date.parse(latest) / 86_400_000 + 1) * 86_400_000)
    .toISOString()
    .replace('.000Z', 'Z');
  const dataDate = asOfGiven ? `the data date --as-of ${asOf}` : `the data date ${asOf} (now: --as-of was not given)`;
  return {
    file: 'pipescope data',
    line: null,
    column: '--as-of',
    message: `the latest event in the data is on ${latest.slice(0, 10)}, ${days.toLocaleString('en-US')} days before ${dataDate}; open deals are aged to the data date, and pages whose period has no deals open on the latest year with deals`,
    hint: `if the export was taken then, rebuild with --as-of ${nextMidnight} so the data is read as of its export`,
  };
}
