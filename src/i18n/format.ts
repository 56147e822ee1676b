import type { Lang } from './lang.ts';

export interface FormatSettings {
  readonly lang: Lang;
  /** ISO 4217 reporting currency of the model; null when the export named none (amounts show as plain numbers). */
  readonly currency: string | null;
  /** The build's time zone: dates and instants read as the data's calendar. */
  readonly tz: string;
}

export interface Format {
  money(value: number | null): string;
  /** Short money for tiles and chart axes ($16.7M, 1,670.8万). */
  moneyShort(value: number | null): string;
  percent(value: number | null): string;
  count(value: number | null): string;
  /** Fractional days, one decimal. */
  days(value: number | null): string;
  /** A calendar date `YYYY-MM-DD` (no time zone shift: it already is the data's date). */
  date(value: string | null): string;
  /** A month `YYYY-MM`. */
  month(value: string | null): string;
  /** An ISO instant, in the build's time zone with the zone named. */
  instant(value: string | null): string;
  /** Signed percentage-point change of two ratios (0.254 − 0.245 → "+0.9"). */
  points(value: number | null): string;
  /** Signed relative change ("+24.9%"). */
  signedPercent(value: number | null): string;
  signedDays(value: number | null): string;
}

const MISSING = '—';

/**
 * Every number and date on the site goes through one of these, built from one locale/currency setting,
 * so the prerendered page and the browser's re-render format identically.
 */
export function makeFormat({ lang, currency, tz }: FormatSettings): Format {
  const money = new Intl.NumberFormat(
    lang,
    currency ? { style: 'currency', currency, maximumFractionDigits: 0 } : { maximumFractionDigits: 0 },
  );
  const moneyShort = new Intl.NumberFormat(
    lang,
    currency
      ? { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 }
      : { notation: 'compact', maximumSignificantDigits: 3 },
  );
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(lang);
  const oneDecimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const signedOneDecimal = new Intl.NumberFormat(lang, {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const signedPercent = new Intl.NumberFormat(lang, {
    style: 'percent',
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  // Calendar dates are already the data's dates: format them at UTC so no zone moves them a day.
  const date = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: tz,
    timeZoneName: 'short',
  });
  const number = (f: Intl.NumberFormat) => (value: number | null) =>
    value === null || !Number.isFinite(value) ? MISSING : f.format(value);
  return {
    money: number(money),
    moneyShort: number(moneyShort),
    percent: number(percent),
    count: number(count),
    days: number(oneDecimal),
    date: (value) => (value ? date.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : MISSING),
    month: (value) => (value ? month.format(new Date(`${value.slice(0, 7)}-01T00:00:00Z`)) : MISSING),
    instant: (value) => (value ? instant.format(new Date(value)) : MISSING),
    points: (value) => (value === null || !Number.isFinite(value) ? MISSING : signedOneDecimal.format(value * 100)),
    signedPercent: number(signedPercent),
    signedDays: number(signedOneDecimal),
  };
}
