import type { AccountBook } from './accounts.ts';
import type { Deal } from './deal.ts';
import { REGIONS } from './geography.ts';
import type { LeadLink } from './leads.ts';
import type { SalesTeam } from './salesTeam.ts';
import { isoDate, isoUtc, isoUtcPlus8 } from './time.ts';

/** Single-currency demo: every amount is in US dollars. */
const CURRENCY = 'USD';

export function opportunityRow(deal: Deal, link: LeadLink, accounts: AccountBook, team: SalesTeam): string[] {
  const timestamp = deal.writesChinaTime ? isoUtcPlus8 : isoUtc;
  return [
    deal.id,
    deal.name,
    accounts.ids[deal.account] ?? '',
    team.reps[deal.owner]?.id ?? '',
    deal.regionBlank ? '' : (REGIONS[deal.region] ?? ''),
    deal.productLine,
    deal.amount === null ? '' : String(deal.amount),
    CURRENCY,
    timestamp(deal.createdMs),
    deal.closeDateMs === null ? '' : isoDate(deal.closeDateMs),
    deal.story.stage,
    link.leadId,
    link.campaignId,
  ];
}

export function historyRows(deal: Deal): string[][] {
  const timestamp = deal.writesChinaTime ? isoUtcPlus8 : isoUtc;
  return deal.story.history.map((row) => [deal.id, row.stage, timestamp(row.atMs)]);
}
