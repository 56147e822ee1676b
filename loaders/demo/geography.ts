/** Sales regions. Tables refer to a region by its index into REGIONS to keep per-row arrays small. */
export const REGIONS = ['North America', 'EMEA', 'APAC', 'LATAM'] as const;

export const NORTH_AMERICA = 0;
export const APAC = 2;

/** Share of accounts (and of sales reps) per region. */
export const REGION_SHARE: readonly number[] = [0.35, 0.3, 0.2, 0.15];

/** Offset of the region's main office from UTC: work happens in local business hours. */
export const REGION_UTC_OFFSET_HOURS: readonly number[] = [-5, 1, 8, -3];

export const INDUSTRIES = [
  'Software',
  'Financial Services',
  'Manufacturing',
  'Healthcare',
  'Retail',
  'Logistics',
  'Education',
  'Public Sector',
  'Telecommunications',
  'Energy',
] as const;
