import type { NumberFormat } from './schema.ts';

/** A conversion result: canonical text, or what is wrong and what to do. */
export type Converted = { ok: true; text: string } | { ok: false; message: string; hint: string };

/** Tokens of the date-format language (docs/sources/mapped.md): each becomes a capture group. */
const TOKENS: Readonly<Record<string, { pattern: string; part: 'y' | 'm' | 'd' | 'H' | 'M' | 'S' }>> = {
  YYYY: { pattern: '(\\d{4})', part: 'y' },
  MM: { pattern: '(\\d{2})', part: 'm' },
  M: { pattern: '(\\d{1,2})', part: 'm' },
  DD: { pattern: '(\\d{2})', part: 'd' },
  D: { pattern: '(\\d{1,2})', part: 'd' },
  HH: { pattern: '(\\d{2})', part: 'H' },
  H: { pattern: '(\\d{1,2})', part: 'H' },
  mm: { pattern: '(\\d{2})', part: 'M' },
  ss: { pattern: '(\\d{2})', part: 'S' },
};
const TOKEN = /YYYY|MM|M|DD|D|HH|H|mm|ss/g;

export interface DateFormat {
  readonly source: string;
  readonly regex: RegExp;
  readonly parts: readonly ('y' | 'm' | 'd' | 'H' | 'M' | 'S')[];
}

/** Compiles `M/D/YYYY`, `DD.MM.YYYY HH:mm`, … ; null when it lacks a year, month or day. */
export function compileDateFormat(format: string): DateFormat | null {
  const parts: DateFormat['parts'][number][] = [];
  let pattern = '';
  let last = 0;
  for (const m of format.matchAll(TOKEN)) {
    pattern += format.slice(last, m.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern += TOKENS[m[0]]!.pattern;
    parts.push(TOKENS[m[0]]!.part);
    last = m.index + m[0].length;
  }
  pattern += format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!parts.includes('y') || !parts.includes('m') || !parts.includes('d')) return null;
  // Seconds may be absent from a value even when the format has minutes: spreadsheets drop ":00".
  return { source: format, regex: new RegExp(`^\\s*${pattern}\\s*$`), parts };
}

const pad = (n: string, width = 2): string => n.padStart(width, '0');

/**
 * A date or date-time written in `format` → canonical text (`YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`); the
 * canonical parser then checks the calendar (no 2017-02-30) and reads the wall time in `--tz`.
 */
export function convertDate(text: string, format: DateFormat): Converted {
  const m = format.regex.exec(text);
  if (!m)
    return {
      ok: false,
      message: `"${text}" does not match the date format ${format.source}`,
      hint: `write the date as ${format.source}, or set "format" for this column in the mapping file`,
    };
  const got: Partial<Record<DateFormat['parts'][number], string>> = {};
  format.parts.forEach((part, i) => {
    got[part] = m[i + 1]!;
  });
  const date = `${got.y}-${pad(got.m!)}-${pad(got.d!)}`;
  if (got.H === undefined) return { ok: true, text: date };
  return { ok: true, text: `${date} ${pad(got.H)}:${pad(got.M ?? '0')}:${pad(got.S ?? '0')}` };
}

/** `1.234,50` with `{ decimal: ",", thousands: "." }` → `1234.50`; the canonical parser checks the rest. */
export function convertNumber(text: string, format: NumberFormat): string {
  let t = text.trim();
  if (format.thousands) t = t.split(format.thousands).join('');
  if (format.decimal === ',') t = t.replace(',', '.');
  return t;
}
