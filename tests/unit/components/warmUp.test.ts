import { describe, expect, it } from 'vitest';
import { exerciseViews, warmsEarly, type DeviceHints } from '../../../src/components/warmUp.ts';
import { defaultViewState, type ViewState } from '../../../src/state/viewState.ts';

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

describe('exerciseViews', () => {
  const shown: ViewState = {
    ...defaultViewState(),
    period: 'last_quarter',
    filters: { region: ['EMEA'], tier: ['SMB'] },
    stage: 'Proposal',
    page: 3,
    deal: 'O-9',
  };

  it('keeps the page’s period and other filters, one region at a time, every region', () => {
    const views = exerciseViews(['APAC', 'EMEA', 'LATAM'], shown);
    expect(views.map((v) => v.filters)).toEqual([
      { region: ['APAC'], tier: ['SMB'] },
      { region: ['EMEA'], tier: ['SMB'] },
      { region: ['LATAM'], tier: ['SMB'] },
    ]);
    for (const v of views) expect(v.period).toBe('last_quarter');
  });

  it('leaves out the drill-down, whose deal lists read deal rows', () => {
    for (const v of exerciseViews(['APAC'], shown)) {
      expect(v.stage).toBeUndefined();
      expect(v.deal).toBeUndefined();
      expect(v.page).toBe(1);
    }
  });
});
