import { wallTimeToUtc } from '../../src/time/zone.ts';

/** A parsed cell: the value, or what is wrong with it and what to do. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; hint: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string, hint: string): Parsed<never> => ({ ok: false, message, hint });

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export function parseNumber(text: string): Parsed<number> {
  if (NUMBER.test(text)) return ok(Number(text));
  const hint =
    /\d[,.\s']\d{3}/.test(text) || text.includes(',')
      ? 'write plain decimals with "." as decimal point and no thousands separators, e.g. 12500.50'
      : 'write a plain decimal number, e.g. 12500.50, or leave the cell empty if unknown';
  return bad(`"${text}" is not a number`, hint);
}

export function parseInteger(text: string): Parsed<number> {
  return INTEGER.test(text) ? ok(Number(text)) : bad(`"${text}" is not a whole number`, 'write an integer such as 3');
}

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Calendar date → days since 1970-01-01. */
export function parseDate(text: string): Parsed<number> {
  const m = DATE.exec(text);
  if (m && validYmd(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return ok(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
  }
  return bad(`"${text}" is not a calendar date`, 'write dates as YYYY-MM-DD, e.g. 2026-03-31');
}

/**
 * ISO 8601 timestamp → microseconds since the epoch, UTC. With an offset the instant is exact; without
 * one the wall time is read in `tz` (the build's `--tz`). A bare date means midnight.
 */
export function parseTimestamp(text: string, tz: string): Parsed<bigint> {
  const m = TIMESTAMP.exec(text);
  const hint = 'write ISO 8601 timestamps, e.g. 2026-03-31T14:05:00Z, 2026-03-31 14:05:00 or 2026-03-31T14:05:00+08:00';
  if (!m) return bad(`"${text}" is not a timestamp`, hint);
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) =>
    v === undefined ? 0 : Number(v),
  );
  if (!validYmd(y!, mo!, d!) || h! > 23 || mi! > 59 || s! > 59)
    return bad(`"${text}" is not a valid date and time`, hint);
  const wall = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  let utcMs: number;
  const zone = m[8];
  if (zone === undefined) utcMs = wallTimeToUtc(wall, tz);
  else if (zone.toUpperCase() === 'Z') utcMs = wall;
  else {
    const digits = zone.replace(':', '');
    const sign = digits[0] === '-' ? -1 : 1;
    const offsetMin = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0');
    utcMs = wall - sign * offsetMin * 60_000;
  }
  const fraction = (m[7] ?? '').padEnd(6, '0').slice(0, 6);
  return ok(BigInt(utcMs) * 1000n + BigInt(Number(fraction)));
}

export function parseProbability(text: string): Parsed<number> {
  const n = parseNumber(text);
  if (!n.ok) return n;
  if (n.value < 0 || n.value > 1) {
    return bad(
      `probability ${text} is outside 0..1`,
      `write it as a fraction, e.g. ${n.value > 1 && n.value <= 100 ? `${n.value / 100} for ${text}%` : '0.4 for 40%'}`,
    );
  }
  return n;
}

/** Microseconds since the epoch → ISO UTC, keeping sub-millisecond digits only when there are any. */
export function isoFromMicros(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const us = Number(micros % 1000n);
  return new Date(ms)
    .toISOString()
    .replace('Z', `${String(us).padStart(3, '0')}Z`)
    .replace(/\.(\d{3})000Z$/, '.$1Z');
}
