import type { StateContext } from '../../../src/state/viewState.ts';

/**
 * What a model would offer the filter bar: values with spaces, '&', '=', '+' and Chinese text, so
 * that URL encoding is exercised, and ids whose code-unit order differs from numeric order (R10 < R2).
 */
export const CTX: StateContext = {
  options: {
    region: ['EMEA', 'APAC', 'North America', '华东'],
    product_line: ['Core', 'Add-on', 'Services & Support'],
    owner_id: ['R1', 'R2', 'R10'],
    team: ['Alpha', 'Beta', 'a=b+c'],
    campaign_id: ['C-1', 'C 2'],
    tier: [],
    pipeline: ['Sales Pipeline', '渠道 (Partner)'],
  },
  stages: ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Closed & Won', '赢单'],
};
