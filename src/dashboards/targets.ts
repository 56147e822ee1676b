import type { RegionAttainment } from '../charts/regionAttainment.ts';
import type { AttainmentRow } from '../metrics/attainment.ts';
import type { Filters } from '../metrics/params.ts';
import { epochDay } from '../time/zone.ts';
import { groupBy, sum, sumsBy } from './rows.ts';

export type TargetScope = AttainmentRow['scope'];
export type Granularity = 'year' | 'quarter' | 'month';

/** The target rows that stand for one window: one scope, one granularity, whole periods inside the window. */
export interface TargetSelection {
  readonly scope: TargetScope;
  readonly granularity: Granularity;
  /** First day of the earliest and last day of the latest chosen period. */
  readonly from: string;
  readonly to: string;
  readonly target: number;
  readonly wonAmount: number;
  /** won ÷ target; null when the target is 0. */
  readonly attainment: number | null;
  /** How many target periods were added up. */
  readonly periods: number;
}

interface Selected extends TargetSelection {
  readonly rows: readonly AttainmentRow[];
}

interface Window {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/**
 * Which targets the filters are measured against. Targets exist per company, region and rep only, so a
 * product-line, campaign or tier filter has none (showing the company target against a slice of it
 * would overstate the gap). Reps are the finest scope: a rep or team filter compares with rep targets.
 */
export function targetScope(filters: Filters): TargetScope | null {
  const active = (key: keyof Filters) => (filters[key]?.length ?? 0) > 0;
  if (active('product_line') || active('campaign_id') || active('tier')) return null;
  if (active('owner_id') || active('team')) return 'rep';
  if (active('region')) return 'region';
  return 'company';
}

export function granularityOf(period: string): Granularity {
  if (period.length === 4) return 'year';
  return period.includes('Q') ? 'quarter' : 'month';
}

const spanDays = (row: AttainmentRow): number => epochDay(row.period_end) - epochDay(row.period_start) + 1;

/**
 * Picks the target periods that make up the window: of the scope's periods lying wholly inside it, the
 * granularity covering the most days wins, ties going to the coarser one. "This year" so reads the
 * annual target, "this quarter" the quarterly one, and a trailing 12 months the months inside it,
 * rather than adding a year's and its quarters' targets together.
 */
export function selectTargets(
  rows: readonly AttainmentRow[],
  scope: TargetScope,
  window: Window,
): TargetSelection | null {
  const selected = selectTargetRows(rows, scope, window);
  if (!selected) return null;
  const { rows: _rows, ...summary } = selected;
  return summary;
}

function selectTargetRows(rows: readonly AttainmentRow[], scope: TargetScope, window: Window): Selected | null {
  const inside = rows.filter(
    (r) =>
      r.scope === scope && (!window.from || r.period_start >= window.from) && (!window.to || r.period_end <= window.to),
  );
  let best: { granularity: Granularity; rows: AttainmentRow[]; days: number } | null = null;
  for (const granularity of ['year', 'quarter', 'month'] as const) {
    const chosen = inside.filter((r) => granularityOf(r.period) === granularity);
    const periods = new Map(chosen.map((r) => [r.period, r]));
    const days = sum(periods.values(), spanDays);
    if (chosen.length > 0 && (!best || days > best.days)) best = { granularity, rows: chosen, days };
  }
  if (!best) return null;
  const target = sum(best.rows, (r) => r.target);
  const wonAmount = sum(best.rows, (r) => r.won_amount);
  return {
    scope,
    granularity: best.granularity,
    from: best.rows.reduce((min, r) => (r.period_start < min ? r.period_start : min), best.rows[0]!.period_start),
    to: best.rows.reduce((max, r) => (r.period_end > max ? r.period_end : max), best.rows[0]!.period_end),
    target,
    wonAmount,
    attainment: ratio(wonAmount, target),
    periods: new Set(best.rows.map((r) => r.period)).size,
    rows: best.rows,
  };
}

/** Region targets for the window, summed per region over the chosen periods. */
export function attainmentByRegion(
  rows: readonly AttainmentRow[],
  window: Window,
): { selection: TargetSelection; regions: RegionAttainment[] } | null {
  const selected = selectTargetRows(rows, 'region', window);
  if (!selected) return null;
  const { rows: selectionRows, ...selection } = selected;
  const regions = [...sumPerKey(selectionRows, (r) => r.scope_id ?? '')].map(([region, s]) => ({
    region,
    ...s,
    attainment: ratio(s.wonAmount, s.target),
  }));
  return { selection, regions };
}

/** Monthly targets and won amounts of one scope, summed per `YYYY-MM` (for the forecast's target ticks). */
export function monthlyTargets(
  rows: readonly AttainmentRow[],
  scope: TargetScope,
): Map<string, { target: number; wonAmount: number }> {
  return sumPerKey(
    rows.filter((r) => r.scope === scope && granularityOf(r.period) === 'month'),
    (r) => r.period,
  );
}

/** Targets and won amounts of target rows added up per key (region, month). */
const sumPerKey = (rows: readonly AttainmentRow[], keyOf: (row: AttainmentRow) => string) =>
  sumsBy(rows, keyOf, { target: (r) => r.target, wonAmount: (r) => r.won_amount });

/** won ÷ target, as the attainment view defines it: none for a zero target. */
const ratio = (won: number, target: number): number | null => (target === 0 ? null : won / target);

/** Each scope id's target selection for the window (a region's, a rep's), as selectTargets picks it. */
export function targetsById(
  rows: readonly AttainmentRow[],
  scope: TargetScope,
  window: Window,
): Map<string, TargetSelection> {
  const byId = groupBy(
    rows.filter((r) => r.scope === scope && r.scope_id !== null),
    (r) => r.scope_id!,
  );
  const result = new Map<string, TargetSelection>();
  for (const [id, own] of byId) {
    const selection = selectTargets(own, scope, window);
    if (selection) result.set(id, selection);
  }
  return result;
}

/** Targets added up over several ids (a team's reps); null when none of them has one. */
export function sumSelections(
  selections: readonly (TargetSelection | undefined)[],
): { target: number; wonAmount: number; attainment: number | null } | null {
  const present = selections.filter((s): s is TargetSelection => s !== undefined);
  if (present.length === 0) return null;
  const target = sum(present, (x) => x.target);
  const wonAmount = sum(present, (x) => x.wonAmount);
  return { target, wonAmount, attainment: ratio(wonAmount, target) };
}
