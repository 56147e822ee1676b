import { idFormat } from './ids.ts';
import type { Random } from './rng.ts';
import { DAY_MS } from './time.ts';

export interface Campaign {
  id: string;
  name: string;
  channel: string;
  /** null: the budget was never recorded (empty cost in the export). */
  cost: number | null;
  startMs: number;
  endMs: number;
  /** Relative share of the leads arriving while it runs. */
  reach: number;
}

export interface CampaignCalendar {
  campaigns: Campaign[];
  /** Campaign indexes that can still bring in a lead at the given instant. */
  activeAt(ms: number): readonly number[];
}

interface Channel {
  name: string;
  durationDays: [number, number];
  /** Cost range at the reference volume of 5,000 deals. */
  cost: [number, number];
  themes: string[];
}

const CHANNELS: readonly Channel[] = [
  {
    name: 'Webinar',
    durationDays: [0, 0],
    cost: [2_000, 8_000],
    themes: ['Forecasting that works', 'Pipeline hygiene, explained', 'RevOps roundtable'],
  },
  {
    name: 'Paid Search',
    durationDays: [60, 90],
    cost: [15_000, 60_000],
    themes: ['Brand keywords', 'Competitor keywords', 'Analytics keywords'],
  },
  {
    name: 'Trade Show',
    durationDays: [2, 3],
    cost: [30_000, 120_000],
    themes: ['SaaS Connect', 'RetailTech Expo', 'Data Summit'],
  },
  {
    name: 'Email',
    durationDays: [10, 20],
    cost: [1_000, 5_000],
    themes: ['Nurture: trial users', 'Re-engagement', 'Product launch'],
  },
  {
    name: 'Content',
    durationDays: [60, 120],
    cost: [5_000, 20_000],
    themes: ["Buyer's guide", 'Benchmark report', '"State of Sales" e-book'],
  },
];

/** Campaigns run from Q4 2023 (leads before the first deals) to Q4 2026. */
const FIRST_QUARTER = { year: 2023, quarter: 4 };
const QUARTERS = 13;
const CAMPAIGNS_PER_QUARTER = 3;
/** Leads keep trickling in for a while after a campaign ends. */
const LEAD_TAIL_DAYS = 45;
const CALENDAR_START_MS = Date.UTC(2023, 9, 1);
const CALENDAR_END_MS = Date.UTC(2027, 0, 1);
const WEEK_MS = 7 * DAY_MS;
/** The always-on programs bring a steady trickle, not the bulk of the leads. */
const EVERGREEN_REACH = 0.3;
/** Cost ranges are sized for this many deals and scale with the demo's volume. */
const REFERENCE_DEALS = 5_000;

/**
 * Quarterly campaigns on rotating channels, plus two programs that run all three years:
 * a partner program that costs nothing and a newsletter whose cost was never recorded
 * (campaign ROI must show both as "no ROI" rather than divide by zero).
 */
export function buildCampaigns(random: Random, opportunities: number): CampaignCalendar {
  const campaignId = idFormat('C-', 2, QUARTERS * CAMPAIGNS_PER_QUARTER + 2);
  const costScale = opportunities / REFERENCE_DEALS;
  const campaigns: Campaign[] = [
    {
      id: '',
      name: 'Partner referral program',
      channel: 'Partner',
      cost: 0,
      startMs: Date.UTC(2024, 0, 1),
      endMs: Date.UTC(2026, 11, 31),
      reach: EVERGREEN_REACH,
    },
    {
      id: '',
      name: 'Customer newsletter',
      channel: 'Content',
      cost: null,
      startMs: Date.UTC(2024, 0, 1),
      endMs: Date.UTC(2026, 11, 31),
      reach: EVERGREEN_REACH,
    },
  ];
  for (let q = 0; q < QUARTERS; q++) {
    const quarterIndex = FIRST_QUARTER.quarter - 1 + q;
    const year = FIRST_QUARTER.year + Math.floor(quarterIndex / 4);
    const quarter = (quarterIndex % 4) + 1;
    const quarterStartMs = Date.UTC(year, (quarter - 1) * 3, 1);
    for (const channel of distinctChannels(random)) {
      const startMs = quarterStartMs + random.int(0, 60) * DAY_MS;
      const cost = random.between(channel.cost[0], channel.cost[1]) * costScale;
      campaigns.push({
        id: '',
        name: `${year} Q${quarter} ${channel.name}: ${random.pick(channel.themes)}`,
        channel: channel.name,
        cost: Math.max(100, Math.round(cost / 100) * 100),
        startMs,
        endMs: startMs + random.int(channel.durationDays[0], channel.durationDays[1]) * DAY_MS,
        reach: 1,
      });
    }
  }
  // Code-unit order, not localeCompare: the files must not depend on the machine's locale.
  campaigns.sort((a, b) => a.startMs - b.startMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  campaigns.forEach((campaign, i) => (campaign.id = campaignId(i + 1)));
  return { campaigns, activeAt: weeklyIndex(campaigns) };
}

function distinctChannels(random: Random): Channel[] {
  const pool = [...CHANNELS];
  const chosen: Channel[] = [];
  while (chosen.length < CAMPAIGNS_PER_QUARTER) {
    chosen.push(...pool.splice(random.int(0, pool.length - 1), 1));
  }
  return chosen;
}

/** Looking campaigns up by week keeps lead generation O(1) per lead; the exact window is checked after. */
function weeklyIndex(campaigns: readonly Campaign[]): (ms: number) => readonly number[] {
  const weeks = Math.ceil((CALENDAR_END_MS - CALENDAR_START_MS) / WEEK_MS);
  const byWeek: number[][] = Array.from({ length: weeks }, () => []);
  campaigns.forEach((campaign, index) => {
    const first = Math.max(0, Math.floor((campaign.startMs - CALENDAR_START_MS) / WEEK_MS));
    const last = Math.min(
      weeks - 1,
      Math.floor((campaign.endMs + LEAD_TAIL_DAYS * DAY_MS - CALENDAR_START_MS) / WEEK_MS),
    );
    for (let week = first; week <= last; week++) byWeek[week]?.push(index);
  });
  const attracts = (campaign: Campaign | undefined, ms: number) =>
    campaign !== undefined && campaign.startMs <= ms && ms <= campaign.endMs + LEAD_TAIL_DAYS * DAY_MS;
  return (ms) =>
    (byWeek[Math.floor((ms - CALENDAR_START_MS) / WEEK_MS)] ?? []).filter((index) => attracts(campaigns[index], ms));
}
