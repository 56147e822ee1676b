import type { RowOrigin } from '../staging/rowStager.ts';

/** HubSpot's objects in one shape, whichever export they were read from (API JSON or a Fivetran schema). */
export interface HubspotData {
  readonly pipelines: { id: string; label: string; order: number }[];
  readonly stages: {
    id: string;
    label: string;
    pipelineId: string;
    order: number;
    probability: string | null;
    isClosed: boolean;
    closedWon: boolean;
    origin: RowOrigin;
  }[];
  readonly owners: { id: string; name: string | null; team: string | null; origin: RowOrigin }[];
  readonly companies: {
    id: string;
    name: string | null;
    country: string | null;
    industry: string | null;
    origin: RowOrigin;
  }[];
  readonly deals: HubspotDeal[];
  readonly history: { dealId: string; stageId: string; at: string | null; origin: RowOrigin }[];
  /** Deals merged into another: their history belongs to the survivor, they are not deals of their own. */
  readonly mergedAway: ReadonlySet<string>;
  /** Where deals, stages and history were read, for problems about a whole table. */
  readonly files: { readonly deals: string; readonly stages: string; readonly history: string };
  /** Headers (property names) per canonical column, for problems. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface HubspotDeal {
  readonly id: string;
  readonly name: string | null;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly created: string | null;
  readonly closeDate: string | null;
  readonly stageId: string | null;
  readonly pipelineId: string | null;
  readonly ownerId: string | null;
  readonly companyId: string | null;
  readonly deleted: boolean;
  readonly origin: RowOrigin;
}

export const truthy = (v: unknown): boolean =>
  ['true', '1', 'yes'].includes(
    String(v ?? '')
      .trim()
      .toLowerCase(),
  );

/**
 * HubSpot timestamps in every shape seen: ISO (`2026-01-05T10:00:00Z`), epoch milliseconds (v1 API),
 * and warehouse text with an unpadded hour, micro-seconds or a ` UTC` suffix (`2021-01-07 6:49:18`). All are UTC.
 */
export function hubspotTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const t = String(value).trim();
  if (t === '') return null;
  if (/^\d{12,14}$/.test(t)) return new Date(Number(t)).toISOString();
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (m) {
    const zone = m[6] === undefined || m[6].toUpperCase() === 'UTC' ? 'Z' : m[6];
    return `${m[1]}T${m[2]!.padStart(2, '0')}:${m[3]}:${m[4] ?? '00'}${(m[5] ?? '').slice(0, 7)}${zone}`;
  }
  return t;
}

/** A date property (`closedate`): HubSpot stores dates as midnight UTC; the calendar date is what counts. */
export function hubspotDate(value: unknown): string | null {
  const t = hubspotTime(value);
  return t === null ? null : t.slice(0, 10);
}
