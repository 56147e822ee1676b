import { describe, expect, it } from 'vitest';
import { campaignsPage } from '../../src/dashboards/campaigns.ts';
import { funnelPage } from '../../src/dashboards/funnel.ts';
import { overviewPage } from '../../src/dashboards/overview.ts';
import type { PageDefinition } from '../../src/dashboards/page.ts';
import { productsPage } from '../../src/dashboards/products.ts';
import { receivablesPage } from '../../src/dashboards/receivables.ts';
import { regionsPage } from '../../src/dashboards/regions.ts';
import { repPage } from '../../src/dashboards/rep.ts';
import { repsPage } from '../../src/dashboards/reps.ts';
import type { BoundQuery, Row, SqlEngine } from '../../src/db/engine.ts';
import { OneAtATime } from '../../src/db/oneAtATime.ts';
import { buildSiteContext } from '../../src/site/buildContext.ts';
import type { SiteContext } from '../../src/site/context.ts';
import { defaultViewState, type ViewState } from '../../src/state/viewState.ts';
import { parityModels } from '../support/parityModels.ts';
import { expectClose } from '../support/sameViews.ts';

/** Counts the queries a page asks, and how many it had asked when the first answer came back. */
class Recording implements SqlEngine {
  asked = 0;
  askedAtFirstAnswer: number | null = null;
  constructor(private readonly inner: SqlEngine) {}
  async all<R extends object = Row>(query: BoundQuery<R>, signal?: AbortSignal): Promise<R[]> {
    this.asked += 1;
    const rows = await this.inner.all(query, signal);
    this.askedAtFirstAnswer ??= this.asked;
    return rows;
  }
}

const models = parityModels('page-queries');

/**
 * A page sends the queries that do not depend on each other together: DuckDB-WASM's worker runs them
 * back to back while the page updates. Each must still get its own answer from the one connection, in
 * DuckDB-WASM and in native DuckDB (whose engine queues them on its connection).
 */
describe('a page asks its independent queries together', () => {
  let site: SiteContext;
  const state = (extra: Partial<ViewState> = {}): ViewState => ({ ...defaultViewState(), ...extra });

  /** A page's loader, as its island calls it. */
  type Load = (engine: SqlEngine, state: ViewState) => Promise<unknown>;
  const loader =
    <V>(page: () => Pick<PageDefinition<V>, 'load'>): Load =>
    (engine, view) =>
      page().load(engine, site, view);
  const cases: [string, Load, () => ViewState, number][] = [
    ['overview', loader(() => overviewPage), () => state(), 4],
    // The reached list's total is the funnel's own figure; the current-stage list counts its deals.
    ['funnel with a stage’s deals', loader(() => funnelPage), () => state({ stage: site.stages[0]!.stage }), 2],
    [
      'funnel with the deals now in a stage',
      loader(() => funnelPage),
      () => state({ stage: site.stages[0]!.stage, deals: 'current' }),
      3,
    ],
    ['regions', loader(() => regionsPage), () => state(), 2],
    ['products', loader(() => productsPage), () => state(), 2],
    ['campaigns', loader(() => campaignsPage), () => state(), 3],
    ['reps', loader(() => repsPage), () => state(), 3],
    ['receivables', loader(() => receivablesPage), () => state(), 5],
    ['a rep', loader(() => repPage(site.reps[0]!)), () => state(), 3],
  ];

  it.each(cases)(
    '%s: every query asked before the first answer, the same view as one at a time',
    async (_, load, view, expected) => {
      const { native, wasm } = models();
      site = await buildSiteContext(native, '/');
      for (const engine of [wasm.engine, native.engine]) {
        const recording = new Recording(engine);
        const together = await load(recording, view());
        expect(recording.askedAtFirstAnswer).toBe(expected);
        expect(recording.asked).toBe(expected);
        // Natively, a mean's sum may be added in another order on another run: numbers to 1e-9 relative.
        expectClose(together, await load(new OneAtATime(engine), view()), 'view');
      }
    },
  );

  it('a funnel page beyond the end of its list shows the last page, asked once more', async () => {
    const { native, wasm } = models();
    site = await buildSiteContext(native, '/');
    const recording = new Recording(wasm.engine);
    const beyond = (await funnelPage.load(recording, site, state({ stage: site.stages[0]!.stage, page: 100_000 })))
      .deals!;
    expect(recording.asked).toBe(3);
    expect(beyond.page).toBe(beyond.pages);
    const last = (await funnelPage.load(wasm.engine, site, state({ stage: site.stages[0]!.stage, page: beyond.pages })))
      .deals!;
    expect(beyond.rows).toEqual(last.rows);
    expect(beyond.rows.length).toBeGreaterThan(0);
  });
});
