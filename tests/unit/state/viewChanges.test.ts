import { describe, expect, it } from 'vitest';
import {
  defaultViewState,
  serializeViewState,
  toMetricParams,
  withFilter,
  withPeriod,
  withStage,
  type ViewState,
} from '../../../src/state/viewState.ts';

/** A view deep in a drill-down, so each change shows what it keeps and what it resets. */
const drilled: ViewState = {
  ...defaultViewState(),
  compare: 'year',
  filters: { region: ['EMEA'], team: ['Beta'] },
  stage: 'Proposal',
  deals: 'current',
  sort: 'owner',
  dir: 'asc',
  page: 4,
  lang: 'zh-CN',
};

describe('withFilter', () => {
  it('sets one filter, sorted and without repeats, keeps the rest and goes back to page 1', () => {
    expect(withFilter(drilled, 'region', ['EMEA', 'APAC', 'EMEA'])).toEqual({
      ...drilled,
      filters: { region: ['APAC', 'EMEA'], team: ['Beta'] },
      page: 1,
    });
  });

  it('removes a filter given no values', () => {
    expect(withFilter(drilled, 'team', []).filters).toEqual({ region: ['EMEA'] });
  });

  it('leaves the state it was given unchanged', () => {
    const before = structuredClone(drilled);
    withFilter(drilled, 'region', []);
    expect(drilled).toEqual(before);
  });
});

describe('withPeriod', () => {
  it('sets a preset, drops a custom window and goes back to page 1', () => {
    const custom = { ...drilled, period: 'custom', from: '2026-01-01', to: '2026-02-01' } as const;
    expect(withPeriod(custom, 'last_quarter')).toEqual({ ...drilled, period: 'last_quarter', page: 1 });
    expect(withPeriod(drilled, 'all_time', { from: '2026-01-01' })).toEqual({
      ...drilled,
      period: 'all_time',
      page: 1,
    });
  });

  it('sets a custom window, either bound optional', () => {
    expect(withPeriod(drilled, 'custom', { from: '2026-01-01', to: '2026-02-01' })).toEqual({
      ...drilled,
      period: 'custom',
      from: '2026-01-01',
      to: '2026-02-01',
      page: 1,
    });
    expect(withPeriod(drilled, 'custom', { to: '2026-02-01' })).toMatchObject({ from: undefined, to: '2026-02-01' });
    expect(withPeriod(drilled, 'custom')).toMatchObject({ period: 'custom', from: undefined, to: undefined });
  });

  it('puts reversed bounds in order, so the URL keeps both dates the user picked', () => {
    const next = withPeriod(drilled, 'custom', { from: '2026-03-01', to: '2026-02-01' });
    expect(next).toMatchObject({ from: '2026-02-01', to: '2026-03-01' });
    expect(serializeViewState(next)).toContain('from=2026-02-01&to=2026-03-01');
  });

  it('drops a date that does not exist', () => {
    expect(withPeriod(drilled, 'custom', { from: '2026-02-30', to: '' })).toMatchObject({
      period: 'custom',
      from: undefined,
      to: undefined,
    });
  });
});

describe('withStage', () => {
  it('drills into a stage on page 1, keeping list, sort and filters', () => {
    expect(withStage(drilled, 'Negotiation')).toEqual({ ...drilled, stage: 'Negotiation', page: 1 });
  });

  it('leaves the drill-down with undefined', () => {
    const next = withStage(drilled, undefined);
    expect(next.stage).toBeUndefined();
    expect(serializeViewState(next)).not.toContain('stage=');
  });
});

describe('toMetricParams', () => {
  const data = { asOf: '2026-11-01T00:00:00Z', tz: 'Asia/Shanghai', fiscalYearStartMonth: 4, asOfDate: '2026-11-01' };

  it('resolves the default view to the fiscal year containing the as-of date', () => {
    expect(toMetricParams(defaultViewState(), data)).toEqual({
      asOf: '2026-11-01T00:00:00Z',
      tz: 'Asia/Shanghai',
      from: '2026-04-01',
      to: '2027-03-31',
      filters: {},
      compare: 'previous',
      rollups: { asOf: '2026-11-01T00:00:00Z', tz: 'Asia/Shanghai', fiscalYearStartMonth: 4 },
    });
  });

  it('carries the filters and the comparison', () => {
    expect(toMetricParams(drilled, data)).toMatchObject({
      filters: { region: ['EMEA'], team: ['Beta'] },
      compare: 'year',
    });
  });

  it('passes a custom window through, one-sided or not', () => {
    expect(
      toMetricParams({ ...defaultViewState(), period: 'custom', from: '2026-01-05', to: '2026-02-10' }, data),
    ).toMatchObject({ from: '2026-01-05', to: '2026-02-10' });
    const open = toMetricParams({ ...defaultViewState(), period: 'custom', from: '2026-01-05' }, data);
    expect([open.from, open.to]).toEqual(['2026-01-05', undefined]);
  });

  it('gives all time no bounds', () => {
    const params = toMetricParams({ ...defaultViewState(), period: 'all_time' }, data);
    expect([params.from, params.to]).toEqual([undefined, undefined]);
  });

  it('does not carry the drill-down, the page or the language', () => {
    expect(Object.keys(toMetricParams(drilled, data)).sort()).toEqual([
      'asOf',
      'compare',
      'filters',
      'from',
      'rollups',
      'to',
      'tz',
    ]);
  });
});
