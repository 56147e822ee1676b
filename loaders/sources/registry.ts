import { canonicalSource } from './canonical/index.ts';
import { hubspotSource } from './hubspot/index.ts';
import { mappedSource } from './mapped/index.ts';
import { pipedriveSource } from './pipedrive/index.ts';
import { postgresSource } from './postgres/index.ts';
import { salesforceSource } from './salesforce/index.ts';
import { wukongSource } from './wukong/index.ts';
import type { Source } from './source.ts';

export const SOURCE_KINDS = [
  'canonical',
  'salesforce',
  'hubspot',
  'pipedrive',
  'wukong',
  'mapped',
  'postgres',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Every `--source` kind and the module that reads it. */
export const SOURCES: Record<SourceKind, Source> = {
  canonical: canonicalSource,
  hubspot: hubspotSource,
  mapped: mappedSource,
  pipedrive: pipedriveSource,
  postgres: postgresSource,
  salesforce: salesforceSource,
  wukong: wukongSource,
};
