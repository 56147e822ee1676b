import { FILTER_KEYS, type Filters } from '../../../src/metrics/params.ts';
import { DEAL_LISTS, DEAL_SORTS, SORT_DIRS } from '../../../src/metrics/stageDeals.ts';
import { LANGS } from '../../../src/i18n/lang.ts';
import { PERIOD_PRESETS } from '../../../src/state/periods.ts';
import type { StateContext, ViewState } from '../../../src/state/viewState.ts';
import { dateOfEpochDay, epochDay } from '../../../src/time/zone.ts';

export interface SeededRandom {
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(values: readonly T[]): T;
  chance(p: number): boolean;
}

/** A small LCG (Numerical Recipes constants): the same seed gives the same cases on every run. */
export function seededRandom(seed: number): SeededRandom {
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { int, pick: (values) => values[int(values.length)]!, chance: (p) => next() < p };
}

const randomDate = (random: SeededRandom): string => dateOfEpochDay(epochDay('1990-01-01') + random.int(120 * 366));

/** A canonical state the context accepts: what the UI can produce and a link must reproduce. */
export function randomViewState(random: SeededRandom, ctx: StateContext): ViewState {
  const period = random.pick(PERIOD_PRESETS);
  let from: string | undefined;
  let to: string | undefined;
  if (period === 'custom') {
    const dates = [randomDate(random), randomDate(random)].sort();
    from = random.chance(0.8) ? dates[0] : undefined;
    to = random.chance(0.8) ? dates[1] : undefined;
  }
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const values = ctx.options[key].filter(() => random.chance(0.3));
    if (values.length > 0) filters[key] = [...values].sort();
  }
  return {
    period,
    from,
    to,
    compare: random.pick(['previous', 'year'] as const),
    filters,
    stage: random.chance(0.5) ? random.pick(ctx.stages) : undefined,
    deals: random.pick(DEAL_LISTS),
    sort: random.pick(DEAL_SORTS),
    dir: random.pick(SORT_DIRS),
    page: random.chance(0.5) ? 1 : 1 + random.int(100_000),
    lang: random.chance(0.5) ? random.pick(LANGS) : undefined,
  };
}
