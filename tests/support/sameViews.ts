import { expect } from 'vitest';
import { runCli } from './canonicalFolder.ts';

export const ALL_VIEWS = [
  'funnel',
  'stage_dwell',
  'rep_dwell',
  'cycle_times',
  'kpis',
  'forecast',
  'attainment',
  'campaign_roi',
  'receivables',
] as const;

/** `pipescope query <view> --format json` on a model, parsed. */
export function queryJson(model: string, view: string, extra: readonly string[] = []): Record<string, unknown>[] {
  const r = runCli(['query', view, '--data', model, '--format', 'json', ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Numbers equal to 1e-9 relative (sums may be added in another order), everything else exactly. */
export function expectClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (Array.isArray(actual) && Array.isArray(expected)) {
    expect(actual.length, path).toBe(expected.length);
    actual.forEach((v, i) => expectClose(v, expected[i], `${path}[${i}]`));
  } else if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') {
    expect(Object.keys(actual), path).toEqual(Object.keys(expected));
    for (const key of Object.keys(actual))
      expectClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
  } else {
    expect(actual, path).toEqual(expected);
  }
}

/** Every view of two models is the same: what two exports of the same data must give. */
export function expectSameViews(model: string, reference: string, views: readonly string[] = ALL_VIEWS): void {
  for (const view of views) expectClose(queryJson(model, view), queryJson(reference, view), view);
}
