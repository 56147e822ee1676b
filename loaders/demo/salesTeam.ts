import { REGIONS, REGION_SHARE } from './geography.ts';
import { idFormat } from './ids.ts';
import { uniquePersonName } from './names.ts';
import type { Random } from './rng.ts';

/** Enterprise sells to VIP and Key accounts, Mid-Market to Standard ones. */
export const TEAMS = ['Enterprise', 'Mid-Market'] as const;
export const ENTERPRISE = 0;
export const MID_MARKET = 1;

export interface Rep {
  id: string;
  name: string;
  /** Empty for the two team leads. */
  managerId: string;
  region: number;
  team: number;
}

export interface SalesTeam {
  reps: Rep[];
  /** Rep indexes per team and region: `cells[cellIndex(team, region)]`. */
  cells: number[][];
}

const MIN_REPS = TEAMS.length * REGIONS.length;
/** About 2,500 deals per rep over the three demo years once the team grows past its minimum. */
const DEALS_PER_REP = 2_500;

export function cellIndex(team: number, region: number): number {
  return team * REGIONS.length + region;
}

/** 8 reps (one per team and region) up to 20k deals, then growing so per-rep volumes stay realistic. */
export function repCount(opportunities: number): number {
  return Math.max(MIN_REPS, Math.round(opportunities / DEALS_PER_REP));
}

/**
 * Every team/region cell gets one rep, the rest are spread by region share (largest remainder).
 * Hierarchy: the first rep of a team's first region leads the team; the first rep of each cell
 * manages it and reports to the team lead; large cells are split into squads of SQUAD_SIZE,
 * each led by its first rep, who reports to the cell manager.
 */
export function buildSalesTeam(random: Random, count: number): SalesTeam {
  const sizes = cellSizes(count);
  const repId = idFormat('R-', 2, count);
  const reps: Rep[] = [];
  const cells: number[][] = sizes.map(() => []);
  const names = new Set<string>();
  for (let team = 0; team < TEAMS.length; team++) {
    const leadId = repId(reps.length + 1);
    for (let region = 0; region < REGIONS.length; region++) {
      const cell = cellIndex(team, region);
      const cellIds: string[] = [];
      for (let k = 0; k < (sizes[cell] ?? 0); k++) {
        const id = repId(reps.length + 1);
        cellIds.push(id);
        cells[cell]?.push(reps.length);
        reps.push({
          id,
          name: uniquePersonName(random, region, names),
          managerId: managerOf(id, k, leadId, cellIds),
          region,
          team,
        });
      }
    }
  }
  return { reps, cells };
}

const SQUAD_SIZE = 8;

/** `k`: position in the cell; `cellIds`: ids of the cell so far. */
function managerOf(id: string, k: number, leadId: string, cellIds: readonly string[]): string {
  if (id === leadId) return '';
  if (k === 0) return leadId;
  if (k % SQUAD_SIZE === 0) return cellIds[0] ?? leadId;
  return cellIds[k - (k % SQUAD_SIZE)] ?? leadId;
}

function cellSizes(count: number): number[] {
  const weights = TEAMS.flatMap(() => REGION_SHARE.map((share) => share / TEAMS.length));
  const extra = count - weights.length;
  const exact = weights.map((weight) => weight * extra);
  const sizes = exact.map((value) => 1 + Math.floor(value));
  let missing = count - sizes.reduce((sum, size) => sum + size, 0);
  const byRemainder = exact
    .map((value, cell) => ({ cell, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.cell - b.cell);
  for (const { cell } of byRemainder) {
    if (missing-- <= 0) break;
    sizes[cell] = (sizes[cell] ?? 0) + 1;
  }
  return sizes;
}
