import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The model contract both sides share: what `pipescope data` writes into a model folder and what the CLI,
 * the site build and the browser read back — its manifest, schema version and file names.
 */

/** Bumped whenever a table or column of the model changes meaning, so old outputs are rebuilt, not misread. */
export const SCHEMA_VERSION = 3;

const inputFile = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
});

/**
 * manifest.json: what a model folder holds. Read back through this schema, so a hand-edited or
 * truncated manifest fails with a message naming the field instead of surfacing later as wrong numbers.
 */
export const manifestSchema = z.object({
  schema_version: z.number().int(),
  source: z.string(),
  /** The snapshot instant, ISO UTC. */
  as_of: z.iso.datetime(),
  built_at: z.iso.datetime(),
  /** The time zone timestamps without offset were read in, and calendar windows are read in. */
  tz: z.string(),
  fiscal_year_start_month: z.number().int().min(1).max(12),
  /** Reporting currency, when the input names one. */
  currency: z.string().nullable(),
  inputs: z.array(inputFile),
  /** `present: false` = the optional input was absent: views built on it say so instead of showing zeros. */
  tables: z.record(z.string(), z.object({ rows: z.number().int().nonnegative(), present: z.boolean() })),
  warnings: z.number().int().nonnegative(),
});

export type InputFile = z.infer<typeof inputFile>;
export type Manifest = z.infer<typeof manifestSchema>;

export const MANIFEST_FILE = 'manifest.json';

/** The Parquet file of one model table. */
export const tableFile = (table: string): string => `${table}.parquet`;

/** The browser's copy of the model, one DuckDB database file (DuckDB-WASM cannot read Parquet offline). */
export const BROWSER_DATABASE = 'pipescope.duckdb';

/** A model folder that cannot be used as it is: the user rebuilds it, so the CLI reports it as bad input. */
export class ManifestError extends Error {}

export async function readManifest(dataDir: string): Promise<Manifest> {
  const path = join(dataDir, MANIFEST_FILE);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ManifestError(`${path}: ${(error as Error).message} — run "pipescope data" again to rewrite the model`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ManifestError(
      `${path}: ${issue.path.join('.')}: ${issue.message} — run "pipescope data" again to rewrite the model`,
    );
  }
  const manifest = parsed.data;
  if (manifest.schema_version !== SCHEMA_VERSION) {
    throw new ManifestError(
      `${dataDir} was built by another Pipescope version (schema ${manifest.schema_version}, expected ${SCHEMA_VERSION}); run "pipescope data" again`,
    );
  }
  return manifest;
}

/**
 * Throws a ManifestError when the model folder lacks a file its manifest lists (a Parquet file per table) or
 * one of `also` (the browser database, for a site): a model copied in part is the user's to rebuild, and
 * must not surface later as an engine error.
 */
export function checkModelFiles(dataDir: string, manifest: Manifest, also: readonly string[] = []): void {
  const missing = [...Object.keys(manifest.tables).map(tableFile), ...also].filter(
    (file) => !existsSync(join(dataDir, file)),
  );
  if (missing.length > 0) {
    throw new ManifestError(
      `${dataDir} is not a complete model: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing — run "pipescope data" again to rewrite the model`,
    );
  }
}
