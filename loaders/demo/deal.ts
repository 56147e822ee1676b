import { pickAccount, type AccountBook } from './accounts.ts';
import type { CreationCalendar } from './creationCalendar.ts';
import { APAC, REGION_UTC_OFFSET_HOURS } from './geography.ts';
import type { IdFormat } from './ids.ts';
import { expectedCloseMs, tellDealStory, type DealStory } from './opportunityStory.ts';
import type { Random } from './rng.ts';
import { cellIndex, type SalesTeam } from './salesTeam.ts';
import { HOUR_MS } from './time.ts';

export const PRODUCT_LINES = ['Platform', 'Analytics', 'Services', 'Add-ons'] as const;
const PRODUCT_SHARE = [0.35, 0.3, 0.2, 0.15];
/** Deal size relative to the tier's typical deal. */
const PRODUCT_SIZE = [1.5, 1, 0.6, 0.3];
/** Median deal size in dollars per tier (VIP, Key, Standard); log-normal spread around it. */
const TIER_MEDIAN_AMOUNT = [90_000, 30_000, 9_000];
const AMOUNT_SIGMA = 0.8;
const MOTIONS = ['New business', 'Expansion', 'Renewal', 'Upgrade', 'Pilot "Phase 2"'];
const MOTION_SHARE = [0.45, 0.25, 0.2, 0.08, 0.02];

/** Everything the demo knows about one opportunity; rows for each file are derived from it. */
export interface Deal {
  id: string;
  name: string;
  account: number;
  /** Index into SalesTeam.reps. */
  owner: number;
  /** The deal's region (always the account's); `regionBlank` leaves it empty in the export. */
  region: number;
  regionBlank: boolean;
  /** Empty when the rep never filled it in. */
  productLine: string;
  /** Whole dollars; null when unknown (empty in the export). */
  amount: number | null;
  createdMs: number;
  closeDateMs: number | null;
  story: DealStory;
  /** Exported by an APAC CRM instance that writes local times with a +08:00 offset. */
  writesChinaTime: boolean;
}

export interface DealContext {
  accounts: AccountBook;
  team: SalesTeam;
  calendar: CreationCalendar;
  dealId: IdFormat;
}

export function createDeal(random: Random, index: number, context: DealContext): Deal {
  const { accounts, team } = context;
  const dayMs = context.calendar.dayOf(index, random);
  const account = pickAccount(random, accounts);
  const tier = accounts.tier[account] ?? 0;
  const region = accounts.region[account] ?? 0;
  const accountOwner = accounts.owner[account] ?? 0;
  const ownerRep = team.reps[accountOwner];
  // Mostly the account owner; sometimes a colleague of the same team and region covers.
  const owner =
    ownerRep && random.chance(0.1)
      ? random.pick(team.cells[cellIndex(ownerRep.team, ownerRep.region)] ?? [accountOwner])
      : accountOwner;
  const product = random.weightedIndex(PRODUCT_SHARE);
  const productName = PRODUCT_LINES[product] ?? PRODUCT_LINES[0];
  const amount = random.logNormal((TIER_MEDIAN_AMOUNT[tier] ?? 9_000) * (PRODUCT_SIZE[product] ?? 1), AMOUNT_SIGMA);
  // Created during local business hours (08:00–18:00); every region's day stays inside the UTC day.
  const localHour = random.between(8, 18);
  const createdMs = dayMs + Math.round(((localHour - (REGION_UTC_OFFSET_HOURS[region] ?? 0)) * HOUR_MS) / 1000) * 1000;
  const story = tellDealStory(random, createdMs, tier);
  return {
    id: context.dealId(index + 1),
    name: `${accounts.names[account] ?? ''} - ${productName} ${MOTIONS[random.weightedIndex(MOTION_SHARE)] ?? ''}`,
    account,
    owner,
    region,
    regionBlank: random.chance(0.03),
    productLine: random.chance(0.03) ? '' : productName,
    amount: random.chance(0.01) ? null : Math.max(500, Math.round(amount / 10) * 10),
    createdMs,
    closeDateMs: story.closedMs ?? expectedCloseMs(random, createdMs, tier),
    story,
    writesChinaTime: region === APAC && random.chance(0.25),
  };
}
