import { describe, expect, it } from 'vitest';
import { dateInZone, wallTimeToUtc } from '../../../src/time/zone.ts';

const utc = (wall: string, tz: string): string => new Date(wallTimeToUtc(Date.parse(`${wall}Z`), tz)).toISOString();

// Expected instants are Python zoneinfo's (fold=0), the convention JavaScript's Date and Temporal share.
describe('wall-clock time in a zone → UTC', () => {
  it.each([
    ['2026-01-15T08:00:00', 'Asia/Shanghai', '2026-01-15T00:00:00.000Z'],
    ['2026-07-01T12:00:00', 'Europe/Berlin', '2026-07-01T10:00:00.000Z'],
    ['2026-11-01T01:30:00', 'America/New_York', '2026-11-01T05:30:00.000Z'],
  ])('reads %s in %s as %s', (wall, tz, expected) => {
    expect(utc(wall, tz)).toBe(expected);
  });

  it.each([
    ['2026-03-08T02:30:00', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-09-06T00:00:00', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    ['2026-10-04T02:30:00', 'Australia/Sydney', '2026-10-03T16:30:00.000Z'],
  ])('reads %s in %s, a time skipped by DST, with the offset before the change', (wall, tz, expected) => {
    expect(utc(wall, tz)).toBe(expected);
  });

  it('reads a time repeated when DST ends as its earlier instant', () => {
    expect(utc('2026-04-05T02:30:00', 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z');
  });

  it('gives the calendar date of an instant on the zone’s wall clock', () => {
    expect(dateInZone(Date.parse('2026-01-14T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-01-15');
    expect(dateInZone(Date.parse('2026-11-01T03:00:00Z'), 'America/New_York')).toBe('2026-10-31');
  });
});
