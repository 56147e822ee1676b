import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileDateFormat, convertDate, convertNumber } from '../../../loaders/sources/mapped/formats.ts';
import { mappingJsonSchema } from '../../../loaders/sources/mapped/jsonSchema.ts';

const date = (text: string, format: string) => convertDate(text, compileDateFormat(format)!);

describe('mapping date formats', () => {
  it.each([
    ['10/20/2016', 'M/D/YYYY', '2016-10-20'],
    ['3/1/2017', 'M/D/YYYY', '2017-03-01'],
    ['01.03.2017', 'DD.MM.YYYY', '2017-03-01'],
    ['1.3.2017', 'D.M.YYYY', '2017-03-01'],
    ['31/12/2026', 'DD/MM/YYYY', '2026-12-31'],
    ['2026-03-31', 'YYYY-MM-DD', '2026-03-31'],
    ['3/1/2017 9:05', 'M/D/YYYY H:mm', '2017-03-01 09:05:00'],
    ['01.03.2017 14:30:15', 'DD.MM.YYYY HH:mm:ss', '2017-03-01 14:30:15'],
  ])('reads %s as %s → %s', (text, format, expected) => {
    expect(date(text, format)).toEqual({ ok: true, text: expected });
  });

  it('reports a value that does not follow the format, naming the format', () => {
    const r = date('2017-03-01', 'M/D/YYYY');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toBe('"2017-03-01" does not match the date format M/D/YYYY');
  });

  it('refuses a format without year, month or day', () => {
    expect(compileDateFormat('MM/DD')).toBeNull();
    expect(compileDateFormat('YYYY-MM')).toBeNull();
  });
});

describe('mapping number formats', () => {
  it('removes thousands separators and turns a decimal comma into a point', () => {
    expect(convertNumber('1.234,50', { decimal: ',', thousands: '.' })).toBe('1234.50');
    expect(convertNumber('1 234,5', { decimal: ',', thousands: ' ' })).toBe('1234.5');
    expect(convertNumber('12,500.75', { decimal: '.', thousands: ',' })).toBe('12500.75');
    expect(convertNumber("1'000", { decimal: '.', thousands: "'" })).toBe('1000');
  });

  it('leaves what it cannot read for the canonical parser to reject', () => {
    expect(convertNumber('1.234.5', { decimal: ',' })).toBe('1.234.5');
  });
});

describe('mapping JSON Schema', () => {
  it('is committed as generated from the zod schema (run `npx tsx scripts/mappingSchema.ts` after changing it)', () => {
    expect(readFileSync(new URL('../../../examples/mapping.schema.json', import.meta.url), 'utf8')).toBe(
      mappingJsonSchema(),
    );
  });
});
