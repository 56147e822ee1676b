import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../loaders/build.ts';
import { loadAllRepPages, loadRepPage } from '../../src/dashboards/rep.ts';
import { openModel, type NativeModel } from '../../src/db/nativeModel.ts';
import { buildSiteContext } from '../../src/site/buildContext.ts';
import { metricParams, type SiteContext } from '../../src/site/context.ts';
import { defaultViewState } from '../../src/state/viewState.ts';
import { fixtureDir } from '../support/fixtureModel.ts';

/**
 * A rep's page opens on this year unless the rep had no deal created or closed in it: then on the rep's
 * own latest year with deals, exactly as the page's island would query it. The `basic` fixture read as of
 * 2026-01-02 00:00: R1's O02 was created at that instant; R2 (O13 lost 2025-12-10) and R3 (O12 won
 * 2025-12-20) have only 2025 deals yet.
 */
describe('the default period of a rep’s page', () => {
  let dir: string;
  let model: NativeModel;
  let site: SiteContext;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pipescope-rep-default-'));
    const built = await buildModel({
      source: 'canonical',
      inDir: fixtureDir('basic'),
      outDir: dir,
      asOf: '2026-01-02T00:00:00Z',
    });
    expect(built.ok).toBe(true);
    model = await openModel(dir);
    site = await buildSiteContext(model, '/');
  });

  afterAll(async () => {
    model.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is this year for the site, which has a deal this year', () => {
    expect(site.latestDealDate).toBe('2026-01-02');
    expect(metricParams(site, defaultViewState())).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('is the rep’s own latest year with deals, and each page equals what its island would query', async () => {
    const pages = await loadAllRepPages(model.engine, site, defaultViewState());
    const window = (id: string) => metricParams(pages.get(id)!.site, defaultViewState());
    expect(window('R1')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(window('R2')).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(window('R3')).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    // 2025 for R2: O13 lost; for R3: O12 won, 30,000.
    expect(pages.get('R2')!.view.summary).toMatchObject({ won_amount: 0, won_deals: 0, lost_deals: 1 });
    expect(pages.get('R3')!.view.summary).toMatchObject({ won_amount: 30000, won_deals: 1, lost_deals: 0 });
    for (const rep of site.reps) {
      const page = pages.get(rep.rep_id)!;
      expect(page.view, rep.rep_id).toEqual(await loadRepPage(model.engine, page.site, rep, defaultViewState()));
    }
  });
});
