import { REGIONS } from './geography.ts';
import type { Random } from './rng.ts';
import type { Rep } from './salesTeam.ts';
import { AS_OF_MS, FIRST_TARGET_YEAR, monthIndex, TARGET_MONTHS } from './time.ts';

/** Targets are set a little above what the business then delivers: attainment centres near 90%. */
const STRETCH = 1.05;
const NOISE: [number, number] = [0.9, 1.1];
/** A target blends the entity's own trend with the average entity, so a quiet rep still has a quota. */
const OWN_TREND_WEIGHT = 0.9;
const SMOOTHING_MONTHS = 2;

/**
 * Won amounts per close month, per company, region and rep, collected while the deals stream
 * by (36 months × entities — small). Targets are then planned from these trends, which keeps
 * attainment realistic whatever the volume or seed.
 */
export class WonLedger {
  private readonly company = new Float64Array(TARGET_MONTHS);
  private readonly regions: Float64Array[] = REGIONS.map(() => new Float64Array(TARGET_MONTHS));
  private readonly reps: Float64Array[];

  constructor(private readonly team: readonly Rep[]) {
    this.reps = team.map(() => new Float64Array(TARGET_MONTHS));
  }

  record(closedMs: number, region: number, rep: number, amount: number): void {
    const month = monthIndex(closedMs);
    if (month < 0 || month >= TARGET_MONTHS) return;
    add(this.company, month, amount);
    add(this.regions[region], month, amount);
    add(this.reps[rep], month, amount);
  }

  /** targets.csv rows: company by year, quarter and month; regions and reps by quarter and month. */
  *targetRows(random: Random): Generator<string[]> {
    const company = plan(random, this.company, this.company, 1);
    yield* periodRows('company', '', company, 1_000, true);
    const regionAverage = average(this.regions);
    for (const [region, won] of this.regions.entries()) {
      yield* periodRows(
        'region',
        REGIONS[region] ?? '',
        plan(random, won, regionAverage, OWN_TREND_WEIGHT),
        1_000,
        false,
      );
    }
    const repAverage = average(this.reps);
    for (const [rep, won] of this.reps.entries()) {
      yield* periodRows('rep', this.team[rep]?.id ?? '', plan(random, won, repAverage, OWN_TREND_WEIGHT), 100, false);
    }
  }
}

/**
 * Monthly plan: half the month's own won amount, half its centred moving average (so a plan
 * follows the trend without matching every spike), blended with the peers' average, then
 * stretched and jittered. Months after as-of continue the trend of the last complete months.
 */
function plan(random: Random, own: Float64Array, peers: Float64Array, ownWeight: number): Float64Array {
  const lastComplete = monthIndex(AS_OF_MS - 1);
  const smoothOwn = smooth(own, lastComplete);
  const smoothPeers = smooth(peers, lastComplete);
  const monthly = new Float64Array(TARGET_MONTHS);
  for (let m = 0; m < TARGET_MONTHS; m++) {
    const ownTrend = m <= lastComplete ? ((own[m] ?? 0) + (smoothOwn[m] ?? 0)) / 2 : (smoothOwn[lastComplete] ?? 0);
    const peerTrend = smoothPeers[Math.min(m, lastComplete)] ?? 0;
    const trend = ownWeight * ownTrend + (1 - ownWeight) * peerTrend;
    monthly[m] = trend * STRETCH * random.between(NOISE[0], NOISE[1]);
  }
  return monthly;
}

function smooth(series: Float64Array, lastComplete: number): Float64Array {
  const result = new Float64Array(series.length);
  for (let m = 0; m <= lastComplete; m++) {
    const from = Math.max(0, m - SMOOTHING_MONTHS);
    const to = Math.min(lastComplete, m + SMOOTHING_MONTHS);
    let sum = 0;
    for (let k = from; k <= to; k++) sum += series[k] ?? 0;
    result[m] = sum / (to - from + 1);
  }
  return result;
}

function* periodRows(
  scope: string,
  scopeId: string,
  monthly: Float64Array,
  step: number,
  withYears: boolean,
): Generator<string[]> {
  const rounded = Array.from(monthly, (value) => Math.max(step, Math.round(value / step) * step));
  const years = TARGET_MONTHS / 12;
  for (let y = 0; y < years; y++) {
    const year = FIRST_TARGET_YEAR + y;
    const months = rounded.slice(y * 12, y * 12 + 12);
    if (withYears) yield [String(year), scope, scopeId, String(sum(months))];
    for (let q = 0; q < 4; q++)
      yield [`${year}-Q${q + 1}`, scope, scopeId, String(sum(months.slice(q * 3, q * 3 + 3)))];
    for (let m = 0; m < 12; m++)
      yield [`${year}-${String(m + 1).padStart(2, '0')}`, scope, scopeId, String(months[m] ?? step)];
  }
}

function average(series: readonly Float64Array[]): Float64Array {
  const result = new Float64Array(TARGET_MONTHS);
  for (const values of series) for (let m = 0; m < TARGET_MONTHS; m++) add(result, m, (values[m] ?? 0) / series.length);
  return result;
}

function add(series: Float64Array | undefined, month: number, amount: number): void {
  if (series) series[month] = (series[month] ?? 0) + amount;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
