import { INDUSTRIES, REGION_SHARE } from './geography.ts';
import { idFormat } from './ids.ts';
import { companyName } from './names.ts';
import type { Random } from './rng.ts';
import { cellIndex, ENTERPRISE, MID_MARKET, type SalesTeam } from './salesTeam.ts';

export const TIERS = ['VIP', 'Key', 'Standard'] as const;
export const VIP = 0;
export const KEY = 1;
export const STANDARD = 2;

/** Few VIP accounts, many Standard ones. */
const TIER_SHARE: readonly number[] = [0.05, 0.2, 0.75];
/** How many deals an account of each tier opens relative to a Standard one. */
const TIER_DEAL_WEIGHT: readonly number[] = [4, 2, 1];
const TIER_SHARE_OF_DEALS = TIER_SHARE.map((share, tier) => share * (TIER_DEAL_WEIGHT[tier] ?? 1));

/** Column-wise so that 125k accounts (at a million deals) stay a few megabytes. */
export interface AccountBook {
  ids: string[];
  names: string[];
  region: Uint8Array;
  industry: Uint8Array;
  tier: Uint8Array;
  /** Index into SalesTeam.reps of the account owner. */
  owner: Int32Array;
  /** Account indexes per tier, for picking the account of a new deal. */
  byTier: Int32Array[];
}

/** About eight deals per account over three years (new business, expansions, renewals). */
export function accountCount(opportunities: number): number {
  return Math.max(100, Math.round(opportunities / 8));
}

export function buildAccounts(random: Random, count: number, team: SalesTeam): AccountBook {
  const accountId = idFormat('A-', 4, count);
  const tiers = shuffledTiers(random, count);
  const book: AccountBook = {
    ids: [],
    names: [],
    region: new Uint8Array(count),
    industry: new Uint8Array(count),
    tier: tiers,
    owner: new Int32Array(count),
    byTier: [],
  };
  for (let i = 0; i < count; i++) {
    const region = random.weightedIndex(REGION_SHARE);
    const industry = random.int(0, INDUSTRIES.length - 1);
    const sellingTeam = tiers[i] === STANDARD ? MID_MARKET : ENTERPRISE;
    book.ids.push(accountId(i + 1));
    book.names.push(companyName(random, region, industry));
    book.region[i] = region;
    book.industry[i] = industry;
    book.owner[i] = random.pick(team.cells[cellIndex(sellingTeam, region)] ?? []);
  }
  book.byTier = TIERS.map((_, tier) => Int32Array.from(indexesWhere(tiers, tier)));
  return book;
}

/** The account a new deal belongs to: bigger tiers buy more often. */
export function pickAccount(random: Random, book: AccountBook): number {
  const tier = random.weightedIndex(TIER_SHARE_OF_DEALS);
  const candidates = book.byTier[tier] ?? new Int32Array();
  return candidates[random.int(0, candidates.length - 1)] ?? 0;
}

/** Exact tier quotas (at least one VIP), in random order. */
function shuffledTiers(random: Random, count: number): Uint8Array {
  const vip = Math.max(1, Math.round(count * (TIER_SHARE[0] ?? 0)));
  const key = Math.max(1, Math.round(count * (TIER_SHARE[1] ?? 0)));
  const tiers = new Uint8Array(count).fill(STANDARD);
  tiers.fill(VIP, 0, vip);
  tiers.fill(KEY, vip, vip + key);
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(0, i);
    const swap = tiers[i] ?? STANDARD;
    tiers[i] = tiers[j] ?? STANDARD;
    tiers[j] = swap;
  }
  return tiers;
}

function* indexesWhere(values: Uint8Array, wanted: number): Generator<number> {
  for (let i = 0; i < values.length; i++) if (values[i] === wanted) yield i;
}
