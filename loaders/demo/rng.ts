import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * The demo's only source of randomness: xoroshiro128+ (pure-rand) seeded from the CLI seed,
 * so the same options give byte-identical files. Never use Math.random in the demo.
 */
export class Random {
  private constructor(private readonly generator: JumpableRandomGenerator) {}

  /** `seed` is read as a 32-bit integer (pure-rand's seeding). */
  static fromSeed(seed: number): Random {
    return new Random(xoroshiro128plus(seed));
  }

  /**
   * An independent stream: the child takes over the current position and this generator jumps
   * 2^64 draws ahead. Each part of the demo (catalog, deals, targets) draws from its own stream,
   * so tuning one part does not reshuffle the others.
   */
  fork(): Random {
    const child = this.generator.clone();
    this.generator.jump();
    return new Random(child);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.generator);
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let remaining = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      remaining -= weights[i] ?? 0;
      if (remaining < 0) return i;
    }
    return weights.length - 1;
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Standard normal (Box–Muller; the second value is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /** Log-normal with the given median and log-space spread: deal sizes have a long right tail. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson count (Knuth's method; fine for the small means the demo uses). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.float();
    while (product > limit) {
      count++;
      product *= this.float();
    }
    return count;
  }
}
