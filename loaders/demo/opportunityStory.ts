import type { Random } from './rng.ts';
import { LOST_STAGE, OPEN_STAGES, WON_STAGE } from './stages.ts';
import { AS_OF_MS, DAY_MS } from './time.ts';

/** One stage_history row. */
export interface StageRow {
  stage: string;
  atMs: number;
}

export interface DealStory {
  /** Rows as the CRM logged them, oldest first; the first is at the deal's creation. */
  history: StageRow[];
  /** Where the deal is at the as-of instant. */
  stage: string;
  outcome: 'open' | 'won' | 'lost';
  /** Instant of the Closed Won / Closed Lost row; null while open. */
  closedMs: number | null;
}

/** Chance to move on from each open stage at the end of a stint (else the deal is lost): about 1 in 4 deals is won. */
const ADVANCE = [0.75, 0.73, 0.66, 0.78, 0.9];
/** Mean days in each open stage: proposals and negotiations take longest. */
const DWELL_MEAN_DAYS = [9, 14, 20, 16, 8];
/** Bigger accounts decide more slowly (VIP, Key, Standard). */
const TIER_PACE = [1.6, 1.25, 1];
/** Some stints get stuck for weeks or months (champion left, budget freeze). */
const STUCK_CHANCE = 0.05;
const STUCK_FACTOR: [number, number] = [4, 12];
/** Inbound deals that arrive already qualified. */
const START_QUALIFIED_CHANCE = 0.04;
/** Reps sometimes jump a stage (Qualification → Negotiation). */
const SKIP_CHANCE = 0.045;
/** Negotiation sometimes sends a deal back to Proposal (new scope, new quote). */
const BACK_TO_PROPOSAL_CHANCE = 0.15;
/** CRMs log an amount or date edit as another row with the same stage. */
const EDIT_ROW_CHANCE = 0.02;
const NEGOTIATION = 3;
const PROPOSAL = 2;
const LAST_OPEN = OPEN_STAGES.length - 1;
/** Consecutive rows are at least a minute apart, so a re-entry never ties with the row before it. */
const MIN_STINT_MS = 60_000;

/**
 * Walks one deal through the pipeline from its creation: a dwell per stint (Erlang-2 around a
 * stage mean), then advance, skip, go back or lose. Stops at the as-of instant if still open.
 */
export function tellDealStory(random: Random, createdMs: number, tier: number): DealStory {
  const pace = TIER_PACE[tier] ?? 1;
  let stage = random.chance(START_QUALIFIED_CHANCE) ? 1 : 0;
  let atMs = createdMs;
  let wentBack = false;
  const history: StageRow[] = [{ stage: openStage(stage), atMs }];
  for (;;) {
    const dwellMs = stintDays(random, stage, pace) * DAY_MS;
    const leaveMs = atMs + Math.max(MIN_STINT_MS, Math.round(dwellMs / 1000) * 1000);
    if (random.chance(EDIT_ROW_CHANCE)) {
      const editMs = atMs + Math.round((random.between(0.2, 0.8) * (leaveMs - atMs)) / 1000) * 1000;
      if (editMs <= AS_OF_MS) history.push({ stage: openStage(stage), atMs: editMs });
    }
    if (leaveMs > AS_OF_MS) return { history, stage: openStage(stage), outcome: 'open', closedMs: null };
    atMs = leaveMs;
    if (stage === NEGOTIATION && !wentBack && random.chance(BACK_TO_PROPOSAL_CHANCE)) {
      wentBack = true;
      stage = PROPOSAL;
    } else if (!random.chance(ADVANCE[stage] ?? 0)) {
      history.push({ stage: LOST_STAGE, atMs });
      return { history, stage: LOST_STAGE, outcome: 'lost', closedMs: atMs };
    } else if (stage === LAST_OPEN) {
      history.push({ stage: WON_STAGE, atMs });
      return { history, stage: WON_STAGE, outcome: 'won', closedMs: atMs };
    } else {
      stage += stage + 2 <= LAST_OPEN && random.chance(SKIP_CHANCE) ? 2 : 1;
    }
    history.push({ stage: openStage(stage), atMs });
  }
}

/**
 * The close date a rep expects for an open deal: a typical cycle after creation. When that has
 * passed, about half the reps have pushed it out; the rest leave it overdue, and a few never set one.
 */
export function expectedCloseMs(random: Random, createdMs: number, tier: number): number | null {
  if (random.chance(0.03)) return null;
  const typicalCycleDays = DWELL_MEAN_DAYS.reduce((sum, days) => sum + days, 0) * (TIER_PACE[tier] ?? 1);
  const expectedMs = createdMs + typicalCycleDays * random.between(0.7, 1.5) * DAY_MS;
  if (expectedMs < AS_OF_MS && random.chance(0.55)) return AS_OF_MS + random.int(7, 120) * DAY_MS;
  return expectedMs;
}

function stintDays(random: Random, stage: number, pace: number): number {
  const mean = (DWELL_MEAN_DAYS[stage] ?? 10) * pace;
  const days = (random.exponential(mean) + random.exponential(mean)) / 2;
  return random.chance(STUCK_CHANCE) ? days * random.between(STUCK_FACTOR[0], STUCK_FACTOR[1]) : days;
}

function openStage(index: number): string {
  return OPEN_STAGES[index] ?? OPEN_STAGES[0];
}
