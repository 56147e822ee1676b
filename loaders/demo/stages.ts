/** The demo's sales process, modelled on a common B2B pipeline (stages.csv). */
export interface Stage {
  name: string;
  order: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
}

export const OPEN_STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Contract'] as const;
export const WON_STAGE = 'Closed Won';
export const LOST_STAGE = 'Closed Lost';

export const STAGES: readonly Stage[] = [
  { name: 'Prospecting', order: 1, probability: 0.1, kind: 'open' },
  { name: 'Qualification', order: 2, probability: 0.2, kind: 'open' },
  { name: 'Proposal', order: 3, probability: 0.4, kind: 'open' },
  { name: 'Negotiation', order: 4, probability: 0.6, kind: 'open' },
  { name: 'Contract', order: 5, probability: 0.8, kind: 'open' },
  { name: WON_STAGE, order: 6, probability: 1, kind: 'won' },
  { name: LOST_STAGE, order: 7, probability: 0, kind: 'lost' },
];
