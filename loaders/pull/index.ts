import { writeStaged } from '../output.ts';
import type { PullContext } from './context.ts';
import { pullHubspot } from './hubspot.ts';
import { pullPipedrive } from './pipedrive.ts';
import { pullSalesforce } from './salesforce.ts';

export const PULL_SOURCES = { salesforce: pullSalesforce, hubspot: pullHubspot, pipedrive: pullPipedrive } as const;
export type PullSource = keyof typeof PULL_SOURCES;

/**
 * `pipescope pull`: fetches a CRM's objects into a staging folder beside `outDir` and swaps it in only when
 * every object arrived, so a failed pull (a refused token, a dead network) leaves the previous export in place.
 */
export async function pull(source: PullSource, outDir: string, ctx: Omit<PullContext, 'dir'>): Promise<void> {
  await writeStaged(outDir, 'export', (dir) => PULL_SOURCES[source]({ ...ctx, dir }));
}
