import type { Campaign, CampaignCalendar } from './campaigns.ts';
import type { Deal } from './deal.ts';
import type { IdFormat } from './ids.ts';
import type { Random } from './rng.ts';
import { cellIndex, type SalesTeam } from './salesTeam.ts';
import { DAY_MS, HOUR_MS, isoUtc } from './time.ts';

/** What the opportunity row shows about where the deal came from. */
export interface LeadLink {
  leadId: string;
  campaignId: string;
}

const CONVERTED_CHANCE = 0.8;
/** Unconverted leads per deal: with 80% of deals converted from a lead, leads ≈ 2.5 × converted deals. */
const UNCONVERTED_PER_DEAL = 1.2;
export const MAX_UNCONVERTED_PER_DEAL = 6;
const CAMPAIGN_SOURCED_CHANCE = 0.65;
const OTHER_SOURCES = ['Website', 'Referral', 'Outbound', 'Inbound call'];

/**
 * Leads written alongside each deal, so the lead table needs no memory of its own: the deal's
 * converted lead (created days before it, `converted_at` = the deal's creation) and a few
 * leads from the same period that never converted.
 */
export class LeadDesk {
  private issued = 0;

  constructor(
    private readonly leadId: IdFormat,
    private readonly calendar: CampaignCalendar,
    private readonly team: SalesTeam,
  ) {}

  leadsFor(random: Random, deal: Deal): { rows: string[][]; link: LeadLink } {
    const rows: string[][] = [];
    const link: LeadLink = { leadId: '', campaignId: '' };
    const ownerId = this.team.reps[deal.owner]?.id ?? '';
    if (random.chance(CONVERTED_CHANCE)) {
      const createdMs = deal.createdMs - Math.max(HOUR_MS, Math.round(random.exponential(14 * DAY_MS) / 1000) * 1000);
      const campaign = this.campaignAt(random, createdMs, CAMPAIGN_SOURCED_CHANCE);
      const id = this.nextId();
      rows.push([
        id,
        isoUtc(createdMs),
        this.source(random, campaign),
        campaign?.id ?? '',
        ownerId,
        isoUtc(deal.createdMs),
        deal.id,
      ]);
      // A few deals name no lead; the link then exists only on the lead's side (leads.opp_id).
      link.leadId = random.chance(0.02) ? '' : id;
      // Some CRMs copy the lead's campaign onto the deal; a few deals credit a later touch instead.
      if (campaign && random.chance(0.5)) link.campaignId = campaign.id;
      else if (random.chance(0.05)) link.campaignId = this.campaignAt(random, deal.createdMs, 1)?.id ?? '';
    } else if (random.chance(0.05)) {
      link.campaignId = this.campaignAt(random, deal.createdMs, 1)?.id ?? '';
    }
    const unconverted = Math.min(MAX_UNCONVERTED_PER_DEAL, random.poisson(UNCONVERTED_PER_DEAL));
    for (let k = 0; k < unconverted; k++) {
      const createdMs = deal.createdMs - Math.round(random.between(0, 90 * DAY_MS) / 1000) * 1000;
      const campaign = this.campaignAt(random, createdMs, CAMPAIGN_SOURCED_CHANCE);
      const owner = random.chance(0.1) ? '' : this.colleagueOf(random, deal.owner);
      rows.push([this.nextId(), isoUtc(createdMs), this.source(random, campaign), campaign?.id ?? '', owner, '', '']);
    }
    return { rows, link };
  }

  private nextId(): string {
    return this.leadId(++this.issued);
  }

  /** A campaign running at `ms`, with probability `chance` (none when nothing runs). */
  private campaignAt(random: Random, ms: number, chance: number): Campaign | undefined {
    const active = this.calendar.activeAt(ms);
    if (active.length === 0 || !random.chance(chance)) return undefined;
    const reach = active.map((index) => this.calendar.campaigns[index]?.reach ?? 0);
    return this.calendar.campaigns[active[random.weightedIndex(reach)] ?? -1];
  }

  private source(random: Random, campaign: Campaign | undefined): string {
    return campaign ? campaign.channel : random.pick(OTHER_SOURCES);
  }

  private colleagueOf(random: Random, repIndex: number): string {
    const rep = this.team.reps[repIndex];
    if (!rep) return '';
    return this.team.reps[random.pick(this.team.cells[cellIndex(rep.team, rep.region)] ?? [repIndex])]?.id ?? '';
  }
}
