/**
 * Runs the real pipeline on a canonical fixture folder: `buildModel` into a temporary directory,
 * `openModel`, then `runView`. Metric tests compare its rows with numbers worked out by hand, so a
 * fixture is built once per (fixture, time zone) and test file, and every view query reuses it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { buildModel } from '../../loaders/build.ts';
import type { Row, SqlEngine } from '../../src/db/engine.ts';
import { openModel } from '../../src/db/nativeModel.ts';
import { runView, type ViewName } from '../../src/metrics/index.ts';
import type { Filters, MetricParams } from '../../src/metrics/params.ts';

/** The snapshot every fixture is built at; the READMEs derive all dwell times from it. */
export const FIXTURE_AS_OF = '2026-03-01T00:00:00Z';

export type FixtureName = 'basic' | 'quirks' | 'shanghai' | 'pipelines';

export interface ViewOptions {
  /** Build time zone (`--tz`), also the zone the window is read in; absent = the loader's default (UTC). */
  readonly tz?: string;
  /** Query-time snapshot; absent = the manifest's as_of. */
  readonly asOf?: string;
  readonly from?: string;
  readonly to?: string;
  readonly filters?: Filters;
  /** The other metric parameters (comparison, stall limits, idle days, a list's limit). */
  readonly params?: Partial<Pick<MetricParams, 'compare' | 'stallLimitDays' | 'idleDays' | 'limit' | 'targetScopes'>>;
}

interface OpenFixture {
  readonly engine: SqlEngine;
  readonly asOf: string;
  /** The zone the build read timestamps in, which windows are read in too. */
  readonly tz: string;
  readonly outDir: string;
  close(): void;
}

const opened = new Map<string, Promise<OpenFixture>>();

export function fixtureDir(name: FixtureName): string {
  return fileURLToPath(new URL(`../fixtures/metrics/${name}/`, import.meta.url));
}

async function openFixture(name: FixtureName, tz: string | undefined): Promise<OpenFixture> {
  const outDir = await mkdtemp(join(tmpdir(), `pipescope-${name}-`));
  const built = await buildModel({
    source: 'canonical',
    inDir: fixtureDir(name),
    outDir,
    asOf: FIXTURE_AS_OF,
    ...(tz === undefined ? {} : { tz }),
  });
  if (!built.ok) {
    const lines = built.problems.map((p) => `${p.file}:${p.line ?? '-'}: ${p.column ?? '-'}: ${p.message}`);
    throw new Error(`fixture ${name} does not build:\n${lines.join('\n')}`);
  }
  const model = await openModel(outDir);
  return {
    engine: model.engine,
    asOf: model.manifest.as_of,
    tz: model.manifest.tz,
    outDir,
    close: () => model.close(),
  };
}

/** A fixture's model, built once per (fixture, time zone) and test file; for queries that are not views. */
export function fixtureModel(name: FixtureName, tz?: string): Promise<Pick<OpenFixture, 'engine' | 'asOf' | 'tz'>> {
  const key = `${name}|${tz ?? ''}`;
  let fixture = opened.get(key);
  if (!fixture) {
    fixture = openFixture(name, tz);
    opened.set(key, fixture);
  }
  return fixture;
}

export async function viewRows(name: FixtureName, view: ViewName, options: ViewOptions = {}): Promise<Row[]> {
  const { engine, asOf, tz } = await fixtureModel(name, options.tz);
  return runView(engine, view, {
    asOf: options.asOf ?? asOf,
    tz,
    from: options.from,
    to: options.to,
    filters: options.filters ?? {},
    ...options.params,
  });
}

/** For `afterAll`: closes every model this test file opened and deletes its build directory. */
export async function closeFixtureModels(): Promise<void> {
  const fixtures = await Promise.allSettled(opened.values());
  opened.clear();
  for (const result of fixtures) {
    if (result.status !== 'fulfilled') continue;
    result.value.close();
    await rm(result.value.outDir, { recursive: true, force: true });
  }
}

/** The stages every fixture shares (stages.csv), open ones first, then the won stage. */
export const STAGE_ORDER = { Prospecting: 1, Qualification: 2, Proposal: 3, Negotiation: 4, Won: 5 } as const;
export type OpenStage = Exclude<keyof typeof STAGE_ORDER, 'Won'>;

type FunnelStep = [reached: number, reachedAmount: number, convFromPrev: number | null, convFromTop: number | null];

/** Expected funnel rows: one step per open stage in order, then the won stage. */
export function funnel(...steps: [FunnelStep, FunnelStep, FunnelStep, FunnelStep, FunnelStep]) {
  return Object.entries(STAGE_ORDER).map(([stage, stage_order], i) => {
    const [reached, reached_amount, fromPrev, fromTop] = steps[i]!;
    return {
      stage,
      stage_order,
      kind: stage === 'Won' ? 'won' : 'open',
      reached,
      reached_amount,
      conv_from_prev: fromPrev === null ? null : approx(fromPrev),
      conv_from_top: fromTop === null ? null : approx(fromTop),
    };
  });
}

/** Fractional days and ratios: equal to 6 decimal places, inside `toEqual` row literals. */
export function approx(value: number): unknown {
  return expect.closeTo(value, 6);
}

/** Rows of views whose order docs/metrics.md leaves open, put in a fixed order (nulls last) before comparing. */
export function sortedBy(rows: Row[], ...keys: string[]): Row[] {
  const compare = (a: Row[string] | undefined, b: Row[string] | undefined): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;
    if (b === null || b === undefined) return -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a) < String(b) ? -1 : 1;
  };
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const c = compare(a[key], b[key]);
      if (c !== 0) return c;
    }
    return 0;
  });
}
