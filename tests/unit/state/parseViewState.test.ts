import { describe, expect, it } from 'vitest';
import { DEAL_SORTS } from '../../../src/metrics/stageDeals.ts';
import { PERIOD_PRESETS } from '../../../src/state/periods.ts';
import { defaultViewState, parseViewState, serializeViewState, type ViewState } from '../../../src/state/viewState.ts';
import { CTX } from './stateContext.ts';

const parse = (search: string) => parseViewState(search, CTX);
/** The state a query gives, checked to come without notices. */
const clean = (search: string): ViewState => {
  const { state, notices } = parse(search);
  expect(notices).toEqual([]);
  return state;
};
const q = (params: Record<string, string | string[]>): string => {
  const query = new URLSearchParams();
  for (const [name, values] of Object.entries(params)) for (const value of [values].flat()) query.append(name, value);
  return query.toString();
};

describe('parseViewState: defaults and well-formed links', () => {
  it('reads an empty query as the default view', () => {
    expect(clean('')).toEqual(defaultViewState());
    expect(clean('?')).toEqual(defaultViewState());
  });

  it('has the auto period (this year, or the latest year with deals), previous period, reached deals by amount descending, page 1 as the default view', () => {
    expect(defaultViewState()).toEqual({
      period: 'auto',
      compare: 'previous',
      filters: {},
      deals: 'reached',
      sort: 'amount',
      dir: 'desc',
      page: 1,
    });
  });

  it('keeps an explicit period=this_year in the link: it differs from the default where this year has no deals', () => {
    expect(clean('period=this_year').period).toBe('this_year');
    expect(serializeViewState({ ...defaultViewState(), period: 'this_year' })).toBe('period=this_year');
    expect(serializeViewState(defaultViewState())).toBe('');
  });

  it('accepts a leading "?" and a URLSearchParams alike', () => {
    expect(clean('?period=last_month')).toEqual(clean('period=last_month'));
    expect(parseViewState(new URLSearchParams('period=last_month'), CTX).state.period).toBe('last_month');
  });

  it('ignores parameters it does not know, without a notice', () => {
    expect(clean('utm_source=newsletter&Region=EMEA&fbclid=x&__proto__=1')).toEqual(defaultViewState());
  });

  it.each(PERIOD_PRESETS.filter((p) => p !== 'custom'))('reads period=%s', (period) => {
    expect(clean(`period=${period}`).period).toBe(period);
  });

  it.each(DEAL_SORTS)('reads sort=%s', (sort) => {
    expect(clean(`sort=${sort}`).sort).toBe(sort);
  });

  it('reads every single-valued parameter', () => {
    expect(clean('compare=year&stage=Proposal&deals=current&dir=asc&page=12&lang=zh-CN')).toEqual({
      ...defaultViewState(),
      compare: 'year',
      stage: 'Proposal',
      deals: 'current',
      dir: 'asc',
      page: 12,
      lang: 'zh-CN',
    });
  });

  it('reads a custom window, and a one-sided one', () => {
    expect(clean('period=custom&from=2026-01-01&to=2026-03-31')).toMatchObject({
      period: 'custom',
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(clean('period=custom&from=2024-02-29')).toMatchObject({
      period: 'custom',
      from: '2024-02-29',
      to: undefined,
    });
    expect(clean('period=custom&to=2026-03-31')).toMatchObject({ period: 'custom', from: undefined, to: '2026-03-31' });
    expect(clean('period=custom&from=2026-03-31&to=2026-03-31')).toMatchObject({
      from: '2026-03-31',
      to: '2026-03-31',
    });
    expect(clean('period=custom')).toMatchObject({ period: 'custom', from: undefined, to: undefined });
  });

  it('reads repeated filter keys as several values, in code-unit order', () => {
    expect(clean('region=EMEA&region=APAC&owner_id=R2&owner_id=R10&team=Beta').filters).toEqual({
      region: ['APAC', 'EMEA'],
      owner_id: ['R10', 'R2'],
      team: ['Beta'],
    });
  });

  it('collapses a filter value given twice, silently', () => {
    expect(clean('region=EMEA&region=APAC&region=EMEA').filters).toEqual({ region: ['APAC', 'EMEA'] });
  });

  it('decodes encoded values: spaces, "&", "=", "+" and Chinese', () => {
    expect(
      clean(
        q({
          region: ['North America', '华东'],
          product_line: 'Services & Support',
          team: 'a=b+c',
          stage: 'Closed & Won',
        }),
      ),
    ).toMatchObject({
      filters: { region: ['North America', '华东'], product_line: ['Services & Support'], team: ['a=b+c'] },
      stage: 'Closed & Won',
    });
    expect(clean('campaign_id=C+2&stage=%E8%B5%A2%E5%8D%95')).toMatchObject({
      filters: { campaign_id: ['C 2'] },
      stage: '赢单',
    });
  });

  it.each(['1', '9', '100000', '99999'])('accepts page=%s', (page) => {
    expect(clean(`page=${page}`).page).toBe(Number(page));
  });
});

describe('parseViewState: values it drops, with a notice', () => {
  it('drops a region that is not in the model, with a notice, and keeps the known ones', () => {
    expect(parse('region=Mars&region=EMEA')).toEqual({
      state: { ...defaultViewState(), filters: { region: ['EMEA'] } },
      notices: [{ param: 'region', value: 'Mars', reason: 'unknown_value' }],
    });
  });

  it('drops SQL and HTML injection attempts before they reach a query, quoting them in the notice', () => {
    const { state, notices } = parse(q({ region: "' OR 1=1 --", owner_id: '<script>alert(1)</script>', page: '-1' }));
    expect(state).toEqual(defaultViewState());
    expect(notices).toEqual([
      { param: 'region', value: "' OR 1=1 --", reason: 'unknown_value' },
      { param: 'owner_id', value: '<script>alert(1)</script>', reason: 'unknown_value' },
      { param: 'page', value: '-1', reason: 'invalid' },
    ]);
  });

  it('drops an injection attempt in a single-valued parameter', () => {
    const { state, notices } = parse(
      q({ sort: 'amount; DROP TABLE opportunities', stage: "Won' --", period: "this_year'" }),
    );
    expect(state).toEqual(defaultViewState());
    expect(notices.map((n) => [n.param, n.reason])).toEqual([
      ['period', 'invalid'],
      ['stage', 'unknown_value'],
      ['sort', 'invalid'],
    ]);
  });

  it('does not take names of Object.prototype for known values', () => {
    const { state, notices } = parse('region=constructor&region=__proto__&stage=toString&team=hasOwnProperty');
    expect(state).toEqual(defaultViewState());
    expect(notices).toHaveLength(4);
  });

  it('drops a filter value when the model has no values for that filter', () => {
    expect(parse('tier=Enterprise').notices).toEqual([{ param: 'tier', value: 'Enterprise', reason: 'unknown_value' }]);
  });

  it('cuts a very long value to 80 characters in its notice', () => {
    const { state, notices } = parse(q({ region: 'x'.repeat(100_000) }));
    expect(state).toEqual(defaultViewState());
    expect(notices).toHaveLength(1);
    expect(notices[0]!.value).toBe(`${'x'.repeat(79)}…`);
  });

  it('never cuts a character in half when shortening a notice', () => {
    const value = `${'x'.repeat(78)}😀😀`;
    expect(parse(q({ stage: value })).notices[0]!.value).toBe(`${'x'.repeat(78)}…`);
  });

  it('keeps a value of exactly 80 characters whole in its notice', () => {
    expect(parse(q({ stage: 'y'.repeat(80) })).notices[0]!.value).toBe('y'.repeat(80));
  });

  it('does not mistake a value with a NUL byte for a known one', () => {
    const { state, notices } = parse('region=EMEA%00&region=%00&page=1%00&period=this_year%00');
    expect(state).toEqual(defaultViewState());
    expect(notices).toEqual([
      { param: 'period', value: 'this_year\0', reason: 'invalid' },
      { param: 'region', value: 'EMEA\0', reason: 'unknown_value' },
      { param: 'region', value: '\0', reason: 'unknown_value' },
      { param: 'page', value: '1\0', reason: 'invalid' },
    ]);
  });

  it('notices an empty value of a known parameter', () => {
    expect(parse('region=&page=').notices).toEqual([
      { param: 'region', value: '', reason: 'unknown_value' },
      { param: 'page', value: '', reason: 'invalid' },
    ]);
  });

  it('reads values case-sensitively', () => {
    expect(parse('sort=AMOUNT&lang=zh-cn&region=emea').notices.map((n) => n.param)).toEqual(['region', 'sort', 'lang']);
  });

  it.each([
    '0',
    '-1',
    '01',
    '1.5',
    '1e3',
    '0x10',
    '100001',
    '999999',
    '1000000',
    ' 1',
    '+1',
    '1 ',
    'one',
    'Infinity',
    'NaN',
  ])('drops page=%s', (page) => {
    expect(parse(q({ page }))).toEqual({
      state: defaultViewState(),
      notices: [{ param: 'page', value: page, reason: 'invalid' }],
    });
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-2-1',
    '26-02-01',
    '2026/02/01',
    '2026-02-01T00:00:00Z',
    '0099-01-01',
    '0999-12-31',
    ' 2026-02-01',
    'today',
  ])('drops the impossible or malformed date from=%s', (from) => {
    const { state, notices } = parse(q({ period: 'custom', from, to: '2026-03-31' }));
    expect(state).toMatchObject({ period: 'custom', from: undefined, to: '2026-03-31' });
    expect(notices).toEqual([{ param: 'from', value: from, reason: 'invalid' }]);
  });

  it.each([
    ['1000-01-01', '9999-12-31'],
    ['1899-12-31', '2026-01-31'],
    ['2026-01-01', '2200-01-01'],
  ])('drops dates outside the window range (%s … %s) with a notice, keeping the others', (from, to) => {
    const { state, notices } = parse(q({ period: 'custom', from, to }));
    const outside = [
      from < '1900-01-01' && { param: 'from', value: from },
      to > '2199-12-31' && { param: 'to', value: to },
    ].filter(Boolean);
    expect(notices).toEqual(outside.map((n) => ({ ...n, reason: 'invalid' })));
    expect(state.from).toBe(from < '1900-01-01' ? undefined : from);
    expect(state.to).toBe(to > '2199-12-31' ? undefined : to);
  });

  it('keeps the first and last day of the window range', () => {
    expect(parse('period=custom&from=1900-01-01&to=2199-12-31')).toEqual({
      state: { ...defaultViewState(), period: 'custom', from: '1900-01-01', to: '2199-12-31' },
      notices: [],
    });
  });

  it('drops both bounds of a window that ends before it starts, keeping the custom period', () => {
    const { state, notices } = parse('period=custom&from=2026-05-01&to=2026-04-30');
    expect(state).toEqual({ ...defaultViewState(), period: 'custom' });
    expect(notices).toEqual([
      { param: 'from', value: '2026-05-01', reason: 'invalid' },
      { param: 'to', value: '2026-04-30', reason: 'invalid' },
    ]);
  });

  it('ignores from and to without period=custom, with a notice', () => {
    expect(parse('from=2026-01-01&to=2026-02-01')).toEqual({
      state: defaultViewState(),
      notices: [
        { param: 'from', value: '2026-01-01', reason: 'invalid' },
        { param: 'to', value: '2026-02-01', reason: 'invalid' },
      ],
    });
    expect(parse('period=last_year&to=2026-02-01').state).toEqual({ ...defaultViewState(), period: 'last_year' });
  });

  it('ignores from and to when the period itself is invalid, as the default period is not custom', () => {
    expect(parse('period=Custom&from=2026-01-01').notices.map((n) => n.param)).toEqual(['period', 'from']);
  });

  it('drops a stage the model does not have', () => {
    expect(parse('stage=Discovery')).toEqual({
      state: defaultViewState(),
      notices: [{ param: 'stage', value: 'Discovery', reason: 'unknown_value' }],
    });
  });

  it.each([
    ['period', 'this_week'],
    ['compare', 'last_year'],
    ['deals', 'all'],
    ['sort', 'name'],
    ['dir', 'up'],
    ['lang', 'fr'],
  ])('drops %s=%s and keeps the default', (param, value) => {
    expect(parse(q({ [param]: value }))).toEqual({
      state: defaultViewState(),
      notices: [{ param, value, reason: 'invalid' }],
    });
  });
});

describe('parseViewState: single-valued parameters given more than once', () => {
  it('takes the first value and notices the others', () => {
    expect(parse('period=last_year&period=this_month&period=all_time')).toEqual({
      state: { ...defaultViewState(), period: 'last_year' },
      notices: [
        { param: 'period', value: 'this_month', reason: 'duplicate' },
        { param: 'period', value: 'all_time', reason: 'duplicate' },
      ],
    });
  });

  it('says nothing about a repeat of the same value', () => {
    expect(clean('page=3&page=3&stage=Lead&stage=Lead')).toMatchObject({ page: 3, stage: 'Lead' });
  });

  it('does not fall back to a later value when the first is invalid', () => {
    expect(parse('page=0&page=2')).toEqual({
      state: defaultViewState(),
      notices: [
        { param: 'page', value: '0', reason: 'invalid' },
        { param: 'page', value: '2', reason: 'duplicate' },
      ],
    });
  });

  it('takes the first bound of a custom window given twice', () => {
    expect(parse('period=custom&from=2026-01-01&from=2026-02-01').state).toMatchObject({ from: '2026-01-01' });
  });
});

describe('parseViewState: the deal whose timeline a rep page shows', () => {
  it('takes any printable id up to 200 characters and gives it back in the URL', () => {
    const { state, notices } = parseViewState('deal=0065g00000XyZ12AAB&region=EMEA', CTX);
    expect(state.deal).toBe('0065g00000XyZ12AAB');
    expect(notices).toEqual([]);
    expect(serializeViewState(state)).toBe('region=EMEA&deal=0065g00000XyZ12AAB');
    expect(parseViewState('deal=%E5%95%86%E6%9C%BA%207', CTX).state.deal).toBe('商机 7');
  });

  it('refuses control characters and overlong ids with a notice', () => {
    for (const bad of ['a%0Ab', 'x'.repeat(201), '']) {
      const { state, notices } = parseViewState(`deal=${bad}`, CTX);
      expect(state.deal).toBeUndefined();
      expect(notices.map((n) => [n.param, n.reason])).toEqual([['deal', 'invalid']]);
    }
  });
});
