/** Calendar helpers for the demo. All instants are epoch milliseconds in UTC. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The instant the demo data describes: `pipescope data --as-of` must use the same value. */
export const DEMO_AS_OF = '2026-11-01T00:00:00Z';
export const AS_OF_MS = Date.parse(DEMO_AS_OF);

/** Opportunities are created from this day up to (not including) the as-of instant. */
export const HISTORY_START_MS = Date.UTC(2024, 0, 1);

/** Targets cover the calendar years 2024–2026: 36 months, indexed from January 2024. */
export const FIRST_TARGET_YEAR = 2024;
export const TARGET_MONTHS = 36;

/** `2024-03-05T14:07:09Z` — whole seconds, as CRM exports write them. */
export function isoUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The same instant written in China/Singapore local time, as an APAC CRM instance exports it. */
export function isoUtcPlus8(ms: number): string {
  return `${new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 19)}+08:00`;
}

/** Calendar date `YYYY-MM-DD` of an instant, in UTC. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Months since January 2024 of an instant (UTC calendar). */
export function monthIndex(ms: number): number {
  const date = new Date(ms);
  return (date.getUTCFullYear() - FIRST_TARGET_YEAR) * 12 + date.getUTCMonth();
}

/** Midnight UTC of the instant's day. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
