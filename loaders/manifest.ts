import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Bumped whenever a table or column of the model changes meaning, so old outputs are rebuilt, not misread. */
export const SCHEMA_VERSION = 1;

export interface InputFile {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly rows: number;
}

export interface Manifest {
  readonly schema_version: number;
  readonly source: string;
  /** The snapshot instant, ISO UTC. */
  readonly as_of: string;
  readonly built_at: string;
  /** The time zone timestamps without offset were read in, and calendar windows are read in. */
  readonly tz: string;
  readonly fiscal_year_start_month: number;
  /** Reporting currency, when the input names one. */
  readonly currency: string | null;
  readonly inputs: readonly InputFile[];
  /** `present: false` = the optional input was absent: views built on it say so instead of showing zeros. */
  readonly tables: Readonly<Record<string, { readonly rows: number; readonly present: boolean }>>;
  readonly warnings: number;
}

export const MANIFEST_FILE = 'manifest.json';

export async function readManifest(dataDir: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(join(dataDir, MANIFEST_FILE), 'utf8')) as Manifest;
  if (manifest.schema_version !== SCHEMA_VERSION) {
    throw new Error(`${dataDir} was built by another Pipescope version (schema ${manifest.schema_version}, expected ${SCHEMA_VERSION}); run "pipescope data" again`);
  }
  return manifest;
}
