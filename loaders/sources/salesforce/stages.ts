import type { ProblemLog } from '../../validate/problem.ts';
import type { CanonicalRecord } from '../staging/recordStager.ts';
import type { SfRow, SfRows } from './read.ts';

export interface SfStage {
  readonly origin: SfRow['origin'];
  readonly record: CanonicalRecord;
}

const kindOf = (closed: boolean, won: boolean): 'open' | 'won' | 'lost' => (won ? 'won' : closed ? 'lost' : 'open');

/** OpportunityStage: MasterLabel (the StageName value), SortOrder, DefaultProbability in percent, IsClosed/IsWon. */
export function stagesFromMetadata(stages: SfRows): SfStage[] {
  return stages.rows.map((r) => {
    const percent = r.get('DefaultProbability');
    return {
      origin: r.origin,
      record: {
        stage: r.get('MasterLabel') ?? r.get('ApiName'),
        stage_order: r.get('SortOrder'),
        probability: percent === null ? null : Number(percent) / 100,
        kind: kindOf(r.bool('IsClosed'), r.bool('IsWon')),
      },
    };
  });
}

/**
 * Without OpportunityStage.csv the stages are read off the opportunities: won/lost from IsWon/IsClosed, the
 * probability the deals carry most often, open stages ordered by that probability. Reported, because the
 * real order and default probabilities live only in the stage metadata.
 */
export function stagesFromOpportunities(opps: SfRows, log: ProblemLog): SfStage[] {
  const seen = new Map<
    string,
    { closed: boolean; won: boolean; probabilities: Map<number, number>; origin: SfRow['origin'] }
  >();
  // Deleted deals and earlier versions still name real stages: the stage list is metadata, not deals.
  for (const r of [...opps.rows, ...opps.deleted, ...opps.inactive]) {
    const name = r.get('StageName');
    if (name === null) continue;
    const s = seen.get(name) ?? {
      closed: r.bool('IsClosed'),
      won: r.bool('IsWon'),
      probabilities: new Map(),
      origin: r.origin,
    };
    const p = Number(r.get('Probability'));
    if (r.get('Probability') !== null && p >= 0 && p <= 100) s.probabilities.set(p, (s.probabilities.get(p) ?? 0) + 1);
    seen.set(name, s);
  }
  const typical = (m: Map<number, number>): number => [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  const list = [...seen].map(([name, s]) => ({
    name,
    kind: kindOf(s.closed, s.won),
    probability: s.won ? 100 : s.closed ? 0 : typical(s.probabilities),
    origin: s.origin,
  }));
  const rank = { open: 0, won: 1, lost: 2 } as const;
  list.sort((a, b) => rank[a.kind] - rank[b.kind] || a.probability - b.probability || a.name.localeCompare(b.name));
  if (list.length > 0) {
    log.warn({
      file: opps.raw.file,
      line: null,
      column: 'StageName',
      message: `there is no OpportunityStage.csv: ${list.length} stages were read off the opportunities, ordered by their probability`,
      hint: 'export OpportunityStage (MasterLabel, SortOrder, DefaultProbability, IsClosed, IsWon) for the real order and probabilities',
    });
  }
  return list.map((s, i) => ({
    origin: s.origin,
    record: { stage: s.name, stage_order: i + 1, probability: s.probability / 100, kind: s.kind },
  }));
}
