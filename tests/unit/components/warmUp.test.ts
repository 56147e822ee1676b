import { describe, expect, it } from 'vitest';
import { warmsEarly, type DeviceHints } from '../../../src/components/warmUp.ts';

const desktop: DeviceHints = { saveData: false, effectiveType: '4g', smallScreen: false };

describe('warmsEarly', () => {
  it('warms on a desktop-class connection, and where the browser does not describe its connection', () => {
    expect(warmsEarly(desktop)).toBe(true);
    expect(warmsEarly({ ...desktop, effectiveType: undefined })).toBe(true);
  });

  it('waits for intent when the user saves data, the connection is slow or the screen is a phone’s', () => {
    expect(warmsEarly({ ...desktop, saveData: true })).toBe(false);
    for (const effectiveType of ['slow-2g', '2g', '3g']) expect(warmsEarly({ ...desktop, effectiveType })).toBe(false);
    expect(warmsEarly({ ...desktop, smallScreen: true })).toBe(false);
    expect(warmsEarly({ saveData: false, effectiveType: undefined, smallScreen: true })).toBe(false);
  });
});
