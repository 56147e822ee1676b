import { describe, expect, it } from 'vitest';
import { carried, filterHref, filtersHref, pageHref, repHref } from '../../../src/dashboards/links.ts';
import { breadcrumbs, regionLevel } from '../../../src/dashboards/regions.ts';
import { pareto } from '../../../src/dashboards/reps.ts';
import { targetsById, sumSelections } from '../../../src/dashboards/targets.ts';
import { translator } from '../../../src/i18n/translate.ts';
import { repSlug } from '../../../src/site/pages.ts';
import { defaultViewState, type ViewState } from '../../../src/state/viewState.ts';
import { change } from '../../../src/dashboards/table.ts';

const state = (over: Partial<ViewState>): ViewState => ({ ...defaultViewState(), ...over });
const t = translator('en');

describe('drill links keep every filter in force', () => {
  const s = state({
    period: 'last_year',
    filters: { product_line: ['Platform'], region: ['EMEA'] },
    stage: 'Proposal',
    page: 3,
    deal: 'O-1',
  });

  it('a cross-filter narrows one key, keeps the others, and leaves deal and page behind', () => {
    expect(filterHref(s, 'team', 'Enterprise')).toBe(
      '?period=last_year&region=EMEA&product_line=Platform&team=Enterprise&stage=Proposal',
    );
    expect(filterHref(s, 'region', 'APAC')).toBe('?period=last_year&region=APAC&product_line=Platform&stage=Proposal');
    expect(
      filtersHref(state({}), [
        ['product_line', 'Services'],
        ['region', 'LATAM'],
      ]),
    ).toBe('?region=LATAM&product_line=Services');
  });

  it('another page or a rep page carries period and filters, never the drill selection', () => {
    expect(carried(s)).toEqual(state({ period: 'last_year', filters: s.filters }));
    expect(pageHref('/sales/', 'receivables', s)).toBe(
      '/sales/receivables/?period=last_year&region=EMEA&product_line=Platform',
    );
    expect(repHref('/', s, 'R-01', 'O 7')).toBe(
      '/reps/R-01/?period=last_year&region=EMEA&product_line=Platform&deal=O+7',
    );
    expect(pageHref('/', 'overview', state({}))).toBe('/');
    // The rep page is the rep: a rep filter in force stays behind, the team filter goes along.
    expect(repHref('/', state({ filters: { owner_id: ['R-02'], team: ['Enterprise'] } }), 'R-01')).toBe(
      '/reps/R-01/?team=Enterprise',
    );
  });

  it('every rep link of one view carries that view; another view, its own', () => {
    const emea = state({ filters: { region: ['EMEA'] } });
    expect(repHref('/', emea, 'R-01')).toBe('/reps/R-01/?region=EMEA');
    expect(repHref('/', emea, 'R-02')).toBe('/reps/R-02/?region=EMEA');
    expect(repHref('/', emea, 'R-02', 'O-9')).toBe('/reps/R-02/?region=EMEA&deal=O-9');
    expect(repHref('/', state({ filters: { region: ['APAC'] } }), 'R-01')).toBe('/reps/R-01/?region=APAC');
  });

  it('a rep id that is not URL-safe gets a unique hex slug', () => {
    expect(repSlug('R-01')).toBe('R-01');
    expect(repSlug('0055g00000AbCdEAAV')).toBe('0055g00000AbCdEAAV');
    expect(repSlug('张伟')).toBe('x-e5bca0e4bc9f');
    expect(repSlug('a/b')).toBe('x-612f62');
    expect(repSlug('x-1')).not.toBe('x-1');
  });
});

describe('the regions drill', () => {
  it('goes region → team → rep by the filters in force', () => {
    expect(regionLevel({})).toBe('region');
    expect(regionLevel({ region: ['EMEA', 'APAC'] })).toBe('region');
    expect(regionLevel({ region: ['EMEA'] })).toBe('team');
    expect(regionLevel({ region: ['EMEA'], team: ['Enterprise'] })).toBe('rep');
    expect(regionLevel({ owner_id: ['R-01'] })).toBe('rep');
  });

  it('breadcrumbs go back up, dropping only the drill’s own filters', () => {
    const crumbs = breadcrumbs(
      state({ period: 'last_year', filters: { region: ['EMEA'], team: ['Enterprise'], tier: ['VIP'] } }),
      t,
    );
    expect(crumbs).toEqual([
      { label: 'All regions', href: '?period=last_year&tier=VIP' },
      { label: 'EMEA', href: '?period=last_year&region=EMEA&tier=VIP' },
      { label: 'Enterprise', href: null },
    ]);
    expect(breadcrumbs(state({}), t)).toEqual([{ label: 'All regions', href: null }]);
  });
});

describe('leaderboard figures', () => {
  const reps = (won: number[]) => won.map((w) => ({ row: { won_amount: w } }));
  it('80/20: the top fifth (at least one rep) and its share of the won amount', () => {
    expect(pareto(reps([50, 30, 10, 5, 5]))).toEqual({ top: 1, reps: 5, share: 0.5 });
    expect(pareto(reps([10, 10, 10, 10, 10, 10]))).toEqual({ top: 2, reps: 6, share: 2 / 6 });
    expect(pareto(reps([0, 0]))).toEqual({ top: 1, reps: 2, share: null });
    expect(pareto([])).toEqual({ top: 0, reps: 0, share: null });
  });

  it('a change against the previous period needs a previous figure other than 0', () => {
    expect(change(150, 100)).toBe(0.5);
    expect(change(50, -100)).toBe(1.5);
    expect(change(10, 0)).toBeNull();
    expect(change(10, null)).toBeNull();
  });

  it('targets per id follow the window’s periods, and a team adds up its reps', () => {
    const row = (period: string, id: string, start: string, end: string, target: number, won: number) => ({
      period,
      scope: 'rep' as const,
      scope_id: id,
      period_start: start,
      period_end: end,
      target,
      won_amount: won,
      attainment: won / target,
    });
    const rows = [
      row('2026', 'R1', '2026-01-01', '2026-12-31', 100, 50),
      row('2026-Q1', 'R1', '2026-01-01', '2026-03-31', 20, 10),
      row('2026-Q1', 'R2', '2026-01-01', '2026-03-31', 30, 30),
    ];
    const year = targetsById(rows, 'rep', { from: '2026-01-01', to: '2026-12-31' });
    expect(year.get('R1')?.target).toBe(100);
    expect(year.get('R2')?.target).toBe(30);
    expect(sumSelections([year.get('R1'), year.get('R2'), undefined])).toEqual({
      target: 130,
      wonAmount: 80,
      attainment: 80 / 130,
    });
    expect(sumSelections([undefined])).toBeNull();
  });
});
