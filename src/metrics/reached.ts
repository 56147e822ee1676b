/**
 * The funnel's step rule, shared by the funnel and its deal list: a deal's highest step is the highest
 * open stage of its pipeline it ever entered, never below that pipeline's first open stage (precomputed at
 * build as opportunities.highest_open_order). A won deal has passed every open step of its pipeline.
 */
export const highestOpenStep = (alias: string): string => `${alias}.highest_open_order`;

/** A deal belongs to a stage's pipeline (a model without pipelines has NULL on both sides). */
export const samePipeline = (deal: string, stage: string): string =>
  `${deal}.pipeline IS NOT DISTINCT FROM ${stage}.pipeline`;
