/**
 * Wall-clock time in an IANA zone ↔ UTC, through the platform's own time-zone database (Intl), so the
 * same code runs in Node (loaders, CLI) and in the browser (URL window → UTC bounds).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds to add to a UTC instant to get the zone's wall clock at that instant. */
function offsetAt(tz: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time in `tz`, given as `Date.UTC(...)` of the wall fields. Follows the
 * convention of JavaScript's Date, Python's zoneinfo and Temporal's "compatible": a wall time inside a
 * DST gap is read with the offset in force before the change (02:30 on a spring-forward night becomes
 * 03:30 summer time), and in an overlap the earlier instant wins. Offsets are cached per wall-clock
 * hour because loaders convert millions of timestamps.
 */
export function wallTimeToUtc(wallMs: number, tz: string): number {
  if (tz === 'UTC' || tz === 'Etc/UTC') return wallMs;
  const hour = Math.floor(wallMs / 3_600_000);
  const key = `${tz}|${hour}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    // The offsets a day either side bracket any transition near this wall time.
    const before = offsetAt(tz, wallMs - 86_400_000);
    const after = offsetAt(tz, wallMs + 86_400_000);
    const valid = [before, after].filter((o) => offsetAt(tz, wallMs - o) === o);
    // Two valid offsets = an overlap: the larger offset gives the earlier instant. None = a gap.
    offset = valid.length === 0 ? before : Math.max(...valid);
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return wallMs - offset;
}

/** The calendar date (`YYYY-MM-DD`) of a UTC instant on the zone's wall clock. */
export function dateInZone(utcMs: number, tz: string): string {
  return new Date(utcMs + offsetAt(tz, utcMs)).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; used for the previous-period arithmetic. */
export function epochDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

export function dateOfEpochDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
