import type { AccountBook } from './accounts.ts';
import type { Deal } from './deal.ts';
import type { IdFormat } from './ids.ts';
import type { Random } from './rng.ts';
import { cellIndex, ENTERPRISE, type SalesTeam } from './salesTeam.ts';
import { AS_OF_MS, isoUtc } from './time.ts';

const MEAN_PER_DEAL = 3;
export const MAX_PER_DEAL = 10;
const TYPES = ['email', 'call', 'meeting', 'task', 'visit'];
const TYPE_SHARE_MID_MARKET = [0.4, 0.32, 0.14, 0.12, 0.02];
/** Enterprise reps meet and visit more, mail less. */
const TYPE_SHARE_ENTERPRISE = [0.3, 0.28, 0.2, 0.1, 0.12];

/** Calls, emails, meetings, visits and tasks logged while a deal is worked (creation to close, or to as-of). */
export class ActivityLog {
  private issued = 0;

  constructor(
    private readonly activityId: IdFormat,
    private readonly team: SalesTeam,
    private readonly accounts: AccountBook,
  ) {}

  activitiesFor(random: Random, deal: Deal): string[][] {
    const rows: string[][] = [];
    const count = Math.min(MAX_PER_DEAL, random.poisson(MEAN_PER_DEAL));
    const endMs = deal.story.closedMs ?? AS_OF_MS;
    const owner = this.team.reps[deal.owner];
    const shares = owner?.team === ENTERPRISE ? TYPE_SHARE_ENTERPRISE : TYPE_SHARE_MID_MARKET;
    for (let k = 0; k < count; k++) {
      const atMs = deal.createdMs + Math.floor((random.float() * (endMs - deal.createdMs)) / 1000) * 1000;
      // Mostly the deal owner; sometimes a colleague (pre-sales, cover); some touches are logged on the account only.
      const byColleague = owner !== undefined && random.chance(0.1);
      const repIndex = byColleague
        ? random.pick(this.team.cells[cellIndex(owner.team, owner.region)] ?? [deal.owner])
        : deal.owner;
      rows.push([
        this.activityId(++this.issued),
        this.team.reps[repIndex]?.id ?? '',
        isoUtc(atMs),
        TYPES[random.weightedIndex(shares)] ?? 'task',
        random.chance(0.08) ? '' : deal.id,
        this.accounts.ids[deal.account] ?? '',
      ]);
    }
    return rows;
  }
}
