import { TIERS, type AccountBook } from './accounts.ts';
import type { Campaign } from './campaigns.ts';
import { INDUSTRIES, REGIONS } from './geography.ts';
import { TEAMS, type Rep } from './salesTeam.ts';
import { STAGES } from './stages.ts';
import { isoDate } from './time.ts';

/** Rows of the small reference tables, as the canonical format spells them. */

export function* stageRows(): Generator<string[]> {
  for (const stage of STAGES) yield [stage.name, String(stage.order), String(stage.probability), stage.kind];
}

export function* repRows(reps: readonly Rep[]): Generator<string[]> {
  for (const rep of reps) yield [rep.id, rep.name, rep.managerId, REGIONS[rep.region] ?? '', TEAMS[rep.team] ?? ''];
}

export function* accountRows(accounts: AccountBook): Generator<string[]> {
  for (const [i, id] of accounts.ids.entries()) {
    yield [
      id,
      accounts.names[i] ?? '',
      REGIONS[accounts.region[i] ?? 0] ?? '',
      INDUSTRIES[accounts.industry[i] ?? 0] ?? '',
      TIERS[accounts.tier[i] ?? 0] ?? '',
    ];
  }
}

export function* campaignRows(campaigns: readonly Campaign[]): Generator<string[]> {
  for (const c of campaigns) {
    yield [c.id, c.name, c.channel, c.cost === null ? '' : String(c.cost), isoDate(c.startMs), isoDate(c.endMs)];
  }
}
