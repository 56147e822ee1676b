/**
 * The funnel's step rule, shared by the funnel and its deal list: a deal's highest step is the highest
 * open stage it ever entered (precomputed at build as opportunities.highest_open_order), and never below
 * the first open stage, which every deal has reached by existing. A won deal has passed every open step.
 */
export const highestOpenStep = (alias: string): string =>
  `greatest(${alias}.highest_open_order, (SELECT min(stage_order) FROM stages WHERE kind = 'open'))`;
