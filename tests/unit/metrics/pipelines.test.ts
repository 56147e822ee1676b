/**
 * Several pipelines in one model (tests/fixtures/metrics/pipelines/README.md has each deal's story):
 * one funnel per pipeline, orders compared only within a pipeline, and `pipeline` as a filter.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { stageDeals } from '../../../src/metrics/stageDeals.ts';
import { closeFixtureModels, fixtureModel, viewRows } from '../../support/fixtureModel.ts';

afterAll(closeFixtureModels);

const row = (
  stage: string,
  stage_order: number,
  kind: string,
  reached: number,
  reached_amount: number,
  prev: number | null,
  top: number,
) => ({
  stage,
  stage_order,
  kind,
  reached,
  reached_amount,
  conv_from_prev: prev,
  conv_from_top: top,
});

describe('funnel with several pipelines', () => {
  it('gives each pipeline its own funnel and counts a deal only in its own pipeline', async () => {
    expect(await viewRows('pipelines', 'funnel')).toEqual([
      // New business: N1 N2 N3 N4 = 100+200+50+70
      row('Lead', 10, 'open', 4, 420, null, 1),
      // N1 (Demo), N2 (won, Demo skipped), N4 (lost from Demo) = 100+200+70
      row('Demo', 11, 'open', 3, 370, 3 / 4, 3 / 4),
      row('Won NB', 12, 'won', 1, 200, 1 / 3, 1 / 4),
      // Renewals: R1 R2 R3 = 300+400+30
      row('Renewal due', 1, 'open', 3, 730, null, 1),
      // R1 (Quote), R2 (won); R3's Demo entry (order 11) belongs to New business and does not lift it past Quote (2)
      row('Quote', 2, 'open', 2, 700, 2 / 3, 2 / 3),
      row('Renewed', 3, 'won', 1, 400, 1 / 2, 1 / 3),
    ]);
  });

  it('shows only the chosen pipeline when filtered by it', async () => {
    const rows = await viewRows('pipelines', 'funnel', { filters: { pipeline: ['Renewals'] } });
    expect(rows.map((r) => [r.stage, r.reached])).toEqual([
      ['Renewal due', 3],
      ['Quote', 2],
      ['Renewed', 1],
    ]);
  });

  it('filters the headline figures by pipeline', async () => {
    // Renewals: won R2 (400); closed R2 only (no Churned deal) → win rate 1
    const [k] = await viewRows('pipelines', 'kpis', { filters: { pipeline: ['Renewals'] } });
    expect(k).toMatchObject({ won_deals: 1, won_amount: 400, win_rate: 1 });
    // New business: won N2 (200), lost N4 → 1 / 2
    const [n] = await viewRows('pipelines', 'kpis', { filters: { pipeline: ['New business'] } });
    expect(n).toMatchObject({ won_deals: 1, won_amount: 200, win_rate: 0.5 });
  });

  it("lists a stage's reached deals from its own pipeline only", async () => {
    const { engine, asOf, tz } = await fixtureModel('pipelines');
    const ids = async (stage: string): Promise<string[]> =>
      (await engine.all(stageDeals({ asOf, tz, filters: {}, stage, list: 'reached', sort: 'opp_id', dir: 'asc' }))).map(
        (r) => String(r.opp_id),
      );
    expect(await ids('Quote')).toEqual(['R1', 'R2']);
    expect(await ids('Demo')).toEqual(['N1', 'N2', 'N4']);
    expect(await ids('Won NB')).toEqual(['N2']);
    expect(await ids('Lead')).toEqual(['N1', 'N2', 'N3', 'N4']);
  });
});
