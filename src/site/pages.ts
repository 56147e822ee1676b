/**
 * The site's pages in navigation order, with their paths under the base. The rep pages (`reps/<slug>/`)
 * belong to "reps" in the navigation.
 */
export const PAGES = [
  'overview',
  'funnel',
  'regions',
  'products',
  'campaigns',
  'reps',
  'cycle',
  'receivables',
] as const;
export type PageKey = (typeof PAGES)[number];

export const PAGE_PATHS: Record<PageKey, string> = {
  overview: '',
  funnel: 'funnel/',
  regions: 'regions/',
  products: 'products/',
  campaigns: 'campaigns/',
  reps: 'reps/',
  cycle: 'cycle/',
  receivables: 'receivables/',
};

/**
 * A rep's page path segment: the id itself when it is URL-safe (`R-01`, Salesforce ids), otherwise its
 * UTF-8 bytes in hex behind `x-`, which is unique and safe for any id (names, CJK, slashes).
 */
export function repSlug(repId: string): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(repId) && !repId.startsWith('x-')) return repId;
  return `x-${[...new TextEncoder().encode(repId)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
