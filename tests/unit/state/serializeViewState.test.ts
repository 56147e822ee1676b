import { describe, expect, it } from 'vitest';
import { FILTER_KEYS } from '../../../src/metrics/params.ts';
import { defaultViewState, parseViewState, serializeViewState, type ViewState } from '../../../src/state/viewState.ts';
import { randomViewState, seededRandom } from './generators.ts';
import { CTX } from './stateContext.ts';

const state = (change: Partial<ViewState>): ViewState => ({ ...defaultViewState(), ...change });

describe('serializeViewState', () => {
  it('writes the default view as an empty string', () => {
    expect(serializeViewState(defaultViewState())).toBe('');
  });

  it('writes the parameters in a fixed order and leaves out defaults', () => {
    const s = state({
      lang: 'zh-CN',
      page: 3,
      dir: 'asc',
      sort: 'close_date',
      deals: 'current',
      stage: 'Proposal',
      filters: { team: ['Beta'], region: ['APAC', 'EMEA'] },
      compare: 'year',
      to: '2026-03-31',
      from: '2026-01-01',
      period: 'custom',
    });
    expect(serializeViewState(s)).toBe(
      'period=custom&from=2026-01-01&to=2026-03-31&compare=year&region=APAC&region=EMEA&team=Beta&stage=Proposal&deals=current&sort=close_date&dir=asc&page=3&lang=zh-CN',
    );
  });

  it('writes the filters in FILTER_KEYS order with their values sorted and without repeats', () => {
    const filters = { tier: ['SMB'], owner_id: ['R2', 'R10', 'R2'], region: ['EMEA', 'APAC'] };
    expect(serializeViewState(state({ filters }))).toBe('region=APAC&region=EMEA&owner_id=R10&owner_id=R2&tier=SMB');
    expect(FILTER_KEYS.indexOf('owner_id')).toBeLessThan(FILTER_KEYS.indexOf('tier'));
  });

  it('writes nothing for an empty filter list', () => {
    expect(serializeViewState(state({ filters: { region: [] } }))).toBe('');
  });

  it('writes from and to only with the custom period', () => {
    expect(serializeViewState(state({ period: 'last_year', from: '2026-01-01', to: '2026-02-01' }))).toBe(
      'period=last_year',
    );
    expect(serializeViewState(state({ period: 'custom', to: '2026-02-01' }))).toBe('period=custom&to=2026-02-01');
  });

  it('URL-encodes values', () => {
    expect(
      serializeViewState(
        state({ filters: { product_line: ['Services & Support'], team: ['a=b+c'] }, stage: 'Closed & Won' }),
      ),
    ).toBe('product_line=Services+%26+Support&team=a%3Db%2Bc&stage=Closed+%26+Won');
    expect(serializeViewState(state({ filters: { region: ['华东'] } }))).toBe('region=%E5%8D%8E%E4%B8%9C');
  });
});

describe('round trip: a link reproduces the view', () => {
  const roundTrip = (s: ViewState) => parseViewState(serializeViewState(s), CTX);

  it.each<[string, ViewState]>([
    ['the default view', defaultViewState()],
    ['a custom window', state({ period: 'custom', from: '2024-02-29', to: '2026-12-31' })],
    ['a window open at the start', state({ period: 'custom', to: '2026-12-31' })],
    ['a custom period without bounds', state({ period: 'custom' })],
    [
      'every filter',
      state({
        filters: {
          region: ['APAC', 'EMEA', 'North America', '华东'],
          product_line: ['Add-on', 'Core', 'Services & Support'],
          owner_id: ['R1', 'R10', 'R2'],
          team: ['a=b+c'],
          campaign_id: ['C 2', 'C-1'],
        },
      }),
    ],
    ['a drill-down', state({ stage: 'Closed & Won', deals: 'current', sort: 'opp_id', dir: 'asc', page: 100_000 })],
    [
      'a Chinese stage and language',
      state({ stage: '赢单', lang: 'zh-CN', compare: 'year', period: 'trailing_12_months' }),
    ],
    ['English chosen explicitly', state({ lang: 'en' })],
  ])('reads back %s', (_, s) => {
    expect(roundTrip(s)).toEqual({ state: s, notices: [] });
  });

  it('reads back 2,000 random valid views', () => {
    const random = seededRandom(20261101);
    for (let i = 0; i < 2000; i++) {
      const s = randomViewState(random, CTX);
      const query = serializeViewState(s);
      expect(roundTrip(s), query).toEqual({ state: s, notices: [] });
      expect(serializeViewState(roundTrip(s).state)).toBe(query);
    }
  });

  it('rewrites any messy link to one that reads back unchanged and without notices', () => {
    const random = seededRandom(42);
    const names = [
      'period',
      'from',
      'to',
      'compare',
      ...FILTER_KEYS,
      'stage',
      'deals',
      'sort',
      'dir',
      'page',
      'lang',
      'utm_source',
    ];
    const values = [
      'custom',
      'last_year',
      '2026-01-01',
      '2025-12-31',
      '2026-02-30',
      'year',
      'EMEA',
      'APAC',
      'R10',
      'Mars',
      "' OR 1=1 --",
      'Proposal',
      'current',
      'owner',
      'asc',
      '0',
      '7',
      'zh-CN',
      '',
      '%00',
      'Closed & Won',
    ];
    for (let i = 0; i < 1000; i++) {
      const query = new URLSearchParams();
      for (let n = random.int(12); n > 0; n--) query.append(random.pick(names), random.pick(values));
      const canonical = serializeViewState(parseViewState(query, CTX).state);
      const again = parseViewState(canonical, CTX);
      expect(again.notices, query.toString()).toEqual([]);
      expect(serializeViewState(again.state)).toBe(canonical);
    }
  });
});
